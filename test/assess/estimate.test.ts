/**
 * Golden tests: EAP, MLE and WLE against references computed here by a different code
 * path — brute-force integration on a 200,001-point grid, fine-grid argmax and finite
 * differences of the probability function — to 1e-4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eap, mle, wle, createPosterior, updatePosterior, summarizePosterior } from '../../src/assess/estimate.ts';
import type { Answer, IrtParams } from '../../src/assess/types.ts';

const D = 1.702;
const ITEMS: IrtParams[] = [
  { a: 1.2, b: -1.5, c: 0.2 },
  { a: 0.8, b: -0.7, c: 0.25 },
  { a: 1.5, b: -0.2, c: 0.15 },
  { a: 1.0, b: 0.0, c: 0.2 },
  { a: 2.0, b: 0.4, c: 0.1 },
  { a: 0.7, b: 0.9, c: 0.25 },
  { a: 1.3, b: 1.3, c: 0.2 },
  { a: 1.1, b: 2.0, c: 0.0 },
];
const PATTERNS: boolean[][] = [
  [true, true, true, false, true, false, false, false],
  [true, false, true, true, false, true, false, false],
  [true, true, true, true, true, true, false, true],
  [false, true, false, false, false, false, false, false],
];
const answers = (u: boolean[]): Answer[] => ITEMS.map((item, i) => ({ item, correct: u[i] }));

// Reference probability written independently (tanh form of the logistic).
const refP = (t: number, it: IrtParams) => it.c + (1 - it.c) * 0.5 * (1 + Math.tanh((D * it.a * (t - it.b)) / 2));
const refLogLik = (t: number, u: boolean[]) => ITEMS.reduce((s, it, i) => s + Math.log(u[i] ? refP(t, it) : 1 - refP(t, it)), 0);
const h = 1e-4;
const dP = (t: number, it: IrtParams) => (refP(t + h, it) - refP(t - h, it)) / (2 * h);
const d2P = (t: number, it: IrtParams) => (refP(t + h, it) - 2 * refP(t, it) + refP(t - h, it)) / (h * h);
const refInfo = (t: number) => ITEMS.reduce((s, it) => s + dP(t, it) ** 2 / (refP(t, it) * (1 - refP(t, it))), 0);

function refEap(u: boolean[], mean = 0, sd = 1): { theta: number; se: number } {
  let w = 0, m1 = 0, m2 = 0;
  for (let k = 0; k <= 200000; k++) {
    const t = mean - 10 * sd + (20 * sd * k) / 200000;
    const p = Math.exp(refLogLik(t, u) - 0.5 * ((t - mean) / sd) ** 2);
    w += p; m1 += p * t; m2 += p * t * t;
  }
  const m = m1 / w;
  return { theta: m, se: Math.sqrt(m2 / w - m * m) };
}

function argmax(f: (t: number) => number, lo: number, hi: number): number {
  let best = lo, bv = -Infinity;
  for (let k = 0; k <= 80000; k++) {
    const t = lo + ((hi - lo) * k) / 80000;
    const v = f(t);
    if (v > bv) { bv = v; best = t; }
  }
  const step = (hi - lo) / 80000;
  let a = best - step, bb = best + step;
  best = a; bv = -Infinity;
  for (let k = 0; k <= 20000; k++) {
    const t = a + ((bb - a) * k) / 20000;
    const v = f(t);
    if (v > bv) { bv = v; best = t; }
  }
  return best;
}

test('EAP and its posterior SD match brute-force integration to 1e-4', () => {
  for (const u of PATTERNS) {
    const ref = refEap(u);
    const got = eap(answers(u));
    assert.ok(Math.abs(got.theta - ref.theta) < 1e-4, `theta ${got.theta} vs ${ref.theta}`);
    assert.ok(Math.abs(got.se - ref.se) < 1e-4, `se ${got.se} vs ${ref.se}`);
  }
  const ref = refEap(PATTERNS[0], 0.5, 1.5);
  const got = eap(answers(PATTERNS[0]), { prior: { mean: 0.5, sd: 1.5 } });
  assert.ok(Math.abs(got.theta - ref.theta) < 1e-4 && Math.abs(got.se - ref.se) < 1e-4);
});

test('incremental posterior updates equal the batch EAP', () => {
  const post = createPosterior();
  for (const r of answers(PATTERNS[1])) updatePosterior(post, r.item, r.correct);
  const inc = summarizePosterior(post);
  const batch = eap(answers(PATTERNS[1]));
  assert.ok(Math.abs(inc.theta - batch.theta) < 1e-12 && Math.abs(inc.se - batch.se) < 1e-12);
});

test('EAP rejects fewer than 41 quadrature points', () => {
  assert.throws(() => eap(answers(PATTERNS[0]), { points: 21 }), RangeError);
});

test('MLE matches the fine-grid argmax of the log-likelihood and SE = 1/sqrt(I)', () => {
  for (const u of PATTERNS.slice(0, 2)) {
    const ref = argmax((t) => refLogLik(t, u), -4, 4);
    const got = mle(answers(u));
    assert.ok(Math.abs(got.theta - ref) < 1e-4, `theta ${got.theta} vs ${ref}`);
    assert.ok(Math.abs(got.se - 1 / Math.sqrt(refInfo(ref))) < 1e-4, `se ${got.se}`);
  }
});

test('MLE falls back for all-right and all-wrong patterns', () => {
  const allRight = ITEMS.map((item) => ({ item, correct: true }));
  const allWrong = ITEMS.map((item) => ({ item, correct: false }));
  assert.deepEqual(mle(allRight), eap(allRight));
  assert.equal(mle(allRight, { fallback: 'bounds' }).theta, 4);
  assert.equal(mle(allWrong, { fallback: 'bounds', bounds: [-3, 3] }).theta, -3);
  assert.ok(Number.isFinite(mle(allWrong).theta));
});

test("WLE matches the root of Warm's estimating equation found by finite differences", () => {
  for (const u of [...PATTERNS, ITEMS.map(() => true)]) {
    const g = (t: number) =>
      (refLogLik(t + h, u) - refLogLik(t - h, u)) / (2 * h) +
      ITEMS.reduce((s, it) => s + (dP(t, it) * d2P(t, it)) / (refP(t, it) * (1 - refP(t, it))), 0) / (2 * refInfo(t));
    // Fine scan for the + to − crossing, then bisection.
    let ref = NaN;
    for (let k = 0; k < 8000 && Number.isNaN(ref); k++) {
      let a = -4 + k * 0.001, b = a + 0.001;
      if (g(a) > 0 && g(b) <= 0) {
        for (let i = 0; i < 40; i++) { const m = (a + b) / 2; if (g(m) > 0) a = m; else b = m; }
        ref = (a + b) / 2;
      }
    }
    const got = wle(answers(u));
    assert.ok(Number.isFinite(ref), 'reference found a root');
    assert.ok(Math.abs(got.theta - ref) < 1e-4, `theta ${got.theta} vs ${ref}`);
    assert.ok(Math.abs(got.se - 1 / Math.sqrt(refInfo(ref))) < 1e-4);
  }
});
