/**
 * Number references: the model learns "the number tagged ⟦3⟧ in the prompt" instead of the
 * digits, and the served text gets the digits back exactly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromNumberRefs, promptNumbers, settledText, tagNumbers, toNumberRefs } from '../../src/model/number-refs.ts';
import { modelPromptText, modelPromptView, modelResponseText } from '../../src/model/prompt-view.ts';

const prompt = '[user]\nPerformance:\n- Central Ideas and Details: 12/16 correct (75%), average 57 s per question, predicted proficiency 5.3 on a 1–7 scale';

test('tagged: every occurrence of a number is tagged with its position; words with digits inside are not numbers', () => {
  assert.deepEqual(promptNumbers(prompt, 'tagged'), ['12', '16', '75', '57', '5.3', '1', '7']);
  assert.equal(tagNumbers('1/1 correct (100%), x2 and e2e'), '1⟦1⟧/1⟦2⟧ correct (100⟦3⟧%), x2 and e2e');
  assert.deepEqual(promptNumbers('item rw5e2e2973 has x2 and 3x, 3 again, 4.50.', 'tagged'), ['3', '3', '4.50']);
});

test('tagged: a response refers to prompt numbers by occurrence and keeps numbers the prompt lacks', () => {
  const out = '75% on Central Ideas (12 out of 16). You average 57s; a predicted 5.3 out of 7. Aim for 80%.';
  const refs = toNumberRefs(out, prompt, 'tagged');
  assert.equal(refs, '⟦3⟧% on Central Ideas (⟦1⟧ out of ⟦2⟧). You average ⟦4⟧s; a predicted ⟦5⟧ out of ⟦7⟧. Aim for 80%.');
  assert.equal(fromNumberRefs(refs, promptNumbers(prompt, 'tagged')), out);
});

test('tagged: a repeated value refers to the occurrence that fits its sentence and surroundings, so later indices do not shift', () => {
  const twoSkills = '- A: 1/1 correct (100%)\n- B: 3/4 correct (75%)';
  // "1/" precedes the total in the prompt and in the answer; the second skill keeps indices 4–6 whatever the first holds.
  assert.equal(toNumberRefs('A: 1/1, B: 3/4 (75%)', twoSkills, 'tagged'), 'A: ⟦1⟧/⟦2⟧, B: ⟦4⟧/⟦5⟧ (⟦6⟧%)');
  assert.equal(toNumberRefs('B: 75% right', twoSkills + '\n- C: 3/4 correct (75%)', 'tagged'), 'B: ⟦6⟧% right', 'the line that names the same skill wins');
  assert.equal(toNumberRefs('got 5 done', 'x 5; y 5', 'tagged'), 'got ⟦1⟧ done', 'nothing to tell them apart: the first occurrence');
});

test('distinct (models trained before view 2): references count distinct values', () => {
  assert.deepEqual(promptNumbers('1/1 correct, 2/3', 'distinct'), ['1', '2', '3']);
  assert.equal(toNumberRefs('2 of 3, 1 of 1', '1/1 correct, 2/3', 'distinct'), '⟦2⟧ of ⟦3⟧, ⟦1⟧ of ⟦1⟧');
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
  assert.equal(modelResponseText('feedback', full, '99 and 75%', 1), '99 and ⟦3⟧%');
  assert.ok(modelPromptText('feedback', full).endsWith('5.3⟦5⟧ on a 1⟦6⟧–7⟦7⟧ scale'));
  const { text, numbers } = modelPromptView('feedback', full);
  assert.equal(fromNumberRefs(modelResponseText('feedback', full, 'You got 12/16, 75%.'), numbers), 'You got 12/16, 75%.');
  assert.ok(!text.includes('99'));
});
