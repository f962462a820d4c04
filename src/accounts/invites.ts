/**
 * Link requests to addresses that are no student's (yet). They are kept and answered exactly as
 * link requests (accounts/links.ts), so a tutor or parent cannot learn from the replies which
 * addresses are students' here; a student who signs up with the address finds them as pending
 * links. Nobody but their requester ever sees one.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { linkInvites, links } from '../db/schema/index.ts';
import { logEvent } from '../collect/events.ts';
import { forbidden, notFound } from '../lib/errors.ts';
import type { Actor } from './access.ts';

type Link = typeof links.$inferSelect;

/**
 * A link as its requester may see it: the student's id only once the student has accepted
 * (until then the requester knows only the address they typed, as for an invite).
 */
export type DecidedLink = Omit<Link, 'studentId'> & { studentId: string | null };

/** `link` as `viewerId` may see it: its requester sees the student's id only while the student has it accepted. */
export const linkAsSeenBy = (link: Link, viewerId: string): DecidedLink =>
  link.requesterId === viewerId && link.status !== 'accepted' ? { ...link, studentId: null } : link;

/**
 * Inside a new student's sign-up: the invites waiting for their address become pending links,
 * which they accept or not as any other request.
 */
export async function claimInvites(tx: Tx, student: { id: string; email: string }): Promise<number> {
  const invites = await tx.delete(linkInvites).where(eq(linkInvites.email, student.email)).returning();
  for (const inv of invites) {
    const [link] = await tx.insert(links).values({ requesterId: inv.requesterId, studentId: student.id, kind: inv.kind, status: 'pending' }).returning();
    await logEvent(tx, 'link.invite_claimed', student.id, { inviteId: inv.id, linkId: link.id });
  }
  return invites.length;
}

/**
 * The same decisions on an invite, answered as on a pending link: its requester may cancel it
 * (it is deleted: nobody else ever saw it) and may not accept it; to anyone else it does not exist.
 */
export async function decideInvite(tx: Tx, actor: Actor, inviteId: string, decision: 'accepted' | 'revoked'): Promise<DecidedLink> {
  const [invite] = await tx.select().from(linkInvites).where(and(eq(linkInvites.id, inviteId), eq(linkInvites.requesterId, actor.userId)));
  if (!invite) throw notFound('no such link');
  if (decision === 'accepted') throw forbidden('only the student or their parent can accept');
  await tx.delete(linkInvites).where(eq(linkInvites.id, invite.id));
  // Logged as a pending link's cancel is, so the requester's own export does not tell them apart either.
  await logEvent(tx, 'link.decided', actor.userId, { linkId: invite.id, status: 'revoked', by: actor.userId });
  const decidedAt = new Date();
  return { id: invite.id, requesterId: invite.requesterId, studentId: null, kind: invite.kind, status: 'revoked', decidedBy: actor.userId, decidedAt, createdAt: invite.createdAt };
}
