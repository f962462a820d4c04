import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AI_TASKS } from '../../src/db/enums.ts';
import { createRng } from '../../src/lib/rng.ts';
import { CURRENT_VIEW } from '../../src/model/prompt-view.ts';
import { SPECIAL, SPECIAL_TOKENS, taskToken, Tokenizer } from '../../src/model/tokenizer.ts';
import { taskPairs } from './pairs.ts';

const pairs = taskPairs(80);
const corpus = pairs.flatMap((p) => [p.prompt, p.output]);
const tok = Tokenizer.train(corpus, 1024);

test('trains to the requested vocabulary size, with every special token', () => {
  assert.equal(tok.vocabSize, 1024);
  assert.equal(SPECIAL_TOKENS.length, AI_TASKS.length + 4);
  const ids = new Set(SPECIAL_TOKENS.map((s) => tok.special(s)));
  assert.equal(ids.size, SPECIAL_TOKENS.length);
  for (const id of ids) assert.ok(id >= 1024 - SPECIAL_TOKENS.length && tok.isSpecial(id));
});

test('compresses its own domain text: fewer tokens than bytes by a wide margin', () => {
  const text = pairs[1].output;
  const n = tok.encode(text).length;
  assert.ok(n < Buffer.byteLength(text) / 2.5, `${n} tokens for ${Buffer.byteLength(text)} bytes`);
});

test('round-trips random byte strings, valid UTF-8 or not', () => {
  const rng = createRng('bytes');
  for (let i = 0; i < 300; i++) {
    const bytes = Uint8Array.from({ length: rng.int(0, 64) }, () => rng.int(0, 255));
    assert.deepEqual(Buffer.from(tok.decodeBytes(tok.encodeBytes(bytes))), Buffer.from(bytes));
  }
});

test('round-trips random unicode strings, special-token look-alikes included', () => {
  const rng = createRng('unicode');
  const pools = [[0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x3ff], [0x4e00, 0x4fff], [0x1f300, 0x1f64f], [0, 0x1f]];
  for (let i = 0; i < 300; i++) {
    let s = '';
    for (let k = rng.int(0, 40); k > 0; k--) {
      const [lo, hi] = rng.pick(pools);
      s += String.fromCodePoint(rng.int(lo, hi));
      if (rng.chance(0.05)) s += rng.pick([...SPECIAL_TOKENS, ' the', "'s", '\n\n', '  ']);
    }
    assert.equal(tok.decode(tok.encode(s)), s);
  }
});

test('special tokens are control tokens only when allowed', () => {
  const text = `${taskToken('feedback')}${SPECIAL.prompt}hi${SPECIAL.end}`;
  const plain = tok.encode(text);
  assert.ok(plain.every((id) => !tok.isSpecial(id)), 'user text cannot inject a control token');
  assert.deepEqual(tok.encode(text, { allowSpecial: true }), [tok.special(taskToken('feedback')), tok.special(SPECIAL.prompt), ...tok.encode('hi'), tok.special(SPECIAL.end)]);
  assert.equal(tok.decode(plain), text);
});

test('tokenizer.json: HF BPE layout, and a saved tokenizer encodes exactly like the original', () => {
  const j = tok.toJSON();
  assert.equal(j.model.type, 'BPE');
  assert.equal(j.pre_tokenizer.type, 'ByteLevel');
  assert.equal(j.decoder.type, 'ByteLevel');
  assert.equal(Object.keys(j.model.vocab).length, tok.vocabSize);
  assert.equal(j.model.merges.length, tok.vocabSize - 256 - SPECIAL_TOKENS.length);
  assert.equal(j.model.vocab['Ġ'], 32, 'GPT-2 byte map: space is Ġ');
  assert.ok(j.added_tokens.every((t) => t.special && j.model.vocab[t.content] === t.id));
  const again = Tokenizer.fromJSON(JSON.parse(JSON.stringify(j)));
  for (const text of corpus.slice(0, 20)) assert.deepEqual(again.encode(text), tok.encode(text));
  const arrayMerges = { ...j, model: { ...j.model, merges: j.model.merges.map((m) => m.split(' ')) } };
  assert.deepEqual(Tokenizer.fromJSON(arrayMerges as unknown as typeof j).encode(corpus[0]), tok.encode(corpus[0]));
  // The prompt view travels with the tokenizer; a file from before views were recorded is view 1.
  assert.equal(again.view, CURRENT_VIEW);
  const { satprep_view: _, ...older } = j;
  assert.equal(Tokenizer.fromJSON(older).view, 1);
  assert.throws(() => Tokenizer.fromJSON({ ...j, satprep_view: 7 as never }), /satprep_view 7/);
});

test('merges follow frequency: the first merge is the most common adjacent byte pair', () => {
  const counts = new Map<string, number>();
  for (const t of corpus) {
    for (const piece of t.match(/'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu) ?? []) {
      const b = Buffer.from(piece);
      for (let i = 0; i + 1 < b.length; i++) counts.set(`${b[i]},${b[i + 1]}`, (counts.get(`${b[i]},${b[i + 1]}`) ?? 0) + 1);
    }
  }
  const max = Math.max(...counts.values());
  assert.equal(counts.get(tok.merges[0].join(',')), max);
});

test('trains on a few MB in well under a minute', () => {
  const big: string[] = [];
  const rng = createRng('big');
  let size = 0;
  while (size < 2e6) { const t = rng.pick(corpus) + ` ${rng.int(0, 1e6)}`; big.push(t); size += t.length; }
  const t0 = performance.now();
  const t = Tokenizer.train(big, 4096);
  const sec = (performance.now() - t0) / 1000;
  assert.ok(t.vocabSize <= 4096);
  assert.ok(sec < 20, `${sec.toFixed(1)} s for 2 MB`);
});
