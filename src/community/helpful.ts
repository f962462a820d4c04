/**
 * The note author's "helpful" mark on a reply. A helpful human reply is a human-written
 * answer worth learning from: dataset/ reads it as a `note_reply` pair, and its writer
 * earns points once (the ledger is keyed by the reply, so re-marking never pays twice).
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { Db } from '../db/client.ts';
import { noteReplies } from '../db/schema/index.ts';
import { forbidden } from '../lib/errors.ts';
import { awardPoints } from '../progress/points.ts';
import { visibleReply } from './visibility.ts';

export const HELPFUL_ANSWER_POINTS = 15;

export async function markHelpful(db: Db, actor: Actor, replyId: string) {
  return db.transaction(async (tx) => {
    const { reply, note } = await visibleReply(tx, actor, replyId, true);
    if (note.userId !== actor.userId) throw forbidden("only the note's author marks a reply helpful");
    if (reply.authorId === actor.userId) throw forbidden('you cannot mark your own reply helpful');
    const updated = await tx
      .update(noteReplies)
      .set({ helpful: true })
      .where(and(eq(noteReplies.id, replyId), eq(noteReplies.helpful, false)))
      .returning({ id: noteReplies.id });
    const changed = updated.length > 0;
    let pointsAwarded = false;
    if (changed) {
      await logEvent(tx, 'community.marked_helpful', actor.userId, { noteId: note.id, replyId });
      if (reply.authorId && reply.kind !== 'ai') pointsAwarded = await awardPoints(tx, reply.authorId, 'helpful_answer', replyId, HELPFUL_ANSWER_POINTS);
    }
    return { replyId, noteId: note.id, helpful: true, changed, pointsAwarded };
  });
}
