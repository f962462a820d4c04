/**
 * The audit log of data rights: every export of personal data and every change to training
 * consent (account deletion included, since it withdraws consent). No separate table: these
 * are events (events.ts), written in the same transaction as the action they record, so
 * the audit trail cannot miss an action or claim one that rolled back. This is the view
 * over them an administrator reads. Entries carry ids, never emails or names.
 */
import { and, desc, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { events } from '../db/schema/index.ts';
import type { EventType } from './events.ts';

export const AUDIT_EVENT_TYPES = ['data.exported', 'consent.changed', 'account.deleted'] as const satisfies readonly EventType[];
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditEntry {
  id: number;
  type: AuditEventType;
  /** Who acted (the exporter; the student or parent who changed consent; the deleted account). */
  actorId: string | null;
  at: Date;
  payload: Record<string, unknown>;
}

/** Newest first; `before` (an entry id) pages back. */
export async function listAudit(db: Db, opts: { types?: readonly AuditEventType[]; before?: number; limit: number }): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const rows = await db
    .select()
    .from(events)
    .where(and(inArray(events.type, [...(opts.types ?? AUDIT_EVENT_TYPES)]), opts.before === undefined ? undefined : lt(events.id, opts.before)))
    .orderBy(desc(events.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return {
    entries: page.map((e) => ({ id: e.id, type: e.type as AuditEventType, actorId: e.userId, at: e.createdAt, payload: e.payload })),
    next: rows.length > opts.limit ? page[page.length - 1].id : null,
  };
}
