import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate, graduates } from '../../src/assess/calibrate.ts';
import { prob } from '../../src/assess/irt.ts';
import { createRng } from '../../src/lib/rng.ts';
import type { IrtParams } from '../../src/assess/types.ts';

/** Items listed in `reversed` are miskeyed: P(right) falls as θ rises, which no 3PL curve fits. */
function simulate(items: IrtParams[], n: number, seed: string, mean = 0, missing = (_p: number, _j: number) => false, reversed = new Set<number>()) {
  const rng = createRng(seed);
  const data = new Int8Array(n * items.length);
  for (let p = 0; p < n; p++) {
    const theta = rng.normal(mean, 1);
    items.forEach((it, j) => (data[p * items.length + j] = missing(p, j) ? -1 : rng.next() < prob(reversed.has(j) ? -theta : theta, it) ? 1 : 0));
  }
  return { persons: n, items: items.length, data };
}
const rmse = (xs: number[], ys: number[]) => Math.sqrt(xs.reduce((s, x, i) => s + (x - ys[i]) ** 2, 0) / xs.length);

test('2PL MML-EM recovers a and b on a small simulated design', () => {
  const g = createRng('items2');
  const items = Array.from({ length: 20 }, () => ({ a: 0.6 + g.next(), b: g.normal(), c: 0 }));
  const fit = calibrate(simulate(items, 2000, 'p2'), { model: '2pl' });
  assert.ok(fit.converged);
  assert.ok(rmse(fit.items.map((i) => i.b), items.map((i) => i.b)) < 0.12);
  assert.ok(rmse(fit.items.map((i) => i.a), items.map((i) => i.a)) < 0.12);
  assert.ok(fit.items.every((i) => i.c === 0 && i.seB > 0 && i.seB < 0.2 && !i.flagged));
});

test('anchoring puts pretest items on the operational scale; misfit is flagged', () => {
  const g = createRng('items3');
  const ops = Array.from({ length: 25 }, () => ({ a: 0.7 + g.next(), b: g.normal(), c: 0.2 }));
  const pre = [{ a: 1.2, b: 0.8, c: 0.2 }, { a: 0.9, b: -0.6, c: 0.2 }];
  const all = [...ops, ...pre, { a: 1.5, b: 0, c: 0 }];
  const J = all.length - 1;
  // Population shifted to mean 0.5: with the anchors fixed, b's stay on the generating scale.
  const bad = simulate(all, 2500, 'p3', 0.5, (p, j) => (j === 25 || j === 26) && p % 2 === 1, new Set([J]));
  const anchors = new Map(ops.map((it, j) => [j, it]));
  const fit = calibrate(bad, { model: '3pl', anchors });
  assert.ok(Math.abs(fit.population.mean - 0.5) < 0.1, `mean ${fit.population.mean}`);
  assert.deepEqual(fit.items[0], { ...fit.items[0], ...ops[0], anchored: true });
  for (const [k, it] of pre.entries()) {
    const got = fit.items[25 + k];
    assert.ok(Math.abs(got.b - it.b) < 0.3, `b ${got.b} vs ${it.b}`);
    assert.equal(got.n, 1250);
    assert.equal(graduates(got, 0.3), got.seB <= 0.3);
  }
  assert.ok(fit.items[J].flagged, `rmsd ${fit.items[J].rmsd}`);
  assert.equal(graduates(fit.items[J], 10), false);
});
