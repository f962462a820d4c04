/** How plan tasks and plan advice read in the web app (web/src/lib/tasks.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateLabel, openLessonTask, taskLink, withDayDates } from '../../web/src/lib/tasks.ts';
import type { SkillId } from '../../src/content/taxonomy.ts';

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

test('a lesson finds the plan task it can tick off: open, for its skill, today or the next one ahead', () => {
  const lesson = (id: string, skill: SkillId, status: 'pending' | 'completed' | 'skipped') => ({ id, kind: 'lesson' as const, skill, status });
  const plan = {
    phases: [
      { days: [{ date: '2026-11-19', tasks: [lesson('yesterday', 'math.alg.linear-functions', 'pending')] }] },
      {
        days: [
          { date: '2026-11-20', tasks: [lesson('today-done', 'math.alg.linear-functions', 'completed'), lesson('today-other', 'rw.craft.words-in-context', 'pending')] },
          { date: '2026-11-22', tasks: [{ id: 'practice', kind: 'practice' as const, skill: 'math.alg.linear-functions' as SkillId, status: 'pending' as const }, lesson('ahead', 'math.alg.linear-functions', 'pending')] },
        ],
      },
    ],
  };
  assert.deepEqual(openLessonTask(plan, 'rw.craft.words-in-context', '2026-11-20'), { date: '2026-11-20', task: plan.phases[1].days[0].tasks[1] });
  assert.equal(openLessonTask(plan, 'math.alg.linear-functions', '2026-11-20')?.task.id, 'ahead');
  assert.equal(openLessonTask(plan, 'math.alg.linear-functions', '2026-11-23'), null, 'nothing open from that day on');
  assert.equal(openLessonTask(plan, 'math.geo.circles', '2026-11-20'), null, 'not on the plan');
});

test('a practice task\'s Start names its set and the task, so the set can tick it off', () => {
  assert.equal(
    taskLink({ id: '2026-11-20/practice/math.geo.circles', kind: 'practice', skill: 'math.geo.circles', count: 15 }),
    '/practice?skill=math.geo.circles&count=15&task=2026-11-20%2Fpractice%2Fmath.geo.circles',
  );
  assert.equal(taskLink({ id: '2026-11-21/practice/rw', kind: 'practice', section: 'rw' }), '/practice?section=rw&count=10&task=2026-11-21%2Fpractice%2Frw');
  assert.equal(taskLink({ id: 'x', kind: 'lesson', skill: 'math.geo.circles', lessonId: 'l 1' }), '/lessons/l%201');
});
