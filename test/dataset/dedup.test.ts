/**
 * dedup.ts stores its near-duplicate windows flat (typed arrays); its verdicts must be those
 * of the straightforward index it replaced: per task, two generations of synth/dedup.ts's
 * NearDupIndex, the older dropped when the newer holds `nearWindow` texts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedupStage } from '../../src/dataset/dedup.ts';
import { newPair, type Pair } from '../../src/dataset/types.ts';
import { createRng } from '../../src/lib/rng.ts';
import { NearDupIndex } from '../../src/synth/dedup.ts';
import type { AiTaskName } from '../../src/db/enums.ts';

function reference(threshold: number, window: number) {
  const near = new Map<string, { old: NearDupIndex | null; cur: NearDupIndex }>();
  return (task: string, text: string): boolean => {
    let w = near.get(task);
    if (!w) near.set(task, (w = { old: null, cur: new NearDupIndex({ threshold }) }));
    const p = w.cur.prepare(text);
    if (w.cur.query(p) || w.old?.query(p)) return true;
    if (w.cur.size >= window) {
      w.old = w.cur;
      w.cur = new NearDupIndex({ threshold });
    }
    w.cur.add(p);
    return false;
  };
}

const WORDS = 'skill pace accuracy practice review focus steady careful question answer choice reading algebra geometry data evidence'.split(' ');

test('near-duplicate verdicts equal the NearDupIndex reference across window turnovers', () => {
  const rng = createRng('dedup-window');
  // Base texts; copies of a recent or an old base with one word changed (Jaccard ≈ 0.87: kept at
  // 0.9, but in the base's LSH buckets, so chains form); and copies with a word appended
  // (Jaccard ≈ 0.98: a near-duplicate of the base, found behind the edited copies in its chains).
  const bases: string[] = [];
  const texts: { task: AiTaskName; text: string }[] = [];
  const pick = () => bases[rng.next() < 0.5 ? Math.max(0, bases.length - 1 - Math.floor(rng.next() * 20)) : Math.floor(rng.next() * bases.length)];
  for (let i = 0; i < 4000; i++) {
    const task: AiTaskName = i % 3 === 0 ? 'plan_adjust' : 'feedback';
    const r = rng.next();
    if (bases.length > 10 && r < 0.3) {
      const words = pick().split(' ');
      words[Math.floor(rng.next() * words.length)] = `edit${i}`;
      texts.push({ task, text: words.join(' ') });
    } else if (bases.length > 10 && r < 0.6) {
      texts.push({ task, text: `${pick()} tail${i}` });
    } else {
      const text = Array.from({ length: 60 + Math.floor(rng.next() * 30) }, () => WORDS[Math.floor(rng.next() * WORDS.length)] + Math.floor(rng.next() * 50)).join(' ');
      bases.push(text);
      texts.push({ task, text });
    }
  }
  for (const window of [50, 400, 100_000]) {
    const stage = dedupStage({ nearThreshold: 0.9, nearWindow: window });
    const ref = reference(0.9, window);
    const exact = new Set<string>();
    let near = 0;
    texts.forEach(({ task, text }, i) => {
      const pair: Pair = newPair({
        id: `t:${i}`, task, source: 'synth', synthetic: true, messages: [{ role: 'user', content: `${i % 7}` }], output: text,
        input: null, userId: null, people: [], questionId: null, skill: null, rating: null,
      });
      const v = stage.filter(pair);
      const key = `positive\u0000${i % 7}\u0000${text}`;
      const isExact = exact.has(key);
      exact.add(key);
      if (isExact) return assert.equal(v.keep, false, `text ${i} is an exact duplicate`);
      const want = ref(task, `${i % 7}\n${text}`);
      assert.equal(!v.keep, want, `window ${window}, text ${i}: near-duplicate ${want}`);
      if (want) near++;
    });
    assert.ok(near > 100, `the texts exercise near-duplicates (${near})`);
  }
});
