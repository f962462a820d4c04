/**
 * The two faces every queue backend shows: a `JobQueue` (enqueue, cancel, depth: what the
 * API needs) and a `JobWorker` (claim and run: what `satprep worker` needs). `local.ts`
 * carries jobs in the `jobs` table itself (no Redis: a laptop, tests); `bullmq.ts` carries
 * them in BullMQ on Redis. Either way each job is a row of `jobs`, and the row is the truth.
 */
import { badRequest } from '../lib/errors.ts';
import type { JobRegistry, JobRow } from './types.ts';

export interface EnqueueOptions {
  /** The admin who asked; stored with the parameters, shown by GET /jobs. */
  requestedBy?: string | null;
}

export interface JobQueue {
  readonly backend: 'local' | 'bullmq';
  /** Validates the parameters against the kind's schema (400 otherwise), inserts the row and hands it to the workers. */
  enqueue(kind: string, params: unknown, opts?: EnqueueOptions): Promise<JobRow>;
  /** Queued jobs never start; a running one sees its AbortSignal fire within a poll. 404 / 409 as the row says. */
  cancel(id: string): Promise<JobRow>;
  /** Jobs waiting and running, for /metrics. */
  depth(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface JobWorker {
  /** Requeues orphaned jobs, then starts claiming. */
  start(): Promise<void>;
  /** Stops claiming; a running job may finish within `graceMs`, else it is handed back to the queue. */
  close(graceMs?: number): Promise<void>;
  /** Jobs this worker is running right now. */
  readonly busy: number;
}

/** Parameters checked against the kind's schema: a 400 with the zod issues otherwise. */
export function validateJob(registry: JobRegistry, kind: string, params: unknown): Record<string, unknown> {
  const def = registry[kind];
  if (!def) throw badRequest(`unknown job kind ${JSON.stringify(kind).slice(0, 80)}`, { kinds: Object.keys(registry) });
  const parsed = def.params.safeParse(params ?? {});
  if (!parsed.success) throw badRequest('invalid job parameters', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return parsed.data as Record<string, unknown>;
}

/** A wake-up call between an enqueue and the workers of the same process, with a timeout as the fallback poll. */
export class Doorbell {
  private waiters = new Set<() => void>();
  ring(): void {
    for (const w of [...this.waiters]) w();
  }
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }
}
