/**
 * `writeSynthParallel`: `writeSynth` with the tasks' streams spread over worker threads. Each
 * task's stream depends on nothing but the options (slots.ts), so a task can run in any thread;
 * the main thread interleaves the outcomes with the same Interleaver, in the same order, and
 * writes the same bytes whatever the number of workers (none included). The tasks are split
 * into groups by quota (largest first, each to the lightest group); the main thread keeps the
 * lightest group and works on it whenever a worker's next slot has not arrived yet.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { AiTaskName } from '../db/enums.ts';
import { startThread } from '../lib/thread.ts';
import {
  allocate, DEFAULT_MIX, Interleaver, newStats, nextOutcome, PAIRS_FILE, PairSink, startSynthDir, writeManifest, writeSynth,
  type SynthOptions, type SynthStats,
} from './generate.ts';
import type { PairContext } from './pairs.ts';
import { taskSlots, type SlotOutcome, type SlotTally } from './slots.ts';

/** A slot as it crosses threads: the pair already as JSON (without its id), or null when dropped. */
export interface WireOutcome {
  line: string | null;
  tally: SlotTally;
  failed: string[];
}

/** What a worker is given: enough to rebuild the context and run its tasks' streams. */
export interface WorkerJob {
  items: PairContext['items'];
  lessons: PairContext['lessons'];
  cfg: PairContext['cfg'];
  opts: SynthOptions;
  tasks: AiTaskName[];
  quota: Partial<Record<AiTaskName, number>>;
}

export interface WorkerBatch {
  task: AiTaskName;
  outcomes: WireOutcome[];
}

export const toWire = (o: SlotOutcome): WireOutcome => ({ line: o.pair ? JSON.stringify(o.pair) : null, tally: o.tally, failed: o.failed });

/** Below this many pairs a worker's start-up (loading the modules, copying the bank) costs more than it saves. */
const MIN_PAIRS_FOR_WORKERS = 5000;

export interface ParallelOptions {
  /** Worker threads (0: all in this thread). Default: one per CPU besides this thread's, fewer than the tasks, none for small runs. */
  workers?: number;
  onPair?: (n: number) => void;
}

/** How many worker threads a run gets: never more than the task groups left after this thread's own. */
export function plannedWorkers(opts: SynthOptions, par: ParallelOptions = {}): number {
  // Phrasings carry code, which cannot be sent to a worker; those runs stay in this thread.
  if (opts.phrasings?.length) return 0;
  const tasks = Object.keys(allocate(opts.pairs, opts.mix ?? DEFAULT_MIX)).length;
  // This thread runs a group of tasks too, so one worker per CPU beyond it.
  const auto = opts.pairs < MIN_PAIRS_FOR_WORKERS ? 0 : availableParallelism() - 1;
  return Math.max(0, Math.min(par.workers ?? auto, tasks - 1));
}

/** Groups of tasks with quotas as even as whole tasks allow (largest first, each to the lightest group). */
export function groupTasks(tasks: readonly AiTaskName[], quota: Partial<Record<AiTaskName, number>>, n: number): AiTaskName[][] {
  const groups = Array.from({ length: Math.min(n, tasks.length) }, () => ({ tasks: [] as AiTaskName[], load: 0 }));
  for (const t of [...tasks].sort((a, b) => quota[b]! - quota[a]!)) {
    const g = groups.reduce((a, b) => (b.load < a.load ? b : a));
    g.tasks.push(t);
    g.load += quota[t]!;
  }
  return groups.sort((a, b) => b.load - a.load).map((g) => g.tasks);
}

/** Slots of one task waiting to be interleaved, first in first out. */
class Queue {
  private items: WireOutcome[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(o: WireOutcome): void {
    this.items.push(o);
  }
  shift(): WireOutcome | undefined {
    const o = this.items[this.head++];
    // Drop what was taken now and then, so a long run does not keep every line it has written.
    if (this.head >= 4096) { this.items = this.items.slice(this.head); this.head = 0; }
    return o;
  }
}

/**
 * Stream the pairs to DIR/pairs.jsonl and write DIR/manifest.json: the bytes of `writeSynth`,
 * computed on several threads. `ctx` may be a function that builds the context: the workers
 * are started first, so they load their modules while this thread builds the bank.
 */
export async function writeSynthParallel(dir: string, ctx: PairContext | (() => PairContext), opts: SynthOptions, par: ParallelOptions = {}): Promise<SynthStats> {
  const workers = plannedWorkers(opts, par);
  if (workers === 0) return writeSynth(dir, typeof ctx === 'function' ? ctx() : ctx, opts, par.onPair);

  const t0 = performance.now();
  const stats = newStats(opts);
  const order = new Interleaver(opts, stats);
  const groups = groupTasks(order.tasks, order.quota, workers + 1);
  const queues = new Map(order.tasks.map((t) => [t, new Queue()]));
  /** Tasks whose stream has ended (worker exited, or done here): an empty queue for one of them will stay empty. */
  const finished = new Set<AiTaskName>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => { const w = wake; wake = null; w?.(); };

  const threads = groups.slice(0, -1).map((tasks) => {
    const w = startThread(new URL('./worker.ts', import.meta.url));
    w.on('message', (b: WorkerBatch) => {
      const q = queues.get(b.task)!;
      for (const o of b.outcomes) q.push(o);
      notify();
    });
    w.on('error', (e) => { failure ??= e; notify(); });
    w.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`synth worker exited with code ${code}`);
      for (const t of tasks) finished.add(t);
      notify();
    });
    return { w, tasks };
  });

  let sink: PairSink | undefined;
  try {
    const context = typeof ctx === 'function' ? ctx() : ctx;
    for (const { w, tasks } of threads) {
      w.postMessage({ items: context.items, lessons: context.lessons, cfg: context.cfg, opts, tasks, quota: order.quota } satisfies WorkerJob);
    }
    const local = new Map(groups[groups.length - 1].map((t) => [t, taskSlots(context, opts, t, order.quota[t]!)]));

    /** Work on this thread's streams while waiting: a few slots of the one with the fewest ready. */
    const workLocally = (): boolean => {
      let pick: AiTaskName | null = null;
      for (const t of local.keys()) if (!pick || queues.get(t)!.size < queues.get(pick)!.size) pick = t;
      if (!pick) return false;
      const stream = local.get(pick)!;
      for (let i = 0; i < 16; i++) {
        const r = stream.next();
        if (r.done) { local.delete(pick); finished.add(pick); break; }
        queues.get(pick)!.push(toWire(r.value));
      }
      return true;
    };

    startSynthDir(dir);
    sink = new PairSink(path.join(dir, PAIRS_FILE));
    let n = 0;
    for (let task = order.next(); task; task = order.next()) {
      const queue = queues.get(task)!;
      while (queue.size === 0) {
        if (failure) throw failure;
        if (finished.has(task)) throw new Error(`synth: the ${task} stream ended early`);
        if (local.has(task)) queue.push(toWire(nextOutcome(local.get(task)!, task)));
        else if (workLocally()) await new Promise<void>((r) => setImmediate(r));
        else await new Promise<void>((r) => { wake = r; });
      }
      const o = queue.shift()!;
      const id = order.take(task, o.line !== null, o.tally, o.failed);
      if (id !== null) {
        sink.pushPair(id, o.line!);
        par.onPair?.(++n);
      }
    }
  } finally {
    sink?.close();
    await Promise.all(threads.map(({ w }) => w.terminate()));
  }
  stats.seconds = (performance.now() - t0) / 1000;
  writeManifest(dir, stats);
  return stats;
}
