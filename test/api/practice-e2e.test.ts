/**
 * Issue 7, acceptance 1: the student journey over real HTTP against a listening server,
 * then the rows it must have left in every table, linked by their foreign keys.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { getBank } from '../../src/practice/bank.ts';
import { httpClient } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let base: string;
before(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const call = httpClient(() => base);

/** Answer right on even turns and wrong on odd ones, knowing the key from the bank. */
async function answerFor(questionId: string, turn: number): Promise<string> {
  const item = (await getBank(t.database.db)).items.get(questionId)!;
  if (turn % 2 === 0) return item.type === 'mcq' ? item.answer : item.acceptedAnswers![0];
  if (item.type === 'mcq') return 'ABCD'.replace(item.answer, '')[0];
  return item.answer === '9999' ? '9998' : '9999';
}

test('sign up → consent → diagnostic → practice 10 → feedback → rate twice → help → review → export', async () => {
  const signup = await call('POST', '/auth/signup', null, { email: 'ana@example.test', password: 'correct horse battery', displayName: 'Ana Lima', role: 'student', birthDate: '2001-05-05' });
  assert.equal(signup.status, 201);
  const token = signup.body.accessToken as string;
  const userId = signup.body.user.id as string;
  assert.equal((await call('PUT', `/students/${userId}/consent`, token, { granted: true })).status, 200);

  // Diagnostic: 6 adaptive questions, then proficiency for every Math skill.
  const diag = await call('POST', '/diagnostic/start', token, { section: 'math', count: 6 });
  assert.equal(diag.status, 201);
  let q = diag.body.question;
  for (let i = 0; i < 6; i++) {
    const r = await call('POST', `/diagnostic/${diag.body.sessionId}/answer`, token, { questionId: q.id, answer: await answerFor(q.id, i), timeSpentMs: 30_000 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    q = r.body.next;
  }
  const diagDone = await call('POST', `/diagnostic/${diag.body.sessionId}/finish`, token);
  assert.equal(diagDone.status, 200);
  const seeded = await t.database.db.select().from(schema.proficiency).where(eq(schema.proficiency.userId, userId));
  assert.equal(seeded.length, 19, 'every Math skill has a proficiency row after the diagnostic');

  // Practice: 10 questions of one skill; θ, SE and mastery move as the engine says.
  const start = await call('POST', '/practice/start', token, { skill: 'math.alg.linear-one-var', count: 10 });
  assert.equal(start.status, 201);
  const sessionId = start.body.sessionId as string;
  q = start.body.question;
  let last: { thetaBefore: number; thetaAfter: number; se: number; correct: boolean } | undefined;
  for (let i = 0; i < 10; i++) {
    const r = await call('POST', `/practice/${sessionId}/answer`, token, { questionId: q.id, answer: await answerFor(q.id, i), timeSpentMs: 20_000 + i * 1000 }, { 'idempotency-key': `answer-${sessionId}-${i}` });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.correct, i % 2 === 0);
    // A right answer raises θ, a wrong one lowers it; the posterior narrows.
    if (r.body.correct) assert.ok(r.body.thetaAfter > r.body.thetaBefore);
    else assert.ok(r.body.thetaAfter < r.body.thetaBefore);
    if (last) assert.ok(r.body.thetaBefore === last.thetaAfter, 'each answer starts where the last ended');
    last = r.body;
    q = r.body.next;
    assert.equal(r.body.done, i === 9);
  }
  const fin = await call('POST', `/practice/${sessionId}/finish`, token);
  assert.equal(fin.status, 200);
  assert.equal(fin.body.answered, 10);
  assert.equal(fin.body.correct, 5);
  assert.match(fin.body.feedback.text, /\w+/);
  const aiOutputId = fin.body.feedback.aiOutputId as string;

  assert.equal((await call('POST', '/practice/rate-feedback', token, { ai_output_id: aiOutputId, rating: 4 })).status, 200);
  const rerate = await call('POST', '/practice/rate-feedback', token, { user_id: userId, ai_output_id: aiOutputId, rating: 2, comment: 'too long' });
  assert.equal(rerate.body.updated, true);

  const answered = await t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, sessionId));
  const help = await call('POST', `/practice/help/${sessionId}/${encodeURIComponent(answered[1].questionId)}`, token, { user_id: userId, user_query: 'Why is my answer wrong?', input_mode: 'voice' });
  assert.equal(help.status, 200, JSON.stringify(help.body));
  assert.ok(help.body.response.length > 20);

  const review = await call('POST', `/review/${sessionId}`, token);
  assert.equal(review.status, 200);
  assert.equal(review.body.reviews.length, 10);
  assert.equal((await call('GET', `/review/${sessionId}`, token)).body.reviews.length, 10);

  const exp = await call('GET', '/ai_data/export/me', token);
  assert.equal(exp.status, 200);

  // The rows, and their links.
  const db = t.database.db;
  const [session] = await db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
  assert.equal(session.status, 'completed');
  assert.equal(answered.length, 10);
  assert.ok(answered.every((r) => r.userId === userId && r.thetaBefore !== null && r.thetaAfter !== null));
  const [prof] = await db.select().from(schema.proficiency).where(eq(schema.proficiency.skill, 'math.alg.linear-one-var'));
  assert.equal(prof.theta, last!.thetaAfter);
  assert.ok(prof.se < 0.8, 'ten answers narrow the SE');
  const history = await db.select().from(schema.proficiencyHistory).where(eq(schema.proficiencyHistory.userId, userId));
  assert.ok(history.filter((h) => h.responseId && answered.some((a) => a.id === h.responseId)).length === 10);
  const ratings = await db.select().from(schema.feedbackRatings).where(eq(schema.feedbackRatings.aiOutputId, aiOutputId));
  assert.deepEqual(ratings.map((r) => [r.stars, r.userId]), [[2, userId]], 'rated twice, one row');
  const [helpRow] = await db.select().from(schema.helpRequests).where(eq(schema.helpRequests.userId, userId));
  assert.equal(helpRow.sessionId, sessionId);
  const [helpOut] = await db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, helpRow.aiOutputId!));
  assert.equal(helpOut.task, 'help');
  const outputs = await db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.userId, userId));
  assert.deepEqual(
    [...new Set(outputs.map((o) => o.task))].sort(),
    ['feedback', 'help', 'review'],
  );
  const events = await db.select().from(schema.events).where(eq(schema.events.userId, userId));
  const types = new Set(events.map((e) => e.type));
  for (const ty of ['account.signed_up', 'consent.changed', 'session.started', 'question.answered', 'session.finished', 'ai_output.rated', 'help.requested', 'review.generated', 'data.exported']) {
    assert.ok(types.has(ty), ty);
  }
  assert.equal(events.filter((e) => e.type === 'question.answered').length, 16);
  assert.equal(exp.body.responses.length, 16, 'the export holds every answer (6 diagnostic + 10 practice)');
});
