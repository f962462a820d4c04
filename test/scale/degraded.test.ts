/**
 * The two small pieces behind the fault test's outcomes (faults.test.ts), checked on their
 * own and without the scale environment:
 *   - a database outage is a 503 with Retry-After, a bug stays a 500 (src/db/unavailable.ts,
 *     src/api/errors.ts);
 *   - the Redis cache degrades to this process's LRU while Redis is down and uses Redis again
 *     once it is back (src/cache/index.ts), on a private redis-server (skipped without one).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import Fastify from 'fastify';
import { installErrorHandlers } from '../../src/api/errors.ts';
import { createCache } from '../../src/cache/index.ts';
import { DatabaseUnavailableError } from '../../src/db/index.ts';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';
import { redisServerSkip, startRedis, type RedisInstance } from './instances.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

test('database outages are told apart from faulty queries', () => {
  const outages = [
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    new DrizzleQueryError('select 1', [], withCode('terminating connection due to administrator command', '57P01')),
    new DrizzleQueryError('insert …', [], withCode('the database system is starting up', '57P03')),
    new DrizzleQueryError('select 1', [], new Error('Connection terminated unexpectedly')),
    new Error('timeout exceeded when trying to connect'),
    withCode('connection failure', '08006'),
    new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    new DatabaseUnavailableError('cannot connect'),
  ];
  for (const e of outages) assert.equal(isDatabaseUnavailable(e), true, e.message);
  const faults = [
    new DrizzleQueryError('selec 1', [], withCode('syntax error at or near "selec"', '42601')),
    new DrizzleQueryError('insert …', [], withCode('duplicate key value violates unique constraint', '23505')),
    new TypeError('cannot read properties of undefined'),
    new Error('session changed during the answer; retry'),
  ];
  for (const e of faults) assert.equal(isDatabaseUnavailable(e), false, e.message);
});

test('the API answers a database outage with 503 + Retry-After and a bug with 500, both in the error contract', async () => {
  const app = Fastify();
  installErrorHandlers(app);
  app.get('/down', async () => {
    throw new DrizzleQueryError('select 1', [], withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
  });
  app.get('/bug', async () => {
    throw new DrizzleQueryError('selec 1', [], withCode('syntax error', '42601'));
  });
  const down = await app.inject({ url: '/down' });
  assert.equal(down.statusCode, 503);
  assert.equal(down.headers['retry-after'], '1');
  assert.deepEqual(down.json(), { error: 'unavailable', message: 'the database is unavailable; retry shortly', details: null });
  const bug = await app.inject({ url: '/bug' });
  assert.equal(bug.statusCode, 500);
  assert.equal(bug.json().error, 'internal');
  await app.close();
});

let redis: RedisInstance | undefined;
after(async () => redis?.dispose());

test('the Redis cache serves from this process while Redis is down, and from Redis again once it is back', { skip: redisServerSkip(), timeout: 60_000 }, async () => {
  redis = await startRedis();
  const cache = await createCache({ redisUrl: redis.url, prefix: 'degraded-test:' });
  try {
    await cache.set('shared', 'from-redis', 60_000);
    assert.equal(await cache.get('shared'), 'from-redis');
    await redis.stop();
    await assert.rejects(cache.ping(), 'ping reports the outage (/health)');
    const t0 = performance.now();
    assert.equal(await cache.get('shared'), undefined, 'a miss, not an error');
    await cache.set('local', 'kept-here', 60_000);
    assert.equal(await cache.get('local'), 'kept-here', 'served by the in-process fallback');
    await cache.del('local');
    assert.equal(await cache.get('local'), undefined);
    assert.ok(performance.now() - t0 < 1000, `no waiting for a reconnect (${(performance.now() - t0).toFixed(0)} ms)`);
    await redis.start();
    const deadline = Date.now() + 20_000;
    while ((await cache.ping().then(() => true, () => false)) === false) {
      assert.ok(Date.now() < deadline, 'reconnected by itself');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(await cache.get('shared'), 'from-redis', 'Redis again, its data kept (append-only file)');
  } finally {
    await cache.close();
  }
});
