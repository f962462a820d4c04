/**
 * One attempt of one job, the same under either queue: parse the stored parameters, run the
 * kind in an empty scratch folder with an AbortSignal, write throttled progress, and commit
 * the artifacts in the transaction that marks the job succeeded. While it runs, the row is
 * polled: a cancellation (or the attempt being taken over elsewhere) aborts the signal.
 * The queue decides what a failure means (retry later, or fail for good).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { attemptState, errorText, markSucceeded, setResult, writeProgress } from './store.ts';
import { PermanentJobError, type JobContext, type JobLog, type JobRegistry, type JobRow } from './types.ts';

export interface RunnerDeps {
  db: Db;
  config: Config;
  registry: JobRegistry;
  log: JobLog;
  /** How often a running attempt reads its row for a cancellation. */
  pollMs: number;
}

export type AttemptEnd =
  | { end: 'succeeded'; result: Record<string, unknown> }
  /** Cancelled by an admin, or taken over by another worker: nothing more to write. */
  | { end: 'cancelled' | 'lost' }
  /** The worker is shutting down: the job should go back to the queue. */
  | { end: 'interrupted' }
  | { end: 'failed'; error: string; permanent: boolean };

type AbortReason = 'cancelled' | 'lost' | 'shutdown';

/** Minimum time between two progress writes of one attempt. */
const PROGRESS_EVERY_MS = 500;

class NotMine extends Error {}

export function scratchDir(config: Pick<Config, 'DATA_DIR'>, jobId: string): string {
  return path.resolve(config.DATA_DIR, 'jobs', jobId);
}

/** `params` as stored minus the bookkeeping the queue adds. */
function storedParams(row: JobRow): { params: Record<string, unknown>; requestedBy: string | null } {
  const { requestedBy, ...params } = row.params as Record<string, unknown>;
  return { params, requestedBy: typeof requestedBy === 'string' ? requestedBy : null };
}

/** `row` must be running with `row.attempts` being this attempt. */
export async function runAttempt(deps: RunnerDeps, row: JobRow, stop: AbortSignal): Promise<AttemptEnd> {
  const kind = deps.registry[row.kind];
  if (!kind) return { end: 'failed', error: `unknown job kind ${row.kind}`, permanent: true };
  const { params: raw, requestedBy } = storedParams(row);
  const parsed = kind.params.safeParse(raw);
  if (!parsed.success) return { end: 'failed', error: `invalid parameters: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, permanent: true };

  const attempt = row.attempts;
  const ac = new AbortController();
  const abort = (reason: AbortReason) => {
    if (!ac.signal.aborted) ac.abort(reason);
  };
  const onStop = () => abort('shutdown');
  if (stop.aborted) onStop();
  stop.addEventListener('abort', onStop);
  const watcher = setInterval(() => {
    attemptState(deps.db, row.id, attempt).then(
      (s) => s !== 'mine' && abort(s),
      () => {}, // a database blip: the next poll asks again
    );
  }, deps.pollMs);

  // Progress writes are chained (in order) and never awaited by the job; one in flight at a time.
  let lastWrite = 0;
  let pending: { fraction: number; message?: string } | null = null;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    lastWrite = Date.now();
    deps.log.debug({ jobId: row.id, kind: row.kind, attempt, progress: p.fraction, note: p.message }, 'job progress');
    chain = chain
      .then(() => writeProgress(deps.db, row.id, attempt, p.fraction, p.message))
      .then((ok) => {
        if (!ok) attemptState(deps.db, row.id, attempt).then((s) => s !== 'mine' && abort(s), () => {});
      })
      .catch(() => {});
  };

  const scratch = scratchDir(deps.config, row.id);
  rmSync(scratch, { recursive: true, force: true }); // what a killed attempt left
  mkdirSync(scratch, { recursive: true });
  const ctx: JobContext = {
    jobId: row.id,
    attempt,
    db: deps.db,
    config: deps.config,
    signal: ac.signal,
    scratch,
    requestedBy,
    log: deps.log,
    progress(fraction, message) {
      pending = { fraction, message };
      if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) flush();
    },
  };

  try {
    const outcome = await kind.run(ctx, parsed.data);
    flush();
    await chain;
    let result = outcome.result;
    try {
      await deps.db.transaction(async (tx) => {
        if (!(await markSucceeded(tx, row.id, attempt, result))) throw new NotMine();
        const more = await outcome.commit?.(tx);
        if (more) {
          result = { ...result, ...more };
          await setResult(tx, row.id, result);
        }
      });
    } catch (err) {
      if (err instanceof NotMine) return { end: (await attemptState(deps.db, row.id, attempt)) === 'cancelled' ? 'cancelled' : 'lost' };
      throw err;
    }
    return { end: 'succeeded', result };
  } catch (err) {
    await chain;
    if (ac.signal.aborted) {
      const reason = ac.signal.reason as AbortReason;
      return reason === 'shutdown' ? { end: 'interrupted' } : { end: reason };
    }
    return { end: 'failed', error: errorText(err), permanent: err instanceof PermanentJobError };
  } finally {
    clearInterval(watcher);
    stop.removeEventListener('abort', onStop);
    rmSync(scratch, { recursive: true, force: true });
  }
}
