/**
 * The SEL pipeline as stages with stored outputs in one directory, so any stage can be
 * inspected and re-run from the previous one's file:
 *
 *   generate → samples.jsonl   utterance + 9 behavioural counts per sample (generation.json: by whom)
 *   features → features.jsonl  + the 29 features
 *   label    → dataset.csv     the 38-column dataset (labels.json: which labeller)
 *   validate → validation.json schema, ranges, level separation, balance (throws if it fails)
 *   train    → models/, cv.json  four GBDTs, k-fold R²/MAE, folds, feature importance
 *   eval     → eval.json       the models on a fresh held-out set (another seed)
 *
 * `generate` and `label` also have LLM variants (`llm-stages.ts`) writing the same files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseJsonLine } from '../lib/json-line.ts';
import { createRng } from '../lib/rng.ts';
import { combine } from './augment.ts';
import { readCsv, writeCsv, type SelRow } from './csv.ts';
import { featureVector } from './features.ts';
import { predictMany } from './gbdt.ts';
import { generateSamples, type Sample } from './generate.ts';
import { heuristicLabels, LABELLER_VERSION } from './label.ts';
import { featureRanges, loadModels, saveModels } from './models.ts';
import { FEATURES, LEVELS, SEL_SKILLS, type FeatureVector, type Level, type SelSkill } from './skills.ts';
import { DEFAULT_TRAIN_CONFIG, featureMatrix, labelVector, meanAbsoluteError, r2Score, trainModels, type SkillCv, type TrainConfig } from './train.ts';
import { validateRows, type ValidateOptions, type ValidationReport } from './validate.ts';

export const STAGES = ['generate', 'features', 'label', 'validate', 'train', 'eval'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageProgress {
  stage: StageName;
  done: number;
  total: number;
  note?: string;
}
export type OnProgress = (p: StageProgress) => void;

export const FILES = {
  samples: 'samples.jsonl',
  generation: 'generation.json',
  features: 'features.jsonl',
  dataset: 'dataset.csv',
  labels: 'labels.json',
  validation: 'validation.json',
  models: 'models',
  cv: 'cv.json',
  holdout: 'holdout.csv',
  eval: 'eval.json',
} as const;

export type Featured = Omit<Sample, 'behaviour'> & { features: FeatureVector };

export const writeJsonl = (file: string, items: readonly unknown[]) => writeFileSync(file, items.map((x) => JSON.stringify(x)).join('\n') + '\n');
/** A broken line is named by file and line, never echoed whole (samples hold utterances). */
export const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8').split('\n').flatMap((l, i) => (l ? [parseJsonLine<T>(l, file, i + 1)] : []));
export const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** The labeller the stored dataset was made with (`labels.json`), for the model manifest. */
function labellerOf(dir: string): string {
  const file = path.join(dir, FILES.labels);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { labeller: string }).labeller : LABELLER_VERSION;
}

export class ValidationFailed extends Error {
  override name = 'ValidationFailed';
  constructor(readonly report: ValidationReport) {
    super(`validation failed: ${report.problems.slice(0, 3).join('; ')}`);
  }
}

// ---- in-memory steps ------------------------------------------------------------------

export function featurise(samples: readonly Sample[], onTick?: (done: number) => void): Featured[] {
  return samples.map(({ behaviour, ...meta }, i) => {
    const out = { ...meta, features: featureVector(meta.utterance, behaviour) };
    if ((i + 1) % 250 === 0 || i + 1 === samples.length) onTick?.(i + 1);
    return out;
  });
}

export const labelFeatured = (items: readonly Featured[]): SelRow[] =>
  items.map((x) => ({
    sampleId: x.id, skill: x.skill, level: x.level, grade: x.grade, utterance: x.utterance,
    features: x.features, labels: heuristicLabels(x.id, x.utterance, x.features),
  }));

export interface EvalResult {
  rows: number;
  perSkill: Record<SelSkill, { r2: number; mae: number; predictedMeans: Record<Level, number> }>;
}

/** R², MAE and the mean predicted score by level (among rows about that skill). */
export function evaluateRows(set: ReturnType<typeof loadModels>, rows: readonly SelRow[]): EvalResult {
  const X = featureMatrix(rows);
  const perSkill = {} as EvalResult['perSkill'];
  for (const s of SEL_SKILLS) {
    const y = labelVector(rows, s);
    const p = predictMany(set.models[s], X);
    const predictedMeans = Object.fromEntries(
      LEVELS.map((l) => {
        const idx = rows.flatMap((r, i) => (r.skill === s && r.level === l ? [i] : []));
        return [l, idx.reduce((a, i) => a + p[i], 0) / Math.max(idx.length, 1)];
      }),
    ) as Record<Level, number>;
    perSkill[s] = { r2: r2Score(y, p), mae: meanAbsoluteError(y, p), predictedMeans };
  }
  return { rows: rows.length, perSkill };
}

// ---- stages with stored outputs -------------------------------------------------------

export function stageGenerate(dir: string, opts: { count: number; seed: string | number }, onProgress?: OnProgress) {
  mkdirSync(dir, { recursive: true });
  const samples = generateSamples(opts);
  writeJsonl(path.join(dir, FILES.samples), samples);
  writeJson(path.join(dir, FILES.generation), { source: 'template', count: samples.length, seed: String(opts.seed) });
  onProgress?.({ stage: 'generate', done: samples.length, total: samples.length });
  return { samples: samples.length, file: path.join(dir, FILES.samples) };
}

export function stageFeatures(dir: string, onProgress?: OnProgress) {
  const samples = readJsonl<Sample>(path.join(dir, FILES.samples));
  const featured = featurise(samples, (done) => onProgress?.({ stage: 'features', done, total: samples.length }));
  writeJsonl(path.join(dir, FILES.features), featured);
  return { rows: featured.length, file: path.join(dir, FILES.features) };
}

export function stageLabel(dir: string, onProgress?: OnProgress) {
  const rows = labelFeatured(readJsonl<Featured>(path.join(dir, FILES.features)));
  writeCsv(path.join(dir, FILES.dataset), rows);
  writeJson(path.join(dir, FILES.labels), { labeller: LABELLER_VERSION, rows: rows.length });
  onProgress?.({ stage: 'label', done: rows.length, total: rows.length });
  return { rows: rows.length, labeller: LABELLER_VERSION, file: path.join(dir, FILES.dataset) };
}

export function stageValidate(dir: string, opts: ValidateOptions = {}, onProgress?: OnProgress): ValidationReport {
  const report = validateRows(readCsv(path.join(dir, FILES.dataset)), opts);
  writeJson(path.join(dir, FILES.validation), report);
  onProgress?.({ stage: 'validate', done: 1, total: 1, note: report.ok ? 'ok' : 'FAILED' });
  if (!report.ok) throw new ValidationFailed(report);
  return report;
}

export interface TrainStageOptions {
  config?: TrainConfig;
  /** A real labelled CSV (same 38 columns) mixed in at `realFraction`. */
  realCsv?: string;
  realFraction?: number;
}

export function stageTrain(dir: string, opts: TrainStageOptions = {}, onProgress?: OnProgress) {
  const config = opts.config ?? DEFAULT_TRAIN_CONFIG;
  let rows = readCsv(path.join(dir, FILES.dataset));
  if (opts.realCsv) rows = combine(readCsv(opts.realCsv), rows, opts.realFraction ?? 0.2, createRng(`${config.seed}/combine`));
  const result = trainModels(rows, config, (p) =>
    onProgress?.({ stage: 'train', done: p.done, total: p.total, note: `${p.skill} ${p.step === 'final' ? 'final' : `fold ${p.step}`}` }),
  );
  const cvMetrics = result.cv ? Object.fromEntries(SEL_SKILLS.map((s) => [s, { r2: result.cv![s].r2, mae: result.cv![s].mae }])) : null;
  saveModels(path.join(dir, FILES.models), {
    manifest: {
      format: 'satprep-sel-models', version: 1, labeller: labellerOf(dir), seed: String(config.seed),
      trainedRows: rows.length, features: [...FEATURES], ranges: featureRanges(rows), cv: cvMetrics,
      files: Object.fromEntries(SEL_SKILLS.map((s) => [s, `${s}.json`])),
    },
    models: result.models,
  });
  const cv = { rows: rows.length, fitSeconds: result.fitSeconds, config, cv: result.cv, folds: result.folds, sampleIds: rows.map((r) => r.sampleId), importance: result.importance };
  writeJson(path.join(dir, FILES.cv), cv);
  return { rows: rows.length, fitSeconds: result.fitSeconds, cv: result.cv, importance: result.importance };
}

export function stageEval(dir: string, opts: { data?: string; holdoutCount?: number; seed?: string | number } = {}, onProgress?: OnProgress): EvalResult {
  let rows: SelRow[];
  if (opts.data) rows = readCsv(opts.data);
  else {
    const samples = generateSamples({ count: opts.holdoutCount ?? 840, seed: `${opts.seed ?? 'sel'}/holdout` });
    rows = labelFeatured(featurise(samples));
    writeCsv(path.join(dir, FILES.holdout), rows);
  }
  const result = evaluateRows(loadModels(path.join(dir, FILES.models)), rows);
  writeJson(path.join(dir, FILES.eval), result);
  onProgress?.({ stage: 'eval', done: 1, total: 1 });
  return result;
}

export interface PipelineOptions {
  count: number;
  seed: string | number;
  outDir: string;
  train?: TrainStageOptions;
  validate?: ValidateOptions;
  /** Held-out rows for `eval`; default a fifth of `count`, at least 84 (one per cell). */
  holdoutCount?: number;
  onProgress?: OnProgress;
}

export interface PipelineReport {
  count: number;
  seed: string;
  outDir: string;
  stages: { name: StageName; seconds: number }[];
  validation: ValidationReport;
  cv: Record<SelSkill, SkillCv> | null;
  importance: Record<SelSkill, { feature: string; share: number }[]>;
  eval: EvalResult;
  totalSeconds: number;
}

export function runPipeline(opts: PipelineOptions): PipelineReport {
  const t0 = performance.now();
  const stages: PipelineReport['stages'] = [];
  const timed = <T>(name: StageName, fn: () => T): T => {
    const s = performance.now();
    const out = fn();
    stages.push({ name, seconds: (performance.now() - s) / 1000 });
    return out;
  };
  const dir = opts.outDir;
  const seed = opts.seed;
  const trainConfig = { ...(opts.train?.config ?? DEFAULT_TRAIN_CONFIG), seed: `${seed}/train` };
  timed('generate', () => stageGenerate(dir, { count: opts.count, seed }, opts.onProgress));
  timed('features', () => stageFeatures(dir, opts.onProgress));
  timed('label', () => stageLabel(dir, opts.onProgress));
  const validation = timed('validate', () => stageValidate(dir, opts.validate, opts.onProgress));
  const trained = timed('train', () => stageTrain(dir, { ...opts.train, config: trainConfig }, opts.onProgress));
  const holdoutCount = opts.holdoutCount ?? Math.max(84, Math.round(opts.count / 5));
  const evalResult = timed('eval', () => stageEval(dir, { holdoutCount, seed }, opts.onProgress));
  const report: PipelineReport = {
    count: opts.count, seed: String(seed), outDir: dir, stages, validation, cv: trained.cv,
    importance: trained.importance, eval: evalResult, totalSeconds: (performance.now() - t0) / 1000,
  };
  writeJson(path.join(dir, 'report.json'), report);
  return report;
}
