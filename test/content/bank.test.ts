/**
 * Bank mechanics on a small stand-in generator (the real generators have their own
 * contract test): determinism, distinct stems, idempotent storage, re-verification.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Item, SkillGenerator } from '../../src/content/item.ts';
import { buildBank, toJsonl } from '../../src/content/bank.ts';
import { buildMcq } from '../../src/content/items/build.ts';
import { checkStoredItems, rowToItem, writeItems } from '../../src/content/store.ts';
import { schema } from '../../src/db/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/** Sums of two numbers; the distractor is the product, a common operation mix-up. */
const sums: SkillGenerator = {
  skill: 'math.alg.linear-one-var',
  families: ['sum'],
  generate(rng, difficulty) {
    const a = rng.int(2, 40);
    const b = rng.int(2, 40);
    return buildMcq(
      {
        skill: 'math.alg.linear-one-var',
        family: 'sum',
        difficulty,
        stem: `What is ${a} + ${b}?`,
        correct: String(a + b),
        distractors: [
          { text: String(a * b), reason: 'multiplied instead of adding' },
          { text: String(a + b + 1), reason: 'counted one too many' },
          { text: String(Math.abs(a - b) + 1000), reason: 'subtracted (and misread)' },
        ],
        steps: [`Add ${a} and ${b}.`, `${a} + ${b} = ${a + b}.`],
        spec: { a, b },
        generatorId: 'test-sums@1',
      },
      rng,
    );
  },
  verify(item: Item) {
    const { a, b } = item.spec as { a: number; b: number };
    const keyed = item.options?.['ABCD'.indexOf(item.answer)];
    return Number(keyed) === a + b ? { ok: true } : { ok: false, reason: `keyed ${keyed}, expected ${a + b}` };
  },
};

let database: TestDatabase;
before(async () => (database = await createTestDatabase()));
after(() => database.dispose());

test('the same seed gives byte-identical JSONL; another seed gives other items', () => {
  const a = toJsonl(buildBank({ seed: 's', perSkill: 30, generators: [sums] }));
  const b = toJsonl(buildBank({ seed: 's', perSkill: 30, generators: [sums] }));
  const c = toJsonl(buildBank({ seed: 't', perSkill: 30, generators: [sums] }));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('stems never repeat and difficulties are balanced', () => {
  const items = buildBank({ seed: 's', perSkill: 90, generators: [sums] });
  assert.equal(new Set(items.map((i) => i.stem)).size, 90);
  const count = (d: string) => items.filter((i) => i.difficulty === d).length;
  assert.deepEqual([count('easy'), count('medium'), count('hard')], [30, 30, 30]);
});

test('storing is idempotent and a stored wrong key is caught by the check', async () => {
  const items = buildBank({ seed: 's', perSkill: 30, generators: [sums] });
  assert.equal(await writeItems(database.db, items), 30);
  assert.equal(await writeItems(database.db, items), 0, 'a second write changes nothing');

  const clean = await checkStoredItems(database.db, { generators: [sums] });
  assert.deepEqual([clean.checked, clean.failed.length], [30, 0]);

  const victim = items[3];
  const wrong = victim.answer === 'A' ? 'B' : 'A';
  await database.db.update(schema.questions).set({ answer: wrong }).where(eq(schema.questions.id, victim.id));
  const report = await checkStoredItems(database.db, { generators: [sums] });
  assert.deepEqual(report.failed.map((f) => f.id), [victim.id]);
});

test('a stored row reads back as the same item', async () => {
  const items = buildBank({ seed: 's', perSkill: 30, generators: [sums] });
  const [row] = await database.db.select().from(schema.questions).where(eq(schema.questions.id, items[0].id));
  assert.deepEqual(rowToItem(row), items[0]);
});
