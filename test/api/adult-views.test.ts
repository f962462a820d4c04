/**
 * What a linked tutor reads of a student beyond the progress summary: why the student skipped
 * plan tasks (each skipped task's reason in the plan view, the student's own view included) and
 * the help the student asked for in practice, with the AI's replies, newest first and paged by
 * cursor. A tutor the student never accepted reads neither.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { addDays, dayIn } from '../../src/lib/days.ts';
import { getBank } from '../../src/practice/bank.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let student: TestUser;
let tutor: TestUser;
let stranger: TestUser;

before(async () => {
  t = await createTestApp();
  student = await signUp(t.app, 'student', { name: 'Maya Lopez' });
  tutor = await signUp(t.app, 'tutor');
  stranger = await signUp(t.app, 'tutor');
  const link = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal((await as(t.app, student)({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);
});
after(() => t.close());

type Task = { id: string; index: number; status: string; skipReason: string | null };
const tasksOf = (plan: { phases: { days: { tasks: Task[] }[] }[] }) => plan.phases.flatMap((p) => p.days.flatMap((d) => d.tasks));

test('a linked tutor reads why the student skipped plan tasks; a task done after its skip has no reason left; a stranger is refused', async () => {
  const c = as(t.app, student);
  const gen = await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(dayIn(new Date()), 30) } });
  assert.equal(gen.statusCode, 201, gen.body);
  const plan = gen.json();
  const [withReason, withoutReason, doneLater] = tasksOf(plan);
  const act = async (taskId: string, action: 'completed' | 'skipped', reason?: string) => {
    const res = await c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_id: taskId, action, ...(reason ? { reason } : {}) } });
    assert.equal(res.statusCode, 200, res.body);
  };
  await act(withReason.id, 'skipped', 'Soccer practice ran late');
  await act(withoutReason.id, 'skipped');
  await act(doneLater.id, 'skipped', 'Too tired tonight');
  await act(doneLater.id, 'completed');

  const byTutor = await as(t.app, tutor)({ method: 'GET', url: `/study_plan/${student.id}` });
  assert.equal(byTutor.statusCode, 200, byTutor.body);
  const seen = tasksOf(byTutor.json().plan);
  assert.deepEqual(
    seen.slice(0, 3).map((x) => [x.id, x.status, x.skipReason]),
    [
      [withReason.id, 'skipped', 'Soccer practice ran late'],
      [withoutReason.id, 'skipped', null],
      [doneLater.id, 'completed', null],
    ],
  );
  assert.ok(seen.slice(3).every((x) => x.status === 'pending' && x.skipReason === null));
  // The student's own view carries the same.
  const own = await c({ method: 'GET', url: '/study_plan' });
  assert.equal(own.statusCode, 200, own.body);
  assert.deepEqual(tasksOf(own.json().plan), seen);

  const refused = await as(t.app, stranger)({ method: 'GET', url: `/study_plan/${student.id}` });
  assert.equal(refused.statusCode, 403);
  assert.ok(!refused.body.includes('Soccer'));
});

test('a linked tutor reads the student’s help requests newest first, with the question’s skill and the AI’s reply, a page at a time', async () => {
  const c = as(t.app, student);
  const bank = await getBank(t.database.db);
  const start = await c({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 3 } });
  assert.equal(start.statusCode, 201, start.body);
  const sessionId: string = start.json().sessionId;
  const asked: { id: string; questionId: string; message: string; reply: string }[] = [];
  let q = start.json().question;
  for (const message of ['How do I start this one?', 'What does slope mean here?', 'Why is my answer wrong?']) {
    const res = await c({ method: 'POST', url: `/practice/help/${sessionId}/${encodeURIComponent(q.id)}`, payload: { user_query: message } });
    assert.equal(res.statusCode, 200, res.body);
    asked.push({ id: res.json().helpRequestId, questionId: q.id, message, reply: res.json().response });
    const item = bank.items.get(q.id)!;
    const answered = await c({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: q.id, answer: item.type === 'mcq' ? item.answer : item.acceptedAnswers![0], timeSpentMs: 10_000 } });
    assert.equal(answered.statusCode, 200, answered.body);
    q = answered.json().next;
  }
  const newestFirst = [...asked].reverse();

  const list = await as(t.app, tutor)({ method: 'GET', url: `/progress/${student.id}/help` });
  assert.equal(list.statusCode, 200, list.body);
  const body = list.json();
  assert.equal(body.next, null);
  assert.deepEqual(
    body.helpRequests.map((h: Record<string, unknown>) => [h.id, h.questionId, h.skill, h.message, h.reply]),
    newestFirst.map((h) => [h.id, h.questionId, bank.items.get(h.questionId)!.skill, h.message, h.reply]),
  );
  const rows = await t.database.db.select().from(schema.helpRequests).where(eq(schema.helpRequests.userId, student.id));
  for (const h of body.helpRequests) assert.equal(h.createdAt, rows.find((r) => r.id === h.id)!.createdAt.toISOString());
  assert.ok(newestFirst.every((h) => h.reply.length > 0));

  // One at a time: each page's cursor gives the next, none skipped or repeated, none left at the end.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await as(t.app, tutor)({ method: 'GET', url: `/progress/${student.id}/help?limit=1${cursor ? `&cursor=${cursor}` : ''}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().helpRequests.length, 1);
    seen.push(res.json().helpRequests[0].id);
    cursor = res.json().next;
  } while (cursor);
  assert.deepEqual(seen, newestFirst.map((h) => h.id));

  const refused = await as(t.app, stranger)({ method: 'GET', url: `/progress/${student.id}/help` });
  assert.equal(refused.statusCode, 403);
  assert.ok(!refused.body.includes('slope'));
  assert.equal((await as(t.app, null)({ method: 'GET', url: `/progress/${student.id}/help` })).statusCode, 401);
  // A cursor this list never gave is refused before anything is read — a number past bigint's range included.
  for (const bad of ['bogus', `1_${asked[0].id}x`, `${'9'.repeat(19)}_${asked[0].id}`, `${'9'.repeat(20)}_${asked[0].id}`]) {
    const res = await as(t.app, tutor)({ method: 'GET', url: `/progress/${student.id}/help?cursor=${bad}` });
    assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
  }
});
