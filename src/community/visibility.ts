/**
 * Who sees what in the community. One rule set, used by every read and write:
 *
 * - a deleted note or reply does not exist (404);
 * - a hidden one (moderation) exists only for admins and its own author (404 for others);
 * - a community note is seen by every signed-in user;
 * - a private note is seen by its author, the tutors and parents the author linked
 *   (accepted links), and admins — the same rule as any other student data
 *   (accounts/access.ts); anyone else is refused (403);
 * - an author's user id is shown only to viewers who may read that person's data, so a
 *   student's id never reaches other students through the feed (the users are minors).
 */
import { and, eq } from 'drizzle-orm';
import { canReadStudent, type Actor } from '../accounts/access.ts';
import type { Db, Tx } from '../db/client.ts';
import type { REPORT_TARGETS } from '../db/enums.ts';
import { links, noteReplies, notes } from '../db/schema/index.ts';
import { forbidden, notFound } from '../lib/errors.ts';

export type NoteRow = typeof notes.$inferSelect;
export type ReplyRow = typeof noteReplies.$inferSelect;
export type TargetKind = (typeof REPORT_TARGETS)[number];

const seesHidden = (actor: Actor, authorId: string | null) => actor.role === 'admin' || authorId === actor.userId;

/** Load a note the actor may see; `lock` takes its row lock for a write that follows. */
export async function visibleNote(db: Db | Tx, actor: Actor, noteId: string, lock = false): Promise<NoteRow> {
  const q = db.select().from(notes).where(eq(notes.id, noteId));
  const [note] = lock ? await q.for('update') : await q;
  if (!note || note.deletedAt) throw notFound('no such note');
  if (note.hiddenAt && !seesHidden(actor, note.userId)) throw notFound('no such note');
  if (note.visibility === 'private' && !(await canReadStudent(db, actor, note.userId))) throw forbidden('this note is private');
  return note;
}

/** Load a reply the actor may see, with its note (the note's rules apply first). */
export async function visibleReply(db: Db | Tx, actor: Actor, replyId: string, lock = false): Promise<{ reply: ReplyRow; note: NoteRow }> {
  const q = db.select().from(noteReplies).where(eq(noteReplies.id, replyId));
  const [reply] = lock ? await q.for('update') : await q;
  if (!reply || reply.deletedAt) throw notFound('no such reply');
  const note = await visibleNote(db, actor, reply.noteId);
  if (reply.hiddenAt && !seesHidden(actor, reply.authorId)) throw notFound('no such reply');
  return { reply, note };
}

/** A note or reply the actor may see, and who wrote it (null: the AI). */
export async function visibleTarget(db: Db | Tx, actor: Actor, kind: TargetKind, id: string, lock = false) {
  if (kind === 'note') {
    const note = await visibleNote(db, actor, id, lock);
    return { authorId: note.userId as string | null, hiddenAt: note.hiddenAt, noteId: note.id };
  }
  const { reply } = await visibleReply(db, actor, id, lock);
  return { authorId: reply.authorId, hiddenAt: reply.hiddenAt, noteId: reply.noteId };
}

/** Whose user ids the actor may see: everyone (admin), or themselves and their accepted links. */
export type Readers = { all: true } | { all: false; ids: ReadonlySet<string> };

export async function readableAuthors(db: Db | Tx, actor: Actor): Promise<Readers> {
  if (actor.role === 'admin') return { all: true };
  const ids = new Set([actor.userId]);
  if (actor.role === 'tutor' || actor.role === 'parent') {
    const rows = await db
      .select({ studentId: links.studentId })
      .from(links)
      .where(and(eq(links.requesterId, actor.userId), eq(links.status, 'accepted')));
    for (const r of rows) ids.add(r.studentId);
  }
  return { all: false, ids };
}

export const shownAuthor = (readers: Readers, authorId: string | null) =>
  authorId !== null && (readers.all || readers.ids.has(authorId)) ? authorId : null;

/**
 * The tutors a student linked (accepted links): a reply from one of them is from the note
 * author's own tutor, told apart from any other tutor on the platform, who may be a stranger.
 */
export async function linkedTutorsOf(db: Db | Tx, studentId: string): Promise<ReadonlySet<string>> {
  const rows = await db
    .select({ id: links.requesterId })
    .from(links)
    .where(and(eq(links.studentId, studentId), eq(links.kind, 'tutor'), eq(links.status, 'accepted')));
  return new Set(rows.map((r) => r.id));
}
