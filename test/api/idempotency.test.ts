/** Issue 7, acceptance 4: a retried answer is stored once and moves θ once. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

async function startPractice(token: ReturnType<typeof as>) {
  const res = await token({ method: 'POST', url: '/practice/start', payload: { skill: 'rw.conv.boundaries', count: 5 } });
  assert.equal(res.statusCode, 201);
  return res.json() as { sessionId: string; question: { id: string } };
}

test('the same answer sent twice with one key is stored once, moves θ once, and replays the first reply', async () => {
  const s = await signUp(t.app, 'student');
  const call = as(t.app, s);
  const { sessionId, question } = await startPractice(call);
  const send = () =>
    call({ method: 'POST', url: `/practice/${sessionId}/answer`, headers: { 'idempotency-key': 'retry-key-0001' }, payload: { questionId: question.id, answer: 'A', timeSpentMs: 4000 } });
  const first = await send();
  const second = await send();
  assert.equal(first.statusCode, 200);
  assert.equal(second.statusCode, 200);
  const a = first.json();
  const b = second.json();
  assert.equal(a.replayed, false);
  assert.equal(b.replayed, true);
  assert.deepEqual({ ...b, replayed: false }, a);

  const rows = await t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, sessionId));
  assert.equal(rows.length, 1);
  const [prof] = await t.database.db.select().from(schema.proficiency).where(eq(schema.proficiency.userId, s.id));
  assert.equal(prof.nResponses, 1);
  assert.equal(prof.theta, a.thetaAfter);
});

test('concurrent retries with one key still make one row', async () => {
  const s = await signUp(t.app, 'student');
  const call = as(t.app, s);
  const { sessionId, question } = await startPractice(call);
  const send = () =>
    call({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: question.id, answer: 'B', timeSpentMs: 3000, idempotencyKey: 'parallel-key-01' } });
  const replies = await Promise.all([send(), send(), send()]);
  assert.ok(replies.every((r) => r.statusCode === 200), replies.map((r) => r.body).join('\n'));
  assert.equal(replies.filter((r) => r.json().replayed === false).length, 1);
  const rows = await t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, sessionId));
  assert.equal(rows.length, 1);
});

test('a key reused for a different request is a conflict, and a second answer to a past question is refused', async () => {
  const s = await signUp(t.app, 'student');
  const call = as(t.app, s);
  const { sessionId, question } = await startPractice(call);
  const ok = await call({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: question.id, answer: 'C', timeSpentMs: 1000, idempotencyKey: 'shared-key-001' } });
  assert.equal(ok.statusCode, 200);
  const other = await startPractice(call);
  const clash = await call({ method: 'POST', url: `/practice/${other.sessionId}/answer`, payload: { questionId: other.question.id, answer: 'C', timeSpentMs: 1000, idempotencyKey: 'shared-key-001' } });
  assert.equal(clash.statusCode, 409);
  const again = await call({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: question.id, answer: 'D', timeSpentMs: 1000 } });
  assert.equal(again.statusCode, 409, 'without a key, answering a question that is no longer current is refused');
});
