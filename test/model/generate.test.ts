import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveModel } from '../../src/model/checkpoint.ts';
import { PRESETS } from '../../src/model/config.ts';
import { promptIds } from '../../src/model/data.ts';
import { decodeIds, FIRST_ROOM, generate, loadOnce, REFIT_STEP, sampleToken, stream } from '../../src/model/generate.ts';
import { KvSession } from '../../src/model/kv-cache.ts';
import { Transformer } from '../../src/model/model.ts';
import { SPECIAL, Tokenizer } from '../../src/model/tokenizer.ts';
import { createRng } from '../../src/lib/rng.ts';
import { taskPairs } from './pairs.ts';

const tok = Tokenizer.train(taskPairs(30).flatMap((p) => [p.prompt, p.output]), 500);
const cfg = { ...PRESETS.test, vocabSize: tok.vocabSize, dim: 48, hidden: 96, heads: 4, layers: 2, maxSeq: 128 };
const model = Transformer.init(cfg, 5);
for (let i = 0; i < model.params.length; i++) model.params[i] *= 10; // peaked logits: a varied, non-degenerate greedy path
const dir = mkdtempSync(path.join(tmpdir(), 'gen-'));
saveModel(dir, model, tok);

test('KV-cached decoding gives the same logits as a full forward pass', () => {
  const ids = tok.encode('Great work on linear equations today.').slice(0, 12);
  const s = new KvSession(model);
  s.feed(ids.slice(0, 5)); // prefill in one batch …
  let cached: Float32Array = new Float32Array();
  for (const id of ids.slice(5)) cached = s.feed([id]); // … then one token at a time
  const { logits } = model.forward({ B: 1, T: ids.length, idx: Int32Array.from(ids) });
  const full = logits.subarray((ids.length - 1) * cfg.vocabSize);
  let err = 0;
  let scale = 1;
  for (let i = 0; i < cfg.vocabSize; i++) {
    err = Math.max(err, Math.abs(full[i] - cached[i]));
    scale = Math.max(scale, Math.abs(full[i]));
  }
  // float32 sums in a different order: the error is relative to the logits' size (the ×10 weights make them large).
  assert.ok(err < 1e-5 * scale, `max abs error ${err} at logits up to ${scale}`);
});

test('greedy is deterministic; sampling is reproducible by seed and varies across seeds', async () => {
  const lm = loadOnce(dir);
  assert.equal(loadOnce(dir), lm, 'loaded once per process');
  const a = await generate(lm, 'feedback', 'How did I do?', { maxTokens: 20 });
  assert.deepEqual((await generate(lm, 'feedback', 'How did I do?', { maxTokens: 20 })).tokens, a.tokens);
  const s1 = await generate(lm, 'help', 'stuck', { maxTokens: 20, temperature: 1, topP: 0.9, seed: 1 });
  assert.deepEqual((await generate(lm, 'help', 'stuck', { maxTokens: 20, temperature: 1, topP: 0.9, seed: 1 })).tokens, s1.tokens);
  const others = await Promise.all([2, 3, 4].map((seed) => generate(lm, 'help', 'stuck', { maxTokens: 20, temperature: 1, topP: 0.9, seed })));
  assert.ok(others.some((o) => o.tokens.join() !== s1.tokens.join()));
});

test('top-p keeps only the nucleus; temperature 0 is argmax', () => {
  const logits = Float32Array.of(5, 4.9, 0, -1, -2);
  assert.equal(sampleToken(logits, 0, 1, createRng(1)), 0);
  const rng = createRng('nucleus');
  for (let i = 0; i < 200; i++) assert.ok(sampleToken(logits, 1, 0.9, rng) <= 1);
});

test('streaming yields chunks that add up to the result; stop sequences cut the text', async () => {
  const lm = loadOnce(dir);
  // A random model may end its greedy path early on any one prompt (and which one moves with the
  // tokenizer, trained on the templates' text): take the first of a few whose output is long enough to cut.
  let task: 'review' | 'feedback' | 'help' | 'explain' = 'review';
  let prompt = '';
  let whole = { text: '', tokens: [] as number[], finishReason: 'end' as string };
  for (const [t, p] of [['review', 'Check my answers'], ['feedback', 'How did I do?'], ['help', 'stuck'], ['explain', 'Why is B right?'], ['review', 'What did I miss?']] as const) {
    [task, prompt] = [t, p];
    whole = await generate(lm, task, prompt, { maxTokens: 30 });
    if (whole.text.length >= 11) break;
  }
  assert.equal(whole.finishReason === 'length' || whole.finishReason === 'end', true);
  let streamed = '';
  const it = stream(lm, task, prompt, { maxTokens: 30 });
  let r = await it.next();
  while (!r.done) { streamed += r.value.text; r = await it.next(); }
  assert.equal(streamed, whole.text);
  assert.equal(r.value.text, whole.text);
  const stopAt = whole.text.slice(8, 11);
  assert.ok(stopAt.length === 3, `greedy output too short to test stops: ${JSON.stringify(whole.text)}`);
  const cut = await generate(lm, task, prompt, { maxTokens: 30, stop: [stopAt] });
  assert.equal(cut.finishReason, 'stop');
  assert.equal(cut.text, whole.text.slice(0, whole.text.indexOf(stopAt)));
});

test('served text never contains a control token, even from a model that prefers one', async () => {
  // A model whose tied head favours <|pad|>: its embedding row points along every hidden state.
  const pad = tok.special(SPECIAL.pad);
  const skewed = Transformer.init(cfg, 7);
  const row = skewed.view('model.embed_tokens.weight').subarray(pad * cfg.dim, (pad + 1) * cfg.dim);
  for (let i = 0; i < cfg.dim; i++) row[i] = 50;
  const skewedDir = mkdtempSync(path.join(tmpdir(), 'gen-skewed-'));
  saveModel(skewedDir, skewed, tok);
  const lm = loadOnce(skewedDir);
  const raw = [...decodeIds(lm, tok.encode('How did I do?'), { maxTokens: 12 })];
  assert.ok(raw.some((id) => tok.isSpecial(id)), 'the raw loop does pick control tokens from this model');
  const served = await generate(lm, 'feedback', 'How did I do?', { maxTokens: 12 });
  assert.ok(served.tokens.length > 0);
  assert.ok(served.tokens.every((id) => !tok.isSpecial(id)), `served tokens: ${served.tokens}`);
  assert.ok(!/<\|[a-z_:]+\|>/.test(served.text), served.text);
});

test('a long answer is not cut at the context: the prompt gives up more of its middle and decoding goes on', async () => {
  // A model that never ends by itself, so the answer outgrows the room its first fit left: the end
  // token's row of the tied embedding is zero, so its logit is 0 while the largest of the others is
  // far above (peaked weights). Without it, whether a random model stops early depends on the tokenizer.
  const long = Transformer.init(cfg, 5);
  for (let i = 0; i < long.params.length; i++) long.params[i] *= 10;
  long.view('model.embed_tokens.weight').fill(0, tok.special(SPECIAL.end) * cfg.dim, (tok.special(SPECIAL.end) + 1) * cfg.dim);
  const longDir = mkdtempSync(path.join(tmpdir(), 'gen-long-'));
  saveModel(longDir, long, tok);
  const lm = loadOnce(longDir);
  const prompt = taskPairs(30).filter((p) => p.task === 'explain').map((p) => p.prompt).join('\n');
  const maxTokens = 110;
  const r = await generate(lm, 'explain', prompt, { maxTokens });
  const first = promptIds(tok, 'explain', prompt, cfg.maxSeq - FIRST_ROOM).length;
  assert.ok(r.tokens.length > cfg.maxSeq - first, `${r.tokens.length} tokens: the first fit had room for ${cfg.maxSeq - first}, so a refit happened`);
  // Each token is the greedy choice, by a full forward pass, over the prompt as fitted for the answer so far.
  const end = tok.special(SPECIAL.end);
  for (let i = 0; i < r.tokens.length; i++) {
    let room = FIRST_ROOM, ids = promptIds(tok, 'explain', prompt, cfg.maxSeq - room);
    while (ids.length + i >= cfg.maxSeq) ids = promptIds(tok, 'explain', prompt, cfg.maxSeq - (room += REFIT_STEP));
    const ctx = [...ids, ...r.tokens.slice(0, i)];
    const { logits } = long.forward({ B: 1, T: ctx.length, idx: Int32Array.from(ctx) });
    const last = Float32Array.from(logits.subarray((ctx.length - 1) * cfg.vocabSize));
    for (let id = 0; id < cfg.vocabSize; id++) if (id !== end && tok.isSpecial(id)) last[id] = -Infinity;
    assert.equal(sampleToken(last, 0, 1, createRng(0)), r.tokens[i], `token ${i}`);
  }
});
