/**
 * Training-data consent per student. An adult student decides for themself; for a minor
 * only an accepted parent may grant it. Revocation is open to the student and their
 * parents at any time. Every change is an event with who made it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { logEvent } from '../collect/events.ts';
import { badRequest, forbidden, notFound } from '../lib/errors.ts';
import { isParentOf, type Actor } from './access.ts';
import { isMinor, publicUser, type PublicUser } from './users.ts';

export async function setConsent(db: Db, actor: Actor, studentId: string, granted: boolean): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    const [student] = await tx.select().from(users).where(eq(users.id, studentId)).for('update');
    if (!student || student.deletedAt) throw notFound('no such student');
    if (student.role !== 'student') throw badRequest('consent applies to student accounts');
    const self = actor.userId === studentId;
    const parent = !self && (await isParentOf(tx, actor.userId, studentId));
    if (!self && !parent) throw forbidden('only the student or their parent can change consent');
    if (granted && self && isMinor(student)) throw forbidden("a parent's consent is required for students under 18");
    const now = new Date();
    const [updated] = await tx
      .update(users)
      .set(
        granted
          ? { trainingConsent: true, consentGivenBy: actor.userId, consentGivenAt: now, consentRevokedAt: null }
          : { trainingConsent: false, consentRevokedAt: now },
      )
      .where(eq(users.id, studentId))
      .returning();
    await logEvent(tx, 'consent.changed', actor.userId, { studentId, granted, by: actor.userId });
    return publicUser(updated);
  });
}
