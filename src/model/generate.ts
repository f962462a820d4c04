/**
 * Text generation from the in-house model: KV-cached decoding, greedy or temperature +
 * top-p (nucleus, Holtzman et al. 2020) sampling with a seeded generator, stop sequences,
 * token streaming as an async iterator, and a batch API. `loadOnce` keeps one copy of each
 * model directory per process.
 */
import type { AiTaskName } from '../db/enums.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import { loadModel } from './checkpoint.ts';
import { framePrompt } from './data.ts';
import { modelPromptView, resolveRefs, settledRefs } from './prompt-view.ts';
import { KvSession } from './kv-cache.ts';
import type { Transformer } from './model.ts';
import { SPECIAL, type Tokenizer } from './tokenizer.ts';

export interface GenerateOptions {
  maxTokens?: number; // default 128
  temperature?: number; // 0 (default) is greedy
  topP?: number; // nucleus mass kept when sampling; default 1
  seed?: string | number; // same seed, same text
  stop?: readonly string[]; // generation ends before the first occurrence of any of these
}

export type FinishReason = 'end' | 'stop' | 'length';
export interface GenerateResult { text: string; tokens: number[]; finishReason: FinishReason }
export interface StreamChunk { token: number; text: string } // text: what this token adds to the visible output

export interface LoadedModel { model: Transformer; tokenizer: Tokenizer }

const loaded = new Map<string, LoadedModel>();
/** One load per directory per process: weights are read once and shared by every request. */
export function loadOnce(dir: string): LoadedModel {
  let m = loaded.get(dir);
  if (!m) loaded.set(dir, (m = loadModel(dir)));
  return m;
}

/** Picks the next token: argmax at temperature 0, else a draw from softmax(z/τ) restricted to the top-p nucleus. */
export function sampleToken(logits: Float32Array, temperature: number, topP: number, rng: Rng): number {
  if (temperature <= 0) {
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
    return best;
  }
  let mx = -Infinity;
  for (const z of logits) if (z > mx) mx = z;
  const probs = Array.from(logits, (z, id) => ({ id, p: Math.exp((z - mx) / temperature) }));
  const total = probs.reduce((a, x) => a + x.p, 0);
  probs.sort((a, b) => b.p - a.p || a.id - b.id);
  let kept = 0, cum = 0;
  while (kept < probs.length && cum < topP * total) cum += probs[kept++].p;
  let r = rng.next() * cum;
  for (let i = 0; i < kept; i++) { r -= probs[i].p; if (r <= 0) return probs[i].id; }
  return probs[kept - 1].id;
}

/**
 * The core loop over token ids, as a synchronous generator: yields each new token and returns
 * why it stopped. `<|end|>` ends generation and is not yielded. `banned` ids are never sampled
 * (their logits are set to −∞); the raw loop bans none, so it can be compared token for token
 * with another runtime (test/model/gguf.test.ts).
 */
export function* decodeIds(lm: LoadedModel, prompt: readonly number[], opts: GenerateOptions = {}, banned: readonly number[] = []): Generator<number, FinishReason> {
  const { maxTokens = 128, temperature = 0, topP = 1 } = opts;
  const rng = createRng(`generate/${opts.seed ?? 0}`);
  const end = lm.tokenizer.special(SPECIAL.end), maxSeq = lm.model.config.maxSeq;
  const session = new KvSession(lm.model);
  // Keep the end of an over-long prompt: it sits next to the answer.
  let logits = session.feed(prompt.slice(Math.max(0, prompt.length - (maxSeq - 1))));
  for (let i = 0; i < maxTokens; i++) {
    for (const b of banned) logits[b] = -Infinity;
    const id = sampleToken(logits, temperature, topP, rng);
    if (id === end) return 'end';
    yield id;
    if (session.length >= maxSeq) return 'length';
    logits = session.feed([id]);
  }
  return 'length';
}

/** Positions first left for the answer: about a median answer's tokens (feedback and explanations run ~95). */
export const FIRST_ROOM = 96;
/** Prompt tokens given up each time the answer outgrows its room. */
export const REFIT_STEP = 32;

/**
 * Decoding a task's answer with the prompt fitted to the context as training fitted it: there,
 * an example's prompt kept what its answer left (data.ts `encodeExample`, the middle cut first).
 * The answer's length is not known in advance, so the prompt first leaves `FIRST_ROOM`
 * positions; when the answer fills the context, the prompt loses `REFIT_STEP` more tokens of its
 * middle and is read again with the answer so far. Reserving a fixed half of the context
 * instead cut most explanation prompts to fewer tokens than training ever showed for them.
 */
function* decodeFitted(lm: LoadedModel, task: AiTaskName, body: readonly number[], opts: GenerateOptions, banned: readonly number[]): Generator<number, FinishReason> {
  const { maxTokens = 128, temperature = 0, topP = 1 } = opts;
  const rng = createRng(`generate/${opts.seed ?? 0}`);
  const tok = lm.tokenizer, end = tok.special(SPECIAL.end), maxSeq = lm.model.config.maxSeq;
  const out: number[] = [];
  for (let room = Math.min(maxTokens, FIRST_ROOM); ; room += REFIT_STEP) {
    const ids = framePrompt(tok, task, body, maxSeq - room);
    if (ids.length + out.length >= maxSeq) {
      if (ids.length <= 3) return 'length'; // only the markers left: the answer alone fills the context
      continue;
    }
    const session = new KvSession(lm.model);
    let logits = session.feed(out.length ? [...ids, ...out] : ids);
    for (;;) {
      if (out.length >= maxTokens) return 'length';
      for (const b of banned) logits[b] = -Infinity;
      const id = sampleToken(logits, temperature, topP, rng);
      if (id === end) return 'end';
      out.push(id);
      yield id;
      // Training predicted from at most maxSeq − 1 positions (a row's last token has no target).
      if (session.length + 1 >= maxSeq) break; // the context is full: refit the prompt
      logits = session.feed([id]);
    }
  }
}

/**
 * Streams a task's answer. Text that might be the start of a stop sequence, or half of a
 * UTF-8 character, is held back until it is decided, so no chunk ever has to be taken back.
 */
const controlCache = new WeakMap<LoadedModel, number[]>();
/** Every special token but `<|end|>`: task, prompt, response and pad markers are inputs, never outputs. */
function controlTokens(lm: LoadedModel): number[] {
  let ids = controlCache.get(lm);
  if (!ids) {
    const end = lm.tokenizer.special(SPECIAL.end);
    ids = Array.from({ length: lm.tokenizer.vocabSize }, (_, id) => id).filter((id) => id !== end && lm.tokenizer.isSpecial(id));
    controlCache.set(lm, ids);
  }
  return ids;
}

export async function* stream(
  lm: LoadedModel, task: AiTaskName, prompt: string, opts: GenerateOptions = {},
): AsyncGenerator<StreamChunk, GenerateResult> {
  const tok = lm.tokenizer, stops = opts.stop ?? [];
  const holdBack = Math.max(0, ...stops.map((s) => s.length - 1));
  const tokens: number[] = [];
  let shown = 0;
  // The model reads the prompt view and writes its numbers and phrases as references (⟦k⟧, ⟪k⟫);
  // what is shown has them put back.
  const view = modelPromptView(task, prompt, tok.view);
  // Served text never contains a control token: only <|end|> (which stops) may be chosen among them.
  const gen = decodeFitted(lm, task, tok.encode(view.text), opts, controlTokens(lm));
  for (;;) {
    const next = gen.next();
    if (next.done) {
      const text = resolveRefs(tok.decode(tokens), view);
      if (text.length > shown) yield { token: -1, text: text.slice(shown) };
      return { text, tokens, finishReason: next.value };
    }
    tokens.push(next.value);
    const text = settledRefs(tok.decode(tokens), view);
    const hit = stops.map((s) => text.indexOf(s)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (hit !== undefined) {
      if (hit > shown) yield { token: next.value, text: text.slice(shown, hit) };
      return { text: text.slice(0, hit), tokens, finishReason: 'stop' };
    }
    let safe = text.length - holdBack;
    while (safe > shown && text[safe - 1] === '\uFFFD') safe--; // maybe an incomplete character
    if (safe > shown) { yield { token: next.value, text: text.slice(shown, safe) }; shown = safe; }
    await Promise.resolve(); // let the event loop breathe between tokens
  }
}

export async function generate(lm: LoadedModel, task: AiTaskName, prompt: string, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const it = stream(lm, task, prompt, opts);
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value;
  }
}

/** Requests run one after another: on two cores a second concurrent decode would only halve each one's speed. */
export async function generateBatch(
  lm: LoadedModel, requests: readonly { task: AiTaskName; prompt: string; options?: GenerateOptions }[],
): Promise<GenerateResult[]> {
  const out: GenerateResult[] = [];
  for (const r of requests) out.push(await generate(lm, r.task, r.prompt, r.options));
  return out;
}
