/**
 * Issue 15 acceptance 1: three `satprep serve` processes and one `satprep worker` on the real
 * PostgreSQL and Redis. One student's whole journey — sign-up, sign-in, consent, a
 * diagnostic, practice with a replayed answer, the tutor chat over WebSockets — and an admin's
 * export job, with every request sent to the next process in turn: nothing a process keeps in
 * its own memory may matter. The tutor turn is sent to process A and streamed, frame for
 * frame, to the same student's sockets on B and C (Redis pub/sub). The export job is enqueued
 * on one process and run by the worker (API processes run no jobs when Redis is set).
 * Skipped without DATABASE_URL and REDIS_URL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { createUser } from '../../src/accounts/users.ts';
import { rawRows, schema } from '../../src/db/index.ts';
import { createRng } from '../../src/lib/rng.ts';
import { open, type Frame } from '../helpers/ws.ts';
import { answerFor, call, scaleSkip, startCluster, until, type Cluster } from './cluster.ts';

const skip = scaleSkip();
let c: Cluster;

before(async () => {
  if (!skip) c = await startCluster({ apis: 3, worker: true });
});
after(async () => c?.dispose());

/** Requests so far per process: its own /metrics count of matched, non-ops routes. */
async function servedBy(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^satprep_http_request_duration_seconds_count\{([^}]*)\} (\d+)/gm)) {
    if (!/route="\/(metrics|ready|health)"/.test(m[1])) n += Number(m[2]);
  }
  return n;
}

describe('three API processes and a worker on PostgreSQL + Redis (acceptance 1)', { skip }, () => {
  test('the end-to-end flow passes with requests spread round-robin, tutor frames fan out across processes, the worker runs the job', { timeout: 240_000 }, async () => {
    const rng = createRng('multi-process');
    const [A, B, C] = c.apis;
    const next = () => c.next();
    const before = await Promise.all(c.apis.map((a) => servedBy(a.url)));

    // Accounts: sign up on one process, sign in on another, read /auth/me on a third.
    const email = `scale-${randomUUID().slice(0, 8)}@example.test`;
    const password = 'correct horse battery';
    const up = await call(A, 'POST', '/auth/signup', null, { email, password, displayName: 'Scale Student', role: 'student', birthDate: '2000-01-01' });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    const userId: string = up.body.user.id;
    const signin = await call(B, 'POST', '/auth/signin', null, { email, password });
    assert.equal(signin.status, 200, JSON.stringify(signin.body));
    const token: string = signin.body.accessToken;
    assert.equal((await call(C, 'GET', '/auth/me', token)).body.id, userId);
    // A refresh token issued by B is rotated by A (stored in PostgreSQL, not in B's memory).
    const refreshed = await call(A, 'POST', '/auth/refresh', null, { refreshToken: signin.body.refreshToken });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal((await call(B, 'PUT', `/students/${userId}/consent`, token, { granted: true })).status, 200);

    // The diagnostic: adaptive state lives in PostgreSQL; each answer goes to the next process.
    const diag = await call(next(), 'POST', '/diagnostic/start', token, { section: 'math', count: 6 });
    assert.equal(diag.status, 201, JSON.stringify(diag.body));
    let q = diag.body.question;
    let answered = 0;
    const thetas: number[] = [];
    while (q) {
      const r = await call(next(), 'POST', `/diagnostic/${diag.body.sessionId}/answer`, token, { questionId: q.id, answer: answerFor(q, rng.next()), timeSpentMs: 20_000 }, { 'idempotency-key': `mp-diag-${answered}-${diag.body.sessionId}` });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.answered, ++answered);
      if (thetas.length) assert.equal(typeof r.body.thetaBefore, 'number');
      thetas.push(r.body.thetaAfter);
      q = r.body.done ? null : r.body.next;
    }
    assert.equal(answered, 6);
    const view = await call(next(), 'GET', `/diagnostic/${diag.body.sessionId}`, token);
    assert.equal(view.body.answered, 6);
    const finished = await call(next(), 'POST', `/diagnostic/${diag.body.sessionId}/finish`, token);
    assert.equal(finished.status, 200, JSON.stringify(finished.body));

    // Practice: a retried answer (same Idempotency-Key) on another process is a replay, not a second answer.
    const prac = await call(next(), 'POST', '/practice/start', token, { section: 'rw', count: 5 });
    assert.equal(prac.status, 201, JSON.stringify(prac.body));
    const sid: string = prac.body.sessionId;
    q = prac.body.question;
    const key = `mp-prac-0-${sid}`;
    const first = await call(A, 'POST', `/practice/${sid}/answer`, token, { questionId: q.id, answer: answerFor(q, rng.next()), timeSpentMs: 9000 }, { 'idempotency-key': key });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const replay = await call(C, 'POST', `/practice/${sid}/answer`, token, { questionId: q.id, answer: 'A', timeSpentMs: 9000 }, { 'idempotency-key': key });
    assert.equal(replay.status, 200);
    assert.equal(replay.body.replayed, true);
    assert.equal(replay.body.responseId, first.body.responseId);
    q = first.body.next;
    for (let i = 1; q; i++) {
      const r = await call(next(), 'POST', `/practice/${sid}/answer`, token, { questionId: q.id, answer: answerFor(q, rng.next()), timeSpentMs: 9000 }, { 'idempotency-key': `mp-prac-${i}-${sid}` });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      q = r.body.done ? null : r.body.next;
    }
    const [{ n }] = await rawRows<{ n: number }>(c.database.db, sql`select count(*)::int as n from responses where user_id = ${userId}`);
    assert.equal(n, 6 + 5, 'each answer stored once, the replay not at all');

    // Tutor chat: sockets on B and C; the turn is sent on A and reaches both, frame for frame.
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const headers = { authorization: `Bearer ${token}` };
      const ws = (u: string) => `${u.replace(/^http/, 'ws')}/ai_tutor/chat`;
      const onB = await open(ws(B.url), headers);
      const onC = await open(ws(C.url), headers);
      assert.equal((await onB.next()).type, 'ready');
      assert.equal((await onC.next()).type, 'ready');
      await until('B and C subscribed to the student\'s channel', async () => {
        const [, count] = (await redis.pubsub('NUMSUB', `satprep:tutor:${userId}`)) as [string, number];
        return Number(count) === 2 ? true : undefined;
      }, 10_000);
      const onA = await open(ws(A.url), headers);
      assert.equal((await onA.next()).type, 'ready');
      onA.send({ type: 'message', text: 'How do I find the slope between two points?', inputMode: 'text' });
      const framesA: Frame[] = await onA.until('done', 60_000);
      const [framesB, framesC] = await Promise.all([onB.until('done', 30_000), onC.until('done', 30_000)]);
      assert.equal(framesA[0].type, 'start');
      assert.ok(framesA.some((f) => f.type === 'chunk'), 'streamed in chunks');
      assert.deepEqual(framesB, framesA, 'B saw exactly what A streamed');
      assert.deepEqual(framesC, framesA, 'C saw exactly what A streamed');
      for (const s of [onA, onB, onC]) s.close();
    } finally {
      redis.disconnect();
    }

    // A job: enqueued on one process, run by the worker, read back on the others.
    const admin = await createUser(c.database.db, { email: `admin-${randomUUID().slice(0, 8)}@example.test`, password, displayName: 'Admin', role: 'admin' }, { scryptCost: 1024 });
    const adminToken: string = (await call(next(), 'POST', '/auth/signin', null, { email: admin.email, password })).body.accessToken;
    const enq = await call(next(), 'POST', '/ai_data/export', adminToken);
    assert.equal(enq.status, 202, JSON.stringify(enq.body));
    const job = await until('the export job to finish', async () => {
      const r = await call(next(), 'GET', `/jobs/${enq.body.jobId}`, adminToken);
      assert.equal(r.status, 200);
      return ['succeeded', 'failed'].includes(r.body.status) ? r.body : undefined;
    }, 60_000, () => c.worker!.tail());
    assert.equal(job.status, 'succeeded', job.error);
    assert.ok(job.result.rows > 0 && job.result.students === 1, `the consenting student's events were exported: ${JSON.stringify(job.result)}`);
    const [row] = await c.database.db.select().from(schema.jobs).where(eq(schema.jobs.id, enq.body.jobId));
    assert.equal(row.attempts, 1);

    // Round-robin really reached every process.
    const afterCounts = await Promise.all(c.apis.map((a) => servedBy(a.url)));
    for (const [i, a] of c.apis.entries()) assert.ok(afterCounts[i] - before[i] >= 8, `${a.name} served ${afterCounts[i] - before[i]} requests`);

    // Graceful shutdown: SIGTERM drains and exits 0, for every process.
    const exits = await Promise.all([...c.apis, c.worker!].map((p) => p.stop()));
    assert.deepEqual(exits.map((e) => e?.code), [0, 0, 0, 0], [...c.apis, c.worker!].map((p) => p.tail(4)).join('\n'));
  });
});
