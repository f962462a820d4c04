/**
 * `model_train`: `satprep model train` as a job — a synthetic pairs set (DATA_DIR/synth/<name>)
 * or a registered dataset's io split in, a language model registered as a candidate out.
 *
 * Crash safety: checkpoints go to a work folder named after the job (DATA_DIR/models/lm-work/
 * job-<id>), not to the attempt's scratch, so the next attempt after a killed worker resumes
 * from the last checkpoint; resume is exact (src/model/train.ts), so the weights, and with them
 * the registered version (a hash of weights, config and tokenizer), equal a clean run's. The
 * model is registered only in the job's success transaction.
 *
 * Training runs on a worker thread (model-train-thread.ts), so the worker's event loop keeps
 * renewing its BullMQ lock, polling for a cancellation (which terminates the thread; the next
 * try resumes from the checkpoint) and writing progress while the model trains.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { datasets } from '../../db/schema/index.ts';
import { startThread } from '../../lib/thread.ts';
import { PRESETS, type PresetName } from '../../model/config.ts';
import type { TrainRunOptions } from '../../model/train-run.ts';
import { defineKind, PermanentJobError } from '../types.ts';
import type { TrainThreadIn, TrainThreadOut } from './model-train-thread.ts';

/** Runs the training thread to its end; an abort terminates it (its checkpoints stay for the next try). */
function trainOnThread(input: TrainThreadIn, signal: AbortSignal, onProgress: (m: Extract<TrainThreadOut, { type: 'progress' }>) => void) {
  return new Promise<Extract<TrainThreadOut, { type: 'done' }>['meta']>((resolve, reject) => {
    const w = startThread(new URL('./model-train-thread.ts', import.meta.url), { workerData: input });
    let settled = false;
    const end = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      f();
      void w.terminate();
    };
    const onAbort = () => end(() => reject(signal.reason as Error));
    signal.addEventListener('abort', onAbort, { once: true });
    w.on('message', (m: TrainThreadOut) => {
      if (m.type === 'progress') onProgress(m);
      else if (m.type === 'done') end(() => resolve(m.meta));
      else end(() => reject(new Error(m.message)));
    });
    w.on('error', (err) => end(() => reject(err)));
    w.on('exit', (code) => end(() => reject(new Error(`training thread exited with code ${code}`))));
  });
}

const folderName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (1–64, not starting with . _ -)');

const params = z
  .object({
    synth: folderName.optional(),
    /** A registered dataset (`name@vN`) built with the io format. */
    dataset: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}@v\d{1,6}$/, 'a dataset id like name@v1').optional(),
    preset: z.enum(Object.keys(PRESETS) as [PresetName, ...PresetName[]]).default('small'),
    steps: z.number().int().min(1).max(1_000_000).default(1000),
    batchSize: z.number().int().min(1).max(256).default(8),
    lr: z.number().positive().max(1).default(2e-3),
    seed: z.string().min(1).max(100).default('sft'),
    /** Use only the first N pairs. */
    limit: z.number().int().min(2).max(10_000_000).optional(),
  })
  .refine((p) => (p.synth === undefined) !== (p.dataset === undefined), { message: 'give exactly one of synth, dataset' });

export type ModelTrainParams = z.output<typeof params>;

/** The training run that a job's parameters stand for (the crash test trains it in-process as its clean reference). */
export function trainRunOptions(p: ModelTrainParams, data: string, outDir: string): Omit<TrainRunOptions, 'onProgress'> {
  const every = Math.max(1, Math.min(100, Math.floor(p.steps / 5)));
  return {
    data, outDir, preset: p.preset, seed: p.seed, limit: p.limit, resume: true,
    train: { maxSteps: p.steps, batchSize: p.batchSize, lr: p.lr, evalEvery: every, checkpointEvery: every },
  };
}

export const modelTrainKind = defineKind({
  description: 'train the in-house language model on a synthetic set (DATA_DIR/synth/<synth>) or a registered dataset and register it as a candidate',
  params,
  maxAttempts: 3,
  backoffMs: 5000,
  async run(ctx, p) {
    // Loaded when a job runs, not when the API starts.
    const [{ registerLm, lmArtifactRoot }, { synthFiles }] = await Promise.all([import('../../model/registry.ts'), import('../../dataset/read-synth.ts')]);
    let data: string;
    let datasetId: string | undefined;
    if (p.synth) {
      const dir = path.resolve(ctx.config.DATA_DIR, 'synth', p.synth);
      const files = existsSync(dir) ? synthFiles(dir) : [];
      if (files.length !== 1) throw new PermanentJobError(`synthetic set ${p.synth} must hold exactly one .jsonl file in DATA_DIR/synth (found ${files.length})`);
      data = files[0];
    } else {
      const [row] = await ctx.db.select().from(datasets).where(eq(datasets.id, p.dataset!));
      data = row ? path.join(row.path, 'io', 'train.jsonl') : '';
      if (!row || !existsSync(data)) throw new PermanentJobError(`no dataset ${p.dataset} with an io training split`);
      datasetId = row.id;
    }
    const work = path.resolve(ctx.config.DATA_DIR, 'models', 'lm-work', `job-${ctx.jobId}`);
    ctx.signal.throwIfAborted();
    const meta = await trainOnThread(
      { ...trainRunOptions(p, data, work), testDelayMs: ctx.config.JOB_TEST_DELAY_MS },
      ctx.signal,
      (m) => ctx.progress(m.step / m.steps, `step ${m.step}/${m.steps}, loss ${m.loss.toFixed(3)}`),
    );
    return {
      result: { steps: meta.steps, finalLoss: meta.finalLoss, valLoss: meta.valLoss, pairs: meta.data.pairs },
      async commit(tx) {
        const { row, created } = await registerLm(tx, { dir: work, root: lmArtifactRoot(ctx.config.DATA_DIR), datasetId, train: meta });
        rmSync(work, { recursive: true, force: true });
        return { modelId: row.id, version: row.version, path: row.path, created };
      },
    };
  },
});
