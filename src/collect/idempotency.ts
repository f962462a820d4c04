/**
 * Exactly-once writes for retried requests. `once` claims (user, key) inside the caller's
 * transaction before doing the work; a concurrent or later retry with the same key waits
 * on the row lock, then finds the claim and returns the stored reply. Because the claim
 * and the work commit together, a crash loses neither or both.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { conflict } from '../lib/errors.ts';

export interface OnceResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export async function once<T>(
  db: Db,
  userId: string,
  key: string | undefined,
  route: string,
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<OnceResult<T>> {
  if (!key) {
    const r = await db.transaction(work);
    return { ...r, replayed: false };
  }
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, route, status: 0, response: sql`'null'::jsonb` })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [prior] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (prior.route !== route) throw conflict('this Idempotency-Key was used for a different request');
      return { status: prior.status, body: prior.response as T, replayed: true };
    }
    const r = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status: r.status, response: r.body as unknown })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return { ...r, replayed: false };
  });
}
