/**
 * Safety alerts in the browser: an admin opens Safety from the navigation, reads what a
 * student wrote and where, with the student's name and email, opens the student's chats from
 * a chat's alert, comes back and marks one alert reviewed — it leaves the waiting list and
 * shows under "All alerts" as reviewed by them. An empty list says so.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createUser } from '../../src/accounts/users.ts';
import { storeMessage } from '../../src/tutor/conversations.ts';
import { as, signUp, type TestUser } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, shoot, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let student: TestUser;
const admin = { email: 'safety-lead@example.test', password: 'safety password 1' };

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  const { t } = app;
  await createUser(t.database.db, { ...admin, displayName: 'Sky Safeguard', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  student = await signUp(t.app, 'student', { name: 'Nina Nguyen' });
});
after(() => app?.close());

test('with nothing flagged, the page says so', { skip: noBrowser ?? false }, async () => {
  const { page } = app;
  await signInAs(app, admin, '/safety');
  await page.getByRole('heading', { name: 'Safety alerts', level: 1 }).waitFor();
  await page.getByText('No alerts waiting').waitFor();
  await page.getByRole('status').getByText('None waiting for review').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety', exact: true }).waitFor();
});

test('an admin reads the alerts, opens the chats, and marks one reviewed', { skip: noBrowser ?? false }, async () => {
  const { page, t } = app;
  await storeMessage(t.database.db, { userId: student.id, conversationId: randomUUID(), role: 'user', content: 'some days I just want to die', inputMode: 'text' });
  const posted = await as(t.app, student)({ method: 'POST', url: '/community/note', payload: { body: 'I keep failing and thinking about hurting myself', visibility: 'private', aiReply: false } });
  assert.equal(posted.statusCode, 201, posted.body);

  await page.goto(`${app.base}/app/admin`);
  // The navigation says how many wait, so an alert is seen without opening the page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety 2 waiting', exact: true }).click();
  await page.getByRole('heading', { name: 'Safety alerts', level: 1 }).waitFor();
  const list = page.getByRole('list', { name: 'Safety alerts' });
  const rows = list.locator(':scope > li');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  await page.getByRole('status').getByText('2 waiting for review').waitFor();
  // Newest first: the note, then the chat; each with the words, where, and who.
  assert.match(await rows.nth(0).innerText(), /Note[\s\S]*thinking about hurting myself[\s\S]*Nina Nguyen/);
  assert.match(await rows.nth(1).innerText(), /Tutor chat[\s\S]*some days I just want to die[\s\S]*Nina Nguyen/);
  assert.equal(await rows.nth(0).getByRole('link', { name: student.email }).getAttribute('href'), `mailto:${student.email}`);
  await shoot(page, 'safety-alerts');
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], describeViolations(found));

  // A chat's alert opens the student's page on their chats.
  await rows.nth(1).getByRole('link', { name: /Open their chats/ }).click();
  await page.getByRole('tab', { name: 'Tutor chats', selected: true }).waitFor();
  await page.getByText('some days I just want to die').first().waitFor();
  await page.goBack();

  await page.getByRole('button', { name: 'Mark reviewed the alert about Nina Nguyen' }).first().click();
  await page.getByText('Marked reviewed: the alert about Nina Nguyen.').waitFor();
  await page.getByRole('status').getByText('1 waiting for review').waitFor();
  assert.equal(await rows.count(), 1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety 1 waiting', exact: true }).click();

  await page.getByLabel('Show').selectOption('all');
  await page.getByText(/Reviewed .* by Sky Safeguard/).waitFor();
  assert.equal(await rows.count(), 2);
  assert.equal(await page.getByRole('button', { name: /Mark reviewed/ }).count(), 1);
});
