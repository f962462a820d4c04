/** Issue 8, study plans over inject(): generate, act on tasks, advice after a skip, accept → new version. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { dayIn, addDays } from '../../src/lib/days.ts';
import { getBank } from '../../src/practice/bank.ts';
import { suggestPlanAdjustment } from '../../src/plan/adjust.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let student: TestUser;
let call: ReturnType<typeof as>;
const today = dayIn(new Date());
const db = () => t.database.db;

/** Answer `n` questions of a practice set (alternately right and wrong) and finish it. */
async function practise(user: TestUser, n: number): Promise<string> {
  const c = as(t.app, user);
  const start = await c({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: n } });
  assert.equal(start.statusCode, 201, start.body);
  const bank = await getBank(db());
  let q = start.json().question;
  for (let i = 0; i < n; i++) {
    const item = bank.items.get(q.id)!;
    const right = item.type === 'mcq' ? item.answer : item.acceptedAnswers![0];
    const answer = i % 2 === 0 ? right : item.type === 'mcq' ? 'ABCD'.replace(item.answer, '')[0] : '9999';
    const res = await c({ method: 'POST', url: `/practice/${start.json().sessionId}/answer`, payload: { questionId: q.id, answer, timeSpentMs: 20_000 } });
    assert.equal(res.statusCode, 200, res.body);
    q = res.json().next;
  }
  assert.equal((await c({ method: 'POST', url: `/practice/${start.json().sessionId}/finish` })).statusCode, 200);
  return start.json().sessionId;
}

const events = async (type: string, userId: string) =>
  db().select().from(schema.events).where(and(eq(schema.events.type, type), eq(schema.events.userId, userId)));

before(async () => {
  t = await createTestApp();
  student = await signUp(t.app, 'student');
  call = as(t.app, student);
  await practise(student, 6);
});
after(() => t.close());

test('generate → read → complete one task (retried) and skip one → advice → accept → new version', async () => {
  const gen = await call({ method: 'POST', url: '/study_plan', payload: { targetScore: 1250, testDate: addDays(today, 40) } });
  assert.equal(gen.statusCode, 201, gen.body);
  const plan = gen.json();
  assert.equal(plan.version, 1);
  assert.equal(plan.status, 'active');
  assert.equal(plan.plan_id, plan.id);
  assert.equal(plan.startDate, today);
  const tasks = plan.phases.flatMap((p: any) => p.days.flatMap((d: any) => d.tasks));
  assert.deepEqual(tasks.map((x: any) => x.index), tasks.map((_: unknown, i: number) => i));
  assert.ok(tasks.every((x: any) => x.status === 'pending'));
  assert.equal((await events('plan.generated', student.id)).length, 1);

  const read = await call({ method: 'GET', url: '/study_plan' });
  assert.equal(read.statusCode, 200);
  assert.equal(read.json().plan.id, plan.id);
  assert.deepEqual(read.json().suggestions, []);

  // Completing a task, sent twice with one key: one row, one award, the second reply a replay. The plan
  // opens with a lesson, whose task pays once the lesson has been marked read (plan/lesson-read.ts).
  const done = tasks[0];
  assert.equal(done.kind, 'lesson');
  assert.equal((await call({ method: 'POST', url: `/lessons/${encodeURIComponent(done.lessonId)}/read` })).statusCode, 200);
  const complete = () =>
    call({ method: 'POST', url: `/study_plan/action/${plan.id}`, headers: { 'idempotency-key': 'plan-complete-0001' }, payload: { task_id: done.id, action: 'completed' } });
  const first = await complete();
  const second = await complete();
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(second.statusCode, 200);
  assert.equal(first.json().replayed, false);
  assert.equal(second.json().replayed, true);
  const replay: Record<string, unknown> = second.json();
  assert.deepEqual({ ...replay, replayed: false }, first.json());
  assert.ok(first.json().pointsAwarded >= 10);
  const actions = await db().select().from(schema.planActions).where(eq(schema.planActions.planId, plan.id));
  assert.equal(actions.length, 1);
  assert.equal(actions[0].action, 'completed');
  assert.ok((actions[0].performanceSnapshot as any).recent.total > 0, 'the snapshot holds recent answers');
  const ledger = await db().select().from(schema.pointsLedger).where(and(eq(schema.pointsLedger.userId, student.id), eq(schema.pointsLedger.reason, 'plan_task')));
  assert.deepEqual(ledger.map((l) => l.sourceId), [done.id]);
  assert.equal((await events('plan.action', student.id)).length, 1);
  // Without a key a second completion is refused rather than counted.
  const again = await call({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_id: done.id, action: 'completed' } });
  assert.equal(again.statusCode, 409);

  // Skipping with the origin documents' mobile body; advice follows, recorded as an ai_output.
  const skipped = tasks[2];
  const skip = await call({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { user_id: student.id, task_index: 2, action: 'skipped' } });
  assert.equal(skip.statusCode, 200, skip.body);
  assert.equal(skip.json().taskId, skipped.id);
  assert.equal(skip.json().user_id, student.id);
  assert.equal(skip.json().task.id, skipped.id);
  const suggestion = skip.json().suggestion;
  assert.ok(suggestion, 'a suggestion after the skip');
  assert.equal(suggestion.trigger, 'skip');
  assert.equal(suggestion.status, 'pending');
  assert.ok(suggestion.reason.length > 20);
  const [ai] = await db().select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, suggestion.aiOutputId));
  assert.equal(ai.task, 'plan_adjust');
  assert.equal(ai.userId, student.id);
  assert.equal(ai.output, suggestion.reason);
  const [row] = await db().select().from(schema.planSuggestions).where(eq(schema.planSuggestions.id, suggestion.id));
  assert.equal(row.planId, plan.id);
  const changes = row.changes as any;
  assert.equal(changes.ops.length, 1);
  assert.equal(changes.taskId, skipped.id);
  assert.equal((await events('plan.suggested', student.id)).length, 1);

  const pending = (await call({ method: 'GET', url: '/study_plan' })).json();
  assert.deepEqual(pending.suggestions.map((s: any) => [s.id, s.reason]), [[suggestion.id, suggestion.reason]]);
  const statuses = pending.plan.phases.flatMap((p: any) => p.days.flatMap((d: any) => d.tasks)).map((x: any) => x.status);
  assert.deepEqual(statuses.slice(0, 3), ['completed', 'pending', 'skipped']);
  assert.deepEqual(pending.plan.progress, { total: tasks.length, completed: 1, skipped: 1, pending: tasks.length - 2 });

  // Accept: a new version that points at the advice; the old one is superseded.
  const accept = await call({ method: 'POST', url: `/study_plan/suggestions/${suggestion.id}/accept` });
  assert.equal(accept.statusCode, 200, accept.body);
  const v2 = accept.json().plan;
  assert.equal(v2.version, 2);
  assert.equal(v2.aiOutputId, suggestion.aiOutputId);
  assert.equal(accept.json().suggestion.status, 'accepted');
  assert.equal(accept.json().suggestion.appliedPlanId, v2.id);
  assert.deepEqual(v2.adjustments.map((a: any) => a.suggestionId), [suggestion.id]);
  const op = changes.ops[0];
  const day = v2.phases.flatMap((p: any) => p.days).find((d: any) => d.day === op.day);
  assert.ok(day.tasks.some((x: any) => x.skill === op.skill && x.kind === 'practice'));
  const v2Tasks = v2.phases.flatMap((p: any) => p.days.flatMap((d: any) => d.tasks));
  assert.equal(v2Tasks.find((x: any) => x.id === done.id).status, 'completed', 'statuses follow stable task ids');
  const [v1] = await db().select().from(schema.studyPlans).where(eq(schema.studyPlans.id, plan.id));
  assert.equal(v1.status, 'superseded');
  const [decided] = await db().select().from(schema.planSuggestions).where(eq(schema.planSuggestions.id, suggestion.id));
  assert.equal(decided.appliedPlanId, v2.id);
  assert.ok(decided.resolvedAt);
  assert.equal((await events('plan.suggestion_decided', student.id)).length, 1);

  // Accepting again returns the decision; dismissing it now, or acting on the old version, conflicts.
  const twice = await call({ method: 'POST', url: `/study_plan/suggestions/${suggestion.id}/accept` });
  assert.equal(twice.statusCode, 200);
  assert.equal(twice.json().suggestion.appliedPlanId, v2.id);
  assert.equal((await call({ method: 'POST', url: `/study_plan/suggestions/${suggestion.id}/dismiss` })).statusCode, 409);
  assert.equal((await call({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_index: 5, action: 'completed' } })).statusCode, 409);
  assert.equal((await db().select().from(schema.studyPlans).where(eq(schema.studyPlans.userId, student.id))).length, 2);
});

test('advice can be dismissed; regenerating supersedes the plan and strands its pending advice', async () => {
  const s = await signUp(t.app, 'student');
  const c = as(t.app, s);
  await practise(s, 4);
  const plan = (await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1100, testDate: addDays(today, 10), minutesPerDay: 30 } })).json();
  const skip = (i: number) => c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_index: i, action: 'skipped', reason: 'no time today' } });
  const a = (await skip(0)).json().suggestion;
  const [action] = await db().select().from(schema.planActions).where(and(eq(schema.planActions.planId, plan.id), eq(schema.planActions.taskId, plan.phases[0].days[0].tasks[0].id)));
  assert.equal(action.reason, 'no time today');
  const dismiss = await c({ method: 'POST', url: `/study_plan/suggestions/${a.id}/dismiss` });
  assert.equal(dismiss.statusCode, 200);
  assert.equal(dismiss.json().suggestion.status, 'dismissed');
  assert.equal(dismiss.json().plan, null);
  assert.equal((await c({ method: 'POST', url: `/study_plan/suggestions/${a.id}/dismiss` })).statusCode, 200, 'dismissing twice is the same decision');
  assert.equal((await c({ method: 'POST', url: `/study_plan/suggestions/${a.id}/accept` })).statusCode, 409);
  // Advice after the decision (the same change may come back once the first is decided) waits for one of its own.
  const b = (await skip(1)).json().suggestion;
  assert.equal(b.status, 'pending');
  // Skipping a skipped task again is refused; completing it later is fine.
  assert.equal((await skip(0)).statusCode, 409);
  assert.equal((await c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_index: 0, action: 'completed' } })).statusCode, 200);

  const regen = await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1200, testDate: addDays(today, 12) } });
  assert.equal(regen.statusCode, 201);
  assert.equal(regen.json().version, 2);
  assert.deepEqual((await c({ method: 'GET', url: '/study_plan' })).json().suggestions, []);
  const stale = await c({ method: 'POST', url: `/study_plan/suggestions/${b.id}/accept` });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().details.activePlanId, regen.json().id);
});

test('suggestPlanAdjustment after a full test reads that test; without a plan it returns null', async () => {
  const s = await signUp(t.app, 'student');
  const sessionId = await practise(s, 4);
  assert.equal(await suggestPlanAdjustment(db(), t.app.deps.ai, { userId: s.id, trigger: 'skip' }), null);
  const c = as(t.app, s);
  assert.equal((await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1400, testDate: addDays(today, 30) } })).statusCode, 201);
  const [result] = await db().insert(schema.testResults).values({ sessionId, userId: s.id, mathScore: 550 }).returning();
  const row = await suggestPlanAdjustment(db(), t.app.deps.ai, { userId: s.id, trigger: 'test', testResultId: result.id });
  assert.ok(row);
  assert.equal(row.trigger, 'test');
  assert.ok(row.aiOutputId);
  const changes = row.changes as any;
  assert.equal(changes.testResultId, result.id);
  const answered = await db().select().from(schema.responses).where(eq(schema.responses.sessionId, sessionId));
  assert.equal(changes.performance.reduce((n: number, p: any) => n + p.total, 0), answered.length, 'the advice reads the test answers');
  const [ai] = await db().select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, row.aiOutputId!));
  assert.equal(ai.sessionId, sessionId);
  await assert.rejects(suggestPlanAdjustment(db(), t.app.deps.ai, { userId: student.id, trigger: 'test', testResultId: result.id }), /no such test result/);
});

test('who may read and act: linked parent reads, unlinked tutor and other students do not; bad bodies are 4xx', async () => {
  const parent = await signUp(t.app, 'parent');
  const tutor = await signUp(t.app, 'tutor');
  const other = await signUp(t.app, 'student');
  const link = await as(t.app, parent)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal((await call({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);
  const mine = (await call({ method: 'GET', url: '/study_plan' })).json().plan;

  const byParent = await as(t.app, parent)({ method: 'GET', url: `/study_plan/${student.id}` });
  assert.equal(byParent.statusCode, 200);
  assert.equal(byParent.json().plan.id, mine.id);
  assert.equal((await as(t.app, tutor)({ method: 'GET', url: `/study_plan/${student.id}` })).statusCode, 403);
  assert.equal((await as(t.app, other)({ method: 'GET', url: `/study_plan/${student.id}` })).statusCode, 403);
  assert.equal((await as(t.app, parent)({ method: 'POST', url: `/study_plan/action/${mine.id}`, payload: { task_index: 3, action: 'completed' } })).statusCode, 403);
  assert.equal((await as(t.app, parent)({ method: 'POST', url: '/study_plan', payload: { targetScore: 1200, testDate: addDays(today, 9) } })).statusCode, 403);

  const before = await db().select().from(schema.planActions);
  const bad = [
    { user_id: other.id, task_index: 3, action: 'completed' },
    { task_index: 3, task_id: 'x', action: 'completed' },
    { action: 'completed' },
    { task_index: 99_999, action: 'completed' },
    { task_id: 'nope', action: 'skipped' },
    { task_index: 3, action: 'done' },
    { user_id: 'user123', task_index: 3, action: 'completed' },
  ];
  const codes = [];
  for (const payload of bad) codes.push((await call({ method: 'POST', url: `/study_plan/action/${mine.id}`, payload })).statusCode);
  assert.deepEqual(codes, [403, 400, 400, 404, 404, 400, 400]);
  assert.equal((await db().select().from(schema.planActions)).length, before.length);
  for (const payload of [{ targetScore: 1200, testDate: today }, { targetScore: 1200, testDate: addDays(today, 400) }, { targetScore: 1700, testDate: addDays(today, 9) }, { targetScore: 1200, testDate: addDays(today, 9), startDate: addDays(today, 5) }]) {
    assert.equal((await call({ method: 'POST', url: '/study_plan', payload })).statusCode, 400, JSON.stringify(payload));
  }
});
