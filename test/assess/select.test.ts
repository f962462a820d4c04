import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPool, selectNext, sympsonHetterUpdate } from '../../src/assess/select.ts';
import { createPosterior, summarizePosterior, updatePosterior } from '../../src/assess/estimate.ts';
import { itemInfo, prob } from '../../src/assess/irt.ts';
import { shouldStop } from '../../src/assess/stopping.ts';
import type { AssessItem } from '../../src/assess/types.ts';
import { DOMAINS, skillsOfDomain } from '../../src/content/taxonomy.ts';
import { createRng } from '../../src/lib/rng.ts';

const [d1, d2] = DOMAINS;
const s1 = skillsOfDomain(d1.id)[0], s2 = skillsOfDomain(d2.id)[0];
const rng0 = createRng('pool');
const items: AssessItem[] = Array.from({ length: 200 }, (_, i) => {
  const s = i % 2 ? s2 : s1;
  return { id: `i${i}`, skill: s.id, domain: s.domain, a: 0.5 + rng0.next() * 1.5, b: rng0.normal(), c: 0.2 };
});
const pool = buildPool(items);

test('without exposure control the pick is the most informative unused item', () => {
  const sel = selectNext(pool, { theta: 0.7, administered: ['i3'] }, { rng: createRng(1) })!;
  const best = items.filter((it) => it.id !== 'i3').reduce((x, y) => (itemInfo(0.7, y) > itemInfo(0.7, x) ? y : x));
  assert.equal(sel.item.id, best.id);
  assert.ok(Math.abs(sel.info - itemInfo(0.7, best)) < 1e-12);
});

test('randomesque draws among the k most informative, deterministically per seed', () => {
  const top5 = [...items].sort((x, y) => itemInfo(0, y) - itemInfo(0, x)).slice(0, 5).map((it) => it.id);
  const picks = new Set<string>();
  for (let s = 0; s < 200; s++) picks.add(selectNext(pool, { theta: 0, administered: [] }, { rng: createRng(s), exposure: { kind: 'randomesque', k: 5 } })!.item.id);
  assert.deepEqual([...picks].sort(), [...top5].sort());
  const again = (s: number) => selectNext(pool, { theta: 0, administered: [] }, { rng: createRng(s), exposure: { kind: 'randomesque', k: 5 } })!.item.id;
  assert.equal(again(42), again(42));
});

test('Sympson–Hetter: K = 0 items are never given and losers are reported', () => {
  const k = new Float64Array(items.length).fill(1);
  const best = [...items].sort((x, y) => itemInfo(0, y) - itemInfo(0, x));
  k[pool.indexOf.get(best[0].id)!] = 0;
  const sel = selectNext(pool, { theta: 0, administered: [] }, { rng: createRng(3), exposure: { kind: 'sympson-hetter', k } })!;
  assert.equal(sel.item.id, best[1].id);
  assert.deepEqual(sel.heldBack, [best[0].id]);
  const upd = sympsonHetterUpdate(Float64Array.from([1, 0.5, 1]), Float64Array.from([0.6, 0.1, 0.1]), 0.2);
  assert.deepEqual([...upd].map((x) => +x.toFixed(6)), [0.333333, 0.5, 1]);
});

test('restricted: the most informative item under the cap, else the least given', () => {
  const ranked = [...items].sort((x, y) => itemInfo(0, y) - itemInfo(0, x)).map((it) => pool.indexOf.get(it.id)!);
  const given = new Float64Array(items.length);
  given[ranked[0]] = 25; // 25 of 100 sessions: one more would pass 0.25
  given[ranked[1]] = 24;
  const pick = (g: Float64Array, sessions: number) =>
    selectNext(pool, { theta: 0, administered: [] }, { rng: createRng(1), exposure: { kind: 'restricted', rMax: 0.25, given: g, sessions } })!.index;
  assert.equal(pick(given, 100), ranked[1]);
  assert.equal(pick(given, 104), ranked[0], 'the cap grows with the sessions');
  // Before 1/rMax sessions an item is given at most once.
  assert.equal(pick(Float64Array.from(items, (_, i) => (i === ranked[0] ? 1 : 0)), 2), ranked[1]);
  // Nothing under the cap: the least given item, ties to information.
  const full = new Float64Array(items.length).fill(30);
  full[ranked[7]] = 26;
  full[ranked[9]] = 26;
  assert.equal(pick(full, 100), ranked[7]);
  assert.throws(() => selectNext(pool, { theta: 0, administered: [] }, { rng: createRng(1), exposure: { kind: 'restricted', rMax: 0, given, sessions: 1 } }), RangeError);
});

test('restricted: in a run of sessions no item passes r_max, and the run is deterministic per seed', () => {
  const sessions = 120, length = 10, rMax = 0.2;
  const simulate = (seed: string, control: boolean) => {
    const rng = createRng(seed);
    const given = new Float64Array(items.length);
    let worst = 0;
    for (let s = 1; s <= sessions; s++) {
      const theta = rng.normal();
      const post = createPosterior();
      const administered: string[] = [];
      for (let t = 0; t < length; t++) {
        const exposure = control ? { kind: 'restricted', rMax, given, sessions: s } as const : { kind: 'none' } as const;
        const sel = selectNext(pool, { theta: summarizePosterior(post).theta, administered }, { rng, exposure })!;
        given[sel.index]++;
        administered.push(sel.item.id);
        updatePosterior(post, sel.item, rng.next() < prob(theta, sel.item));
      }
      if (s >= 1 / rMax) worst = Math.max(worst, Math.max(...given) / s);
    }
    return { worst, given: [...given] };
  };
  const free = simulate('exp', false);
  const capped = simulate('exp', true);
  assert.ok(free.worst > 0.5, `without control the first item is everyone's (${free.worst})`);
  assert.ok(capped.worst <= rMax + 1e-12, `max running rate ${capped.worst}`);
  assert.equal(capped.given.reduce((a, b) => a + b, 0), sessions * length);
  assert.deepEqual(simulate('exp', true).given, capped.given);
});

test('content balancing follows the requested shares', () => {
  const administered: string[] = [];
  const rng = createRng('bal');
  for (let t = 0; t < 20; t++) {
    const sel = selectNext(pool, { theta: 0, administered }, { rng, content: { by: 'domain', areas: [d1.id, d2.id], shares: [3, 1] } })!;
    administered.push(sel.item.id);
  }
  const n1 = administered.filter((id) => items[pool.indexOf.get(id)!].domain === d1.id).length;
  assert.equal(n1, 15);
  const onlySkill = selectNext(pool, { theta: 0, administered: [] }, { rng, content: { by: 'skill', areas: [s2.id] } })!;
  assert.equal(onlySkill.item.skill, s2.id);
});

test('no repeats across sessions until the pool is exhausted, then least recently seen', () => {
  const small = buildPool(items.slice(0, 6));
  const seen = new Map([['i0', 5], ['i1', 1], ['i2', 3], ['i3', 2]]);
  const fresh = selectNext(small, { theta: 0, administered: [], seen }, { rng: createRng(1) })!;
  assert.ok(['i4', 'i5'].includes(fresh.item.id) && !fresh.recycled);
  const seenAll = new Map([...seen, ['i4', 9], ['i5', 8]]);
  const old = selectNext(small, { theta: 0, administered: [], seen: seenAll }, { rng: createRng(1), recycleWindow: 1 })!;
  assert.equal(old.item.id, 'i1');
  assert.ok(old.recycled);
  const ids = small.items.map((it) => it.id);
  assert.equal(selectNext(small, { theta: 0, administered: ids }, { rng: createRng(1) }), null);
});

test('stopping rules: fixed length, SE target, both', () => {
  assert.deepEqual(shouldStop({ kind: 'length', length: 10 }, 9, 0.1), { stop: false, reason: null });
  assert.deepEqual(shouldStop({ kind: 'length', length: 10 }, 10, 0.9), { stop: true, reason: 'length' });
  assert.deepEqual(shouldStop({ kind: 'se', target: 0.3, maxLength: 30 }, 12, 0.29), { stop: true, reason: 'se' });
  assert.deepEqual(shouldStop({ kind: 'se', target: 0.3, maxLength: 30, minLength: 15 }, 12, 0.29), { stop: false, reason: null });
  assert.deepEqual(shouldStop({ kind: 'both', length: 20, target: 0.3 }, 20, 0.5), { stop: true, reason: 'length' });
  assert.deepEqual(shouldStop({ kind: 'both', length: 20, target: 0.3 }, 8, 0.25), { stop: true, reason: 'se' });
});
