/**
 * A histogram-based gradient-boosted regression-tree learner (squared error), in the
 * style of LightGBM / XGBoost `hist`:
 *
 * - Features are quantile-binned once (≤ 256 bins, `x ≤ cut[b]` ⇔ `bin(x) ≤ b`), so split
 *   finding scans bin histograms instead of sorted values.
 * - For squared error the gradient is g = ŷ − y and the hessian h = 1, so a node's hessian
 *   sum is its row count N. Split gain (Chen & Guestrin 2016, eq. 7):
 *   gain = ½ [G_L²/(N_L+λ) + G_R²/(N_R+λ) − G²/(N+λ)] − γ; leaf weight w = −G/(N+λ), shrunk by η.
 * - A child's histogram is the parent's minus its sibling's (build only the smaller one).
 * - Row subsampling per tree from a seeded rng; early stopping on a held-out validation
 *   split keeps the best round; feature importance is total split gain per feature.
 *
 * A model is plain JSON-safe data (`GbdtModel`): serialising and parsing it gives
 * bit-identical predictions because doubles round-trip exactly through JSON.
 */
import { z } from 'zod';
import { createRng } from '../lib/rng.ts';

export interface GbdtParams {
  /** Maximum boosting rounds (trees). */
  nEstimators: number;
  /** Shrinkage η applied to every leaf weight. */
  learningRate: number;
  maxDepth: number;
  /** Minimum rows in each child of a split. */
  minSamplesLeaf: number;
  /** L2 penalty λ on leaf weights. */
  lambda: number;
  /** Minimum gain γ for a split to be kept. */
  minGain: number;
  /** Fraction of training rows drawn (without replacement) for each tree. */
  subsample: number;
  /** Fraction of features considered per tree. */
  colsample: number;
  /** Histogram bins per feature, 2–256. */
  maxBins: number;
  /** Share of rows held out for early stopping; 0 disables early stopping. */
  validationFraction: number;
  /** Stop after this many rounds without a better validation MSE. */
  earlyStoppingRounds: number;
  seed: string | number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  nEstimators: 400,
  learningRate: 0.08, // small enough that early stopping, not η, decides the model size
  maxDepth: 5,
  minSamplesLeaf: 10,
  lambda: 1,
  minGain: 0,
  subsample: 0.8, // row sampling decorrelates trees; 0.8 is XGBoost's common tuned value
  colsample: 1,
  maxBins: 256,
  validationFraction: 0.1,
  earlyStoppingRounds: 30,
  seed: 'gbdt',
};

/** One tree in flat arrays; a leaf has feature −1 and its (shrunk) weight in `value`. */
export interface TreeJson {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  /** Split gain per node (0 for leaves): the source of feature importance. */
  gain: number[];
}

export interface GbdtModel {
  format: 'satprep-gbdt';
  version: 1;
  featureNames: string[];
  baseScore: number;
  params: GbdtParams;
  /** Rounds run and the 1-based count of trees kept (the best validation round). */
  rounds: number;
  bestIteration: number;
  bestValidMse: number | null;
  trees: TreeJson[];
}

const treeSchema = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
  gain: z.array(z.number()),
});

export const gbdtModelSchema = z.object({
  format: z.literal('satprep-gbdt'),
  version: z.literal(1),
  featureNames: z.array(z.string()),
  baseScore: z.number(),
  params: z.object({
    nEstimators: z.number(), learningRate: z.number(), maxDepth: z.number(), minSamplesLeaf: z.number(),
    lambda: z.number(), minGain: z.number(), subsample: z.number(), colsample: z.number(), maxBins: z.number(),
    validationFraction: z.number(), earlyStoppingRounds: z.number(), seed: z.union([z.string(), z.number()]),
  }),
  rounds: z.number().int(),
  bestIteration: z.number().int(),
  bestValidMse: z.number().nullable(),
  trees: z.array(treeSchema),
});

/**
 * Cut points per feature: with ≤ maxBins distinct values, midpoints between neighbours;
 * otherwise the values at the k/maxBins quantiles (deduplicated). Ascending, so
 * `bin(x)` = number of cuts strictly below x.
 */
export function quantileCuts(values: ArrayLike<number>, maxBins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= maxBins) {
    const cuts: number[] = [];
    for (let i = 1; i < distinct.length; i++) cuts.push((distinct[i - 1] + distinct[i]) / 2);
    return cuts;
  }
  const cuts: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / maxBins)];
    // The top value never becomes a cut: everything ≤ it would go left, an empty right bin.
    if (v < sorted[sorted.length - 1] && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  return cuts;
}

export function binOf(cuts: readonly number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Binned {
  n: number;
  d: number;
  /** Column-major bin indices: bins[f * n + i]. */
  bins: Uint8Array;
  cuts: number[][];
}

function binMatrix(X: readonly (readonly number[])[], cuts: number[][]): Binned {
  const n = X.length;
  const d = cuts.length;
  const bins = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) for (let i = 0; i < n; i++) bins[f * n + i] = binOf(cuts[f], X[i][f]);
  return { n, d, bins, cuts };
}

interface Hist {
  grad: Float64Array;
  count: Float64Array;
}

/** Grows one depth-wise tree on rows idx (permuted in place) with gradients g. */
function growTree(data: Binned, idx: Uint32Array, g: Float64Array, features: number[], p: GbdtParams, pool: Hist[]): TreeJson {
  const B = p.maxBins;
  const { n, bins, cuts } = data;
  const tree: TreeJson = { feature: [], threshold: [], left: [], right: [], value: [], gain: [] };
  const newHist = (): Hist => {
    const h = pool.pop() ?? { grad: new Float64Array(data.d * B), count: new Float64Array(data.d * B) };
    h.grad.fill(0);
    h.count.fill(0);
    return h;
  };
  const fill = (h: Hist, start: number, end: number) => {
    const grad = h.grad;
    const count = h.count;
    for (const f of features) {
      const base = f * n;
      const off = f * B;
      for (let k = start; k < end; k++) {
        const r = idx[k];
        const b = off + bins[base + r];
        grad[b] += g[r];
        count[b] += 1;
      }
    }
  };
  const addNode = () => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.gain.push(0);
    return tree.feature.length - 1;
  };

  interface Task { node: number; start: number; end: number; depth: number; hist: Hist; G: number }
  const rootHist = newHist();
  fill(rootHist, 0, idx.length);
  let G0 = 0;
  for (let k = 0; k < idx.length; k++) G0 += g[idx[k]];
  const stack: Task[] = [{ node: addNode(), start: 0, end: idx.length, depth: 0, hist: rootHist, G: G0 }];
  const { lambda, minGain } = p;
  const minLeaf = p.minSamplesLeaf;

  while (stack.length > 0) {
    const t = stack.pop()!;
    const N = t.end - t.start;
    let bestGain = -Infinity;
    let bestF = -1;
    let bestBin = -1;
    let bestGL = 0;
    if (t.depth < p.maxDepth && N >= 2 * minLeaf) {
      const parentScore = (t.G * t.G) / (N + lambda);
      const grad = t.hist.grad;
      const count = t.hist.count;
      for (const f of features) {
        const off = f * B;
        const last = off + cuts[f].length;
        let GL = 0;
        let NL = 0;
        for (let b = off; b < last; b++) {
          GL += grad[b];
          NL += count[b];
          if (NL < minLeaf) continue;
          const NR = N - NL;
          if (NR < minLeaf) break;
          const GR = t.G - GL;
          const gain = 0.5 * ((GL * GL) / (NL + lambda) + (GR * GR) / (NR + lambda) - parentScore) - minGain;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestBin = b - off;
            bestGL = GL;
          }
        }
      }
    }
    if (bestF < 0 || bestGain <= 0) {
      tree.value[t.node] = (-t.G / (N + lambda)) * p.learningRate;
      pool.push(t.hist);
      continue;
    }
    // Partition [start, end) so rows with bin ≤ bestBin come first.
    const base = bestF * n;
    let i = t.start;
    let j = t.end - 1;
    while (i <= j) {
      if (bins[base + idx[i]] <= bestBin) i++;
      else {
        const tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
        j--;
      }
    }
    const mid = i;
    const leftTask: Task = { node: addNode(), start: t.start, end: mid, depth: t.depth + 1, hist: t.hist, G: bestGL };
    const rightTask: Task = { node: addNode(), start: mid, end: t.end, depth: t.depth + 1, hist: t.hist, G: t.G - bestGL };
    const [small, large] = mid - t.start <= t.end - mid ? [leftTask, rightTask] : [rightTask, leftTask];
    small.hist = newHist();
    fill(small.hist, small.start, small.end);
    // large keeps the parent's buffer: parent − small.
    const [lg, lc, sg, sc] = [large.hist.grad, large.hist.count, small.hist.grad, small.hist.count];
    for (const f of features) {
      const off = f * B;
      const last = off + cuts[f].length + 1;
      for (let b = off; b < last; b++) {
        lg[b] -= sg[b];
        lc[b] -= sc[b];
      }
    }
    tree.feature[t.node] = bestF;
    tree.threshold[t.node] = cuts[bestF][bestBin];
    tree.left[t.node] = leftTask.node;
    tree.right[t.node] = rightTask.node;
    tree.gain[t.node] = bestGain;
    stack.push(rightTask, leftTask);
  }
  return tree;
}

/** Tree output for binned row r (training and validation rows share the training cuts). */
function predictBinned(tree: TreeJson, data: Binned, binThreshold: Int32Array, r: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const b = data.bins[tree.feature[node] * data.n + r];
    node = b <= binThreshold[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

export function predictTree(tree: TreeJson, x: readonly number[]): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return tree.value[node];
}

export function predict(model: GbdtModel, x: readonly number[]): number {
  let s = model.baseScore;
  for (const t of model.trees) s += predictTree(t, x);
  return s;
}

export function predictMany(model: GbdtModel, X: readonly (readonly number[])[]): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) out[i] = predict(model, X[i]);
  return out;
}

/** Extra training rows made from the training part only (e.g. SMOTER), never from validation rows. */
export type Augment = (X: readonly (readonly number[])[], y: readonly number[]) => { X: number[][]; y: number[] };

/**
 * Fits a model to rows X (n × d) and targets y. With validationFraction > 0 a seeded
 * share of rows is held out, and the trees after the best validation round are dropped.
 * `augment` adds rows to the training part after that split.
 */
export function fitGbdt(
  X: readonly (readonly number[])[],
  y: readonly number[],
  params: Partial<GbdtParams> = {},
  featureNames?: readonly string[],
  augment?: Augment,
): GbdtModel {
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...params };
  if (X.length !== y.length || X.length < 2) throw new RangeError(`fitGbdt: need ≥ 2 rows with targets (got ${X.length}, ${y.length})`);
  if (p.maxBins < 2 || p.maxBins > 256) throw new RangeError('fitGbdt: maxBins must be in 2..256');
  const d = X[0].length;
  const rng = createRng(p.seed);
  const order = rng.shuffle(X.map((_, i) => i));
  const nValid = p.validationFraction > 0 ? Math.max(1, Math.round(X.length * p.validationFraction)) : 0;
  const validRows = order.slice(0, nValid);
  const trainRows = order.slice(nValid);
  let Xt: readonly (readonly number[])[] = trainRows.map((i) => X[i]);
  let ytList: number[] = trainRows.map((i) => y[i]);
  if (augment) {
    const extra = augment(Xt, ytList);
    Xt = Xt.concat(extra.X);
    ytList = ytList.concat(extra.y);
  }
  const yt = Float64Array.from(ytList);
  const cuts = Array.from({ length: d }, (_, f) => quantileCuts(Xt.map((row) => row[f]), p.maxBins));
  const train = binMatrix(Xt, cuts);
  const valid = binMatrix(validRows.map((i) => X[i]), cuts);
  const yv = Float64Array.from(validRows, (i) => y[i]);

  let baseScore = 0;
  for (const v of yt) baseScore += v;
  baseScore /= yt.length;
  const predT = new Float64Array(yt.length).fill(baseScore);
  const predV = new Float64Array(yv.length).fill(baseScore);
  const g = new Float64Array(yt.length);
  const nSub = Math.max(2, Math.round(yt.length * Math.min(1, p.subsample)));
  const nCols = Math.max(1, Math.round(d * Math.min(1, p.colsample)));
  const all = Uint32Array.from(yt.keys());
  const pool: Hist[] = [];
  const trees: TreeJson[] = [];
  let best = { iter: 0, mse: Infinity };
  let rounds = 0;

  for (let m = 0; m < p.nEstimators; m++) {
    rounds = m + 1;
    for (let i = 0; i < yt.length; i++) g[i] = predT[i] - yt[i];
    // Partial Fisher–Yates: the first nSub entries are a uniform sample without replacement.
    for (let i = 0; i < nSub && nSub < all.length; i++) {
      const j = i + Math.floor(rng.next() * (all.length - i));
      const tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
    }
    const idx = all.slice(0, nSub);
    const features = nCols === d ? [...Array(d).keys()] : rng.sample([...Array(d).keys()], nCols).sort((a, b) => a - b);
    const tree = growTree(train, idx, g, features, p, pool);
    trees.push(tree);
    // Bin-space thresholds per node (threshold = cuts[f][b], so bin ≤ b ⇔ x ≤ threshold).
    const binThresh = Int32Array.from(tree.feature, (f, node) => (f >= 0 ? binOf(cuts[f], tree.threshold[node]) : 0));
    for (let i = 0; i < yt.length; i++) predT[i] += predictBinned(tree, train, binThresh, i);
    if (nValid > 0) {
      let mse = 0;
      for (let i = 0; i < yv.length; i++) {
        predV[i] += predictBinned(tree, valid, binThresh, i);
        mse += (predV[i] - yv[i]) ** 2;
      }
      mse /= yv.length;
      if (mse < best.mse) best = { iter: m + 1, mse };
      else if (m + 1 - best.iter >= p.earlyStoppingRounds) break;
    }
  }
  const kept = nValid > 0 ? trees.slice(0, best.iter) : trees;
  return {
    format: 'satprep-gbdt',
    version: 1,
    featureNames: featureNames ? [...featureNames] : Array.from({ length: d }, (_, f) => `f${f}`),
    baseScore,
    params: p,
    rounds,
    bestIteration: kept.length,
    bestValidMse: nValid > 0 ? best.mse : null,
    trees: kept,
  };
}

/** Total split gain per feature over the kept trees, with its share of the total, descending. */
export function featureImportance(model: GbdtModel): { feature: string; gain: number; share: number }[] {
  const gain = new Float64Array(model.featureNames.length);
  for (const t of model.trees) t.feature.forEach((f, node) => f >= 0 && (gain[f] += t.gain[node]));
  const total = gain.reduce((a, b) => a + b, 0) || 1;
  return model.featureNames
    .map((feature, f) => ({ feature, gain: gain[f], share: gain[f] / total }))
    .sort((a, b) => b.gain - a.gain);
}

export const serializeModel = (model: GbdtModel): string => JSON.stringify(model);
export const parseModel = (text: string): GbdtModel => gbdtModelSchema.parse(JSON.parse(text)) as GbdtModel;
