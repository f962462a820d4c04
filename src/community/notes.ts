/**
 * Notes: a student's note on a question or lesson, or a general post, kept private or
 * shared with the community; the feed of notes a viewer may see; one note with its
 * replies. Visibility rules live in visibility.ts.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { canReadStudent, type Actor } from '../accounts/access.ts';
import type { AiService } from '../ai/service.ts';
import { logEvent } from '../collect/events.ts';
import { once } from '../collect/idempotency.ts';
import type { SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import type { NOTE_VISIBILITY } from '../db/enums.ts';
import { lessons, noteReplies, notes, questions } from '../db/schema/index.ts';
import { badRequest, forbidden, notFound } from '../lib/errors.ts';
import { writeAiReply } from './replies.ts';
import { NO_TUTORS, noteView, questionPreview, replyView, type NoteView, type ReplyView } from './views.ts';
import { linkedTutorsOf, readableAuthors, visibleNote } from './visibility.ts';
import { votedBy } from './votes.ts';
import { flagIfCrisis } from '../safety/alerts.ts';

export type NoteVisibility = (typeof NOTE_VISIBILITY)[number];

export interface NoteInput {
  questionId?: string;
  lessonId?: string;
  skill?: SkillId;
  body: string;
  visibility: NoteVisibility;
  /** Ask the AI for a reply in the same request. */
  aiReply: boolean;
  idempotencyKey?: string;
}

export interface PostedNote {
  note: NoteView;
  aiReply: ReplyView | null;
}

/** The skill a note is about: its question's or lesson's; a given skill must agree with it. */
async function anchor(tx: Tx, input: NoteInput): Promise<string | null> {
  let skill: string | null = input.skill ?? null;
  const agree = (found: string, what: string) => {
    if (skill !== null && skill !== found) throw badRequest(`skill does not match the ${what}'s skill`, { skill, [what]: found });
    skill = found;
  };
  if (input.questionId) {
    const [q] = await tx.select({ skill: questions.skill }).from(questions).where(eq(questions.id, input.questionId));
    if (!q) throw notFound(`no question ${input.questionId}`);
    agree(q.skill, 'question');
  }
  if (input.lessonId) {
    const [l] = await tx.select({ skill: lessons.skill }).from(lessons).where(eq(lessons.id, input.lessonId));
    if (!l) throw notFound(`no lesson ${input.lessonId}`);
    agree(l.skill, 'lesson');
  }
  return skill;
}

export async function postNote(db: Db, ai: AiService, actor: Actor, input: NoteInput) {
  if (actor.role !== 'student') throw forbidden('only students post notes');
  return once<PostedNote>(db, actor.userId, input.idempotencyKey, 'community:note', async (tx) => {
    const skill = await anchor(tx, input);
    const [note] = await tx
      .insert(notes)
      .values({ userId: actor.userId, questionId: input.questionId ?? null, lessonId: input.lessonId ?? null, skill, body: input.body, visibility: input.visibility })
      .returning();
    await flagIfCrisis(tx, { userId: actor.userId, source: 'note', sourceId: note.id, text: note.body });
    await logEvent(tx, 'community.note_posted', actor.userId, { noteId: note.id, questionId: note.questionId, visibility: note.visibility });
    const readers = await readableAuthors(tx, actor);
    const reply = input.aiReply ? await writeAiReply(tx, ai, note, actor.userId) : null;
    return {
      status: 201,
      body: { note: noteView(note, actor.userId, readers, { replyCount: reply ? 1 : 0 }), aiReply: reply && replyView(reply, actor.userId, readers, NO_TUTORS) },
    };
  });
}

export interface FeedQuery {
  questionId?: string;
  skill?: SkillId;
  /** One author's notes; their private ones too when the viewer may read that student. */
  authorId?: string;
  limit: number;
  /** The last note id of the previous page (opaque to clients). */
  cursor?: string;
}

/** Replies a viewer counts under each note: live ones, and hidden ones only for admins. */
async function replyCounts(db: Db, actor: Actor, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: noteReplies.noteId, n: count() })
    .from(noteReplies)
    .where(and(inArray(noteReplies.noteId, ids), isNull(noteReplies.deletedAt), actor.role === 'admin' ? undefined : isNull(noteReplies.hiddenAt)))
    .groupBy(noteReplies.noteId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/**
 * Newest first, keyset-paged on (created_at, id). Community notes, plus the viewer's own
 * private notes; with `authorId`, that author's private notes when the viewer may read
 * them. Hidden notes are left out for everyone but admins and their own author.
 */
export async function listNotes(db: Db, actor: Actor, q: FeedQuery): Promise<{ notes: NoteView[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [isNull(notes.deletedAt)];
  // A hidden note is still its author's: it stays in their feed, marked hidden, instead of vanishing without a word.
  if (actor.role !== 'admin') where.push(or(isNull(notes.hiddenAt), eq(notes.userId, actor.userId)));
  if (q.questionId) where.push(eq(notes.questionId, q.questionId));
  if (q.skill) where.push(eq(notes.skill, q.skill));
  if (q.authorId) {
    where.push(eq(notes.userId, q.authorId));
    if (!(await canReadStudent(db, actor, q.authorId))) where.push(eq(notes.visibility, 'community'));
  } else {
    where.push(or(eq(notes.visibility, 'community'), eq(notes.userId, actor.userId)));
  }
  if (q.cursor) where.push(sql`(${notes.createdAt}, ${notes.id}) < (select c.created_at, c.id from ${notes} c where c.id = ${q.cursor})`);
  const rows = await db
    .select()
    .from(notes)
    .where(and(...where))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const ids = page.map((n) => n.id);
  const [readers, counts, voted] = [await readableAuthors(db, actor), await replyCounts(db, actor, ids), await votedBy(db, actor.userId, 'note', ids)];
  const previews = await questionPreviews(db, page.map((n) => n.questionId));
  return {
    notes: page.map((n) => noteView(n, actor.userId, readers, { replyCount: counts.get(n.id) ?? 0, votedByMe: voted.has(n.id), questionPreview: previews.get(n.questionId ?? '') })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}

/** The previews of the questions some notes are about, by question id. */
async function questionPreviews(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: questions.id, stem: questions.stem, passage: questions.passage }).from(questions).where(inArray(questions.id, wanted));
  return new Map(rows.map((q) => [q.id, questionPreview(q)]));
}

/** One note and the replies the viewer may see, oldest first. */
export async function getNote(db: Db, actor: Actor, noteId: string): Promise<{ note: NoteView; replies: ReplyView[] }> {
  const note = await visibleNote(db, actor, noteId);
  const hiddenOk = actor.role === 'admin' ? undefined : or(isNull(noteReplies.hiddenAt), eq(noteReplies.authorId, actor.userId));
  const rows = await db
    .select()
    .from(noteReplies)
    .where(and(eq(noteReplies.noteId, noteId), isNull(noteReplies.deletedAt), hiddenOk))
    .orderBy(asc(noteReplies.createdAt), asc(noteReplies.id));
  const readers = await readableAuthors(db, actor);
  const [noteVoted, replyVoted] = [await votedBy(db, actor.userId, 'note', [noteId]), await votedBy(db, actor.userId, 'reply', rows.map((r) => r.id))];
  const previews = await questionPreviews(db, [note.questionId]);
  const noteTutors = await linkedTutorsOf(db, note.userId);
  return {
    note: noteView(note, actor.userId, readers, { replyCount: rows.length, votedByMe: noteVoted.has(noteId), questionPreview: previews.get(note.questionId ?? '') }),
    replies: rows.map((r) => replyView(r, actor.userId, readers, noteTutors, replyVoted.has(r.id))),
  };
}
