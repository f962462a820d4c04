/** Server messages shown to students as sentences, the server's wording kept; counts and times in words (web/src/lib/sentence.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSentence, noun, timeAgo } from '../../web/src/lib/sentence.ts';

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

test('a count shown apart from its noun still takes the singular for one', () => {
  assert.equal(noun(1, 'minute'), 'minute');
  assert.equal(noun(0, 'minute'), 'minutes');
  assert.equal(noun(2, 'question'), 'questions');
});

test('how long ago something began reads as a person says it, then as a date', () => {
  const now = new Date('2026-11-20T15:00:00Z');
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  assert.equal(timeAgo(before(20_000), now), 'just now');
  assert.equal(timeAgo(before(60_000), now), '1 minute ago');
  assert.equal(timeAgo(before(45 * 60_000), now), '45 minutes ago');
  assert.equal(timeAgo(before(3 * 3_600_000 + 59 * 60_000), now), '3 hours ago');
  const lastWeek = before(6 * 86_400_000);
  assert.equal(timeAgo(lastWeek, now), `on ${new Date(lastWeek).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}`);
  assert.match(timeAgo('2025-11-01T12:00:00Z', now), /2025/, 'a date in another year names the year');
});
