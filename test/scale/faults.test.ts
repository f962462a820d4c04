/**
 * Issue 15 acceptance 5: faults of the shared services, on instances this test starts itself
 * (instances.ts: a private `redis-server` and a throwaway PostgreSQL cluster, each on a port of
 * its own), so the machine's shared services are never touched. Two API processes serve a
 * steady load of students answering (students.ts, retries with the same Idempotency-Key).
 *
 *   Redis stopped for 30 s  → answers, sign-ins and /ready keep working (in-process cache,
 *                             rate limits fail open, sign-in counts per process: docs/
 *                             OPERATIONS.md); /health says degraded; once Redis is back, the
 *                             same processes use it again (/health 200, tutor fan-out works).
 *   PostgreSQL restarted    → requests fail with 503 (never 500) and /ready is 503 while it is
 *                             down; afterwards answers succeed again, and every acknowledged
 *                             answer is stored exactly once (checkConsistency).
 *
 * Skipped without DATABASE_URL and REDIS_URL (the scale environment), without redis-server,
 * or without PostgreSQL server binaries / a postgres user to run them as.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { open, type Frame } from '../helpers/ws.ts';
import { call, scaleSkip, sleep, startCluster, until, type Cluster } from './cluster.ts';
import { pgClusterSkip, redisServerSkip, startPgCluster, startRedis, type PgInstance, type RedisInstance } from './instances.ts';
import { checkConsistency, runStudents, type Acked } from './students.ts';

const skip = scaleSkip() || redisServerSkip() || pgClusterSkip();
const REDIS_OUTAGE_MS = Number(process.env.SCALE_REDIS_OUTAGE_MS ?? 30_000);
const PG_OUTAGE_MS = 5000;
const TEST_TIMEOUT_MS = 300_000;
const LOAD_CAP_MS = TEST_TIMEOUT_MS - 20_000;
let redis: RedisInstance | undefined;
let pg: PgInstance | undefined;
let c: Cluster | undefined;
const acked: Acked[] = [];
const users: string[] = [];

before(async () => {
  if (skip) return;
  redis = await startRedis();
  pg = await startPgCluster();
  c = await startCluster({ apis: 2, databaseUrl: pg.url, redisUrl: redis.url, env: { DB_CONNECT_TIMEOUT_MS: '1000' } });
});
after(async () => {
  await c?.dispose();
  await pg?.dispose();
  await redis?.dispose();
});

type Reply = { status: number | 'connection'; at: number; route: 'answer' | 'other' };

/** Load in the background until `stop()`; replies are timestamped for the outage windows. */
function steadyLoad(seed: string) {
  const replies: Reply[] = [];
  // Never longer than the test may run, so a failing test cannot leave students answering.
  const giveUpAt = Date.now() + LOAD_CAP_MS;
  let stopAt = giveUpAt;
  const done = runStudents({
    students: 6, seed, next: () => c!.next(), maxTries: 10_000, giveUpAt,
    get deadline() {
      return stopAt;
    },
    onReply: (r) => replies.push({ status: r.status, at: r.at, route: r.route }),
  });
  let stopped: Promise<Awaited<typeof done>> | undefined;
  return {
    replies,
    /** Ends the load (idempotent; a failing test's `finally` calls it too) and keeps its answers for the final check. */
    stop() {
      stopAt = Date.now();
      return (stopped ??= done.then((r) => {
        acked.push(...r.acked);
        users.push(...r.users);
        return r;
      }));
    },
  };
}

const statusOf = async (url: string, route: string) => {
  try {
    const r = await fetch(`${url}${route}`, { signal: AbortSignal.timeout(5000) });
    await r.body?.cancel();
    return r.status;
  } catch {
    return 'connection' as const;
  }
};

const answersIn = (replies: Reply[], from: number, to: number) => {
  const w = replies.filter((r) => r.route === 'answer' && r.at >= from && r.at < to);
  return { ok: w.filter((r) => r.status === 200).length, other: w.filter((r) => r.status !== 200).map((r) => r.status) };
};

describe('faults of the shared services (acceptance 5)', { skip }, () => {
  test(`Redis down for ${REDIS_OUTAGE_MS / 1000} s: the API keeps serving, degraded, and recovers without a restart`, { timeout: TEST_TIMEOUT_MS }, async () => {
    const load = steadyLoad('faults-redis');
    try {
      await redisOutage(load);
    } finally {
      await load.stop();
    }
  });

  async function redisOutage(load: ReturnType<typeof steadyLoad>) {
    await sleep(3000);
    const stoppedAt = Date.now();
    await redis!.stop();
    // Mid-outage checks: ready, degraded health, a sign-in (throttle counts fall back to the process).
    await sleep(Math.min(5000, REDIS_OUTAGE_MS / 3));
    for (const a of c!.apis) {
      assert.equal(await statusOf(a.url, '/ready'), 200, `${a.name} stays ready without Redis`);
      assert.equal(await statusOf(a.url, '/health'), 503, `${a.name} reports the cache down`);
    }
    const email = `fault-${Date.now()}@scale.test`;
    assert.equal((await call(c!.apis[0], 'POST', '/auth/signup', null, { email, password: 'fault password 1', displayName: 'F', role: 'student', birthDate: '2000-01-01' })).status, 201);
    const signin = await call(c!.apis[1], 'POST', '/auth/signin', null, { email, password: 'fault password 1' });
    assert.equal(signin.status, 200, JSON.stringify(signin.body));
    await sleep(REDIS_OUTAGE_MS - (Date.now() - stoppedAt));
    await redis!.start();
    const restartedAt = Date.now();

    // Recovery, same processes: health turns 200 again on each.
    for (const a of c!.apis) await until(`${a.name} to see Redis again`, async () => ((await statusOf(a.url, '/health')) === 200 ? true : undefined), 30_000);
    const recoveredAt = Date.now();
    await sleep(2000);
    const r = await load.stop();

    const during = answersIn(load.replies, stoppedAt, restartedAt);
    const afterwards = answersIn(load.replies, recoveredAt, Date.now());
    const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
    console.log(`# redis outage: ${during.ok} answers acknowledged during ${((restartedAt - stoppedAt) / 1000).toFixed(0)} s down (${rate(during.ok, restartedAt - stoppedAt)}/s), other replies ${JSON.stringify(during.other)}; recovered ${recoveredAt - restartedAt} ms after restart; overall ${JSON.stringify(r.statuses)}`);
    assert.ok(during.ok >= 50, `answers kept being acknowledged while Redis was down: ${during.ok}`);
    assert.deepEqual(during.other, [], 'no failed answer while Redis was down');
    assert.ok(afterwards.ok > 0, 'answers after recovery');
    for (const a of c!.apis) assert.ok(a.alive && a.starts === 1, `${a.name} was never restarted`);

    // The tutor fan-out resubscribed by itself: a turn on A streams to B again.
    const token: string = signin.body.accessToken;
    const userId: string = (await call(c!.apis[0], 'GET', '/auth/me', token)).body.id;
    const probe = new Redis(redis!.url);
    try {
      const ws = (u: string) => `${u.replace(/^http/, 'ws')}/ai_tutor/chat`;
      const onB = await open(ws(c!.apis[1].url), { authorization: `Bearer ${token}` });
      assert.equal((await onB.next()).type, 'ready');
      await until('B subscribed', async () => (Number(((await probe.pubsub('NUMSUB', `satprep:tutor:${userId}`)) as [string, number])[1]) === 1 ? true : undefined), 10_000);
      const onA = await open(ws(c!.apis[0].url), { authorization: `Bearer ${token}` });
      assert.equal((await onA.next()).type, 'ready');
      onA.send({ type: 'message', text: 'What is a linear function?', inputMode: 'text' });
      const framesA: Frame[] = await onA.until('done', 60_000);
      assert.deepEqual(await onB.until('done', 30_000), framesA, 'fan-out through the restarted Redis');
      onA.close();
      onB.close();
    } finally {
      probe.disconnect();
    }
    const rl = new Redis(redis!.url);
    try {
      assert.ok((await rl.keys('satprep-rl:*')).length > 0, 'rate-limit counters are back in Redis');
    } finally {
      rl.disconnect();
    }
  }

  test('PostgreSQL restarted: 503 during the outage (never 500), recovery afterwards, nothing acknowledged lost', { timeout: TEST_TIMEOUT_MS }, async () => {
    const load = steadyLoad('faults-pg');
    try {
      await pgRestart(load);
    } finally {
      await load.stop();
    }
    // Both phases: every acknowledged answer exactly once, nothing half-applied.
    const checked = await checkConsistency(c!.database.db, { acked, users });
    assert.equal(checked.responses, acked.length);
  });

  async function pgRestart(load: ReturnType<typeof steadyLoad>) {
    await sleep(3000);
    const downAt = Date.now();
    await pg!.stop();
    const stoppedAt = Date.now();
    let ready: (number | 'connection')[];
    let startAt: number;
    try {
      await sleep(1000);
      ready = await Promise.all(c!.apis.map((a) => statusOf(a.url, '/ready')));
      await sleep(Math.max(0, PG_OUTAGE_MS - (Date.now() - stoppedAt)));
    } finally {
      // Back up whatever happened, so the load's retries can finish and later checks can read.
      startAt = Date.now();
      await pg!.start();
    }
    const upAt = Date.now();
    assert.deepEqual(ready, c!.apis.map(() => 503), `/ready is 503 while the database is down (a process that died says 'connection'): ${c!.apis.map((a) => a.tail(30)).join('\n')}`);
    for (const a of c!.apis) await until(`${a.name} ready again`, async () => ((await statusOf(a.url, '/ready')) === 200 ? true : undefined), 30_000);
    await until('answers acknowledged again', () => (answersIn(load.replies, upAt, Date.now()).ok >= 20 ? true : undefined), 60_000);
    const r = await load.stop();

    const during = answersIn(load.replies, stoppedAt + 500, upAt);
    const all = load.replies.map((x) => x.status);
    console.log(`# postgres restart: down ${((upAt - downAt) / 1000).toFixed(1)} s (pg_ctl stop ${stoppedAt - downAt} ms, start ${upAt - startAt} ms); replies during the outage ${JSON.stringify(count(during.other))} (+${during.ok} ok); overall ${JSON.stringify(r.statuses)}`);
    assert.ok(during.other.length > 0, 'the load met the outage');
    assert.ok(during.other.every((s) => s === 503), `only 503 while PostgreSQL was down: ${JSON.stringify(count(during.other))}`);
    assert.ok(!all.includes(500), `no 500 at any time: ${JSON.stringify(r.statuses)}`);
    assert.equal(r.abandoned.length, 0);
    for (const a of c!.apis) assert.ok(a.alive && a.starts === 1, `${a.name} was never restarted`);
  }
});

function count(xs: (number | string)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
