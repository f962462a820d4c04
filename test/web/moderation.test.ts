/**
 * Moderation in the browser: a student reports the AI's reply from the thread (the Report
 * action is offered on it like on any other reply), and an admin opens the Moderation page
 * from the navigation, sees what was reported with its reasons and counts but not who
 * reported it, hides one post, dismisses another (which leaves the open queue), and finds
 * the hidden one under "Hidden now". An empty queue says so. An admin also hides and unhides
 * from the thread itself: the reply's author still sees it, marked hidden; other students no
 * longer do; only admins are offered Hide.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { as, signUp, type TestUser } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, shoot, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let author: TestUser;
let reporters: TestUser[];
const admin = { email: 'moderator@example.test', password: 'moderator password 1' };
const posts: Record<'essays' | 'insult' | 'question', string> = { essays: '', insult: '', question: '' };
let aiReplyId = '';

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  const { t } = app;
  await createUser(t.database.db, { ...admin, displayName: 'Mo Moderator', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  author = await signUp(t.app, 'student', { name: 'Ada Author' });
  reporters = [await signUp(t.app, 'student', { name: 'Rita Reporter' }), await signUp(t.app, 'student', { name: 'Remy Reporter' })];
  const post = async (body: string, aiReply = false) => {
    const res = await as(t.app, author)({ method: 'POST', url: '/community/note', payload: { body, visibility: 'community', aiReply } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  posts.essays = (await post('Buy cheap essays at my site')).note.id;
  posts.insult = (await post('Everyone who got this wrong is slow')).note.id;
  const asked = await post('How do I spot a comma splice?', true);
  posts.question = asked.note.id;
  aiReplyId = asked.aiReply.id;
});
after(() => app?.close());

const signedOut = async () => {
  await app.page.goto(`${app.base}/app/signin`);
  await app.page.evaluate(() => localStorage.clear());
};

test('the note’s author reports the AI’s reply from the thread', { skip: noBrowser ?? false }, async () => {
  const { page } = app;
  await signedOut();
  await signInAs(app, author, `/community/${posts.question}`);
  await page.getByText('How do I spot a comma splice?').waitFor();
  // Her own note offers no Report; the AI's reply does.
  const report = page.getByRole('button', { name: 'Report' });
  await report.waitFor();
  assert.equal(await report.count(), 1);
  page.once('dialog', (d) => void d.accept('The AI gave the wrong rule'));
  await report.click();
  await page.getByText('Thanks — a moderator will take a look.', { exact: true }).waitFor();
  const rows = (await app.t.database.db.query.communityReports.findMany()).filter((r) => r.targetId === aiReplyId);
  assert.deepEqual(rows.map((r) => [r.targetKind, r.reason]), [['reply', 'The AI gave the wrong rule']]);
});

test('an admin hides one reported post, dismisses another, and finds the hidden one under "Hidden now"', { skip: noBrowser ?? false }, async () => {
  const { page, t } = app;
  const report = async (who: TestUser, id: string, reason: string) =>
    assert.equal((await as(t.app, who)({ method: 'POST', url: '/community/report', payload: { targetKind: 'note', targetId: id, reason } })).statusCode, 200);
  await report(reporters[0], posts.essays, 'spam');
  await report(reporters[1], posts.essays, 'Spam');
  await report(reporters[0], posts.insult, 'mean to students');

  await signedOut();
  await signInAs(app, admin, '/admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation', exact: true }).click();
  await page.getByRole('heading', { name: 'Moderation', level: 1 }).waitFor();
  const list = page.getByRole('list', { name: 'Reported posts' });
  // The entries, not the reasons listed inside them.
  const rows = list.locator(':scope > li');
  const entry = (text: string) => rows.filter({ hasText: text });
  const essays = entry('Buy cheap essays at my site');
  await essays.waitFor();
  assert.equal(await rows.filter({ has: page.getByRole('button', { name: 'Dismiss' }) }).count(), 3, 'three posts waiting');
  const essaysText = (await essays.innerText()).replace(/\s+/g, ' ');
  assert.match(essaysText, /2 reports/);
  assert.match(essaysText, /By Ada Author/);
  assert.match(essaysText, /“spam” × 2/i);
  const ai = entry('AI reply');
  assert.match((await ai.innerText()).replace(/\s+/g, ' '), /By AI\b.*“The AI gave the wrong rule”/);
  const pageText = await page.locator('main').innerText();
  for (const name of ['Rita', 'Remy']) assert.ok(!pageText.includes(name), `reporter ${name} shown`);
  assert.equal(await essays.getByRole('link', { name: /Open thread/ }).getAttribute('href'), `/app/community/${posts.essays}`);
  await shoot(page, 'moderation-queue');
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the moderation page:\n${describeViolations(found)}`);

  // Hide: the row stays, now hidden and reviewed, so the admin sees what was done.
  await essays.getByRole('button', { name: 'Hide' }).click();
  await page.getByText('The note is hidden.', { exact: true }).waitFor();
  await essays.getByRole('button', { name: 'Unhide' }).waitFor();
  assert.match(await essays.innerText(), /Hidden/);
  assert.equal(await essays.getByRole('button', { name: 'Dismiss' }).count(), 0);
  const hidden = (await as(t.app, reporters[1])({ method: 'GET', url: `/community/notes/${posts.essays}` })).statusCode;
  assert.equal(hidden, 404, 'hidden from students');

  // Dismiss ("keep it up"): the row leaves the open queue; the post stays up.
  const insult = entry('Everyone who got this wrong is slow');
  await insult.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByText('Dismissed: the note stays up.', { exact: true }).waitFor();
  await insult.waitFor({ state: 'detached' });
  assert.equal((await as(t.app, reporters[1])({ method: 'GET', url: `/community/notes/${posts.insult}` })).statusCode, 200, 'still up');

  // Reloaded, the open queue holds only the AI reply; "Hidden now" holds the essays post.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await essays.waitFor({ state: 'detached' });
  await ai.waitFor();
  assert.equal(await rows.count(), 1);
  await page.getByLabel('Show').selectOption('hidden');
  await ai.waitFor({ state: 'detached' });
  await entry('Buy cheap essays at my site').getByRole('button', { name: 'Unhide' }).waitFor();
  assert.equal(await rows.count(), 1);
});

test('an empty queue says there is nothing to review; an error is shown, not swallowed', { skip: noBrowser ?? false }, async () => {
  const { page } = app;
  await page.goto(`${app.base}/app/moderation`);
  await page.getByLabel('Show').waitFor();
  const ai = page.getByRole('list', { name: 'Reported posts' }).locator(':scope > li').filter({ hasText: 'AI reply' });
  await ai.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByText('Dismissed: the AI reply stays up.', { exact: true }).waitFor();
  await page.getByText('Nothing waiting for review', { exact: true }).waitFor();

  // A decision the server refuses (the post was deleted meanwhile) is said, and the row stays.
  const doomed = (await as(app.t.app, author)({ method: 'POST', url: '/community/note', payload: { body: 'A post that will vanish', visibility: 'community' } })).json().note.id;
  await as(app.t.app, reporters[0])({ method: 'POST', url: '/community/report', payload: { targetKind: 'note', targetId: doomed, reason: 'spam' } });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = page.getByRole('list', { name: 'Reported posts' }).locator(':scope > li').filter({ hasText: 'A post that will vanish' });
  await row.waitFor();
  await app.t.database.db.update(schema.notes).set({ deletedAt: new Date() }).where(eq(schema.notes.id, doomed));
  await row.getByRole('button', { name: 'Hide' }).click();
  await page.getByRole('alert').getByText(/no such note/i).waitFor();
  assert.equal(await row.count(), 1);
});

test('an admin hides a reply from the thread: its author sees it marked hidden, other students no longer see it', { skip: noBrowser ?? false }, async () => {
  const { page, t } = app;
  const replyBody = 'Just copy the answer key, it is online somewhere';
  const posted = await as(t.app, reporters[0])({ method: 'POST', url: `/community/notes/${posts.question}/replies`, payload: { body: replyBody } });
  assert.equal(posted.statusCode, 201, posted.body);
  const replyId = posted.json().reply.id;
  const moderateButtons = () => page.getByRole('button', { name: /^(Hide|Unhide) this/ });

  // Before: students are offered no Hide or Unhide, not even on their own thread.
  await signedOut();
  await signInAs(app, author, `/community/${posts.question}`);
  await page.getByText(replyBody).waitFor();
  assert.equal(await moderateButtons().count(), 0, 'a student is offered Hide');

  await signedOut();
  await signInAs(app, admin, `/community/${posts.question}`);
  const reply = page.getByRole('listitem').filter({ hasText: replyBody });
  await reply.waitFor();
  // Every post in the thread, the note and the AI's reply included, can be hidden from here.
  await page.getByRole('button', { name: 'Hide this note' }).waitFor();
  await page.getByRole('button', { name: 'Hide this AI reply' }).waitFor();
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the thread as an admin:\n${describeViolations(found)}`);

  await reply.getByRole('button', { name: 'Hide this reply' }).click();
  await page.getByText('The reply is hidden.', { exact: true }).waitFor();
  // In place: the admin still reads the reply, marked hidden, with Unhide next to it.
  await reply.getByRole('button', { name: 'Unhide this reply' }).waitFor();
  await reply.getByText('Hidden by moderators', { exact: true }).waitFor();
  assert.equal(await page.getByText('Hidden by moderators', { exact: true }).count(), 1, 'only the reply is hidden');
  const replyAs = async (who: TestUser): Promise<{ hidden: boolean } | undefined> =>
    (await as(t.app, who)({ method: 'GET', url: `/community/notes/${posts.question}` })).json().replies.find((r: { id: string }) => r.id === replyId);
  assert.equal(await replyAs(author), undefined, 'the note’s author still gets the reply');
  assert.equal((await replyAs(reporters[0]))?.hidden, true, 'its author gets it, marked hidden');

  // The reply's author still sees it, marked hidden, rather than watching it vanish.
  await signedOut();
  await signInAs(app, reporters[0], `/community/${posts.question}`);
  const own = page.getByRole('listitem').filter({ hasText: replyBody });
  await own.getByText('Hidden by moderators', { exact: true }).waitFor();
  assert.equal(await moderateButtons().count(), 0, 'a student is offered Hide or Unhide');

  // The note's author, like any other student, no longer sees it.
  await signedOut();
  await signInAs(app, author, `/community/${posts.question}`);
  await page.getByText('How do I spot a comma splice?').waitFor();
  await page.getByRole('heading', { name: /repl(y|ies)$/, level: 2 }).waitFor();
  assert.equal(await page.getByText(replyBody).count(), 0, 'a hidden reply is shown to another student');

  // Unhide from the thread; a refusal (the AI's reply deleted meanwhile) is said, and the post keeps its state.
  await signedOut();
  await signInAs(app, admin, `/community/${posts.question}`);
  await reply.getByRole('button', { name: 'Unhide this reply' }).click();
  await page.getByText('The reply is restored.', { exact: true }).waitFor();
  await reply.getByRole('button', { name: 'Hide this reply' }).waitFor();
  assert.equal(await reply.getByText('Hidden by moderators', { exact: true }).count(), 0);
  await t.database.db.update(schema.noteReplies).set({ deletedAt: new Date() }).where(eq(schema.noteReplies.id, aiReplyId));
  await page.getByRole('button', { name: 'Hide this AI reply' }).click();
  await page.getByRole('alert').getByText(/no such reply/i).waitFor();
  await page.getByRole('button', { name: 'Hide this AI reply' }).waitFor();
});
