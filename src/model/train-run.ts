/**
 * `model train` as a function: a pairs file in, a model directory out, ready to register.
 *
 *   data      JSONL `{task, prompt | input, output, meta?}` (synthetic pairs or a dataset's io lines)
 *   split     seeded: `valFraction` of the pairs are held out; those with a structured input
 *             are written to heldout.jsonl, the set `model eval` and promotion run on
 *   model     fresh (a BPE tokenizer trained on the training split, `Transformer.init`) or
 *             warm-started from a model directory (its weights and tokenizer, the origin
 *             plan's incremental refresh)
 *   train     train.ts, with checkpoints in the directory, so `resume` continues a killed run
 *   out       model.safetensors, config.json, tokenizer.json, heldout.jsonl, train.json
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderPrompt, type ChatMessage } from '../ai/task.ts';
import { getTask } from '../ai/tasks/index.ts';
import { AI_TASKS, type AiTaskName } from '../db/enums.ts';
import { parseJsonLine } from '../lib/json-line.ts';
import { loadModel, saveModel } from './checkpoint.ts';
import { PRESETS, paramCount, type ModelConfig, type PresetName } from './config.ts';
import { encodeExample, RowStream, splitPairs, type SftPair } from './data.ts';
import { modelPromptText, modelResponseText } from './prompt-view.ts';
import { exampleId } from './eval/evalset.ts';
import { Transformer } from './model.ts';
import type { TrainMeta } from './registry.ts';
import { SPECIAL, Tokenizer } from './tokenizer.ts';
import { lossCurve, train, TRAIN_DEFAULTS, type TrainConfig, type TrainProgress } from './train.ts';

export interface TrainRunOptions {
  data: string;
  outDir: string;
  preset: PresetName;
  /** Shape overrides on the preset (tests use tiny models). */
  model?: Partial<ModelConfig>;
  valFraction?: number; // 0.05: enough held-out pairs for a stable eval without starving training
  seed?: string;
  train?: Partial<TrainConfig>;
  /** A model directory to continue from; its tokenizer is kept. */
  warmStart?: string;
  resume?: boolean;
  /** Use only the first N pairs of the file. */
  limit?: number;
  /** Passes over the training split; sets the step count (overrides train.maxSteps). */
  epochs?: number;
  onProgress?: (p: TrainProgress) => void;
}

interface TrainingRecord { pair: SftPair; input: unknown | null; skill: string | null; id: string | null }

/** A bad task value as an error quotes it: in full only when short, since a line with its fields mixed up can hold someone's text there. */
function shownTask(task: unknown): string {
  if (typeof task !== 'string') return `(${task === undefined ? 'none' : typeof task})`;
  return task.length <= 32 ? JSON.stringify(task) : `(a ${task.length}-character string)`;
}

/** Pairs with their structured input when the line has a valid one. */
export function readTrainingRecords(file: string, limit = Infinity): TrainingRecord[] {
  const out: TrainingRecord[] = [];
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (out.length >= limit) break;
    if (!line.trim()) continue;
    const j = parseJsonLine<{ id?: unknown; task?: string; prompt?: string | ChatMessage[]; input?: unknown; output?: unknown; skill?: unknown; meta?: { skill?: unknown } }>(line, file, i + 1);
    if (!AI_TASKS.includes(j.task as AiTaskName)) throw new Error(`${file}:${i + 1}: unknown task ${shownTask(j.task)}`);
    if (typeof j.output !== 'string') throw new Error(`${file}:${i + 1}: no output`);
    const task = getTask(j.task as AiTaskName);
    const parsed = j.input === undefined ? null : task.input.safeParse(j.input);
    const input = parsed?.success ? parsed.data : null;
    // A dataset's io lines carry the rendered prompt as `input`.
    const prompt = typeof j.prompt === 'string' ? j.prompt : Array.isArray(j.prompt) ? renderPrompt(j.prompt)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      : input !== null ? renderPrompt((task as any).prompt(input)) : typeof j.input === 'string' ? j.input : null;
    if (prompt === null) throw new Error(`${file}:${i + 1}: needs a prompt or a valid input`);
    out.push({
      pair: { task: task.name, prompt, output: j.output }, input,
      skill: typeof j.meta?.skill === 'string' ? j.meta.skill : typeof j.skill === 'string' ? j.skill : null, id: typeof j.id === 'string' ? j.id : null,
    });
  }
  return out;
}

export function trainFromFile(opts: TrainRunOptions): { dir: string; meta: TrainMeta; stoppedAt: number } {
  const seed = opts.seed ?? 'sft';
  const t0 = performance.now();
  const bytes = readFileSync(opts.data);
  const records = readTrainingRecords(opts.data, opts.limit);
  if (records.length < 2) throw new Error(`${opts.data}: need at least 2 pairs, found ${records.length}`);
  const { train: trainSet, val } = splitPairs(records, opts.valFraction ?? 0.05, seed);

  let model: Transformer, tokenizer: Tokenizer;
  if (opts.warmStart) {
    ({ model, tokenizer } = loadModel(opts.warmStart));
  } else {
    const base = { ...PRESETS[opts.preset], ...opts.model };
    // Merges are learnt on the text as the model will read and write it (tagged numbers and references included).
    tokenizer = Tokenizer.train(trainSet.flatMap((r) => [modelPromptText(r.pair.task, r.pair.prompt), modelResponseText(r.pair.task, r.pair.prompt, r.pair.output)]), base.vocabSize);
    model = Transformer.init({ ...base, vocabSize: tokenizer.vocabSize }, `${seed}/init`);
  }

  mkdirSync(opts.outDir, { recursive: true });
  const cfg = { seqLen: model.config.maxSeq, ...opts.train }; // rows as long as the context, so every position served was trained
  if (opts.epochs !== undefined) {
    const T = cfg.seqLen, B = cfg.batchSize ?? TRAIN_DEFAULTS.batchSize;
    const rows = new RowStream(trainSet.map((r) => encodeExample(tokenizer, r.pair, T)), T, tokenizer.special(SPECIAL.pad), seed).rowsPerEpoch;
    cfg.maxSteps = Math.max(1, Math.ceil((opts.epochs * rows) / B));
  }
  const h = train({
    model, tokenizer, train: trainSet.map((r) => r.pair), val: val.map((r) => r.pair), config: cfg,
    outDir: opts.outDir, resume: opts.resume, onProgress: opts.onProgress,
  });
  // A run cut short by its time cap ends between checkpoints; the served weights are the last step's.
  saveModel(opts.outDir, model, tokenizer);

  const heldout = val.filter((r) => r.input !== null).map((r) => JSON.stringify({
    id: r.id ?? exampleId(r.pair.task, r.input), task: r.pair.task, input: r.input, output: r.pair.output, meta: { skill: r.skill },
  }));
  writeFileSync(path.join(opts.outDir, 'heldout.jsonl'), heldout.join('\n') + (heldout.length ? '\n' : ''));
  const meta: TrainMeta = {
    preset: opts.warmStart ? 'warm-start' : opts.preset,
    params: paramCount(model.config),
    data: { file: path.resolve(opts.data), sha256: createHash('sha256').update(bytes).digest('hex'), pairs: records.length, train: trainSet.length, heldout: heldout.length },
    seed, steps: h.stoppedAt, seconds: (performance.now() - t0) / 1000,
    finalLoss: h.steps.at(-1)?.loss ?? null, valLoss: h.evals.at(-1)?.valLoss ?? null,
    warmStart: opts.warmStart ?? null,
    config: { ...cfg, model: model.config },
    curve: lossCurve(h),
    tasks: Object.fromEntries([...trainSet.reduce((m, r) => m.set(r.pair.task, (m.get(r.pair.task) ?? 0) + 1), new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  writeFileSync(path.join(opts.outDir, 'train.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return { dir: opts.outDir, meta, stoppedAt: h.stoppedAt };
}
