/** Issue 8, progress and gamification over inject(): the one-request summary, points, streaks, badges, access. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { addDays, dayIn } from '../../src/lib/days.ts';
import { getBank } from '../../src/practice/bank.ts';
import { pointsFor } from '../../src/practice/finish.ts';
import { BADGES } from '../../src/progress/badges.ts';
import { POINTS } from '../../src/progress/rules.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let student: TestUser;
const db = () => t.database.db;
const today = dayIn(new Date());

async function practise(user: TestUser, n: number) {
  const c = as(t.app, user);
  const start = await c({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: n } });
  assert.equal(start.statusCode, 201, start.body);
  const bank = await getBank(db());
  let q = start.json().question;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const item = bank.items.get(q.id)!;
    const right = i % 2 === 0;
    const answer = right ? (item.type === 'mcq' ? item.answer : item.acceptedAnswers![0]) : item.type === 'mcq' ? 'ABCD'.replace(item.answer, '')[0] : '9999';
    const res = await c({ method: 'POST', url: `/practice/${start.json().sessionId}/answer`, payload: { questionId: q.id, answer, timeSpentMs: 15_000 + i } });
    assert.equal(res.statusCode, 200, res.body);
    if (res.json().correct) correct++;
    q = res.json().next;
  }
  const finish = await c({ method: 'POST', url: `/practice/${start.json().sessionId}/finish` });
  assert.equal(finish.statusCode, 200, finish.body);
  return { sessionId: start.json().sessionId as string, correct, finish: finish.json() };
}

const ledger = (userId: string) => db().select().from(schema.pointsLedger).where(eq(schema.pointsLedger.userId, userId));

before(async () => {
  t = await createTestApp();
  student = await signUp(t.app, 'student');
});
after(() => t.close());

test('finishing practice stores its points once, awards the first badge once, and the summary shows it all', async () => {
  const { sessionId, correct, finish } = await practise(student, 4);
  assert.equal(finish.points, pointsFor(4, correct));
  assert.deepEqual(finish.awards.badges.map((b: { id: string }) => b.id), ['first-answer']);
  // Finishing again changes nothing.
  const again = await as(t.app, student)({ method: 'POST', url: `/practice/${sessionId}/finish` });
  assert.equal(again.statusCode, 200);
  assert.deepEqual(again.json().awards.badges, []);
  const rows = await ledger(student.id);
  assert.deepEqual(rows.map((r) => [r.reason, r.sourceId, r.points]).sort(), [
    ['badge', 'first-answer', POINTS.badge],
    ['practice', sessionId, pointsFor(4, correct)],
  ]);
  const badges = await db().select().from(schema.userBadges).where(eq(schema.userBadges.userId, student.id));
  assert.deepEqual(badges.map((b) => b.badgeId), ['first-answer']);
  const awarded = await db().select().from(schema.events).where(and(eq(schema.events.type, 'badge.awarded'), eq(schema.events.userId, student.id)));
  assert.equal(awarded.length, 1);

  const res = await as(t.app, student)({ method: 'GET', url: '/progress/me' });
  assert.equal(res.statusCode, 200, res.body);
  const p = res.json();
  assert.equal(p.userId, student.id);
  assert.equal(p.skills.length, 29);
  const measured = p.skills.filter((s: { measured: boolean }) => s.measured);
  assert.ok(measured.length >= 1 && measured.every((s: { skill: string }) => s.skill.startsWith('math.')));
  const profRows = await db().select().from(schema.proficiency).where(eq(schema.proficiency.userId, student.id));
  for (const r of profRows) assert.equal(p.skills.find((s: { skill: string }) => s.skill === r.skill).theta, r.theta);
  for (const skill of Object.keys(p.history)) assert.ok(p.history[skill].every((h: { day: string }) => h.day === today));
  assert.equal(p.predicted.rw, null, 'no Reading and Writing measured yet');
  assert.ok(p.predicted.math.score >= 200 && p.predicted.math.score <= 800);
  assert.ok(p.predicted.math.band[0] <= p.predicted.math.score && p.predicted.math.score <= p.predicted.math.band[1]);
  const spent = await db().select({ ms: sql<number>`sum(${schema.responses.timeSpentMs})::int` }).from(schema.responses).where(eq(schema.responses.userId, student.id));
  assert.deepEqual(p.timeOnTask.days, [{ day: today, ms: spent[0].ms, answered: 4 }]);
  assert.equal(p.timeOnTask.totalMs, spent[0].ms);
  assert.deepEqual({ current: p.streak.current, longest: p.streak.longest, activeToday: p.streak.activeToday }, { current: 1, longest: 1, activeToday: true });
  assert.equal(p.points.balance, rows.reduce((n, r) => n + r.points, 0));
  assert.equal(p.badges.length, BADGES.length);
  assert.equal(p.badges.find((b: { id: string }) => b.id === 'first-answer').earned, true);
  assert.equal(p.badges.find((b: { id: string }) => b.id === 'answers-100').progress, 0.04);
  assert.equal(p.plan, null);
  assert.deepEqual(p.scores, []);
});

test('a three-day streak earns its milestone once; days follow the time zone asked for', async () => {
  const s = await signUp(t.app, 'student');
  await practise(s, 3);
  // Move two of the answers to the two days before: three active days in a row (UTC).
  const answers = await db().select().from(schema.responses).where(eq(schema.responses.userId, s.id));
  for (const [i, r] of answers.slice(0, 2).entries()) {
    await db().update(schema.responses).set({ createdAt: new Date(Date.parse(`${addDays(today, -(i + 1))}T12:00:00Z`)) }).where(eq(schema.responses.id, r.id));
  }
  const { finish } = await practise(s, 2);
  assert.equal(finish.awards.streak, 3);
  assert.deepEqual(finish.awards.badges.map((b: { id: string }) => b.id), ['streak-3']);
  const milestone = (await ledger(s.id)).filter((r) => r.reason === 'streak');
  assert.deepEqual(milestone.map((r) => [r.sourceId, r.points]), [[`${addDays(today, -2)}/3d`, POINTS.streakMilestones[0].points]]);
  await practise(s, 1);
  assert.equal((await ledger(s.id)).filter((r) => r.reason === 'streak').length, 1, 'the milestone is not paid twice');

  const utc = (await as(t.app, s)({ method: 'GET', url: '/progress/me?days=7' })).json();
  assert.equal(utc.streak.current, 3);
  assert.equal(utc.timeOnTask.days.length, 3);
  // Fourteen hours west, a noon-UTC answer may fall on the day before: the days shift, the total does not.
  const west = (await as(t.app, s)({ method: 'GET', url: '/progress/me?days=7&tz=Pacific/Honolulu' })).json();
  assert.equal(west.timezone, 'Pacific/Honolulu');
  assert.equal(west.timeOnTask.totalMs, utc.timeOnTask.totalMs);
  assert.equal(
    west.timeOnTask.days.reduce((n: number, d: { ms: number }) => n + d.ms, 0),
    utc.timeOnTask.days.reduce((n: number, d: { ms: number }) => n + d.ms, 0),
  );
  assert.equal((await as(t.app, s)({ method: 'GET', url: '/progress/me?tz=Mars/Olympus' })).statusCode, 400);
  assert.equal((await as(t.app, s)({ method: 'GET', url: "/progress/me?tz=UTC'%3B--" })).statusCode, 400);
  assert.equal((await as(t.app, s)({ method: 'GET', url: '/progress/me?days=0' })).statusCode, 400);
});

test('completing plan tasks earns their points; the summary carries the plan and test scores for a one-request dashboard', async () => {
  const s = await signUp(t.app, 'student');
  const { sessionId } = await practise(s, 2);
  const c = as(t.app, s);
  const plan = (await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(today, 20) } })).json();
  const first = plan.phases[0].days[0].tasks[0];
  // The plan opens with a lesson: its task pays once the lesson has been marked read.
  assert.equal(first.kind, 'lesson');
  assert.equal((await c({ method: 'POST', url: `/lessons/${encodeURIComponent(first.lessonId)}/read` })).statusCode, 200);
  const done = await c({ method: 'POST', url: `/study_plan/action/${plan.id}`, payload: { task_id: first.id, action: 'completed' } });
  assert.equal(done.statusCode, 200, done.body);
  assert.ok(done.json().badgesAwarded.some((b: { id: string }) => b.id === 'plan-task-1'));
  const taskPoints = (await ledger(s.id)).filter((r) => r.reason === 'plan_task');
  assert.deepEqual(taskPoints.map((r) => [r.sourceId, r.points]), [[first.id, POINTS.planTask.lesson]]);

  await db().insert(schema.testResults).values({ sessionId, userId: s.id, rwScore: 600, mathScore: 610, total: 1210, details: { rw: null, math: null, total: { score: 1210, csem: 40, band: [1170, 1250] } } });
  const p = (await c({ method: 'GET', url: `/progress/${s.id}` })).json();
  assert.equal(p.plan.planId, plan.id);
  assert.equal(p.plan.daysLeft, 20);
  assert.equal(p.plan.next.date, today);
  assert.equal(p.plan.progress.completed, 1);
  assert.deepEqual(p.scores.map((x: { total: number; bands: unknown }) => [x.total, x.bands]), [[1210, { rw: null, math: null, total: [1170, 1250] }]]);
  assert.equal(p.stats.planTasksCompleted, 1);
  assert.equal(p.stats.bestTotalScore, 1210);
});

test('linked parents, tutors and admins read progress; unlinked ones and other students get 403', async () => {
  const parent = await signUp(t.app, 'parent');
  const tutor = await signUp(t.app, 'tutor');
  const other = await signUp(t.app, 'student');
  const link = await as(t.app, parent)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal((await as(t.app, student)({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);

  const byParent = await as(t.app, parent)({ method: 'GET', url: `/progress/${student.id}` });
  assert.equal(byParent.statusCode, 200);
  assert.equal(byParent.json().userId, student.id);
  for (const who of [tutor, other]) {
    const res = await as(t.app, who)({ method: 'GET', url: `/progress/${student.id}` });
    assert.equal(res.statusCode, 403);
    assert.ok(!res.body.includes(student.id));
  }
  assert.equal((await as(t.app, null)({ method: 'GET', url: `/progress/${student.id}` })).statusCode, 401);

  await createUser(db(), { email: 'root@example.test', password: 'admin password 123', displayName: 'Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const admin = (await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: 'root@example.test', password: 'admin password 123' } })).json();
  const asAdmin = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin.accessToken}` } });
  assert.equal((await asAdmin(`/progress/${student.id}`)).statusCode, 200);
  assert.equal((await asAdmin('/progress/00000000-0000-4000-8000-000000000000')).statusCode, 404);

  const catalogue = await as(t.app, null)({ method: 'GET', url: '/progress/badges' });
  assert.equal(catalogue.statusCode, 200);
  assert.deepEqual(catalogue.json().badges, BADGES);
});

test("a student's sessions, newest first, for their tutor: what, when, how it went, retries marked; pages by cursor; strangers refused", async () => {
  const kid = await signUp(t.app, 'student');
  const tutor = await signUp(t.app, 'tutor');
  const link = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: kid.email } });
  assert.equal((await as(t.app, kid)({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);
  const c = as(t.app, kid);
  const bank = await getBank(t.database.db);
  const wrong = (id: string) => { const it = bank.items.get(id)!; return it.type === 'mcq' ? 'ABCD'.replace(it.answer, '')[0] : '9999'; };
  const start = (await c({ method: 'POST', url: '/practice/start', payload: { skill: 'math.alg.systems', count: 2 } })).json();
  let q = start.question;
  while (q) q = (await c({ method: 'POST', url: `/practice/${start.sessionId}/answer`, payload: { questionId: q.id, answer: wrong(q.id), timeSpentMs: 1000 } })).json().next;
  assert.equal((await c({ method: 'POST', url: `/practice/${start.sessionId}/finish` })).statusCode, 200);
  const retry = (await c({ method: 'POST', url: '/practice/mistakes/start', payload: {} })).json();

  const list = await as(t.app, tutor)({ method: 'GET', url: `/progress/${kid.id}/sessions` });
  assert.equal(list.statusCode, 200, list.body);
  const [newest, first] = list.json().sessions;
  assert.deepEqual([newest.sessionId, newest.retry, newest.status, newest.answered], [retry.sessionId, true, 'active', 0]);
  assert.deepEqual([first.sessionId, first.kind, first.skills, first.status, first.answered, first.correct], [start.sessionId, 'practice', ['math.alg.systems'], 'completed', 2, 0]);
  assert.equal(list.json().next, null);
  const page1 = (await as(t.app, tutor)({ method: 'GET', url: `/progress/${kid.id}/sessions?limit=1` })).json();
  assert.deepEqual(page1.sessions.map((s: { sessionId: string }) => s.sessionId), [retry.sessionId]);
  const page2 = (await as(t.app, tutor)({ method: 'GET', url: `/progress/${kid.id}/sessions?limit=1&cursor=${page1.next}` })).json();
  assert.deepEqual(page2.sessions.map((s: { sessionId: string }) => s.sessionId), [start.sessionId]);
  const stranger = await signUp(t.app, 'tutor');
  assert.equal((await as(t.app, stranger)({ method: 'GET', url: `/progress/${kid.id}/sessions` })).statusCode, 403);
  assert.equal((await as(t.app, tutor)({ method: 'GET', url: `/progress/${kid.id}/sessions?cursor=bogus` })).statusCode, 400);
});

test('the sessions list pages through sessions started within one millisecond without skipping any', async () => {
  const kid = await signUp(t.app, 'student');
  // Microseconds apart, as PostgreSQL keeps them: a millisecond cursor skipped the earlier two.
  const at = ['2026-11-01T12:00:00.000100Z', '2026-11-01T12:00:00.000200Z', '2026-11-01T12:00:00.000300Z'];
  const made = await db()
    .insert(schema.sessions)
    .values(at.map((s) => ({ userId: kid.id, kind: 'practice' as const, state: {}, startedAt: sql`${s}::timestamptz` as unknown as Date })))
    .returning({ id: schema.sessions.id });
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await as(t.app, kid)({ method: 'GET', url: `/progress/${kid.id}/sessions?limit=1${cursor ? `&cursor=${cursor}` : ''}` });
    assert.equal(res.statusCode, 200, res.body);
    seen.push(...res.json().sessions.map((s: { sessionId: string }) => s.sessionId));
    cursor = res.json().next;
  } while (cursor);
  assert.deepEqual(seen, made.map((m) => m.id).reverse());
});
