/**
 * Review: every answered question with the student's answer, the key and the explanation,
 * plus the AI reviews — and nothing of a full-length test while it is still running.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getBank } from '../../src/practice/bank.ts';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ FULL_TEST_ITEMS_PER_MODULE: '4' });
});
after(() => t?.close());

test('a practice review lists each answered question with the answer given, the key and the rationale', async () => {
  const student = await signUp(t.app, 'student');
  const call = as(t.app, student);
  const start = (await call({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 2 } })).json();
  const item = (await getBank(t.database.db)).items.get(start.question.id)!;
  const wrong = item.type === 'mcq' ? 'ABCD'.replace(item.answer, '')[0] : '9999';
  assert.equal((await call({ method: 'POST', url: `/practice/${start.sessionId}/answer`, payload: { questionId: item.id, answer: wrong, timeSpentMs: 4000 } })).statusCode, 200);
  const review = await call({ method: 'POST', url: `/review/${start.sessionId}` });
  assert.equal(review.statusCode, 200, review.body);
  const [a] = review.json().answers;
  assert.equal(a.question.id, item.id);
  assert.equal(a.answer, wrong);
  assert.equal(a.correct, false);
  assert.equal(a.correctAnswer, item.answer);
  assert.equal(a.rationale, item.rationale);
  assert.equal(review.json().reviews.length, 1);
});

test('a running full-length test cannot be reviewed (its keys are secret); a finished one can', async () => {
  const student = await signUp(t.app, 'student');
  const call = as(t.app, student);
  const start = await call({ method: 'POST', url: '/full_test/start', payload: { sections: 'math' } });
  assert.equal(start.statusCode, 201, start.body);
  const id = start.json().sessionId as string;
  const q = start.json().current.questions[0];
  assert.equal((await call({ method: 'POST', url: `/full_test/${id}/answer`, payload: { questionId: q.id, answer: q.type === 'mcq' ? 'A' : '1', timeSpentMs: 1000 } })).statusCode, 200);
  for (const method of ['POST', 'GET'] as const) {
    const early = await call({ method, url: `/review/${id}` });
    assert.equal(early.statusCode, 409, early.body);
    assert.doesNotMatch(early.body, /correctAnswer|rationale/);
  }
  assert.equal((await call({ method: 'POST', url: `/full_test/${id}/finish` })).statusCode, 200);
  const review = await call({ method: 'POST', url: `/review/${id}` });
  assert.equal(review.statusCode, 200, review.body);
  assert.ok(review.json().answers.some((a: { question: { id: string }; correctAnswer: string }) => a.question.id === q.id && a.correctAnswer));
});

test('links show who is on the other side: the student sees the requester; the tutor sees the student\'s name only once accepted', async () => {
  const student = await signUp(t.app, 'student', { name: 'Lena Ortiz' });
  const tutor = await signUp(t.app, 'tutor', { name: 'Tom Reyes' });
  const link = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(link.statusCode, 201);
  const seenByStudent = (await as(t.app, student)({ method: 'GET', url: '/links' })).json().links[0];
  assert.deepEqual(seenByStudent.requester, { name: 'Tom Reyes', email: tutor.email });
  const pending = (await as(t.app, tutor)({ method: 'GET', url: '/links' })).json().links[0];
  assert.deepEqual(pending.student, { name: null, email: student.email });
  await as(t.app, student)({ method: 'POST', url: `/links/${link.json().id}/accept` });
  const accepted = (await as(t.app, tutor)({ method: 'GET', url: '/links' })).json().links[0];
  assert.deepEqual(accepted.student, { name: 'Lena Ortiz', email: student.email });
});
