/**
 * Opens the job queue the configuration calls for — BullMQ when REDIS_URL is set, the
 * `jobs` table itself otherwise — and, when asked, a worker on it. The API enqueues through
 * `queue`; `satprep worker` (and `satprep serve` without Redis) runs `worker`.
 */
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createLocalQueue, createLocalWorker } from './local.ts';
import { Doorbell, type JobQueue, type JobWorker } from './queue.ts';
import { JOB_KINDS } from './registry.ts';
import { silentLog, type JobLog, type JobRegistry } from './types.ts';

export type { JobQueue, JobWorker } from './queue.ts';

export interface WorkerTuning {
  concurrency?: number;
  /** Table queue only: the kinds this worker takes (default all). */
  kinds?: readonly string[];
  /** Table queue only: idle re-check for jobs enqueued by other processes. */
  pollMs?: number;
  /** BullMQ only: lock duration = stalled-check interval (how soon a dead worker's job is taken over). */
  lockMs?: number;
  cancelPollMs?: number;
  /** Table queue on PostgreSQL: how often to look for orphaned jobs. */
  recoverEveryMs?: number;
}

export interface Jobs {
  queue: JobQueue;
  /** Started; null when this process only enqueues. */
  worker: JobWorker | null;
  /** Stops the worker (a running job finishes within `graceMs` or goes back to the queue), then the queue. */
  close(graceMs?: number): Promise<void>;
}

export interface OpenJobsOptions {
  database: Database;
  config: Config;
  log?: JobLog;
  registry?: JobRegistry;
  /** Run jobs in this process too. */
  worker?: false | WorkerTuning;
  /** BullMQ key prefix; default JOB_QUEUE_PREFIX. */
  prefix?: string;
  /** `local` keeps jobs in the table even when REDIS_URL is set (an app built without a server: tests). */
  backend?: 'auto' | 'local';
}

export async function openJobs(opts: OpenJobsOptions): Promise<Jobs> {
  const { database, config } = opts;
  const registry = opts.registry ?? JOB_KINDS;
  const log = opts.log ?? silentLog;
  const tuning = opts.worker === false || opts.worker === undefined ? null : opts.worker;
  let queue: JobQueue;
  let worker: JobWorker | null = null;
  if (config.REDIS_URL && opts.backend !== 'local') {
    // BullMQ is loaded only where Redis is configured: the one-machine start stays light.
    const { createBullQueue, createBullWorker } = await import('./bullmq.ts');
    const base = { database, registry, redisUrl: config.REDIS_URL, prefix: opts.prefix ?? config.JOB_QUEUE_PREFIX, log };
    queue = createBullQueue(base);
    if (tuning) worker = createBullWorker({ ...base, config, concurrency: tuning.concurrency, lockMs: tuning.lockMs, cancelPollMs: tuning.cancelPollMs });
  } else {
    const bell = new Doorbell();
    queue = createLocalQueue({ database, registry, bell });
    if (tuning) worker = createLocalWorker({ database, config, registry, log, bell, ...tuning });
  }
  await worker?.start();
  return {
    queue,
    worker,
    async close(graceMs) {
      await worker?.close(graceMs);
      await queue.close();
    },
  };
}
