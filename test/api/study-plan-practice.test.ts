/**
 * A plan's practice task is done by practising: a set started from the task ticks it off at
 * the finish and pays the task's points, a bare Done pays none; the same advice is never
 * pending twice; and a new goal rebuilds the plan but keeps the days behind and what was done.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { addDays, dayIn } from '../../src/lib/days.ts';
import { getBank } from '../../src/practice/bank.ts';
import { suggestPlanAdjustment } from '../../src/plan/adjust.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
const today = dayIn(new Date());
const db = () => t.database.db;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** Answer `n` questions of a started session (alternately right and wrong). */
async function answer(user: TestUser, start: { sessionId: string; question: { id: string } }, n: number) {
  const c = as(t.app, user);
  const bank = await getBank(db());
  let q = start.question;
  for (let i = 0; i < n && q; i++) {
    const item = bank.items.get(q.id)!;
    const right = item.type === 'mcq' ? item.answer : item.acceptedAnswers![0];
    const answer = i % 2 === 0 ? right : item.type === 'mcq' ? 'ABCD'.replace(item.answer, '')[0] : '9999';
    const res = await c({ method: 'POST', url: `/practice/${start.sessionId}/answer`, payload: { questionId: q.id, answer, timeSpentMs: 20_000 } });
    assert.equal(res.statusCode, 200, res.body);
    q = res.json().next;
  }
}

async function practise(user: TestUser, n: number) {
  const c = as(t.app, user);
  const start = await c({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: n } });
  assert.equal(start.statusCode, 201, start.body);
  await answer(user, start.json(), n);
  assert.equal((await c({ method: 'POST', url: `/practice/${start.json().sessionId}/finish` })).statusCode, 200);
}

const tasksOf = (plan: any) => plan.phases.flatMap((p: any) => p.days.flatMap((d: any) => d.tasks.map((x: any) => ({ ...x, date: d.date }))));
const planTaskPoints = async (userId: string, taskId: string) =>
  db().select().from(schema.pointsLedger).where(and(eq(schema.pointsLedger.userId, userId), eq(schema.pointsLedger.reason, 'plan_task'), eq(schema.pointsLedger.sourceId, taskId)));
const actionsOn = async (userId: string, taskId: string) =>
  db().select().from(schema.planActions).where(and(eq(schema.planActions.userId, userId), eq(schema.planActions.taskId, taskId)));

test('a set started from a practice task ticks it off at the finish, once, with its points; Done alone pays none', async () => {
  const s = await signUp(t.app, 'student');
  const c = as(t.app, s);
  await practise(s, 4);
  const plan = (await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(today, 30) } })).json();
  const practice = tasksOf(plan).filter((x: any) => x.kind === 'practice' && x.skill);
  assert.ok(practice.length >= 2, 'the plan has skill practice tasks');
  const [task, other] = practice;

  // A start for something other than the task's set is refused, not linked.
  const wrongSkill = practice.find((x: any) => x.skill !== task.skill);
  const bad = [
    { skill: wrongSkill?.skill ?? 'math.geo.circles', count: task.count, planTaskId: task.id },
    { skill: task.skill, count: task.count + 5, planTaskId: task.id },
    { skill: task.skill, count: task.count, planTaskId: 'no/such/task' },
  ];
  for (const payload of bad) assert.equal((await c({ method: 'POST', url: '/practice/start', payload })).statusCode, 400, JSON.stringify(payload));

  // Finishing part of the set leaves the task open.
  const partial = (await c({ method: 'POST', url: '/practice/start', payload: { skill: task.skill, count: task.count, planTaskId: task.id } })).json();
  assert.equal(partial.planTaskId, task.id);
  await answer(s, partial, 2);
  const early = await c({ method: 'POST', url: `/practice/${partial.sessionId}/finish` });
  assert.equal(early.statusCode, 200, early.body);
  assert.equal(early.json().planTask.status, 'pending');
  assert.equal((await actionsOn(s.id, task.id)).length, 0);

  // The whole set: the task is completed in the finish, with the session in its snapshot and the task's points.
  const start = (await c({ method: 'POST', url: '/practice/start', payload: { skill: task.skill, count: task.count, planTaskId: task.id } })).json();
  await answer(s, start, task.count);
  const finish = await c({ method: 'POST', url: `/practice/${start.sessionId}/finish` });
  assert.equal(finish.statusCode, 200, finish.body);
  assert.deepEqual(finish.json().planTask, { taskId: task.id, status: 'completed', points: 15 });
  const rows = await actionsOn(s.id, task.id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].action, 'completed');
  assert.equal(rows[0].planId, plan.id);
  assert.equal((rows[0].performanceSnapshot as any).practice.sessionId, start.sessionId);
  assert.equal((rows[0].performanceSnapshot as any).practice.total, task.count);
  const events = await db().select().from(schema.events).where(and(eq(schema.events.type, 'plan.action'), eq(schema.events.userId, s.id)));
  assert.deepEqual(events.map((e) => (e.payload as any).taskId), [task.id]);
  assert.equal((await planTaskPoints(s.id, task.id)).length, 1);
  const read = (await c({ method: 'GET', url: '/study_plan' })).json();
  assert.equal(tasksOf(read.plan).find((x: any) => x.id === task.id).status, 'completed');
  assert.equal(read.plan.progress.completed, 1);

  // Finishing again changes nothing; Done on the ticked task is refused as before.
  assert.equal((await c({ method: 'POST', url: `/practice/${start.sessionId}/finish` })).statusCode, 200);
  assert.equal((await actionsOn(s.id, task.id)).length, 1);
  assert.equal((await c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_id: task.id, action: 'completed' } })).statusCode, 409);

  // Done on a practice task with no practice behind it is recorded, but pays no task points.
  const done = await c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_id: other.id, action: 'completed' } });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal((await actionsOn(s.id, other.id)).length, 1);
  assert.equal((await planTaskPoints(s.id, other.id)).length, 0, 'no plan_task points for a bare click');
  // Practising it afterwards pays them, without a second completion.
  if (other.skill !== task.skill || other.count === task.count) {
    const again = (await c({ method: 'POST', url: '/practice/start', payload: { skill: other.skill, count: other.count, planTaskId: other.id } })).json();
    await answer(s, again, other.count);
    const f = (await c({ method: 'POST', url: `/practice/${again.sessionId}/finish` })).json();
    assert.deepEqual(f.planTask, { taskId: other.id, status: 'completed', points: 15 });
    assert.equal((await actionsOn(s.id, other.id)).length, 1);
    assert.equal((await planTaskPoints(s.id, other.id)).length, 1);
  }

  // A lesson task's Done pays once the lesson has been marked read (test/api/lesson-read.test.ts for the rest).
  const lesson = tasksOf(plan).find((x: any) => x.kind === 'lesson');
  if (lesson) {
    assert.equal((await c({ method: 'POST', url: `/lessons/${encodeURIComponent(lesson.lessonId)}/read` })).statusCode, 200);
    const r = await c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_id: lesson.id, action: 'completed' } });
    assert.equal(r.statusCode, 200);
    assert.equal((await planTaskPoints(s.id, lesson.id)).length, 1);
  }
});

test('the same change is not pending twice: a second identical suggestion returns the one waiting', async () => {
  const s = await signUp(t.app, 'student');
  const c = as(t.app, s);
  await practise(s, 6);
  const plan = (await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(today, 30) } })).json();
  const ai = t.app.deps.ai;
  const a = await suggestPlanAdjustment(db(), ai, { userId: s.id, trigger: 'skip' });
  const b = await suggestPlanAdjustment(db(), ai, { userId: s.id, trigger: 'skip' });
  assert.ok(a && b);
  assert.deepEqual((b.changes as any).ops, (a.changes as any).ops, 'the same advice twice');
  assert.equal(b.id, a.id, 'the pending suggestion stands');
  const pending = (await c({ method: 'GET', url: '/study_plan' })).json().suggestions;
  assert.equal(pending.length, 1);
  const rows = await db().select().from(schema.planSuggestions).where(eq(schema.planSuggestions.planId, plan.id));
  assert.equal(rows.length, 1);

  // Once it is decided, the same advice may be offered again.
  assert.equal((await c({ method: 'POST', url: `/study_plan/suggestions/${a.id}/dismiss` })).statusCode, 200);
  const again = await suggestPlanAdjustment(db(), ai, { userId: s.id, trigger: 'skip' });
  assert.ok(again);
  assert.notEqual(again.id, a.id);
});

test('a new goal rebuilds the plan from today and keeps the days behind and what was done', async () => {
  const s = await signUp(t.app, 'student');
  const c = as(t.app, s);
  await practise(s, 4);
  // Started yesterday (the client's own time zone may be a day behind), so there is a day behind.
  const yesterday = addDays(today, -1);
  const v1 = (await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1200, testDate: addDays(today, 30), startDate: yesterday } })).json();
  assert.equal(v1.startDate, yesterday);
  const past = tasksOf(v1).filter((x: any) => x.date === yesterday);
  const now = tasksOf(v1).filter((x: any) => x.date === today);
  assert.ok(past.length > 0 && now.length > 0);
  for (const x of [past[0], now[0]]) {
    assert.equal((await c({ method: 'POST', url: `/study_plan/action/${v1.id}`, payload: { task_id: x.id, action: x === past[0] ? 'completed' : 'skipped' } })).statusCode, 200);
  }
  if (now[1]) assert.equal((await c({ method: 'POST', url: `/study_plan/action/${v1.id}`, payload: { task_id: now[1].id, action: 'completed' } })).statusCode, 200);

  const regen = await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1450, testDate: addDays(today, 60), minutesPerDay: 60 } });
  assert.equal(regen.statusCode, 201, regen.body);
  const v2 = regen.json();
  assert.equal(v2.version, 2);
  assert.equal(v2.targetScore, 1450);
  assert.equal(v2.testDate, addDays(today, 60));
  assert.equal(v2.minutesPerDay, 60);
  assert.equal(v2.startDate, yesterday, 'the day behind is kept');
  const tasks2 = tasksOf(v2);
  assert.deepEqual(
    tasks2.filter((x: any) => x.date === yesterday).map((x: any) => [x.id, x.status]),
    past.map((x: any) => [x.id, x === past[0] ? 'completed' : 'pending']),
  );
  assert.equal(tasks2.find((x: any) => x.id === now[0].id)?.status, 'skipped', 'today\'s skipped task stays');
  if (now[1]) assert.equal(tasks2.find((x: any) => x.id === now[1].id)?.status, 'completed', 'today\'s done task stays');
  assert.equal(v2.progress.completed, now[1] ? 2 : 1);
  const days = v2.phases.flatMap((p: any) => p.days);
  assert.deepEqual(days.map((d: any) => d.day), days.map((_: unknown, i: number) => i + 1), 'days numbered from the first kept one');
  assert.equal(days.at(-1).date, addDays(today, 59), 'built to the new test date');
  assert.equal(new Set(tasks2.map((x: any) => x.id)).size, tasks2.length, 'task ids stay unique');
});
