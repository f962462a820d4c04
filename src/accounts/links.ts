/**
 * Tutor and parent access to a student. A tutor or parent asks; the student — or, for a
 * tutor link, the student's accepted parent — accepts or revokes. Revoking is always
 * possible for the student, their parent, and the requester themself.
 */
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { events, links, users } from '../db/schema/index.ts';
import { logEvent } from '../collect/events.ts';
import { badRequest, conflict, forbidden, notFound } from '../lib/errors.ts';
import { isParentOf, type Actor } from './access.ts';
import { isMinor } from './users.ts';

export type Link = typeof links.$inferSelect;

export async function requestLink(db: Db, actor: Actor, studentEmail: string): Promise<Link> {
  const kind = actor.role;
  if (kind !== 'tutor' && kind !== 'parent') throw forbidden('only tutors and parents request links');
  return db.transaction(async (tx) => {
    const [student] = await tx.select().from(users).where(eq(users.email, studentEmail.toLowerCase()));
    if (!student || student.deletedAt || student.role !== 'student') throw notFound('no student with this email');
    const [existing] = await tx
      .select()
      .from(links)
      .where(and(eq(links.requesterId, actor.userId), eq(links.studentId, student.id)));
    if (existing && existing.status !== 'revoked') throw conflict(`a link already exists (${existing.status})`);
    const values = { requesterId: actor.userId, studentId: student.id, kind, status: 'pending' as const };
    const [link] = existing
      ? await tx.update(links).set({ ...values, decidedAt: null, decidedBy: null }).where(eq(links.id, existing.id)).returning()
      : await tx.insert(links).values(values).returning();
    await logEvent(tx, 'link.requested', actor.userId, { linkId: link.id, studentId: student.id, kind: link.kind });
    return link;
  });
}

export async function decideLink(db: Db, actor: Actor, linkId: string, decision: 'accepted' | 'revoked'): Promise<Link> {
  return db.transaction(async (tx) => {
    const [link] = await tx.select().from(links).where(eq(links.id, linkId)).for('update');
    if (!link) throw notFound('no such link');
    const isStudent = actor.userId === link.studentId;
    const isGuardian = !isStudent && link.kind === 'tutor' && (await isParentOf(tx, actor.userId, link.studentId));
    const isRequester = actor.userId === link.requesterId;
    if (decision === 'accepted' && !(isStudent || isGuardian)) throw forbidden('only the student or their parent can accept');
    if (decision === 'revoked' && !(isStudent || isGuardian || isRequester)) throw forbidden('not your link');
    if (decision === 'accepted' && link.status !== 'pending') throw badRequest(`link is ${link.status}, not pending`);
    const [updated] = await tx
      .update(links)
      .set({ status: decision, decidedBy: actor.userId, decidedAt: new Date() })
      .where(eq(links.id, linkId))
      .returning();
    await logEvent(tx, 'link.decided', actor.userId, { linkId, status: decision, by: actor.userId });
    return updated;
  });
}

/**
 * The caller's links, each with who is on the other side: a student sees the requester's
 * name and email (to decide whether to accept); a tutor or parent sees the student's email
 * (they typed it) and the student's name once the student has accepted — and an accepted parent
 * the child's training-data consent, whether only a parent may turn it on, and who last changed
 * it and when. A parent also sees the other links of the children they are an accepted parent of
 * (`forChild`), with both sides named: the tutor links, which they may accept or revoke, and any
 * other parent's, read only — so a second "parent" (a sibling, or the child's own second account)
 * never acts unseen. Links to or from a deleted account are left out: nobody is on the other side any more.
 */
export async function listLinks(db: Db, actor: Actor) {
  const student = alias(users, 'student');
  const requester = alias(users, 'requester');
  const children =
    actor.role === 'parent'
      ? (await db.select({ id: links.studentId }).from(links).where(and(eq(links.requesterId, actor.userId), eq(links.kind, 'parent'), eq(links.status, 'accepted')))).map((r) => r.id)
      : [];
  const mine = or(eq(links.studentId, actor.userId), eq(links.requesterId, actor.userId));
  const rows = await db
    .select({
      link: links, studentName: student.displayName, studentEmail: student.email, requesterName: requester.displayName, requesterEmail: requester.email,
      studentRole: student.role, studentBirthDate: student.birthDate, studentConsent: student.trainingConsent,
    })
    .from(links)
    .innerJoin(student, eq(student.id, links.studentId))
    .innerJoin(requester, eq(requester.id, links.requesterId))
    .where(and(
      children.length ? or(mine, inArray(links.studentId, children)) : mine,
      isNull(student.deletedAt),
      isNull(requester.deletedAt),
    ))
    .orderBy(links.createdAt);
  const consentChanges = await lastConsentChanges(db, children);
  return rows.map((r) => {
    if (r.link.studentId === actor.userId) return { ...r.link, requester: { name: r.requesterName, email: r.requesterEmail } };
    if (r.link.requesterId === actor.userId) {
      // An accepted parent decides the child's training-data consent, so they see its setting.
      const consent = r.link.kind === 'parent' && r.link.status === 'accepted'
        ? { trainingConsent: r.studentConsent, parentDecidesConsent: isMinor({ role: r.studentRole, birthDate: r.studentBirthDate }), consentChanged: consentChanges.get(r.link.studentId) ?? null }
        : {};
      return { ...r.link, student: { name: r.link.status === 'accepted' ? r.studentName : null, email: r.studentEmail, ...consent } };
    }
    return { ...r.link, forChild: true, student: { name: r.studentName, email: r.studentEmail }, requester: { name: r.requesterName, email: r.requesterEmail } };
  });
}

/**
 * Who last changed each child's training-data consent and when (the latest `consent.changed`
 * event): a parent reads it beside the setting, so a change made by someone else is seen.
 */
async function lastConsentChanges(db: Db, studentIds: readonly string[]): Promise<Map<string, { at: string; by: { name: string; role: string } | null }>> {
  if (studentIds.length === 0) return new Map();
  const changer = alias(users, 'changer');
  const rows = await db
    .select({ payload: events.payload, at: events.createdAt, name: changer.displayName, role: changer.role })
    .from(events)
    .leftJoin(changer, eq(changer.id, events.userId))
    .where(and(eq(events.type, 'consent.changed'), inArray(sql`${events.payload}->>'studentId'`, [...studentIds])))
    .orderBy(desc(events.id));
  const out = new Map<string, { at: string; by: { name: string; role: string } | null }>();
  for (const r of rows) {
    const studentId = (r.payload as { studentId: string }).studentId;
    if (!out.has(studentId)) out.set(studentId, { at: r.at.toISOString(), by: r.name !== null && r.role !== null ? { name: r.name, role: r.role } : null });
  }
  return out;
}
