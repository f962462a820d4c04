/**
 * The queue without Redis: the `jobs` table is the queue. Workers claim the oldest queued
 * row with `FOR UPDATE SKIP LOCKED` (several workers on one PostgreSQL never take the same
 * row), hold a lease while they run it (`leases.ts`), retry a failed attempt after an
 * exponential back-off while keeping the job, and hand a job back to the queue when shut
 * down mid-job. On start, and every `recoverEveryMs`, running rows whose worker is gone go
 * back to the queue; a job that has used up its attempts that way fails.
 */
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { leasesFor, type Claim } from './leases.ts';
import { Doorbell, validateJob, type EnqueueOptions, type JobQueue, type JobWorker } from './queue.ts';
import { runAttempt, type AttemptEnd, type RunnerDeps } from './runner.ts';
import { attemptState, cancelJob, countByStatus, giveUp, insertJob, markFailed, nextAttempt, noteRunning, requeue, requeueOrphan } from './store.ts';
import { backoffDelay, silentLog, type JobLog, type JobRegistry } from './types.ts';

export interface LocalQueueOptions {
  database: Database;
  registry: JobRegistry;
  /** Rung on every enqueue: the workers of this process start at once instead of at their next poll. */
  bell?: Doorbell;
}

export function createLocalQueue(opts: LocalQueueOptions): JobQueue {
  const db = opts.database.db;
  return {
    backend: 'local',
    async enqueue(kind, params, o: EnqueueOptions = {}) {
      const row = await insertJob(db, kind, validateJob(opts.registry, kind, params), o.requestedBy ?? null);
      opts.bell?.ring();
      return row;
    },
    cancel: (id) => cancelJob(db, id),
    async depth() {
      const c = await countByStatus(db);
      return { waiting: c.queued, active: c.running };
    },
    async close() {},
  };
}

export interface LocalWorkerOptions {
  database: Database;
  config: Config;
  registry: JobRegistry;
  log?: JobLog;
  bell?: Doorbell;
  /** Only these kinds (default: all of the registry). */
  kinds?: readonly string[];
  /** Jobs run side by side by this worker. */
  concurrency?: number;
  /** Idle re-check of the table for work enqueued by other processes. */
  pollMs?: number;
  /** How often a running job reads its row for a cancellation. */
  cancelPollMs?: number;
  /** How often to look for orphans of dead workers after the start (PostgreSQL only). */
  recoverEveryMs?: number;
}

export function createLocalWorker(opts: LocalWorkerOptions): JobWorker {
  const { database, registry } = opts;
  const db = database.db;
  const log = opts.log ?? silentLog;
  const bell = opts.bell ?? new Doorbell();
  const kinds = opts.kinds ?? Object.keys(registry);
  // One process holds PGlite: nothing else can enqueue, so the bell is enough and the poll is a fallback.
  const pollMs = opts.pollMs ?? (database.driver === 'pglite' ? 5000 : 1000);
  const leases = leasesFor(database);
  const deps: RunnerDeps = { db, config: opts.config, registry, log, pollMs: opts.cancelPollMs ?? 1000 };
  /** Aborted when close() is called: no new attempt starts (a job waiting out a back-off goes back at once). */
  const closingSignal = new AbortController();
  /** Aborted when the grace period is over: running attempts stop. */
  const stopping = new AbortController();
  let closing = false;
  let busy = 0;
  let loops: Promise<void>[] = [];
  let recoverTimer: NodeJS.Timeout | undefined;

  async function recover(atStart: boolean): Promise<void> {
    for (const id of await leases.orphans(atStart)) {
      if (await requeueOrphan(db, id)) log.warn({ jobId: id }, 'requeued a job whose worker stopped');
    }
    if (atStart) bell.ring();
  }

  const sleepUnlessStopped = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        closingSignal.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      closingSignal.signal.addEventListener('abort', done);
    });

  /** Waits `ms` unless cancelled or shut down first; says which. */
  async function backoff(id: string, attempt: number, ms: number): Promise<'go' | 'cancelled' | 'lost' | 'shutdown'> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (closing) return 'shutdown';
      await sleepUnlessStopped(Math.min(deps.pollMs, until - Date.now()));
      const s = await attemptState(db, id, attempt);
      if (s !== 'mine') return s;
    }
    return closing ? 'shutdown' : 'go';
  }

  async function runJob(claim: Claim): Promise<void> {
    let row = claim.row;
    const kind = registry[row.kind];
    if (kind && row.attempts > kind.maxAttempts) {
      await giveUp(db, row.id, `gave up after ${kind.maxAttempts} attempts: ${row.error ?? 'the worker running it stopped each time'}`);
      log.error({ jobId: row.id, kind: row.kind }, 'job gave up');
      return;
    }
    for (;;) {
      const attempt = row.attempts;
      log.info({ jobId: row.id, kind: row.kind, attempt }, 'job started');
      const end: AttemptEnd = await runAttempt(deps, row, stopping.signal);
      if (end.end !== 'failed') {
        if (end.end === 'interrupted') await requeue(db, row.id, attempt, { message: 'requeued: the worker shut down', giveBackAttempt: true });
        log.info({ jobId: row.id, kind: row.kind, attempt, end: end.end }, `job ${end.end}`);
        return;
      }
      if (end.permanent || !kind || attempt >= kind.maxAttempts) {
        await markFailed(db, row.id, attempt, end.error);
        log.error({ jobId: row.id, kind: row.kind, attempt, error: end.error }, 'job failed');
        return;
      }
      const wait = backoffDelay(kind, attempt);
      log.warn({ jobId: row.id, kind: row.kind, attempt, error: end.error, retryInMs: wait }, 'job attempt failed; retrying');
      await noteRunning(db, row.id, attempt, `attempt ${attempt} failed; retrying in ${(wait / 1000).toFixed(1)} s`, end.error);
      const go = await backoff(row.id, attempt, wait);
      if (go === 'shutdown') return requeue(db, row.id, attempt, { message: `attempt ${attempt} failed; requeued at worker shutdown` });
      if (go !== 'go' || !(await nextAttempt(db, row.id, attempt))) return;
      row = { ...row, attempts: attempt + 1 };
    }
  }

  async function loop(): Promise<void> {
    while (!closing) {
      let claim: Claim | null = null;
      try {
        claim = await leases.claim(kinds);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'claiming a job failed');
      }
      if (!claim) {
        if (!closing) await bell.wait(pollMs);
        continue;
      }
      busy++;
      try {
        await runJob(claim);
      } catch (err) {
        log.error({ jobId: claim.row.id, err: (err as Error).message }, 'job bookkeeping failed');
      } finally {
        busy--;
        await claim.release();
      }
    }
  }

  return {
    get busy() {
      return busy;
    },
    async start() {
      // A database that is not there yet (or not migrated) must not stop the process starting; the loops retry.
      await recover(true).catch((err: Error) => log.error({ err: err.message }, 'orphan recovery failed'));
      loops = Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, () => loop());
      if (database.driver === 'postgres') {
        recoverTimer = setInterval(() => void recover(false).catch((err: Error) => log.error({ err: err.message }, 'orphan recovery failed')), opts.recoverEveryMs ?? 10_000);
        recoverTimer.unref();
      }
    },
    async close(graceMs = 10_000) {
      closing = true;
      closingSignal.abort();
      clearInterval(recoverTimer);
      bell.ring();
      const all = Promise.all(loops);
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<'expired'>((r) => (timer = setTimeout(() => r('expired'), graceMs)));
      if ((await Promise.race([all.then(() => 'done' as const), expired])) === 'expired') stopping.abort();
      clearTimeout(timer);
      await all;
    },
  };
}
