/**
 * The training thread of a `model_train` job: `trainFromFile` runs here so the worker's event
 * loop stays free while it runs (BullMQ lock renewals, cancellation polls, progress rows).
 * In: `TrainRunOptions` minus the callback, plus the test pause. Out: `progress` messages,
 * then one `done` with the run's metadata or one `error`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainFromFile, type TrainRunOptions } from '../../model/train-run.ts';

export type TrainThreadIn = Omit<TrainRunOptions, 'onProgress'> & { testDelayMs: number };
export type TrainThreadOut =
  | { type: 'progress'; step: number; steps: number; loss: number }
  | { type: 'done'; meta: ReturnType<typeof trainFromFile>['meta'] }
  | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('model-train-thread.ts runs only as a worker thread');
const { testDelayMs, ...opts } = workerData as TrainThreadIn;
const post = (m: TrainThreadOut) => port.postMessage(m);
// JOB_TEST_DELAY_MS (tests): a blocking pause per step, so a crash test can kill the worker mid-run.
const cell = new Int32Array(new SharedArrayBuffer(4));
try {
  const run = trainFromFile({
    ...opts,
    onProgress: (p) => {
      post({ type: 'progress', step: p.step, steps: p.steps, loss: p.loss });
      if (testDelayMs) Atomics.wait(cell, 0, 0, testDelayMs);
    },
  });
  post({ type: 'done', meta: run.meta });
} catch (err) {
  post({ type: 'error', message: (err as Error).message });
}
