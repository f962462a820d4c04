/**
 * Reporting a community note from its thread: the first report is thanked, a second by the same
 * student is told it was already made (the API counts one per person), and an empty reason
 * reports nothing and says why.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, signUp, type TestUser } from '../helpers/app.ts';
import { noBrowser, openWebApp, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let author: TestUser;
let reader: TestUser;
let noteId = '';

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  author = await signUp(app.t.app, 'student', { name: 'Ada Author' });
  reader = await signUp(app.t.app, 'student', { name: 'Ria Reader' });
  const posted = await as(app.t.app, author)({ method: 'POST', url: '/community/note', payload: { body: 'Buy cheap essays at my site', visibility: 'community' } });
  assert.equal(posted.statusCode, 201, posted.body);
  noteId = posted.json().note.id;
});
after(() => app?.close());

test('a report is thanked once, a repeat says it was already made, an empty reason reports nothing', { skip: noBrowser ?? false }, async () => {
  const { page } = app;
  await signInAs(app, reader, `/community/${noteId}`);
  await page.getByText('Buy cheap essays at my site').waitFor();
  const reportWith = async (reason: string) => {
    page.once('dialog', (d) => void d.accept(reason));
    await page.getByRole('button', { name: 'Report' }).first().click();
  };
  await reportWith('   ');
  await page.getByRole('alert').getByText(/^Say in a few words what is wrong.*Nothing was reported\.$/).waitFor();
  await reportWith('spam');
  await page.getByText('Thanks — a moderator will take a look.', { exact: true }).waitFor();
  await reportWith('still spam');
  await page.getByText('You have already reported this; a moderator will look at it.', { exact: true }).waitFor();
  const rows = (await app.t.database.db.query.communityReports.findMany()).filter((r) => r.targetId === noteId);
  assert.equal(rows.length, 1, 'one report recorded');
});
