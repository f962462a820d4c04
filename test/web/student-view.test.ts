/**
 * A tutor's view of a linked student: a full-length test the student has under way shows on the
 * progress tab with when it began, and the Activity card's counts take the right number ("1
 * question", "1 minute").
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { as, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let t: TestApp;
let base: string;
let page: Page;
let student: TestUser;
let tutor: TestUser;

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  ({ t, base, page } = app);
  student = await signUp(t.app, 'student', { name: 'Maya Lopez' });
  tutor = await signUp(t.app, 'tutor', { name: 'Tom Tutor' });
  const asked = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(asked.statusCode, 201, asked.body);
  const accepted = await as(t.app, student)({ method: 'POST', url: `/links/${asked.json().id}/accept` });
  assert.equal(accepted.statusCode, 200, accepted.body);
});
after(() => app?.close());

test('a tutor sees the student’s full-length test in progress, and activity counts in the singular', { skip: noBrowser ?? false }, async () => {
  await signInAs(app, tutor, `/students/${student.id}`);
  await page.getByRole('heading', { name: 'Maya Lopez', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Predicted scores' }).waitFor();
  assert.equal(await page.getByText(/Full-length test in progress/).count(), 0, 'no test under way yet');

  // The student starts a test on their own device and answers one question in a minute.
  const asStudent = as(t.app, student);
  const started = await asStudent({ method: 'POST', url: '/full_test/start', payload: { sections: 'both' } });
  assert.equal(started.statusCode, 201, started.body);
  const view = started.json();
  const answered = await asStudent({
    method: 'POST',
    url: `/full_test/${view.sessionId}/answer`,
    payload: { questionId: view.current.questions[0].id, answer: 'A', timeSpentMs: 60_000, idempotencyKey: 'tutor-view-1' },
  });
  assert.equal(answered.statusCode, 200, answered.body);

  await page.reload();
  const line = page.getByText(/^Full-length test in progress \(started/);
  await line.waitFor();
  assert.match(await line.innerText(), /^Full-length test in progress \(started (just now|\d+ minutes? ago)\)$/);
  const activity = page.getByRole('region', { name: 'Activity' });
  const stats = (await activity.locator('.streak-stats p').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  assert.deepEqual(stats, ['1 day streak', '1 question', '1 minute']);
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the student's progress:\n${describeViolations(found)}`);
});
