/**
 * A set finished offline gets its feedback written by the AI (a model can take seconds) before
 * the transaction that records the finish opens: the embedded database has one connection,
 * and every other request would wait on a transaction held through the writing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createAiService, type AiService } from '../../src/ai/service.ts';
import { loadConfig } from '../../src/config.ts';
import { getBank } from '../../src/practice/bank.ts';
import type { SyncAction } from '../../src/sync/replay.ts';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
/** For each feedback written: whether the database answered another query meanwhile. */
const answeredWhileWriting: boolean[] = [];

before(async () => {
  const real = createAiService({ config: loadConfig({ NODE_ENV: 'test' }) });
  const ai: AiService = {
    ...real,
    async run(task, input, call) {
      if (task === 'feedback') {
        const query = t.database.db.execute(sql`select 1`).then(() => true);
        const waited = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000).unref());
        answeredWhileWriting.push(await Promise.race([query, waited]));
      }
      return real.run(task, input, call);
    },
  };
  t = await createTestApp({}, { deps: { ai } });
});
after(() => t.close());

test('a set finished through /sync has its feedback written while the database stays free for everyone else', async () => {
  const student = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const start = (await as(t.app, student)({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 2, offline: true } })).json();
  const q = (await getBank(t.database.db)).items.get(start.questions[0].id)!;
  const actions: SyncAction[] = [
    { type: 'answer', seq: 0, key: `ff-0-${student.id}`, sessionId: start.sessionId, questionId: q.id, answer: q.type === 'mcq' ? q.answer : q.acceptedAnswers![0], timeSpentMs: 5_000 },
    { type: 'finish', seq: 1, key: `ff-1-${student.id}`, sessionId: start.sessionId },
  ];
  const res = await as(t.app, student)({ method: 'POST', url: '/sync', payload: { actions } });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().results.map((r: { status: number }) => r.status), [200, 200]);
  assert.ok(res.json().results[1].body.feedback.text.length > 0);
  assert.deepEqual(answeredWhileWriting, [true], 'no transaction was held while the feedback was written');
  // The same key again replays the finish: no second feedback is written.
  const again = await as(t.app, student)({ method: 'POST', url: '/sync', payload: { actions } });
  assert.deepEqual(again.json().results.map((r: { replayed: boolean }) => r.replayed), [true, true]);
  assert.equal(again.json().results[1].body.feedback.text, res.json().results[1].body.feedback.text);
  assert.equal(answeredWhileWriting.length, 1);
});
