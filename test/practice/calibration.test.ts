/**
 * `satprep calibrate` end to end on the database: pretest items with deliberately wrong
 * starting parameters are re-estimated from simulated answers, anchored on operational items.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import { prob } from '../../src/assess/irt.ts';
import { buildBank } from '../../src/content/bank.ts';
import { writeItems } from '../../src/content/store.ts';
import { schema } from '../../src/db/index.ts';
import { createRng } from '../../src/lib/rng.ts';
import { calibrateBank } from '../../src/practice/calibration.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let database: TestDatabase;
const truth = new Map<string, { a: number; b: number; c: number }>();
let pretestIds: string[] = [];

before(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const items = buildBank({ perSkill: 3 }).slice(0, 45); // 45 R&W items
  await writeItems(db, items);
  for (const it of items) truth.set(it.id, it.irt);
  pretestIds = items.slice(30).map((i) => i.id);
  // Pretest items start from a wrong guess: b shifted by +1.
  await db.update(schema.questions).set({ status: 'pretest' }).where(inArray(schema.questions.id, pretestIds));
  for (const id of pretestIds) {
    const t = truth.get(id)!;
    await db.update(schema.questions).set({ irtB: t.b + 1 }).where(inArray(schema.questions.id, [id]));
  }
  const rng = createRng('calibration-test');
  const persons = 800;
  const users = Array.from({ length: persons }, (_, i) => ({ email: `cal${i}@sim.invalid`, passwordHash: '!simulated', displayName: `Sim ${i}`, role: 'student' as const, isSimulated: true }));
  const made = await db.insert(schema.users).values(users).returning({ id: schema.users.id });
  const sessions = await db.insert(schema.sessions).values(made.map((u) => ({ userId: u.id, kind: 'practice' as const }))).returning({ id: schema.sessions.id, userId: schema.sessions.userId });
  const rows: (typeof schema.responses.$inferInsert)[] = [];
  for (const s of sessions) {
    const theta = rng.normal();
    for (const it of items) rows.push({ sessionId: s.id, userId: s.userId, questionId: it.id, correct: rng.next() < prob(theta, it.irt), timeSpentMs: 1000 });
  }
  for (let i = 0; i < rows.length; i += 2000) await db.insert(schema.responses).values(rows.slice(i, i + 2000));
});
after(() => database.dispose());

test('pretest items are recovered, operational items stay anchored, and good pretest items graduate', async () => {
  const report = await calibrateBank(database.db, { apply: true, maxSeB: 0.35 });
  assert.equal(report.persons, 800);
  assert.equal(report.anchored, 30);
  assert.equal(report.estimated, 15);
  const stored = await database.db.select().from(schema.questions).where(inArray(schema.questions.id, pretestIds));
  const rmseB = Math.sqrt(stored.reduce((s, q) => s + (q.irtB - truth.get(q.id)!.b) ** 2, 0) / stored.length);
  console.log(`# pretest RMSE(b) after calibration ${rmseB.toFixed(3)} (started at 1.000); graduated ${report.graduated.length}/15`);
  assert.ok(rmseB < 0.35, `RMSE(b) ${rmseB}`);
  assert.ok(report.graduated.length > 0);
  assert.ok(stored.filter((q) => q.status === 'operational').length === report.graduated.length);
});

test('without enough answers there is nothing to calibrate', async () => {
  const report = await calibrateBank(database.db, { minResponses: 10_000 });
  assert.equal(report.itemsInMatrix, 0);
});
