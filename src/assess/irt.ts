/**
 * The three-parameter logistic (3PL) IRT model (Birnbaum, 1968; Lord, 1980, ch. 2):
 *
 *   P(θ) = c + (1 − c) / (1 + exp(−D·a·(θ − b)))
 *
 * The 2PL is c = 0 and the 1PL (Rasch up to scale) is c = 0 with a common a. D = 1.702
 * makes the logistic curve approximate the normal ogive within 0.01 (Haley, 1952); D = 1
 * is the plain logistic metric (mirt, jsCAT). Every function here takes D explicitly with
 * 1.702 as the default, so a bank calibrated in either metric stays consistent.
 */
import type { IrtParams } from './types.ts';

/** Scaling constant that makes the logistic approximate the normal ogive. */
export const D_NORMAL = 1.702;
/** Plain logistic metric. */
export const D_LOGISTIC = 1;

/** Probability of a correct answer at θ. */
export function prob(theta: number, it: IrtParams, D = D_NORMAL): number {
  return it.c + (1 - it.c) / (1 + Math.exp(-D * it.a * (theta - it.b)));
}

/** dP/dθ = D·a·(P − c)(1 − P)/(1 − c). */
export function probDeriv(theta: number, it: IrtParams, D = D_NORMAL): number {
  const p = prob(theta, it, D);
  return (D * it.a * (p - it.c) * (1 - p)) / (1 - it.c);
}

/**
 * Fisher information of one item (Lord, 1980, eq. 5-6 for the 3PL):
 *   I(θ) = P'(θ)² / (P(1 − P)) = D²a² · (1 − P)/P · ((P − c)/(1 − c))²
 */
export function itemInfo(theta: number, it: IrtParams, D = D_NORMAL): number {
  const p = prob(theta, it, D);
  const r = (p - it.c) / (1 - it.c);
  return D * D * it.a * it.a * ((1 - p) / p) * r * r;
}

/** Test information: the sum of the item informations (local independence). */
export function testInfo(theta: number, items: readonly IrtParams[], D = D_NORMAL): number {
  let s = 0;
  for (const it of items) s += itemInfo(theta, it, D);
  return s;
}

/** Log-likelihood of a response pattern at θ. */
export function logLik(theta: number, items: readonly IrtParams[], u: readonly boolean[], D = D_NORMAL): number {
  let s = 0;
  for (let i = 0; i < items.length; i++) {
    const p = prob(theta, items[i], D);
    s += u[i] ? Math.log(p) : Math.log(1 - p);
  }
  return s;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normInv(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normInv(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
