/**
 * The model thread: owns the loaded weights and runs one generation at a time, so decoding
 * never blocks the API's event loop. Messages (protocol.ts) come from `ModelWorker`; a
 * streaming request gets its text chunk by chunk, every request ends with `done` or `error`.
 * Models are loaded on first use and kept until `retain` names a set they are not in.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from '../checkpoint.ts';
import { generate, stream, type LoadedModel } from '../generate.ts';
import { setKernelThreads } from '../kernels/matmul.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('serve/worker.ts runs only as a worker thread');
if (((workerData as { threads?: number } | null)?.threads ?? 1) <= 1) setKernelThreads(false);

const models = new Map<string, LoadedModel>();
const post = (m: FromWorker) => port.postMessage(m);

function model(version: string, dir: string): LoadedModel {
  let lm = models.get(version);
  if (!lm) models.set(version, (lm = loadModel(dir)));
  return lm;
}

async function run(m: Extract<ToWorker, { type: 'generate' }>): Promise<void> {
  const t0 = performance.now();
  try {
    const lm = model(m.model.version, m.model.dir);
    let result;
    if (m.stream) {
      const it = stream(lm, m.task, m.prompt, m.options);
      for (;;) {
        const r = await it.next();
        if (r.done) { result = r.value; break; }
        if (r.value.text) post({ type: 'chunk', id: m.id, text: r.value.text });
      }
    } else result = await generate(lm, m.task, m.prompt, m.options);
    post({ type: 'done', id: m.id, text: result.text, tokens: result.tokens.length, finishReason: result.finishReason, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message });
  }
}

// One at a time, in arrival order: a second concurrent decode on two cores would only halve both.
let chain = Promise.resolve();
port.on('message', (m: ToWorker) => {
  if (m.type === 'retain') {
    for (const v of [...models.keys()]) if (!m.versions.includes(v)) models.delete(v);
    return;
  }
  chain = chain.then(() => run(m));
});
post({ type: 'ready' });
