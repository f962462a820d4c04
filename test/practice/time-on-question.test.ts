/** Time on a question is the client's figure, never more than the server's clock allows. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeOnQuestion } from '../../src/practice/sessions.ts';
import { timeInModule } from '../../src/practice/full-test.ts';

const served = Date.parse('2026-11-29T12:00:00Z');
const current = { questionId: 'q1', servedAt: new Date(served).toISOString() };

test('an online question: at most the time since it was served; an honest figure stands', () => {
  assert.equal(timeOnQuestion({ current }, 45_000, served + 50_000), 45_000);
  // A client claiming 30 s two seconds after the question was served.
  assert.equal(timeOnQuestion({ current }, 30_000, served + 2_000), 2_000);
  assert.equal(timeOnQuestion({ current, pack: ['q1'], packOrdered: true }, 30_000, served + 2_000), 2_000, 'a retry is served one at a time too');
  assert.equal(timeOnQuestion({ current }, 30_000, served - 5), 0, 'a clock step back is no time');
});

test('an offline pack: answered away from the server, the client\'s figure is all there is', () => {
  assert.equal(timeOnQuestion({ current: null, pack: ['q1', 'q2'] }, 30_000, served + 2_000), 30_000);
});

test('a full-test module never holds more time than has passed since it started', () => {
  const module = { startedAt: served, answers: { a: { timeSpentMs: 20_000 }, b: { timeSpentMs: 10_000 } } };
  assert.equal(timeInModule(module, 5_000, served + 60_000), 5_000);
  assert.equal(timeInModule(module, 60_000, served + 60_000), 30_000);
  assert.equal(timeInModule(module, 60_000, served + 25_000), 0);
});
