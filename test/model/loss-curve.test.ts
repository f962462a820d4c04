/** The loss curve a training run records for the admin console's chart: thinned, never losing the last step. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lossCurve, type History } from '../../src/model/train.ts';

const history = (n: number, every = 10): History => ({
  steps: Array.from({ length: n }, (_, i) => ({ step: i + 1, loss: 8 / (i + 1), lr: 1e-3, gradNorm: 1 })),
  evals: Array.from({ length: Math.floor(n / every) }, (_, i) => ({ step: (i + 1) * every, valLoss: 9 / (i + 1) })),
});

test('a short run keeps every point', () => {
  const c = lossCurve(history(30));
  assert.equal(c.loss.length, 30);
  assert.deepEqual(c.loss[0], [1, 8]);
  assert.deepEqual(c.val, [[10, 9], [20, 4.5], [30, 3]]);
});

test('a long run is thinned to the point budget, evenly, ending at its last step', () => {
  const c = lossCurve(history(1234), 200);
  assert.ok(c.loss.length <= 200, `${c.loss.length} points`);
  assert.ok(c.loss.length >= 150, `${c.loss.length} points`);
  assert.deepEqual(c.loss[0], [1, 8]);
  assert.deepEqual(c.loss.at(-1), [1234, Math.round((8 / 1234) * 1e4) / 1e4]);
  const gaps = new Set(c.loss.slice(1, -1).map(([s], i) => s - c.loss[i][0]));
  assert.equal(gaps.size, 1, 'one stride between kept steps');
  assert.equal(c.val.length, 123);
});
