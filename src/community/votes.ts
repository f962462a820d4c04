/**
 * Upvotes: one row per (target, user) in community_votes, and the counter on the note or
 * reply moved in the same transaction only when a row was really added or removed — so
 * voting twice, or an offline client replaying a vote, counts once.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { Db, Tx } from '../db/client.ts';
import { communityVotes, noteReplies, notes } from '../db/schema/index.ts';
import { forbidden } from '../lib/errors.ts';
import { visibleTarget, type TargetKind } from './visibility.ts';

export interface VoteResult {
  targetKind: TargetKind;
  targetId: string;
  upvotes: number;
  voted: boolean;
  /** False when the vote was already there (or already gone). */
  changed: boolean;
}

async function bump(tx: Tx, kind: TargetKind, id: string, by: 1 | -1 | 0): Promise<number> {
  if (kind === 'note') {
    const [row] = await tx.update(notes).set({ upvotes: sql`greatest(${notes.upvotes} + ${by}, 0)` }).where(eq(notes.id, id)).returning({ n: notes.upvotes });
    return row.n;
  }
  const [row] = await tx
    .update(noteReplies)
    .set({ upvotes: sql`greatest(${noteReplies.upvotes} + ${by}, 0)` })
    .where(eq(noteReplies.id, id))
    .returning({ n: noteReplies.upvotes });
  return row.n;
}

/** Add (`up`) or withdraw the actor's upvote on a note or reply they can see and did not write. */
export async function setVote(db: Db, actor: Actor, kind: TargetKind, targetId: string, up: boolean): Promise<VoteResult> {
  return db.transaction(async (tx) => {
    const target = await visibleTarget(tx, actor, kind, targetId, true);
    if (target.authorId === actor.userId) throw forbidden('you cannot upvote your own post');
    const key = and(eq(communityVotes.targetKind, kind), eq(communityVotes.targetId, targetId), eq(communityVotes.userId, actor.userId));
    const touched = up
      ? await tx.insert(communityVotes).values({ targetKind: kind, targetId, userId: actor.userId }).onConflictDoNothing().returning({ u: communityVotes.userId })
      : await tx.delete(communityVotes).where(key).returning({ u: communityVotes.userId });
    const changed = touched.length > 0;
    const upvotes = await bump(tx, kind, targetId, changed ? (up ? 1 : -1) : 0);
    if (changed) await logEvent(tx, 'community.voted', actor.userId, { targetKind: kind, targetId, removed: !up });
    return { targetKind: kind, targetId, upvotes, voted: up, changed };
  });
}

/** Which of `ids` the user upvoted. */
export async function votedBy(db: Db | Tx, userId: string, kind: TargetKind, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: communityVotes.targetId })
    .from(communityVotes)
    .where(and(eq(communityVotes.targetKind, kind), eq(communityVotes.userId, userId), inArray(communityVotes.targetId, [...ids])));
  return new Set(rows.map((r) => r.id));
}
