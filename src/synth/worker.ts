/**
 * A synth worker thread (parallel.ts). It loads its modules at once, then waits for its job:
 * the bank, lessons and population to rebuild the pair context from, and its tasks. It runs
 * their streams and posts the slots in batches, the tasks in step with their quotas so the
 * main thread's interleaving is not kept waiting on one of them.
 */
import { parentPort } from 'node:worker_threads';
import { buildContext } from './pairs.ts';
import { toWire, type WireOutcome, type WorkerBatch, type WorkerJob } from './parallel.ts';
import { taskSlots } from './slots.ts';

const BATCH = 64;

function run(job: WorkerJob): void {
  const ctx = buildContext(job.items, job.lessons, job.cfg);
  const streams = job.tasks.map((task) => ({ task, slots: taskSlots(ctx, job.opts, task, job.quota[task]!), sent: 0, done: false }));
  for (;;) {
    const open = streams.filter((s) => !s.done);
    if (open.length === 0) break;
    const s = open.reduce((a, b) => (b.sent / job.quota[b.task]! < a.sent / job.quota[a.task]! ? b : a));
    const outcomes: WireOutcome[] = [];
    while (outcomes.length < BATCH) {
      const r = s.slots.next();
      if (r.done) { s.done = true; break; }
      outcomes.push(toWire(r.value));
    }
    s.sent += outcomes.length;
    if (outcomes.length) parentPort!.postMessage({ task: s.task, outcomes } satisfies WorkerBatch);
  }
}

parentPort!.once('message', run);
