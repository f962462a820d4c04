/**
 * A new student's first plan, from sign-up to a lesson ticked off: the password hint gives way
 * to the error instead of repeating it; a target between the SAT's steps of 10 says what it will
 * be saved as; today's tasks lead with Start, not Done; a plan on its first day offers no past
 * days; and a lesson reached from the plan, marked read at its end, ticks its own task off with
 * its points (a bare Done on the plan pays none: test/api/lesson-read.test.ts) and leads back to the plan.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { rawRows } from '../../src/db/index.ts';
import { POINTS } from '../../src/progress/rules.ts';
import { type TestApp } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, shoot, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let t: TestApp;
let base: string;
let page: Page;

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  ({ t, base, page } = app);
});
after(() => app?.close());

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function noSeriousViolations(where: string) {
  const found = await seriousViolations(page);
  await page.setViewportSize(SIZES.laptop);
  assert.equal(found.length, 0, `axe on ${where}:\n${describeViolations(found)}`);
}

test('a new student sets a goal, builds a plan and ticks off a lesson by reading it', { skip: noBrowser ?? false }, async () => {
  const email = `maya-${Date.now()}@example.test`;

  // Sign-up: the hint until the password is wrong, then the error in its place.
  await page.goto(`${base}/app/signup`);
  await page.getByText('At least 8 characters.', { exact: true }).waitFor();
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Use at least 8 characters.', { exact: true }).waitFor();
  assert.equal(await page.getByText('At least 8 characters.', { exact: true }).count(), 0, 'the hint is not shown beside the error');
  await page.getByLabel('Your name').fill('Maya Lopez');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();

  // Onboarding: 1355 is not an SAT total, and the page says what it becomes before anything is saved.
  await page.waitForURL('**/app/welcome');
  const target = page.getByLabel('Target total score');
  const rounding = page.getByText(/^SAT scores go in steps of 10/);
  await target.fill('1355');
  assert.equal(await rounding.innerText(), 'SAT scores go in steps of 10, so your target will be saved as 1360.');
  await noSeriousViolations('onboarding with the rounding message');
  await target.fill('1350');
  await rounding.waitFor({ state: 'detached' });
  await target.fill('1355');
  await rounding.waitFor();
  await page.getByRole('button', { name: 'Start the diagnostic' }).click();
  await page.waitForURL('**/app/diagnostic?count=6');

  // The dashboard builds the plan from the goal, at the value the student was shown.
  await nav('Dashboard').click();
  await page.getByRole('button', { name: 'Create my study plan' }).click();
  await page.getByRole('heading', { name: 'Today’s plan' }).waitFor();
  assert.match(await page.locator('.lead').innerText(), /^Aiming for 1360\b/);

  // Today's tasks: doing one is the filled button, ticking it off the outlined one.
  const start = page.getByRole('link', { name: /^Start: Lesson/ }).first();
  const lessonLabel = (await start.getAttribute('aria-label'))!.replace(/^Start: /, '');
  assert.match((await start.getAttribute('class')) ?? '', /\bbtn-primary\b/);
  assert.match((await page.getByRole('button', { name: `Mark done: ${lessonLabel}` }).getAttribute('class')) ?? '', /\bbtn-secondary\b/);

  // The plan starts today, so there are no past days to show.
  await nav('Plan').click();
  await page.getByRole('heading', { name: 'Your study plan' }).waitFor();
  await page.getByRole('heading', { name: /^Today( · focus|$)/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: /past days/ }).count(), 0, 'no past-days toggle on day 1');

  // The lesson, opened from its task: read to the end, "I've read this" ticks the task off and pays its points.
  await page.getByRole('link', { name: `Start: ${lessonLabel}` }).click();
  await page.locator('.lesson h1').waitFor();
  const readBox = page.getByRole('region', { name: 'Done reading?' });
  await readBox.getByText(/^This lesson is a task on your study plan\./).waitFor();
  await noSeriousViolations('a lesson opened from its plan task');
  await readBox.getByRole('button', { name: 'I’ve read this' }).click();
  await readBox.getByText(`Marked as read. This lesson is ticked off your study plan: +${POINTS.planTask.lesson} points.`).waitFor();
  assert.equal(await readBox.getByRole('button', { name: 'I’ve read this' }).count(), 0, 'nothing left to mark');
  const doneRows = () => rawRows<{ n: number }>(t.database.db, sql`select count(*)::int n from plan_actions a join users u on u.id = a.user_id where u.email = ${email} and a.action = 'completed'`);
  const taskPoints = () => rawRows<{ points: number }>(t.database.db, sql`select l.points from points_ledger l join users u on u.id = l.user_id where u.email = ${email} and l.reason = 'plan_task'`);
  assert.deepEqual((await doneRows()).map((r) => Number(r.n)), [1], 'the lesson task is recorded as done');
  assert.deepEqual((await taskPoints()).map((r) => r.points), [POINTS.planTask.lesson], 'and paid');
  await shoot(page, 'plan-lesson-read');
  await readBox.getByRole('link', { name: 'Back to your plan' }).click();
  await page.getByRole('heading', { name: 'Your study plan' }).waitFor();
  await page.locator('.task.is-completed', { hasText: lessonLabel }).getByText('Done', { exact: true }).waitFor();

  // Read again from the same link, marking it read says the task was done already and pays nothing more.
  await page.goBack();
  await page.locator('.lesson h1').waitFor();
  await readBox.getByRole('button', { name: 'I’ve read this' }).click();
  await readBox.getByText('Marked as read. This lesson’s task on your study plan was already done.').waitFor();
  assert.deepEqual((await doneRows()).map((r) => Number(r.n)), [1]);
  assert.deepEqual((await taskPoints()).map((r) => r.points), [POINTS.planTask.lesson]);
  await page.getByRole('link', { name: /^Practise / }).waitFor();
});
