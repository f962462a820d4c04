/**
 * The admin export of the interaction log, until the dataset builder lands: events of
 * consenting, non-deleted, real (not simulated) students, with every user id replaced by
 * its keyed pseudonym, written as JSONL to a temporary file and renamed into place when
 * complete — a crash never leaves a half file under the final name. Runs as a job row.
 */
import { once as onceEvent } from 'node:events';
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { events, jobs, users } from '../db/schema/index.ts';
import { pseudonym } from './pseudonym.ts';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Replace every user id anywhere in a payload (values, not keys) by its pseudonym; other UUIDs stay. */
function pseudonymise(value: unknown, userIds: ReadonlySet<string>, key: Uint8Array): unknown {
  if (typeof value === 'string') return value.replace(UUID, (m) => (userIds.has(m) ? pseudonym(key, m) : m));
  if (Array.isArray(value)) return value.map((v) => pseudonymise(v, userIds, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudonymise(v, userIds, key)]));
  }
  return value;
}

export async function startLogExport(db: Db, opts: { dir: string; key: Uint8Array; requestedBy: string }): Promise<{ jobId: string; done: Promise<void> }> {
  const [job] = await db.insert(jobs).values({ kind: 'log_export', params: { requestedBy: opts.requestedBy } }).returning({ id: jobs.id });
  const done = runLogExport(db, job.id, opts).catch(async (err: Error) => {
    await db.update(jobs).set({ status: 'failed', error: err.message, finishedAt: new Date() }).where(eq(jobs.id, job.id));
  });
  return { jobId: job.id, done };
}

async function runLogExport(db: Db, jobId: string, opts: { dir: string; key: Uint8Array }): Promise<void> {
  await db.update(jobs).set({ status: 'running', startedAt: new Date(), attempts: 1 }).where(eq(jobs.id, jobId));
  const allowed = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.trainingConsent, true), isNull(users.deletedAt), eq(users.isSimulated, false), eq(users.role, 'student')));
  const everyone = new Set((await db.select({ id: users.id }).from(users)).map((u) => u.id));
  const ids = allowed.map((u) => u.id);
  mkdirSync(opts.dir, { recursive: true });
  const final = path.join(opts.dir, `events-${jobId}.jsonl`);
  const tmp = `${final}.partial`;
  const out = createWriteStream(tmp);
  let rows = 0;
  let after = 0;
  // Keyset pagination on the id: memory stays flat however long the log is.
  while (ids.length) {
    const page = await db.select().from(events).where(and(inArray(events.userId, ids), gt(events.id, after))).orderBy(asc(events.id)).limit(1000);
    if (page.length === 0) break;
    for (const e of page) {
      const line = JSON.stringify({
        type: e.type,
        schemaVersion: e.schemaVersion,
        user: pseudonym(opts.key, e.userId!),
        at: e.createdAt.toISOString(),
        payload: pseudonymise(e.payload, everyone, opts.key),
      });
      if (!out.write(`${line}\n`)) await onceEvent(out, 'drain');
      rows++;
    }
    after = page[page.length - 1].id;
    await db.update(jobs).set({ message: `${rows} events written` }).where(eq(jobs.id, jobId));
  }
  out.end();
  await onceEvent(out, 'finish');
  renameSync(tmp, final);
  await db
    .update(jobs)
    .set({ status: 'succeeded', progress: 1, finishedAt: new Date(), result: { file: final, rows, students: ids.length } })
    .where(eq(jobs.id, jobId));
}
