/**
 * Tutor and parent access to a student. A tutor or parent asks; the student — or, for a
 * tutor link, the student's accepted parent — accepts or revokes. Revoking is always
 * possible for the student, their parent, and the requester themself.
 */
import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';
import type { LINK_KINDS } from '../db/enums.ts';
import { events, linkInvites, links, users } from '../db/schema/index.ts';
import { logEvent } from '../collect/events.ts';
import { badRequest, conflict, forbidden, notFound } from '../lib/errors.ts';
import { isParentOf, type Actor } from './access.ts';
import { decideInvite, linkAsSeenBy, type DecidedLink } from './invites.ts';
import { isMinor } from './users.ts';

export type Link = typeof links.$inferSelect;

/**
 * What a requester is told of a request, the same fields whether the email is a student's or
 * not: the student's id is not among them, so the reply does not say which it was.
 */
export interface RequestedLink {
  id: string;
  requesterId: string;
  kind: (typeof LINK_KINDS)[number];
  status: 'pending';
  studentEmail: string;
  createdAt: string;
}

/**
 * Requests a tutor or parent may have waiting at once (pending links and invites together). A
 * cap on the invites alone would tell, at the cap, which addresses are students'.
 */
export const MAX_WAITING_REQUESTS = 50;

/**
 * A tutor or parent asks for a link to the student with `studentEmail`. When no student has
 * that address, the request is kept as an invite (`link_invites`) and answered exactly as a
 * link would be: otherwise anyone could learn which addresses are students' here. An invite
 * becomes a pending link when a student signs up with the address (`claimInvites`).
 */
export async function requestLink(db: Db, actor: Actor, studentEmail: string): Promise<RequestedLink> {
  const kind = actor.role;
  if (kind !== 'tutor' && kind !== 'parent') throw forbidden('only tutors and parents request links');
  const email = studentEmail.toLowerCase();
  return db.transaction(async (tx) => {
    const [student] = await tx.select().from(users).where(eq(users.email, email));
    const existing = student && !student.deletedAt && student.role === 'student'
      ? (await tx.select().from(links).where(and(eq(links.requesterId, actor.userId), eq(links.studentId, student.id))))[0]
      : (await tx.select().from(linkInvites).where(and(eq(linkInvites.requesterId, actor.userId), eq(linkInvites.email, email))))[0];
    const status = existing ? ('status' in existing ? existing.status : 'pending') : null;
    if (status && status !== 'revoked') throw conflict(`a link already exists (${status})`);
    if ((await waitingRequests(tx, actor.userId)) >= MAX_WAITING_REQUESTS) {
      throw conflict(`${MAX_WAITING_REQUESTS} requests are already waiting for an answer; cancel some first`);
    }
    if (!student || student.deletedAt || student.role !== 'student') {
      const [invite] = await tx.insert(linkInvites).values({ requesterId: actor.userId, email, kind }).returning();
      await logEvent(tx, 'link.requested', actor.userId, { requestId: invite.id, kind });
      return { id: invite.id, requesterId: actor.userId, kind, status: 'pending', studentEmail: email, createdAt: invite.createdAt.toISOString() };
    }
    const values = { requesterId: actor.userId, studentId: student.id, kind, status: 'pending' as const };
    const [link] = existing
      ? await tx.update(links).set({ ...values, decidedAt: null, decidedBy: null }).where(eq(links.id, existing.id)).returning()
      : await tx.insert(links).values(values).returning();
    await logEvent(tx, 'link.requested', actor.userId, { requestId: link.id, kind });
    return { id: link.id, requesterId: actor.userId, kind, status: 'pending', studentEmail: email, createdAt: link.createdAt.toISOString() };
  });
}

async function waitingRequests(tx: Tx, requesterId: string): Promise<number> {
  const [l] = await tx.select({ n: count() }).from(links).where(and(eq(links.requesterId, requesterId), eq(links.status, 'pending')));
  const [i] = await tx.select({ n: count() }).from(linkInvites).where(eq(linkInvites.requesterId, requesterId));
  return Number(l.n) + Number(i.n);
}


export async function decideLink(db: Db, actor: Actor, linkId: string, decision: 'accepted' | 'revoked'): Promise<DecidedLink> {
  return db.transaction(async (tx) => {
    const [link] = await tx.select().from(links).where(eq(links.id, linkId)).for('update');
    if (!link) return decideInvite(tx, actor, linkId, decision);
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
    return linkAsSeenBy(updated, actor.userId);
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
interface Person {
  name: string;
  email: string;
}
interface ConsentSetting {
  trainingConsent: boolean;
  parentDecidesConsent: boolean;
  consentChanged: { at: string; by: { name: string; role: string } | null } | null;
}
/** The three ways a link is listed: to its student, to its requester (an invite among them), to a parent of its student. */
export type ListedLink =
  | (Link & { requester: Person })
  | (DecidedLink & { student: { name: string | null; email: string } & Partial<ConsentSetting> })
  | (Link & { forChild: true; student: Person; requester: Person });

export async function listLinks(db: Db, actor: Actor): Promise<ListedLink[]> {
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
  const listed = rows.map((r): ListedLink => {
    if (r.link.studentId === actor.userId) return { ...r.link, requester: { name: r.requesterName, email: r.requesterEmail } };
    if (r.link.requesterId === actor.userId) {
      // An accepted parent decides the child's training-data consent, so they see its setting.
      const consent = r.link.kind === 'parent' && r.link.status === 'accepted'
        ? { trainingConsent: r.studentConsent, parentDecidesConsent: isMinor({ role: r.studentRole, birthDate: r.studentBirthDate }), consentChanged: consentChanges.get(r.link.studentId) ?? null }
        : {};
      // Until the student accepts, the requester knows the address they typed and nothing more: a pending link reads as an invite does.
      return { ...linkAsSeenBy(r.link, actor.userId), student: { name: r.link.status === 'accepted' ? r.studentName : null, email: r.studentEmail, ...consent } };
    }
    return { ...r.link, forChild: true as const, student: { name: r.studentName, email: r.studentEmail }, requester: { name: r.requesterName, email: r.requesterEmail } };
  });
  const invites = (await db.select().from(linkInvites).where(eq(linkInvites.requesterId, actor.userId))).map((i): ListedLink => ({
    id: i.id, requesterId: i.requesterId, studentId: null, kind: i.kind, status: 'pending' as const, decidedBy: null, decidedAt: null, createdAt: i.createdAt,
    student: { name: null, email: i.email },
  }));
  return [...listed, ...invites].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
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
