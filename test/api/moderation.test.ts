/**
 * The moderation queue over HTTP (GET /admin/reports): reported notes and replies, one entry
 * a target with its count and reasons but never its reporters; open / hidden / all; pages;
 * the review an admin's hide or unhide ("keep it up" included) makes, and a later report
 * reopening it; the AI's replies reported like any other; admins only; bad input refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let alice: TestUser;
let reporters: TestUser[];
let tutor: TestUser;
let admin: TestUser;

interface Entry {
  targetKind: 'note' | 'reply';
  targetId: string;
  noteId: string;
  replyKind: string | null;
  preview: string;
  author: string;
  authorId: string | null;
  reportCount: number;
  reasons: { reason: string; count: number }[];
  reasonsLeftOut: number;
  lastReportedAt: string;
  hiddenAt: string | null;
  reviewedAt: string | null;
  open: boolean;
}

before(async () => {
  t = await createTestApp();
  alice = await signUp(t.app, 'student', { name: 'Alice Author' });
  reporters = [
    await signUp(t.app, 'student', { name: 'Rita Reporter' }),
    await signUp(t.app, 'student', { name: 'Remy Reporter' }),
    await signUp(t.app, 'student', { name: 'Rosa Reporter' }),
    await signUp(t.app, 'student', { name: 'Ravi Reporter' }),
  ];
  tutor = await signUp(t.app, 'tutor');
  const email = 'moderation-admin@example.test';
  const password = 'admin password 123';
  const user = await createUser(t.database.db, { email, password, displayName: 'Mod Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const res = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password } });
  admin = { id: user.id, email, password, role: 'admin', token: res.json().accessToken, refreshToken: res.json().refreshToken };
});
after(() => t?.close());

const post = async (body: string, aiReply = false) => {
  const res = await as(t.app, alice)({ method: 'POST', url: '/community/note', payload: { body, visibility: 'community', aiReply } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { note: { id: string }; aiReply: { id: string } | null };
};
const reply = async (who: TestUser, noteId: string, body: string) => {
  const res = await as(t.app, who)({ method: 'POST', url: `/community/notes/${noteId}/replies`, payload: { body } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().reply.id as string;
};
const report = async (who: TestUser, targetKind: 'note' | 'reply', targetId: string, reason: string) => {
  const res = await as(t.app, who)({ method: 'POST', url: '/community/report', payload: { targetKind, targetId, reason } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { reported: boolean; hidden: boolean };
};
const moderate = async (action: 'hide' | 'unhide', kind: 'note' | 'reply', id: string) => {
  const res = await as(t.app, admin)({ method: 'POST', url: `/community/${kind}/${id}/${action}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { hidden: boolean; changed: boolean };
};
const queue = async (query = '') => {
  const res = await as(t.app, admin)({ method: 'GET', url: `/admin/reports${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { reports: Entry[]; next: string | null };
};
/** Every entry of a status, paging through. */
const all = async (status: string) => {
  const out: Entry[] = [];
  let cursor: string | null = null;
  do {
    const page = await queue(`?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    out.push(...page.reports);
    cursor = page.next;
  } while (cursor);
  return out;
};
const find = async (status: string, id: string) => (await all(status)).find((e) => e.targetId === id);

test('one entry a target, newest report first, with its count, reasons, author and thread — and nothing of who reported', async () => {
  const long = `Buy cheap essays at my site. ${'Really cheap, really fast, no questions asked. '.repeat(12)}`;
  const spam = (await post(long)).note.id;
  const [rita, remy, rosa] = reporters;
  assert.equal((await report(rita, 'note', spam, 'spam')).hidden, false);
  await report(remy, 'note', spam, 'Spam');
  assert.equal((await report(rosa, 'note', spam, 'selling essays')).hidden, true, 'the third reporter hides it');
  const thread = (await post('Does anyone have a trick for ratio word problems?')).note.id;
  const rude = await reply(rita, thread, 'What a stupid question.');
  await report(alice, 'reply', rude, 'rude to me');

  const { reports } = await queue();
  const mine = reports.filter((e) => e.targetId === spam || e.targetId === rude);
  assert.deepEqual(mine.map((e) => e.targetId), [rude, spam], 'newest report first');
  const [r, s] = mine;
  assert.equal(s.targetKind, 'note');
  assert.equal(s.noteId, spam);
  assert.equal(s.reportCount, 3);
  assert.deepEqual(s.reasons.map((x) => [x.reason.toLowerCase(), x.count]), [['spam', 2], ['selling essays', 1]], 'reasons grouped case aside, most given first');
  assert.equal(s.author, 'Alice Author');
  assert.equal(s.authorId, alice.id);
  assert.ok(s.hiddenAt, 'hidden by the threshold');
  assert.equal(s.open, true, 'hidden by reports, not yet seen by an admin');
  assert.equal(s.reviewedAt, null);
  assert.ok(s.preview.length <= 281 && s.preview.endsWith('…') && long.startsWith(s.preview.slice(0, -1)), s.preview);
  assert.equal(r.targetKind, 'reply');
  assert.equal(r.noteId, thread, 'a reply points at its thread');
  assert.equal(r.replyKind, 'community');
  assert.equal(r.author, 'Rita Reporter');
  assert.equal(r.preview, 'What a stupid question.');
  assert.equal(r.hiddenAt, null);
  assert.deepEqual(r.reasons, [{ reason: 'rude to me', count: 1 }]);

  // Reporters stay private: not their ids, emails or names (Rita is listed only as the reply's author).
  const text = JSON.stringify(s);
  for (const who of [rita, remy, rosa]) for (const mark of [who.id, who.email]) assert.ok(!text.includes(mark), `reporter ${mark} shown`);
  for (const name of ['Rita', 'Remy', 'Rosa']) assert.ok(!text.includes(name), `reporter ${name} shown`);
  assert.ok(!JSON.stringify(r).includes(alice.id) && !JSON.stringify(r).includes('Alice'), 'the reply’s reporter is not shown');
});

test('the AI’s reply can be reported — by the note’s own author too — and is listed as "AI"', async () => {
  const { note, aiReply } = await post('How do I know when to use a semicolon?', true);
  assert.ok(aiReply);
  assert.deepEqual(await report(alice, 'reply', aiReply.id, 'the AI got it wrong'), { reported: true, hidden: false });
  await report(reporters[3], 'reply', aiReply.id, 'wrong answer');
  const e = await find('open', aiReply.id);
  assert.ok(e, 'listed');
  assert.equal(e.author, 'AI');
  assert.equal(e.authorId, null);
  assert.equal(e.replyKind, 'ai');
  assert.equal(e.noteId, note.id);
  assert.equal(e.reportCount, 2);
});

test('status: open until an admin decides — unhide, hide, or "keep it up" — hidden lists what is hidden now, and a new report reopens', async () => {
  const [rita, remy, rosa, ravi] = reporters;
  const crowd = (await post('Everyone in this thread is dumb.')).note.id;
  for (const who of [rita, remy, rosa]) await report(who, 'note', crowd, 'insulting');
  const fine = (await post('Ratios: write both quantities in the same unit first.')).note.id;
  await report(rita, 'note', fine, 'I disagree');
  const bad = await reply(remy, fine, 'Go away, nobody asked.');
  await report(alice, 'reply', bad, 'rude');

  for (const id of [crowd, fine, bad]) assert.ok(await find('open', id), `${id} open`);
  assert.ok(await find('hidden', crowd));
  assert.equal(await find('hidden', fine), undefined, 'not hidden');

  // Restored: reviewed, out of the open queue and of "hidden", still in "all".
  assert.deepEqual(await moderate('unhide', 'note', crowd), { targetKind: 'note', targetId: crowd, hidden: false, changed: true });
  assert.equal(await find('open', crowd), undefined);
  assert.equal(await find('hidden', crowd), undefined);
  const restored = await find('all', crowd);
  assert.ok(restored?.reviewedAt && !restored.open && restored.hiddenAt === null);

  // "Keep it up": an unhide that changes nothing still closes the reports.
  assert.equal((await moderate('unhide', 'note', fine)).changed, false);
  assert.equal(await find('open', fine), undefined);
  assert.equal((await find('all', fine))?.hiddenAt, null);

  // Hidden from the queue: reviewed, listed under "hidden".
  assert.equal((await moderate('hide', 'reply', bad)).changed, true);
  assert.equal(await find('open', bad), undefined);
  assert.ok((await find('hidden', bad))?.hiddenAt);
  const thread = (await as(t.app, ravi)({ method: 'GET', url: `/community/notes/${fine}` })).json();
  assert.ok(!thread.replies.some((x: { id: string }) => x.id === bad), 'gone from the thread for others');

  // A report after the review puts it back in front of an admin (without hiding it: the crossing was before).
  assert.deepEqual(await report(ravi, 'note', fine, 'still wrong'), { reported: true, hidden: false });
  const reopened = await find('open', fine);
  assert.ok(reopened?.open && reopened.reviewedAt && reopened.reviewedAt < reopened.lastReportedAt);
  assert.equal(reopened.reportCount, 2);
  const events = await t.database.db.select().from(schema.events).where(eq(schema.events.type, 'community.moderated'));
  assert.ok(events.some((e) => (e.payload as { targetId: string }).targetId === fine), 'the "keep it up" decision is logged');
});

test('deleted notes and replies, and replies of a deleted note, drop out', async () => {
  const gone = (await post('A post its author will delete.')).note.id;
  const parent = (await post('A thread that will be deleted.')).note.id;
  const orphan = await reply(reporters[0], parent, 'A reply on a thread that will go.');
  await report(reporters[1], 'note', gone, 'spam');
  await report(reporters[1], 'reply', orphan, 'spam');
  assert.ok(await find('all', gone));
  assert.ok(await find('all', orphan));
  await t.database.db.update(schema.notes).set({ deletedAt: new Date() }).where(eq(schema.notes.id, gone));
  await t.database.db.update(schema.notes).set({ deletedAt: new Date() }).where(eq(schema.notes.id, parent));
  assert.equal(await find('all', gone), undefined);
  assert.equal(await find('all', orphan), undefined);
});

test('pages: limit and cursor walk the whole queue once, in order', async () => {
  for (let i = 0; i < 5; i++) await report(reporters[i % 2], 'note', (await post(`Paging post ${i}`)).note.id, `reason ${i}`);
  const whole = (await queue('?status=all&limit=100')).reports.map((e) => e.targetId);
  assert.ok(whole.length >= 10, `${whole.length} entries`);
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await queue(`?status=all&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(page.reports.length <= 3);
    walked.push(...page.reports.map((e) => e.targetId));
    cursor = page.next;
  } while (cursor);
  assert.deepEqual(walked, whole);
  assert.equal((await queue('?status=all&limit=100')).next, null);
  assert.equal((await queue('?limit=1')).reports.length, 1);
  assert.equal((await queue()).reports.length <= 20, true, 'default page of 20');
});

test('admins only: anonymous 401, students and tutors 403', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/admin/reports' })).statusCode, 401);
  for (const who of [alice, reporters[0], tutor]) assert.equal((await as(t.app, who)({ method: 'GET', url: '/admin/reports?status=all' })).statusCode, 403);
});

test('bad input: an unknown status, a bad limit or cursor, a malformed id — 400, and nothing changes', async () => {
  const target = (await post('A post nobody may touch by mistake.')).note.id;
  await report(reporters[0], 'note', target, 'spam');
  const snapshot = async () => ({
    events: (await t.database.db.select().from(schema.events)).length,
    reports: (await t.database.db.select().from(schema.communityReports)).length,
    hidden: (await t.database.db.select().from(schema.notes).where(eq(schema.notes.id, target)))[0].hiddenAt,
  });
  const before = await snapshot();
  const bad = [
    '/admin/reports?status=closed',
    '/admin/reports?status=OPEN',
    '/admin/reports?status=',
    '/admin/reports?limit=0',
    '/admin/reports?limit=101',
    '/admin/reports?limit=abc',
    '/admin/reports?limit=2.5',
    '/admin/reports?cursor=abc',
    `/admin/reports?cursor=1_note_${target}x`,
    `/admin/reports?cursor=1_user_${target}`,
    '/admin/reports?cursor=1_note_not-a-uuid',
  ];
  for (const url of bad) {
    const res = await as(t.app, admin)({ method: 'GET', url });
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.ok(res.json().error && res.json().message, url);
  }
  for (const url of ['/community/note/not-a-uuid/hide', `/community/notes/${target}/hide`, `/community/user/${target}/unhide`, `/community/note/${target.slice(1)}/unhide`]) {
    const res = await as(t.app, admin)({ method: 'POST', url });
    assert.ok(res.statusCode === 400 || res.statusCode === 404, `${url}: ${res.statusCode}`);
  }
  assert.equal((await as(t.app, admin)({ method: 'POST', url: '/community/note/not-a-uuid/hide' })).statusCode, 400);
  assert.deepEqual(await snapshot(), before);
  assert.ok(await find('open', target), 'still waiting');
});
