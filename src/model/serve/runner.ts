/**
 * The API side of the model thread: a FIFO of generation requests posted one at a time to a
 * worker_threads worker (worker.ts) that owns the weights. The event loop only passes
 * messages, so other routes stay fast while a text is being written.
 *
 * Back-pressure: more than `maxQueue` waiting requests, or one that waits past `timeoutMs`, is
 * refused with a ProviderError, and the AI chain falls through to its next provider rather than
 * letting users wait on a busy model. A request given up on (timeout, abort, a stream consumer
 * that stopped reading) still runs to its end on the worker — decoding has no safe point to
 * stop at — and its text is dropped. A crashed worker fails what it held and is started afresh
 * on the next request.
 */
import type { Worker } from 'node:worker_threads';
import { ProviderError } from '../../ai/providers/types.ts';
import { startThread } from '../../lib/thread.ts';
import type { AiTaskName } from '../../db/enums.ts';
import type { FinishReason, GenerateOptions } from '../generate.ts';
import type { FromWorker, ModelRef, ToWorker } from './protocol.ts';

export interface WorkerResult { text: string; tokens: number; finishReason: FinishReason; ms: number }

export interface ModelWorkerOptions {
  /** Requests allowed to wait behind the one running (default 8). */
  maxQueue?: number;
  /** From enqueue to the last token (default 30 s). */
  timeoutMs?: number;
  /**
   * Threads the model's kernels may use (default 1): one-token decode steps are too small to
   * gain much from a second thread, and leaving a core to the API keeps its latency flat.
   */
  threads?: number;
}

interface Job {
  msg: Extract<ToWorker, { type: 'generate' }>;
  onChunk?: (text: string) => void;
  resolve: (r: WorkerResult) => void;
  reject: (e: Error) => void;
  /** Settled already (timeout, abort): the worker's answer is dropped. */
  abandoned: boolean;
  timer?: NodeJS.Timeout;
}

export class ModelWorker {
  private worker?: Worker;
  private readonly queue: Job[] = [];
  private current?: Job;
  private nextId = 1;
  private closed = false;
  readonly stats = { completed: 0, refusedBusy: 0, timedOut: 0, failed: 0 };
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly threads: number;

  constructor(opts: ModelWorkerOptions = {}) {
    this.maxQueue = opts.maxQueue ?? 8;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.threads = opts.threads ?? 1;
  }

  generate(model: ModelRef, task: AiTaskName, prompt: string, options: GenerateOptions, signal?: AbortSignal): Promise<WorkerResult> {
    return new Promise((resolve, reject) => this.enqueue({ model, task, prompt, options, stream: false }, { resolve, reject }, signal));
  }

  /** Text chunks as the model writes them. */
  async *stream(model: ModelRef, task: AiTaskName, prompt: string, options: GenerateOptions, signal?: AbortSignal): AsyncGenerator<string> {
    const chunks: string[] = [];
    let wake: (() => void) | undefined;
    let finished: { error?: Error } | undefined;
    const job = this.enqueue({ model, task, prompt, options, stream: true }, {
      onChunk: (t) => { chunks.push(t); wake?.(); },
      resolve: () => { finished = {}; wake?.(); },
      reject: (error) => { finished = { error }; wake?.(); },
    }, signal);
    try {
      for (;;) {
        while (chunks.length) yield chunks.shift()!;
        if (finished) {
          if (finished.error) throw finished.error;
          return;
        }
        await new Promise<void>((r) => { wake = r; });
        wake = undefined;
      }
    } finally {
      if (job && !finished) this.abandon(job, new ProviderError('stream closed by the reader', 'inhouse', 'protocol'));
    }
  }

  /** Lets the thread free every model not in `versions`. */
  retain(versions: readonly string[]): void {
    this.worker?.postMessage({ type: 'retain', versions: [...versions] } satisfies ToWorker);
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const err = new ProviderError('model worker closed', 'inhouse', 'protocol');
    for (const j of this.queue.splice(0)) this.settle(j, err);
    if (this.current) this.settle(this.current, err);
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private enqueue(
    req: Omit<Job['msg'], 'type' | 'id'>, cb: Pick<Job, 'resolve' | 'reject' | 'onChunk'>, signal?: AbortSignal,
  ): Job | undefined {
    if (this.closed) { cb.reject(new ProviderError('model worker closed', 'inhouse', 'protocol')); return undefined; }
    if (signal?.aborted) { cb.reject(new ProviderError('request aborted', 'inhouse', 'timeout')); return undefined; }
    if (this.queue.length >= this.maxQueue) {
      this.stats.refusedBusy++;
      cb.reject(new ProviderError(`model busy: ${this.queue.length} requests waiting`, 'inhouse', 'timeout'));
      return undefined;
    }
    const job: Job = { msg: { type: 'generate', id: this.nextId++, ...req }, ...cb, abandoned: false };
    job.timer = setTimeout(() => { this.stats.timedOut++; this.abandon(job, new ProviderError(`no answer within ${this.timeoutMs} ms`, 'inhouse', 'timeout')); }, this.timeoutMs);
    signal?.addEventListener('abort', () => this.abandon(job, new ProviderError('request aborted', 'inhouse', 'timeout')), { once: true });
    this.queue.push(job);
    this.pump();
    return job;
  }

  private abandon(job: Job, err: Error): void {
    if (job.abandoned) return;
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    this.settle(job, err);
  }

  private settle(job: Job, outcome: WorkerResult | Error): void {
    if (job.abandoned) return;
    job.abandoned = true;
    clearTimeout(job.timer);
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) { this.worker?.unref(); return; }
    this.current = job;
    const w = this.spawn();
    w.ref(); // a request in flight keeps the process alive; an idle model thread does not
    w.postMessage(job.msg);
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const w = startThread(new URL('./worker.ts', import.meta.url), { workerData: { threads: this.threads } });
    w.on('message', (m: FromWorker) => this.onMessage(m));
    const fail = (err: Error) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const job = this.current;
      this.current = undefined;
      if (job) { this.stats.failed++; this.settle(job, new ProviderError(`model worker failed: ${err.message}`, 'inhouse', 'protocol')); }
      this.pump();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    this.worker = w;
    return w;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') return;
    const job = this.current;
    if (!job || job.msg.id !== m.id) return;
    if (m.type === 'chunk') {
      if (!job.abandoned) job.onChunk?.(m.text);
      return;
    }
    this.current = undefined;
    if (m.type === 'done') {
      this.stats.completed++;
      this.settle(job, { text: m.text, tokens: m.tokens, finishReason: m.finishReason, ms: m.ms });
    } else {
      this.stats.failed++;
      this.settle(job, new ProviderError(`in-house generation failed: ${m.message}`, 'inhouse', 'protocol'));
    }
    this.pump();
  }
}
