import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/lib/rng.ts';
import { chooseRows, estimateJaccard, jaccard, minhash, NearDupIndex, nearDuplicateRate, shingles } from '../../src/synth/dedup.ts';
import { paraphrase } from '../../src/synth/paraphrase.ts';

const words = (rng: ReturnType<typeof createRng>, n: number) => Array.from({ length: n }, () => `w${rng.int(0, 400)}`);

test('MinHash estimates the exact Jaccard of the 5-gram shingle sets', () => {
  const rng = createRng('mh');
  for (let k = 0; k < 20; k++) {
    const a = words(rng, 80);
    const b = a.map((w) => (rng.chance(0.05 * (k % 5)) ? `x${rng.int(0, 99)}` : w));
    const sa = shingles(a.join(' ')), sb = shingles(b.join(' '));
    const exact = jaccard(sa, sb);
    const est = estimateJaccard(minhash(sa, 256), minhash(sb, 256));
    assert.ok(Math.abs(est - exact) < 0.12, `estimate ${est} vs exact ${exact}`);
  }
});

test('the LSH index flags a light edit as a near-duplicate and leaves different texts alone', () => {
  const rng = createRng('lsh');
  const base = words(rng, 70).join(' ');
  const idx = new NearDupIndex({ threshold: 0.8 });
  idx.add(idx.prepare(base));
  const edited = base.replace(/^(\S+ \S+)/, '$1 extra'); // one inserted word
  const hit = idx.query(idx.prepare(edited));
  assert.ok(hit && hit.similarity >= 0.8);
  assert.equal(idx.query(idx.prepare(words(rng, 70).join(' '))), null);
  assert.equal(nearDuplicateRate([base, edited, words(rng, 70).join(' ')]).count, 1);
  // Banding puts the S-curve midpoint below the threshold, for recall at the threshold.
  const r = chooseRows(64, 0.8);
  assert.ok(Math.pow(1 / Math.floor(64 / r), 1 / r) < 0.8);
});

test('paraphrase varies wording but keeps numbers and unknown words intact', () => {
  const text = 'Let us go step by step. If you focus on the basics, the score of 42 will rise a bit right now. Keep going!';
  const variants = new Set(Array.from({ length: 40 }, (_, i) => paraphrase(text, createRng(`p${i}`))));
  assert.ok(variants.size > 5);
  for (const v of variants) assert.match(v, /\b42\b/);
});

test('paraphrase leaves text quoted from the input as written, and "next" as an adjective alone', () => {
  const lesson = 'A quick second look can spot small slips. To pace yourself, check the clock after that question and go back to any you marked.';
  const input = { sources: [{ id: 'guide.x', title: 'Pacing', text: lesson }] };
  const text = `Good question. Here is the idea: ${lesson[0].toLowerCase()}${lesson.slice(1)} After that, the lesson "Pacing" is a good next stop. Let's look at that, and check your work.`;
  const variants = new Set(Array.from({ length: 60 }, (_, i) => paraphrase(text, createRng(`q${i}`), input)));
  assert.ok(variants.size > 3, 'the template\'s own words still vary');
  for (const v of variants) {
    assert.ok(v.includes(`${lesson[0].toLowerCase()}${lesson.slice(1)}`), `quoted text reworded: ${v}`);
    assert.match(v, /a good next stop/); // once "a good after that stop"
    assert.match(v, /(?:After that|Next), the lesson/);
  }
  // Without the input, the same phrases inside the quotation do vary: the input is what protects them.
  assert.ok(Array.from({ length: 60 }, (_, i) => paraphrase(text, createRng(`q${i}`))).some((v) => !v.includes(lesson.slice(1, 40))));
});
