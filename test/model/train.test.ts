import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PRESETS } from '../../src/model/config.ts';
import { encodeExample, packRows, splitPairs } from '../../src/model/data.ts';
import { modelPromptView, modelResponseText, resolveRefs } from '../../src/model/prompt-view.ts';
import { Transformer } from '../../src/model/model.ts';
import { SPECIAL, Tokenizer } from '../../src/model/tokenizer.ts';
import { formatProgress, train, type TrainProgress } from '../../src/model/train.ts';
import { taskPairs } from './pairs.ts';

const pairs = taskPairs(200);
const { train: trainSet, val } = splitPairs(pairs, 0.1, 'test');

test('SFT examples: loss only on the response, packing keeps examples whole', () => {
  const tok = Tokenizer.train(pairs.slice(0, 40).flatMap((p) => [p.prompt, p.output]), 600);
  const e = encodeExample(tok, pairs[0], 10_000);
  const resp = e.ids.indexOf(tok.special(SPECIAL.response));
  assert.ok(e.targets.slice(0, resp).every((t) => t === -1), 'no loss on the prompt');
  assert.deepEqual(e.targets.slice(resp, -1), e.ids.slice(resp + 1));
  assert.equal(e.ids.at(-1), tok.special(SPECIAL.end));
  // The response is learned with the prompt's numbers and phrases as references (prompt-view.ts); putting them back gives the output.
  const learned = tok.decode(e.ids.slice(resp + 1, -1));
  assert.equal(learned, modelResponseText(pairs[0].task, pairs[0].prompt, pairs[0].output));
  assert.match(learned, /⟦\d+⟧/);
  assert.equal(resolveRefs(learned, modelPromptView(pairs[0].task, pairs[0].prompt)), pairs[0].output);
  const short = encodeExample(tok, pairs[0], 64);
  assert.equal(short.ids.length, 64);
  const rows = packRows([short, short, short], [0, 1, 2], 128, tok.special(SPECIAL.pad));
  assert.equal(rows.length, 2);
  assert.deepEqual(Array.from(rows[0].start.slice(60, 68)), [0, 0, 0, 0, 64, 64, 64, 64]);
});

test('interrupted + resumed training reproduces the uninterrupted loss curve exactly', () => {
  const tok = Tokenizer.train(trainSet.flatMap((p) => [p.prompt, p.output]), 400);
  const cfg = { ...PRESETS.test, vocabSize: tok.vocabSize, dim: 32, hidden: 64, heads: 2, layers: 1 };
  const config = { maxSteps: 10, batchSize: 2, seqLen: 64, evalEvery: 3, evalRows: 4, checkpointEvery: 4, warmupSteps: 2 };
  const whole = train({ model: Transformer.init(cfg, 7), tokenizer: tok, train: trainSet, val, config });

  const dir = mkdtempSync(path.join(tmpdir(), 'resume-'));
  const stop = new AbortController();
  const first = train({
    model: Transformer.init(cfg, 7), tokenizer: tok, train: trainSet, val, config, outDir: dir,
    onProgress: (p) => { if (p.step === 6) stop.abort(); }, signal: stop.signal, // killed two steps after the step-4 checkpoint
  });
  assert.equal(first.stoppedAt, 6);
  // A fresh model object: everything it knows comes from the files on disk.
  const resumed = train({ model: Transformer.init(cfg, 999), tokenizer: tok, train: trainSet, val, config, outDir: dir, resume: true });
  assert.equal(resumed.stoppedAt, 10);
  assert.deepEqual(resumed.steps, whole.steps);
  assert.deepEqual(resumed.evals, whole.evals);
});

// Issue 11, acceptance 4. The step runs its matmuls and attention on the WebAssembly SIMD kernels
// (kernels/wasm-simd.ts) on both cores; with the TypeScript kernels (SATPREP_MODEL_KERNELS=ts) it is
// several times slower and does not get near 50% in time. Training is deterministic, so when all 150
// steps fit in the budget the drop is always the same (~70%); measured on this shared 2-core machine
// they took 36–50 s. Peak lr 3e-3 sits in a flat region (3e-3…4.5e-3 all end at 65–70%; 5e-3 at ~53%).
test('the test preset learns: loss on 200 task pairs drops by ≥ 50% within 60 s', () => {
  const t0 = performance.now();
  const tok = Tokenizer.train(trainSet.flatMap((p) => [p.prompt, p.output]), PRESETS.test.vocabSize);
  const model = Transformer.init({ ...PRESETS.test, vocabSize: tok.vocabSize }, 1);
  const seen: TrainProgress[] = [];
  const budget = 55 - (performance.now() - t0) / 1000; // leaves room for the step in flight when the budget runs out
  const h = train({
    model, tokenizer: tok, train: trainSet, val,
    // Short rows: the loss is on responses, so rows that are mostly response learn fastest per FLOP.
    // Batch 8 rather than 4: at the same tokens/s, the less noisy gradient falls further in 60 s.
    config: { maxSteps: 150, batchSize: 8, seqLen: 128, lr: 3e-3, minLr: 3e-4, warmupSteps: 5, evalEvery: 1000, maxSeconds: budget },
    onProgress: (p) => seen.push(p),
  });
  const sec = (performance.now() - t0) / 1000;
  const first = h.steps[0].loss, last = h.steps.slice(-5).reduce((a, s) => a + s.loss, 0) / Math.min(5, h.steps.length);
  const p = seen.at(-1)!;
  console.log(`loss ${first.toFixed(3)} → ${last.toFixed(3)} (${((1 - last / first) * 100).toFixed(1)}% drop) in ${h.stoppedAt} steps, ${sec.toFixed(1)} s, ${Math.round(p.tokensPerSec)} tok/s`);
  console.log(formatProgress(p));
  assert.ok(sec <= 60);
  assert.ok(last <= 0.5 * first, `loss fell only from ${first.toFixed(3)} to ${last.toFixed(3)} in ${sec.toFixed(1)} s`);
});
