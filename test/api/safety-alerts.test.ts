/**
 * Safety alerts: a student who writes of self-harm — to the AI tutor, in a note, in a reply
 * under a note, in a help request — gets the crisis line from the AI, and an admin is told
 * (GET /admin/safety-alerts), with the words around what was matched and where they were
 * written, until someone marks it reviewed. Ordinary worry raises nothing; the event log holds
 * no words; only admins read alerts; the student's export holds theirs; deleting the account
 * deletes them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { alertExcerpt, type AlertView } from '../../src/safety/alerts.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { open } from '../helpers/ws.ts';

let t: TestApp;
let wsBase: string;
let sam: TestUser;
let classmate: TestUser;
let tutor: TestUser;
let admin: TestUser;

before(async () => {
  t = await createTestApp();
  wsBase = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
  sam = await signUp(t.app, 'student', { name: 'Sam Student' });
  classmate = await signUp(t.app, 'student', { name: 'Cleo Classmate' });
  tutor = await signUp(t.app, 'tutor');
  const email = 'safety-admin@example.test';
  const password = 'admin password 123';
  const user = await createUser(t.database.db, { email, password, displayName: 'Sage Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const res = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password } });
  admin = { id: user.id, email, password, role: 'admin', token: res.json().accessToken, refreshToken: '' };
});
after(() => t?.close());

const alerts = async (query = '') => {
  const res = await as(t.app, admin)({ method: 'GET', url: `/admin/safety-alerts${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { alerts: AlertView[]; next: string | null; waiting: number };
};

async function chat(who: TestUser, text: string): Promise<{ reply: string; conversationId: string }> {
  const c = await open(`${wsBase}/ai_tutor/chat`, { authorization: `Bearer ${who.token}` });
  try {
    c.send({ type: 'message', text, inputMode: 'text' });
    const frames = await c.until('done');
    const done = frames.at(-1)!;
    return { reply: done.text as string, conversationId: done.conversationId as string };
  } finally {
    c.close();
  }
}

async function note(who: TestUser, body: string, aiReply = false) {
  const res = await as(t.app, who)({ method: 'POST', url: '/community/note', payload: { body, visibility: 'community', aiReply } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { note: { id: string }; aiReply: { body: string } | null };
}

async function helpOnFirstQuestion(who: TestUser, query: string) {
  const start = await as(t.app, who)({ method: 'POST', url: '/practice/start', payload: { skill: 'math.alg.linear-one-var', count: 5 } });
  assert.equal(start.statusCode, 201, start.body);
  const { sessionId, question } = start.json() as { sessionId: string; question: { id: string } };
  const res = await as(t.app, who)({
    method: 'POST',
    url: `/practice/help/${sessionId}/${encodeURIComponent(question.id)}`,
    payload: { user_id: who.id, user_query: query, input_mode: 'text' },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { helpRequestId: string; response: string };
}

test('words of self-harm anywhere a student writes reach an admin, and the AI answers with the crisis line', async () => {
  const before = await alerts();
  assert.equal(before.waiting, 0);

  // Ordinary worry and SAT words that look like it raise nothing.
  await chat(sam, "I'm so stressed about the math module");
  await note(sam, 'The die is rolled twice, so I multiplied the probabilities.');
  assert.equal((await alerts()).waiting, 0);

  const talked = await chat(sam, 'honestly sometimes I want to kill myself');
  assert.match(talked.reply, /988/);
  const posted = await note(sam, 'I failed this again and I want to end my life', true);
  assert.match(posted.aiReply!.body, /988/);
  const thread = await note(classmate, 'Which rule applies to the semicolon here?');
  const replied = await as(t.app, sam)({ method: 'POST', url: `/community/notes/${thread.note.id}/replies`, payload: { body: 'no idea, I keep thinking about hurting myself lately' } });
  assert.equal(replied.statusCode, 201, replied.body);
  const helped = await helpOnFirstQuestion(sam, "what's the point, I'm better off dead");
  assert.match(helped.response, /988/);
  // A tutor's words are not a student's cry for help: nothing is raised for them.
  const tutorReply = await as(t.app, tutor)({ method: 'POST', url: `/community/notes/${thread.note.id}/replies`, payload: { body: 'If anyone mentions self-harm, please tell an adult.' } });
  assert.equal(tutorReply.statusCode, 201, tutorReply.body);

  const list = await alerts();
  assert.equal(list.waiting, 4);
  assert.deepEqual(list.alerts.map((a) => a.source), ['help', 'reply', 'note', 'chat'], 'newest first');
  for (const a of list.alerts) {
    assert.deepEqual(a.student, { id: sam.id, name: 'Sam Student', email: sam.email, deleted: false });
    assert.equal(a.reviewed, null);
  }
  const [help, reply, noteAlert, chatAlert] = list.alerts;
  assert.equal(chatAlert.excerpt, 'honestly sometimes I want to kill myself');
  assert.equal(chatAlert.conversationId, talked.conversationId);
  assert.equal(noteAlert.noteId, posted.note.id);
  assert.equal(noteAlert.sourceId, posted.note.id);
  assert.equal(reply.noteId, thread.note.id, "a reply's alert points to its note's thread");
  assert.equal(help.sourceId, helped.helpRequestId);

  // The log says that and where, never the words.
  const flagged = await t.database.db.select().from(schema.events).where(eq(schema.events.type, 'safety.flagged'));
  assert.equal(flagged.length, 4);
  for (const e of flagged) assert.doesNotMatch(JSON.stringify(e.payload), /kill|dead|hurting|end my life/);
});

test('an admin marks an alert reviewed once: it leaves the open list, stays in all, and a second review changes nothing', async () => {
  const [first] = (await alerts()).alerts;
  const review = await as(t.app, admin)({ method: 'POST', url: `/admin/safety-alerts/${first.id}/review` });
  assert.equal(review.statusCode, 200, review.body);
  assert.equal(review.json().changed, true);
  const again = await as(t.app, admin)({ method: 'POST', url: `/admin/safety-alerts/${first.id}/review` });
  assert.equal(again.json().changed, false);
  assert.equal(again.json().reviewedAt, review.json().reviewedAt);

  const openNow = await alerts();
  assert.equal(openNow.waiting, 3);
  assert.ok(!openNow.alerts.some((a) => a.id === first.id));
  const all = await alerts('?status=all');
  assert.deepEqual(all.alerts.find((a) => a.id === first.id)!.reviewed, { at: review.json().reviewedAt, by: 'Sage Admin' });

  // One at a time, the pages hold every alert once.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await alerts(`?status=all&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...page.alerts.map((a) => a.id));
    cursor = page.next;
  } while (cursor);
  assert.deepEqual(seen, all.alerts.map((a) => a.id));

  const missing = await as(t.app, admin)({ method: 'POST', url: '/admin/safety-alerts/00000000-0000-4000-8000-000000000000/review' });
  assert.equal(missing.statusCode, 404);
});

test('only admins read or review alerts; a bad cursor or status is a 400', async () => {
  const [one] = (await alerts()).alerts;
  for (const who of [sam, tutor]) {
    assert.equal((await as(t.app, who)({ method: 'GET', url: '/admin/safety-alerts' })).statusCode, 403);
    assert.equal((await as(t.app, who)({ method: 'POST', url: `/admin/safety-alerts/${one.id}/review` })).statusCode, 403);
  }
  assert.equal((await as(t.app, null)({ method: 'GET', url: '/admin/safety-alerts' })).statusCode, 401);
  for (const q of ['?cursor=abc', '?status=closed', '?limit=0']) {
    assert.equal((await as(t.app, admin)({ method: 'GET', url: `/admin/safety-alerts${q}` })).statusCode, 400, q);
  }
});

test("the student's export holds their alerts; deleting the account deletes them", async () => {
  const exported = await as(t.app, sam)({ method: 'GET', url: '/ai_data/export/me' });
  assert.equal(exported.statusCode, 200, exported.body);
  assert.equal((exported.json().safetyAlerts as unknown[]).length, 4);
  const del = await as(t.app, sam)({ method: 'DELETE', url: '/account', payload: { password: sam.password } });
  assert.equal(del.statusCode, 204, del.body);
  const left = await t.database.db.select().from(schema.safetyAlerts).where(eq(schema.safetyAlerts.userId, sam.id));
  assert.equal(left.length, 0);
  assert.equal((await alerts()).waiting, 0);
});

test('alertExcerpt keeps a short message whole and a long one around the flagged words', () => {
  assert.equal(alertExcerpt('  I want to\n die ', { index: 2, length: 14 }), 'I want to die');
  const long = `${'a '.repeat(500)}I want to die ${'b '.repeat(500)}`;
  const at = long.indexOf('I want to die');
  const cut = alertExcerpt(long, { index: at, length: 13 }, 100);
  assert.match(cut, /^….*I want to die.*…$/);
  assert.ok(cut.length <= 102, String(cut.length));
});
