/**
 * The tutor chat when the server refuses a message for coming too fast: the student reads a
 * plain sentence with the wait, and the message left without a reply can be sent again once
 * the wait is over (the real per-connection limit: 5 messages at once, then 12 a minute).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/web-build.ts';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { DEFAULT_LIMITS } from '../../src/tutor/limits.ts';
import { describeViolations, launch, noBrowser, seriousViolations, SIZES } from './browser.ts';

let t: TestApp;
let dataDir = '';
let base: string;
let browser: Browser;
let page: Page;
let student: TestUser;

before(async () => {
  if (noBrowser) return;
  await buildWeb({ ifStale: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-web-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  student = await signUp(t.app, 'student', { name: 'Maya Lopez' });
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

test('a message refused by the rate limit is explained with its wait and can be retried', { skip: noBrowser ?? false }, async () => {
  await page.goto(`${base}/app/signin?next=${encodeURIComponent('/tutor')}`);
  await page.getByLabel('Email').fill(student.email);
  await page.getByLabel('Password').fill(student.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Connected', { exact: true }).waitFor();

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
