import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Actor } from '../../src/accounts/access.ts';
import { unauthorized } from '../../src/lib/errors.ts';
import { openConnection, type ConnectionDeps } from '../../src/tutor/connection.ts';
import { createMemoryHub, type TutorHub } from '../../src/tutor/hub.ts';
import { DEFAULT_LIMITS, type ConnectionLimits } from '../../src/tutor/limits.ts';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let student: TestUser;
before(async () => {
  // No bank: these turns need no question to discuss.
  t = await createTestApp({}, { bank: false });
  student = await signUp(t.app, 'student');
});
after(() => t.close());

type Sent = { type: string; error?: string; [k: string]: unknown };

function fakeSocket() {
  const sent: Sent[] = [];
  const closes: { code: number; reason: string }[] = [];
  return { sent, closes, socket: { send: (d: string) => void sent.push(JSON.parse(d)), close: (code: number, reason: string) => void closes.push({ code, reason }) } };
}

function setup(opts: { limits?: Partial<ConnectionLimits>; actor?: Actor | null; active?: () => Promise<boolean>; hub?: TutorHub } = {}) {
  let now = 0;
  const faults: unknown[] = [];
  const s = fakeSocket();
  const me: Actor = { userId: student.id, role: 'student' };
  const deps: ConnectionDeps = {
    db: t.database.db,
    ai: t.app.deps.ai,
    hub: opts.hub ?? createMemoryHub(),
    authenticate: async (token) => {
      if (token === 'good') return me;
      if (token === 'tutor') return { userId: student.id, role: 'tutor' };
      throw unauthorized('invalid or expired access token');
    },
    isActive: opts.active ?? (async () => true),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    clock: () => now,
    onFault: (err) => faults.push(err),
  };
  const conn = openConnection(s.socket, deps, opts.actor === undefined ? me : opts.actor);
  const send = (frame: unknown) => conn.receive(Buffer.from(JSON.stringify(frame)), false);
  return { ...s, conn, send, faults, tick: (ms: number) => (now += ms) };
}

const message = (text = 'What is a linear equation?') => ({ type: 'message', text, inputMode: 'text' });

test('messages beyond the per-connection rate get rate_limited until the bucket refills', async () => {
  const c = setup({ limits: { messages: { burst: 1, perMinute: 2 } } });
  await c.send(message());
  assert.equal(c.sent.at(-1)!.type, 'done');
  await c.send(message());
  assert.deepEqual(c.sent.at(-1), { type: 'error', error: 'rate_limited', message: 'too many messages; slow down', details: { retryInMs: 30_000 } });
  c.tick(30_000);
  await c.send(message());
  assert.equal(c.sent.at(-1)!.type, 'done');
  assert.deepEqual(c.closes, []);
});

test('one turn at a time per connection: a message during a reply is refused as busy', async () => {
  const c = setup();
  const first = c.send(message());
  await c.send(message('and another'));
  await first;
  const errors = c.sent.filter((f) => f.type === 'error');
  assert.deepEqual(
    errors.map((f) => f.error),
    ['busy'],
  );
  assert.equal(c.sent.filter((f) => f.type === 'done').length, 1);
});

test('a flood of frames, even malformed ones, is cut to the frame rate; the socket stays open', async () => {
  const c = setup({ limits: { frames: { burst: 3, perMinute: 60 } } });
  for (let i = 0; i < 5; i++) await c.conn.receive(Buffer.from('garbage'), false);
  assert.deepEqual(
    c.sent.map((f) => f.error ?? f.type),
    ['ready', 'bad_json', 'bad_json', 'bad_json', 'rate_limited', 'rate_limited'],
  );
  c.tick(1000);
  await c.send({ type: 'nope' });
  assert.equal(c.sent.at(-1)!.error, 'bad_frame');
  assert.deepEqual(c.closes, []);
});

test('an unauthenticated socket that sends no auth frame in time is closed with 4401', async () => {
  const c = setup({ actor: null, limits: { authTimeoutMs: 20 } });
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(c.sent, [{ type: 'error', error: 'unauthorized', message: 'no auth frame in time' }]);
  assert.deepEqual(c.closes, [{ code: 4401, reason: 'unauthorized' }]);
});

test('auth frame: a good token makes the socket ready; a non-student is closed with 4403', async () => {
  const ok = setup({ actor: null });
  await ok.send({ type: 'auth', token: 'good' });
  assert.deepEqual(ok.sent, [{ type: 'ready', userId: student.id }]);
  ok.conn.closed();

  const tutor = setup({ actor: null });
  await tutor.send({ type: 'auth', token: 'tutor' });
  assert.equal(tutor.sent[0].error, 'forbidden');
  assert.deepEqual(tutor.closes, [{ code: 4403, reason: 'forbidden' }]);
});

test('a deleted account loses its open socket at its next action', async () => {
  const c = setup({ active: async () => false });
  await c.send(message());
  assert.deepEqual(c.sent, [
    { type: 'ready', userId: student.id },
    { type: 'error', error: 'unauthorized', message: 'account no longer exists' },
  ]);
  assert.deepEqual(c.closes, [{ code: 4401, reason: 'unauthorized' }]);
  await c.send(message());
  assert.equal(c.sent.length, 2, 'a closed connection sends nothing more');
});

test('a fault of ours becomes an internal error frame and a log entry; the socket stays usable', async () => {
  let calls = 0;
  const c = setup({
    active: async () => {
      if (++calls === 1) throw new Error('database hiccup');
      return true;
    },
  });
  await c.send(message());
  assert.equal(c.sent.at(-1)!.error, 'internal');
  assert.equal((c.faults[0] as Error).message, 'database hiccup');
  await c.send(message());
  assert.equal(c.sent.at(-1)!.type, 'done');
});

test('after close the connection leaves the hub: later turns of the user no longer reach it', async () => {
  const hub = createMemoryHub();
  const open = setup({ hub });
  const gone = setup({ hub });
  await open.send(message());
  assert.equal(gone.sent.at(-1)!.type, 'done', 'a second socket of the user sees the turn');
  const seen = gone.sent.length;
  gone.conn.closed();
  await open.send(message());
  assert.equal(open.sent.at(-1)!.type, 'done');
  assert.equal(gone.sent.length, seen);
});
