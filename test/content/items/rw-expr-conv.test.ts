/**
 * Expression of Ideas and Conventions generators beyond the shared contract: passage
 * variety (issue 4's near-duplicate bound), SAT passage length, blanks and notes, and a
 * verifier that rejects any distractor promoted to key or rewritten to equal the key.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIFFICULTIES } from '../../../src/db/enums.ts';
import { OPTION_LETTERS, type Item } from '../../../src/content/item.ts';
import { generateVerified, keyText } from '../../../src/content/items/build.ts';
import { GENERATORS as CONV } from '../../../src/content/items/rw-conv/index.ts';
import { GENERATORS as EXPR } from '../../../src/content/items/rw-expr/index.ts';
import { BLANK, maskNamesAndNumbers, wordCount } from '../../../src/content/items/rw-expr/text.ts';
import { createRng } from '../../../src/lib/rng.ts';

const PER_SKILL = 150;

for (const gen of [...EXPR, ...CONV]) {
  describe(gen.skill, () => {
    const items: Item[] = [];
    for (let i = 0; i < PER_SKILL; i++) {
      const difficulty = DIFFICULTIES[i % 3];
      items.push(generateVerified(gen, createRng(`rw-expr-conv/${gen.skill}/${i}`), difficulty));
    }

    test(`≤ 5% of ${PER_SKILL} passages are near-duplicates once names and numbers are masked`, () => {
      const seen = new Set<string>();
      let dup = 0;
      for (const it of items) {
        const key = maskNamesAndNumbers(it.passage ?? '');
        if (seen.has(key)) dup++;
        seen.add(key);
      }
      assert.ok(dup <= PER_SKILL * 0.05, `${dup} near-duplicate passages of ${PER_SKILL}`);
    });

    test('passages are 25–150 words; fill-in items hold exactly one blank, notes items 4–6 bullets', () => {
      for (const it of items) {
        const words = wordCount(it.passage ?? '');
        assert.ok(words >= 25 && words <= 150, `${it.id}: ${words} words\n${it.passage}`);
        if (gen.skill === 'rw.expr.rhetorical-synthesis') {
          const notes = (it.passage ?? '').split('\n').filter((l) => l.startsWith('• ')).length;
          assert.ok(notes >= 4 && notes <= 6, `${it.id}: ${notes} notes`);
        } else {
          assert.equal((it.passage ?? '').split(BLANK).length - 1, 1, it.id);
        }
      }
    });

    test('every family appears and none holds more than 30% of a balanced bank', () => {
      const counts = new Map<string, number>();
      for (const it of items) counts.set(it.family, (counts.get(it.family) ?? 0) + 1);
      assert.deepEqual([...counts.keys()].sort(), [...gen.families].sort());
      for (const [family, n] of counts) assert.ok(n <= items.length * 0.3, `${family}: ${n} of ${items.length}`);
    });

    test('the verifier rejects every distractor as key, and a distractor rewritten to the key text', () => {
      for (const it of items) {
        for (const letter of OPTION_LETTERS) {
          if (letter === it.answer) continue;
          assert.equal(gen.verify({ ...it, answer: letter }).ok, false, `${it.id}: ${letter} accepted as key`);
        }
        const options = [...it.options!];
        const d = options.findIndex((_, i) => OPTION_LETTERS[i] !== it.answer);
        options[d] = keyText(it);
        assert.equal(gen.verify({ ...it, options }).ok, false, `${it.id}: duplicate key accepted`);
      }
    });

    test(`${PER_SKILL} items build in well under a second`, () => {
      const t0 = performance.now();
      for (let i = 0; i < 120; i++) generateVerified(gen, createRng(`speed/${i}`), DIFFICULTIES[i % 3]);
      assert.ok(performance.now() - t0 < 1000);
    });
  });
}
