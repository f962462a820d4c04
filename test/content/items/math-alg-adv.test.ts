/**
 * Bank-scale properties of the Algebra and Advanced Math generators, beyond the shared
 * contract: family spread, grid-in share, stem uniqueness, speed, and that the verifier
 * rejects a distractor that equals the key.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIFFICULTIES } from '../../../src/db/enums.ts';
import { generateVerified } from '../../../src/content/items/build.ts';
import { GENERATORS as ADV } from '../../../src/content/items/math-adv/index.ts';
import { GENERATORS as ALG } from '../../../src/content/items/math-alg/index.ts';
import { evaluate, sameFunction } from '../../../src/content/items/math-alg/expr.ts';
import { OPTION_LETTERS, type Item } from '../../../src/content/item.ts';
import { rat } from '../../../src/lib/rational.ts';
import { createRng } from '../../../src/lib/rng.ts';

const PER_DIFFICULTY = 120;

for (const gen of [...ALG, ...ADV]) {
  describe(`bank of ${gen.skill}`, () => {
    const started = performance.now();
    const items: Item[] = DIFFICULTIES.flatMap((d) =>
      Array.from({ length: PER_DIFFICULTY }, (_, i) => generateVerified(gen, createRng(`bank/${gen.skill}/${d}/${i}`), d)),
    );
    const ms = performance.now() - started;

    test('120 items of each difficulty build in well under a second per 120', () => {
      assert.ok(ms / 3 < 500, `${gen.skill}: ${Math.round(ms / 3)} ms per 120 items`);
    });

    test('no family holds more than 30% of the items and all families appear', () => {
      const counts = new Map<string, number>();
      for (const it of items) counts.set(it.family, (counts.get(it.family) ?? 0) + 1);
      for (const [fam, n] of counts) assert.ok(n / items.length <= 0.3, `${fam}: ${((100 * n) / items.length).toFixed(1)}%`);
      assert.deepEqual([...counts.keys()].sort(), [...gen.families].sort());
    });

    test('about a quarter of the items are grid-ins', () => {
      const spr = items.filter((i) => i.type === 'spr').length / items.length;
      assert.ok(spr >= 0.18 && spr <= 0.32, `grid-in share ${spr.toFixed(2)}`);
    });

    test('≥ 99% distinct stem + passage + options', () => {
      const keys = new Set(items.map((i) => `${i.passage ?? ''}|${i.stem}|${(i.options ?? []).join('|')}`));
      assert.ok(keys.size >= items.length * 0.99, `${keys.size} distinct of ${items.length}`);
    });

    test('a distractor rewritten to the key is rejected', () => {
      for (const it of items.filter((i) => i.type === 'mcq').slice(0, 60)) {
        const k = OPTION_LETTERS.indexOf(it.answer as 'A');
        const options = it.options!.slice();
        options[(k + 1) % 4] = options[k];
        assert.equal(gen.verify({ ...it, options }).ok, false, it.id);
      }
    });
  });
}

test('the expression evaluator reads the notation the items print', () => {
  assert.deepEqual(evaluate('3x² - 5x + 2', { x: rat(2) }), rat(4));
  assert.deepEqual(evaluate('2,400(0.85)^t', { t: rat(2) }), rat(1734));
  assert.deepEqual(evaluate('(x + 3)/(x - 2)', { x: rat(1, 2) }), rat(-7, 3));
  assert.deepEqual(evaluate('x⁻²', { x: rat(3) }), rat(1, 9));
  assert.ok(sameFunction('(x - 1)(x + 1)', (x) => evaluate('x^2 - 1', { x })));
  assert.ok(!sameFunction('x² + 1', (x) => evaluate('x^2 - 1', { x })));
});
