/**
 * A plan's practice task, done by practising: Start opens the task's set and says it is on the
 * plan; the same set open in a second tab catches up instead of showing the server's words;
 * the finished set is ticked off the plan; and the goal can be changed from the plan page,
 * keeping what was done.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays, dayIn } from '../../src/lib/days.ts';
import { getBank } from '../../src/practice/bank.ts';
import { as, signUp, type TestApp } from '../helpers/app.ts';
import { noBrowser, openWebApp, signInAs, SIZES, type WebApp } from './browser.ts';

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

async function answerCurrent(p: Page) {
  const option = p.locator('.option').first();
  if (await option.count()) await option.click();
  else await p.getByLabel('Your answer').fill('1');
}

test('a practice task started from the plan is ticked off when the set is done; a second tab catches up; the goal can change', { skip: noBrowser ?? false }, async () => {
  const student = await signUp(t.app, 'student', { name: 'Sam Rivera' });
  const c = as(t.app, student);
  const gen = await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(dayIn(new Date()), 30) } });
  assert.equal(gen.statusCode, 201, gen.body);
  await signInAs(app, student, '/plan');
  await page.getByRole('heading', { name: 'Your study plan' }).waitFor();

  // Start on a practice task opens its set, which says it is the plan's.
  const start = page.getByRole('link', { name: /^Start: Practice \d+ questions: / }).first();
  const label = (await start.getAttribute('aria-label'))!.replace(/^Start: /, '');
  const count = Number(/Practice (\d+) questions/.exec(label)![1]);
  await start.click();
  await page.getByText(`This set is a task on your study plan: answer all ${count} questions and it is ticked off.`).waitFor();
  assert.equal(await page.getByLabel('Number of questions').inputValue(), String(count));
  await page.getByRole('button', { name: 'Start practising' }).click();
  await page.waitForURL(/\/app\/practice\/[0-9a-f-]{36}$/);
  const sessionId = page.url().split('/').at(-1)!;
  await page.getByRole('heading', { name: `Question 1 of ${count}` }).waitFor();

  // The same set in a second tab: answering there after the first tab moved on catches up.
  const tab2 = await app.context.newPage();
  await tab2.goto(page.url());
  await tab2.getByRole('heading', { name: `Question 1 of ${count}` }).waitFor();
  await answerCurrent(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.result h3').waitFor();
  await answerCurrent(tab2);
  await tab2.getByRole('button', { name: 'Check answer' }).click();
  await tab2.getByText('This set moved on in another tab or window, so here is where it is now.').waitFor();
  await tab2.getByRole('heading', { name: `Question 2 of ${count}` }).waitFor();
  assert.equal(await tab2.getByText(/not the current question/).count(), 0, 'no server wording');
  await answerCurrent(tab2);
  await tab2.getByRole('button', { name: 'Check answer' }).click();
  await tab2.locator('.result h3').waitFor();
  await tab2.close();

  // The rest of the set (through the API, for speed); the finished set is ticked off the plan.
  const bank = await getBank(t.database.db);
  for (;;) {
    const view = (await c({ method: 'GET', url: `/practice/${sessionId}` })).json();
    if (!view.question) break;
    const item = bank.items.get(view.question.id)!;
    const answer = item.type === 'mcq' ? item.answer : item.acceptedAnswers![0];
    const r = await c({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: item.id, answer, timeSpentMs: 15_000 } });
    assert.equal(r.statusCode, 200, r.body);
  }
  await page.reload();
  await page.getByRole('heading', { name: 'Set complete' }).waitFor();
  await page.getByText(/^Ticked off your study plan · \+15 points\./).waitFor();
  await page.getByRole('link', { name: 'See your plan' }).click();
  await page.getByRole('heading', { name: 'Your study plan' }).waitFor();
  await page.locator('.task.is-completed', { hasText: label }).first().getByText('Done', { exact: true }).waitFor();
  await page.getByText(/^1 done · 0 skipped · \d+ to go$/).waitFor();

  // A new goal from the plan page: a new version, and the ticked-off task is still done.
  await page.getByRole('button', { name: 'Change goal or test date' }).click();
  const form = page.getByRole('region', { name: 'Change your goal' });
  assert.equal(await form.getByLabel('Target total score').inputValue(), '1300');
  await form.getByLabel('Target total score').fill('1450');
  await form.getByLabel('Minutes a day').fill('60');
  await form.getByRole('button', { name: 'Rebuild my plan' }).click();
  await page.getByText(/^Target 1450 · test on .* · 60 min a day · version 2$/).waitFor();
  await page.getByText(/^1 done · 0 skipped · \d+ to go$/).waitFor();
});

test('a full-length test task starts the test it asks for, carrying the task; another choice is just a test', { skip: noBrowser ?? false }, async () => {
  const student = await signUp(t.app, 'student', { name: 'Ada Quinn' });
  const gen = await as(t.app, student)({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(dayIn(new Date()), 40) } });
  assert.equal(gen.statusCode, 201, gen.body);
  // A fresh context: the page above is still signed in as the first student.
  const context = await app.browser.newContext({ viewport: SIZES.laptop, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await signInAs({ base, page }, student, '/plan');
  await page.getByRole('heading', { name: 'Your study plan' }).waitFor();
  // The first test may be more than a week out.
  await page.getByRole('button', { name: 'Show every day to the test' }).click();
  await page.getByRole('link', { name: /^Start: Full-length test/ }).first().click();
  await page.waitForURL(/\/app\/test\?/);
  const taskId = new URL(page.url()).searchParams.get('task');
  assert.ok(taskId, 'the link names the task');
  const hint = page.getByText('This test is a task on your study plan: sit every module and it is ticked off.');
  await hint.waitFor();
  assert.equal(await page.getByRole('radio', { name: /^Full test/ }).isChecked(), true, 'the task asks for both sections');
  // Another choice is not the task's test: the hint goes, and so would the task.
  await page.getByRole('radio', { name: /^Math/ }).check();
  assert.equal(await hint.count(), 0);
  await page.getByRole('radio', { name: /^Full test/ }).check();
  const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/full_test/start')), page.getByRole('button', { name: 'Start the test' }).click()]);
  assert.deepEqual(request.postDataJSON(), { sections: 'both', planTaskId: taskId });
  await page.waitForURL(/\/app\/test\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: /^Module 1 of/ }).waitFor();
  await context.close();
});
