import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SKILL_IDS } from '../../src/content/taxonomy.ts';
import { pickFocus, RECENT_MS, type Performance, type RecentResponse } from '../../src/tutor/context.ts';

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
