/**
 * The moderation queue: what has been reported, one entry per target, newest report first,
 * for admins. It says what an admin needs to decide — how many reported it and why, what
 * it says, who wrote it, where its thread is, whether it is hidden and whether an admin has
 * looked since the last report — and never who reported it: reporters stay private even
 * from moderators, so nobody is judged by who complained.
 *
 * A target is reviewed by an admin's hide or unhide (moderation.ts `setHidden`, which logs
 * `community.moderated` for every decision, a "keep it as it is" included). No column holds
 * the review: it is the latest such event, written in the decision's transaction, so it can
 * neither be missed nor claimed for a decision that rolled back. A report newer than the
 * review opens the target again. An admin's own report hides at once but is not a review:
 * the target waits in the queue for a second look.
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { REPLY_KINDS } from '../db/enums.ts';
import { communityReports, events, noteReplies, notes, users } from '../db/schema/index.ts';
import { EPOCH_US_PATTERN, UUID_PATTERN } from '../lib/keyset.ts';
import { excerpt } from './views.ts';
import type { TargetKind } from './visibility.ts';

/** open: reported since the last review (or never reviewed), hidden or not · hidden: reported and hidden now · all: everything reported. */
export const QUEUE_STATUSES = ['open', 'hidden', 'all'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const PREVIEW_CHARS = 280;
/** The most common reasons a target lists; a target with more says how many it left out. */
export const REASONS_SHOWN = 10;

/**
 * `<last report, µs since the epoch>_<kind>_<id>`: the sort key of the last entry of a page.
 * Microseconds because that is what PostgreSQL stores; a millisecond key would repeat or
 * skip entries reported within the same millisecond.
 */
export const QUEUE_CURSOR = new RegExp(`^(${EPOCH_US_PATTERN})_(note|reply)_(${UUID_PATTERN})$`);
export const queueCursor = z.string().regex(QUEUE_CURSOR, 'a cursor: the `next` of the previous page');

export interface QueueQuery {
  status: QueueStatus;
  limit: number;
  cursor?: string;
}

export interface QueueEntry {
  targetKind: TargetKind;
  targetId: string;
  /** The thread to open: the note itself, or the reply's note. */
  noteId: string;
  /** Null for a note. */
  replyKind: (typeof REPLY_KINDS)[number] | null;
  preview: string;
  /** The author's display name, or "AI" for the AI's replies. */
  author: string;
  /** Null for the AI's replies. */
  authorId: string | null;
  reportCount: number;
  /** Distinct reasons (case aside), most given first, each with how many gave it. */
  reasons: { reason: string; count: number }[];
  reasonsLeftOut: number;
  firstReportedAt: Date;
  lastReportedAt: Date;
  createdAt: Date;
  hiddenAt: Date | null;
  /** The latest admin decision, if any. */
  reviewedAt: Date | null;
  /** Reported since that decision (or never decided): waiting for an admin. */
  open: boolean;
}

export interface ReportQueue {
  reports: QueueEntry[];
  next: string | null;
}

const parent = alias(notes, 'parent_note');
const reviews = (db: Db) => {
  const kind = sql<string>`${events.payload}->>'targetKind'`;
  // The payload's targetId passed z.uuid() when logged; the cast folds any upper-case spelling.
  const id = sql<string>`(${events.payload}->>'targetId')::uuid`;
  return db
    .select({ kind: kind.as('review_kind'), id: id.as('review_id'), at: sql<string>`max(${events.createdAt})`.as('reviewed_at') })
    .from(events)
    .where(eq(events.type, 'community.moderated'))
    .groupBy(kind, id)
    .as('reviews');
};

/** Reported targets that still exist (a deleted reply's or deleted note's reports drop out), newest report first. */
export async function reportQueue(db: Db, q: QueueQuery): Promise<ReportQueue> {
  const r = communityReports;
  const reported = db
    .select({
      kind: r.targetKind,
      id: r.targetId,
      count: sql<number>`count(*)::int`.as('report_count'),
      firstAt: sql<string>`min(${r.createdAt})`.as('first_at'),
      lastAt: sql<string>`max(${r.createdAt})`.as('last_at'),
      lastUs: sql<string>`(extract(epoch from max(${r.createdAt})) * 1000000)::bigint`.as('last_us'),
    })
    .from(r)
    .groupBy(r.targetKind, r.targetId)
    .as('reported');
  const reviewed = reviews(db);

  const hiddenAt = sql`coalesce(${notes.hiddenAt}, ${noteReplies.hiddenAt})`;
  const isOpen = sql`(${reviewed.at} is null or ${reviewed.at} < ${reported.lastAt})`;
  const filter: Record<QueueStatus, SQL | undefined> = { open: isOpen, hidden: sql`${hiddenAt} is not null`, all: undefined };
  const after = q.cursor ? QUEUE_CURSOR.exec(q.cursor) : null;

  const rows = await db
    .select({
      kind: reported.kind,
      id: reported.id,
      count: reported.count,
      firstAt: reported.firstAt,
      lastAt: reported.lastAt,
      // As text: a driver may read a bigint as a number or a BigInt.
      lastUs: sql<string>`${reported.lastUs}::text`,
      reviewedAt: reviewed.at,
      open: sql<boolean>`${isOpen}`,
      noteBody: notes.body,
      noteAuthor: notes.userId,
      noteCreated: notes.createdAt,
      noteHidden: notes.hiddenAt,
      replyNote: noteReplies.noteId,
      replyKind: noteReplies.kind,
      replyBody: noteReplies.body,
      replyAuthor: noteReplies.authorId,
      replyCreated: noteReplies.createdAt,
      replyHidden: noteReplies.hiddenAt,
      authorName: users.displayName,
    })
    .from(reported)
    .leftJoin(notes, and(eq(reported.kind, 'note'), eq(notes.id, reported.id)))
    .leftJoin(noteReplies, and(eq(reported.kind, 'reply'), eq(noteReplies.id, reported.id)))
    .leftJoin(parent, eq(parent.id, noteReplies.noteId))
    .leftJoin(users, eq(users.id, sql`coalesce(${notes.userId}, ${noteReplies.authorId})`))
    .leftJoin(reviewed, and(eq(reviewed.kind, reported.kind), eq(reviewed.id, reported.id)))
    .where(
      and(
        sql`coalesce(${notes.id}, ${noteReplies.id}) is not null`,
        isNull(notes.deletedAt),
        isNull(noteReplies.deletedAt),
        isNull(parent.deletedAt),
        filter[q.status],
        after ? sql`(${reported.lastUs}, ${reported.kind}, ${reported.id}) < (${after[1]}::bigint, ${after[2]}, ${after[3]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(reported.lastUs), desc(reported.kind), desc(reported.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);

  const reasons = page.length
    ? await db
        .select({ kind: r.targetKind, id: r.targetId, reason: sql<string>`min(${r.reason})`, count: sql<number>`count(*)::int` })
        .from(r)
        .where(inArray(r.targetId, page.map((p) => p.id)))
        .groupBy(r.targetKind, r.targetId, sql`lower(${r.reason})`)
    : [];
  const date = (v: string | Date) => new Date(v);

  const reports = page.map((p): QueueEntry => {
    const mine = reasons
      .filter((x) => x.kind === p.kind && x.id === p.id)
      .map((x) => ({ reason: x.reason, count: Number(x.count) }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const isNote = p.kind === 'note';
    const authorId = isNote ? p.noteAuthor : p.replyAuthor;
    const hidden = isNote ? p.noteHidden : p.replyHidden;
    return {
      targetKind: p.kind,
      targetId: p.id,
      noteId: isNote ? p.id : p.replyNote!,
      replyKind: isNote ? null : p.replyKind,
      preview: excerpt((isNote ? p.noteBody : p.replyBody) ?? '', PREVIEW_CHARS),
      author: authorId === null ? 'AI' : (p.authorName ?? ''),
      authorId,
      reportCount: Number(p.count),
      reasons: mine.slice(0, REASONS_SHOWN),
      reasonsLeftOut: Math.max(0, mine.length - REASONS_SHOWN),
      firstReportedAt: date(p.firstAt),
      lastReportedAt: date(p.lastAt),
      createdAt: (isNote ? p.noteCreated : p.replyCreated)!,
      hiddenAt: hidden,
      reviewedAt: p.reviewedAt === null ? null : date(p.reviewedAt),
      open: Boolean(p.open),
    };
  });
  const last = page[page.length - 1];
  return { reports, next: rows.length > q.limit ? `${last.lastUs}_${last.kind}_${last.id}` : null };
}
