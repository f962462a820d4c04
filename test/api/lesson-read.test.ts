/**
 * A plan's lesson task is done by reading the lesson: a bare Done before the lesson is marked
 * read pays no task points; marked read (POST /lessons/:id/read), a Done pays them; read from the
 * task itself, the reading ticks it off and pays in one step, once however often it is read.
 * Only students mark lessons read; an unknown lesson or a task that is not the lesson's is refused
 * and nothing is written.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { addDays, dayIn } from '../../src/lib/days.ts';
import { POINTS } from '../../src/progress/rules.ts';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
const db = () => t.database.db;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

interface Task {
  id: string;
  kind: string;
  lessonId?: string;
  status?: string;
}
const tasksOf = (plan: { phases: { days: { tasks: Task[] }[] }[] }) => plan.phases.flatMap((p) => p.days.flatMap((d) => d.tasks));
const planTaskPoints = async (userId: string, taskId: string) =>
  (await db().select().from(schema.pointsLedger).where(and(eq(schema.pointsLedger.userId, userId), eq(schema.pointsLedger.reason, 'plan_task'), eq(schema.pointsLedger.sourceId, taskId)))).map((r) => r.points);
const reads = async (userId: string) =>
  (await db().select().from(schema.events).where(and(eq(schema.events.userId, userId), eq(schema.events.type, 'lesson.read')))).map((e) => e.payload);
const actionsOn = async (userId: string, taskId: string) =>
  db().select().from(schema.planActions).where(and(eq(schema.planActions.userId, userId), eq(schema.planActions.taskId, taskId)));

test('a lesson task pays for reading the lesson: not for a bare Done, but for Done after a read, or for the read from the task', async () => {
  const s = await signUp(t.app, 'student');
  const c = as(t.app, s);
  const plan = (await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(dayIn(new Date()), 30) } })).json();
  const lessonTasks = tasksOf(plan).filter((x) => x.kind === 'lesson');
  assert.ok(lessonTasks.length >= 3, 'the plan opens with lessons');
  const [unread, readFirst, fromTask] = lessonTasks;
  const done = (task: Task) => c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_id: task.id, action: 'completed' } });
  const read = (lessonId: string, payload?: object) => c({ method: 'POST', url: `/lessons/${encodeURIComponent(lessonId)}/read`, payload });

  // Done before reading: recorded, but no task points (what it does pay is a first badge's).
  const bare = await done(unread);
  assert.equal(bare.statusCode, 200, bare.body);
  assert.equal((await actionsOn(s.id, unread.id)).length, 1);
  assert.deepEqual(await planTaskPoints(s.id, unread.id), [], 'no plan_task points for a bare Done');
  assert.equal(bare.json().pointsAwarded, bare.json().badgesAwarded.length * POINTS.badge);

  // Marked read, with no task named: the reading is logged; the Done that follows pays the task's points.
  const plain = await read(readFirst.lessonId!);
  assert.equal(plain.statusCode, 200, plain.body);
  assert.deepEqual(plain.json(), { lessonId: readFirst.lessonId, planTask: null, badgesAwarded: [] });
  assert.deepEqual(await reads(s.id), [{ lessonId: readFirst.lessonId }]);
  assert.equal((await actionsOn(s.id, readFirst.id)).length, 0, 'a plain read ticks nothing off');
  const paid = await done(readFirst);
  assert.equal(paid.statusCode, 200, paid.body);
  assert.ok(paid.json().pointsAwarded >= POINTS.planTask.lesson);
  assert.deepEqual(await planTaskPoints(s.id, readFirst.id), [POINTS.planTask.lesson]);

  // Read from the task: ticked off and paid in one step, the reading in the snapshot.
  const linked = await read(fromTask.lessonId!, { planTaskId: fromTask.id });
  assert.equal(linked.statusCode, 200, linked.body);
  assert.deepEqual(linked.json().planTask, { taskId: fromTask.id, status: 'completed', points: POINTS.planTask.lesson });
  const rows = await actionsOn(s.id, fromTask.id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].action, 'completed');
  assert.deepEqual((rows[0].performanceSnapshot as { lesson: unknown }).lesson, { lessonId: fromTask.lessonId, read: true });
  assert.deepEqual(await planTaskPoints(s.id, fromTask.id), [POINTS.planTask.lesson]);
  const status = (await c({ method: 'GET', url: '/study_plan' })).json().plan;
  assert.equal(tasksOf(status).find((x) => x.id === fromTask.id)?.status, 'completed');
  // Read again: another reading logged, nothing more completed or paid; a Done on it is refused as for any completed task.
  const again = await read(fromTask.lessonId!, { planTaskId: fromTask.id });
  assert.deepEqual(again.json().planTask, { taskId: fromTask.id, status: 'completed', points: 0 });
  assert.equal((await actionsOn(s.id, fromTask.id)).length, 1);
  assert.deepEqual(await planTaskPoints(s.id, fromTask.id), [POINTS.planTask.lesson]);
  assert.equal((await reads(s.id)).length, 3, 'each marking is logged');
  assert.equal((await done(fromTask)).statusCode, 409);

  // The task ticked by hand before reading earns its points when it is read from the task.
  const late = await read(unread.lessonId!, { planTaskId: unread.id });
  assert.deepEqual(late.json().planTask, { taskId: unread.id, status: 'completed', points: POINTS.planTask.lesson });
  assert.equal((await actionsOn(s.id, unread.id)).length, 1, 'no second completion');
});

test('only a student marks a lesson read, only a lesson that exists, only from that lesson’s task; a refusal writes nothing', async () => {
  const s = await signUp(t.app, 'student');
  const c = as(t.app, s);
  const plan = (await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(dayIn(new Date()), 30) } })).json();
  const tasks = tasksOf(plan);
  const [lessonA, lessonB] = tasks.filter((x) => x.kind === 'lesson');
  const practice = tasks.find((x) => x.kind === 'practice')!;
  const url = `/lessons/${encodeURIComponent(lessonA.lessonId!)}/read`;

  assert.equal((await as(t.app, null)({ method: 'POST', url })).statusCode, 401);
  for (const role of ['tutor', 'parent'] as const) {
    assert.equal((await as(t.app, await signUp(t.app, role))({ method: 'POST', url })).statusCode, 403, role);
  }
  assert.equal((await c({ method: 'POST', url: '/lessons/no-such-lesson/read' })).statusCode, 404);
  for (const planTaskId of [practice.id, lessonB.id, 'no/such/task', '']) {
    assert.equal((await c({ method: 'POST', url, payload: { planTaskId } })).statusCode, 400, planTaskId);
  }
  assert.deepEqual(await reads(s.id), [], 'nothing logged for a refused read');
  assert.equal((await db().select().from(schema.planActions).where(eq(schema.planActions.userId, s.id))).length, 0);
  // The lesson itself stays public.
  assert.equal((await as(t.app, null)({ method: 'GET', url: `/lessons/${encodeURIComponent(lessonA.lessonId!)}` })).statusCode, 200);
});
