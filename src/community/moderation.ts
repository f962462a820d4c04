/**
 * Reports and hiding. Each user reports a target once; the report that brings a target to
 * REPORT_THRESHOLD distinct reporters hides it, and an admin's report hides it at once.
 * Only that crossing hides: after an admin unhides a target (reviewed, it stays up),
 * further reports are recorded but do not hide it again by themselves.
 */
import { and, count, eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { Db, Tx } from '../db/client.ts';
import { communityReports, noteReplies, notes } from '../db/schema/index.ts';
import { forbidden, notFound } from '../lib/errors.ts';
import { visibleTarget, type TargetKind } from './visibility.ts';

export const REPORT_THRESHOLD = 3;

async function setHiddenAt(tx: Tx, kind: TargetKind, id: string, at: Date | null): Promise<void> {
  if (kind === 'note') await tx.update(notes).set({ hiddenAt: at }).where(eq(notes.id, id));
  else await tx.update(noteReplies).set({ hiddenAt: at }).where(eq(noteReplies.id, id));
}

export interface ReportInput {
  targetKind: TargetKind;
  targetId: string;
  reason: string;
}

export async function report(db: Db, actor: Actor, input: ReportInput) {
  const { targetKind, targetId } = input;
  return db.transaction(async (tx) => {
    // The target's row lock orders concurrent reports, so exactly one of them is the crossing.
    const target = await visibleTarget(tx, actor, targetKind, targetId, true);
    if (target.authorId === actor.userId) throw forbidden('you cannot report your own post');
    const inserted = await tx
      .insert(communityReports)
      .values({ targetKind, targetId, userId: actor.userId, reason: input.reason })
      .onConflictDoNothing()
      .returning({ id: communityReports.id });
    if (!inserted.length) return { reported: false, hidden: target.hiddenAt !== null };
    const [{ n }] = await tx
      .select({ n: count() })
      .from(communityReports)
      .where(and(eq(communityReports.targetKind, targetKind), eq(communityReports.targetId, targetId)));
    const hide = target.hiddenAt === null && (actor.role === 'admin' || Number(n) === REPORT_THRESHOLD);
    if (hide) await setHiddenAt(tx, targetKind, targetId, new Date());
    const hidden = hide || target.hiddenAt !== null;
    await logEvent(tx, 'community.reported', actor.userId, { targetKind, targetId, hidden });
    return { reported: true, hidden };
  });
}

/**
 * An admin hides or restores a note or reply (deleted ones stay gone). Either is a review of
 * the reports so far, logged even when it changes nothing — "keep it up" is an unhide of a
 * visible post, "keep it hidden" a hide of a hidden one — because the moderation queue
 * (moderation-queue.ts) reads the latest such event as the target's review.
 */
export async function setHidden(db: Db, actor: Actor, kind: TargetKind, id: string, hidden: boolean) {
  if (actor.role !== 'admin') throw forbidden('only admins moderate');
  return db.transaction(async (tx) => {
    const table = kind === 'note' ? notes : noteReplies;
    const [row] = await tx.select({ hiddenAt: table.hiddenAt, deletedAt: table.deletedAt }).from(table).where(eq(table.id, id)).for('update');
    if (!row || row.deletedAt) throw notFound(`no such ${kind}`);
    const changed = (row.hiddenAt !== null) !== hidden;
    if (changed) await setHiddenAt(tx, kind, id, hidden ? new Date() : null);
    await logEvent(tx, 'community.moderated', actor.userId, { targetKind: kind, targetId: id, hidden });
    return { targetKind: kind, targetId: id, hidden, changed };
  });
}
