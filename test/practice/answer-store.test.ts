/**
 * The answer route's optimistic concurrency (practice/answer-store.ts): an answer is one read
 * and one all-or-nothing write whose guards reject a write computed from a state that changed
 * meanwhile; the route then reads again and retries.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { rawRows } from '../../src/db/client.ts';
import { readAnswerSnapshot, writeAnswer, isAnswerRace, type AnswerWrite } from '../../src/practice/answer-store.ts';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

const SKILL = 'rw.conv.boundaries';

async function counts(userId: string) {
  const [r] = await rawRows<{ responses: number; history: number; events: number; keys: number }>(
    t.database.db,
    sql`select (select count(*)::int from responses where user_id = ${userId}) as responses,
               (select count(*)::int from proficiency_history where user_id = ${userId}) as history,
               (select count(*)::int from events where user_id = ${userId} and type = 'question.answered') as events,
               (select count(*)::int from idempotency_keys where user_id = ${userId}) as keys`,
  );
  return r;
}

/** A write of `questionId` computed from `snap`, as the route would make it. */
function writeFrom(snap: NonNullable<Awaited<ReturnType<typeof readAnswerSnapshot>>>, sessionId: string, userId: string, questionId: string, key: string | null): AnswerWrite {
  const before = snap.skills.get(SKILL)?.state ?? { theta: 0, se: 1, mastery: 0.3, n: 0 };
  const after = { theta: before.theta + 0.1, se: 0.9, mastery: 0.4, n: before.n + 1 };
  return {
    responseId: randomUUID(), sessionId, sessionVersion: snap.version, sessionStateJson: JSON.stringify(snap.state), userId, questionId, skill: SKILL,
    answer: 'A', correct: true, timeSpentMs: 1000, before, skillRowVersion: snap.skills.get(SKILL)?.rowVersion ?? null, after,
    event: { sessionId, sessionKind: 'practice', questionId, skill: SKILL, questionType: 'mcq', answer: 'A', correct: true, timeSpentMs: 1000, thetaBefore: before.theta, thetaAfter: after.theta, seAfter: after.se, masteryAfter: after.mastery },
    idempotency: key ? { key, route: `answer:${sessionId}`, reply: { ok: true } } : null,
  };
}

test('a write computed from a session that has moved on is refused whole: no response, history, event or key', async () => {
  const s = await signUp(t.app, 'student');
  const call = as(t.app, s);
  const start = (await call({ method: 'POST', url: '/practice/start', payload: { skill: SKILL, count: 5 } })).json();
  const stale = (await readAnswerSnapshot(t.database.db, start.sessionId, s.id, null))!;
  const ok = await call({ method: 'POST', url: `/practice/${start.sessionId}/answer`, payload: { questionId: start.question.id, answer: 'A', timeSpentMs: 2000 } });
  assert.equal(ok.statusCode, 200);
  const before = await counts(s.id);

  const err = await writeAnswer(t.database.db, writeFrom(stale, start.sessionId, s.id, start.question.id, 'stale-key-1')).then(() => null, (e: unknown) => e);
  assert.ok(err, 'the stale write must be refused');
  assert.ok(isAnswerRace(err), `refused as a race (SQLSTATE 40001), got ${String(err)}`);
  assert.deepEqual(await counts(s.id), before, 'nothing of the refused write is stored');
  const [prof] = await t.database.db.select().from(schema.proficiency).where(eq(schema.proficiency.userId, s.id));
  assert.equal(prof.nResponses, 1);
});

test('a write computed before another session changed the same skill is refused (the skill row moved on)', async () => {
  const s = await signUp(t.app, 'student');
  const call = as(t.app, s);
  const one = (await call({ method: 'POST', url: '/practice/start', payload: { skill: SKILL, count: 5 } })).json();
  const two = (await call({ method: 'POST', url: '/practice/start', payload: { skill: SKILL, count: 5 } })).json();
  // Read session two while the student has no row for the skill; then an answer in session one creates it.
  const stale = (await readAnswerSnapshot(t.database.db, two.sessionId, s.id, null))!;
  assert.equal(stale.skills.has(SKILL), false);
  assert.equal((await call({ method: 'POST', url: `/practice/${one.sessionId}/answer`, payload: { questionId: one.question.id, answer: 'B', timeSpentMs: 2000 } })).statusCode, 200);
  const before = await counts(s.id);
  const err = await writeAnswer(t.database.db, writeFrom(stale, two.sessionId, s.id, two.question.id, null)).then(() => null, (e: unknown) => e);
  assert.ok(isAnswerRace(err), `refused as a race, got ${String(err)}`);
  assert.deepEqual(await counts(s.id), before);
});

test('answers sent at once in two sessions on one skill both count, each from the state the other left', async () => {
  const s = await signUp(t.app, 'student');
  const call = as(t.app, s);
  const one = (await call({ method: 'POST', url: '/practice/start', payload: { skill: SKILL, count: 5 } })).json();
  const two = (await call({ method: 'POST', url: '/practice/start', payload: { skill: SKILL, count: 5 } })).json();
  const replies = await Promise.all([
    call({ method: 'POST', url: `/practice/${one.sessionId}/answer`, payload: { questionId: one.question.id, answer: 'A', timeSpentMs: 2000 } }),
    call({ method: 'POST', url: `/practice/${two.sessionId}/answer`, payload: { questionId: two.question.id, answer: 'C', timeSpentMs: 2000 } }),
  ]);
  assert.deepEqual(replies.map((r) => r.statusCode), [200, 200], replies.map((r) => r.body).join('\n'));
  const [a, b] = replies.map((r) => r.json());
  // Whichever was stored second started from the θ the first one left.
  const [first, second] = a.thetaBefore === 0 && b.thetaBefore !== 0 ? [a, b] : [b, a];
  assert.equal(second.thetaBefore, first.thetaAfter);
  const [prof] = await t.database.db.select().from(schema.proficiency).where(eq(schema.proficiency.userId, s.id));
  assert.equal(prof.nResponses, 2);
  assert.equal(prof.theta, second.thetaAfter);
});

test('after another process changes what this one remembers, the next answer reads again: θ from the database, a finished session refused', async () => {
  const s = await signUp(t.app, 'student');
  const call = as(t.app, s);
  const start = (await call({ method: 'POST', url: '/practice/start', payload: { skill: SKILL, count: 5 } })).json();
  const first = (await call({ method: 'POST', url: `/practice/${start.sessionId}/answer`, payload: { questionId: start.question.id, answer: 'A', timeSpentMs: 2000 } })).json();
  // Another process (here: a direct write) moves the skill on after this process stored its answer.
  await t.database.db.update(schema.proficiency).set({ theta: 1.5, nResponses: 7 }).where(eq(schema.proficiency.userId, s.id));
  const second = await call({ method: 'POST', url: `/practice/${start.sessionId}/answer`, payload: { questionId: first.next.id, answer: 'B', timeSpentMs: 2000 } });
  assert.equal(second.statusCode, 200, second.body);
  assert.equal(second.json().thetaBefore, 1.5, 'the answer starts from the θ in the database, not the remembered one');
  const [prof] = await t.database.db.select().from(schema.proficiency).where(eq(schema.proficiency.userId, s.id));
  assert.equal(prof.nResponses, 8);

  // Another process finishes the session: the next answer is refused, and nothing is stored.
  await t.database.db.update(schema.sessions).set({ status: 'completed' }).where(eq(schema.sessions.id, start.sessionId));
  const before = await counts(s.id);
  const third = await call({ method: 'POST', url: `/practice/${start.sessionId}/answer`, payload: { questionId: second.json().next.id, answer: 'C', timeSpentMs: 2000 } });
  assert.equal(third.statusCode, 409, third.body);
  assert.deepEqual(await counts(s.id), before);
});
