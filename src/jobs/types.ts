/**
 * What a job kind is and what it is given. A kind is one entry of the table in
 * `registry.ts`: a zod schema of its parameters (checked when it is enqueued and again when
 * it runs), how often to try, and `run`, which does the work into scratch space and returns
 * a `commit` that registers the artifacts in the same transaction that marks the job done.
 */
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/client.ts';
import type { jobs } from '../db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface JobLog {
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export const silentLog: JobLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first try; a retry or a restart after a crash counts up. */
  readonly attempt: number;
  readonly db: Db;
  readonly config: Config;
  /** Aborted on cancellation or worker shutdown: check it between steps (cooperative). */
  readonly signal: AbortSignal;
  /**
   * An empty folder for this attempt (DATA_DIR/jobs/<id>), emptied again before a retry and
   * removed afterwards: what a killed attempt wrote here is never registered.
   */
  readonly scratch: string;
  /** The admin who asked for the job; null when started by a CLI or a schedule. */
  readonly requestedBy: string | null;
  /** Fraction done in [0, 1] and a short note; throttled, written to the job row. */
  progress(fraction: number, message?: string): void;
  readonly log: JobLog;
}

export interface JobOutcome {
  /** What GET /jobs/:id shows as `result` (paths, ids, counts). */
  result: Record<string, unknown>;
  /**
   * Registers the artifacts (rename into place, insert their rows) inside the transaction
   * that marks the job succeeded: both happen or neither. Rename last, so a rollback after
   * it leaves at most an unregistered folder that the next attempt replaces. What it
   * returns is added to `result`.
   */
  commit?(tx: Tx): Promise<Record<string, unknown> | void>;
}

export interface JobKind<P = unknown> {
  /** Parameters as an admin sends them (POST /admin/jobs); unknown keys are dropped. */
  readonly params: z.ZodType<P>;
  /** Tries in all, crashes included; then the job fails for good. */
  readonly maxAttempts: number;
  /** Wait before the first retry; doubled for each later one. */
  readonly backoffMs: number;
  readonly description: string;
  run(ctx: JobContext, params: P): Promise<JobOutcome>;
}

/** A table of kinds by name. Kinds differ in their parameter types, hence `any` here only. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JobRegistry = Readonly<Record<string, JobKind<any>>>;

export const defineKind = <S extends z.ZodType>(kind: JobKind<z.output<S>> & { params: S }): JobKind<z.output<S>> => kind;

/** A failure that another try cannot fix (bad parameters, a name already taken): no retry. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Delay before retry number `retry` (1 = the first retry): backoff · 2^(retry−1). */
export const backoffDelay = (kind: Pick<JobKind, 'backoffMs'>, retry: number): number => kind.backoffMs * 2 ** Math.max(0, retry - 1);
