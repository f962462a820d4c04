/**
 * The admin export of the interaction log, until the dataset builder lands: events of
 * consenting, non-deleted, real (not simulated) students, with every user id replaced by
 * its keyed pseudonym, written as JSONL to a temporary file and renamed into place when
 * complete — a crash never leaves a half file under the final name. Runs as the `export`
 * job (src/jobs/kinds/export.ts).
 */
import { once as onceEvent } from 'node:events';
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { events, users } from '../db/schema/index.ts';
import { logEvent } from './events.ts';
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

export interface WrittenExport {
  /** The complete file, still under its temporary name. */
  tmp: string;
  /** Where `commitLogExport` moves it. */
  final: string;
  rows: number;
  students: number;
}

/**
 * Writes the export of job `jobId` to a temporary file in `scratch`; nothing is visible
 * under the final name until `commitLogExport` runs in the job's success transaction.
 * `signal` is checked between pages (cancellation), `onPage` reports the rows so far.
 */
export async function writeLogExport(
  db: Db,
  opts: { jobId: string; dir: string; scratch: string; key: Uint8Array; signal?: AbortSignal; onPage?: (rows: number, students: number) => void },
): Promise<WrittenExport> {
  const allowed = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.trainingConsent, true), isNull(users.deletedAt), eq(users.isSimulated, false), eq(users.role, 'student')));
  const everyone = new Set((await db.select({ id: users.id }).from(users)).map((u) => u.id));
  const ids = allowed.map((u) => u.id);
  mkdirSync(opts.scratch, { recursive: true });
  const final = path.join(opts.dir, `events-${opts.jobId}.jsonl`);
  const tmp = path.join(opts.scratch, `events-${opts.jobId}.jsonl.partial`);
  const out = createWriteStream(tmp);
  let rows = 0;
  let after = 0;
  try {
    // Keyset pagination on the id: memory stays flat however long the log is.
    while (ids.length) {
      opts.signal?.throwIfAborted();
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
      opts.onPage?.(rows, ids.length);
    }
  } finally {
    out.end();
    await onceEvent(out, 'finish');
  }
  return { tmp, final, rows, students: ids.length };
}

/**
 * In the transaction that marks the job succeeded: the audit trail (src/collect/audit.ts)
 * records who exported how much, and the file moves under its final name — last, so a
 * rollback after the rename leaves at most an unregistered file that a retry overwrites.
 */
export async function commitLogExport(tx: Tx, written: WrittenExport, opts: { jobId: string; requestedBy: string | null }): Promise<void> {
  await logEvent(tx, 'data.exported', opts.requestedBy, { scope: 'all', rows: written.rows, jobId: opts.jobId });
  mkdirSync(path.dirname(written.final), { recursive: true });
  renameSync(written.tmp, written.final);
}
