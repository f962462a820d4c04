/**
 * The second core for the SIMD matmul: worker threads instantiate the same WebAssembly module
 * over the same shared memory, and a large product is cut into bands of rows of C that the
 * calling thread and the workers claim one at a time.
 *
 * Determinism: every element of C is computed by one thread, by the same code, summing k in
 * the same order, so which thread took which band cannot change a single bit. Claiming bands
 * (rather than a fixed half each) keeps a worker that the OS has descheduled — this machine
 * is shared — from stalling the step: the caller simply takes the bands itself.
 *
 * Synchronisation is Atomics.wait/notify on a control block at the start of the memory:
 *   SEQ    bumped once per product (workers sleep on it)
 *   CLAIM  (job << 16) | next band; a band is claimed by compare-exchange against the value
 *          read, so a worker waking late for an old job can never claim a band of a new one.
 *          Between products it holds (job << 16) | 0xffff: closed.
 *   DONE   bands finished (the caller sleeps on it)
 *   STOP   set to end the workers
 *   ARGS   which kernel (0 = mm, 1 = mv), its arguments, and the band height
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SimdKernel } from './wasm-simd.ts';

/** Floats at the start of the memory that belong to the control block. */
export const CONTROL_FLOATS = 16;
const SEQ = 0, CLAIM = 1, DONE = 2, STOP = 3, OP = 4, ARGS = 5; // mm: a sAi sAk b c M K N rows; mv: x w y N K rows
const CLOSED = 0xffff;

/**
 * The worker's whole program, as plain JavaScript so it needs no TypeScript loader. It mirrors
 * `claimBands` below; the two must stay in step.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory } = workerData;
const { mm, mv } = new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
const ctl = new Int32Array(memory.buffer, 0, ${CONTROL_FLOATS});
let seen = Atomics.load(ctl, ${SEQ});
for (;;) {
  Atomics.wait(ctl, ${SEQ}, seen);
  seen = Atomics.load(ctl, ${SEQ});
  if (Atomics.load(ctl, ${STOP})) break;
  for (;;) {
    const v = Atomics.load(ctl, ${CLAIM}), band = v & 0xffff;
    if (band === ${CLOSED}) break;
    const A = ${ARGS};
    if (ctl[${OP}] === 0) {
      const a = ctl[A], sAi = ctl[A + 1], sAk = ctl[A + 2], b = ctl[A + 3], c = ctl[A + 4], M = ctl[A + 5], K = ctl[A + 6], N = ctl[A + 7], rows = ctl[A + 8];
      const i0 = band * rows;
      if (i0 >= M) break;
      if (Atomics.compareExchange(ctl, ${CLAIM}, v, v + 1) !== v) continue;
      mm(a + i0 * sAi, sAi, sAk, b, c + i0 * N * 4, Math.min(rows, M - i0), K, N);
    } else {
      const x = ctl[A], w = ctl[A + 1], y = ctl[A + 2], N = ctl[A + 3], K = ctl[A + 4], rows = ctl[A + 5];
      const j0 = band * rows;
      if (j0 >= N) break;
      if (Atomics.compareExchange(ctl, ${CLAIM}, v, v + 1) !== v) continue;
      mv(x, w + j0 * K * 4, y + j0 * 4, Math.min(rows, N - j0), K);
    }
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
}
`;

let workers: Worker[] | undefined;
let enabled = true;

/** Turns the worker threads off (one thread, e.g. to measure the kernel alone) or back on. */
export function setSimdThreads(on: boolean): void {
  enabled = on;
}
let ctl: Int32Array | undefined;
let job = 0;

/** Extra threads to use: SATPREP_MODEL_THREADS (total, 1 = none) or one per further core. */
function extraThreads(): number {
  const env = Number(process.env.SATPREP_MODEL_THREADS);
  const total = Number.isInteger(env) && env >= 1 ? env : availableParallelism();
  return Math.max(0, Math.min(total, 8) - 1);
}

/** Starts the workers once (they start up in the background; until then the caller does all bands). */
function ensureWorkers(k: SimdKernel): boolean {
  if (workers) return workers.length > 0;
  workers = [];
  if (!k.shared) return false;
  ctl = new Int32Array(k.memory.buffer, 0, CONTROL_FLOATS);
  Atomics.store(ctl, CLAIM, CLOSED);
  for (let i = 0; i < extraThreads(); i++) {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: k.module, memory: k.memory } });
    w.unref(); // idle workers must not keep the process alive
    workers.push(w);
  }
  return workers.length > 0;
}

/** Products below this many multiply-adds run on one thread: waking a worker costs ~10–50 µs. */
export const PARALLEL_MIN_MACS = 1 << 20;
/** Matrix-vector products are memory-bound: worth splitting from a smaller size. */
export const PARALLEL_MIN_MV = 1 << 17;

/** Band height: a multiple of 4, about 4 bands per thread — small enough to rebalance, large enough to amortise a claim. */
const bandRows = (n: number, threads: number) => Math.max(4, Math.ceil(n / (4 * threads) / 4) * 4);

/**
 * Publishes a job, takes bands on this thread until none is left, then waits for the bands the
 * workers took. `runBand(i0)` must do exactly what the worker does for the band at row i0.
 */
function runJob(ctrl: Int32Array, op: number, args: number[], n: number, rows: number, runBand: (i0: number) => void): void {
  const bands = Math.ceil(n / rows);
  job = (job + 1) & 0x7fff;
  ctrl[OP] = op;
  ctrl.set(args, ARGS);
  Atomics.store(ctrl, DONE, 0);
  Atomics.store(ctrl, CLAIM, job << 16); // opens the job: band 0 is next
  Atomics.add(ctrl, SEQ, 1);
  Atomics.notify(ctrl, SEQ);
  for (;;) {
    const v = Atomics.load(ctrl, CLAIM), i0 = (v & 0xffff) * rows;
    if (i0 >= n) break;
    if (Atomics.compareExchange(ctrl, CLAIM, v, v + 1) !== v) continue;
    runBand(i0);
    Atomics.add(ctrl, DONE, 1);
  }
  for (let d = Atomics.load(ctrl, DONE); d < bands; d = Atomics.load(ctrl, DONE)) Atomics.wait(ctrl, DONE, d);
  Atomics.store(ctrl, CLAIM, (job << 16) | CLOSED); // closed before the next job rewrites ARGS
}

/**
 * C = A·B exactly as `k.mm` with the same arguments, split over the threads when the product
 * is large enough (M % 4 == 0 and N % 8 == 0, as for `mm`).
 */
export function mmParallel(k: SimdKernel, a: number, sAi: number, sAk: number, b: number, c: number, M: number, K: number, N: number): void {
  if (!enabled || M * K * N < PARALLEL_MIN_MACS || M < 8 || !ensureWorkers(k)) {
    k.mm(a, sAi, sAk, b, c, M, K, N);
    return;
  }
  const rows = bandRows(M, workers!.length + 1);
  runJob(ctl!, 0, [a, sAi, sAk, b, c, M, K, N, rows], M, rows, (i0) => k.mm(a + i0 * sAi, sAi, sAk, b, c + i0 * N * 4, Math.min(rows, M - i0), K, N));
}

/** y = W·x exactly as `k.mv`, split over the threads by bands of W's rows when W is large enough. */
export function mvParallel(k: SimdKernel, x: number, w: number, y: number, N: number, K: number): void {
  if (!enabled || N * K < PARALLEL_MIN_MV || N < 8 || !ensureWorkers(k)) {
    k.mv(x, w, y, N, K);
    return;
  }
  const rows = bandRows(N, workers!.length + 1);
  runJob(ctl!, 1, [x, w, y, N, K, rows], N, rows, (j0) => k.mv(x, w + j0 * K * 4, y + j0 * 4, Math.min(rows, N - j0), K));
}
