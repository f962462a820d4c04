import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BADGE_METRICS, BADGES, earnedBadges, type Badge, type BadgeStats } from '../../src/progress/badges.ts';

const zero = Object.fromEntries(BADGE_METRICS.map((m) => [m, 0])) as BadgeStats;

test('the catalogue is well formed: unique ids, known metrics, positive thresholds', () => {
  assert.equal(new Set(BADGES.map((b) => b.id)).size, BADGES.length);
  for (const b of BADGES) {
    assert.match(b.id, /^[a-z0-9-]+$/);
    assert.ok(BADGE_METRICS.includes(b.rule.metric), b.id);
    assert.ok(Number.isInteger(b.rule.threshold) && b.rule.threshold > 0, b.id);
    assert.ok(b.title.length > 0 && b.description.length > 0);
  }
});

test('nothing done, nothing earned; a badge is earned exactly at its threshold', () => {
  assert.deepEqual(earnedBadges(zero), []);
  for (const b of BADGES) {
    assert.ok(!earnedBadges({ ...zero, [b.rule.metric]: b.rule.threshold - 1 }).includes(b.id), `${b.id} below threshold`);
    assert.ok(earnedBadges({ ...zero, [b.rule.metric]: b.rule.threshold }).includes(b.id), `${b.id} at threshold`);
  }
});

test('one metric can earn several badges, and rules are data', () => {
  const earned = earnedBadges({ ...zero, longestStreak: 10, questionsAnswered: 150 });
  assert.deepEqual(earned, ['first-answer', 'answers-100', 'streak-3', 'streak-7']);
  const custom: Badge[] = [{ id: 'x', title: 'X', description: 'x', rule: { metric: 'fullTests', threshold: 2 } }];
  assert.deepEqual(earnedBadges({ ...zero, fullTests: 2 }, custom), ['x']);
  assert.deepEqual(earnedBadges({ ...zero, fullTests: 1 }, custom), []);
});
