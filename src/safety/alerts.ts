/**
 * Safety alerts: a student who writes of hurting themself — to the AI tutor, in a note, in a
 * reply under a note or in a help request — is answered by the AI with the crisis line
 * (ai/tasks/wellbeing.ts), and a person on the team is told, because an AI cannot check in
 * the next day. The alert is written in the transaction that stores the student's words, so a
 * stored message is never left unflagged; it holds the words around what was matched, for
 * admins only, and an admin marks it reviewed once someone has followed up.
 */
import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../accounts/access.ts';
import { crisisWords } from '../ai/tasks/wellbeing.ts';
import { logEvent } from '../collect/events.ts';
import type { Db, Tx } from '../db/client.ts';
import type { SafetySource } from '../db/enums.ts';
import { noteReplies, safetyAlerts, tutorMessages, users } from '../db/schema/index.ts';
import { forbidden, notFound } from '../lib/errors.ts';
import { belowKeyset, epochUs, keysetOf, readKeyset } from '../lib/keyset.ts';

/** An admin reads this much of the message: all of a short one, else the words around the match. */
export const EXCERPT_CHARS = 600;

/** Pure: the part of `text` an alert keeps — whole when short, else a window that holds the flagged words. */
export function alertExcerpt(text: string, at: { index: number; length: number }, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Positions in the flattened text: collapse the whitespace before the match the same way.
  const start = text.slice(0, at.index).replace(/\s+/g, ' ').trimStart().length;
  const from = Math.max(0, Math.min(start - Math.floor((max - at.length) / 2), flat.length - max));
  return `${from > 0 ? '…' : ''}${flat.slice(from, from + max).trim()}${from + max < flat.length ? '…' : ''}`;
}

export interface FlagInput {
  userId: string;
  source: SafetySource;
  sourceId: string;
  text: string;
}

/** Inside the caller's transaction: an alert for `text` when it speaks of self-harm; its id, or null. */
export async function flagIfCrisis(tx: Tx, f: FlagInput): Promise<string | null> {
  const at = crisisWords(f.text);
  if (!at) return null;
  const [row] = await tx
    .insert(safetyAlerts)
    .values({ userId: f.userId, source: f.source, sourceId: f.sourceId, excerpt: alertExcerpt(f.text, at) })
    .returning({ id: safetyAlerts.id });
  // The log says that and where, never the words.
  await logEvent(tx, 'safety.flagged', f.userId, { alertId: row.id, source: f.source, sourceId: f.sourceId });
  return row.id;
}

export const ALERT_STATUSES = ['open', 'all'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertQuery {
  status: AlertStatus;
  limit: number;
  cursor?: string;
}

export interface AlertView {
  id: string;
  source: SafetySource;
  sourceId: string;
  excerpt: string;
  createdAt: string;
  student: { id: string; name: string; email: string; deleted: boolean };
  /** Where the words were written: the chat (the student's page), or the note's thread. */
  conversationId: string | null;
  noteId: string | null;
  reviewed: { at: string; by: string | null } | null;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('only admins read safety alerts');
}

/** Newest first; `open`: not yet reviewed. `waiting` counts every alert not yet reviewed. */
export async function listAlerts(db: Db, actor: Actor, q: AlertQuery): Promise<{ alerts: AlertView[]; next: string | null; waiting: number }> {
  assertAdmin(actor);
  const after = q.cursor ? readKeyset(q.cursor) : null;
  const student = alias(users, 'student');
  const reviewer = alias(users, 'reviewer');
  const rows = await db
    .select({
      alert: safetyAlerts,
      us: epochUs(safetyAlerts.createdAt),
      name: student.displayName,
      email: student.email,
      deletedAt: student.deletedAt,
      reviewerName: reviewer.displayName,
      conversationId: tutorMessages.conversationId,
      replyNoteId: noteReplies.noteId,
    })
    .from(safetyAlerts)
    .innerJoin(student, eq(student.id, safetyAlerts.userId))
    .leftJoin(reviewer, eq(reviewer.id, safetyAlerts.reviewedBy))
    .leftJoin(tutorMessages, and(eq(safetyAlerts.source, 'chat'), eq(tutorMessages.id, safetyAlerts.sourceId)))
    .leftJoin(noteReplies, and(eq(safetyAlerts.source, 'reply'), eq(noteReplies.id, safetyAlerts.sourceId)))
    .where(and(q.status === 'open' ? isNull(safetyAlerts.reviewedAt) : undefined, belowKeyset(safetyAlerts.createdAt, safetyAlerts.id, after)))
    .orderBy(desc(safetyAlerts.createdAt), desc(safetyAlerts.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const [{ waiting }] = await db.select({ waiting: count() }).from(safetyAlerts).where(isNull(safetyAlerts.reviewedAt));
  return {
    waiting: Number(waiting),
    alerts: page.map((r) => ({
      id: r.alert.id,
      source: r.alert.source,
      sourceId: r.alert.sourceId,
      excerpt: r.alert.excerpt,
      createdAt: r.alert.createdAt.toISOString(),
      student: { id: r.alert.userId, name: r.name, email: r.email, deleted: r.deletedAt !== null },
      conversationId: r.conversationId,
      noteId: r.alert.source === 'note' ? r.alert.sourceId : r.replyNoteId,
      reviewed: r.alert.reviewedAt ? { at: r.alert.reviewedAt.toISOString(), by: r.reviewerName } : null,
    })),
    next: rows.length > q.limit ? keysetOf(page.at(-1)!.us, page.at(-1)!.alert.id) : null,
  };
}

/**
 * Marks an alert reviewed: someone has followed up. Reviewing it again changes nothing and
 * keeps the first reviewer (`changed: false`).
 */
export async function reviewAlert(db: Db, actor: Actor, alertId: string): Promise<{ id: string; changed: boolean; reviewedAt: string }> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(safetyAlerts)
      .set({ reviewedBy: actor.userId, reviewedAt: new Date() })
      .where(and(eq(safetyAlerts.id, alertId), isNull(safetyAlerts.reviewedAt)))
      .returning({ id: safetyAlerts.id, reviewedAt: safetyAlerts.reviewedAt });
    if (updated) {
      await logEvent(tx, 'safety.reviewed', actor.userId, { alertId });
      return { id: updated.id, changed: true, reviewedAt: updated.reviewedAt!.toISOString() };
    }
    const [done] = await tx
      .select({ id: safetyAlerts.id, reviewedAt: safetyAlerts.reviewedAt })
      .from(safetyAlerts)
      .where(and(eq(safetyAlerts.id, alertId), isNotNull(safetyAlerts.reviewedAt)));
    if (!done) throw notFound('no such safety alert');
    return { id: done.id, changed: false, reviewedAt: done.reviewedAt!.toISOString() };
  });
}
