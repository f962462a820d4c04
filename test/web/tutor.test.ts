/**
 * The tutor chat when the server refuses a message for coming too fast: the student reads a
 * plain sentence with the wait, and the message left without a reply can be sent again once
 * the wait is over (the real per-connection limit: 5 messages at once, then 12 a minute).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signUp, type TestUser } from '../helpers/app.ts';
import { DEFAULT_LIMITS } from '../../src/tutor/limits.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let student: TestUser;

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  student = await signUp(app.t.app, 'student', { name: 'Maya Lopez' });
});
after(() => app?.close());

test('a message refused by the rate limit is explained with its wait and can be retried', { skip: noBrowser ?? false }, async () => {
  const { page } = app;
  await signInAs(app, student, '/tutor');
  await page.getByText('Connected', { exact: true }).waitFor();
  // Who else reads the chat is said where the student types.
  await page.getByText('Tutors and parents you have linked can read these chats.').waitFor();

  const { burst } = DEFAULT_LIMITS.messages;
  const ask = (n: number) => page.getByLabel('Message the tutor').fill(`What is a comma splice? (${n})`).then(() => page.keyboard.press('Enter'));
  for (let n = 1; n <= burst; n++) {
    await ask(n);
    await page.locator('.bubble.is-assistant .stars').nth(n - 1).waitFor({ timeout: 60_000 });
  }
  await ask(burst + 1);
  const refused = page.getByRole('alert');
  await refused.getByText(/^You are sending messages faster than the tutor can answer\. Wait \d seconds? and try again\.$/).waitFor();
  assert.equal(await page.locator('.bubble.is-user').count(), burst + 1, 'the refused message stays on screen');
  const retry = refused.getByRole('button', { name: /^Retry/ });
  assert.match(await retry.innerText(), /^Retry in \d s/);
  assert.equal(await retry.isDisabled(), true, 'no retry before the wait is over');
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the refused message:\n${describeViolations(found)}`);

  // Once the wait is over, Retry sends the same message again, and this time it is answered.
  await refused.getByRole('button', { name: 'Retry sending your last message', exact: true }).click({ timeout: 15_000 });
  await page.locator('.bubble.is-assistant .stars').nth(burst).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('.bubble.is-user').count(), burst + 1, 'sent again, not added twice');
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.match(await page.locator('.bubble.is-user').last().innerText(), new RegExp(`comma splice\\? \\(${burst + 1}\\)`));
});
