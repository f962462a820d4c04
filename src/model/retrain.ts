/**
 * `satprep retrain`, the origin plan's periodic refresh, top to bottom:
 *   1. dataset build   the newest consented interactions (and synthetic pairs) → io JSONL
 *   2. train           warm start from the active model (its tokenizer kept), `epochs` passes
 *                      over the new training split; from scratch with `preset` when none is active
 *   3. register        the result is a candidate
 *   4. eval + promote  on a fixed held-out set with structured inputs (default: the active
 *                      model's heldout.jsonl, so successive models are compared on the same inputs;
 *                      dataset files carry rendered prompts only, which the task checks cannot use)
 * `retrainAsJob` records the run as a `jobs` row (kind `retrain`) with progress and, at the end,
 * its figures or its error; a job worker can instead call `retrain` with its own progress hook.
 */
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { resolvePseudonymKey } from '../collect/pseudonym.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { buildDataset, type BuildOptions } from '../dataset/build.ts';
import { makeDirs, unmakeDirs } from '../dataset/made-dirs.ts';
import { parseCron, scheduleCron, type CronClock } from '../lib/cron.ts';
import type { ModelConfig, PresetName } from './config.ts';
import type { EvalOptions } from './eval/run.ts';
import type { EvalSummary } from './eval/summary.ts';
import { promoteIfBetter, type PromotionCriteria } from './promote.ts';
import { activeLm, lmArtifactRoot, registerLm } from './registry.ts';
import { trainFromFile } from './train-run.ts';
import type { TrainConfig } from './train.ts';

export const RETRAIN_JOB_KIND = 'retrain';

export interface RetrainOptions {
  dataDir: string;
  /** Pseudonym key for the dataset build (collect/pseudonym.ts). */
  key: Uint8Array;
  seed?: string;
  synthDirs?: string[];
  includeSimulated?: boolean;
  /** Further dataset build options (phase, balance, …). */
  dataset?: Partial<Omit<BuildOptions, 'name' | 'outDir' | 'key' | 'seed' | 'synthDirs' | 'includeSimulated' | 'formats' | 'parquet'>>;
  /** Passes over the new data (default 1: the origin plan's 1–2 epoch refresh). */
  epochs?: number;
  train?: Partial<TrainConfig>;
  /** Used only when no model is active. */
  preset?: PresetName;
  model?: Partial<ModelConfig>;
  evalFile?: string;
  eval?: Omit<EvalOptions, 'evalFile'>;
  criteria?: PromotionCriteria;
  progress?: (fraction: number, message: string) => void;
}

export interface RetrainResult {
  dataset: { id: string; path: string; trainPairs: number; bySplit: Record<string, number> };
  warmStart: string | null;
  candidate: { id: string; created: boolean; steps: number; seconds: number; finalLoss: number | null; valLoss: number | null };
  promoted: boolean;
  reasons: string[];
  active: string;
  evals: { candidate: EvalSummary | null; previous: EvalSummary | null };
  seconds: number;
}

export async function retrain(db: Db, o: RetrainOptions): Promise<RetrainResult> {
  const t0 = performance.now();
  const seed = o.seed ?? 'retrain';
  const say = o.progress ?? (() => {});

  say(0.05, 'building the dataset');
  const ds = await buildDataset(db, {
    ...o.dataset, name: 'lm-retrain', outDir: path.join(o.dataDir, 'datasets'), key: o.key, seed,
    synthDirs: o.synthDirs, includeSimulated: o.includeSimulated, formats: ['io'], parquet: false,
  });
  const trainFile = path.join(ds.path, 'io', 'train.jsonl');
  const trainPairs = ds.manifest.counts.bySplit.train ?? 0;
  if (trainPairs < 2) throw new Error(`dataset ${ds.id} has ${trainPairs} training pairs: nothing to retrain on`);

  const active = await activeLm(db);
  say(0.2, `training on ${trainPairs} pairs${active ? `, warm start from ${active.id}` : ''}`);
  // The work folder is this run's own (named after its dataset version) and a retrain never resumes,
  // so training that fails takes it away, and the folders above it that it made, rather than leaving
  // an empty or half-trained folder for no one.
  const work = makeDirs(path.join(o.dataDir, 'models', 'lm-work', `retrain-${ds.version}`));
  let run: ReturnType<typeof trainFromFile>;
  try {
    run = trainFromFile({
      data: trainFile, outDir: work.dir,
      preset: o.preset ?? 'small', model: o.model, seed, train: o.train, epochs: o.epochs ?? 1,
      warmStart: active?.path, valFraction: 0.02,
      onProgress: (p) => say(0.2 + 0.5 * (p.step / p.steps), `training: step ${p.step}/${p.steps}, loss ${p.loss.toFixed(3)}`),
    });
  } catch (err) {
    unmakeDirs(work, { contents: true });
    throw err;
  }
  const { row, created } = await registerLm(db, { dir: run.dir, root: lmArtifactRoot(o.dataDir), datasetId: ds.id, train: run.meta });

  say(0.75, `evaluating ${row.id}${active ? ` against ${active.id}` : ''}`);
  const evalFile = o.evalFile ?? (active ? path.join(active.path, 'heldout.jsonl') : undefined);
  const p = await promoteIfBetter(db, row.version, { evalFile, eval: o.eval, criteria: o.criteria });
  say(1, p.promoted ? `promoted ${row.id}` : `kept ${active?.id} active`);
  return {
    dataset: { id: ds.id, path: ds.path, trainPairs, bySplit: ds.manifest.counts.bySplit },
    warmStart: active?.id ?? null,
    candidate: { id: row.id, created, steps: run.meta.steps, seconds: run.meta.seconds, finalLoss: run.meta.finalLoss, valLoss: run.meta.valLoss },
    promoted: p.promoted, reasons: p.reasons, active: p.promoted ? row.id : (active?.id ?? row.id),
    evals: { candidate: p.candidateEval, previous: p.activeEval },
    seconds: (performance.now() - t0) / 1000,
  };
}

/** `retrain` recorded as a `jobs` row: running with progress, then succeeded with the figures or failed with the error. */
export async function retrainAsJob(db: Db, o: RetrainOptions, params: Record<string, unknown> = {}): Promise<{ jobId: string; result: RetrainResult }> {
  const [job] = await db.insert(jobs).values({ kind: RETRAIN_JOB_KIND, status: 'running', params, attempts: 1, startedAt: new Date() }).returning({ id: jobs.id });
  let last = 0;
  // Row writes in order, one per 5 %, and all done before the final one.
  let writes = Promise.resolve();
  const progress = (fraction: number, message: string) => {
    o.progress?.(fraction, message);
    if (fraction - last < 0.05 && fraction < 1) return;
    last = fraction;
    writes = writes.then(() => db.update(jobs).set({ progress: fraction, message }).where(eq(jobs.id, job.id))).then(() => {}, () => {});
  };
  try {
    const result = await retrain(db, { ...o, progress });
    await writes;
    await db.update(jobs).set({ status: 'succeeded', progress: 1, message: result.promoted ? `promoted ${result.candidate.id}` : `kept ${result.active}`, result: { ...result }, finishedAt: new Date() }).where(eq(jobs.id, job.id));
    return { jobId: job.id, result };
  } catch (err) {
    await writes;
    await db.update(jobs).set({ status: 'failed', error: (err as Error).message, finishedAt: new Date() }).where(eq(jobs.id, job.id));
    throw err;
  }
}

/**
 * The retraining schedule a worker process runs (LM_RETRAIN_CRON; null when `off`): each
 * instant, one `retrainAsJob`; instants missed while one runs are skipped.
 */
export function startRetrainSchedule(
  db: Db,
  config: Pick<Config, 'LM_RETRAIN_CRON' | 'DATA_DIR' | 'PSEUDONYM_KEY'>,
  opts: { clock?: CronClock; options?: Partial<RetrainOptions>; onDone?: (r: { jobId: string; result: RetrainResult }) => void; onError?: (err: unknown) => void } = {},
): { next(): Date | null; stop(): void } | null {
  if (config.LM_RETRAIN_CRON === 'off') return null;
  return scheduleCron(
    parseCron(config.LM_RETRAIN_CRON),
    async (at) => {
      const r = await retrainAsJob(db, { dataDir: config.DATA_DIR, key: resolvePseudonymKey(config), seed: `retrain/${at.toISOString()}`, ...opts.options }, { schedule: config.LM_RETRAIN_CRON, at: at.toISOString() });
      opts.onDone?.(r);
    },
    { clock: opts.clock, onError: opts.onError },
  );
}
