import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConversionTable, toScaled } from '../../src/assess/scoring.ts';
import { SKILLS, type SkillId } from '../../src/content/taxonomy.ts';
import { addDays } from '../../src/lib/days.ts';
import { AppError } from '../../src/lib/errors.ts';
import { buildPlan, PLAN_LIMITS, sectionTarget, skillPriorities, thetaForScore, type PlanInput } from '../../src/plan/build.ts';
import { allDays, allTasks } from '../../src/plan/types.ts';

const lessons = SKILLS.map((s) => ({ id: `lesson.${s.id}`, skill: s.id, minutes: 8 }));
/** Three clearly weak skills, the rest comfortably strong and well measured. */
const WEAK: SkillId[] = ['math.psda.probability', 'rw.conv.boundaries', 'math.geo.circles'];
const proficiency = SKILLS.map((s) => {
  const w = WEAK.indexOf(s.id);
  return { skill: s.id, theta: w >= 0 ? -2 + w * 0.5 : 1.5, se: 0.3 };
});
const input: PlanInput = { startDate: '2025-03-01', testDate: '2025-04-12', targetScore: 1200, proficiency, lessons };

test('days run from the start date to the day before the test, one per date, numbered from 1', () => {
  for (const testDate of ['2025-03-02', '2025-03-05', '2025-03-06', '2025-04-12', addDays('2025-03-01', PLAN_LIMITS.maxDays)]) {
    const plan = buildPlan({ ...input, testDate });
    const days = allDays(plan);
    const expected = Math.round((Date.parse(testDate) - Date.parse('2025-03-01')) / 86_400_000);
    assert.equal(days.length, expected, testDate);
    days.forEach((d, i) => {
      assert.equal(d.day, i + 1);
      assert.equal(d.date, addDays('2025-03-01', i));
      assert.ok(d.date < testDate && d.date >= input.startDate);
      assert.ok(d.tasks.length >= 1, `${d.date} has a task`);
    });
    const ids = allTasks(plan).map((t) => t.task.id);
    assert.equal(new Set(ids).size, ids.length, 'task ids are unique');
    for (const { task, day } of allTasks(plan)) assert.ok(task.id.startsWith(`${day.date}/${task.kind}/`), task.id);
  }
});

test('weak skills come first: the plan opens with a lesson and practice on each, weakest first', () => {
  const plan = buildPlan(input);
  assert.deepEqual(plan.priorities.slice(0, 3).map((p) => p.skill), WEAK);
  assert.equal(allDays(plan)[0].focus, WEAK[0]);
  const firstSeen: SkillId[] = [];
  for (const { task } of allTasks(plan)) if (task.skill && !firstSeen.includes(task.skill)) firstSeen.push(task.skill);
  assert.deepEqual(firstSeen.slice(0, 3), WEAK);
  const opening = allTasks(plan).slice(0, 6).map((t) => `${t.task.kind}:${t.task.skill}`);
  assert.deepEqual(opening, WEAK.flatMap((s) => [`lesson:${s}`, `practice:${s}`]));
  assert.equal(allTasks(plan)[0].task.lessonId, `lesson.${WEAK[0]}`);
  // Later, practice keeps coming back to the weak skills far more often than to strong ones.
  const practice = allTasks(plan).filter((t) => t.task.kind === 'practice' && t.task.skill).map((t) => t.task.skill!);
  const share = practice.filter((s) => WEAK.includes(s)).length / practice.length;
  assert.ok(share > 0.5, `weak skills get ${share} of skill practice`);
  // Strong skills are still revisited: some on their own, all of them in the weekly mixed sets.
  assert.ok(practice.some((s) => !WEAK.includes(s)));
  assert.ok(allTasks(plan).filter((t) => t.task.kind === 'practice' && t.task.section).length >= 4);
});

test("a student with no diagnostic yet: the sections take turns, and each day's time is used without practising ahead of a lesson", () => {
  const plan = buildPlan({ ...input, proficiency: [] });
  const foundations = plan.phases[0].days;
  const sectionOf = (s: SkillId) => SKILLS.find((k) => k.id === s)!.section;
  const lessonSections = foundations.flatMap((d) => d.tasks.filter((t) => t.kind === 'lesson').map((t) => sectionOf(t.skill!)));
  // Math has 19 skills and Reading and Writing 10: once the latter's lessons are all given, Math's go on alone.
  for (let i = 1; i < lessonSections.length; i++) {
    if (lessonSections[i] === lessonSections[i - 1]) assert.ok(lessonSections.slice(i).every((s) => s === lessonSections[i]), `lesson ${i + 1} repeats a section while the other has lessons left`);
  }
  assert.ok(lessonSections.slice(0, 20).filter((s) => s === 'rw').length === 10, 'all 10 Reading and Writing lessons among the first 20');
  const taught = new Set<SkillId>();
  for (const d of foundations) {
    for (const t of d.tasks) {
      if (t.kind === 'lesson') taught.add(t.skill!);
      else assert.ok(t.skill && taught.has(t.skill), `${t.id}: practice comes after the skill's lesson`);
    }
  }
  const minutes = (d: { tasks: readonly { minutes: number }[] }) => d.tasks.reduce((m, t) => m + t.minutes, 0);
  // Until the last weeks, every day after the first fills at least 80% of the 45 minutes (a practice set takes 12–16).
  const studyDays = plan.phases.filter((p) => p.id !== 'test_readiness').flatMap((p) => p.days).slice(1);
  for (const d of studyDays) if (!d.tasks.some((t) => t.kind === 'full_test')) assert.ok(minutes(d) >= 36 && minutes(d) <= 45, `${d.date}: ${minutes(d)} min`);
});

test('the same input gives the same plan, task ids included', () => {
  assert.deepEqual(buildPlan(input), buildPlan({ ...input, proficiency: [...proficiency].reverse(), lessons: [...lessons].reverse() }));
  assert.equal(JSON.stringify(buildPlan(input)), JSON.stringify(buildPlan(structuredClone(input))));
});

test('phases, full tests and the daily budget', () => {
  const plan = buildPlan(input);
  assert.deepEqual(plan.phases.map((p) => p.id), ['foundations', 'skill_building', 'test_readiness']);
  const days = allDays(plan);
  const readiness = plan.phases[2].days;
  assert.equal(readiness[0].tasks[0].kind, 'full_test', 'test readiness opens with a full test');
  assert.equal(readiness.at(-1)!.date, addDays(input.testDate, -1));
  assert.ok(readiness.at(-1)!.tasks.every((t) => t.kind === 'practice' && t.section), 'the last day is light mixed practice');
  assert.ok(days.filter((d) => d.tasks.some((t) => t.kind === 'full_test')).length >= 2, 'a 6-week plan has more than one full test');
  for (const d of days) {
    if (d.tasks.some((t) => t.kind === 'full_test')) continue;
    const minutes = d.tasks.reduce((m, t) => m + t.minutes, 0);
    assert.ok(d.tasks.length === 1 || minutes <= plan.minutesPerDay, `${d.date}: ${minutes} min`);
  }
  // A one-day plan is practice on the top priorities only.
  const short = buildPlan({ ...input, testDate: '2025-03-02' });
  assert.deepEqual(short.phases.map((p) => p.id), ['skill_building']);
  assert.equal(allDays(short)[0].focus, WEAK[0]);
});

test('the target θ is where the conversion table reaches half the target', () => {
  const table = buildConversionTable();
  for (const total of [400, 1000, 1210, 1600]) {
    const section = sectionTarget(total);
    const theta = thetaForScore(table, section);
    assert.equal(toScaled(table, theta), section);
    if (section > 200) assert.ok(toScaled(table, theta - 1e-6) < section);
  }
  const pri = skillPriorities({ proficiency: [], targetScore: 1000 });
  assert.ok(pri.every((p) => Math.abs(p.priority - (p.targetTheta - 0 + 0.5)) < 1e-9), 'unmeasured skills sit at the prior');
});

test('bad input is refused with a 400', () => {
  const bad: Partial<PlanInput>[] = [
    { testDate: '2025-03-01' },
    { testDate: '2025-02-01' },
    { testDate: addDays('2025-03-01', PLAN_LIMITS.maxDays + 1) },
    { testDate: '2025-02-30' },
    { targetScore: 399 },
    { targetScore: 1601 },
    { targetScore: 1000.5 },
    { minutesPerDay: 5 },
  ];
  for (const b of bad) {
    assert.throws(() => buildPlan({ ...input, ...b }), (e: unknown) => e instanceof AppError && e.status === 400, JSON.stringify(b));
  }
});
