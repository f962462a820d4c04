import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planAdjust, planAdjustInput } from '../../src/ai/tasks/plan-adjust.ts';
import { SKILLS, skill, type SkillId } from '../../src/content/taxonomy.ts';
import { createRng } from '../../src/lib/rng.ts';
import { adjustInput, applyChanges, changesFromAdvice, pickPerformance } from '../../src/plan/advice.ts';
import { buildPlan } from '../../src/plan/build.ts';
import { allDays, allTasks } from '../../src/plan/types.ts';

const plan = buildPlan({
  startDate: '2025-05-01',
  testDate: '2025-06-20',
  targetScore: 1300,
  proficiency: SKILLS.map((s, i) => ({ skill: s.id, theta: (i % 5) - 2, se: 0.4 })),
  lessons: SKILLS.map((s) => ({ id: `lesson.${s.id}`, skill: s.id, minutes: 9 })),
});
const perf = [
  { skill: 'math.geo.circles' as SkillId, correct: 2, total: 10 },
  { skill: 'rw.craft.words-in-context' as SkillId, correct: 9, total: 10 },
  { skill: 'math.alg.systems' as SkillId, correct: 5, total: 8 },
];

test('the advice input holds the coming single-skill days and fits the task schema', () => {
  const input = adjustInput(plan, '2025-05-10', perf)!;
  assert.ok(input);
  assert.equal(planAdjustInput.safeParse(input).success, true);
  assert.ok(input.plan.days.length <= 30 && input.plan.days.length > 0);
  const days = new Map(allDays(plan).map((d) => [d.day, d]));
  for (const d of input.plan.days) {
    const day = days.get(d.day)!;
    assert.ok(day.date >= '2025-05-10');
    assert.equal(day.focus, d.skill);
    assert.ok(!day.tasks.some((t) => t.kind === 'full_test'));
  }
  assert.equal(adjustInput(plan, '2025-07-01', perf), null, 'no day left');
  assert.equal(adjustInput(plan, '2025-05-10', []), null, 'nothing to base advice on');
});

test('performance: weakest first, at most 8 skills, a must-have kept, totals within the schema', () => {
  const many = SKILLS.slice(0, 12).map((s, i) => ({ skill: s.id, correct: i, total: 12 }));
  const picked = pickPerformance(many, SKILLS[11].id);
  assert.equal(picked.length, 8);
  assert.deepEqual(picked.slice(0, 7).map((p) => p.correct), [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(picked[7].skill, SKILLS[11].id);
  const big = pickPerformance([{ skill: SKILLS[0].id, correct: 700, total: 1000 }]);
  assert.deepEqual(big, [{ skill: SKILLS[0].id, correct: 350, total: 500 }]);
});

test('the template advice maps to the change it describes', () => {
  const input = adjustInput(plan, '2025-05-10', perf)!;
  for (let seed = 0; seed < 20; seed++) {
    const text = planAdjust.template(input, createRng(`advice-${seed}`));
    const changes = changesFromAdvice(text, input, plan, { trigger: 'skip', taskId: 'x' });
    assert.equal(changes.source, 'ai_text', text);
    const [op] = changes.ops;
    assert.equal(op.skill, 'math.geo.circles', 'the weakest skill');
    assert.ok(text.includes(`day ${op.day}`) || text.includes(`Day ${op.day}`), text);
    const day = allDays(plan).find((d) => d.day === op.day)!;
    assert.equal(op.op, day.tasks.some((t) => t.skill === op.skill) ? 'add_practice' : 'replace_day');
    assert.equal(op.date, day.date);
  }
});

test('advice that names no usable day falls back to the template rule', () => {
  const input = adjustInput(plan, '2025-05-10', perf)!;
  const changes = changesFromAdvice(`Practise ${skill('math.geo.circles').name} on day 999.`, input, plan, { trigger: 'test', testResultId: 'r' });
  assert.equal(changes.source, 'rule');
  assert.equal(changes.ops[0].skill, 'math.geo.circles');
  assert.ok(input.plan.days.some((d) => d.day === changes.ops[0].day));
  assert.equal(changes.testResultId, 'r');
});

test('applying a change makes the next version: ids kept, acted-on tasks kept, the adjustment recorded', () => {
  const days = allDays(plan).filter((d) => d.date >= '2025-05-10' && d.focus);
  const target = days.find((d) => d.tasks.length >= 2)!;
  const done = target.tasks[0].id;
  const replaced = applyChanges(plan, 'sug-1', [{ op: 'replace_day', day: target.day, date: target.date, skill: 'math.geo.circles', count: 10 }], new Set([done]));
  const after = allDays(replaced).find((d) => d.day === target.day)!;
  assert.deepEqual(after.tasks.map((t) => t.id)[0], done);
  assert.equal(after.tasks.length, 2);
  assert.equal(after.tasks[1].skill, 'math.geo.circles');
  assert.equal(after.focus, 'math.geo.circles');
  assert.deepEqual(replaced.adjustments, [{ suggestionId: 'sug-1', ops: [{ op: 'replace_day', day: target.day, date: target.date, skill: 'math.geo.circles', count: 10 }] }]);
  // Every other day is untouched, and the source plan is not mutated.
  const others = (p: typeof plan) => allDays(p).filter((d) => d.day !== target.day);
  assert.deepEqual(others(replaced), others(plan));
  assert.ok(allDays(plan).find((d) => d.day === target.day)!.tasks.length >= 2);

  const own = target.tasks.find((t) => t.skill)!.skill!;
  const added = applyChanges(plan, 'sug-2', [{ op: 'add_practice', day: target.day, date: target.date, skill: own, count: 10 }]);
  const addedDay = allDays(added).find((d) => d.day === target.day)!;
  assert.equal(addedDay.tasks.length, target.tasks.length + 1);
  const ids = allTasks(added).map((t) => t.task.id);
  assert.equal(new Set(ids).size, ids.length, 'a second set of the same skill gets its own id');
});
