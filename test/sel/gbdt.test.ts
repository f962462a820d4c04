import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/lib/rng.ts';
import { binOf, featureImportance, fitGbdt, parseModel, predictMany, quantileCuts, serializeModel } from '../../src/sel/gbdt.ts';

/** y = sin(2πx0) + 2·x1² + 0.5·[x2 > 0.3] + noise; x3 is irrelevant. */
function friedmanLike(n: number, seed: string, noise = 0.05) {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.next(), rng.next(), rng.next(), rng.next()];
    X.push(x);
    y.push(Math.sin(2 * Math.PI * x[0]) + 2 * x[1] * x[1] + (x[2] > 0.3 ? 0.5 : 0) + rng.normal(0, noise));
  }
  return { X, y };
}

function r2(y: readonly number[], p: ArrayLike<number>): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let ssr = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    ssr += (y[i] - p[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return 1 - ssr / sst;
}

test('quantile cuts: midpoints for few distinct values; bin(x) ≤ b ⇔ x ≤ cut[b]', () => {
  assert.deepEqual(quantileCuts([3, 1, 2, 2, 1], 256), [1.5, 2.5]);
  const cuts = quantileCuts(Array.from({ length: 10000 }, (_, i) => i), 16);
  assert.ok(cuts.length <= 15 && cuts.length >= 14);
  for (let b = 0; b < cuts.length; b++) {
    assert.equal(binOf(cuts, cuts[b]), b);
    assert.equal(binOf(cuts, cuts[b] + 0.5), b + 1);
  }
});

test('fits a known nonlinear function on held-out data', () => {
  const train = friedmanLike(3000, 'train');
  const test = friedmanLike(1000, 'test');
  const model = fitGbdt(train.X, train.y, { seed: 1 });
  const score = r2(test.y, predictMany(model, test.X));
  assert.ok(score > 0.97, `held-out R² ${score}`);
  const imp = featureImportance(model);
  assert.equal(imp[imp.length - 1].feature, 'f3', 'the noise feature ranks last');
  assert.ok(imp.find((f) => f.feature === 'f3')!.share < 0.02);
});

test('a single split recovers a step function exactly', () => {
  const X = Array.from({ length: 200 }, (_, i) => [i]);
  const y = X.map(([x]) => (x < 100 ? 1 : 3));
  const model = fitGbdt(X, y, { maxDepth: 1, learningRate: 1, lambda: 0, subsample: 1, validationFraction: 0, nEstimators: 1, minSamplesLeaf: 1 });
  assert.equal(model.trees.length, 1);
  assert.equal(model.trees[0].threshold[0], 99.5);
  assert.deepEqual([...predictMany(model, [[0], [99], [100], [150]])], [1, 1, 3, 3]);
});

test('early stopping halts on pure noise and keeps the best round', () => {
  const rng = createRng('noise');
  const X = Array.from({ length: 800 }, () => [rng.next(), rng.next()]);
  const y = X.map(() => rng.normal());
  const model = fitGbdt(X, y, { nEstimators: 500, earlyStoppingRounds: 20, learningRate: 0.3 });
  assert.ok(model.rounds < 500, `ran ${model.rounds} rounds`);
  assert.equal(model.rounds, model.bestIteration + 20);
  assert.equal(model.trees.length, model.bestIteration);
});

test('same seed → identical model; different seed → different trees', () => {
  const { X, y } = friedmanLike(600, 'det');
  const a = serializeModel(fitGbdt(X, y, { seed: 'a', nEstimators: 50 }));
  const b = serializeModel(fitGbdt(X, y, { seed: 'a', nEstimators: 50 }));
  const c = serializeModel(fitGbdt(X, y, { seed: 'c', nEstimators: 50 }));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('serialise round-trip gives bit-identical predictions', () => {
  const { X, y } = friedmanLike(500, 'rt');
  const model = fitGbdt(X, y, { nEstimators: 60 });
  const back = parseModel(serializeModel(model));
  const probe = friedmanLike(200, 'probe').X;
  assert.deepEqual([...predictMany(back, probe)], [...predictMany(model, probe)]);
  assert.throws(() => parseModel(JSON.stringify({ ...model, format: 'other' })));
});

test('min samples per leaf is respected', () => {
  const { X, y } = friedmanLike(300, 'leaf');
  const model = fitGbdt(X, y, { minSamplesLeaf: 40, subsample: 1, validationFraction: 0, nEstimators: 5 });
  // Route training rows and count rows per leaf of the first tree.
  const counts = new Map<number, number>();
  for (const x of X) {
    const t = model.trees[0];
    let node = 0;
    while (t.feature[node] >= 0) node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  assert.ok(counts.size > 1);
  for (const c of counts.values()) assert.ok(c >= 40, `leaf with ${c} rows`);
});

test('speed: 5,000 × 29 rows fit in a few seconds', () => {
  const rng = createRng('speed');
  const X = Array.from({ length: 5000 }, () => Array.from({ length: 29 }, () => rng.next()));
  const y = X.map((x) => x[0] + x[1] * x[2] + Math.sin(5 * x[3]));
  const t0 = performance.now();
  const model = fitGbdt(X, y, { nEstimators: 300, validationFraction: 0 });
  const s = (performance.now() - t0) / 1000;
  assert.equal(model.trees.length, 300);
  assert.ok(s < 10, `${s.toFixed(2)} s for 300 trees`);
});
