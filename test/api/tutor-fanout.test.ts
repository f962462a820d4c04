/**
 * Issue 15: WebSocket fan-out across API processes. Two app instances on one database, each
 * with its own Redis hub (as two processes would have): a student's tutor socket on
 * instance B receives, frame for frame, the turn that the student's socket on instance A
 * started and A ran. Needs the real Redis (REDIS_URL); skipped without it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../../src/api/app.ts';
import { createRedisHub, type ClosableHub } from '../../src/tutor/redis-hub.ts';
import { createTestApp, signUp, type TestApp } from '../helpers/app.ts';
import { open, type Frame } from '../helpers/ws.ts';

const url = process.env.REDIS_URL;
const prefix = `satprep-test:${randomBytes(4).toString('hex')}:tutor:`;
let t: TestApp;
let appB: FastifyInstance;
let hubA: ClosableHub;
let hubB: ClosableHub;
let redis: Redis;
const bases: string[] = [];

before(async () => {
  if (!url) return;
  hubA = createRedisHub(url, { prefix });
  hubB = createRedisHub(url, { prefix });
  t = await createTestApp({}, { deps: { hub: hubA } });
  // The second "process": same database and settings, its own hub (and no second job worker).
  appB = await buildApp({ ...t.app.deps, hub: hubB });
  for (const app of [t.app, appB]) bases.push((await app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws'));
  redis = new Redis(url);
});
after(async () => {
  if (!url) return;
  redis.disconnect();
  await appB.close();
  await t.close();
  await Promise.all([hubA.close(), hubB.close()]);
});

async function subscribers(userId: string, n: number): Promise<void> {
  const until = Date.now() + 5000;
  for (;;) {
    const [, count] = (await redis.pubsub('NUMSUB', `${prefix}${userId}`)) as [string, number];
    if (Number(count) === n) return;
    if (Date.now() > until) throw new Error(`expected ${n} subscribed processes, got ${count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a tutor turn run on instance A streams to the same student\'s socket on instance B, frame for frame', { skip: url ? false : 'REDIS_URL is not set' }, async () => {
  const student = await signUp(t.app, 'student');
  const headers = { authorization: `Bearer ${student.token}` };
  const onB = await open(`${bases[1]}/ai_tutor/chat`, headers);
  assert.equal((await onB.next()).type, 'ready');
  await subscribers(student.id, 1);
  const onA = await open(`${bases[0]}/ai_tutor/chat`, headers);
  assert.equal((await onA.next()).type, 'ready');
  await subscribers(student.id, 2);

  onA.send({ type: 'message', text: 'How do I find the slope between two points?', inputMode: 'text' });
  const framesA: Frame[] = await onA.until('done');
  const framesB: Frame[] = await onB.until('done');
  assert.ok(framesA.some((f) => f.type === 'chunk'), 'streamed in chunks');
  assert.deepEqual(framesB, framesA, 'B saw exactly what A saw, in order');
  assert.equal(framesB[0].type, 'start');

  onB.close();
  await subscribers(student.id, 1); // B left the channel with its last socket
  onA.close();
  await subscribers(student.id, 0);
});
