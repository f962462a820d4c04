/**
 * The onboarding diagnostic keeps its promise: answers are not shown while it runs, and at the
 * end every section's answers can be reviewed, Reading and Writing as well as Math, also when
 * the page was reloaded on the way.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { schema } from '../../src/db/index.ts';
import type { TestApp, TestUser } from '../helpers/app.ts';
import { noBrowser, openWithStudent, signInAs, type StudentWebApp } from './browser.ts';

let app: StudentWebApp;
let t: TestApp;
let page: Page;
let student: TestUser;

before(async () => {
  if (noBrowser) return;
  // A reload mid-section may ask first (beforeunload); the student goes ahead.
  app = await openWithStudent('Sam Okafor', { acceptLeavePrompt: true });
  ({ t, page, student } = app);
});
after(() => app?.close());

/** Answer the question on screen: the first option, or 1 for a grid-in; then Next. */
async function answerAndNext() {
  const option = page.locator('.option').first();
  if (await option.count()) await option.click();
  else await page.getByLabel('Your answer').fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
}

test('at the end of the diagnostic both sections’ answers are linked for review', { skip: noBrowser ?? false }, async () => {
  await signInAs(app, student, '/diagnostic?count=6');
  const intro = page.locator('.card', { hasText: 'you will not see answers until the end' });
  await intro.waitFor();
  assert.match(await intro.innerText(), /when you can review every section’s answers/);

  for (const [i, section] of ['Reading and Writing', 'Math'].entries()) {
    await page.getByRole('button', { name: `Begin ${section}` }).click();
    for (let q = 1; q <= 6; q++) {
      await page.getByRole('heading', { name: `Question ${q} of 6` }).waitFor();
      // Mid-Math, a reload resumes the section; Reading and Writing, finished before it, is still reviewable at the end.
      if (i === 1 && q === 3) {
        await page.reload();
        await page.getByRole('heading', { name: `Question ${q} of 6` }).waitFor();
      }
      await answerAndNext();
    }
    await page.getByRole('heading', { name: `${section}: done` }).waitFor();
    if (i === 0) {
      assert.match(await page.locator('.card', { hasText: 'Reading and Writing: done' }).innerText(), /review this section’s answers at the end/);
      assert.equal(await page.locator('a[href*="/review/"]').count(), 0, 'no answers before the end');
      await page.getByRole('button', { name: 'Continue to Math' }).click();
    }
  }

  const links = page.getByRole('navigation', { name: 'Review your answers' }).getByRole('link');
  assert.deepEqual(await links.allInnerTexts(), ['Reading and Writing', 'Math']);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(new Set(hrefs).size, 2, `two sessions: ${hrefs.join(', ')}`);

  const sections = await Promise.all(hrefs.map(async (h) => (await t.database.db.select().from(schema.sessions).where(eq(schema.sessions.id, h!.split('/').pop()!)))[0]));
  assert.deepEqual(sections.map((x) => [x.kind, x.section]), [['diagnostic', 'rw'], ['diagnostic', 'math']]);

  await links.first().click();
  await page.getByRole('heading', { name: 'Review', exact: true }).waitFor();
  await page.getByText(/^\d of 6 correct\./).waitFor();
  assert.equal(await page.locator('.review-item').count(), 6, 'the six Reading and Writing answers');
});
