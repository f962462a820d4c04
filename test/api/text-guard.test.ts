/**
 * Text PostgreSQL cannot keep as sent is refused at the edge with a 400 that says where:
 * U+0000, and half of a UTF-16 surrogate pair (JSON's "\ud800"). Unrefused, a lone
 * surrogate made the help question's ai_outputs row fail (a 500) and was stored as U+FFFD
 * elsewhere, so two different idempotency keys became one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { findUnstorable } from '../../src/api/plugins/text-guard.ts';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let student: TestUser;
before(async () => {
  t = await createTestApp();
  student = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
});
after(() => t?.close());

test('the guard finds NUL and unpaired surrogates in values and keys, and lets pairs through', () => {
  assert.equal(findUnstorable({ name: 'Ana 💥', tags: ['𝑥²', 'plain'] }), null);
  assert.deepEqual(findUnstorable({ q: 'what is slope \ud800' }), { at: '/q', problem: 'lone_surrogate' });
  assert.deepEqual(findUnstorable({ q: '\ud800x' }), { at: '/q', problem: 'lone_surrogate' });
  assert.deepEqual(findUnstorable({ a: [{ b: 'end \udc00' }] }), { at: '/a/0/b', problem: 'lone_surrogate' });
  assert.deepEqual(findUnstorable(['\udc00\ud800']), { at: '/0', problem: 'lone_surrogate' }, 'a pair in the wrong order is two halves');
  assert.deepEqual(findUnstorable({ '\ud83d': 1 }), { at: '/\\ud83d', problem: 'lone_surrogate' }, 'a key, quoted as its escape');
  assert.deepEqual(findUnstorable({ q: 'a\u0000b' }), { at: '/q', problem: 'nul' });
  assert.deepEqual(findUnstorable('\ud800'), { at: '/', problem: 'lone_surrogate' });
});

/** The body as a client puts it on the wire: JSON with the escape, which JSON.parse turns into half a pair. */
const rawJson = (body: string) => ({ payload: body, headers: { 'content-type': 'application/json' } });

test('a help question with half a surrogate pair is a 400 naming the field, and stores nothing', async () => {
  const start = await as(t.app, student)({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 3 } });
  const { sessionId, question } = start.json();
  const helpUrl = `/practice/help/${sessionId}/${encodeURIComponent(question.id)}`;
  const outputs = async () => (await t.database.db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.userId, student.id))).length;
  const before = await outputs();

  const res = await as(t.app, student)({ method: 'POST', url: helpUrl, ...rawJson('{"user_query":"what is slope \\ud800"}') });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().error, 'bad_request');
  assert.match(res.json().message, /surrogate/);
  assert.deepEqual(res.json().details, { in: 'body', at: '/user_query' });
  assert.equal(await outputs(), before);

  const fine = await as(t.app, student)({ method: 'POST', url: helpUrl, payload: { user_query: 'what is slope 📈' } });
  assert.equal(fine.statusCode, 200, fine.body);
});

test('two idempotency keys that differ only in an unpaired half are refused, not merged into one', async () => {
  const pack = (await as(t.app, student)({ method: 'POST', url: '/practice/start', payload: { section: 'rw', count: 2, offline: true } })).json();
  const answer = (seq: number, key: string) => ({ seq, key, type: 'answer', sessionId: pack.sessionId, questionId: pack.questions[seq].id, answer: 'A', timeSpentMs: 5_000 });
  // Stored as text, both keys would read "answer-\ufffd-key": the second answer would be taken for a replay of the first.
  const res = await as(t.app, student)({ method: 'POST', url: '/sync', ...rawJson(JSON.stringify({ actions: [answer(0, 'answer-\ud800-key'), answer(1, 'answer-\udbff-key')] })) });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().details.in, 'body');
  assert.match(res.json().details.at, /^\/actions\/[01]\/key$/);
  assert.deepEqual(await t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, pack.sessionId)), []);

  const header = await as(t.app, student)({
    method: 'POST',
    url: '/practice/11111111-1111-4111-8111-111111111111/answer',
    payload: { questionId: 'q', answer: 'A', timeSpentMs: 5 },
    headers: { 'idempotency-key': 'answer-key-\udc00' },
  });
  assert.equal(header.statusCode, 400, header.body);
  assert.deepEqual(header.json().details, { in: 'headers', at: '/idempotency-key' });
});

test('a display name with half a surrogate pair is refused, one with an emoji is kept as typed', async () => {
  const signup = (displayName: string, email: string) =>
    t.app.inject({ method: 'POST', url: '/auth/signup', ...rawJson(`{"email":"${email}","password":"longenough1","role":"student","displayName":${displayName}}`) });
  const bad = await signup('"Ana \\udc00"', 'half-pair@example.test');
  assert.equal(bad.statusCode, 400, bad.body);
  assert.deepEqual(bad.json().details, { in: 'body', at: '/displayName' });
  assert.deepEqual(await t.database.db.select().from(schema.users).where(eq(schema.users.email, 'half-pair@example.test')), []);

  const good = await signup('"Ana \\ud83d\\udca5"', 'whole-pair@example.test');
  assert.equal(good.statusCode, 201, good.body);
  assert.equal(good.json().user.displayName, 'Ana 💥');
});
