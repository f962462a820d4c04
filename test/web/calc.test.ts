/** The Math calculator's arithmetic (web/src/lib/calc.ts): precedence as on the test's calculator, no eval. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CalcError, evaluate, formatNumber } from '../../web/src/lib/calc.ts';

test('precedence, powers, roots, π and implicit multiplication', () => {
  const cases: [string, string][] = [
    ['1+2*3', '7'],
    ['(1+2)*3', '9'],
    ['-2^2', '-4'],
    ['2^3^2', '512'],
    ['√16+1', '5'],
    ['sqrt(2)^2', '2'],
    ['2π', '6.283185307'],
    ['3(4)', '12'],
    ['10÷4', '2.5'],
    ['7−10', '-3'],
    ['0.1+0.2', '0.3'],
  ];
  for (const [expr, want] of cases) assert.equal(formatNumber(evaluate(expr)), want, expr);
});

test('bad input is a CalcError with a message, never a crash or code execution', () => {
  for (const expr of ['', '1/0', '2*', '(1+2', '√-4', 'alert(1)', '1;2', '9'.repeat(400) + '^9']) {
    assert.throws(() => evaluate(expr), CalcError, expr);
  }
});
