import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streakOf } from '../../src/progress/streak.ts';

const today = '2025-03-10';

test('no activity, no streak', () => {
  assert.deepEqual(streakOf([], today), { current: 0, start: null, longest: 0, activeToday: false });
});

test('a run ending today or yesterday is current; an empty today does not break it yet', () => {
  assert.deepEqual(streakOf(['2025-03-08', '2025-03-09', '2025-03-10'], today), { current: 3, start: '2025-03-08', longest: 3, activeToday: true });
  assert.deepEqual(streakOf(['2025-03-08', '2025-03-09'], today), { current: 2, start: '2025-03-08', longest: 2, activeToday: false });
});

test('a whole day without activity ends the streak, the longest run is remembered', () => {
  const days = ['2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04', '2025-03-07', '2025-03-08'];
  assert.deepEqual(streakOf(days, today), { current: 0, start: null, longest: 4, activeToday: false });
  assert.deepEqual(streakOf([...days, '2025-03-10'], today), { current: 1, start: '2025-03-10', longest: 4, activeToday: true });
});

test('order and duplicates do not matter; days after today are ignored', () => {
  const a = streakOf(['2025-03-10', '2025-03-09', '2025-03-10', '2025-03-08', '2025-03-09'], today);
  assert.deepEqual(a, streakOf(['2025-03-08', '2025-03-09', '2025-03-10'], today));
  assert.equal(streakOf(['2025-03-10', '2025-03-11', '2025-03-12'], today).longest, 1);
});

test('runs across month and year ends count as consecutive', () => {
  assert.equal(streakOf(['2024-12-30', '2024-12-31', '2025-01-01'], '2025-01-01').current, 3);
  assert.equal(streakOf(['2024-02-28', '2024-02-29', '2024-03-01'], '2024-03-01').current, 3);
});
