/** The plain-text math of the item bank, found and turned into TeX (web/src/lib/math.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMathLine, proseSegments, toTex } from '../../web/src/lib/math.ts';

test('equation lines are math; sentences are not', () => {
  for (const l of ['8p + 10 = 66', 'y = 4x + 1', '|x - 10| = 1', '-17 < 3x - 1 < -9', '4x² - 32x + 48 = 0', 'x^(9/4)', '-10/3', 'ax² + bx + c']) assert.ok(isMathLine(l), l);
  for (const l of ['What value of p is the solution to the given equation?', '36', 'Text 1', 'The parks need little water.', '$5 each']) assert.ok(!isMathLine(l), l);
});

test('fractions, powers, roots and symbols become TeX', () => {
  assert.equal(toTex('8/(x + 6) = 4/(x + 5)'), '\\frac{8}{x + 6} = \\frac{4}{x + 5}');
  assert.equal(toTex('4x² - 32x + 48 = 0'), '4x^{2} - 32x + 48 = 0');
  assert.equal(toTex('x^(9/4)'), 'x^{9/4}');
  assert.equal(toTex('(⁴√x)⁵·x'), '\\left(\\sqrt[4]{x}\\right)^{5}\\cdot x');
  assert.equal(toTex('k(x) = (1/3)x - 4/3'), 'k\\left(x\\right) = \\frac{1}{3}x - \\frac{4}{3}');
  assert.equal(toTex('√(x + 4) = x - 2'), '\\sqrt{x + 4} = x - 2');
  assert.equal(toTex('x ≠ 0'), 'x \\neq 0');
  assert.equal(toTex('sin(x) = cos(50°)'), '\\sin \\left(x\\right) = \\cos \\left(50^{\\circ}\\right)');
  assert.equal(toTex('a = 1,200'), 'a = 1{,}200');
});

test('no text is lost: a stray bracket is kept', () => {
  assert.equal(toTex('2x + 3) = 4'), '2x + 3) = 4');
});

test('expressions inside sentences are found; words, ranges and hyphens stay text', () => {
  const math = (s: string) => proseSegments(s).filter((x) => x.math).map((x) => x.text);
  assert.deepEqual(math('If 5x + 6 = -26, what is the value of -5x - 6?'), ['5x + 6 = -26', '-5x - 6']);
  assert.deepEqual(math('A circle in the xy-plane has equation (x − 5)² + (y + 8)² = 49. What is its center?'), ['(x − 5)² + (y + 8)² = 49']);
  assert.deepEqual(math('The expression (x + 5)(x + 1) is equivalent to ax² + bx + c, where a, b, and c are constants.'), ['(x + 5)(x + 1)', 'ax² + bx + c']);
  assert.deepEqual(math('pages 10-20 and a 3-point shot'), []);
  assert.deepEqual(math('In triangle ABC, the measure of angle A is 53°.'), []);
  // Every character survives the split.
  const s = 'Use the quadratic formula: x = (-6 ± √44)/2.';
  assert.equal(proseSegments(s).map((x) => x.text).join(''), s);
});
