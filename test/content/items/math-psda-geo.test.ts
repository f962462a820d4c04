/**
 * Bank-scale properties of the Problem-Solving/Data Analysis and Geometry generators,
 * beyond the shared contract: family spread, grid-in share, stem uniqueness, speed, a
 * JSON round trip of the spec (the bank re-verifies stored items), and that the verifier
 * rejects a distractor rewritten to the key.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIFFICULTIES } from '../../../src/db/enums.ts';
import { generateVerified } from '../../../src/content/items/build.ts';
import { GENERATORS as GEO } from '../../../src/content/items/math-geo/index.ts';
import { GENERATORS as PSDA } from '../../../src/content/items/math-psda/index.ts';
import { numText, piText, render } from '../../../src/content/items/math-psda/kit.ts';
import { OPTION_LETTERS, type Item } from '../../../src/content/item.ts';
import { rat } from '../../../src/lib/rational.ts';
import { createRng } from '../../../src/lib/rng.ts';

const PER_DIFFICULTY = 120;
/** Study-design items are conceptual multiple choice on the SAT; they have no grid-ins. */
const NO_GRID_INS = new Set<string>(['math.psda.statistical-claims']);

for (const gen of [...PSDA, ...GEO]) {
  describe(`bank of ${gen.skill}`, () => {
    const started = performance.now();
    const items: Item[] = DIFFICULTIES.flatMap((d) =>
      Array.from({ length: PER_DIFFICULTY }, (_, i) => generateVerified(gen, createRng(`bank/${gen.skill}/${d}/${i}`), d)),
    );
    const ms = performance.now() - started;

    test('120 items build in well under a second', () => {
      assert.ok(ms / 3 < 500, `${gen.skill}: ${Math.round(ms / 3)} ms per 120 items`);
    });

    test('at least 6 families, none above 30% of the items, all of them used', () => {
      assert.ok(gen.families.length >= 6);
      const counts = new Map<string, number>();
      for (const it of items) counts.set(it.family, (counts.get(it.family) ?? 0) + 1);
      for (const [fam, n] of counts) assert.ok(n / items.length <= 0.3, `${fam}: ${((100 * n) / items.length).toFixed(1)}%`);
      assert.deepEqual([...counts.keys()].sort(), [...gen.families].sort());
    });

    test('about a quarter of the items are grid-ins', () => {
      const spr = items.filter((i) => i.type === 'spr').length / items.length;
      if (NO_GRID_INS.has(gen.skill)) assert.equal(spr, 0);
      else assert.ok(spr >= 0.18 && spr <= 0.36, `grid-in share ${spr.toFixed(2)}`);
    });

    test('≥ 99% distinct stem + passage + options', () => {
      const keys = new Set(items.map((i) => `${i.passage ?? ''}|${i.stem}|${(i.options ?? []).join('|')}`));
      assert.ok(keys.size >= items.length * 0.99, `${keys.size} distinct of ${items.length}`);
    });

    test('stored items (JSON round trip) still verify', () => {
      for (const it of items) assert.deepEqual(gen.verify(JSON.parse(JSON.stringify(it)) as Item), { ok: true }, it.id);
    });

    test('a distractor rewritten to the key is rejected', () => {
      for (const it of items.filter((i) => i.type === 'mcq').slice(0, 80)) {
        const k = OPTION_LETTERS.indexOf(it.answer as 'A');
        const options = it.options!.slice();
        options[(k + 1) % 4] = options[k];
        assert.equal(gen.verify({ ...it, options }).ok, false, it.id);
      }
    });

    test('a grid-in with a near-miss decimal is rejected', () => {
      for (const it of items.filter((i) => i.type === 'spr').slice(0, 40)) {
        const wrong = { ...it, acceptedAnswers: [...it.acceptedAnswers!, '0.001'] };
        assert.equal(gen.verify(wrong).ok, false, it.id);
      }
    });
  });
}

test('numbers print the way the options show them', () => {
  assert.equal(numText(rat(12500)), '12,500');
  assert.equal(numText(rat(-5, 2)), '-2.5');
  assert.equal(numText(rat(2, 3)), '2/3');
  assert.equal(piText(rat(9, 2)), '9π/2');
  assert.equal(piText(rat(1)), 'π');
  assert.equal(render(rat(1234, 100), 'usd'), '$12.34');
  assert.equal(render(rat(35, 2), 'pct'), '17.5%');
});
