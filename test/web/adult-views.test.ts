/**
 * What a tutor reads on a linked student's page beyond progress: on the Plan tab, why the student
 * skipped tasks (the reason they gave, or that they gave none) and the advice waiting for the
 * student's own decision, read-only; on the Help asked tab, the help the student asked for in
 * practice — the question's skill, their message, the AI's reply — newest first, paged with
 * "Show more". Every word the page adds is about the student, never "your" (the advice and the AI's
 * reply are quoted as the student was shown them). Screenshots at phone and laptop size.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { addDays, dayIn } from '../../src/lib/days.ts';
import { getBank } from '../../src/practice/bank.ts';
import { as, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, shoot, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let t: TestApp;
let page: Page;
let student: TestUser;
let tutor: TestUser;
const reason = 'Soccer practice ran late';
const help = ['How do I set up this equation?', 'Which line is the slope?'];

/** The panel's own words: its text less the quoted advice and the chat bubbles, which speak to the student. */
const ownWords = (panel: Locator) =>
  panel.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const q of copy.querySelectorAll('q, .bubble')) q.remove();
    return copy.textContent ?? '';
  });

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  ({ t, page } = app);
  student = await signUp(t.app, 'student', { name: 'Maya Lopez' });
  tutor = await signUp(t.app, 'tutor', { name: 'Tom Tutor' });
  const asked = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(asked.statusCode, 201, asked.body);
  assert.equal((await as(t.app, student)({ method: 'POST', url: `/links/${asked.json().id}/accept` })).statusCode, 200);

  // A practice set with a help request on each of two questions (plan advice needs answers to go on).
  const c = as(t.app, student);
  const bank = await getBank(t.database.db);
  const start = await c({ method: 'POST', url: '/practice/start', payload: { skill: 'math.alg.linear-functions', count: 4 } });
  assert.equal(start.statusCode, 201, start.body);
  const sessionId: string = start.json().sessionId;
  let q = start.json().question;
  for (let i = 0; q; i++) {
    if (i < help.length) {
      const res = await c({ method: 'POST', url: `/practice/help/${sessionId}/${encodeURIComponent(q.id)}`, payload: { user_query: help[i] } });
      assert.equal(res.statusCode, 200, res.body);
    }
    const item = bank.items.get(q.id)!;
    const res = await c({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: q.id, answer: item.type === 'mcq' ? 'ABCD'.replace(item.answer, '')[0] : '9999', timeSpentMs: 20_000 } });
    assert.equal(res.statusCode, 200, res.body);
    q = res.json().next;
  }
  assert.equal((await c({ method: 'POST', url: `/practice/${sessionId}/finish` })).statusCode, 200);

  // A plan with today's first task skipped with a reason (advice follows) and its second without one.
  const plan = await c({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(dayIn(new Date()), 30) } });
  assert.equal(plan.statusCode, 201, plan.body);
  const [first, second] = plan.json().phases[0].days.flatMap((d: { tasks: { id: string }[] }) => d.tasks);
  const skip = async (taskId: string, why?: string) => {
    const res = await c({ method: 'POST', url: `/study_plan/action/${plan.json().id}`, payload: { task_id: taskId, action: 'skipped', ...(why ? { reason: why } : {}) } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  assert.ok((await skip(first.id, reason)).suggestion, 'advice after the skip');
  await skip(second.id);
});
after(() => app?.close());

test('a tutor reads on the Plan tab why the student skipped tasks and the advice waiting for the student’s decision', { skip: noBrowser ?? false }, async () => {
  await signInAs(app, tutor, `/students/${student.id}`);
  await page.getByRole('heading', { name: 'Maya Lopez', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Plan' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Plan' });

  const advice = panel.getByRole('region', { name: 'Suggested changes to Maya Lopez’s plan' });
  await advice.getByText('Waiting for Maya Lopez’s decision').waitFor();
  await advice.getByText('After a skipped task').waitFor();
  assert.ok(((await advice.locator('q').innerText()) ?? '').length > 20, 'the advice as the student was shown it');
  assert.equal(await panel.getByRole('button', { name: /Apply|Dismiss/ }).count(), 0, 'only the student decides');

  const skipped = panel.getByRole('region', { name: 'Skipped tasks' });
  const items = skipped.locator('li');
  assert.equal(await items.count(), 2);
  // Today's tasks, the later one first: no reason for it, the student's words for the first.
  assert.equal(await items.nth(0).getByText('No reason given.').count(), 1);
  assert.equal(await items.nth(1).locator('q').innerText(), reason);
  assert.match(await skipped.innerText(), /each with the reason Maya Lopez gave/);
  // The 7-day list marks both skipped.
  assert.equal(await panel.getByRole('region', { name: 'Next 7 days' }).getByText('Skipped', { exact: true }).count(), 2);

  assert.doesNotMatch(await ownWords(panel), /\byour?\b/i);
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the student's plan:\n${describeViolations(found)}`);
  await shoot(page, 'student-plan-adult');
});

test('a tutor reads on the Help asked tab the help the student asked for, newest first, with the AI’s replies, a page at a time', { skip: noBrowser ?? false }, async () => {
  const listed = (await as(t.app, tutor)({ method: 'GET', url: `/progress/${student.id}/help` })).json().helpRequests;
  assert.deepEqual(listed.map((h: { message: string }) => h.message), [...help].reverse());
  // One a page, so the second comes with "Show more".
  const helpUrl = /\/progress\/[^/?]+\/help(\?|$)/;
  await page.route(helpUrl, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', '1');
    return route.continue({ url: url.href });
  });
  try {
    await page.reload();
    await page.getByRole('tab', { name: 'Help asked' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Help asked' });
    const rows = panel.locator('li.help-asked');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    await panel.getByRole('button', { name: 'Show more' }).click();
    await rows.nth(1).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Show more' }).count(), 0);

    for (const [i, h] of (listed as { message: string; reply: string; createdAt: string }[]).entries()) {
      const row = rows.nth(i);
      assert.equal(await row.locator('.activity-what').innerText(), 'Linear functions');
      assert.equal(await row.locator('time').getAttribute('datetime'), h.createdAt);
      assert.equal(await row.locator('.bubble.is-user p').innerText(), h.message);
      assert.equal((await row.locator('.bubble.is-assistant p').innerText()).trim(), h.reply.trim());
      assert.match(await row.locator('.bubble.is-user').innerText(), /^Maya Lopez asked:/);
    }
    assert.doesNotMatch(await ownWords(panel), /\byour?\b/i);
    const found = await seriousViolations(page);
    assert.equal(found.length, 0, `axe on the student's help requests:\n${describeViolations(found)}`);
    await shoot(page, 'student-help-asked');
  } finally {
    await page.unroute(helpUrl);
  }
});
