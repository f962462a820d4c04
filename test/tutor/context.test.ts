import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SKILL_IDS } from '../../src/content/taxonomy.ts';
import { tutorChat } from '../../src/ai/tasks/tutor-chat.ts';
import { skill } from '../../src/content/taxonomy.ts';
import { createRng } from '../../src/lib/rng.ts';
import { performanceInput, pickFocus, RECENT_MS, type Performance, type RecentResponse } from '../../src/tutor/context.ts';

const [s1, s2, s3] = SKILL_IDS;
const now = new Date('2025-03-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const answer = (questionId: string, skill: (typeof SKILL_IDS)[number], correct: boolean, msAgo: number, revealable = true): RecentResponse => ({
  questionId,
  skill,
  correct,
  at: ago(msAgo),
  revealable,
});
const standing = (skill: (typeof SKILL_IDS)[number], mastery: number) => ({ skill, theta: 0, se: 1, mastery, responses: 3 });

test('the question just missed is the focus, with its skill', () => {
  const p: Performance = {
    skills: [standing(s1, 0.2), standing(s2, 0.9)],
    recent: [answer('q3', s2, true, 60_000), answer('q2', s2, false, 120_000), answer('q1', s1, false, 180_000)],
  };
  assert.deepEqual(pickFocus(p, now), { skill: s2, questionId: 'q2' });
});

test('without a recent miss, the weakest skill practised recently; unknown mastery is no evidence of weakness', () => {
  const p: Performance = {
    skills: [standing(s1, 0.8), standing(s2, 0.3), standing(s3, 0.1)],
    recent: [answer('q1', s1, true, 60_000), answer('q2', s2, true, 90_000), answer('q3', s3, true, RECENT_MS + 1)],
  };
  assert.deepEqual(pickFocus(p, now), { skill: s2 });
  assert.deepEqual(pickFocus({ skills: [standing(s2, 0.5)], recent: [answer('q1', s1, true, 1), answer('q2', s2, true, 2)] }, now), { skill: s2 });
});

test('old activity and answers of a running full-length test set no focus', () => {
  assert.deepEqual(pickFocus({ skills: [standing(s1, 0.1)], recent: [answer('q1', s1, false, RECENT_MS + 1)] }, now), {});
  assert.deepEqual(pickFocus({ skills: [], recent: [answer('q1', s1, false, 1000, false)] }, now), {});
  assert.deepEqual(pickFocus({ skills: [], recent: [] }, now), {});
});

test('the tutor is told the practised skills, weakest first, with recent right/answered counts; a running test is not counted', () => {
  const p: Performance = {
    skills: [standing(s1, 0.8), standing(s2, 0.314), standing(s3, 0.1)],
    recent: [answer('q1', s1, true, 1), answer('q2', s2, false, 2), answer('q3', s2, true, 3), answer('q4', s3, true, 4, false), answer('q5', s1, false, 5)],
  };
  assert.deepEqual(performanceInput(p), [
    { skill: s2, mastery: 0.31, recentCorrect: 1, recentAnswered: 2 },
    { skill: s1, mastery: 0.8, recentCorrect: 1, recentAnswered: 2 },
  ]);
});

test('asked how they are doing, the template answers from the performance, and its figures pass the checks', () => {
  const p: Performance = { skills: [standing(s2, 0.42), standing(s1, 0.9)], recent: [answer('a', s2, true, 1), answer('b', s2, false, 2), answer('c', s1, true, 3)] };
  const input = tutorChat.input.parse({ messages: [{ role: 'user', content: 'What should I work on next?' }], performance: performanceInput(p), sources: [] });
  const text = tutorChat.template(input, createRng('progress'));
  assert.ok(text.includes(`${skill(s2).name} is the skill to work on next (mastery 42%, 1 of 2 right recently)`), text);
  assert.deepEqual(tutorChat.checks(input, text).filter((c) => !c.pass), []);
  assert.match(tutorChat.prompt(input).map((m) => m.content).join('\n'), /Recent performance:/);
  // A made-up figure is caught.
  assert.ok(tutorChat.checks(input, text.replace('42%', '47%')).some((c) => !c.pass));
});
