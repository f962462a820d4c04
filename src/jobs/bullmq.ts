/**
 * The queue with Redis: BullMQ carries job ids (the row stays the truth). BullMQ gives the
 * retries with exponential back-off (`attempts`, `backoff`), and its stalled-job check gives
 * crash recovery: a worker that dies stops renewing its lock, and after `lockMs` another
 * worker moves the job back to waiting and runs it again (`maxStalledCount` times at most).
 * A worker shutting down hands its job back with `moveToWait`.
 *
 * The row is inserted before the job is added to Redis; if Redis is down at that moment the
 * row waits as `queued` and a worker's reconcile pass (at start and every `reconcileEveryMs`)
 * submits it later. The same pass fails rows whose BullMQ job failed without us (too many
 * stalls) and resubmits rows whose BullMQ job is gone (a flushed Redis).
 */
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { validateJob, type EnqueueOptions, type JobQueue, type JobWorker } from './queue.ts';
import { runAttempt, type RunnerDeps } from './runner.ts';
import { cancelJob, giveUp, insertJob, markFailed, queuedBefore, requeue, requeueOrphan, runningJobs, startAttempt } from './store.ts';
import { backoffDelay, silentLog, type JobLog, type JobRegistry, type JobRow } from './types.ts';

export const QUEUE_NAME = 'satprep-jobs';

interface BullData {
  id: string;
}

export interface BullOptions {
  database: Database;
  registry: JobRegistry;
  redisUrl: string;
  /** Key prefix in Redis (tests isolate runs with their own). */
  prefix?: string;
  log?: JobLog;
}

const connection = (url: string, blocking: boolean) => ({ url, maxRetriesPerRequest: blocking ? null : 1, connectTimeout: 3000 });

function addJob(queue: Queue<BullData>, registry: JobRegistry, row: Pick<JobRow, 'id' | 'kind'>) {
  const kind = registry[row.kind];
  return queue.add(row.kind, { id: row.id }, {
    jobId: row.id,
    attempts: kind?.maxAttempts ?? 1,
    backoff: { type: 'exponential', delay: kind?.backoffMs ?? 1000 },
    // The row keeps the history; Redis keeps a little for inspection.
    removeOnComplete: { age: 86_400, count: 1000 },
    removeOnFail: { age: 7 * 86_400, count: 1000 },
  });
}

export function createBullQueue(opts: BullOptions): JobQueue {
  const db = opts.database.db;
  const log = opts.log ?? silentLog;
  const queue = new Queue<BullData>(QUEUE_NAME, { connection: connection(opts.redisUrl, false), prefix: opts.prefix ?? 'satprep-bull' });
  queue.on('error', () => {}); // reported by the failing call
  return {
    backend: 'bullmq',
    async enqueue(kind, params, o: EnqueueOptions = {}) {
      const row = await insertJob(db, kind, validateJob(opts.registry, kind, params), o.requestedBy ?? null);
      try {
        await addJob(queue, opts.registry, row);
      } catch (err) {
        log.warn({ jobId: row.id, err: (err as Error).message }, 'job queued in the table only; a worker submits it when Redis answers');
      }
      return row;
    },
    async cancel(id) {
      const row = await cancelJob(db, id);
      // A waiting or delayed job leaves Redis now; an active one is locked and sees the row instead.
      await queue.remove(id).catch(() => 0);
      return row;
    },
    async depth() {
      const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
      return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), delayed: c.delayed ?? 0, active: c.active ?? 0 };
    },
    async close() {
      await queue.close().catch(() => {});
    },
  };
}

/** Every BullMQ worker runs every kind (one queue); the table queue can split kinds across workers. */
export interface BullWorkerOptions extends BullOptions {
  config: Config;
  concurrency?: number;
  /** BullMQ lock duration and stalled-check interval: how long a dead worker's job waits before another takes it. */
  lockMs?: number;
  cancelPollMs?: number;
  reconcileEveryMs?: number;
}

export function createBullWorker(opts: BullWorkerOptions): JobWorker {
  const db = opts.database.db;
  const log = opts.log ?? silentLog;
  const registry = opts.registry;
  const kinds = new Set(Object.keys(registry));
  const prefix = opts.prefix ?? 'satprep-bull';
  const deps: RunnerDeps = { db, config: opts.config, registry, log, pollMs: opts.cancelPollMs ?? 1000 };
  const queue = new Queue<BullData>(QUEUE_NAME, { connection: connection(opts.redisUrl, false), prefix });
  queue.on('error', () => {});
  let worker: Worker<BullData> | undefined;
  let reconcileTimer: NodeJS.Timeout | undefined;
  let busy = 0;

  async function processor(job: Job<BullData>, token?: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const row = await startAttempt(db, job.data.id);
    if (!row) return { skipped: 'the job was cancelled or finished before it started' };
    const stop = new AbortController();
    if (signal?.aborted) stop.abort();
    signal?.addEventListener('abort', () => stop.abort(), { once: true });
    busy++;
    try {
      log.info({ jobId: row.id, kind: row.kind, attempt: row.attempts }, 'job started');
      const end = await runAttempt(deps, row, stop.signal);
      log.info({ jobId: row.id, kind: row.kind, attempt: row.attempts, end: end.end }, `job ${end.end}`);
      if (end.end === 'succeeded') return end.result;
      if (end.end === 'interrupted') {
        await requeue(db, row.id, row.attempts, { message: 'requeued: the worker shut down', giveBackAttempt: true });
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (end.end !== 'failed') return { [end.end]: true };
      const last = end.permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) {
        await markFailed(db, row.id, row.attempts, end.error);
        throw end.permanent ? new UnrecoverableError(end.error) : new Error(end.error);
      }
      const wait = registry[row.kind] ? backoffDelay(registry[row.kind], job.attemptsMade + 1) : 0;
      await requeue(db, row.id, row.attempts, { error: end.error, message: `attempt ${row.attempts} failed; retrying in ${(wait / 1000).toFixed(1)} s` });
      throw new Error(end.error);
    } finally {
      busy--;
    }
  }

  async function reconcile(): Promise<void> {
    for (const r of await queuedBefore(db, new Date(Date.now() - 5000), [...kinds])) {
      const state = await queue.getJobState(r.id);
      if (state === 'unknown') await addJob(queue, registry, r);
    }
    for (const r of await runningJobs(db)) {
      if (!kinds.has(r.kind)) continue;
      const state = await queue.getJobState(r.id);
      if (state === 'failed') {
        const job = await queue.getJob(r.id);
        await giveUp(db, r.id, `gave up: ${job?.failedReason ?? 'failed in the queue'}`);
      } else if (state === 'unknown' && (await requeueOrphan(db, r.id))) {
        await addJob(queue, registry, r);
      }
    }
  }

  return {
    get busy() {
      return busy;
    },
    async start() {
      await reconcile().catch((err: Error) => log.error({ err: err.message }, 'job reconcile failed'));
      const lockMs = opts.lockMs ?? 60_000;
      worker = new Worker<BullData>(
        QUEUE_NAME,
        processor,
        { connection: connection(opts.redisUrl, true), prefix, concurrency: opts.concurrency ?? 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 2 },
      );
      worker.on('error', (err) => log.error({ err: err.message }, 'queue worker error'));
      reconcileTimer = setInterval(() => void reconcile().catch((err: Error) => log.error({ err: err.message }, 'job reconcile failed')), opts.reconcileEveryMs ?? 30_000);
      reconcileTimer.unref();
    },
    async close(graceMs = 10_000) {
      clearInterval(reconcileTimer);
      if (worker) {
        const closed = worker.close();
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<'expired'>((r) => (timer = setTimeout(() => r('expired'), graceMs)));
        if ((await Promise.race([closed.then(() => 'done' as const), expired])) === 'expired') worker.cancelAllJobs('shutdown');
        clearTimeout(timer);
        await closed;
      }
      await queue.close().catch(() => {});
    },
  };
}
