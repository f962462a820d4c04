/**
 * The product's exposure control: no question goes to more than a quarter of the sessions
 * that ask for the same content, so the most informative few are not shown to everyone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SKILL_IDS } from '../../src/content/taxonomy.ts';
import { schema } from '../../src/db/index.ts';
import { EXPOSURE_RMAX } from '../../src/practice/exposure.ts';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

test('across 16 students asking for the same skill, no question is given in more than 25% of the sessions', async () => {
  const skill = SKILL_IDS[3];
  const students = 16;
  for (let i = 0; i < students; i++) {
    const student = await signUp(t.app, 'student');
    const call = as(t.app, student);
    const start = await call({ method: 'POST', url: '/practice/start', payload: { skill, count: 2 } });
    assert.equal(start.statusCode, 201, start.body);
    const q = start.json().question;
    const res = await call({ method: 'POST', url: `/practice/${start.json().sessionId}/answer`, payload: { questionId: q.id, answer: q.type === 'mcq' ? 'A' : '1', timeSpentMs: 1000 } });
    assert.equal(res.statusCode, 200, res.body);
  }
  const sessions = await t.database.db.select({ state: schema.sessions.state }).from(schema.sessions).where(eq(schema.sessions.kind, 'practice'));
  const given = new Map<string, number>();
  for (const s of sessions) for (const id of (s.state as { administered: string[] }).administered) given.set(id, (given.get(id) ?? 0) + 1);
  const max = Math.max(...given.values());
  assert.equal(sessions.length, students);
  assert.ok(max <= EXPOSURE_RMAX * students, `an item was given in ${max} of ${students} sessions`);
  // 32 questions served over the 12 of the skill: spread, not concentrated on the top few.
  assert.ok(given.size >= 8, `only ${given.size} distinct items used`);
});
