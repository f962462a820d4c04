/**
 * The contract every skill generator must meet, run against each registered generator.
 * `ITEMS_SKILL=math.alg node scripts/test.mjs test/content/items` narrows it to skills
 * whose id starts with the given prefix.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIFFICULTIES } from '../../src/db/enums.ts';
import { OPTION_LETTERS, itemSchema, type Item } from '../../src/content/item.ts';
import { answerLine, generateVerified, keyText } from '../../src/content/items/build.ts';
import { GENERATORS } from '../../src/content/items/index.ts';
import { sprValue } from '../../src/content/spr.ts';
import { eq } from '../../src/lib/rational.ts';
import { createRng } from '../../src/lib/rng.ts';

const prefix = process.env.ITEMS_SKILL ?? '';
const PER_DIFFICULTY = Number(process.env.ITEMS_PER_DIFFICULTY ?? 20);

/** A wrong key of the same shape: the next option letter, or the SPR value plus one. */
export function mutateKey(item: Item): Item {
  if (item.type === 'mcq') {
    const i = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
    return { ...item, answer: OPTION_LETTERS[(i + 1) % 4] };
  }
  const v = sprValue(item.answer)!;
  const wrong = `${v.n + v.d}/${v.d}`.replace(/\/1$/, '');
  return { ...item, answer: wrong, acceptedAnswers: [wrong] };
}

for (const gen of GENERATORS.filter((g) => g.skill.startsWith(prefix))) {
  describe(`generator ${gen.skill}`, () => {
    const items: Item[] = [];
    for (const difficulty of DIFFICULTIES) {
      for (let i = 0; i < PER_DIFFICULTY; i++) {
        items.push(generateVerified(gen, createRng(`contract/${gen.skill}/${difficulty}/${i}`), difficulty));
      }
    }

    test('items are valid, of this skill and difficulty, and verified', () => {
      for (const it of items) {
        itemSchema.parse(it);
        assert.equal(it.skill, gen.skill);
        assert.ok(gen.families.includes(it.family), `unknown family ${it.family}`);
        assert.deepEqual(gen.verify(it), { ok: true });
      }
    });

    test('MCQ: four distinct options with the key among them; SPR: accepted forms denote one value and fit the grid', () => {
      for (const it of items) {
        if (it.type === 'mcq') {
          assert.equal(new Set(it.options!.map((o) => o.trim().toLowerCase())).size, 4, it.id);
          assert.ok(OPTION_LETTERS.includes(it.answer as 'A'), it.id);
          assert.equal(Object.keys(it.distractorReasons ?? {}).length, 3, `${it.id} distractor reasons`);
          assert.ok(!(it.answer in (it.distractorReasons ?? {})), `${it.id}: the key has a distractor reason`);
        } else {
          assert.equal(it.section, 'math', 'only Math has grid-ins');
          // The exact key (spec.value, written by buildSpr); each form must equal it, or be a
          // decimal within the precision its own digits allow (truncated or rounded).
          const exact = sprValue(String(it.spec.value))!;
          for (const f of it.acceptedAnswers!) {
            assert.ok(f.length <= (f.startsWith('-') ? 6 : 5), `${it.id}: ${f} too long`);
            const v = sprValue(f)!;
            const decimals = f.includes('.') ? f.split('.')[1].length : 0;
            const close = f.includes('.') && Math.abs(v.n / v.d - exact.n / exact.d) < 10 ** -decimals;
            assert.ok(eq(v, exact) || close, `${it.id}: ${f} is not ${String(it.spec.value)}`);
          }
        }
      }
    });

    test('every rationale ends at the key', () => {
      for (const it of items) {
        const lines = it.rationale.trim().split('\n');
        assert.equal(lines.at(-1), answerLine(it), it.id);
        assert.ok(lines.length >= 2, `${it.id}: a rationale has steps before its answer line`);
        assert.ok(keyText(it).length > 0);
      }
    });

    test('a wrong key is caught by the verifier', () => {
      for (const it of items) assert.equal(gen.verify(mutateKey(it)).ok, false, `${it.id}: mutated key passed`);
    });

    test('same seed → identical item; different seeds → different stems', () => {
      const a = generateVerified(gen, createRng('det/1'), 'medium');
      const b = generateVerified(gen, createRng('det/1'), 'medium');
      assert.equal(JSON.stringify(a), JSON.stringify(b));
      const stems = new Set(items.map((i) => `${i.passage ?? ''}|${i.stem}|${(i.options ?? []).join('|')}`));
      assert.ok(stems.size >= items.length * 0.9, `${gen.skill}: only ${stems.size} distinct of ${items.length}`);
    });

    test('math skills draw on ≥ 6 families', { skip: !gen.skill.startsWith('math') && 'R&W' }, () => {
      assert.ok(gen.families.length >= 6, `${gen.skill}: ${gen.families.length} families`);
    });
  });
}
