/**
 * Retry your mistakes (src/practice/mistakes.ts): the questions a student got wrong and has not
 * got right since, counted per section and skill, and retried as a set served in order.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { getBank } from '../../src/practice/bank.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function answerFor(questionId: string, right: boolean): Promise<string> {
  const item = (await getBank(t.database.db)).items.get(questionId)!;
  if (right) return item.type === 'mcq' ? item.answer : item.acceptedAnswers![0];
  if (item.type === 'mcq') return 'ABCD'.replace(item.answer, '')[0];
  return item.answer === '9999' ? '9998' : '9999';
}

/** A practice set of `pattern.length` questions on `skill`, answered right (true) or wrong (false) in turn; the ids in order. */
async function practise(user: TestUser, skill: string, pattern: boolean[]): Promise<string[]> {
  const call = as(t.app, user);
  const start = await call({ method: 'POST', url: '/practice/start', payload: { skill, count: pattern.length } });
  assert.equal(start.statusCode, 201, start.body);
  const ids: string[] = [];
  let q = start.json().question;
  for (const right of pattern) {
    ids.push(q.id);
    const r = await call({ method: 'POST', url: `/practice/${start.json().sessionId}/answer`, payload: { questionId: q.id, answer: await answerFor(q.id, right), timeSpentMs: 10_000 } });
    assert.equal(r.statusCode, 200, r.body);
    q = r.json().next;
  }
  return ids;
}

test('the questions a student missed are counted, retried newest first one at a time, and leave the list once answered right', async () => {
  const student = await signUp(t.app, 'student');
  const call = as(t.app, student);
  const none = await call({ method: 'GET', url: '/practice/mistakes' });
  assert.equal(none.statusCode, 200);
  assert.deepEqual(none.json(), { total: 0, bySection: { rw: 0, math: 0 }, bySkill: [] });
  const empty = await call({ method: 'POST', url: '/practice/mistakes/start', payload: {} });
  assert.equal(empty.statusCode, 409);
  assert.match(empty.json().message ?? empty.body, /no missed questions to retry/);

  const math = await practise(student, 'math.alg.linear-one-var', [false, true, false]);
  const rw = await practise(student, 'rw.conv.boundaries', [false, true]);
  const summary = (await call({ method: 'GET', url: '/practice/mistakes' })).json();
  assert.equal(summary.total, 3);
  assert.deepEqual(summary.bySection, { rw: 1, math: 2 });
  assert.deepEqual(summary.bySkill.map((s: { skill: string; count: number }) => [s.skill, s.count]), [['rw.conv.boundaries', 1], ['math.alg.linear-one-var', 2]]);
  assert.equal((await call({ method: 'GET', url: '/practice/mistakes?section=math' })).json().total, 2);
  assert.equal((await call({ method: 'GET', url: '/practice/mistakes?skill=rw.conv.boundaries' })).json().total, 1);

  // A Math retry: the two Math misses, newest first, served one at a time; only the current one may be answered.
  const retry = await call({ method: 'POST', url: '/practice/mistakes/start', payload: { section: 'math' } });
  assert.equal(retry.statusCode, 201, retry.body);
  const { sessionId, length, question } = retry.json();
  assert.equal(length, 2);
  assert.equal(question.id, math[2]);
  assert.equal(retry.json().questions, undefined, 'served one at a time, not as a pack');
  const outOfTurn = await call({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: math[0], answer: await answerFor(math[0], true), timeSpentMs: 5000 } });
  assert.equal(outOfTurn.statusCode, 409);
  const first = await call({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: math[2], answer: await answerFor(math[2], true), timeSpentMs: 5000 } });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().next.id, math[0]);
  assert.equal(first.json().done, false);
  const view = (await call({ method: 'GET', url: `/practice/${sessionId}` })).json();
  assert.equal(view.question.id, math[0]);
  const second = await call({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: math[0], answer: await answerFor(math[0], false), timeSpentMs: 5000 } });
  assert.equal(second.json().done, true);
  assert.equal(second.json().next, null);
  const fin = await call({ method: 'POST', url: `/practice/${sessionId}/finish` });
  assert.equal(fin.statusCode, 200, fin.body);
  assert.equal(fin.json().answered, 2);

  // Answered right: gone; missed again: still there, now the newest miss.
  const after = (await call({ method: 'GET', url: '/practice/mistakes' })).json();
  assert.equal(after.total, 2);
  const next = (await call({ method: 'POST', url: '/practice/mistakes/start', payload: { count: 5 } })).json();
  assert.equal(next.question.id, math[0]);
  assert.equal(next.length, 2);
  const [row] = await t.database.db.select().from(schema.sessions).where(eq(schema.sessions.id, next.sessionId));
  assert.deepEqual((row.state as { pack: string[] }).pack, [math[0], rw[0]], 'the new miss first, then the older Reading and Writing one');
});

test('retrying mistakes is for students; bad filters are 400s that start nothing', async () => {
  const tutor = await signUp(t.app, 'tutor');
  for (const req of [{ method: 'GET' as const, url: '/practice/mistakes' }, { method: 'POST' as const, url: '/practice/mistakes/start', payload: {} }]) {
    assert.equal((await as(t.app, tutor)(req)).statusCode, 403);
    assert.equal((await as(t.app, null)(req)).statusCode, 401);
  }
  const student = await signUp(t.app, 'student');
  const call = as(t.app, student);
  await practise(student, 'math.geo.circles', [false]);
  const before = await t.database.db.select().from(schema.sessions).where(eq(schema.sessions.userId, student.id));
  for (const payload of [{ count: 0 }, { count: 51 }, { section: 'science' }, { skill: 'math.nope' }, { section: 'math', skill: 'math.geo.circles' }, { count: '3' }]) {
    const r = await call({ method: 'POST', url: '/practice/mistakes/start', payload });
    assert.equal(r.statusCode, 400, `${JSON.stringify(payload)}: ${r.body}`);
  }
  assert.equal((await call({ method: 'GET', url: '/practice/mistakes?section=math&skill=math.geo.circles' })).statusCode, 400);
  const afterBad = await t.database.db.select().from(schema.sessions).where(eq(schema.sessions.userId, student.id));
  assert.equal(afterBad.length, before.length, 'no session was started by a bad request');
});

test('a retry does not move proficiency: the answers and explanations were seen, so a right answer is recall, not evidence of the skill', async () => {
  const student = await signUp(t.app, 'student');
  const call = as(t.app, student);
  const skill = 'math.alg.systems';
  await practise(student, skill, [false, false, false, true]);
  const state = async () => {
    const [p] = await t.database.db.select().from(schema.proficiency).where(eq(schema.proficiency.userId, student.id));
    return { theta: p.theta, se: p.se, mastery: p.mastery, n: p.nResponses };
  };
  const before = await state();
  const retry = (await call({ method: 'POST', url: '/practice/mistakes/start', payload: { skill } })).json();
  let q = retry.question;
  while (q) {
    const r = await call({ method: 'POST', url: `/practice/${retry.sessionId}/answer`, payload: { questionId: q.id, answer: await answerFor(q.id, true), timeSpentMs: 5000 } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().correct, true);
    assert.equal(r.json().mastery, before.mastery, 'the reply shows the skill where it was');
    q = r.json().next;
  }
  // Before: three right retries took this skill's mastery from the low end to ~0.9.
  assert.deepEqual(await state(), before);
  // The retried questions still leave the mistakes list.
  assert.equal((await call({ method: 'GET', url: `/practice/mistakes?skill=${skill}` })).json().total, 0);
});
