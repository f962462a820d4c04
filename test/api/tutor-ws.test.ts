/**
 * Issue 8, AI tutor: the chat over a real listening server and a real WebSocket client —
 * streamed replies, stored history, ratings, bad frames that leave the socket usable, and
 * who may read a student's chat.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { createRng, type Rng } from '../../src/lib/rng.ts';
import { MAX_FRAME_BYTES } from '../../src/tutor/frames.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { connect, open, type Frame, type WsClient } from '../helpers/ws.ts';
import { badUuid, huge, MALFORMED_JSON, mutate, text, uuid, WRONG_TYPES } from './bad-input-parts/kit.ts';

let t: TestApp;
let wsBase: string;
let student: TestUser;
let parent: TestUser;
let strangerTutor: TestUser;
let otherStudent: TestUser;

before(async () => {
  t = await createTestApp();
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  wsBase = base.replace(/^http/, 'ws');
  [student, parent, strangerTutor, otherStudent] = await Promise.all([
    signUp(t.app, 'student'),
    signUp(t.app, 'parent'),
    signUp(t.app, 'tutor'),
    signUp(t.app, 'student'),
  ]);
  const link = await as(t.app, parent)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(link.statusCode, 201, link.body);
  assert.equal((await as(t.app, student)({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);
});
after(() => t.close());

const chatUrl = (query = '') => `${wsBase}/ai_tutor/chat${query}`;
const bearer = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
const db = () => t.database.db;

/** Sends one message and reads the whole turn. */
async function turn(c: WsClient, text: string, conversationId?: string) {
  c.send({ type: 'message', text, inputMode: 'text', ...(conversationId ? { conversationId } : {}) });
  const frames = await c.until('done');
  const start = frames.find((f) => f.type === 'start')!;
  const chunks = frames.filter((f) => f.type === 'chunk');
  const done = frames.at(-1)!;
  return { frames, start, chunks, done };
}

async function expectError(c: WsClient, raw: unknown, code: string): Promise<Frame> {
  c.send(raw);
  const f = await c.next();
  assert.equal(f.type, 'error', `expected an error frame for ${String(raw).slice(0, 60)}, got ${JSON.stringify(f)}`);
  assert.equal(f.error, code, JSON.stringify(f));
  assert.equal(typeof f.message, 'string');
  return f;
}

let firstReply: { conversationId: string; aiOutputId: string };

test('a student chats: start, streamed chunks, done; both turns stored with the ai_output and their events', async () => {
  const c = await open(chatUrl(), bearer(student));
  assert.deepEqual(await c.next(), { type: 'ready', userId: student.id });
  const { frames, start, chunks, done } = await turn(c, 'How do I solve a linear equation with one variable?');
  assert.equal(frames[0].type, 'start');
  assert.ok(chunks.length >= 2, `streamed in chunks (got ${chunks.length})`);
  assert.ok(chunks.every((f) => f.conversationId === start.conversationId));
  assert.equal(done.conversationId, start.conversationId);
  assert.equal(chunks.map((f) => f.text).join('').trim(), done.text, 'the chunks add up to the final text');

  const conversationId = start.conversationId as string;
  const aiOutputId = done.aiOutputId as string;
  const rows = await db().select().from(schema.tutorMessages).where(eq(schema.tutorMessages.conversationId, conversationId));
  assert.equal(rows.length, 2);
  const userRow = rows.find((r) => r.role === 'user')!;
  const replyRow = rows.find((r) => r.role === 'assistant')!;
  assert.equal(userRow.id, start.messageId);
  assert.equal(userRow.content, 'How do I solve a linear equation with one variable?');
  assert.equal(userRow.aiOutputId, null);
  assert.equal(replyRow.id, done.messageId);
  assert.equal(replyRow.content, done.text);
  assert.equal(replyRow.aiOutputId, aiOutputId);
  assert.ok(rows.every((r) => r.userId === student.id));

  const [output] = await db().select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, aiOutputId));
  assert.equal(output.task, 'tutor_chat');
  assert.equal(output.userId, student.id);
  assert.equal(output.output, done.text);

  const events = await db().select().from(schema.events).where(and(eq(schema.events.type, 'tutor.message'), eq(schema.events.userId, student.id)));
  assert.deepEqual(
    events.map((e) => e.payload).sort((a, b) => String(a.role).localeCompare(String(b.role))),
    [
      { conversationId, role: 'assistant', inputMode: 'text', aiOutputId },
      { conversationId, role: 'user', inputMode: 'text', aiOutputId: null },
    ],
  );
  firstReply = { conversationId, aiOutputId };

  // The conversation continues: the model sees the earlier turns.
  const second = await turn(c, 'Can you show me what to do first?', conversationId);
  assert.equal(second.start.conversationId, conversationId);
  const [out2] = await db().select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, second.done.aiOutputId as string));
  const sent = (out2.input as { messages: { role: string; content: string }[] }).messages;
  assert.deepEqual(
    sent.map((m) => m.role),
    ['user', 'assistant', 'user'],
  );
  assert.equal(sent[1].content, done.text);
  c.close();
});

test('voice transcripts are recorded as such', async () => {
  const c = await open(chatUrl(), bearer(student));
  await c.next('ready');
  c.send({ type: 'message', text: 'what does a slope mean', inputMode: 'voice' });
  const done = await c.next('done');
  const events = (await db().select().from(schema.events).where(eq(schema.events.type, 'tutor.message'))).filter(
    (e) => e.payload.conversationId === done.conversationId,
  );
  assert.deepEqual(events.map((e) => e.payload.inputMode), ['voice', 'voice']);
  c.close();
});

test('a reply is ratable like feedback: one row per student and output, re-rating updates it', async () => {
  const c = await open(chatUrl(), bearer(student));
  await c.next('ready');
  c.send({ type: 'rate', aiOutputId: firstReply.aiOutputId, stars: 2 });
  const r1 = await c.next();
  assert.deepEqual({ ...r1, ratingId: undefined }, { type: 'rated', aiOutputId: firstReply.aiOutputId, ratingId: undefined, stars: 2, updated: false });
  c.send({ type: 'rate', aiOutputId: firstReply.aiOutputId, stars: 5, comment: 'clear now' });
  const r2 = await c.next();
  assert.equal(r2.updated, true);
  const rows = await db().select().from(schema.feedbackRatings).where(eq(schema.feedbackRatings.aiOutputId, firstReply.aiOutputId));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].stars, 5);
  assert.equal(rows[0].comment, 'clear now');
  assert.equal(rows[0].userId, student.id);

  // Another student's reply cannot be rated from here; the socket stays open.
  const o = await open(chatUrl(), bearer(otherStudent));
  await o.next('ready');
  await expectError(o, JSON.stringify({ type: 'rate', aiOutputId: firstReply.aiOutputId, stars: 1 }), 'forbidden');
  await expectError(o, JSON.stringify({ type: 'message', text: 'hi there', conversationId: firstReply.conversationId }), 'not_found');
  const still = await turn(o, 'What is a function?');
  assert.equal(typeof still.done.aiOutputId, 'string');
  o.close();
  c.close();
});

test('malformed frames get error frames and the same socket keeps working', async () => {
  const c = await open(chatUrl(), bearer(student));
  await c.next('ready');
  await expectError(c, 'this is not json', 'bad_json');
  await expectError(c, '{"type":"message","text":', 'bad_json');
  await expectError(c, '[1,2,3]', 'bad_frame');
  await expectError(c, 'null', 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'dance' }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'message' }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'message', text: '   ' }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'message', text: 'x'.repeat(2001) }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'message', text: 'null \u0000 byte' }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'message', text: 'hello', inputMode: 'telepathy' }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'message', text: 'hello', conversationId: 'not-a-uuid' }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'rate', aiOutputId: firstReply.aiOutputId, stars: 6 }), 'bad_frame');
  await expectError(c, JSON.stringify({ type: 'rate', aiOutputId: '00000000-0000-4000-8000-000000000000', stars: 3 }), 'not_found');
  await expectError(c, JSON.stringify({ type: 'auth', token: 'again' }), 'bad_request');
  await expectError(c, JSON.stringify({ type: 'message', text: 'y'.repeat(MAX_FRAME_BYTES + 10) }), 'frame_too_large');
  c.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
  assert.equal((await c.next()).error, 'bad_frame');

  const after = await turn(c, 'What is a linear equation?');
  assert.ok(after.chunks.length >= 2);
  assert.equal(typeof after.done.aiOutputId, 'string');
  // Nothing the bad frames carried was stored.
  const stored = await db().select({ content: schema.tutorMessages.content }).from(schema.tutorMessages).where(eq(schema.tutorMessages.userId, student.id));
  assert.ok(!stored.some((r) => r.content.includes('\u0000') || r.content.startsWith('yyyy') || r.content.startsWith('xxxx')));

  // A frame past the hard limit closes only that socket (ws's 1009); the server serves on.
  c.ws.send('z'.repeat(1_048_577));
  assert.equal((await c.closed).code, 1009);
  assert.equal((await fetch(`${wsBase.replace(/^ws/, 'http')}/health`)).status, 200);
});

test('a message or comment holding half a surrogate pair is a bad frame: no turn starts, nothing is stored', async () => {
  const c = await open(chatUrl(), bearer(otherStudent));
  await c.next('ready');
  const rows = async () => (await db().select().from(schema.tutorMessages).where(eq(schema.tutorMessages.userId, otherStudent.id))).length;
  const before = await rows();
  // JSON.stringify writes the half as its escape; JSON.parse on the server gives it back unpaired.
  for (const text of ['what is slope \ud800', '\udc00 slope', 'slope \udc00\ud800']) {
    const f = await expectError(c, JSON.stringify({ type: 'message', text }), 'bad_frame');
    assert.match(JSON.stringify(f.details), /surrogate/);
  }
  await expectError(c, JSON.stringify({ type: 'rate', aiOutputId: uuid(createRng('half-pair')), stars: 4, comment: 'nice \ud83d' }), 'bad_frame');
  assert.equal(await rows(), before);
  const fine = await turn(c, 'what is slope 📈');
  assert.equal(typeof fine.done.aiOutputId, 'string');
  c.close();
});

/**
 * One malformed frame, as the client would put it on the wire. Each is refused: none may
 * start a turn. At most 200,000 characters (< 1 MiB even at 4 bytes each): past ws's hard
 * limit the socket closes instead, as tested above.
 */
function badFrame(rng: Rng): string | Buffer {
  const raw = anyBadFrame(rng);
  return typeof raw === 'string' ? raw.slice(0, 200_000) : raw;
}

function anyBadFrame(rng: Rng): string | Buffer {
  const nonStrings = WRONG_TYPES.filter((v) => typeof v !== 'string');
  const choice = rng.int(0, 7);
  if (choice === 0) return rng.pick(MALFORMED_JSON);
  if (choice === 1) return text(rng);
  if (choice === 2) return huge(rng);
  if (choice === 3) return Buffer.from(text(rng));
  if (choice === 4) {
    return JSON.stringify(
      mutate(rng, { type: 'message', text: 'How do I factor?', inputMode: 'text' }, {
        type: [...WRONG_TYPES, 'MESSAGE', 'chat', 'message '],
        text: [...nonStrings, '', '   ', 'x'.repeat(2001), 'a\u0000b'],
        inputMode: [...WRONG_TYPES, 'telepathy'],
        conversationId: [...WRONG_TYPES, decodeURIComponent(badUuid(rng).replace(/%(?![0-9A-F]{2})/gi, ''))],
      }, ['type', 'text']),
    );
  }
  if (choice === 5) {
    return JSON.stringify(
      mutate(rng, { type: 'rate', aiOutputId: uuid(rng), stars: 3 }, { aiOutputId: [...WRONG_TYPES, 'abc'], stars: [...WRONG_TYPES, 0, 6, 2.5, '5'] }, ['aiOutputId', 'stars']),
    );
  }
  // Well-formed but refused: an unknown conversation or output (404), a second auth (400).
  return JSON.stringify(rng.pick([{ type: 'message', text: 'hello', conversationId: uuid(rng) }, { type: 'rate', aiOutputId: uuid(rng), stars: 4 }, { type: 'auth', token: text(rng) }]));
}

test('fuzzed frames: each gets an error frame, nothing is stored, and the socket chats afterwards', async () => {
  const rng = createRng('tutor-ws-fuzz');
  const tables = [schema.tutorMessages, schema.aiOutputs, schema.feedbackRatings, schema.events];
  const counts = () => Promise.all(tables.map(async (tb) => (await db().select().from(tb)).length));
  const before = await counts();
  // 25 frames a socket stays under the per-connection frame burst, so each reaches the parser.
  for (let s = 0; s < 4; s++) {
    const c = await open(chatUrl(), bearer(student));
    await c.next('ready');
    for (let i = 0; i < 25; i++) {
      const raw = badFrame(rng);
      c.ws.send(raw, { binary: Buffer.isBuffer(raw) });
      const f = await c.next();
      assert.equal(f.type, 'error', `frame ${JSON.stringify(String(raw).slice(0, 80))} → ${JSON.stringify(f)}`);
    }
    if (s < 3) c.close();
    else assert.equal(typeof (await turn(c, 'What is a quadratic?')).done.aiOutputId, 'string');
  }
  const after = await counts();
  // The closing turn adds its two messages, one output and two events; the 100 bad frames nothing.
  assert.deepEqual(after, [before[0] + 2, before[1] + 1, before[2], before[3] + 2]);
});

test('authentication: header, query, or a first auth frame; anything else is refused', async () => {
  const viaQuery = await open(chatUrl(`?token=${encodeURIComponent(student.token)}`));
  assert.equal((await viaQuery.next()).type, 'ready');
  viaQuery.close();

  const viaFrame = await open(chatUrl());
  viaFrame.send({ type: 'auth', token: student.token });
  assert.deepEqual(await viaFrame.next(), { type: 'ready', userId: student.id });
  const r = await turn(viaFrame, 'How do I check my answer?');
  assert.equal(typeof r.done.aiOutputId, 'string');
  viaFrame.close();

  // A token on the upgrade request is checked before upgrading.
  assert.deepEqual(await connect(chatUrl('?token=not-a-token')), { ok: false, status: 401 });
  assert.deepEqual(await connect(chatUrl(), { authorization: 'Bearer not-a-token' }), { ok: false, status: 401 });
  assert.deepEqual(await connect(chatUrl(), bearer(strangerTutor)), { ok: false, status: 403 });
  assert.deepEqual(await connect(chatUrl(`?token=${parent.token}`)), { ok: false, status: 403 });

  // No token: the first frame must authenticate, else an error frame and close 4401.
  const anon = await open(chatUrl());
  anon.send({ type: 'message', text: 'let me in' });
  assert.equal((await anon.next()).error, 'unauthorized');
  assert.equal((await anon.closed).code, 4401);

  const badFrame = await open(chatUrl());
  badFrame.send({ type: 'auth', token: 'forged' });
  assert.equal((await badFrame.next()).error, 'unauthorized');
  assert.equal((await badFrame.closed).code, 4401);

  const tutorFrame = await open(chatUrl());
  tutorFrame.send({ type: 'auth', token: strangerTutor.token });
  assert.equal((await tutorFrame.next()).error, 'forbidden');
  assert.equal((await tutorFrame.closed).code, 4403);

  // Nothing was stored for any refused attempt.
  const texts = (await db().select({ content: schema.tutorMessages.content }).from(schema.tutorMessages)).map((r) => r.content);
  assert.ok(!texts.includes('let me in'));
});

test('every open socket of the student sees a turn (the hub fans out per user)', async () => {
  const a = await open(chatUrl(), bearer(student));
  const b = await open(chatUrl(), bearer(student));
  await a.next('ready');
  await b.next('ready');
  const mine = await turn(a, 'What is slope?');
  const seen = await b.until('done');
  assert.equal(seen.at(-1)!.aiOutputId, mine.done.aiOutputId);
  a.close();
  b.close();
});

test('GET /ai_tutor/chat without an upgrade is a clean 4xx', async () => {
  assert.equal((await as(t.app, null)({ method: 'GET', url: '/ai_tutor/chat' })).statusCode, 401);
  assert.equal((await as(t.app, strangerTutor)({ method: 'GET', url: '/ai_tutor/chat' })).statusCode, 403);
  const res = await as(t.app, student)({ method: 'GET', url: '/ai_tutor/chat' });
  assert.equal(res.statusCode, 426);
  assert.equal(res.json().error, 'upgrade_required');
  assert.equal((await as(t.app, null)({ method: 'GET', url: `/ai_tutor/chat?token=${'a'.repeat(5000)}` })).statusCode, 400);
});

test('chat history: the student, a linked parent and an admin read it; others may not', async () => {
  const url = `/ai_tutor/interactions/${student.id}`;
  const own = await as(t.app, student)({ method: 'GET', url });
  assert.equal(own.statusCode, 200, own.body);
  const body = own.json();
  assert.equal(body.userId, student.id);
  const conv = body.conversations.find((c: { conversationId: string }) => c.conversationId === firstReply.conversationId);
  assert.ok(conv, 'the first conversation is listed');
  assert.deepEqual(
    conv.messages.map((m: { role: string }) => m.role),
    ['user', 'assistant', 'user', 'assistant'],
  );
  const rated = conv.messages.find((m: { aiOutputId: string | null }) => m.aiOutputId === firstReply.aiOutputId);
  assert.deepEqual(rated.rating, { stars: 5, comment: 'clear now' });
  assert.equal(conv.messages[0].rating, null);

  const byParent = await as(t.app, parent)({ method: 'GET', url });
  assert.equal(byParent.statusCode, 200);
  assert.deepEqual(byParent.json(), body);

  const email = `admin-${student.id}@example.test`;
  await createUser(db(), { email, password: 'admin password 123', displayName: 'Ada Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const signin = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password: 'admin password 123' } });
  const byAdmin = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${signin.json().accessToken}` } });
  assert.equal(byAdmin.statusCode, 200);
  assert.deepEqual(byAdmin.json(), body);

  const one = await as(t.app, parent)({ method: 'GET', url: `${url}?conversation_id=${firstReply.conversationId}&limit=2` });
  assert.equal(one.statusCode, 200);
  assert.deepEqual(
    one.json().conversations.map((c: { messages: unknown[] }) => c.messages.length),
    [2],
  );

  for (const [who, status] of [
    [strangerTutor, 403],
    [otherStudent, 403],
    [null, 401],
  ] as const) {
    const res = await as(t.app, who)({ method: 'GET', url });
    assert.equal(res.statusCode, status);
    assert.ok(!res.body.includes(firstReply.conversationId), 'no chat data in a denial');
  }
  assert.equal((await as(t.app, student)({ method: 'GET', url: '/ai_tutor/interactions/not-a-uuid' })).statusCode, 400);
  assert.equal((await as(t.app, student)({ method: 'GET', url: `${url}?limit=0` })).statusCode, 400);

  const list = await as(t.app, student)({ method: 'GET', url: '/ai_tutor/conversations' });
  assert.equal(list.statusCode, 200);
  const first = list.json().conversations.find((c: { conversationId: string }) => c.conversationId === firstReply.conversationId);
  assert.equal(first.messages, 4);
  assert.equal(first.title, 'How do I solve a linear equation with one variable?');
  const theirs = await as(t.app, otherStudent)({ method: 'GET', url: '/ai_tutor/conversations' });
  assert.ok(!theirs.body.includes(firstReply.conversationId));
});
