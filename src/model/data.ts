/**
 * SFT data: JSONL pairs → token sequences with a loss mask → packed rows of a fixed length.
 *
 * One example is `<|task:NAME|> <|prompt|> prompt… <|response|> output… <|end|>`, and the
 * loss is taken only where the next token belongs to the response (output and `<|end|>`):
 * the model is taught to answer, not to write prompts. Rows are packed greedily with whole
 * examples; `start` marks where each example begins so attention stays inside it.
 */
import { readFileSync } from 'node:fs';
import { AI_TASKS, type AiTaskName } from '../db/enums.ts';
import { renderPrompt, type ChatMessage } from '../ai/task.ts';
import { parseJsonLine } from '../lib/json-line.ts';
import { createRng } from '../lib/rng.ts';
import { SPECIAL, taskToken, type Tokenizer } from './tokenizer.ts';
import { modelPromptText, modelResponseText } from './prompt-view.ts';

export interface SftPair { task: AiTaskName; prompt: string; output: string }

/** Reads `{task, prompt, output}` lines; the synthetic generator's extra fields are ignored and a messages-array prompt is rendered. */
export function readPairs(path: string): SftPair[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => (line.trim() ? [{ line, i }] : [])).map(({ line, i }) => {
    const j = parseJsonLine<{ task?: string; prompt?: string | ChatMessage[]; output?: string }>(line, path, i + 1);
    if (!AI_TASKS.includes(j.task as AiTaskName)) throw new Error(`${path}:${i + 1}: unknown task ${String(j.task)}`);
    if (typeof j.output !== 'string' || j.prompt === undefined) throw new Error(`${path}:${i + 1}: needs prompt and output`);
    const prompt = typeof j.prompt === 'string' ? j.prompt : renderPrompt(j.prompt);
    return { task: j.task as AiTaskName, prompt, output: j.output };
  });
}

export interface Example { ids: number[]; targets: number[] }

/** Tokens kept from the start of an over-long prompt: its first line names the skill or item. */
export const PROMPT_HEAD_TOKENS = 16;

/** Fit a prompt into `room` tokens by cutting its middle: the head says what it is about, the tail is nearest the answer. */
export function fitPrompt(body: readonly number[], room: number): number[] {
  if (body.length <= room) return [...body];
  if (room <= 0) return [];
  const head = Math.min(PROMPT_HEAD_TOKENS, Math.floor(room / 2));
  return [...body.slice(0, head), ...body.slice(body.length - (room - head))];
}

/**
 * The prompt half of an example: what inference feeds before generating. With `maxLen`, an
 * over-long prompt loses its middle as in `encodeExample` (the task and prompt markers stay),
 * so the model sees the shape it was trained on and the rest of the context is left to answer in.
 */
export function promptIds(tok: Tokenizer, task: AiTaskName, prompt: string, maxLen = Infinity): number[] {
  return framePrompt(tok, task, tok.encode(modelPromptText(task, prompt, tok.view)), maxLen);
}

/** `promptIds` from the prompt view's tokens, encoded once: generation refits the same prompt to several lengths. */
export function framePrompt(tok: Tokenizer, task: AiTaskName, body: readonly number[], maxLen = Infinity): number[] {
  return [tok.special(taskToken(task)), tok.special(SPECIAL.prompt), ...fitPrompt(body, Math.max(0, maxLen - 3)), tok.special(SPECIAL.response)];
}

/**
 * Tokens and next-token targets (−1 = no loss). An example longer than `maxLen` loses the
 * middle of its prompt first (`fitPrompt`); a response that
 * alone does not fit is cut and gets no `<|end|>`, so the model never learns to stop early.
 */
export function encodeExample(tok: Tokenizer, pair: SftPair, maxLen: number): Example {
  const head = [tok.special(taskToken(pair.task)), tok.special(SPECIAL.prompt)];
  let prompt = tok.encode(modelPromptText(pair.task, pair.prompt, tok.view));
  let out = [...tok.encode(modelResponseText(pair.task, pair.prompt, pair.output, tok.view)), tok.special(SPECIAL.end)];
  const room = maxLen - head.length - 1; // − <|response|>
  if (out.length > room) { out = out.slice(0, room); prompt = []; } else prompt = fitPrompt(prompt, room - out.length);
  const ids = [...head, ...prompt, tok.special(SPECIAL.response), ...out];
  const respStart = ids.length - out.length;
  const targets = ids.map((_, i) => (i + 1 >= respStart && i + 1 < ids.length ? ids[i + 1] : -1));
  return { ids, targets };
}

export interface Row { idx: Int32Array; targets: Int32Array; start: Int32Array }

/** Greedy packing in the given order: an example that does not fit the current row starts the next one. */
export function packRows(examples: readonly Example[], order: readonly number[], T: number, padId: number): Row[] {
  const rows: Row[] = [];
  let cur: Row | undefined, fill = 0;
  const close = () => {
    if (!cur) return;
    for (let t = fill; t < T; t++) { cur.idx[t] = padId; cur.targets[t] = -1; cur.start[t] = fill; }
    rows.push(cur);
    cur = undefined;
  };
  for (const i of order) {
    const e = examples[i];
    if (e.ids.length > T) throw new Error(`example ${i} has ${e.ids.length} tokens, row length is ${T}`);
    if (cur && fill + e.ids.length > T) close();
    if (!cur) { cur = { idx: new Int32Array(T), targets: new Int32Array(T), start: new Int32Array(T) }; fill = 0; }
    cur.idx.set(e.ids, fill);
    cur.targets.set(e.targets, fill);
    cur.start.fill(fill, fill, fill + e.ids.length);
    fill += e.ids.length;
  }
  close();
  return rows;
}

/**
 * The training stream: epoch e shuffles the examples with the seed's fork `epoch/e` and
 * packs them; rows of successive epochs follow each other. Step s reads rows s·B…s·B+B−1, so
 * the data a step sees depends only on (seed, step) — which is what makes resume exact.
 */
export class RowStream {
  private readonly epochs: Row[][] = [];
  private readonly offsets: number[] = [0];
  constructor(private readonly examples: readonly Example[], private readonly T: number, private readonly padId: number, private readonly seed: string) {
    if (examples.length === 0) throw new Error('no training examples');
  }

  row(n: number): Row {
    while (this.offsets[this.epochs.length] <= n) {
      const e = this.epochs.length;
      const order = createRng(`${this.seed}/epoch/${e}`).shuffle(this.examples.map((_, i) => i));
      const rows = packRows(this.examples, order, this.T, this.padId);
      this.epochs.push(rows);
      this.offsets.push(this.offsets[e] + rows.length);
    }
    let e = 0;
    while (this.offsets[e + 1] <= n) e++;
    return this.epochs[e][n - this.offsets[e]];
  }

  /** Rows in the first epoch: the step count of one pass is ⌈rowsPerEpoch / B⌉. */
  get rowsPerEpoch(): number {
    this.row(0);
    return this.offsets[1];
  }
}

/** Concatenates rows into one (B·T) batch. */
export function stackRows(rows: readonly Row[], T: number): { B: number; T: number; idx: Int32Array; targets: Int32Array; start: Int32Array } {
  const B = rows.length, idx = new Int32Array(B * T), targets = new Int32Array(B * T), start = new Int32Array(B * T);
  rows.forEach((r, b) => { idx.set(r.idx, b * T); targets.set(r.targets, b * T); start.set(r.start, b * T); });
  return { B, T, idx, targets, start };
}

/** Deterministic split: each pair goes to validation with probability `fraction`, by a seeded shuffle. */
export function splitPairs<T>(pairs: readonly T[], fraction: number, seed: string): { train: T[]; val: T[] } {
  const order = createRng(`${seed}/split`).shuffle(pairs.map((_, i) => i));
  const nVal = Math.max(1, Math.round(pairs.length * fraction));
  const valSet = new Set(order.slice(0, nVal));
  return { train: pairs.filter((_, i) => !valSet.has(i)), val: pairs.filter((_, i) => valSet.has(i)) };
}
