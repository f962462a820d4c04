/**
 * Balance and mix: the phase policy (thresholds, ratio, forced phases) and per-skill caps
 * and oversampling, first on counted pairs alone, then through a build whose manifest and
 * card record the phase chosen.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderPrompt } from '../../src/ai/task.ts';
import { planAdjust } from '../../src/ai/tasks/index.ts';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { SKILL_IDS } from '../../src/content/taxonomy.ts';
import { Balancer, KindCounts, planBalance } from '../../src/dataset/balance.ts';
import { buildDataset } from '../../src/dataset/build.ts';
import { choosePhase, DEFAULT_PHASE_POLICY, syntheticQuota } from '../../src/dataset/phase.ts';
import { newPair, type Pair, type PairSource, type Split } from '../../src/dataset/types.ts';
import { aiOutputs, users } from '../../src/db/schema/index.ts';
import { createRng } from '../../src/lib/rng.ts';
import { generatePairs, type SynthStats } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

test('phase policy: synthetic below 50K real pairs, 25/75 mix from 50K, real only from 100K; forced phases win', () => {
  assert.equal(choosePhase('auto', 0), 'synthetic');
  assert.equal(choosePhase('auto', 49_999), 'synthetic');
  assert.equal(choosePhase('auto', 50_000), 'mixed');
  assert.equal(choosePhase('auto', 99_999), 'mixed');
  assert.equal(choosePhase('auto', 100_000), 'real');
  assert.equal(choosePhase('real', 10), 'real');
  assert.equal(choosePhase('auto', 30, { mixedFrom: 10, realFrom: 40, syntheticShare: 0.5 }), 'mixed');
  // 75,000 real → 25,000 synthetic: a quarter of the policy pairs.
  assert.equal(syntheticQuota('mixed', 75_000, 1e6), 25_000);
  assert.equal(syntheticQuota('mixed', 75_000, 1_000), 1_000);
  assert.equal(syntheticQuota('synthetic', 0, 1_234), 1_234);
  assert.equal(syntheticQuota('real', 200_000, 1_234), 0);
  assert.deepEqual(DEFAULT_PHASE_POLICY, { mixedFrom: 50_000, realFrom: 100_000, syntheticShare: 0.25 });
});

const [S1, S2, S3] = SKILL_IDS;
const splits: Split[] = ['train', 'train', 'train', 'validation', 'test'];
function pairs(source: PairSource, skill: string, n: number, tag: string): Pair[] {
  return Array.from({ length: n }, (_, i) => {
    const p = newPair({ id: `${tag}:${i}`, task: 'feedback', source, synthetic: source === 'synth', messages: [], output: '', input: null, userId: null, people: [], questionId: null, skill, rating: null });
    p.split = splits[i % splits.length];
    return p;
  });
}

test('mix and caps are exact on known counts; scarce cells are oversampled in train only', () => {
  const stream = [...pairs('db:ai_outputs', S1, 600, 'a'), ...pairs('db:ai_outputs', S2, 40, 'b'), ...pairs('synth', S1, 400, 's'), ...pairs('synth', S3, 400, 't')];
  const counts = new KindCounts('seed');
  for (const p of stream) counts.add(p);
  const policy = { mixedFrom: 100, realFrom: 10_000, syntheticShare: 0.25 };
  const phase = choosePhase('auto', counts.real, policy);
  assert.equal(phase, 'mixed');
  const plan = planBalance(counts, phase, policy, { maxPerSkill: 500, minPerSkill: 100, maxOversample: 3, weakSkills: { [S3]: 2 } });
  assert.equal(plan.syntheticQuota, Math.round(640 / 3));
  assert.ok(Math.abs(plan.syntheticKept - plan.syntheticQuota) <= 2, `kept ${plan.syntheticKept} of quota ${plan.syntheticQuota}`);
  const balancer = new Balancer(plan, 'seed');
  const kept = new Map<string, number>();
  const rows = new Map<string, number>();
  const reasons = new Map<string, number>();
  for (const p of stream) {
    const { copies, verdict } = balancer.decide(p);
    if (!verdict.keep) { reasons.set(verdict.reason, (reasons.get(verdict.reason) ?? 0) + 1); continue; }
    const k = `${p.source}|${p.skill}`;
    kept.set(k, (kept.get(k) ?? 0) + 1);
    rows.set(`${k}|${p.split}`, (rows.get(`${k}|${p.split}`) ?? 0) + copies);
  }
  // S3 is under the cap: every synthetic pair that passed the mix is there.
  assert.equal(kept.get(`synth|${S3}`), plan.cells.get(`feedback|${S3}`)!.n);
  // S1 has 600 real + ~107 synthetic: capped at exactly 500, drawn from both.
  assert.equal((kept.get(`db:ai_outputs|${S1}`) ?? 0) + (kept.get(`synth|${S1}`) ?? 0), 500);
  assert.ok((kept.get(`synth|${S1}`) ?? 0) > 40, 'the cap draws synthetic pairs too');
  assert.equal(reasons.get('cap:per-skill'), 600 + plan.cells.get(`feedback|${S1}`)!.n - 600 - 500);
  assert.equal(reasons.get('mix:synthetic-over-quota'), 800 - plan.syntheticKept);
  // S2: 40 pairs < 100 → each train pair written ⌈100/40⌉ = 3 times; validation and test once.
  assert.equal(kept.get(`db:ai_outputs|${S2}`), 40);
  assert.equal(rows.get(`db:ai_outputs|${S2}|train`), 24 * 3);
  assert.equal(rows.get(`db:ai_outputs|${S2}|validation`), 8);
  assert.equal(rows.get(`db:ai_outputs|${S2}|test`), 8);
  // S3 is named weak: its train pairs twice, whatever its count.
  const s3 = stream.filter((p) => p.skill === S3 && p.split === 'train' && rows.has(`synth|${S3}|train`));
  assert.ok(s3.length > 0);
  assert.equal(rows.get(`synth|${S3}|train`)! % 2, 0);
  assert.equal(plan.cells.get(`feedback|${S3}`)!.copies, 2);
});

let database: TestDatabase;
let out: string;
let synthDir: string;
const KEY = new TextEncoder().encode('balance-test-key-0123456789abcdef');

before(async () => {
  database = await createTestDatabase();
  out = mkdtempSync(path.join(tmpdir(), 'satprep-balance-'));
  synthDir = mkdtempSync(path.join(tmpdir(), 'satprep-balance-synth-'));
  const items = buildBank({ perSkill: 2 });
  const stats: SynthStats = { requested: 60, written: 0, seed: 's', mix: {}, nearDupThreshold: 0.8, byTask: {}, failedChecks: {}, seconds: 0 };
  writeFileSync(path.join(synthDir, 'p.jsonl'), [...generatePairs(buildContext(items, loadLessons()), { pairs: 60, seed: 'balance' }, stats)].map((p) => `${JSON.stringify(p)}\n`).join(''));
  const [u] = await database.db.insert(users).values({ email: 'b@example.test', passwordHash: 'x', displayName: 'Bel Quin', role: 'student', trainingConsent: true }).returning();
  const rng = createRng('balance-real');
  for (let i = 0; i < 40; i++) {
    const input = planAdjust.input.parse({
      plan: { days: [{ day: 1 + (i % 9), kind: 'practice', skill: SKILL_IDS[(i + 3) % SKILL_IDS.length] }] },
      performance: [{ skill: SKILL_IDS[i % SKILL_IDS.length], correct: i % 7, total: 10 + (i % 13) }],
    });
    await database.db.insert(aiOutputs).values({
      task: 'plan_adjust', promptVersion: planAdjust.promptVersion, input, prompt: renderPrompt(planAdjust.prompt(input)),
      output: planAdjust.template(input, rng.fork(String(i))), provider: 'template', latencyMs: 1, checks: [], passed: true, userId: u.id,
    });
  }
});
after(async () => {
  await database.dispose();
  rmSync(out, { recursive: true, force: true });
  rmSync(synthDir, { recursive: true, force: true });
});

test('the build applies the phase it chooses and records it in the manifest and the card', async () => {
  const build = (name: string, phase: 'auto' | 'real' | 'synthetic', mixedFrom: number, realFrom: number) =>
    buildDataset(database.db, { name, outDir: out, key: KEY, contentPairs: false, synthDirs: [synthDir], phase, phasePolicy: { mixedFrom, realFrom, syntheticShare: 0.25 }, formats: ['io', 'kto'], parquet: false });
  const mixed = await build('mixed', 'auto', 10, 1000);
  const m = mixed.manifest.phase;
  assert.equal(m.mode, 'auto');
  assert.equal(m.chosen, 'mixed');
  assert.ok(m.available.real >= 20 && m.available.synthetic >= 40, JSON.stringify(m.available));
  assert.equal(m.kept.real, m.available.real);
  assert.equal(m.syntheticQuota, Math.round(m.available.real / 3));
  assert.ok(Math.abs(m.kept.synthetic - m.syntheticQuota) <= 1, JSON.stringify(m));
  assert.ok(Math.abs(m.syntheticShare - 0.25) < 0.03, String(m.syntheticShare));
  assert.equal(mixed.manifest.counts.byKind.synthetic, m.kept.synthetic);
  const card = readFileSync(path.join(mixed.path, 'README.md'), 'utf8');
  assert.match(card, /Phase \*\*mixed\*\* \(chosen automatically\)/);
  assert.match(card, /25% synthetic\nfrom 10/);

  const synthOnly = await build('synth-only', 'auto', 1000, 2000);
  assert.equal(synthOnly.manifest.phase.chosen, 'synthetic');
  assert.equal(synthOnly.manifest.counts.byKind.real, undefined);
  assert.equal(synthOnly.manifest.drops.balance['phase:real-left-out'], m.available.real);

  const realOnly = await build('real-only', 'auto', 5, 10);
  assert.equal(realOnly.manifest.phase.chosen, 'real');
  assert.equal(realOnly.manifest.counts.byKind.synthetic, undefined);
  // A forced phase does not even read the other kind's sources.
  const forced = await build('forced-real', 'real', 1000, 2000);
  assert.equal(forced.manifest.phase.mode, 'real');
  assert.equal(forced.manifest.phase.available.synthetic, 0);
  assert.equal(forced.manifest.counts.total, realOnly.manifest.counts.total);
});
