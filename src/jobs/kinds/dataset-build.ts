/**
 * `dataset_build`: src/dataset/build.ts as a job. The builder writes into a temporary folder
 * and renames + registers only when complete (and sweeps the folders of killed builds), so a
 * worker killed midway leaves nothing registered and the retried job starts over; the same
 * database, inputs and seed give the same bytes, so the retry registers what a clean run would.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { resolvePseudonymKey } from '../../collect/pseudonym.ts';
import { PHASE_MODES } from '../../dataset/phase.ts';
import { defineKind, PermanentJobError } from '../types.ts';
import { testPause } from './test-pause.ts';

/** Newlines in these files: the synthetic share of the records a build reads, for its progress. */
const folderName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (1–64, not starting with . _ -)');

export const datasetBuildKind = defineKind({
  description: 'build a versioned training dataset (JSONL + Parquet, manifest, card) into DATA_DIR/datasets and register it',
  params: z.object({
    name: folderName,
    seed: z.string().min(1).max(100).default('dataset-v1'),
    /** Synthetic-pair folders by name, under DATA_DIR/synth (never a path: the API must not read arbitrary files). */
    synth: z.array(folderName).max(20).default([]),
    phase: z.enum(PHASE_MODES).default('auto'),
    includeSimulated: z.boolean().default(false),
    contentPairs: z.boolean().default(true),
  }),
  maxAttempts: 3,
  backoffMs: 5000,
  async run(ctx, p) {
    // Loaded when a job runs, not when the API starts.
    const [{ buildDataset }, { countCandidates }, { countSynthLines }] = await Promise.all([
      import('../../dataset/build.ts'),
      import('../../dataset/read-db.ts'),
      import('../../dataset/read-synth.ts'),
    ]);
    const synthDirs = p.synth.map((s) => path.resolve(ctx.config.DATA_DIR, 'synth', s));
    const missing = p.synth.filter((_, i) => !existsSync(synthDirs[i]));
    if (missing.length) throw new PermanentJobError(`no synthetic set named ${missing.join(', ')} in DATA_DIR/synth`);
    const total = Math.max(1, (await countCandidates(ctx.db)) + (await countSynthLines(synthDirs)));
    const pause = testPause(ctx.config);
    const built = await buildDataset(ctx.db, {
      name: p.name,
      outDir: path.resolve(ctx.config.DATA_DIR, 'datasets'),
      key: resolvePseudonymKey(ctx.config),
      seed: p.seed,
      synthDirs,
      phase: p.phase,
      includeSimulated: p.includeSimulated,
      contentPairs: p.contentPairs,
      signal: ctx.signal,
      onRead: (n) => {
        // Reading is most of the work; the last 10% is writing and registering.
        ctx.progress(Math.min(0.9, (0.9 * n) / total), `${n} records read`);
        pause();
      },
    });
    return { result: { datasetId: built.id, path: built.path, pairs: built.manifest.counts.total } };
  },
});
