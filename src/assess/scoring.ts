/**
 * θ → section scaled score (200–800, steps of 10) through a conversion table.
 *
 * The table is an equipercentile mapping (Kolen & Brennan, 2014, ch. 2) from a reference
 * population's ability distribution to the target scale N(500, 100²) truncated to
 * [200, 800]: the boundary between scores s and s + 10 is the θ whose percentile in the
 * reference equals Φ((s + 5 − 500)/100). Two references are supported:
 * - the latent population itself (default N(0, 1)) — the mapping is then 500 + 100θ,
 *   rounded to 10 and clipped, so reported scores are on the latent metric;
 * - a sample of θ̂ from simulating the bank's own test on that population, which
 *   stretches the shrunken EAP distribution so the reported scores have SD ≈ 100 exactly.
 * Both are monotone by construction. The conditional SEM in scaled points is half the width
 * of the image of [θ̂ − SE, θ̂ + SE] under the piecewise-linear version of the table.
 */
import { TAXONOMY } from '../content/taxonomy.ts';
import { normCdf } from './irt.ts';

const { min: MIN, max: MAX, step: STEP } = TAXONOMY.sectionScale;
const SCALE_MEAN = 500;
const SCALE_SD = 100;

export interface ConversionTable {
  /** cuts[k]: the lowest θ that earns scores[k + 1]. Non-decreasing. */
  readonly cuts: Float64Array;
  /** 200, 210, …, 800. */
  readonly scores: Int16Array;
}

export interface TableOptions {
  /** Latent reference population; default N(0, 1). */
  readonly reference?: { mean: number; sd: number };
  /** θ̂ values of a simulated reference population; when given, overrides `reference`. */
  readonly thetaHatSample?: readonly number[];
}

export function buildConversionTable(opts: TableOptions = {}): ConversionTable {
  const nScores = (MAX - MIN) / STEP + 1;
  const scores = Int16Array.from({ length: nScores }, (_, k) => MIN + k * STEP);
  const cuts = new Float64Array(nScores - 1);
  const sample = opts.thetaHatSample ? Float64Array.from(opts.thetaHatSample).sort() : null;
  const ref = opts.reference ?? { mean: 0, sd: 1 };
  for (let k = 0; k < nScores - 1; k++) {
    const z = (scores[k] + STEP / 2 - SCALE_MEAN) / SCALE_SD;
    if (sample) {
      const pos = normCdf(z) * (sample.length - 1);
      const lo = Math.floor(pos);
      cuts[k] = sample[lo] + (sample[Math.min(lo + 1, sample.length - 1)] - sample[lo]) * (pos - lo);
    } else cuts[k] = ref.mean + ref.sd * z;
  }
  return { cuts, scores };
}

/** The scaled score of θ: the number of cuts at or below θ picks the step. */
export function toScaled(table: ConversionTable, theta: number): number {
  let lo = 0, hi = table.cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.cuts[mid] <= theta) lo = mid + 1; else hi = mid;
  }
  return table.scores[lo];
}

/** Piecewise-linear version of the table through (cut_k, score_k + 5), clipped to the scale. */
function continuous(table: ConversionTable, theta: number): number {
  const { cuts, scores } = table;
  const n = cuts.length;
  if (theta <= cuts[0]) return Math.max(MIN, scores[0] + STEP / 2 - (STEP * (cuts[0] - theta)) / Math.max(1e-9, cuts[1] - cuts[0]));
  if (theta >= cuts[n - 1]) return Math.min(MAX, scores[n - 1] + STEP / 2 + (STEP * (theta - cuts[n - 1])) / Math.max(1e-9, cuts[n - 1] - cuts[n - 2]));
  let k = 0;
  while (cuts[k + 1] <= theta) k++;
  const span = cuts[k + 1] - cuts[k];
  return scores[k] + STEP / 2 + (span > 0 ? (STEP * (theta - cuts[k])) / span : 0);
}

export interface ScaledScore {
  readonly score: number;
  /** Conditional standard error of measurement in scaled points. */
  readonly csem: number;
  /** score ± 1 CSEM, rounded to the scale's step and clipped. */
  readonly band: readonly [number, number];
}

const clip = (x: number) => Math.min(MAX, Math.max(MIN, Math.round(x / STEP) * STEP));

export function scaleSection(table: ConversionTable, theta: number, se: number): ScaledScore {
  const score = toScaled(table, theta);
  const csem = (continuous(table, theta + se) - continuous(table, theta - se)) / 2;
  return { score, csem, band: [clip(score - csem), clip(score + csem)] };
}

/** Total score 400–1600: the sum of the sections, CSEMs combined in quadrature. */
export function totalScore(rw: ScaledScore, math: ScaledScore): ScaledScore {
  const score = rw.score + math.score;
  const csem = Math.hypot(rw.csem, math.csem);
  const lo = 2 * MIN, hi = 2 * MAX;
  const round = (x: number) => Math.min(hi, Math.max(lo, Math.round(x / STEP) * STEP));
  return { score, csem, band: [round(score - csem), round(score + csem)] };
}
