/**
 * How the table queue tells a running job from an orphan (a job whose worker died).
 *
 * PostgreSQL: the worker holds a session advisory lock named after the job for as long as it
 * runs it, on a connection of its own, taken in the same transaction that claims the row —
 * so no other process ever sees the row running without the lock held. When the worker dies,
 * PostgreSQL ends its session and drops the lock; any worker that can then take the lock
 * knows the row is an orphan. PGlite: one process opens the database at a time, so when a
 * worker starts, every running row belongs to a process that is gone.
 */
import type pg from 'pg';
import type { Database } from '../db/client.ts';
import { claimNext, getJob, runningJobs } from './store.ts';
import type { JobRow } from './types.ts';

export interface Claim {
  row: JobRow;
  /** Drops the lease; the row must already be in its final state (or requeued). */
  release(): Promise<void>;
}

export interface Leases {
  claim(kinds: readonly string[]): Promise<Claim | null>;
  /** Ids of running rows that no live worker holds. `atStart`: this worker has not claimed anything yet. */
  orphans(atStart: boolean): Promise<string[]>;
}

/** Advisory locks are keyed (namespace, hashtext(id)); the namespace keeps them apart from other locks. */
const LOCK_SPACE = 7319;

export function leasesFor(database: Database): Leases {
  return database.raw.kind === 'postgres' ? postgresLeases(database) : singleProcessLeases(database);
}

function singleProcessLeases(database: Database): Leases {
  return {
    async claim(kinds) {
      const row = await claimNext(database.db, kinds);
      return row ? { row, release: async () => {} } : null;
    },
    async orphans(atStart) {
      return atStart ? (await runningJobs(database.db)).map((r) => r.id) : [];
    },
  };
}

function postgresLeases(database: Database): Leases {
  const pool = (database.raw as { kind: 'postgres'; pool: pg.Pool }).pool;
  const CLAIM = `update jobs set status = 'running', attempts = attempts + 1, started_at = now(), finished_at = null, error = null
                 where id = (select id from jobs where status = 'queued' and kind = any($1::text[])
                             order by created_at, id limit 1 for update skip locked)
                 returning id`;
  return {
    async claim(kinds) {
      if (kinds.length === 0) return null;
      const client = await pool.connect();
      let id: string | undefined;
      try {
        await client.query('begin');
        id = (await client.query<{ id: string }>(CLAIM, [kinds])).rows[0]?.id;
        if (id) await client.query('select pg_advisory_lock($1, hashtext($2))', [LOCK_SPACE, id]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        client.release(true);
        throw err;
      }
      if (!id) {
        client.release();
        return null;
      }
      const row = (await getJob(database.db, id))!;
      return {
        row,
        async release() {
          try {
            await client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, id]);
            client.release();
          } catch {
            client.release(true); // a broken connection: drop it, and the lock with it
          }
        },
      };
    },
    async orphans() {
      const running = await runningJobs(database.db);
      if (running.length === 0) return [];
      const client = await pool.connect();
      const out: string[] = [];
      try {
        for (const r of running) {
          const got = (await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [LOCK_SPACE, r.id])).rows[0].ok;
          if (!got) continue;
          out.push(r.id);
          await client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, r.id]);
        }
      } finally {
        client.release();
      }
      return out;
    },
  };
}
