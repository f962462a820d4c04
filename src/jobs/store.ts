/**
 * The `jobs` table is the truth about every job, whichever queue carries it: the admin UI
 * reads it, cancellation is written to it, and every state change is a conditional UPDATE
 * (`… where status = 'running'`), so a cancellation racing a success has one winner.
 */
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { rawRows } from '../db/client.ts';
import type { JobStatus } from '../db/enums.ts';
import { jobs } from '../db/schema/index.ts';
import { conflict, notFound } from '../lib/errors.ts';
import { scrubText } from '../lib/log.ts';
import type { JobRow } from './types.ts';

const MAX_ERROR_CHARS = 2000;

/** An error as stored on the row: one line of text, no query parameters or emails. */
export const errorText = (err: unknown): string => scrubText(err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err)).slice(0, MAX_ERROR_CHARS);

export async function insertJob(db: Db, kind: string, params: Record<string, unknown>, requestedBy: string | null): Promise<JobRow> {
  const [row] = await db.insert(jobs).values({ kind, params: requestedBy ? { ...params, requestedBy } : params }).returning();
  return row;
}

export async function getJob(db: Db | Tx, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

export interface ListOptions {
  status?: JobStatus;
  kind?: string;
  /** Jobs created before this one (its id): the next page. */
  before?: string;
  limit: number;
}

/** Newest first. */
export async function listJobs(db: Db, opts: ListOptions): Promise<{ jobs: JobRow[]; next: string | null }> {
  const where: SQL[] = [];
  if (opts.status) where.push(eq(jobs.status, opts.status));
  if (opts.kind) where.push(eq(jobs.kind, opts.kind));
  if (opts.before) {
    const cursor = await getJob(db, opts.before);
    if (!cursor) throw notFound('no such job to page from');
    where.push(sql`(${jobs.createdAt}, ${jobs.id}) < (${cursor.createdAt}, ${cursor.id})`);
  }
  const rows = await db.select().from(jobs).where(and(...where)).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return { jobs: page, next: rows.length > opts.limit ? page[page.length - 1].id : null };
}

/** Queued or running → cancelled. A finished job cannot be cancelled (409). */
export async function cancelJob(db: Db, id: string): Promise<JobRow> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: new Date(), message: 'cancelled' })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])))
    .returning();
  if (row) return row;
  const existing = await getJob(db, id);
  if (!existing) throw notFound('no such job');
  throw conflict(`the job has already ${existing.status === 'cancelled' ? 'been cancelled' : existing.status}`, { status: existing.status });
}

/** A queued (or crashed-and-requeued) job becomes running; null when it was cancelled or finished meanwhile. */
export async function startAttempt(db: Db, id: string): Promise<JobRow | null> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, startedAt: new Date(), finishedAt: null, error: null })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])))
    .returning();
  return row ?? null;
}

/**
 * The oldest queued job of these kinds, made running in the same statement. SKIP LOCKED
 * lets several workers on one PostgreSQL claim side by side, never the same row.
 */
export async function claimNext(db: Db | Tx, kinds: readonly string[]): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const rows = await rawRows<{ id: string }>(
    db as Db,
    sql`update jobs set status = 'running', attempts = attempts + 1, started_at = now(), finished_at = null, error = null
        where id = (select id from jobs where status = 'queued' and kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
                    order by created_at, id limit 1 for update skip locked)
        returning id`,
  );
  return rows[0] ? ((await getJob(db, rows[0].id)) ?? null) : null;
}

/**
 * The attempt number is the fencing token: a worker changes its job only while the row is
 * running *its* attempt, so a worker that lost its job (judged dead, restarted elsewhere)
 * can no longer write progress, fail it or register artifacts.
 */
const mine = (id: string, attempt: number) => and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.attempts, attempt));

/** Progress of a running attempt; false when the job is no longer running this attempt (cancelled, lost). */
export async function writeProgress(db: Db, id: string, attempt: number, progress: number, message: string | undefined): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ progress: Math.min(1, Math.max(0, progress)), ...(message === undefined ? {} : { message: message.slice(0, 500) }) })
    .where(mine(id, attempt))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Whether the row still runs this attempt, and if not, whether it was cancelled. */
export async function attemptState(db: Db, id: string, attempt: number): Promise<'mine' | 'cancelled' | 'lost'> {
  const [row] = await db.select({ status: jobs.status, attempts: jobs.attempts }).from(jobs).where(eq(jobs.id, id));
  if (row?.status === 'running' && row.attempts === attempt) return 'mine';
  return row?.status === 'cancelled' ? 'cancelled' : 'lost';
}

/** Inside the success transaction; false (and nothing changed) when the attempt is no longer the job's (cancelled meanwhile). */
export async function markSucceeded(tx: Tx, id: string, attempt: number, result: Record<string, unknown>): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ status: 'succeeded', progress: 1, result, error: null, message: null, finishedAt: new Date() })
    .where(mine(id, attempt))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function setResult(tx: Tx, id: string, result: Record<string, unknown>): Promise<void> {
  await tx.update(jobs).set({ result }).where(eq(jobs.id, id));
}

export async function markFailed(db: Db, id: string, attempt: number, error: string): Promise<void> {
  await db.update(jobs).set({ status: 'failed', error, finishedAt: new Date() }).where(mine(id, attempt));
}

/** Given up before running (too many attempts): any queued or running row. */
export async function giveUp(db: Db, id: string, error: string): Promise<void> {
  await db.update(jobs).set({ status: 'failed', error, finishedAt: new Date() }).where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])));
}

/**
 * Back to queued: a retry after a failed attempt (the attempt and its error stay counted),
 * or a job handed back by a worker shutting down (that attempt did not fail: given back).
 */
export async function requeue(db: Db, id: string, attempt: number, why: { error?: string; message: string; giveBackAttempt?: boolean }): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'queued',
      message: why.message,
      ...(why.error === undefined ? {} : { error: why.error }),
      ...(why.giveBackAttempt ? { attempts: sql`greatest(${jobs.attempts} - 1, 0)` } : {}),
    })
    .where(mine(id, attempt));
}

/** A running job whose worker is gone goes back to the queue (its attempt stays counted). */
export async function requeueOrphan(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', message: 'requeued: the worker running it stopped' })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** A note on a running attempt without changing its state (a retry's wait). */
export async function noteRunning(db: Db, id: string, attempt: number, message: string, error?: string): Promise<void> {
  await db.update(jobs).set({ message, ...(error === undefined ? {} : { error }) }).where(mine(id, attempt));
}

/** The next attempt of a job this worker keeps across a retry wait; false when it was cancelled meanwhile. */
export async function nextAttempt(db: Db, id: string, attempt: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ attempts: attempt + 1, startedAt: new Date(), message: null })
    .where(mine(id, attempt))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function runningJobs(db: Db): Promise<Pick<JobRow, 'id' | 'kind'>[]> {
  return db.select({ id: jobs.id, kind: jobs.kind }).from(jobs).where(eq(jobs.status, 'running'));
}

/** Queued jobs created before `before` (for re-submitting rows a queue may never have received). */
export async function queuedBefore(db: Db, before: Date, kinds: readonly string[]): Promise<Pick<JobRow, 'id' | 'kind'>[]> {
  if (kinds.length === 0) return [];
  return db.select({ id: jobs.id, kind: jobs.kind }).from(jobs).where(and(eq(jobs.status, 'queued'), lt(jobs.createdAt, before), inArray(jobs.kind, [...kinds])));
}

/** Rows per status, for queue-depth metrics. */
export async function countByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db.select({ status: jobs.status, n: sql<number>`count(*)::int` }).from(jobs).groupBy(jobs.status);
  const out = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 } as Record<JobStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
