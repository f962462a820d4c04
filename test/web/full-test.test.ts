/**
 * A full-length test on a phone, at its real length and clock: the clock stays in view and the
 * bottom bar fits; a student who leaves a running module is asked first, and finds the test
 * again on the dashboard and the Tests page; submitting a module with blanks says how many.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let t: TestApp;
let base: string;
let page: Page;
let student: TestUser;

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.phone);
  ({ t, base, page } = app);
  student = await signUp(t.app, 'student', { name: 'Maya Lopez' });
});
after(() => app?.close());

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function noSeriousViolations(where: string) {
  const found = await seriousViolations(page);
  await page.setViewportSize(SIZES.phone);
  assert.equal(found.length, 0, `axe on ${where}:\n${describeViolations(found)}`);
}

test('on a phone the clock stays in view, the bottom bar fits, and a test left mid-module is asked about, then resumed', { skip: noBrowser ?? false }, async () => {
  await signInAs(app, student, '/test');
  await page.getByRole('heading', { name: 'Full-length practice test' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Resume your test' }).count(), 0, 'nothing to resume before a test starts');
  await page.getByRole('button', { name: 'Start the test' }).click();
  await page.waitForURL(/\/app\/test\/[0-9a-f-]{36}$/);
  const testUrl = page.url();

  await page.locator('.question-count', { hasText: 'Question 1' }).waitFor();
  await page.locator('.option').first().click();
  await page.getByRole('button', { name: 'Mark for review' }).click();
  await page.getByRole('button', { name: 'Marked for review', pressed: true }).waitFor();

  // However far down a long passage the student reads, the module's clock is on screen.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const clock = (await page.getByRole('timer', { name: 'Time left in this module' }).boundingBox())!;
  assert.ok(clock.y >= 0 && clock.y + clock.height <= SIZES.phone.height, `the clock is at y ${clock.y}–${clock.y + clock.height} on a ${SIZES.phone.height} px screen`);

  // The bottom bar says "Question 27 of 27" on one line, and nothing is pushed off the side.
  await page.getByRole('button', { name: 'Question 1 of 27', exact: true }).click();
  await page.getByRole('region', { name: 'Question navigator' }).getByRole('button', { name: /^Question 27,/ }).click();
  const toggle = page.getByRole('button', { name: 'Question 27 of 27', exact: true });
  const lines = await toggle.evaluate((e) => {
    const s = getComputedStyle(e);
    return (e.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight);
  });
  assert.ok(lines < 1.5, `the label takes ${lines.toFixed(2)} lines`);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= SIZES.phone.width, 'the page is no wider than the phone');

  // Leaving by the navigation asks first; staying keeps the test on screen.
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await nav('Tutor').click();
  assert.match(asked, /^Leave the test\? The clock keeps running/);
  await toggle.waitFor();
  assert.equal(page.url(), testUrl);
  // So does the browser's Back.
  page.once('dialog', (d) => void d.dismiss());
  await page.goBack();
  await toggle.waitFor();
  assert.equal(page.url(), testUrl);

  // Left, the test is offered on the dashboard and the Tests page, and resumes as it was.
  page.once('dialog', (d) => void d.accept());
  await nav('Dashboard').click();
  const resume = page.locator('.resume-card');
  await resume.getByRole('heading', { name: 'You have a test in progress' }).waitFor();
  assert.match(await resume.innerText(), /Reading and Writing, module 1: 1 of 27 answered, about \d+ minutes left\./);
  await nav('Tests').click();
  await resume.getByRole('link', { name: 'Resume your test' }).waitFor();
  await noSeriousViolations('the Tests page with a test to resume');
  await resume.getByRole('link', { name: 'Resume your test' }).click();
  await page.waitForURL(testUrl);
  // Back on the question the student left from, in this tab; the first one kept its answer and mark.
  await page.getByRole('button', { name: 'Question 27 of 27', exact: true }).click();
  await page.getByRole('region', { name: 'Question navigator' }).getByRole('button', { name: /^Question 1,/ }).click();
  await page.getByRole('button', { name: 'Marked for review', pressed: true }).waitFor();
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 1, 'the answer given before leaving is still chosen');

  // Submitting with blanks names how many first; keeping on working leaves the module open.
  await page.getByRole('button', { name: 'Question 1 of 27', exact: true }).click();
  await page.getByRole('button', { name: 'Go to review page' }).click();
  await page.getByRole('button', { name: 'Submit module 1' }).click();
  const check = page.getByRole('alert').filter({ hasText: '26 questions are unanswered.' });
  await check.waitFor();
  await noSeriousViolations('the submit check');
  await check.getByRole('button', { name: 'Keep working' }).click();
  await page.getByRole('button', { name: 'Submit module 1' }).click();
  await check.getByRole('button', { name: 'Submit anyway' }).click();
  await page.getByRole('heading', { name: /Reading and Writing · Module 2/ }).waitFor();
});
