/**
 * `synth`: synthetic training pairs (src/synth/generate.ts) into DATA_DIR/synth/<name>, the
 * folder `dataset_build` reads by name. Written in scratch and renamed into place on
 * success. Generation is synchronous: a cancellation takes effect when it ends.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AI_TASKS } from '../../db/enums.ts';
import { defineKind, PermanentJobError } from '../types.ts';

export const synthKind = defineKind({
  description: 'generate synthetic training pairs into DATA_DIR/synth/<name>',
  params: z.object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (1–64, not starting with . _ -)'),
    pairs: z.number().int().min(1).max(1_000_000).default(50_000),
    seed: z.string().min(1).max(100).default('synth-v1'),
    mix: z.partialRecord(z.enum(AI_TASKS), z.number().positive().max(1000)).optional(),
    perSkill: z.number().int().min(2).max(500).default(126),
  }),
  maxAttempts: 2,
  backoffMs: 5000,
  async run(ctx, p) {
    // Loaded when a job runs, not when the API starts.
    const [{ bankCacheDir, cachedBank }, { loadLessons }, { writeSynth }, { buildContext }] = await Promise.all([
      import('../../content/bank-cache.ts'),
      import('../../content/lessons/index.ts'),
      import('../../synth/generate.ts'),
      import('../../synth/pairs.ts'),
    ]);
    const final = path.resolve(ctx.config.DATA_DIR, 'synth', p.name);
    if (existsSync(final)) throw new PermanentJobError(`synthetic set ${p.name} already exists; pick another name`);
    const out = path.join(ctx.scratch, 'out');
    const { items } = cachedBank({ perSkill: p.perSkill, dir: bankCacheDir(ctx.config.DATA_DIR) });
    const stats = writeSynth(out, buildContext(items, loadLessons()), { pairs: p.pairs, seed: p.seed, mix: p.mix }, (n) => {
      if (n % 1000 === 0) ctx.progress(n / p.pairs, `${n} pairs`);
    });
    return {
      result: { name: p.name, path: final, written: stats.written, requested: p.pairs },
      async commit() {
        mkdirSync(path.dirname(final), { recursive: true });
        renameSync(out, final);
      },
    };
  },
});
