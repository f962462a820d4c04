/**
 * Stage 5, `train`: one gradient-boosted regressor per SEL skill on the 29 features, with
 * k-fold cross-validation (out-of-fold R² and MAE), SMOTER oversampling of rare label
 * ranges applied to training folds only (a held-out fold never sees synthetic rows), and
 * final models fitted on all rows. Feature importance is each final model's gain share.
 */
import { createRng } from '../lib/rng.ts';
import { smoter, type SmoterOptions } from './augment.ts';
import type { SelRow } from './csv.ts';
import { featureImportance, fitGbdt, predictMany, type GbdtModel, type GbdtParams } from './gbdt.ts';
import { FEATURES, SEL_SKILLS, type SelSkill } from './skills.ts';

export interface TrainConfig {
  /** Folds for cross-validation; 0 or 1 skips it. */
  folds: number;
  seed: string | number;
  gbdt: Partial<GbdtParams>;
  /** null disables oversampling. */
  smoter: SmoterOptions | null;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  folds: 5,
  seed: 'sel-train',
  // Depth 4 with 0.1 shrinkage: the labels are smooth sums of few-feature terms, so
  // shallow trees generalise better than deep ones here (checked by CV at 5,000 rows).
  gbdt: { maxDepth: 4, learningRate: 0.1, nEstimators: 600, minSamplesLeaf: 8, subsample: 0.8, earlyStoppingRounds: 30 },
  // Off by default: at 5,000 rows it doubled training time and did not raise CV R²
  // (measured in this repo); `--smoter` turns it on for skewed or small real datasets.
  smoter: null,
};

export const featureMatrix = (rows: readonly SelRow[]): number[][] => rows.map((r) => FEATURES.map((f) => r.features[f]));
export const labelVector = (rows: readonly SelRow[], skill: SelSkill): number[] => rows.map((r) => r.labels[skill]);

/** Fold index per row: a seeded permutation dealt round-robin, so fold sizes differ by ≤ 1. */
export function foldAssignments(n: number, k: number, seed: string | number): number[] {
  const folds = new Array<number>(n);
  createRng(`${seed}/folds`)
    .shuffle([...Array(n).keys()])
    .forEach((row, pos) => (folds[row] = pos % k));
  return folds;
}

/** Coefficient of determination, 1 − SS_res / SS_tot. */
export function r2Score(y: readonly number[], p: ArrayLike<number>): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - p[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return ssTot === 0 ? NaN : 1 - ssRes / ssTot;
}

export function meanAbsoluteError(y: readonly number[], p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - p[i]);
  return s / y.length;
}

/** Fits one skill's model: boosting with early stopping, SMOTER rows added to the training part. */
export function fitSkill(X: number[][], y: number[], config: TrainConfig, label: string): GbdtModel {
  const opts = config.smoter;
  const augment = opts ? (Xt: readonly (readonly number[])[], yt: readonly number[]) => smoter(Xt, yt, opts, createRng(`${config.seed}/smoter/${label}`)) : undefined;
  return fitGbdt(X, y, { ...config.gbdt, seed: `${config.seed}/gbdt/${label}` }, FEATURES, augment);
}

export interface SkillCv {
  /** Pooled out-of-fold R² and MAE over all rows. */
  r2: number;
  mae: number;
  foldR2: number[];
  foldMae: number[];
  /** Mean trees kept by early stopping across folds. */
  meanTrees: number;
}

export interface TrainProgress {
  skill: SelSkill;
  /** 1-based fold, or `final` for the all-rows fit. */
  step: number | 'final';
  done: number;
  total: number;
}

export interface TrainResult {
  models: Record<SelSkill, GbdtModel>;
  cv: Record<SelSkill, SkillCv> | null;
  importance: Record<SelSkill, { feature: string; share: number }[]>;
  folds: number[] | null;
  fitSeconds: number;
}

export function crossValidateSkill(X: number[][], y: number[], folds: number[], k: number, config: TrainConfig, skill: SelSkill, onFold?: (fold: number) => void): SkillCv {
  const oof = new Float64Array(y.length);
  const foldR2: number[] = [];
  const foldMae: number[] = [];
  let trees = 0;
  for (let f = 0; f < k; f++) {
    const trainIdx = folds.flatMap((g, i) => (g === f ? [] : [i]));
    const testIdx = folds.flatMap((g, i) => (g === f ? [i] : []));
    const model = fitSkill(trainIdx.map((i) => X[i]), trainIdx.map((i) => y[i]), config, `${skill}/fold${f}`);
    trees += model.trees.length;
    const pred = predictMany(model, testIdx.map((i) => X[i]));
    testIdx.forEach((row, j) => (oof[row] = pred[j]));
    const yt = testIdx.map((i) => y[i]);
    foldR2.push(r2Score(yt, pred));
    foldMae.push(meanAbsoluteError(yt, pred));
    onFold?.(f + 1);
  }
  return { r2: r2Score(y, oof), mae: meanAbsoluteError(y, oof), foldR2, foldMae, meanTrees: trees / k };
}

export function trainModels(rows: readonly SelRow[], config: TrainConfig = DEFAULT_TRAIN_CONFIG, onProgress?: (p: TrainProgress) => void): TrainResult {
  const t0 = performance.now();
  const X = featureMatrix(rows);
  const k = config.folds >= 2 ? config.folds : 0;
  const folds = k ? foldAssignments(rows.length, k, config.seed) : null;
  const total = SEL_SKILLS.length * (k + 1);
  let done = 0;
  const tick = (skill: SelSkill, step: number | 'final') => onProgress?.({ skill, step, done: ++done, total });
  const models = {} as Record<SelSkill, GbdtModel>;
  const cv = {} as Record<SelSkill, SkillCv>;
  const importance = {} as TrainResult['importance'];
  for (const skill of SEL_SKILLS) {
    const y = labelVector(rows, skill);
    if (folds) cv[skill] = crossValidateSkill(X, y, folds, k, config, skill, (f) => tick(skill, f));
    models[skill] = fitSkill(X, y, config, `${skill}/final`);
    importance[skill] = featureImportance(models[skill]).map(({ feature, share }) => ({ feature, share }));
    tick(skill, 'final');
  }
  return { models, cv: folds ? cv : null, importance, folds, fitSeconds: (performance.now() - t0) / 1000 };
}
