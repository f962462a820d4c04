/**
 * Bank-scale properties of the Information and Ideas and Craft and Structure generators,
 * beyond the shared contract: near-duplicate passages (names and numbers masked) at most
 * 5% of a 150-item bank, passage length 25–150 words, family spread, speed, distinct
 * items, subtypes, and that the verifier rejects a distractor rewritten to the key or a
 * quantitative table whose numbers no longer support the key.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIFFICULTIES } from '../../../src/db/enums.ts';
import { generateVerified } from '../../../src/content/items/build.ts';
import { GENERATORS as CRAFT } from '../../../src/content/items/rw-craft/index.ts';
import { GENERATORS as INFO } from '../../../src/content/items/rw-info/index.ts';
import { maskPassage, wordCount } from '../../../src/content/items/rw-info/kit.ts';
import { OPTION_LETTERS, type Item } from '../../../src/content/item.ts';
import { createRng } from '../../../src/lib/rng.ts';

const PER_DIFFICULTY = 50;

/** Words of the passage proper: the SAT's bracketed intro line and table rows are not prose. */
const proseWords = (p: string) =>
  wordCount(
    p
      .split('\n')
      .filter((l) => !l.startsWith('|') && !l.startsWith('The following text'))
      .join(' '),
  );

for (const gen of [...INFO, ...CRAFT]) {
  describe(`bank of ${gen.skill}`, () => {
    const started = performance.now();
    const items: Item[] = DIFFICULTIES.flatMap((d) =>
      Array.from({ length: PER_DIFFICULTY }, (_, i) => generateVerified(gen, createRng(`bank/${gen.skill}/${d}/${i}`), d)),
    );
    const ms = performance.now() - started;

    test('150 items build in well under a second', () => {
      assert.ok(ms < 1000, `${gen.skill}: ${Math.round(ms)} ms for 150 items`);
    });

    test('near-duplicate passages (names and numbers masked) are at most 5%', () => {
      const seen = new Map<string, number>();
      for (const it of items) {
        const k = maskPassage(it.passage ?? '');
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      const dup = [...seen.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
      assert.ok(dup / items.length <= 0.05, `${gen.skill}: ${dup} of ${items.length} are near-duplicates`);
    });

    test('passages run 25–150 words', () => {
      for (const it of items) {
        const n = proseWords(it.passage ?? '');
        assert.ok(n >= 25 && n <= 150, `${it.id}: ${n} words\n${it.passage}`);
      }
    });

    test('no family holds more than 30% of the items and all families appear', () => {
      const counts = new Map<string, number>();
      for (const it of items) counts.set(it.family, (counts.get(it.family) ?? 0) + 1);
      for (const [fam, n] of counts) assert.ok(n / items.length <= 0.3, `${fam}: ${((100 * n) / items.length).toFixed(1)}%`);
      assert.deepEqual([...counts.keys()].sort(), [...gen.families].sort());
    });

    test('≥ 99% distinct stem + passage + options; all MCQ', () => {
      const keys = new Set(items.map((i) => `${i.passage ?? ''}|${i.stem}|${(i.options ?? []).join('|')}`));
      assert.ok(keys.size >= items.length * 0.99, `${keys.size} distinct of ${items.length}`);
      assert.ok(items.every((i) => i.type === 'mcq'));
    });

    test('a distractor rewritten to the key is rejected', () => {
      for (const it of items.slice(0, 60)) {
        const k = OPTION_LETTERS.indexOf(it.answer as 'A');
        const options = it.options!.slice();
        options[(k + 1) % 4] = options[k];
        assert.equal(gen.verify({ ...it, options }).ok, false, it.id);
      }
    });

    test('underlined and blank markers appear when the stem refers to them', () => {
      for (const it of items) {
        if (/underlined/.test(it.stem)) assert.match(it.passage ?? '', /\[\[.+\]\]/, it.id);
        if (/completes the text/.test(it.stem)) assert.match(it.passage ?? '', /______/, it.id);
      }
    });
  });
}

describe('Command of Evidence subtypes and quantitative keys', () => {
  const gen = INFO.find((g) => g.skill === 'rw.info.evidence')!;
  const items = Array.from({ length: 120 }, (_, i) =>
    generateVerified(gen, createRng(`quant/${i}`), DIFFICULTIES[i % 3]),
  );

  test('every item is labelled textual or quantitative, and both occur', () => {
    const subtypes = new Set(items.map((i) => i.spec.subtype));
    assert.deepEqual([...subtypes].sort(), ['quantitative', 'textual']);
    for (const it of items) {
      if (it.spec.subtype === 'quantitative') assert.match(it.passage ?? '', /^\| .+ \|$/m, it.id);
    }
  });

  test('the key is recomputed from the printed table: tampered numbers are caught', () => {
    const quant = items.filter((i) => i.spec.subtype === 'quantitative');
    assert.ok(quant.length >= 20);
    for (const it of quant) {
      // Swap the two numeric columns' roles by reversing every body row's numbers: the
      // leading row (or the direction of change) no longer matches the key.
      const lines = (it.passage ?? '').split('\n');
      const body = lines.map((l, i) => (l.startsWith('|') && i > 0 && !l.includes('---') && lines[i - 1].startsWith('|') ? l : null));
      const nums = body.filter((l): l is string => l !== null).map((l) => l.split('|').slice(2, 4).map((c) => c.trim()));
      const tampered = lines
        .map((l, i) => {
          const row = body[i];
          if (row === null) return l;
          const cells = row.split('|');
          if (it.family === 'quant-support') [cells[2], cells[3]] = [cells[3], cells[2]];
          else cells[2] = ` ${Math.min(...nums.map((n) => Number(n[0]))) - 1} `;
          return cells.join('|');
        })
        .join('\n');
      assert.equal(gen.verify({ ...it, passage: tampered }).ok, false, `${it.id}: tampered table passed\n${tampered}`);
    }
  });
});
