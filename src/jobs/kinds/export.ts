/** `export`: the pseudonymised interaction log of consenting students (src/collect/log-export.ts), one JSONL file. */
import path from 'node:path';
import { z } from 'zod';
import { commitLogExport, writeLogExport } from '../../collect/log-export.ts';
import { resolvePseudonymKey } from '../../collect/pseudonym.ts';
import { defineKind } from '../types.ts';

export const exportKind = defineKind({
  description: 'the interaction log of consenting students, pseudonymised, as JSONL in DATA_DIR/exports',
  params: z.object({}),
  maxAttempts: 3,
  backoffMs: 2000,
  async run(ctx) {
    const written = await writeLogExport(ctx.db, {
      jobId: ctx.jobId,
      dir: path.resolve(ctx.config.DATA_DIR, 'exports'),
      scratch: ctx.scratch,
      key: resolvePseudonymKey(ctx.config),
      signal: ctx.signal,
      onPage: (rows) => ctx.progress(0, `${rows} events written`),
    });
    return {
      result: { file: written.final, rows: written.rows, students: written.students },
      commit: (tx) => commitLogExport(tx, written, { jobId: ctx.jobId, requestedBy: ctx.requestedBy }),
    };
  },
});
