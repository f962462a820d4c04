/**
 * A full-length test whose module time runs out while a grid-in answer is still in its box
 * (test-only short clock): the answer reaches the server before the deadline, which refuses
 * anything later, so the closed module counts it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { schema } from '../../src/db/index.ts';
import { as, type TestApp, type TestUser } from '../helpers/app.ts';
import { noBrowser, openWithStudent, signInAs, type StudentWebApp } from './browser.ts';

let app: StudentWebApp;
let t: TestApp;
let page: Page;
let student: TestUser;

// Math modules of about 25 s (35 minutes × 0.012): time to reach a grid-in, then let it run out.
before(async () => {
  if (noBrowser) return;
  app = await openWithStudent('Ines Park', { env: { FULL_TEST_TIME_SCALE: '0.012' } });
  ({ t, page, student } = app);
});
after(() => app?.close());

test('time runs out with an answer typed in a grid-in box: the answer is saved, the module closes and the next one opens', { skip: noBrowser ?? false }, async () => {
  await signInAs(app, student, '/test');
  await page.getByRole('radio', { name: /^Math/ }).check();
  await page.getByRole('button', { name: 'Start the test' }).click();
  await page.waitForURL(/\/app\/test\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  const start = (await as(t.app, student)({ method: 'GET', url: `/full_test/${id}` })).json();
  const questions = start.current.questions as { id: string; type: string }[];
  const at = questions.findIndex((q) => q.type === 'spr');
  assert.ok(at >= 0, 'the module has a grid-in');

  await page.getByRole('button', { name: `Question 1 of ${questions.length}`, exact: true }).click();
  await page.getByRole('region', { name: 'Question navigator' }).getByRole('button', { name: new RegExp(`^Question ${at + 1},`) }).click();
  await page.getByRole('button', { name: `Question ${at + 1} of ${questions.length}`, exact: true }).waitFor();
  // Typed as time is running out, and never left.
  const left = Date.parse(start.current.deadline) - Date.now();
  assert.ok(left > 3000, `${left} ms left when the box is reached`);
  await page.waitForTimeout(left - 2500);
  await page.getByRole('textbox', { name: 'Your answer' }).fill('8');

  await page.getByRole('heading', { name: /Math · Module 2/ }).waitFor({ timeout: 30_000 });
  const view = (await as(t.app, student)({ method: 'GET', url: `/full_test/${id}` })).json();
  assert.equal(view.modules[0].closeReason, 'timed_out');
  assert.equal(view.modules[0].answered, 1, 'the typed answer counts in the closed module');
  const [row] = await t.database.db
    .select()
    .from(schema.responses)
    .where(and(eq(schema.responses.sessionId, id), eq(schema.responses.questionId, questions[at].id)));
  assert.equal(row?.answer, '8');
  assert.equal(await page.getByRole('alert').count(), 0, 'no "time is up" error on the way');
});
