/**
 * The community over HTTP (inject): notes in the clean and the origin mobile client's
 * body (seeds/03), replies by students, tutors and the AI, upvotes, the helpful mark with
 * its points, reports and hiding, and what private and hidden notes show to whom.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
let tutor: TestUser;
let admin: TestUser;
let questionId: string;

before(async () => {
  t = await createTestApp();
  [alice, bob, carol, dave, tutor] = [
    await signUp(t.app, 'student', { name: 'Alice Author' }),
    await signUp(t.app, 'student'),
    await signUp(t.app, 'student'),
    await signUp(t.app, 'student'),
    await signUp(t.app, 'tutor'),
  ];
  const email = 'community-admin@example.test';
  const user = await createUser(t.database.db, { email, password: 'admin password 123', displayName: 'Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const res = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password: 'admin password 123' } });
  admin = { id: user.id, email, password: 'admin password 123', role: 'admin', token: res.json().accessToken, refreshToken: res.json().refreshToken };
  [{ id: questionId }] = await t.database.db.select({ id: schema.questions.id }).from(schema.questions).limit(1);
});
after(() => t?.close());

const postNote = (who: TestUser, payload: object, headers: Record<string, string> = {}) => as(t.app, who)({ method: 'POST', url: '/community/note', payload, headers });
const count = async (type: string) => (await t.database.db.select().from(schema.events).where(eq(schema.events.type, type))).length;

test('a clean note on a question: 201, private by default, an event; a missing question is 404; no token is 401', async () => {
  const before = await count('community.note_posted');
  const res = await postNote(alice, { questionId, body: 'The trick is to isolate x before dividing.' });
  assert.equal(res.statusCode, 201, res.body);
  const { note, aiReply } = res.json();
  assert.equal(note.visibility, 'private');
  assert.equal(note.questionId, questionId);
  assert.equal(aiReply, null);
  assert.equal(await count('community.note_posted'), before + 1);
  // Read back, it shows the start of the question it is about ("I picked A on this one" says nothing alone).
  const [q] = await t.database.db.select().from(schema.questions).where(eq(schema.questions.id, questionId));
  const shown = (await as(t.app, alice)({ method: 'GET', url: `/community/notes/${note.id}` })).json().note.questionPreview as string;
  assert.ok(shown.length > 10 && shown.length <= 111, shown);
  assert.ok((q.passage ?? q.stem).replace(/\s+/g, ' ').startsWith(shown.replace(/…$/, '')), shown);
  assert.equal((await postNote(alice, { questionId: 'no-such-question', body: 'x' })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'POST', url: '/community/note', payload: { body: 'x' } })).statusCode, 401);
});

test('the seeds/03 mobile body works with a bearer token: a community post with an AI reply; a foreign user_id is 403', async () => {
  const res = await postNote(alice, { user_id: alice.id, question_id: null, note_text: 'I don’t get quadratics' });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.equal(body.user_id, alice.id);
  assert.equal(body.note_text, 'I don’t get quadratics');
  assert.equal(typeof body.ai_response, 'string');
  assert.ok(body.ai_response.length > 0);
  assert.equal(body.note.visibility, 'community');
  const withQuestion = await postNote(alice, { user_id: alice.id, question_id: questionId, note_text: 'Stuck on this one.' });
  assert.equal(withQuestion.statusCode, 201, withQuestion.body);
  assert.equal(withQuestion.json().note.questionId, questionId);
  assert.equal((await postNote(bob, { user_id: alice.id, question_id: null, note_text: 'pretending' })).statusCode, 403);
  assert.equal((await postNote(alice, { note_text: 'both', body: 'both' })).statusCode, 400);
});

test('the same Idempotency-Key posts one note', async () => {
  const headers = { 'idempotency-key': 'note-key-0001' };
  const a = await postNote(alice, { body: 'Retried post', visibility: 'community' }, headers);
  const b = await postNote(alice, { body: 'Retried post', visibility: 'community' }, headers);
  assert.equal(a.statusCode, 201);
  assert.equal(b.json().note.id, a.json().note.id);
  const rows = await t.database.db.select().from(schema.notes).where(eq(schema.notes.body, 'Retried post'));
  assert.equal(rows.length, 1);
});

test('a thread: another student and a tutor reply, the AI replies, upvotes count once, the author marks helpful and the replier is paid once', async () => {
  const call = (who: TestUser) => as(t.app, who);
  const note = (await postNote(alice, { questionId, body: 'Why does the discriminant tell us the number of roots?', visibility: 'community' })).json().note;

  const r1 = await call(bob)({ method: 'POST', url: `/community/notes/${note.id}/replies`, payload: { body: 'Because it is what sits under the square root in the formula.' } });
  assert.equal(r1.statusCode, 201, r1.body);
  assert.equal(r1.json().reply.kind, 'community');
  assert.equal(r1.json().reply.mine, true);
  const r2 = await call(tutor)({ method: 'POST', url: `/community/notes/${note.id}/replies`, payload: { body: 'Positive: two roots; zero: one; negative: none that are real.' } });
  assert.equal(r2.json().reply.kind, 'tutor');

  const ai = await call(alice)({ method: 'POST', url: `/community/notes/${note.id}/ai_reply` });
  assert.equal(ai.statusCode, 201, ai.body);
  const aiReply = ai.json().reply;
  assert.equal(aiReply.kind, 'ai');
  const [out] = await t.database.db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, aiReply.aiOutputId));
  assert.equal(out.task, 'note_reply');
  assert.equal(out.output, aiReply.body);
  const [row] = await t.database.db.select().from(schema.noteReplies).where(eq(schema.noteReplies.id, aiReply.id));
  assert.equal(row.aiOutputId, out.id);
  assert.equal((await call(alice)({ method: 'POST', url: `/community/notes/${note.id}/ai_reply` })).statusCode, 200);
  assert.equal((await call(bob)({ method: 'POST', url: `/community/notes/${note.id}/ai_reply` })).statusCode, 403);

  for (let i = 0; i < 2; i++) assert.equal((await call(bob)({ method: 'POST', url: `/community/notes/${note.id}/upvote` })).json().upvotes, 1);
  assert.equal((await call(carol)({ method: 'POST', url: `/community/replies/${r1.json().reply.id}/upvote` })).json().upvotes, 1);
  assert.equal((await call(carol)({ method: 'POST', url: `/community/replies/${r1.json().reply.id}/upvote` })).json().upvotes, 1);
  assert.equal((await call(alice)({ method: 'POST', url: `/community/notes/${note.id}/upvote` })).statusCode, 403, 'not your own');
  assert.equal((await call(bob)({ method: 'DELETE', url: `/community/notes/${note.id}/upvote` })).json().upvotes, 0);

  const replyId = r1.json().reply.id;
  assert.equal((await call(carol)({ method: 'POST', url: `/community/replies/${replyId}/helpful` })).statusCode, 403);
  assert.equal((await call(tutor)({ method: 'POST', url: `/community/replies/${replyId}/helpful` })).statusCode, 403);
  const marked = await call(alice)({ method: 'POST', url: `/community/replies/${replyId}/helpful` });
  assert.equal(marked.statusCode, 200, marked.body);
  assert.equal(marked.json().pointsAwarded, true);
  assert.equal((await call(alice)({ method: 'POST', url: `/community/replies/${replyId}/helpful` })).json().pointsAwarded, false);
  const ledger = await t.database.db
    .select()
    .from(schema.pointsLedger)
    .where(and(eq(schema.pointsLedger.userId, bob.id), eq(schema.pointsLedger.reason, 'helpful_answer')));
  assert.equal(ledger.length, 1);
  assert.equal(ledger[0].points, 15);

  const view = (await call(alice)({ method: 'GET', url: `/community/notes/${note.id}` })).json();
  assert.deepEqual(view.replies.map((r: { kind: string }) => r.kind), ['community', 'tutor', 'ai']);
  assert.equal(view.replies[0].helpful, true);
  assert.equal(view.replies[0].authorId, null, 'students are anonymous to each other');
  assert.equal(view.replies[0].upvotes, 1);
});

test('the AI reply gives the key only in a private note of a student who answered: a community note is read by students who have not', async () => {
  const [item] = await t.database.db.select().from(schema.questions).where(eq(schema.questions.id, questionId));
  const [session] = await t.database.db.insert(schema.sessions).values({ userId: dave.id, kind: 'practice' }).returning();
  await t.database.db.insert(schema.responses).values({ sessionId: session.id, userId: dave.id, questionId, answer: 'A', correct: item.answer === 'A', timeSpentMs: 30_000 });
  const revealed = async (visibility: string) => {
    const res = await postNote(dave, { questionId, body: 'I picked A on this one. Why is it wrong?', visibility, aiReply: true });
    assert.equal(res.statusCode, 201, res.body);
    const [out] = await t.database.db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, res.json().aiReply.aiOutputId));
    return (out.input as { revealAnswer: boolean }).revealAnswer;
  };
  assert.equal(await revealed('private'), true);
  assert.equal(await revealed('community'), false);
});

test('three reports hide a note: gone from the feed and 404 for others, still there for admins and (marked hidden) for its author', async () => {
  const note = (await postNote(alice, { body: 'A post three students will report.', visibility: 'community' })).json().note;
  const feedHas = async (who: TestUser) =>
    ((await as(t.app, who)({ method: 'GET', url: '/community/notes?limit=50' })).json().notes as { id: string }[]).some((n) => n.id === note.id);
  assert.equal(await feedHas(dave), true);
  const results = [];
  for (const who of [bob, carol, dave]) {
    const res = await as(t.app, who)({ method: 'POST', url: '/community/report', payload: { targetKind: 'note', targetId: note.id, reason: 'off-topic' } });
    assert.equal(res.statusCode, 200, res.body);
    results.push(res.json().hidden);
  }
  assert.deepEqual(results, [false, false, true]);
  assert.equal(await feedHas(dave), false);
  assert.equal(await feedHas(tutor), false);
  assert.equal(await feedHas(admin), true);
  // Its author still finds it, marked hidden, rather than seeing it vanish without a word.
  const own = ((await as(t.app, alice)({ method: 'GET', url: '/community/notes?limit=50' })).json().notes as { id: string; hidden: boolean }[]).find((n) => n.id === note.id);
  assert.equal(own?.hidden, true);
  assert.equal((await as(t.app, dave)({ method: 'GET', url: `/community/notes/${note.id}` })).statusCode, 404);
  // An admin restores it; a non-admin may not.
  assert.equal((await as(t.app, tutor)({ method: 'POST', url: `/community/note/${note.id}/unhide` })).statusCode, 403);
  const un = await as(t.app, admin)({ method: 'POST', url: `/community/note/${note.id}/unhide` });
  assert.equal(un.statusCode, 200, un.body);
  assert.equal(await feedHas(dave), true);
  assert.equal((await as(t.app, admin)({ method: 'POST', url: `/community/note/${note.id}/hide` })).json().hidden, true);
  assert.equal(await feedHas(dave), false);
});

test('a private note is not visible to another student, in the feed or by id', async () => {
  const note = (await postNote(alice, { body: 'Only mine: weak on semicolons.', visibility: 'private' })).json().note;
  const bobGet = await as(t.app, bob)({ method: 'GET', url: `/community/notes/${note.id}` });
  assert.equal(bobGet.statusCode, 403);
  assert.ok(!bobGet.body.includes('semicolons'));
  const feed = (await as(t.app, bob)({ method: 'GET', url: '/community/notes?limit=50' })).json();
  assert.ok(!(feed.notes as { id: string }[]).some((n) => n.id === note.id));
  const own = (await as(t.app, alice)({ method: 'GET', url: '/community/notes?limit=50' })).json();
  assert.ok((own.notes as { id: string }[]).some((n) => n.id === note.id));
  assert.equal((await as(t.app, bob)({ method: 'POST', url: `/community/notes/${note.id}/replies`, payload: { body: 'peek' } })).statusCode, 403);
});

test("a reply from the note author's own tutor is told apart from any other tutor's, for every reader of the thread", async () => {
  const call = (who: TestUser) => as(t.app, who);
  const own = await signUp(t.app, 'tutor');
  const link = await call(own)({ method: 'POST', url: '/links', payload: { studentEmail: dave.email } });
  assert.equal((await call(dave)({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);
  const note = (await postNote(dave, { questionId, body: 'How do I know when a quadratic has no real roots?', visibility: 'community' })).json().note;
  const mine = await call(own)({ method: 'POST', url: `/community/notes/${note.id}/replies`, payload: { body: 'Check the discriminant first.' } });
  assert.equal(mine.statusCode, 201, mine.body);
  assert.equal(mine.json().reply.linkedTutor, true);
  const stranger = await call(tutor)({ method: 'POST', url: `/community/notes/${note.id}/replies`, payload: { body: 'Negative discriminant: no real roots.' } });
  assert.equal(stranger.json().reply.kind, 'tutor');
  assert.equal(stranger.json().reply.linkedTutor, false, 'a tutor the student never linked');
  const student = await call(bob)({ method: 'POST', url: `/community/notes/${note.id}/replies`, payload: { body: 'Same question here.' } });
  assert.equal(student.json().reply.linkedTutor, false);
  for (const reader of [dave, bob, own, tutor]) {
    const thread = (await call(reader)({ method: 'GET', url: `/community/notes/${note.id}` })).json();
    assert.deepEqual(
      thread.replies.map((r: { body: string; linkedTutor: boolean }) => [r.body, r.linkedTutor]),
      [['Check the discriminant first.', true], ['Negative discriminant: no real roots.', false], ['Same question here.', false]],
    );
  }
});
