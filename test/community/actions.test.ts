/**
 * Upvotes, the helpful mark (with its points and its place in the training data), and
 * moderation: reports, the hiding threshold, and admin hide/unhide.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../src/accounts/access.ts';
import { HELPFUL_ANSWER_POINTS, markHelpful } from '../../src/community/helpful.ts';
import { report, REPORT_THRESHOLD, setHidden } from '../../src/community/moderation.ts';
import { getNote, listNotes, postNote } from '../../src/community/notes.ts';
import { postReply } from '../../src/community/replies.ts';
import { setVote } from '../../src/community/votes.ts';
import { readNoteReplies } from '../../src/dataset/read-db.ts';
import { schema } from '../../src/db/index.ts';
import { AppError } from '../../src/lib/errors.ts';
import { pointsBalance } from '../../src/progress/points.ts';
import { createFixture, eventsOf, type Fixture } from './fixture.ts';

let f: Fixture;
before(async () => {
  f = await createFixture();
});
after(() => f?.database.dispose());

const status = (code: number) => (e: unknown) => e instanceof AppError && e.status === code;
const note = async (actor: Actor = f.author, body = 'How do I spot a dangling modifier quickly?') =>
  (await postNote(f.database.db, f.ai, actor, { body, visibility: 'community', aiReply: false })).body.note;
const reply = async (actor: Actor, noteId: string, body = 'Ask who is doing the action in the opening phrase.') =>
  (await postReply(f.database.db, actor, noteId, body)).body.reply;

test('upvoting twice counts once; withdrawing twice removes once; nobody upvotes their own post', async () => {
  const n = await note();
  const db = f.database.db;
  assert.deepEqual(await setVote(db, f.other, 'note', n.id, true), { targetKind: 'note', targetId: n.id, upvotes: 1, voted: true, changed: true });
  assert.equal((await setVote(db, f.other, 'note', n.id, true)).changed, false);
  assert.equal((await setVote(db, f.third, 'note', n.id, true)).upvotes, 2);
  assert.equal((await getNote(db, f.other, n.id)).note.upvotes, 2);
  assert.equal((await setVote(db, f.other, 'note', n.id, false)).upvotes, 1);
  assert.equal((await setVote(db, f.other, 'note', n.id, false)).changed, false);
  assert.equal((await getNote(db, f.other, n.id)).note.upvotes, 1);
  await assert.rejects(setVote(db, f.author, 'note', n.id, true), status(403));
  const r = await reply(f.other, n.id);
  await setVote(db, f.author, 'reply', r.id, true);
  await setVote(db, f.author, 'reply', r.id, true);
  const view = await getNote(db, f.author, n.id);
  assert.equal(view.replies[0].upvotes, 1);
  assert.equal(view.replies[0].votedByMe, true);
  const rows = await db.select().from(schema.communityVotes).where(eq(schema.communityVotes.targetId, r.id));
  assert.equal(rows.length, 1);
  const events = (await eventsOf(f.database, 'community.voted')).filter((e) => (e.payload as { targetId: string }).targetId === n.id);
  assert.equal(events.length, 3, 'two votes and one withdrawal changed something');
});

test('only the note’s author marks a reply helpful; the replier gets points once; the mark is idempotent', async () => {
  const db = f.database.db;
  const n = await note();
  const r = await reply(f.other, n.id);
  const before = await pointsBalance(db, f.other.userId);
  await assert.rejects(markHelpful(db, f.third, r.id), status(403));
  await assert.rejects(markHelpful(db, f.tutorLinked, r.id), status(403));
  const first = await markHelpful(db, f.author, r.id);
  assert.equal(first.changed, true);
  assert.equal(first.pointsAwarded, true);
  const second = await markHelpful(db, f.author, r.id);
  assert.equal(second.changed, false);
  assert.equal(second.pointsAwarded, false);
  assert.equal((await pointsBalance(db, f.other.userId)) - before, HELPFUL_ANSWER_POINTS);
  const ledger = await db.select().from(schema.pointsLedger).where(and(eq(schema.pointsLedger.userId, f.other.userId), eq(schema.pointsLedger.sourceId, r.id)));
  assert.equal(ledger.length, 1);
  assert.equal(ledger[0].reason, 'helpful_answer');
  const marked = (await eventsOf(f.database, 'community.marked_helpful')).filter((e) => (e.payload as { replyId: string }).replyId === r.id);
  assert.equal(marked.length, 1);
  // The author's own follow-up is not theirs to mark.
  const own = await reply(f.author, n.id, 'Thanks, that helps me a lot.');
  await assert.rejects(markHelpful(db, f.author, own.id), status(403));
});

test('the dataset reads tutor replies and helpful student replies, never unmarked student, AI or hidden ones', async () => {
  const db = f.database.db;
  const n = await note(f.author, 'Dataset note: why does the comma go there?');
  const helpful = await reply(f.other, n.id, 'Because the clause before it is independent, so it needs a comma before the conjunction.');
  const unmarked = await reply(f.third, n.id, 'Not sure, maybe guess and move on to the next question.');
  const tutor = await reply(f.tutorLinked, n.id, 'Two independent clauses joined by a conjunction take a comma before it.');
  const hidden = await reply(f.fourth, n.id, 'Helpful but later hidden by a moderator for its tone, it says.');
  await markHelpful(db, f.author, helpful.id);
  await markHelpful(db, f.author, hidden.id);
  await setHidden(db, f.admin, 'reply', hidden.id, true);
  const ids = new Set<string>();
  for await (const p of readNoteReplies(db)) {
    if (p.messages[0].content !== n.body) continue;
    ids.add(p.id);
    assert.equal(p.task, 'note_reply');
    assert.equal(p.synthetic, false);
    assert.equal(p.input, null);
  }
  assert.deepEqual([...ids].sort(), [`note_replies:${helpful.id}`, `note_replies:${tutor.id}`].sort());
  assert.ok(!ids.has(`note_replies:${unmarked.id}`));
});

test(`${REPORT_THRESHOLD} distinct reports hide a target; repeats do not count; hidden notes leave the feed of all but admins and their author`, async () => {
  const db = f.database.db;
  const n = await note(f.author, 'Report me: a post that breaks the rules.');
  const reporters = [f.other, f.third, f.fourth];
  assert.deepEqual(await report(db, reporters[0], { targetKind: 'note', targetId: n.id, reason: 'spam' }), { reported: true, hidden: false });
  assert.deepEqual(await report(db, reporters[0], { targetKind: 'note', targetId: n.id, reason: 'spam again' }), { reported: false, hidden: false });
  assert.equal((await report(db, reporters[1], { targetKind: 'note', targetId: n.id, reason: 'rude' })).hidden, false);
  assert.equal((await report(db, reporters[2], { targetKind: 'note', targetId: n.id, reason: 'rude' })).hidden, true);
  await assert.rejects(report(db, f.author, { targetKind: 'note', targetId: n.id, reason: 'mine' }), status(403));
  const [row] = await db.select().from(schema.notes).where(eq(schema.notes.id, n.id));
  assert.ok(row.hiddenAt);
  assert.ok(!(await listNotes(db, f.tutorUnlinked, { limit: 50 })).notes.some((x) => x.id === n.id));
  // Its author still sees it, marked hidden, rather than losing it without a word.
  assert.ok((await listNotes(db, f.author, { limit: 50 })).notes.some((x) => x.id === n.id && x.hidden));
  assert.ok((await listNotes(db, f.admin, { limit: 50 })).notes.some((x) => x.id === n.id && x.hidden));
  await assert.rejects(getNote(db, f.other, n.id), status(404));
  assert.equal((await getNote(db, f.author, n.id)).note.hidden, true);
  // Reviewed and restored by an admin: a later report is recorded but does not hide it again.
  assert.equal((await setHidden(db, f.admin, 'note', n.id, false)).changed, true);
  assert.equal((await report(db, await f.newStudent(), { targetKind: 'note', targetId: n.id, reason: 'still rude' })).hidden, false);
  const reports = await db.select().from(schema.communityReports).where(eq(schema.communityReports.targetId, n.id));
  assert.equal(reports.length, 4);
  const events = (await eventsOf(f.database, 'community.reported')).filter((e) => (e.payload as { targetId: string }).targetId === n.id);
  assert.equal(events.length, 4);
});

test('an admin’s report hides at once; only admins hide and unhide; hidden replies leave the note for others', async () => {
  const db = f.database.db;
  const n = await note();
  const r = await reply(f.other, n.id, 'An answer an admin will take down.');
  assert.equal((await report(db, f.admin, { targetKind: 'reply', targetId: r.id, reason: 'abuse' })).hidden, true);
  assert.ok(!(await getNote(db, f.author, n.id)).replies.some((x) => x.id === r.id));
  assert.ok((await getNote(db, f.other, n.id)).replies.some((x) => x.id === r.id && x.hidden), 'its own author still sees it');
  assert.ok((await getNote(db, f.admin, n.id)).replies.some((x) => x.id === r.id));
  await assert.rejects(setHidden(db, f.tutorLinked, 'note', n.id, true), status(403));
  await setHidden(db, f.admin, 'reply', r.id, false);
  assert.ok((await getNote(db, f.author, n.id)).replies.some((x) => x.id === r.id && !x.hidden));
  const moderated = await eventsOf(f.database, 'community.moderated', f.admin.userId);
  assert.ok(moderated.length >= 1);
});
