import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, dayIn, daysBetween, isIsoDay, isTimeZone } from '../../src/lib/days.ts';

test('calendar arithmetic ignores daylight saving and crosses month and year ends', () => {
  assert.equal(addDays('2025-03-08', 2), '2025-03-10');
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(daysBetween('2025-01-01', '2025-12-31'), 364);
  assert.equal(daysBetween('2025-03-10', '2025-03-01'), -9);
});

test('only real days in YYYY-MM-DD are days', () => {
  for (const ok of ['2025-01-01', '2024-02-29']) assert.ok(isIsoDay(ok), ok);
  for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '20250101', '2025-01-01T00:00:00Z', '']) assert.ok(!isIsoDay(bad), bad);
});

test('the day of an instant depends on the wall clock of the zone', () => {
  const at = new Date('2025-03-10T03:30:00Z');
  assert.equal(dayIn(at), '2025-03-10');
  assert.equal(dayIn(at, 'America/New_York'), '2025-03-09');
  assert.equal(dayIn(at, 'Asia/Kolkata'), '2025-03-10');
  assert.ok(isTimeZone('Europe/Paris'));
  assert.ok(!isTimeZone('Mars/Olympus'));
});
