/**
 * Number references: the model learns "the third number of the prompt" instead of the digits,
 * and the served text gets the digits back exactly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromNumberRefs, promptNumbers, settledText, toNumberRefs } from '../../src/model/number-refs.ts';
import { modelResponseText } from '../../src/model/data.ts';

const prompt = '[user]\nPerformance:\n- Central Ideas and Details: 12/16 correct (75%), average 57 s per question, predicted proficiency 5.3 on a 1–7 scale';

test('a prompt lists its distinct numbers in order; words with digits inside are not numbers', () => {
  assert.deepEqual(promptNumbers(prompt), ['12', '16', '75', '57', '5.3', '1', '7']);
  assert.deepEqual(promptNumbers('item rw5e2e2973 has x2 and 3x, 3 again, 4.50.'), ['3', '4.50']);
});

test('a response refers to prompt numbers by position and keeps numbers the prompt lacks', () => {
  const out = '75% on Central Ideas (12 out of 16). You average 57s; a predicted 5.3 out of 7. Aim for 80%.';
  const refs = toNumberRefs(out, promptNumbers(prompt));
  assert.equal(refs, '⟦3⟧% on Central Ideas (⟦1⟧ out of ⟦2⟧). You average ⟦4⟧s; a predicted ⟦5⟧ out of ⟦7⟧. Aim for 80%.');
  assert.equal(fromNumberRefs(refs, promptNumbers(prompt)), out);
});

test('a reference past the prompt numbers stays visible, so the task checks reject the text', () => {
  assert.equal(fromNumberRefs('you got ⟦9⟧ right', ['4']), 'you got ⟦9⟧ right');
});

test('while streaming, an unclosed reference is held back and shown text only grows', () => {
  const nums = ['12', '16'];
  assert.equal(settledText('got ⟦1', nums), 'got ');
  assert.equal(settledText('got ⟦1⟧ of ⟦', nums), 'got 12 of ');
  assert.equal(settledText('got ⟦1⟧ of ⟦2⟧', nums), 'got 12 of 16');
});

test('the training view of a pair uses the prompt as the model reads it', () => {
  const full = `[system]\nsystem text with 99 in it\n\n${prompt}`;
  // feedback's fixed system message is not shown to the model, so its numbers are not referable
  assert.equal(modelResponseText('feedback', full, '99 and 75%'), '99 and ⟦3⟧%');
});
