/**
 * Replies under a note: by people (other students → `community`, tutors → `tutor`, the
 * author's own follow-ups) and by the AI through the `note_reply` task, whose text is
 * stored with its ai_outputs row so it can be rated and trained on like any other.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import type { AiService } from '../ai/service.ts';
import { logEvent } from '../collect/events.ts';
import { once } from '../collect/idempotency.ts';
import { isSkillId } from '../content/taxonomy.ts';
import { rowToItem } from '../content/store.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Role } from '../db/enums.ts';
import { noteReplies, questions, responses } from '../db/schema/index.ts';
import { forbidden } from '../lib/errors.ts';
import { NO_TUTORS, replyView, type ReplyView } from './views.ts';
import { linkedTutorsOf, readableAuthors, visibleNote, type NoteRow } from './visibility.ts';
import { flagIfCrisis } from '../safety/alerts.ts';

/** Parents watch and admins moderate; answering is for students and tutors. */
export function replyKindFor(role: Role): 'community' | 'tutor' {
  if (role === 'student') return 'community';
  if (role === 'tutor') return 'tutor';
  throw forbidden('only students and tutors reply to notes');
}

export async function postReply(db: Db, actor: Actor, noteId: string, body: string, idempotencyKey?: string) {
  const kind = replyKindFor(actor.role);
  const r = await once(db, actor.userId, idempotencyKey, `community:reply:${noteId}`, async (tx) => {
    const note = await visibleNote(tx, actor, noteId);
    const [row] = await tx.insert(noteReplies).values({ noteId, authorId: actor.userId, kind, body }).returning();
    if (actor.role === 'student') await flagIfCrisis(tx, { userId: actor.userId, source: 'reply', sourceId: row.id, text: body });
    await logEvent(tx, 'community.replied', actor.userId, { noteId, replyId: row.id, kind, aiOutputId: null });
    return { status: 201, body: { reply: replyView(row, actor.userId, await readableAuthors(tx, actor), await linkedTutorsOf(tx, note.userId)) } };
  });
  return r;
}

/**
 * Write the AI's reply to a note inside the caller's transaction. The key is revealed only
 * when the note's author has answered the question, as help does before an answer, and only
 * in a private note: a community note is read by students who have not answered it yet.
 */
export async function writeAiReply(tx: Tx, ai: AiService, note: NoteRow, requesterId: string): Promise<typeof noteReplies.$inferSelect> {
  const [q] = note.questionId ? await tx.select().from(questions).where(eq(questions.id, note.questionId)) : [];
  const item = q ? rowToItem(q) : undefined;
  const [answered] = item && note.visibility === 'private'
    ? await tx
        .select({ id: responses.id })
        .from(responses)
        .where(and(eq(responses.userId, note.userId), eq(responses.questionId, item.id)))
        .limit(1)
    : [];
  const input = {
    note: note.body,
    ...(note.skill && isSkillId(note.skill) ? { skill: note.skill } : {}),
    ...(item ? { item } : {}),
    revealAnswer: Boolean(answered),
  };
  const result = await ai.run('note_reply', input, { db: tx, meta: { userId: note.userId, ...(note.questionId ? { questionId: note.questionId } : {}) } });
  const [row] = await tx.insert(noteReplies).values({ noteId: note.id, authorId: null, kind: 'ai', body: result.text, aiOutputId: result.aiOutputId }).returning();
  await logEvent(tx, 'community.replied', requesterId, { noteId: note.id, replyId: row.id, kind: 'ai', aiOutputId: result.aiOutputId });
  return row;
}

/**
 * The note's author asks for the AI's reply. One per note: asking again returns the reply
 * already written unless moderation hid it (the note row lock makes two concurrent asks write one).
 */
export async function requestAiReply(db: Db, ai: AiService, actor: Actor, noteId: string): Promise<{ created: boolean; reply: ReplyView }> {
  return db.transaction(async (tx) => {
    const note = await visibleNote(tx, actor, noteId, true);
    if (note.userId !== actor.userId) throw forbidden("only the note's author asks for an AI reply");
    const [existing] = await tx
      .select()
      .from(noteReplies)
      .where(and(eq(noteReplies.noteId, noteId), eq(noteReplies.kind, 'ai'), isNull(noteReplies.deletedAt), isNull(noteReplies.hiddenAt)))
      .limit(1);
    const row = existing ?? (await writeAiReply(tx, ai, note, actor.userId));
    return { created: !existing, reply: replyView(row, actor.userId, await readableAuthors(tx, actor), NO_TUTORS) };
  });
}
