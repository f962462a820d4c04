/** Server messages shown to students as sentences (web/src/lib/sentence.ts), the server's wording kept. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSentence } from '../../web/src/lib/sentence.ts';

test('a lowercase server message reads as a sentence', () => {
  assert.equal(asSentence('wrong email or password'), 'Wrong email or password.');
  assert.equal(asSentence('too many requests; retry in 12 s'), 'Too many requests; retry in 12 s.');
  assert.equal(asSentence('module 2 has not started'), 'Module 2 has not started.');
  assert.equal(asSentence("don't send that "), "Don't send that.");
});

test('a message that is already a sentence, or starts with a name, keeps its wording', () => {
  assert.equal(asSentence('Cannot reach the server. Check your connection and try again.'), 'Cannot reach the server. Check your connection and try again.');
  assert.equal(asSentence('Is this right?'), 'Is this right?');
  assert.equal(asSentence('ai_output_id is required'), 'ai_output_id is required.');
  assert.equal(asSentence('minutesPerDay must be from 15 to 240'), 'minutesPerDay must be from 15 to 240.');
  assert.equal(asSentence('lm@0123 is not registered'), 'lm@0123 is not registered.');
  assert.equal(asSentence(''), '');
});
