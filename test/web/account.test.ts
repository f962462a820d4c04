/**
 * The account page in a real browser against the real server: an adult student downloads
 * their data (the file is JSON about them), turns training-data consent on and off, removes a
 * tutor who could see their progress, gets a plain error for a wrong password and then
 * deletes the account (after which signing in fails). A parent turns consent on for a minor
 * child from the child's page (the setting shown plainly, with only the button that changes
 * it) and cancels a pending request; the child sees a parent decides. A parent's pages speak
 * of their child, and list each child's tutors for the parent to remove.
 * Each state is checked through the API afterwards; the pages are screenshot at phone and
 * laptop size and checked with axe-core.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { as, signUp, type TestUser } from '../helpers/app.ts';
import { describeViolations, noBrowser, openWebApp, seriousViolations, shoot, signInAs, SIZES, type WebApp } from './browser.ts';

let app: WebApp;
let page: Page;
let student: TestUser;
let tutor: TestUser;
let parent: TestUser;
let child: TestUser;
let other: TestUser;

/** Calls the API as `user`, failing on anything but `status`. */
async function api<T>(user: TestUser, method: 'GET' | 'POST', url: string, payload?: object, status = 200): Promise<T> {
  const res = await as(app.t.app, user)({ method, url, ...(payload ? { payload } : {}) });
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** `follower` asks to follow `student`, who accepts. */
async function link(follower: TestUser, who: TestUser): Promise<string> {
  const row = await api<{ id: string }>(follower, 'POST', '/links', { studentEmail: who.email }, 201);
  await api(who, 'POST', `/links/${row.id}/accept`);
  return row.id;
}

const me = (user: TestUser) => api<{ trainingConsent: boolean }>(user, 'GET', '/auth/me');

/** Screenshot at both sizes, nothing wider than a phone, and no serious or critical axe finding. */
async function check(name: string) {
  await shoot(page, name);
  await page.setViewportSize(SIZES.phone);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= SIZES.phone.width, `${name} is ${width} px wide on a ${SIZES.phone.width} px phone`);
  const found = await seriousViolations(page);
  await page.setViewportSize(SIZES.laptop);
  assert.equal(found.length, 0, `axe on ${name}:\n${describeViolations(found)}`);
}

let tutorLink = '';

before(async () => {
  if (noBrowser) return;
  app = await openWebApp(SIZES.laptop);
  page = app.page;
  student = await signUp(app.t.app, 'student', { name: 'Maya Lopez', birthDate: '2000-03-14' });
  tutor = await signUp(app.t.app, 'tutor', { name: 'Sam Lee' });
  parent = await signUp(app.t.app, 'parent', { name: 'Ana Park' });
  child = await signUp(app.t.app, 'student', { name: 'Jin Park', birthDate: `${new Date().getUTCFullYear() - 14}-06-01` });
  other = await signUp(app.t.app, 'student', { name: 'Lee Other', birthDate: '2001-01-01' });
  tutorLink = await link(tutor, student);
  await link(parent, child);
  // A tutor's link to the child is in the parent's GET /links too; it is not the parent's own.
  await link(tutor, child);
});
after(() => app?.close());

/** Each test starts signed out, whatever the one before left behind. */
async function signedOut() {
  await page.goto(`${app.base}/app/signin`);
  await page.evaluate(() => localStorage.clear());
}

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

test('an adult student downloads their data, sets consent, removes a tutor and deletes the account', { skip: noBrowser ?? false }, async () => {
  await signedOut();
  await signInAs(app, student, '/dashboard');
  await page.waitForURL('**/app/dashboard');
  await nav('Account').click();
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
  assert.equal(await nav('Account').getAttribute('aria-current'), 'page');
  const details = page.getByRole('region', { name: 'Your details' });
  await details.getByText(student.email, { exact: true }).waitFor();
  await details.getByText('Maya Lopez', { exact: true }).waitFor();
  await details.getByText('Student', { exact: true }).waitFor();

  // Download my data: a JSON file about this student.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
  assert.equal(download.suggestedFilename(), 'satprep-my-data.json');
  const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as { user: { id: string; email: string; passwordHash?: string }; links: unknown[] };
  assert.equal(data.user.id, student.id);
  assert.equal(data.user.email, student.email);
  assert.equal(data.user.passwordHash, undefined, 'no password hash in the export');
  assert.ok(Array.isArray(data.links) && data.links.length === 1, 'the export holds the tutor link');
  await page.getByText('Your data is saved as satprep-my-data.json').waitFor();

  // Consent: off to begin with; on, then off again, each saved on the server.
  const consent = page.getByRole('region', { name: 'Training-data consent' });
  await consent.getByText('Consent is off.', { exact: true }).waitFor();
  assert.match(await consent.innerText(), /pseudonymised and scrubbed of personal details/);
  await consent.getByRole('button', { name: 'Turn consent on' }).click();
  await consent.getByText(/^Saved: consent is on\./).waitFor();
  await consent.getByText('Consent is on.', { exact: true }).waitFor();
  assert.equal((await me(student)).trainingConsent, true);
  await consent.getByRole('button', { name: 'Turn consent off' }).click();
  await consent.getByText(/^Saved: consent is off\./).waitFor();
  assert.equal((await me(student)).trainingConsent, false);

  // The tutor who can see the student's progress, removed after a confirmation.
  const people = page.getByRole('region', { name: 'People who can see your progress' });
  await people.getByText(`Sam Lee (${tutor.email})`, { exact: true }).waitFor();
  // What the tutor can read is spelled out, private notes included.
  await people.getByText('Tutor · sees your progress, plan, test results, tutor chats and notes (private ones included)', { exact: true }).waitFor();
  await check('account-student');
  // On a phone the student's seven tabs fit in two rows, none cut off.
  await page.setViewportSize(SIZES.phone);
  const tabs = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all();
  const tops = new Set<number>();
  for (const tab of tabs) {
    assert.ok(await tab.evaluate((a) => a.scrollWidth <= a.clientWidth), `${await tab.innerText()} is cut off on a phone`);
    tops.add(Math.round((await tab.boundingBox())!.y));
  }
  assert.equal(tops.size, 2, 'two rows of tabs on a phone');
  await page.setViewportSize(SIZES.laptop);
  await people.getByRole('button', { name: /^Remove/ }).click();
  const question = people.getByRole('group', { name: /^Remove Sam Lee\?/ });
  await question.waitFor();
  // Keep calls it off and nothing changes.
  await question.getByRole('button', { name: 'Keep' }).click();
  await question.waitFor({ state: 'detached' });
  assert.equal((await api<{ links: { id: string; status: string }[] }>(student, 'GET', '/links')).links[0].status, 'accepted');
  await people.getByRole('button', { name: /^Remove/ }).click();
  await check('account-student-remove');
  await people.getByRole('button', { name: 'Yes, remove' }).click();
  await people.getByText('Removed — they can no longer see your progress.', { exact: true }).waitFor();
  const rows = (await api<{ links: { id: string; status: string }[] }>(student, 'GET', '/links')).links;
  assert.equal(rows.find((l) => l.id === tutorLink)?.status, 'revoked');
  // The tutor has lost access too.
  await api(tutor, 'GET', `/progress/${student.id}`, undefined, 403);

  // Delete: a wrong password is refused in plain words and deletes nothing.
  const del = page.getByRole('region', { name: 'Delete my account' });
  await del.getByRole('button', { name: 'Delete my account…' }).click();
  await del.getByLabel('Your password').fill('not my password');
  await check('account-student-delete');
  await del.getByRole('button', { name: 'Delete my account permanently' }).click();
  await del.getByText('That password is not right, so your account was not deleted. Check it and try again.').waitFor();
  assert.equal(await del.getByLabel('Your password').inputValue(), 'not my password', 'what was typed stays');
  await me(student);

  await del.getByLabel('Your password').fill(student.password);
  await del.getByRole('button', { name: 'Delete my account permanently' }).click();
  await page.waitForURL('**/app/signin?deleted=1');
  await page.getByText('Your account was deleted and you were signed out on every device.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('satprep.session')), null, 'signed out on this device');
  await check('account-deleted-signin');

  // Signing in again fails, in the browser and through the API.
  await page.getByLabel('Email').fill(student.email);
  await page.getByLabel('Password').fill(student.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
  const res = await app.t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: student.email, password: student.password } });
  assert.equal(res.statusCode, 401);
});

test('a parent turns on consent for a minor child and cancels a pending request; the child sees that a parent decides', { skip: noBrowser ?? false }, async () => {
  const pending = await api<{ id: string }>(parent, 'POST', '/links', { studentEmail: other.email }, 201);

  await signedOut();
  await signInAs(app, parent, '/students');
  await page.getByRole('heading', { name: 'My children', level: 1 }).waitFor();
  // The page speaks to a parent about their child, not about "the student".
  await page.getByText('Follow your child’s progress, plan, test results, tutor chats and notes — once your child accepts.', { exact: true }).waitFor();
  await page.getByLabel('Your child’s email').waitFor();
  await page.getByText('Waiting for your child to accept', { exact: true }).waitFor();
  assert.equal(await page.getByText(/the student/).count(), 0, 'no “the student” on a parent’s page');
  await page.getByRole('link', { name: /^View progress of Jin Park/ }).click();
  await page.getByRole('heading', { name: 'Jin Park', level: 1 }).waitFor();
  await page.getByRole('link', { name: '← All children', exact: true }).waitFor();
  const consent = page.getByRole('region', { name: 'Training-data consent' });
  // The parent's own link carries the child's current setting: stated plainly, not as a success, with the one button that changes it.
  await consent.getByText('Consent for Jin Park is off.', { exact: true }).waitFor();
  assert.equal(await consent.locator('.notice-success').count(), 0, 'the setting as it stands is not a success message');
  assert.deepEqual(await consent.getByRole('button').allInnerTexts(), ['Turn consent on']);
  await consent.getByRole('button', { name: 'Turn consent on' }).click();
  // Just after the change, and only then, a success notice.
  await consent.locator('.notice-success').getByText(/^Saved: consent for Jin Park is on\./).waitFor();
  await consent.getByText('Consent for Jin Park is on.', { exact: true }).waitFor();
  assert.deepEqual(await consent.getByRole('button').allInnerTexts(), ['Turn consent off']);
  assert.equal((await me(child)).trainingConsent, true);
  await check('account-parent-child-consent');
  // Read again later, the setting says who changed it: a change made by anyone else would show their name.
  await page.reload();
  await consent.getByText(/^Last changed by .+ \(parent\) on [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/).waitFor();
  // A second "parent" of the same child is never unseen by the first.
  const second = await signUp(app.t.app, 'parent', { name: 'Totally Mom' });
  await link(second, child);

  // The parent's account page: the child they follow, and a pending request to cancel.
  await nav('Account').click();
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
  const children = page.getByRole('region', { name: 'Your children', exact: true });
  await children.getByText('Jin Park', { exact: true }).waitFor();
  await children.getByRole('button', { name: 'Stop following: Jin Park' }).waitFor();
  await children.getByText(other.email, { exact: true }).waitFor();
  assert.equal(await children.getByText(/Sam Lee/).count(), 0, 'the tutor following the child is not one of the parent’s own links');
  // That tutor is listed apart, as the child's, for the parent to remove.
  const tutors = page.getByRole('region', { name: 'Your children’s tutors' });
  await tutors.getByText(`Sam Lee (${tutor.email}), tutor of Jin Park`, { exact: true }).waitFor();
  await tutors.getByRole('button', { name: `Remove: Sam Lee (${tutor.email}), tutor of Jin Park` }).waitFor();
  await tutors.getByText(`Totally Mom (${second.email}), parent of Jin Park`, { exact: true }).waitFor();
  assert.equal(await tutors.getByRole('button', { name: /Totally Mom/ }).count(), 0, 'another parent is listed, not removable');
  await check('account-parent');
  await children.getByRole('button', { name: `Cancel request: ${other.email}` }).click();
  await children.getByRole('button', { name: 'Yes, cancel request' }).click();
  await children.getByText('Request cancelled.', { exact: true }).waitFor();
  const rows = (await api<{ links: { id: string; status: string }[] }>(parent, 'GET', '/links')).links;
  assert.equal(rows.find((l) => l.id === pending.id)?.status, 'revoked');

  // The child: consent shows as on, a parent decides, and turning it off is still theirs.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/app/signin');
  await signInAs(app, child, '/account');
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
  const own = page.getByRole('region', { name: 'Training-data consent' });
  await own.getByText('Consent is on.', { exact: true }).waitFor();
  await own.getByText(/^You are under 18, so a parent decides\./).waitFor();
  assert.equal(await own.getByRole('button', { name: 'Turn consent on' }).count(), 0, 'a minor is not offered to give consent');
  await check('account-minor');
  await own.getByRole('button', { name: 'Turn consent off' }).click();
  await own.getByText(/^Saved: consent is off\./).waitFor();
  assert.equal((await me(child)).trainingConsent, false);
  // Now off, there is nothing for the minor to press.
  assert.equal(await own.getByRole('button').count(), 0);
  // And the API agrees a minor cannot turn it on themself.
  const res = await as(app.t.app, child)({ method: 'PUT', url: `/students/${child.id}/consent`, payload: { granted: true } });
  assert.equal(res.statusCode, 403);
});

test('a parent accepts a tutor’s request to follow their child from the My children page', { skip: noBrowser ?? false }, async () => {
  const other = await signUp(app.t.app, 'tutor', { name: 'Ravi Tutor' });
  const asked = await api<{ id: string }>(other, 'POST', '/links', { studentEmail: child.email }, 201);
  await signedOut();
  await signInAs(app, parent, '/students');
  const requests = page.getByRole('region', { name: 'Link requests' });
  const line = requests.getByText(/^Ravi Tutor \(.*\), a tutor, asked to follow Jin Park’s progress\.$/);
  await line.waitFor();
  const tutors = page.getByRole('region', { name: 'Your children’s tutors' });
  // Sam Lee, accepted by the child in before(), is there already; Ravi Tutor not until accepted.
  await tutors.getByText(`Sam Lee (${tutor.email}), tutor of Jin Park`, { exact: true }).waitFor();
  assert.equal(await tutors.getByText(/Ravi Tutor/).count(), 0);
  await requests.locator('li').filter({ hasText: 'Ravi Tutor' }).getByRole('button', { name: 'Accept the tutor' }).click();
  await requests.getByText(/asked to follow Jin Park’s progress — accepted\.$/).first().waitFor();
  const rows = (await api<{ links: { id: string; status: string }[] }>(parent, 'GET', '/links')).links;
  assert.equal(rows.find((l) => l.id === asked.id)?.status, 'accepted');
  await api(other, 'GET', `/progress/${child.id}`);

  // Once accepted the tutor stays in view, under the child, and the parent can take the access back.
  const ravi = `Ravi Tutor (${other.email}), tutor of Jin Park`;
  // The same list, with the same confirm step, as on the Account page.
  await tutors.getByText(ravi, { exact: true }).waitFor();
  await tutors.getByRole('button', { name: `Remove: ${ravi}` }).click();
  const question = tutors.getByRole('group', { name: /^Remove Ravi Tutor .* as Jin Park’s tutor\?/ });
  await question.waitFor();
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `axe on the children’s tutors:\n${describeViolations(found)}`);
  await question.getByRole('button', { name: 'Keep' }).click();
  await question.waitFor({ state: 'detached' });
  assert.equal(await tutors.getByRole('button', { name: `Remove: ${ravi}` }).evaluate((b) => b === document.activeElement), true, 'focus back on Remove');
  await tutors.getByRole('button', { name: `Remove: ${ravi}` }).click();
  await question.getByRole('button', { name: 'Yes, remove' }).click();
  await tutors.getByText('Removed — they can no longer see Jin Park’s progress.', { exact: true }).waitFor();
  const later = (await api<{ links: { id: string; status: string }[] }>(parent, 'GET', '/links')).links;
  assert.equal(later.find((l) => l.id === asked.id)?.status, 'revoked');
  await api(other, 'GET', `/progress/${child.id}`, undefined, 403);
});
