/**
 * Answers in a full-length test as the server keeps them: a grid-in answer typed, then cleared,
 * is cleared on the server too (not scored as the old answer); a reload comes back to the
 * question the student was on; the grid-in box holds what its hint says, 5 characters or 6
 * with a minus sign, and no more.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { as, type TestApp, type TestUser } from '../helpers/app.ts';
import { noBrowser, openWithStudent, signInAs, type StudentWebApp } from './browser.ts';

let app: StudentWebApp;
let t: TestApp;
let page: Page;
let student: TestUser;

before(async () => {
  if (noBrowser) return;
  // Leaving a running module asks first (beforeunload); here the student always goes ahead.
  app = await openWithStudent('Noor Haddad', { acceptLeavePrompt: true });
  ({ t, page, student } = app);
  await signInAs(app, student, '/test');
  await page.getByRole('heading', { name: 'Full-length practice test' }).waitFor();
});
after(() => app?.close());

interface ServerQuestion {
  id: string;
  type: string;
  answer: string | null;
}

/** The open module as the server holds it. */
async function serverModule(id: string): Promise<ServerQuestion[]> {
  const res = await as(t.app, student)({ method: 'GET', url: `/full_test/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().current.questions;
}

const box = () => page.getByRole('textbox', { name: 'Your answer' });
const atQuestion = (n: number, of: number) => page.getByRole('button', { name: `Question ${n} of ${of}`, exact: true }).waitFor();

/** A new Math-only test, on its first grid-in question (reached by the navigator). */
async function toFirstGridIn() {
  await page.goto(`${app.base}/app/test`);
  await page.getByRole('radio', { name: /^Math/ }).check();
  await page.getByRole('button', { name: 'Start the test' }).click();
  await page.waitForURL(/\/app\/test\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  const questions = await serverModule(id);
  const n = questions.length;
  const at = questions.findIndex((q) => q.type === 'spr');
  assert.ok(at >= 0 && at < n - 1, 'the module has a grid-in before its last question');
  await page.getByRole('button', { name: `Question 1 of ${n}`, exact: true }).click();
  await page.getByRole('region', { name: 'Question navigator' }).getByRole('button', { name: new RegExp(`^Question ${at + 1},`) }).click();
  await atQuestion(at + 1, n);
  return { id, n, at, spr: questions[at].id };
}

const serverAnswer = async (id: string, qid: string) => (await serverModule(id)).find((q) => q.id === qid)!.answer;

test('the grid-in box holds what its hint says: 5 characters, 6 with a minus sign in front', { skip: noBrowser ?? false }, async () => {
  await toFirstGridIn();
  await page.getByText('Up to 5 characters (6 with a minus sign).').waitFor();
  await box().pressSequentially('123456');
  assert.equal(await box().inputValue(), '12345', 'a positive answer stops at 5 characters');
  await box().press('Home');
  await box().press('-');
  assert.equal(await box().inputValue(), '-12345', 'a minus sign in front of 5 digits fits');
  await box().fill('-123456');
  assert.equal(await box().inputValue(), '-12345');
  await box().fill('1-2a');
  assert.equal(await box().inputValue(), '12', 'a minus sign only in front, and only the grid\'s characters');
});

test('a grid-in answer typed, then cleared, is cleared on the server: not counted, not scored, not in the review', { skip: noBrowser ?? false }, async () => {
  const { id, n, at, spr } = await toFirstGridIn();
  // Type 8, Next, Back, clear the box, Next: the server holds no answer for it.
  await box().fill('8');
  await page.getByRole('button', { name: 'Next' }).click();
  await atQuestion(at + 2, n);
  assert.equal(await serverAnswer(id, spr), '8');
  await page.getByRole('button', { name: 'Back' }).click();
  await atQuestion(at + 1, n);
  assert.equal(await box().inputValue(), '8');
  await box().fill('');
  await page.getByRole('button', { name: 'Next' }).click();
  await atQuestion(at + 2, n);
  await page.waitForLoadState('networkidle');
  assert.equal(await serverAnswer(id, spr), null, 'the cleared answer is cleared on the server');

  // The check page agrees with the server: nothing answered.
  await page.getByRole('button', { name: `Question ${at + 2} of ${n}`, exact: true }).click();
  await page.getByRole('button', { name: 'Go to review page' }).click();
  await page.getByText(`0 of ${n} answered`).waitFor();

  // Finished, the review shows no answer for the cleared question.
  const done = await as(t.app, student)({ method: 'POST', url: `/full_test/${id}/finish` });
  assert.equal(done.statusCode, 200, done.body);
  const review = (await as(t.app, student)({ method: 'GET', url: `/review/${id}` })).json();
  assert.deepEqual(review.answers.map((a: { answer: string }) => a.answer), []);
});

test('a typed answer is saved once the student stops typing, without leaving the question; so is a cleared one', { skip: noBrowser ?? false }, async () => {
  const { id, spr } = await toFirstGridIn();
  await box().fill('7/2');
  await page.waitForTimeout(2000);
  assert.equal(await serverAnswer(id, spr), '7/2', 'a typed answer is saved after a pause');
  await box().fill('');
  await page.waitForTimeout(2000);
  assert.equal(await serverAnswer(id, spr), null);
});

test('a reload mid-module comes back to the question the student was on', { skip: noBrowser ?? false }, async () => {
  const { n, at } = await toFirstGridIn();
  await page.getByRole('button', { name: 'Next' }).click();
  await atQuestion(at + 2, n);
  await page.reload();
  await page.locator('.question-count').waitFor();
  assert.equal(await page.locator('.question-count').innerText(), `Question ${at + 2}`);
  await atQuestion(at + 2, n);
});
