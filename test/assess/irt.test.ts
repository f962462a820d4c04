import { test } from 'node:test';
import assert from 'node:assert/strict';
import { D_LOGISTIC, D_NORMAL, itemInfo, normCdf, normInv, prob, probDeriv, testInfo } from '../../src/assess/irt.ts';
import { toAssessItem } from '../../src/assess/types.ts';
import { SKILLS } from '../../src/content/taxonomy.ts';

const it3 = { a: 1.3, b: 0.4, c: 0.2 };

test('3PL probability: lower asymptote c, (1 + c)/2 at θ = b, D scales the slope', () => {
  assert.ok(Math.abs(prob(-50, it3) - 0.2) < 1e-12);
  assert.ok(Math.abs(prob(0.4, it3) - 0.6) < 1e-15);
  assert.ok(prob(1, it3, D_NORMAL) > prob(1, it3, D_LOGISTIC));
});

test('item information equals the closed forms', () => {
  for (const t of [-2, -0.5, 0.4, 1.7]) {
    // 2PL: I = D²a²P(1−P).
    const two = { a: 0.9, b: -0.3, c: 0 };
    const p = prob(t, two);
    assert.ok(Math.abs(itemInfo(t, two) - D_NORMAL ** 2 * 0.81 * p * (1 - p)) < 1e-12);
    // 3PL: I = P'² / (P(1−P)) with P' by finite differences.
    const h = 1e-5;
    const dp = (prob(t + h, it3) - prob(t - h, it3)) / (2 * h);
    const q = prob(t, it3);
    assert.ok(Math.abs(itemInfo(t, it3) - (dp * dp) / (q * (1 - q))) < 1e-8);
    assert.ok(Math.abs(probDeriv(t, it3) - dp) < 1e-8);
  }
  // 3PL maximum sits at b + ln((1 + √(1 + 8c))/2)/(D·a) (Lord, 1980, eq. 10-4).
  const tMax = it3.b + Math.log((1 + Math.sqrt(1 + 8 * it3.c)) / 2) / (D_NORMAL * it3.a);
  assert.ok(itemInfo(tMax, it3) > itemInfo(tMax - 0.01, it3) && itemInfo(tMax, it3) > itemInfo(tMax + 0.01, it3));
  assert.ok(Math.abs(testInfo(0.1, [it3, it3]) - 2 * itemInfo(0.1, it3)) < 1e-15);
});

test('normal CDF and its inverse agree', () => {
  for (const p of [0.001, 0.02, 0.3, 0.5, 0.9, 0.999]) assert.ok(Math.abs(normCdf(normInv(p)) - p) < 1e-6);
  assert.ok(Math.abs(normInv(0.975) - 1.959964) < 1e-5);
});

test('adapter reads the content item irt params', () => {
  const s = SKILLS[0];
  const a = toAssessItem({ id: 'x', skill: s.id, domain: s.domain, irt: { a: 1, b: 2, c: 0.25 } });
  assert.deepEqual(a, { id: 'x', skill: s.id, domain: s.domain, a: 1, b: 2, c: 0.25 });
});
