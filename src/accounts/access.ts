/**
 * Who may see or act on a student's data: the student, a tutor or parent whose link the
 * student (or their parent) accepted, and admins. Nobody else — in particular not any
 * tutor or parent (the origin documents' check let them read everyone).
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Role } from '../db/enums.ts';
import { links } from '../db/schema/index.ts';
import { forbidden } from '../lib/errors.ts';

export interface Actor {
  userId: string;
  role: Role;
}

export async function hasAcceptedLink(db: Db | Tx, requesterId: string, studentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: links.id })
    .from(links)
    .where(and(eq(links.requesterId, requesterId), eq(links.studentId, studentId), eq(links.status, 'accepted')));
  return Boolean(row);
}

export async function canReadStudent(db: Db | Tx, actor: Actor, studentId: string): Promise<boolean> {
  if (actor.role === 'admin' || actor.userId === studentId) return true;
  if (actor.role === 'tutor' || actor.role === 'parent') return hasAcceptedLink(db, actor.userId, studentId);
  return false;
}

export async function assertCanReadStudent(db: Db | Tx, actor: Actor, studentId: string): Promise<void> {
  if (!(await canReadStudent(db, actor, studentId))) throw forbidden('no access to this student');
}

/** A student's guardian for consent and link decisions: an accepted parent link. */
export async function isParentOf(db: Db | Tx, parentId: string, studentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: links.id })
    .from(links)
    .where(and(eq(links.requesterId, parentId), eq(links.studentId, studentId), eq(links.kind, 'parent'), eq(links.status, 'accepted')));
  return Boolean(row);
}
