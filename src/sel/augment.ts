/**
 * Data augmentation and mixing for SEL training sets:
 * - `smoter`: SMOTE for regression (Torgo, Ribeiro, Pfahringer & Branco 2013, "SMOTE for
 *   Regression", EPIA), oversampling only. Rare targets are those below the `rareQuantile`
 *   or above the 1 − `rareQuantile` quantile. For each rare case x, `perCase` new cases
 *   are made with one of its k nearest rare neighbours n (z-scored Euclidean distance, same
 *   tail): x' = x + u·(n − x), u ~ U(0, 1); the target is the distance-weighted mean
 *   y' = (d(x', n)·y_x + d(x', x)·y_n) / (d(x', x) + d(x', n)), the nearer case weighing more.
 * - `combine`: real labelled rows mixed with synthetic ones at a set real fraction.
 */
import type { Rng } from '../lib/rng.ts';
import type { SelRow } from './csv.ts';

export interface SmoterOptions {
  /** Tail share on each side counted as rare (0.1 → lowest and highest 10 %). */
  rareQuantile: number;
  /** Synthetic cases per rare case. */
  perCase: number;
  /** Neighbours to choose from. */
  k: number;
}

export const DEFAULT_SMOTER: SmoterOptions = { rareQuantile: 0.1, perCase: 1, k: 5 };

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Returns the synthetic rows only; callers append them to the training fold. */
export function smoter(
  X: readonly (readonly number[])[],
  y: readonly number[],
  opts: SmoterOptions,
  rng: Rng,
): { X: number[][]; y: number[] } {
  const n = X.length;
  const outX: number[][] = [];
  const outY: number[] = [];
  if (n < 3 || opts.perCase <= 0) return { X: outX, y: outY };
  const d = X[0].length;
  const sorted = Float64Array.from(y).sort();
  const lowCut = quantile(sorted, opts.rareQuantile);
  const highCut = quantile(sorted, 1 - opts.rareQuantile);
  // Scale so each feature counts equally in the neighbour search.
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const row of X) for (let f = 0; f < d; f++) mean[f] += row[f] / n;
  for (const row of X) for (let f = 0; f < d; f++) sd[f] += (row[f] - mean[f]) ** 2 / n;
  for (let f = 0; f < d; f++) sd[f] = Math.sqrt(sd[f]) || 1;
  const z = (row: readonly number[]) => row.map((v, f) => (v - mean[f]) / sd[f]);
  const dist = (a: readonly number[], b: readonly number[]) => {
    let s = 0;
    for (let f = 0; f < d; f++) s += ((a[f] - b[f]) / sd[f]) ** 2;
    return Math.sqrt(s);
  };

  for (const tail of [y.map((v, i) => (v <= lowCut ? i : -1)), y.map((v, i) => (v >= highCut ? i : -1))]) {
    const rare = tail.filter((i) => i >= 0);
    if (rare.length < 2) continue;
    const Z = rare.map((i) => z(X[i]));
    const k = Math.min(opts.k, rare.length - 1);
    const d2 = new Float64Array(rare.length);
    for (let a = 0; a < rare.length; a++) {
      for (let b = 0; b < rare.length; b++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (Z[a][f] - Z[b][f]) ** 2;
        d2[b] = b === a ? Infinity : s;
      }
      // k smallest by insertion: k is tiny, so this beats sorting every row's distances.
      const near: number[] = [];
      for (let b = 0; b < rare.length; b++) {
        if (near.length === k && d2[b] >= d2[near[k - 1]]) continue;
        let pos = near.length;
        while (pos > 0 && d2[near[pos - 1]] > d2[b]) pos--;
        near.splice(pos, 0, b);
        if (near.length > k) near.pop();
      }
      for (let c = 0; c < opts.perCase; c++) {
        const xi = X[rare[a]];
        const neighbour = rare[rng.pick(near)];
        const xn = X[neighbour];
        const u = rng.next();
        const x = xi.map((v, f) => v + u * (xn[f] - v));
        const toSeed = dist(x, xi);
        const toNeighbour = dist(x, xn);
        const yi = y[rare[a]];
        const yn = y[neighbour];
        outX.push(x);
        outY.push(toSeed + toNeighbour === 0 ? yi : (toNeighbour * yi + toSeed * yn) / (toSeed + toNeighbour));
      }
    }
  }
  return { X: outX, y: outY };
}

/**
 * Mixes real and synthetic rows so real rows are `realFraction` of the result: all real
 * rows plus as many synthetic as the ratio asks; when synthetic rows run short, real rows
 * are subsampled instead. Sample ids must be unique across both sets.
 */
export function combine(real: readonly SelRow[], synthetic: readonly SelRow[], realFraction: number, rng: Rng): SelRow[] {
  if (!(realFraction >= 0 && realFraction <= 1)) throw new RangeError('combine: realFraction must be in [0, 1]');
  const ids = new Set<string>();
  for (const r of [...real, ...synthetic]) {
    if (ids.has(r.sampleId)) throw new Error(`combine: duplicate sample_id ${r.sampleId}`);
    ids.add(r.sampleId);
  }
  if (realFraction === 0) return rng.shuffle(synthetic);
  if (realFraction === 1) return rng.shuffle(real);
  let nReal = real.length;
  let nSyn = Math.round((nReal * (1 - realFraction)) / realFraction);
  if (nSyn > synthetic.length) {
    nSyn = synthetic.length;
    nReal = Math.min(real.length, Math.round((nSyn * realFraction) / (1 - realFraction)));
  }
  return rng.shuffle([...rng.sample(real, nReal), ...rng.sample(synthetic, nSyn)]);
}
