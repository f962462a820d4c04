import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rat } from '../../src/lib/rational.ts';
import { sprAccepts, sprForms } from '../../src/content/spr.ts';

test('a repeating fraction is accepted as the fraction and as truncated or rounded decimals filling the grid', () => {
  assert.deepEqual(sprForms(rat(2, 3)), ['2/3', '.6666', '.6667', '0.666', '0.667']);
});

test('negative answers get one more character for the minus sign', () => {
  assert.deepEqual(sprForms(rat(-2, 3)), ['-2/3', '-.6666', '-.6667', '-0.666', '-0.667']);
});

test('terminating decimals are exact; integers are plain', () => {
  assert.deepEqual(sprForms(rat(7, 2)), ['7/2', '3.5']);
  assert.deepEqual(sprForms(rat(3, 4)), ['3/4', '0.75', '.75']);
  assert.deepEqual(sprForms(rat(12)), ['12']);
});

test('a fraction too long for the grid is given only as a decimal', () => {
  assert.deepEqual(sprForms(rat(1001, 3)), ['333.6', '333.7']);
});

test('responses are matched against the accepted forms, ignoring spaces', () => {
  const forms = sprForms(rat(2, 3));
  assert.ok(sprAccepts(forms, ' 2/3 '));
  assert.ok(sprAccepts(forms, '.6667'));
  assert.ok(!sprAccepts(forms, '0.67'));
  assert.ok(sprAccepts(forms, '4/6'), 'an unreduced fraction that fits scores by value');
  assert.ok(sprAccepts(sprForms(rat(1, 2)), '0.50'));
  assert.ok(!sprAccepts(sprForms(rat(1001, 3)), '333.66'), 'too long for the grid');
  assert.ok(!sprAccepts(forms, ''));
});
