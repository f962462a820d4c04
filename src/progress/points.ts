/**
 * The points ledger. An award is a row keyed by (user, reason, source): awarding the same
 * thing twice — a retried request, an offline replay — inserts nothing the second time,
 * so the balance (the sum of the rows) can never double-count.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { PointReason } from '../db/enums.ts';
import { pointsLedger } from '../db/schema/index.ts';
import { logEvent } from '../collect/events.ts';

/** Award `points` once for (reason, sourceId); returns whether this call awarded them. */
export async function awardPoints(db: Db | Tx, userId: string, reason: PointReason, sourceId: string, points: number): Promise<boolean> {
  if (!Number.isInteger(points) || points <= 0) return false;
  const inserted = await db.insert(pointsLedger).values({ userId, reason, sourceId, points }).onConflictDoNothing().returning({ id: pointsLedger.id });
  if (inserted.length === 0) return false;
  await logEvent(db, 'points.awarded', userId, { reason, sourceId, points });
  return true;
}

export async function pointsBalance(db: Db | Tx, userId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${pointsLedger.points}), 0)::int` })
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, userId));
  return row?.total ?? 0;
}
