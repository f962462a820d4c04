/**
 * The tutor hub contract, run against the in-process hub and the Redis pub/sub hub (when
 * REDIS_URL is set): frames reach every listener of the user in order and nobody else,
 * unsubscribing stops delivery, a throwing listener does not stop the others. And the point
 * of the Redis hub: a frame published by one hub (process A) reaches a listener on another
 * hub (process B). Redis delivery is asynchronous, so "nothing arrived" is checked after a
 * later frame to a still-subscribed listener has arrived (one connection delivers in order).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Redis } from 'ioredis';
import type { ServerFrame } from '../../src/tutor/frames.ts';
import { createMemoryHub, type TutorHub } from '../../src/tutor/hub.ts';
import { createRedisHub } from '../../src/tutor/redis-hub.ts';

const frame = (text: string): ServerFrame => ({ type: 'chunk', conversationId: 'c', text });
const textOf = (f: ServerFrame) => (f as { text: string }).text;

async function eventually(ok: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

type MakeHub = (onError?: (err: unknown) => void) => { hub: TutorHub; close(): Promise<void> };

function hubContract(name: string, make: MakeHub, skip: string | false) {
  describe(`tutor hub contract: ${name}`, { skip }, () => {
    test('a published frame reaches every listener of that user, in order, and no one else', async () => {
      const { hub, close } = make();
      const a: string[] = [];
      const b: string[] = [];
      const other: string[] = [];
      hub.subscribe('u1', (f) => a.push(textOf(f)));
      hub.subscribe('u1', (f) => b.push(textOf(f)));
      hub.subscribe('u2', (f) => other.push(textOf(f)));
      for (const t of ['one', 'two', 'three', 'four']) await hub.publish('u1', frame(t));
      await hub.publish('u2', frame('marker'));
      await eventually(() => other.length === 1 && a.length === 4 && b.length === 4, 'delivery');
      assert.deepEqual(a, ['one', 'two', 'three', 'four']);
      assert.deepEqual(b, ['one', 'two', 'three', 'four']);
      assert.deepEqual(other, ['marker']);
      await close();
    });

    test('unsubscribing stops delivery; publishing to a user with no sockets is a no-op', async () => {
      const { hub, close } = make();
      const got: ServerFrame[] = [];
      const witness: ServerFrame[] = [];
      hub.subscribe('w', (f) => witness.push(f));
      const off = hub.subscribe('u1', (f) => got.push(f));
      off();
      off();
      await hub.publish('u1', frame('lost'));
      await hub.publish('nobody', frame('lost'));
      await hub.publish('w', frame('marker'));
      await eventually(() => witness.length === 1, 'the marker');
      assert.deepEqual(got, []);
      await close();
    });

    test('a throwing listener (a dead socket) is reported and does not stop the others', async () => {
      const errors: unknown[] = [];
      const { hub, close } = make((err) => errors.push(err));
      const got: ServerFrame[] = [];
      hub.subscribe('u1', () => {
        throw new Error('socket gone');
      });
      hub.subscribe('u1', (f) => got.push(f));
      await hub.publish('u1', frame('x'));
      await eventually(() => got.length === 1, 'delivery');
      assert.equal((errors[0] as Error).message, 'socket gone');
      await close();
    });
  });
}

const noRedis = process.env.REDIS_URL ? false : 'REDIS_URL is not set';
const prefix = () => `satprep-test:${randomBytes(4).toString('hex')}:tutor:`;

hubContract('in-process', (onError) => ({ hub: createMemoryHub(onError), close: async () => {} }), false);
hubContract(
  'Redis pub/sub',
  (onError) => {
    const hub = createRedisHub(process.env.REDIS_URL!, { prefix: prefix(), onError: (e) => !(e instanceof Error && /ECONNRESET/.test(e.message)) && onError?.(e) });
    return { hub, close: () => hub.close() };
  },
  noRedis,
);

describe('Redis hub across processes', { skip: noRedis }, () => {
  test('a frame published on hub A (process A) reaches the listener on hub B; B leaves the channel after its last listener', async () => {
    const p = prefix();
    const a = createRedisHub(process.env.REDIS_URL!, { prefix: p });
    const b = createRedisHub(process.env.REDIS_URL!, { prefix: p });
    const admin = new Redis(process.env.REDIS_URL!);
    try {
      const onB: string[] = [];
      const off = b.subscribe('student-1', (f) => onB.push(textOf(f)));
      const subscribers = async () => Number(((await admin.pubsub('NUMSUB', `${p}student-1`)) as [string, number])[1]);
      const until = Date.now() + 3000;
      while ((await subscribers()) !== 1) if (Date.now() > until) throw new Error('B never subscribed');
      for (const t of ['start', 'chunk 1', 'chunk 2', 'done']) await a.publish('student-1', frame(t));
      await eventually(() => onB.length === 4, 'frames on B');
      assert.deepEqual(onB, ['start', 'chunk 1', 'chunk 2', 'done']);
      off();
      const gone = Date.now() + 3000;
      while ((await subscribers()) !== 0) if (Date.now() > gone) throw new Error('B never unsubscribed');
    } finally {
      admin.disconnect();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
