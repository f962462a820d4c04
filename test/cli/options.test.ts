/** The numeric checks every command uses (src/cli/options.ts): a bad value is a UsageError naming its flag. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/cli/commands/db.ts';
import { numberIn, openFraction, optional, positiveInt, positiveNumber, wholeNumber } from '../../src/cli/options.ts';

const rejects = (fn: () => unknown, message: RegExp) => assert.throws(fn, (e: unknown) => e instanceof UsageError && message.test(e.message));

test('a blank value is no number, not zero', () => {
  for (const blank of ['', ' ', '\t']) {
    rejects(() => wholeNumber(blank, '--folds'), /^--folds must be a whole number ≥ 0$/);
    rejects(() => positiveInt(blank, '--n'), /^--n must be a positive integer$/);
    rejects(() => numberIn(blank, '--share', 0, 1), /^--share must be a number from 0 to 1$/);
    rejects(() => positiveNumber(blank, '--lr'), /^--lr must be a number above 0$/);
    rejects(() => openFraction(blank, '--val-fraction'), /^--val-fraction must be a number between 0 and 1, both excluded$/);
  }
});

test('each check takes its own kind of number and nothing else', () => {
  assert.equal(wholeNumber('0', '--x'), 0);
  assert.equal(positiveInt('12', '--x'), 12);
  assert.equal(positiveNumber('2e-3', '--x'), 0.002);
  assert.equal(numberIn('1', '--x', 0, 1), 1);
  assert.equal(openFraction('0.05', '--x'), 0.05);
  for (const bad of ['abc', '-1', '1.5', 'NaN']) rejects(() => wholeNumber(bad, '--x'), /whole number/);
  for (const bad of ['0', 'Infinity']) rejects(() => positiveInt(bad, '--x'), /positive integer/);
  for (const bad of ['0', '-2', 'Infinity', 'x']) rejects(() => positiveNumber(bad, '--x'), /above 0/);
  for (const bad of ['0', '1', '-0.1']) rejects(() => openFraction(bad, '--x'), /both excluded/);
  assert.equal(optional(positiveInt, undefined, '--limit'), undefined);
  rejects(() => optional(positiveInt, '', '--limit'), /^--limit must be a positive integer$/);
});
