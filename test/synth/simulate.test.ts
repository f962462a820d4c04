import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { responses, users } from '../../src/db/schema/index.ts';
import { simulate } from '../../src/synth/simulate.ts';
import { SIMULATED_PASSWORD_HASH, writeSimulation } from '../../src/synth/simulate-db.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { smallBank } from './bank.ts';

const items = smallBank(20);

function corr(a: number[], b: number[]): number {
  const ma = a.reduce((x, y) => x + y, 0) / a.length, mb = b.reduce((x, y) => x + y, 0) / b.length;
  let sab = 0, saa = 0, sbb = 0;
  a.forEach((x, i) => { sab += (x - ma) * (b[i] - mb); saa += (x - ma) ** 2; sbb += (b[i] - mb) ** 2; });
  return sab / Math.sqrt(saa * sbb);
}

test('the engine’s EAP θ̂ after 40 adaptive questions correlates ≥ 0.9 with the true θ', () => {
  // One ability per section (no skill deviations, no learning): the diagnostic measures it exactly.
  const res = simulate({ students: 150, days: 0, seed: 'eap-40', items, diagnosticLength: 40, population: { skillSd: 0, pLearn: 0, learnedBoost: 0 } });
  let checked = 0;
  for (const section of ['rw', 'math'] as const) {
    const diag = res.sessions.filter((s) => s.kind === 'diagnostic' && s.section === section);
    if (diag.length === 0) continue; // the bank has no items of this section yet
    const truth = diag.map((s) => res.responses.find((r) => r.sessionKey === s.key)!.trueTheta);
    const answered = diag.map((s) => res.responses.filter((r) => r.sessionKey === s.key).length);
    const r = corr(diag.map((s) => s.theta), truth);
    console.log(`${section}: corr(θ̂, θ) = ${r.toFixed(3)} over ${diag.length} students, ${Math.min(...answered)}–${Math.max(...answered)} questions`);
    assert.equal(Math.min(...answered), 40);
    assert.ok(r >= 0.9, `${section}: corr ${r}`);
    checked++;
  }
  assert.ok(checked > 0);
});

test('a simulation produces sessions, responses, plans, actions and ratings that fit together', () => {
  const res = simulate({ students: 12, days: 10, seed: 'shape', items });
  assert.equal(res.users.length, 12);
  const sessionKeys = new Set(res.sessions.map((s) => s.key));
  assert.ok(res.responses.every((r) => sessionKeys.has(r.sessionKey)));
  assert.ok(res.responses.every((r) => r.timeMs > 0 && Number.isFinite(r.thetaAfter)));
  assert.ok(res.planActions.some((a) => a.action === 'completed'));
  assert.ok(res.feedback.every((f) => f.stars === null || (f.stars >= 1 && f.stars <= 5)));
  assert.deepEqual(simulate({ students: 12, days: 10, seed: 'shape', items }), res, 'same seed, same simulation');
});

let db: TestDatabase;
before(async () => { db = await createTestDatabase(); });
after(async () => { await db.dispose(); });

test('writeSimulation stores flagged simulated users that cannot sign in, in batches', async () => {
  const res = simulate({ students: 7, days: 4, seed: 'db-write', items });
  const counts = await writeSimulation(db.db, res, items, { batchStudents: 3, rowsPerInsert: 50 });
  assert.equal(counts.users, 7);
  assert.equal(counts.responses, res.responses.length);
  const rows = await db.db.select().from(users);
  assert.equal(rows.length, 7);
  for (const u of rows) {
    assert.equal(u.isSimulated, true);
    assert.match(u.email, /@sim\.invalid$/);
    assert.equal(u.passwordHash, SIMULATED_PASSWORD_HASH);
  }
  const stored = await db.db.select().from(responses).where(eq(responses.userId, rows[0].id));
  assert.ok(stored.length > 0);
  await assert.rejects(writeSimulation(db.db, res, items), /already stored/);
});
