/** How plan tasks and plan advice read in the web app (web/src/lib/tasks.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateLabel, withDayDates } from '../../web/src/lib/tasks.ts';

test('advice that names a plan day gets that day\'s date; a day the plan does not have stays as written', () => {
  const days = new Map([[22, '2026-12-19'], [3, '2026-11-30']]);
  assert.equal(
    withDayDates('Day 22 already covers Linear functions, so make it a longer practice session.', days),
    `Day 22 (${dateLabel('2026-12-19')}) already covers Linear functions, so make it a longer practice session.`,
  );
  assert.equal(withDayDates("Let's use day 3 for Circles practice.", days), `Let's use day 3 (${dateLabel('2026-11-30')}) for Circles practice.`);
  assert.equal(withDayDates('Switch day 40 to practice Circles instead!', days), 'Switch day 40 to practice Circles instead!');
  assert.equal(withDayDates('Monday 22 is not a plan day.', days), 'Monday 22 is not a plan day.');
});
