/**
 * A tutor's view of a linked student: a full-length test the student has under way shows on the
 * progress tab with when it began, and the Activity card's counts take the right number ("1
 * question", "1 minute").
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/web-build.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { describeViolations, launch, noBrowser, seriousViolations, SIZES } from './browser.ts';

let t: TestApp;
let dataDir = '';
let base: string;
let browser: Browser;
let page: Page;
let student: TestUser;
let tutor: TestUser;

before(async () => {
  if (noBrowser) return;
  await buildWeb({ ifStale: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-web-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  student = await signUp(t.app, 'student', { name: 'Maya Lopez' });
  tutor = await signUp(t.app, 'tutor', { name: 'Tom Tutor' });
  const asked = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(asked.statusCode, 201, asked.body);
  const accepted = await as(t.app, student)({ method: 'POST', url: `/links/${asked.json().id}/accept` });
  assert.equal(accepted.statusCode, 200, accepted.body);
  browser = await launch();
  const context = await browser.newContext({ viewport: SIZES.laptop, bypassCSP: true, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (err) => console.log(`# page error: ${err.message}`));
});

after(async () => {
  await browser?.close();
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a tutor sees the student’s full-length test in progress, and activity counts in the singular', { skip: noBrowser ?? false }, async () => {
  await page.goto(`${base}/app/signin?next=${encodeURIComponent(`/students/${student.id}`)}`);
  await page.getByLabel('Email').fill(tutor.email);
  await page.getByLabel('Password').fill(tutor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
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
