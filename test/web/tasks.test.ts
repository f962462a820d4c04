/** How plan tasks and plan advice read in the web app (web/src/lib/tasks.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateLabel, taskLink, withDayDates } from '../../web/src/lib/tasks.ts';

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

test('a practice task\'s Start names its set and the task, so the set can tick it off; a lesson task\'s names the task, so the reading can', () => {
  assert.equal(
    taskLink({ id: '2026-11-20/practice/math.geo.circles', kind: 'practice', skill: 'math.geo.circles', count: 15 }),
    '/practice?skill=math.geo.circles&count=15&task=2026-11-20%2Fpractice%2Fmath.geo.circles',
  );
  assert.equal(taskLink({ id: '2026-11-21/practice/rw', kind: 'practice', section: 'rw' }), '/practice?section=rw&count=10&task=2026-11-21%2Fpractice%2Frw');
  assert.equal(taskLink({ id: '2026-11-20/lesson/math.geo.circles', kind: 'lesson', skill: 'math.geo.circles', lessonId: 'l 1' }), '/lessons/l%201?task=2026-11-20%2Flesson%2Fmath.geo.circles');
});
