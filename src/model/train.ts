/**
 * Supervised fine-tuning of the in-house transformer. Reads top to bottom: config with
 * defaults, data (pairs → examples → packed rows, order fixed by seed), then the loop —
 * forward, backward, clip, AdamW with warm-up + cosine — with evaluation and checkpoints.
 *
 * Resume is exact: a checkpoint holds weights, AdamW moments, the step and the loss history,
 * and the rows of step s depend only on (seed, s), so a killed run resumed from its last
 * checkpoint writes the same loss curve, bit for bit, as one that never stopped.
 */
import { AdamW, clipGradNorm, learningRate } from './adamw.ts';
import { loadTrainState, saveModel, saveTrainState } from './checkpoint.ts';
import { encodeExample, packRows, RowStream, stackRows, type Row, type SftPair } from './data.ts';
import type { Transformer } from './model.ts';
import { SPECIAL, type Tokenizer } from './tokenizer.ts';

export interface TrainConfig {
  seed: string; // data order; the model's init seed is chosen by whoever builds it
  batchSize: number; // rows per step
  seqLen: number; // row length T; examples are packed into rows of this many tokens
  maxSteps: number; // the schedule's length; the run ends here unless maxSeconds comes first
  maxSeconds: number; // wall-clock cap (Infinity: none); the schedule still assumes maxSteps
  lr: number; // peak; 1e-3…3e-3 suits models this small (nanoGPT's shakespeare-char uses 1e-3)
  minLr: number; // cosine floor, lr/10 as in Chinchilla-style schedules
  warmupSteps: number; // a short warm-up keeps early Adam steps from blowing up the untrained head
  weightDecay: number; // 0.1 as in nanoGPT/Llama; matrices only
  beta1: number;
  beta2: number; // 0.95 rather than 0.999: small batches make v̂ react too slowly otherwise
  adamEps: number;
  gradClip: number; // global-norm clip at 1.0, the Llama recipe
  evalEvery: number; // steps between validation passes
  evalRows: number; // cap on validation rows per pass, so evaluation stays cheap
  checkpointEvery: number; // steps between checkpoints (when an outDir is given)
}

export const TRAIN_DEFAULTS: TrainConfig = {
  seed: 'sft',
  batchSize: 8,
  seqLen: 256,
  maxSteps: 1000,
  maxSeconds: Infinity,
  lr: 2e-3,
  minLr: 2e-4,
  warmupSteps: 20,
  weightDecay: 0.1,
  beta1: 0.9,
  beta2: 0.95,
  adamEps: 1e-8,
  gradClip: 1.0,
  evalEvery: 100,
  evalRows: 64,
  checkpointEvery: 100,
};

export interface StepLog { step: number; loss: number; lr: number; gradNorm: number }
export interface EvalLog { step: number; valLoss: number }
export interface History { steps: StepLog[]; evals: EvalLog[] }

/** Points a recorded loss curve keeps: enough for a chart, small enough for the models table. */
export const CURVE_POINTS = 200;

/** A training history as a chart's points: every k-th step (k chosen to fit `CURVE_POINTS`) and always the last. */
export function lossCurve(h: History, points = CURVE_POINTS): { loss: [number, number][]; val: [number, number][] } {
  const thin = <T>(xs: readonly T[]): T[] => {
    if (xs.length <= points) return [...xs];
    const k = Math.ceil(xs.length / (points - 1));
    const out = xs.filter((_, i) => i % k === 0);
    if ((xs.length - 1) % k !== 0) out.push(xs[xs.length - 1]);
    return out;
  };
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    loss: thin(h.steps).map((s) => [s.step, r4(s.loss)]),
    val: thin(h.evals).map((e) => [e.step, r4(e.valLoss)]),
  };
}

export interface TrainProgress {
  step: number; // steps done
  steps: number; // maxSteps
  loss: number;
  valLoss?: number;
  lr: number;
  tokensPerSec: number;
  etaSec: number;
  elapsedSec: number;
}

export interface TrainOptions {
  model: Transformer; // fresh (Transformer.init) or warm-started (loadModel) — training does not care
  tokenizer: Tokenizer;
  train: readonly SftPair[];
  val: readonly SftPair[];
  config?: Partial<TrainConfig>;
  /** Model directory: checkpoints and the final model go here. */
  outDir?: string;
  /** Continue from `outDir`'s checkpoint when there is one. */
  resume?: boolean;
  onProgress?: (p: TrainProgress) => void;
  /** Stops after the current step, without a checkpoint — the same as a kill, for tests. */
  signal?: AbortSignal;
}

export function train(opts: TrainOptions): History & { stoppedAt: number } {
  const cfg: TrainConfig = { ...TRAIN_DEFAULTS, ...opts.config };
  const { model, tokenizer: tok } = opts;
  const { batchSize: B, seqLen: T } = cfg;
  if (!(model.params instanceof Float32Array)) throw new Error('training runs in float32');
  if (tok.vocabSize !== model.config.vocabSize) throw new Error(`tokenizer has ${tok.vocabSize} tokens, model ${model.config.vocabSize}`);

  // Data: every pair becomes one example; rows are re-packed per epoch in seeded order.
  const pad = tok.special(SPECIAL.pad);
  const stream = new RowStream(opts.train.map((p) => encodeExample(tok, p, T)), T, pad, cfg.seed);
  const valExamples = opts.val.map((p) => encodeExample(tok, p, T));
  const valRows = packRows(valExamples, valExamples.map((_, i) => i), T, pad).slice(0, cfg.evalRows);

  // State: fresh, or the checkpoint's weights, moments, step and history.
  const opt = new AdamW({ beta1: cfg.beta1, beta2: cfg.beta2, eps: cfg.adamEps, weightDecay: cfg.weightDecay }, model.specs, model.params.length);
  let step = 0;
  let history: History = { steps: [], evals: [] };
  const saved = opts.resume && opts.outDir ? loadTrainState<History>(opts.outDir) : undefined;
  if (saved) {
    model.params.set(saved.params);
    opt.m.set(saved.m);
    opt.v.set(saved.v);
    step = saved.state.step;
    history = saved.state.history;
  }
  const checkpoint = () => {
    if (!opts.outDir) return;
    saveModel(opts.outDir, model, tok);
    saveTrainState(opts.outDir, model.params as Float32Array, opt.m, opt.v, { step, history });
  };

  const t0 = performance.now(), firstStep = step;
  let lastVal: number | undefined = history.evals.at(-1)?.valLoss;
  while (step < cfg.maxSteps) {
    if (opts.signal?.aborted || (performance.now() - t0) / 1000 > cfg.maxSeconds) break;
    const lr = learningRate(step, cfg.warmupSteps, cfg.maxSteps, cfg.lr, cfg.minLr);
    const rows = Array.from({ length: B }, (_, b) => stream.row(step * B + b));
    model.zeroGrad();
    const { loss } = model.forward(stackRows(rows, T)); // mean over response tokens of B rows
    model.backward();
    const gradNorm = clipGradNorm(model.grads, cfg.gradClip);
    opt.step(model.params, model.grads, lr, step + 1);
    step++;
    history.steps.push({ step, loss: loss!, lr, gradNorm });

    if (step % cfg.evalEvery === 0 || step === cfg.maxSteps) {
      lastVal = evaluate(model, valRows, B, T, pad);
      history.evals.push({ step, valLoss: lastVal });
    }
    if (step % cfg.checkpointEvery === 0 || step === cfg.maxSteps) checkpoint();
    const elapsedSec = (performance.now() - t0) / 1000, perStep = elapsedSec / (step - firstStep);
    opts.onProgress?.({
      step, steps: cfg.maxSteps, loss: loss!, valLoss: lastVal, lr, elapsedSec,
      tokensPerSec: (B * T) / perStep, etaSec: perStep * (cfg.maxSteps - step),
    });
  }
  return { ...history, stoppedAt: step };
}

/** Token-weighted mean loss over `rows`, in batches of B (the last padded with masked rows so shapes never change). */
export function evaluate(model: Transformer, rows: readonly Row[], B: number, T: number, pad: number): number {
  let total = 0, count = 0;
  const empty: Row = { idx: new Int32Array(T).fill(pad), targets: new Int32Array(T).fill(-1), start: new Int32Array(T) };
  for (let i = 0; i < rows.length; i += B) {
    const chunk = Array.from({ length: B }, (_, b) => rows[i + b] ?? empty);
    const batch = stackRows(chunk, T);
    const n = batch.targets.reduce((a, t) => a + (t >= 0 ? 1 : 0), 0);
    const { loss } = model.forward(batch, { grad: false });
    total += loss! * n;
    count += n;
  }
  return count > 0 ? total / count : NaN;
}

const dur = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m${Math.floor(s % 60)}s` : `${s.toFixed(0)}s`);

/** One progress-bar line: `step 120/1000 [====      ] loss 3.21 val 3.40 | 1234 tok/s | ETA 4m12s`. */
export function formatProgress(p: TrainProgress, width = 20): string {
  const done = Math.round((width * p.step) / p.steps);
  return `step ${p.step}/${p.steps} [${'='.repeat(done)}${' '.repeat(width - done)}] ${progressNote(p)} | ETA ${dur(p.etaSec)}`;
}

/** What a step adds to a progress bar that already counts steps and shows an eta: `loss 3.210 val 3.400 lr 2.0e-3 | 1234 tok/s`. */
export function progressNote(p: TrainProgress): string {
  const val = p.valLoss === undefined ? '' : ` val ${p.valLoss.toFixed(3)}`;
  return `loss ${p.loss.toFixed(3)}${val} lr ${p.lr.toExponential(1)} | ${Math.round(p.tokensPerSec)} tok/s`;
}
