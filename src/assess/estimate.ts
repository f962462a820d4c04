/**
 * Ability estimation under the 3PL: EAP, MLE and Warm's WLE, each returning {theta, se}.
 *
 * - EAP (Bock & Mislevy, 1982): θ̂ = ∫θ L(θ)φ(θ)dθ / ∫L(θ)φ(θ)dθ on an equally spaced grid
 *   (rectangle rule, which for a smooth integrand with Gaussian tails converges
 *   geometrically); SE = the posterior SD.
 * - MLE: Newton–Raphson on l'(θ) with the analytic 3PL l''(θ) (Baker & Kim, 2004, §5),
 *   Fisher scoring when l'' ≥ 0, step halving so the log-likelihood never drops; SE = 1/√I(θ̂).
 *   An all-right or all-wrong pattern has no finite maximum: by default it falls back to EAP.
 * - WLE (Warm, 1989): the root of l'(θ) + J(θ)/(2I(θ)) = 0 with J = Σ P'P''/(P(1−P));
 *   bracketed on a coarse grid, then bisection. SE = 1/√I(θ̂) (as catR's semTheta does).
 */
import { D_NORMAL, logLik, prob, testInfo } from './irt.ts';
import type { Answer, Estimate, IrtParams } from './types.ts';

export interface Prior {
  mean: number;
  sd: number;
}
export const STANDARD_PRIOR: Prior = { mean: 0, sd: 1 };

export interface EapOptions {
  prior?: Prior;
  /** Quadrature points (≥ 41); default 81. */
  points?: number;
  /** Grid half-width in prior SDs; default 6. */
  halfWidth?: number;
  D?: number;
}

/** A posterior on a θ grid, kept in log form so a CAT can update it one answer at a time. */
export interface GridPosterior {
  readonly theta: Float64Array;
  readonly logPost: Float64Array;
  readonly D: number;
}

export function createPosterior(opts: EapOptions = {}): GridPosterior {
  const prior = opts.prior ?? STANDARD_PRIOR;
  const n = opts.points ?? 81;
  if (n < 41) throw new RangeError(`EAP needs at least 41 quadrature points, got ${n}`);
  const hw = (opts.halfWidth ?? 6) * prior.sd;
  const theta = new Float64Array(n);
  const logPost = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = prior.mean - hw + (2 * hw * k) / (n - 1);
    theta[k] = t;
    const z = (t - prior.mean) / prior.sd;
    logPost[k] = -0.5 * z * z;
  }
  return { theta, logPost, D: opts.D ?? D_NORMAL };
}

/** Multiply the posterior by one item's likelihood (in place; returns the same object). */
export function updatePosterior(post: GridPosterior, item: IrtParams, correct: boolean): GridPosterior {
  const { theta, logPost, D } = post;
  for (let k = 0; k < theta.length; k++) {
    const p = prob(theta[k], item, D);
    logPost[k] += Math.log(correct ? p : 1 - p);
  }
  return post;
}

/** Posterior mean and SD of a grid posterior. */
export function summarizePosterior(post: GridPosterior): Estimate {
  const { theta, logPost } = post;
  let max = -Infinity;
  for (let k = 0; k < logPost.length; k++) if (logPost[k] > max) max = logPost[k];
  let w = 0, m1 = 0, m2 = 0;
  for (let k = 0; k < theta.length; k++) {
    const p = Math.exp(logPost[k] - max);
    w += p;
    m1 += p * theta[k];
    m2 += p * theta[k] * theta[k];
  }
  const mean = m1 / w;
  return { theta: mean, se: Math.sqrt(Math.max(0, m2 / w - mean * mean)) };
}

/** EAP estimate with its posterior SD. */
export function eap(answers: readonly Answer[], opts: EapOptions = {}): Estimate {
  const post = createPosterior(opts);
  for (const r of answers) updatePosterior(post, r.item, r.correct);
  return summarizePosterior(post);
}

export interface MleOptions {
  D?: number;
  /** θ is kept inside these bounds; default [-4, 4]. */
  bounds?: readonly [number, number];
  /** What to return for an all-right/all-wrong pattern: EAP (default) or the nearer bound. */
  fallback?: 'eap' | 'bounds';
  maxIter?: number;
  tol?: number;
}

const items = (answers: readonly Answer[]) => answers.map((r) => r.item);
const pattern = (answers: readonly Answer[]) => answers.map((r) => r.correct);

function infoSe(theta: number, its: readonly IrtParams[], D: number): number {
  const info = testInfo(theta, its, D);
  return info > 0 ? 1 / Math.sqrt(info) : Infinity;
}

/** l'(θ) and l''(θ) of the 3PL log-likelihood (Baker & Kim, 2004, eqs. 5.19–5.20). */
function derivs(theta: number, answers: readonly Answer[], D: number): [number, number] {
  let d1 = 0, d2 = 0;
  for (const { item: it, correct } of answers) {
    const p = prob(theta, it, D);
    const u = correct ? 1 : 0;
    const k = (D * it.a) / (1 - it.c);
    d1 += (k * (u - p) * (p - it.c)) / p;
    d2 += (k * k * (p - it.c) * (1 - p) * (it.c * u - p * p)) / (p * p);
  }
  return [d1, d2];
}

/** Maximum-likelihood θ by Newton–Raphson, with the fallback for extreme patterns. */
export function mle(answers: readonly Answer[], opts: MleOptions = {}): Estimate {
  const D = opts.D ?? D_NORMAL;
  const [lo, hi] = opts.bounds ?? [-4, 4];
  const its = items(answers);
  const u = pattern(answers);
  const nRight = u.filter(Boolean).length;
  if (answers.length === 0 || nRight === 0 || nRight === answers.length) {
    if ((opts.fallback ?? 'eap') === 'eap') return eap(answers, { D });
    const t = nRight === 0 ? lo : hi;
    return { theta: t, se: infoSe(t, its, D) };
  }
  // A coarse scan picks the basin of the global maximum (3PL likelihoods can be bimodal).
  let t = lo, best = -Infinity;
  for (let k = 0; k <= 32; k++) {
    const x = lo + ((hi - lo) * k) / 32;
    const l = logLik(x, its, u, D);
    if (l > best) { best = l; t = x; }
  }
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-10;
  for (let iter = 0; iter < maxIter; iter++) {
    const [d1, d2] = derivs(t, answers, D);
    const curv = d2 < 0 ? -d2 : testInfo(t, its, D);
    let step = d1 / curv;
    const l0 = logLik(t, its, u, D);
    let next = Math.min(hi, Math.max(lo, t + step));
    for (let h = 0; h < 30 && logLik(next, its, u, D) < l0 - 1e-14; h++) {
      step /= 2;
      next = Math.min(hi, Math.max(lo, t + step));
    }
    const moved = Math.abs(next - t);
    t = next;
    if (moved < tol) break;
  }
  return { theta: t, se: infoSe(t, its, D) };
}

export interface WleOptions {
  D?: number;
  bounds?: readonly [number, number];
}

/** Warm's estimating function l'(θ) + J(θ)/(2I(θ)). */
function warmScore(theta: number, answers: readonly Answer[], D: number): number {
  let d1 = 0, info = 0, j = 0;
  for (const { item: it, correct } of answers) {
    const e = Math.exp(-D * it.a * (theta - it.b));
    const L = 1 / (1 + e);
    const p = it.c + (1 - it.c) * L;
    const q = 1 - p;
    const p1 = D * it.a * (1 - it.c) * L * (1 - L);
    const p2 = D * it.a * p1 * (1 - 2 * L);
    d1 += ((correct ? 1 : 0) - p) * p1 / (p * q);
    info += (p1 * p1) / (p * q);
    j += (p1 * p2) / (p * q);
  }
  return d1 + j / (2 * info);
}

/** Warm's weighted likelihood estimate (finite for all-right/all-wrong patterns too). */
export function wle(answers: readonly Answer[], opts: WleOptions = {}): Estimate {
  const D = opts.D ?? D_NORMAL;
  const [lo, hi] = opts.bounds ?? [-4, 4];
  const its = items(answers);
  const u = pattern(answers);
  if (answers.length === 0) return { theta: 0, se: Infinity };
  const n = 64;
  const roots: number[] = [];
  let prevX = lo, prevG = warmScore(lo, answers, D);
  for (let k = 1; k <= n; k++) {
    const x = lo + ((hi - lo) * k) / n;
    const g = warmScore(x, answers, D);
    // A + to − crossing is a maximum of the weighted likelihood.
    if (prevG > 0 && g <= 0) {
      let a = prevX, b = x;
      for (let it = 0; it < 60 && b - a > 1e-12; it++) {
        const m = 0.5 * (a + b);
        if (warmScore(m, answers, D) > 0) a = m; else b = m;
      }
      roots.push(0.5 * (a + b));
    }
    prevX = x;
    prevG = g;
  }
  let t: number;
  if (roots.length === 0) t = warmScore(0, answers, D) > 0 ? hi : lo;
  else {
    const crit = (x: number) => logLik(x, its, u, D) + 0.5 * Math.log(testInfo(x, its, D));
    t = roots.reduce((bst, x) => (crit(x) > crit(bst) ? x : bst), roots[0]);
  }
  return { theta: t, se: infoSe(t, its, D) };
}

export type Estimator = 'eap' | 'mle' | 'wle';

/** Dispatch by estimator name (a union literal, checked by the compiler). */
export function estimate(kind: Estimator, answers: readonly Answer[], opts: EapOptions & MleOptions = {}): Estimate {
  if (kind === 'eap') return eap(answers, opts);
  if (kind === 'mle') return mle(answers, opts);
  return wle(answers, opts);
}
