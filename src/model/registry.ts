/**
 * Trained language models in the `models` table (kind `lm`), the registry the SEL models use
 * too. Registering copies a model directory's serving files into the artifact folder
 * `DATA_DIR/models/lm/<version>/`, so later training in the same work folder cannot change a
 * registered model. The version is the first 12 hex digits of the SHA-256 of the weights,
 * config and tokenizer: the same training registers once. A new model is a `candidate`; only
 * promote.ts makes one `active` (and retires the previous one), and only ai/ serving reads it.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { isAiTask, type AiTaskName } from '../db/enums.ts';
import { models } from '../db/schema/index.ts';
import { notFound } from '../lib/errors.ts';
import type { EvalSummary } from './eval/summary.ts';

export const LM_NAME = 'lm';
export type ModelRow = typeof models.$inferSelect;

/** What `model train` records about a run (train.json in the artifact folder). */
export interface TrainMeta {
  preset: string;
  params: number;
  data: { file: string; sha256: string; pairs: number; train: number; heldout: number };
  seed: string;
  steps: number;
  seconds: number;
  finalLoss: number | null;
  valLoss: number | null;
  warmStart: string | null;
  config: Record<string, unknown>;
  /** The loss curve, thinned to at most `CURVE_POINTS` points each: [step, training loss] and [step, validation loss]. */
  curve?: { loss: [number, number][]; val: [number, number][] };
  /** Training pairs per task: the tasks the model may be asked for. */
  tasks?: Record<string, number>;
}

export interface LmMetrics {
  train?: TrainMeta;
  /** Evaluation summaries by eval key (eval set + settings), so two models are compared on the same inputs. */
  evals?: Record<string, EvalSummary>;
}

/** Files a model directory must have to be served, and the ones kept beside them when present. */
export const SERVING_FILES = ['model.safetensors', 'config.json', 'tokenizer.json'] as const;
export const KEPT_FILES = ['heldout.jsonl', 'train.json'] as const;

export const lmArtifactRoot = (dataDir: string) => path.resolve(dataDir, 'models', 'lm');
export const lmId = (version: string) => `${LM_NAME}@${version}`;

export function modelVersion(dir: string): string {
  const h = createHash('sha256');
  for (const f of SERVING_FILES) h.update(readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

export const metricsOf = (row: ModelRow): LmMetrics => row.metrics as LmMetrics;

/**
 * The tasks a registered model was trained on: from its training record, else from the
 * held-out pairs kept beside its weights (which come from the same data; models trained before
 * the record had `tasks`), else null — unknown, so any task.
 */
export function trainedTasks(row: ModelRow): ReadonlySet<AiTaskName> | null {
  const recorded = metricsOf(row).train?.tasks;
  if (recorded) return new Set(Object.keys(recorded).filter(isAiTask));
  const heldout = path.join(row.path, 'heldout.jsonl');
  if (!existsSync(heldout)) return null;
  const tasks = new Set<AiTaskName>();
  for (const line of readFileSync(heldout, 'utf8').split('\n')) {
    if (!line) continue;
    const task = (JSON.parse(line) as { task?: string }).task;
    if (task && isAiTask(task)) tasks.add(task);
  }
  return tasks.size ? tasks : null;
}

export async function activeLm(db: Db): Promise<ModelRow | null> {
  const [row] = await db.select().from(models).where(and(eq(models.kind, 'lm'), eq(models.status, 'active'))).limit(1);
  return row ?? null;
}

export async function listLm(db: Db): Promise<ModelRow[]> {
  return db.select().from(models).where(eq(models.kind, 'lm')).orderBy(desc(models.createdAt), desc(models.id));
}

/** By version (`3f2a…`) or id (`lm@3f2a…`). */
export async function getLm(db: Db, version: string): Promise<ModelRow> {
  const v = version.startsWith(`${LM_NAME}@`) ? version.slice(LM_NAME.length + 1) : version;
  const [row] = await db.select().from(models).where(and(eq(models.kind, 'lm'), eq(models.version, v)));
  if (!row) throw notFound(`no language model with version ${v} is registered`);
  return row;
}

export async function registerLm(
  db: Db, opts: { dir: string; root: string; datasetId?: string; train?: TrainMeta },
): Promise<{ row: ModelRow; created: boolean }> {
  for (const f of SERVING_FILES) if (!existsSync(path.join(opts.dir, f))) throw new Error(`${opts.dir} has no ${f}`);
  const version = modelVersion(opts.dir);
  const [existing] = await db.select().from(models).where(eq(models.id, lmId(version)));
  if (existing) return { row: existing, created: false };
  const target = path.join(path.resolve(opts.root), version);
  mkdirSync(target, { recursive: true });
  for (const f of [...SERVING_FILES, ...KEPT_FILES]) if (existsSync(path.join(opts.dir, f))) cpSync(path.join(opts.dir, f), path.join(target, f));
  const train = opts.train ?? (existsSync(path.join(target, 'train.json')) ? (JSON.parse(readFileSync(path.join(target, 'train.json'), 'utf8')) as TrainMeta) : undefined);
  const metrics: LmMetrics = { ...(train ? { train } : {}), evals: {} };
  const [row] = await db.insert(models).values({
    id: lmId(version), name: LM_NAME, version, kind: 'lm', status: 'candidate', path: target, datasetId: opts.datasetId, metrics: { ...metrics },
  }).returning();
  return { row, created: true };
}

/** Stores an evaluation summary under its key; the row's other metrics are kept. */
export async function recordEval(db: Db, version: string, summary: EvalSummary): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(models).where(and(eq(models.kind, 'lm'), eq(models.version, version))).for('update');
    if (!row) throw notFound(`no language model with version ${version} is registered`);
    const m = metricsOf(row);
    const metrics: LmMetrics = { ...m, evals: { ...m.evals, [summary.key]: summary } };
    const [updated] = await tx.update(models).set({ metrics: { ...metrics } }).where(eq(models.id, row.id)).returning();
    return updated;
  });
}

/** Makes `version` the active model; the one active before is retired. No criteria here: promote.ts decides. */
export async function setActiveLm(db: Db, version: string): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(models).where(and(eq(models.kind, 'lm'), eq(models.version, version)));
    if (!row) throw notFound(`no language model with version ${version} is registered`);
    await tx.update(models).set({ status: 'retired' }).where(and(eq(models.kind, 'lm'), eq(models.status, 'active')));
    const [promoted] = await tx.update(models).set({ status: 'active', promotedAt: new Date() }).where(eq(models.id, row.id)).returning();
    return promoted;
  });
}
