/**
 * A tutor's view of a linked student: a full-length test the student has under way shows on the
 * progress tab with when it began, and the Activity card's counts take the right number ("1
 * question", "1 minute"); a test of one section is listed in score history; the student's notes,
 * private ones included, are on the Notes tab, and the tutor answers one from there. A section
 * predicted from some of its skills says how many, to the tutor (in words about the student,
 * never "your") and to the student; the student's note form says who reads a private note. The
 * Activity tab lists the student's sessions newest first, in words, with "Show more" paging by
 * cursor and each finished set's review a link away.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { skillsOf } from '../../src/content/taxonomy.ts';
import { schema } from '../../src/db/index.ts';
import { getBank } from '../../src/practice/bank.ts';
import { as, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let t: TestApp;
let base: string;
let page: Page;
let student: TestUser;
let tutor: TestUser;

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  ({ t, base, page } = app);
  student = await signUp(t.app, 'student', { name: 'Maya Lopez' });
  tutor = await signUp(t.app, 'tutor', { name: 'Tom Tutor' });
  const asked = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(asked.statusCode, 201, asked.body);
  const accepted = await as(t.app, student)({ method: 'POST', url: `/links/${asked.json().id}/accept` });
  assert.equal(accepted.statusCode, 200, accepted.body);
});
after(() => app?.close());

test('a tutor sees the student’s full-length test in progress, and activity counts in the singular', { skip: noBrowser ?? false }, async () => {
  await signInAs(app, tutor, `/students/${student.id}`);
  await page.getByRole('heading', { name: 'Maya Lopez', level: 1 }).waitFor();
  // A tutor's way back is to their students (a parent's, to their children).
  await page.getByRole('link', { name: '← All students', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Predicted scores' }).waitFor();
  assert.equal(await page.getByText(/Full-length test in progress/).count(), 0, 'no test under way yet');

  // The student starts a test on their own device and answers one question in a minute.
  const asStudent = as(t.app, student);
  const started = await asStudent({ method: 'POST', url: '/full_test/start', payload: { sections: 'both' } });
  assert.equal(started.statusCode, 201, started.body);
  const view = started.json();
  // The server holds a module to no more time than has passed since it opened (src/practice/full-test.ts
  // timeInModule): it opened a minute ago here, so the minute claimed below is one the student had.
  await t.database.db.execute(
    sql`update sessions set state = jsonb_set(state, '{modules,0,startedAt}', to_jsonb((state #>> '{modules,0,startedAt}')::bigint - 61000)) where id = ${view.sessionId}`,
  );
  const answered = await asStudent({
    method: 'POST',
    url: `/full_test/${view.sessionId}/answer`,
    payload: { questionId: view.current.questions[0].id, answer: 'A', timeSpentMs: 60_000, idempotencyKey: 'tutor-view-1' },
  });
  assert.equal(answered.statusCode, 200, answered.body);

  await page.reload();
  const line = page.getByText(/^Full-length test in progress \(started/);
  await line.waitFor();
  assert.match(await line.innerText(), /^Full-length test in progress \(started (just now|\d+ minutes? ago)\)$/);
  const activity = page.getByRole('region', { name: 'Activity' });
  const stats = (await activity.locator('.streak-stats p').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  assert.deepEqual(stats, ['1 day streak', '1 question', '1 minute']);
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the student's progress:\n${describeViolations(found)}`);
});

test('a test of one section is listed in score history with a link to its report, though it has no total to chart', { skip: noBrowser ?? false }, async () => {
  const asStudent = as(t.app, student);
  // The test left in progress above is finished first (a student has one test at a time).
  const active = await asStudent({ method: 'GET', url: '/full_test/active' });
  if (active.statusCode === 200 && active.json()?.sessionId) await asStudent({ method: 'POST', url: `/full_test/${active.json().sessionId}/finish` });
  const started = await asStudent({ method: 'POST', url: '/full_test/start', payload: { sections: 'rw' } });
  assert.equal(started.statusCode, 201, started.body);
  const sessionId = started.json().sessionId;
  const finished = await asStudent({ method: 'POST', url: `/full_test/${sessionId}/finish` });
  assert.equal(finished.statusCode, 200, finished.body);
  assert.equal(finished.json().total, null, 'one section has no total');

  await page.reload(); // the tutor is still on the student's page from the test above
  const history = page.getByRole('region', { name: 'Score history' });
  await history.getByText('Reading and Writing only').waitFor();
  // The test's score stands beside the prediction, with why the two can differ, in the reader's words.
  const lastTest = page.getByText(/^The student’s last full-length test \(.+\) scored one section: Reading and Writing \d+\. A test scores one sitting/);
  await lastTest.waitFor();
  assert.match(await lastTest.innerText(), /these predictions pool every answer so far, that test’s included, so the two can differ\.$/);
  assert.equal(await history.getByText('No full-length tests yet').count(), 0);
  const report = history.getByRole('link', { name: 'Report' }).first();
  assert.equal(await report.getAttribute('href'), `/app/test/${sessionId}`);
  // The tutor reads the student's report: it does not speak to them as the one who took it.
  await report.click();
  await page.getByRole('heading', { name: 'Score report', level: 1 }).waitFor();
  assert.equal(await page.getByText(/^You earned/).count(), 0);
  await page.getByText(/^The student earned \d+ points for this test\.$/).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Dashboard' }).count(), 0);
});

test('a tutor reads the student’s notes, private ones too, and answers one from its thread', { skip: noBrowser ?? false }, async () => {
  const asStudent = as(t.app, student);
  for (const [body, visibility] of [
    ['I keep mixing up sine and cosine on the unit circle', 'private'],
    ['Tip: read the question line before the passage', 'community'],
  ] as const) {
    const posted = await asStudent({ method: 'POST', url: '/community/note', payload: { body, visibility } });
    assert.equal(posted.statusCode, 201, posted.body);
  }
  // The tutor is still signed in from the tests above.
  await page.goto(`${base}/app/students/${student.id}`);
  await page.getByRole('tab', { name: 'Notes' }).click();
  const panel = page.getByRole('tabpanel');
  const privateNote = panel.locator('li.note', { hasText: 'I keep mixing up sine and cosine' });
  await privateNote.waitFor();
  assert.equal(await privateNote.getByText('Private', { exact: true }).count(), 1);
  await panel.locator('li.note', { hasText: 'read the question line before the passage' }).waitFor();
  assert.equal(await panel.getByText('You', { exact: true }).count(), 0, 'the notes are the student’s, not the tutor’s');
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the student's notes:\n${describeViolations(found)}`);

  await privateNote.getByRole('link', { name: /Reply/ }).click();
  await page.getByLabel('Your reply').fill('On the unit circle the point is (cos θ, sin θ): x first, then y.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByText('On the unit circle the point is (cos θ, sin θ)').waitFor();
  // The student finds the tutor's answer under their private note.
  const mine = await asStudent({ method: 'GET', url: `/community/notes?authorId=${student.id}` });
  const note = mine.json().notes.find((n: { body: string }) => n.body.startsWith('I keep mixing up'));
  const thread = await asStudent({ method: 'GET', url: `/community/notes/${note.id}` });
  assert.deepEqual(
    thread.json().replies.map((r: { kind: string; body: string }) => [r.kind, r.body]),
    [['tutor', 'On the unit circle the point is (cos θ, sin θ): x first, then y.']],
  );
});

test('a prediction from some of a section’s skills says how many, to the tutor about the student and to the student; the note form says who reads private notes', { skip: noBrowser ?? false }, async () => {
  const partial = await signUp(t.app, 'student', { name: 'Jin Lee' });
  const asked = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: partial.email } });
  assert.equal(asked.statusCode, 201, asked.body);
  assert.equal((await as(t.app, partial)({ method: 'POST', url: `/links/${asked.json().id}/accept` })).statusCode, 200);
  // Three Reading and Writing skills measured, none answered yet (as a diagnostic's estimate leaves them), and no Math.
  const rwSkills = skillsOf('rw');
  await t.database.db
    .insert(schema.proficiency)
    .values(rwSkills.slice(0, 3).map((k) => ({ userId: partial.id, skill: k.id, theta: 0.4, se: 0.7, mastery: 0.55, nResponses: 0 })));
  const basis = `Based on 3 of ${rwSkills.length} skills so far`;

  // The tutor, still signed in from the tests above.
  await page.goto(`${base}/app/students/${partial.id}`);
  const scores = page.getByRole('region', { name: 'Predicted scores' });
  await scores.getByText(basis, { exact: true }).waitFor();
  assert.equal(await scores.getByText(/^Based on/).count(), 1, 'Math has no prediction to qualify');
  await scores.getByText(/^The band is where the student’s score would likely land on test day/).waitFor();
  const estimated = page.locator('.heat-estimated').first();
  assert.match((await estimated.getAttribute('title')) ?? '', /estimated from the student’s diagnostic until they answer questions on it$/);
  // Nothing on the tutor's progress tab, read out or hovered, speaks to them as the student.
  const said = await page.getByRole('tabpanel').evaluate((el) =>
    [el.textContent, ...[...el.querySelectorAll('[title], [aria-label]')].flatMap((e) => [e.getAttribute('title'), e.getAttribute('aria-label')])].join(' '),
  );
  assert.doesNotMatch(said, /\byour?\b/i);

  // The student's own dashboard says the same in their words.
  await page.goto(`${base}/app/signin`);
  await page.evaluate(() => localStorage.clear());
  await signInAs(app, partial, '/dashboard');
  const own = page.getByRole('region', { name: 'Predicted scores' });
  await own.getByText(basis, { exact: true }).waitFor();
  await own.getByText(/^The band is where your score would likely land on test day/).waitFor();
  assert.match((await page.locator('.heat-estimated').first().getAttribute('title')) ?? '', /estimated from your diagnostic until you answer questions on it$/);
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the dashboard:\n${describeViolations(found)}`);

  // The note form says, beside the share choice, who reads a note left private.
  await page.goto(`${base}/app/community`);
  const share = page.getByRole('checkbox', { name: 'Share with the community' });
  const described = await share.evaluate((e) => (e.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  assert.equal(described, 'Unshared notes are private: you and your linked tutors and parents can read them, other students cannot.');
  await page.getByText(described, { exact: true }).waitFor();
});

test('a tutor sees what the student practised on the Activity tab, newest first, pages on with "Show more", and opens a finished set’s review', { skip: noBrowser ?? false }, async () => {
  const asStudent = as(t.app, student);
  const bank = await getBank(t.database.db);
  const right = (id: string) => { const it = bank.items.get(id)!; return it.type === 'mcq' ? it.answer : it.acceptedAnswers![0]!; };
  const wrong = (id: string) => { const it = bank.items.get(id)!; return it.type === 'mcq' ? 'ABCD'.replace(it.answer, '')[0]! : '9999'; };
  // A finished set of three on one skill, the last answer wrong...
  const started = await asStudent({ method: 'POST', url: '/practice/start', payload: { skill: 'math.alg.systems', count: 3 } });
  assert.equal(started.statusCode, 201, started.body);
  const setId: string = started.json().sessionId;
  let q = started.json().question;
  for (let i = 0; q; i++) {
    const res = await asStudent({ method: 'POST', url: `/practice/${setId}/answer`, payload: { questionId: q.id, answer: i < 2 ? right(q.id) : wrong(q.id), timeSpentMs: 20_000 } });
    assert.equal(res.statusCode, 200, res.body);
    q = res.json().next;
  }
  const finished = await asStudent({ method: 'POST', url: `/practice/${setId}/finish` });
  assert.equal(finished.statusCode, 200, finished.body);
  // ...then a retry of the question it missed, started and not answered yet.
  const retry = await asStudent({ method: 'POST', url: '/practice/mistakes/start', payload: { skill: 'math.alg.systems', count: 5 } });
  assert.equal(retry.statusCode, 201, retry.body);
  const listed = (await as(t.app, tutor)({ method: 'GET', url: `/progress/${student.id}/sessions?limit=2` })).json();
  assert.deepEqual(listed.sessions.map((s: { sessionId: string }) => s.sessionId), [retry.json().sessionId, setId]);

  // The tutor signs back in (the test above left the student Jin signed in). The app asks for 20
  // sessions a page; asked for 2 here, the student's four (two full-length tests from the tests
  // above) take a second page, which "Show more" fetches with the first page's cursor.
  await page.goto(`${base}/app/signin`);
  await page.evaluate(() => localStorage.clear());
  const sessionsUrl = /\/progress\/[^/?]+\/sessions(\?|$)/;
  await page.route(sessionsUrl, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', '2');
    return route.continue({ url: url.href });
  });
  try {
    await signInAs(app, tutor, `/students/${student.id}`);
    await page.getByRole('heading', { name: 'Maya Lopez', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Activity' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Activity' });
    const rows = panel.locator('li.activity-item');
    await rows.first().waitFor();
    const skill = 'Systems of two linear equations in two variables';
    assert.deepEqual(await rows.locator('.activity-what').allInnerTexts(), [`Retry of missed questions: ${skill}`, `Practice: ${skill}`]);
    assert.deepEqual(await rows.locator('.activity-result').allInnerTexts(), ['In progress · 0 questions answered', '2 of 3 right']);
    // When each began, in the viewer's locale and zone (en-US, UTC here), on a <time> that carries the instant.
    const times = rows.locator('time');
    assert.deepEqual(await times.evaluateAll((els) => els.map((e) => e.getAttribute('datetime'))), listed.sessions.map((s: { startedAt: string }) => s.startedAt));
    for (const [i, s] of (listed.sessions as { startedAt: string }[]).entries()) {
      const at = new Date(s.startedAt);
      const text = (await times.nth(i).innerText()).replace(/\s+/g, ' ');
      const day = `${at.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${at.getUTCDate()}`;
      const clock = `${at.getUTCHours() % 12 || 12}:${String(at.getUTCMinutes()).padStart(2, '0')} ${at.getUTCHours() < 12 ? 'AM' : 'PM'}`;
      assert.ok(text.startsWith(day) && text.endsWith(clock), `"${text}" is ${day}, ${clock}`);
    }
    // Only the finished set has a review to open.
    assert.equal(await rows.nth(0).getByRole('link').count(), 0, 'a set under way has no review yet');
    const review = rows.nth(1).getByRole('link', { name: /^Review/ });
    assert.equal(await review.getAttribute('href'), `/app/review/${setId}`);
    // Written about the student, to the adult reading it.
    assert.doesNotMatch(await panel.innerText(), /\byour?\b/i);
    const found = await seriousViolations(page);
    assert.equal(found.length, 0, `axe on the student's activity:\n${describeViolations(found)}`);

    // The next page follows the first, oldest last; none is left after it.
    await panel.getByRole('button', { name: 'Show more' }).click();
    await rows.nth(2).waitFor();
    const whats = await rows.locator('.activity-what').allInnerTexts();
    assert.equal(whats.length, 4, whats.join(' | '));
    assert.deepEqual(whats.slice(0, 2), [`Retry of missed questions: ${skill}`, `Practice: ${skill}`]);
    assert.equal(whats[2], 'Full-length test: Reading and Writing only');
    assert.match(whats[3]!, /^Full-length test/);
    assert.equal(await panel.getByRole('button', { name: 'Show more' }).count(), 0);

    // The finished set's review opens for the tutor: every answer, with how many were right.
    await review.click();
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/app/review/${setId}`);
    await page.getByText(/^2 of 3 correct\./).waitFor();
    assert.equal(await page.locator('.review-list > li').count(), 3);
  } finally {
    await page.unroute(sessionsUrl);
  }
});
