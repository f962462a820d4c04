/**
 * Notes and replies on the database: what each viewer sees (private notes, hidden rows,
 * author ids), the feed's filters and paging, and the rules for posting and replying.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../src/accounts/access.ts';
import { getNote, listNotes, postNote, type NoteInput } from '../../src/community/notes.ts';
import { postReply, replyKindFor, requestAiReply } from '../../src/community/replies.ts';
import { schema } from '../../src/db/index.ts';
import { AppError } from '../../src/lib/errors.ts';
import { createFixture, eventsOf, type Fixture } from './fixture.ts';

let f: Fixture;
before(async () => {
  f = await createFixture();
});
after(() => f?.database.dispose());

const status = (code: number) => (e: unknown) => e instanceof AppError && e.status === code;
const post = async (actor: Actor, input: Partial<NoteInput> = {}) =>
  (await postNote(f.database.db, f.ai, actor, { body: 'I keep mixing up slope and intercept here.', visibility: 'community', aiReply: false, ...input })).body;

test('a note on a question takes its skill; a missing question is 404, a contradicting skill 400', async () => {
  const item = f.items[0];
  const { note } = await post(f.author, { questionId: item.id });
  assert.equal(note.skill, item.skill);
  assert.equal(note.questionId, item.id);
  await assert.rejects(post(f.author, { questionId: 'no-such-question' }), status(404));
  const otherSkill = f.items.find((i) => i.skill !== item.skill)!.skill;
  await assert.rejects(post(f.author, { questionId: item.id, skill: otherSkill }), status(400));
  const events = await eventsOf(f.database, 'community.note_posted', f.author.userId);
  assert.ok(events.some((e) => (e.payload as { noteId: string }).noteId === note.id));
});

test('only students post notes', async () => {
  for (const who of [f.tutorLinked, f.parentLinked, f.admin]) await assert.rejects(post(who), status(403));
});

test('a private note: the author, linked tutor and parent, and admins see it; other students and unlinked tutors get 403', async () => {
  const { note } = await post(f.author, { visibility: 'private', body: 'Private: remember to check units.' });
  for (const who of [f.author, f.tutorLinked, f.parentLinked, f.admin]) assert.equal((await getNote(f.database.db, who, note.id)).note.id, note.id);
  for (const who of [f.other, f.tutorUnlinked]) await assert.rejects(getNote(f.database.db, who, note.id), status(403));
  // A reply needs the same sight: the linked tutor answers as a tutor, another student cannot.
  const r = await postReply(f.database.db, f.tutorLinked, note.id, 'Good habit; also check the sign.');
  assert.equal(r.body.reply.kind, 'tutor');
  await assert.rejects(postReply(f.database.db, f.other, note.id, 'hi'), status(403));
  const feed = await listNotes(f.database.db, f.other, { limit: 50 });
  assert.ok(!feed.notes.some((n) => n.id === note.id), 'not in another student’s feed');
  const byAuthor = await listNotes(f.database.db, f.tutorLinked, { authorId: f.author.userId, limit: 50 });
  assert.ok(byAuthor.notes.some((n) => n.id === note.id), 'a linked tutor sees it filtering by the author');
  const byAuthorOther = await listNotes(f.database.db, f.other, { authorId: f.author.userId, limit: 50 });
  assert.ok(!byAuthorOther.notes.some((n) => n.id === note.id));
});

test('author ids are shown only to those who may read the author', async () => {
  const { note } = await post(f.author, { body: 'Community post about ratios.' });
  assert.equal((await getNote(f.database.db, f.other, note.id)).note.authorId, null);
  assert.equal((await getNote(f.database.db, f.tutorUnlinked, note.id)).note.authorId, null);
  assert.equal((await getNote(f.database.db, f.tutorLinked, note.id)).note.authorId, f.author.userId);
  assert.equal((await getNote(f.database.db, f.author, note.id)).note.mine, true);
});

test('reply kinds follow the role; parents and admins do not reply', async () => {
  assert.equal(replyKindFor('student'), 'community');
  assert.equal(replyKindFor('tutor'), 'tutor');
  assert.throws(() => replyKindFor('parent'), status(403));
  assert.throws(() => replyKindFor('admin'), status(403));
});

test('an AI reply is stored with its ai_outputs row; asking again returns the same reply; only the author asks', async () => {
  const item = f.items[1];
  const { note, aiReply } = await post(f.author, { questionId: item.id, aiReply: true, body: 'Why is the answer not the larger root?' });
  assert.ok(aiReply);
  assert.equal(aiReply.kind, 'ai');
  assert.equal(aiReply.authorId, null);
  const [out] = await f.database.db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, aiReply.aiOutputId!));
  assert.equal(out.task, 'note_reply');
  assert.equal(out.output, aiReply.body);
  assert.equal(out.userId, f.author.userId);
  assert.equal(out.questionId, item.id);
  const again = await requestAiReply(f.database.db, f.ai, f.author, note.id);
  assert.equal(again.created, false);
  assert.equal(again.reply.id, aiReply.id);
  await assert.rejects(requestAiReply(f.database.db, f.ai, f.other, note.id), status(403));
  const { note: bare } = await post(f.author, { body: 'General: how long should I study per day?' });
  const first = await requestAiReply(f.database.db, f.ai, f.author, bare.id);
  assert.equal(first.created, true);
  const replied = await eventsOf(f.database, 'community.replied');
  assert.ok(replied.some((e) => (e.payload as { replyId: string }).replyId === first.reply.id));
});

test('the feed: newest first, filters by question and skill, pages with a cursor without gaps or repeats', async () => {
  const student = await f.newStudent();
  const item = f.items[2];
  const mine: string[] = [];
  for (let i = 0; i < 5; i++) mine.push((await post(student, { questionId: item.id, body: `Feed note ${i} on this question.` })).note.id);
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10; guard++) {
    const page = await listNotes(f.database.db, f.other, { questionId: item.id, limit: 2, cursor });
    assert.ok(page.notes.length <= 2);
    seen.push(...page.notes.map((n) => n.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  assert.deepEqual(seen, [...mine].reverse());
  const bySkill = await listNotes(f.database.db, f.other, { skill: item.skill as never, limit: 50 });
  assert.ok(bySkill.notes.every((n) => n.skill === item.skill));
  assert.ok(mine.every((id) => bySkill.notes.some((n) => n.id === id)));
});
