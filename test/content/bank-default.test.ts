/**
 * Issue 4's acceptance on the default bank itself: size, spread, grid-in share, distinct
 * stems, family balance, R&W near-duplicates, determinism, and that the stored bank
 * re-verifies at 100% while every corrupted key is caught.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildBank, toJsonl } from '../../src/content/bank.ts';
import { DEFAULT_SEED } from '../../src/content/bank-defaults.ts';
import { OPTION_LETTERS, type Item } from '../../src/content/item.ts';
import { checkStoredItems, writeItems } from '../../src/content/store.ts';
import { SKILLS } from '../../src/content/taxonomy.ts';
import { schema } from '../../src/db/index.ts';
import { sprValue } from '../../src/content/spr.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let bank: Item[];
let buildMs: number;
let database: TestDatabase;

before(async () => {
  const t0 = performance.now();
  bank = buildBank();
  buildMs = performance.now() - t0;
  database = await createTestDatabase();
});
after(() => database.dispose());

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}
const bySkill = () => groupBy(bank, (i) => i.skill);

test('≥ 120 items for every one of the 29 skills, spread over three difficulties, built in ≤ 60 s', () => {
  console.log(`# default bank: ${bank.length} items in ${(buildMs / 1000).toFixed(2)} s`);
  assert.ok(buildMs < 60_000);
  assert.equal(bySkill().size, 29);
  for (const s of SKILLS) {
    const items = bySkill().get(s.id) ?? [];
    assert.ok(items.length >= 120, `${s.id}: ${items.length}`);
    for (const d of ['easy', 'medium', 'hard']) {
      const n = items.filter((i) => i.difficulty === d).length;
      assert.ok(n >= items.length / 4, `${s.id} ${d}: ${n}`);
    }
  }
});

test('about a quarter of Math items are student-produced responses; R&W has none', () => {
  const math = bank.filter((i) => i.section === 'math');
  const share = math.filter((i) => i.type === 'spr').length / math.length;
  console.log(`# Math SPR share ${(share * 100).toFixed(1)}%`);
  assert.ok(share >= 0.2 && share <= 0.32, `${share}`);
  assert.equal(bank.filter((i) => i.section === 'rw' && i.type === 'spr').length, 0);
});

test('no two items share a stem (with its passage); MCQs have four distinct options including the key', () => {
  const stems = new Set(bank.map((i) => `${i.passage ?? ''}\u0000${i.stem}`));
  assert.equal(stems.size, bank.length);
  for (const i of bank.filter((x) => x.type === 'mcq')) {
    assert.equal(new Set(i.options!.map((o) => o.trim().toLowerCase())).size, 4, i.id);
    assert.ok(OPTION_LETTERS.includes(i.answer as 'A'), i.id);
  }
});

test('every Math skill draws on ≥ 6 families, none above 30% of the skill', () => {
  for (const [skill, items] of bySkill()) {
    if (!skill.startsWith('math')) continue;
    const counts = groupBy(items, (i) => i.family);
    const top = Math.max(...[...counts.values()].map((v) => v.length)) / items.length;
    assert.ok(counts.size >= 6, `${skill}: ${counts.size} families`);
    assert.ok(top <= 0.3, `${skill}: top family ${(top * 100).toFixed(1)}%`);
  }
});

test('R&W near-duplicates (same passage once names and numbers are masked) are ≤ 5% per skill', () => {
  const mask = (t: string) => t.replace(/\b[A-Z][a-z'’]+\b/g, 'N').replace(/\d+([.,]\d+)*/g, '#').replace(/\s+/g, ' ');
  for (const [skill, items] of bySkill()) {
    if (!skill.startsWith('rw')) continue;
    const distinct = new Set(items.map((i) => mask(`${i.passage ?? ''} ${i.stem}`))).size;
    const dupShare = 1 - distinct / items.length;
    assert.ok(dupShare <= 0.05, `${skill}: ${(dupShare * 100).toFixed(1)}% near-duplicates`);
  }
});

test('same seed → byte-identical JSONL; another seed → different items', () => {
  assert.equal(toJsonl(buildBank()), toJsonl(bank));
  const other = buildBank({ seed: `${DEFAULT_SEED}-other`, perSkill: 5 });
  const ids = new Set(bank.map((i) => i.id));
  assert.ok(other.filter((i) => ids.has(i.id)).length < other.length / 10);
});

function offByOne(answer: string) {
  const v = sprValue(answer)!;
  const wrong = v.d === 1 ? String(v.n + 1) : `${v.n + v.d}/${v.d}`;
  return { answer: wrong, acceptedAnswers: [wrong] };
}

test('the stored bank re-verifies at 100%, and one corrupted key per skill is caught each time', async () => {
  assert.equal(await writeItems(database.db, bank), bank.length);
  const clean = await checkStoredItems(database.db);
  assert.deepEqual([clean.checked, clean.failed.length], [bank.length, 0]);

  const victims = SKILLS.map((s) => bySkill().get(s.id)![7]);
  for (const v of victims) {
    // MCQ: the next letter; SPR: the key plus one (an off-by-one grid-in).
    const wrong =
      v.type === 'mcq'
        ? { answer: OPTION_LETTERS[(OPTION_LETTERS.indexOf(v.answer as 'A') + 1) % 4] }
        : offByOne(v.answer);
    await database.db.update(schema.questions).set(wrong).where(eq(schema.questions.id, v.id));
  }
  const report = await checkStoredItems(database.db);
  assert.deepEqual(report.failed.map((f) => f.id).sort(), victims.map((v) => v.id).sort());
});
