/**
 * Readers: plan adjustments carry what the student did next (decision, plan actions in the
 * window after it, θ and mastery change on the named skills); the rating policy puts each
 * rated output on its side; preference pairs need two outputs of one prompt ≥ 2 stars apart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderPrompt } from '../../src/ai/task.ts';
import { planAdjust } from '../../src/ai/tasks/index.ts';
import { SKILL_IDS } from '../../src/content/taxonomy.ts';
import { buildDataset, type BuildResult } from '../../src/dataset/build.ts';
import { aiOutputs, feedbackRatings, planActions, planSuggestions, proficiencyHistory, studyPlans, users } from '../../src/db/schema/index.ts';
import { createRng } from '../../src/lib/rng.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const KEY = new TextEncoder().encode('outcome-test-key-0123456789abcdef');
const [S1, S2, S3] = SKILL_IDS;
const T0 = Date.UTC(2025, 2, 1, 12);
const at = (days: number) => new Date(T0 + days * 86_400_000);
let database: TestDatabase;
let out: string;
let res: BuildResult;
const rows = (format: string) =>
  ['train', 'validation', 'test'].flatMap((s) => readFileSync(path.join(res.path, format, `${s}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));

before(async () => {
  database = await createTestDatabase();
  const db = database.db;
  out = mkdtempSync(path.join(tmpdir(), 'satprep-outcome-'));
  const [u] = await db.insert(users).values({ email: 'o@example.test', passwordHash: 'x', displayName: 'Quorra Vexbel', role: 'student', trainingConsent: true }).returning();
  const rng = createRng('outcome');
  const adjust = async (performance: { skill: string; correct: number; total: number }[], stars: number | null, output?: string) => {
    const input = planAdjust.input.parse({ plan: { days: [{ day: 3, kind: 'practice', skill: S3 }, { day: 4, kind: 'lesson', skill: S1 }] }, performance });
    const text = output ?? planAdjust.template(input, rng.fork(String(performance[0].correct)));
    const [o] = await db.insert(aiOutputs).values({
      task: 'plan_adjust', promptVersion: planAdjust.promptVersion, input, prompt: renderPrompt(planAdjust.prompt(input)), output: text,
      provider: 'template', latencyMs: 1, checks: [], passed: true, userId: u.id, createdAt: at(0),
    }).returning();
    if (stars !== null) await db.insert(feedbackRatings).values({ aiOutputId: o.id, userId: u.id, stars });
    return o.id;
  };
  const [v1] = await db.insert(studyPlans).values({ userId: u.id, version: 1, status: 'superseded', plan: { phases: [] }, createdAt: at(-5) }).returning();
  const [v2] = await db.insert(studyPlans).values({ userId: u.id, version: 2, plan: { phases: [] }, createdAt: at(1) }).returning();
  // Accepted after one day; what follows is counted from the decision on, for 7 days.
  const accepted = await adjust([{ skill: S1, correct: 3, total: 10 }, { skill: S2, correct: 9, total: 10 }], 5);
  await db.insert(planSuggestions).values({
    planId: v1.id, userId: u.id, trigger: 'skip', aiOutputId: accepted, status: 'accepted', appliedPlanId: v2.id, createdAt: at(0), resolvedAt: at(1),
    changes: { ops: [{ op: 'replace_day', day: 4, date: '2025-03-05', skill: S1, count: 10 }], source: 'ai_text', trigger: 'skip', performance: [] },
  });
  const act = (planId: string, day: number, target: string, action: 'completed' | 'skipped') =>
    db.insert(planActions).values({ planId, userId: u.id, taskId: `2025-03-0${Math.max(1, Math.min(9, day))}/practice/${target}`, action, createdAt: at(day) });
  await act(v1.id, 0.5, S1, 'skipped'); // before the decision: not counted
  await act(v2.id, 2, S1, 'completed');
  await act(v2.id, 3, `${S1}~2`, 'completed');
  await act(v2.id, 4, S2, 'skipped');
  await act(v2.id, 5, S2, 'completed');
  await act(v2.id, 9, S1, 'completed'); // after the window: not counted
  const hist = (skill: string, day: number, theta: number, mastery: number) => db.insert(proficiencyHistory).values({ userId: u.id, skill, theta, se: 0.3, mastery, createdAt: at(day) });
  await hist(S1, -2, -0.5, 0.2);
  await hist(S1, 0.9, -0.2, 0.3); // the last value before the decision
  await hist(S1, 3, 0.1, 0.5);
  await hist(S1, 6, 0.4, 0.6); // the last value in the window
  await hist(S1, 12, 1.5, 0.9);
  // Dismissed at once, unrated, nothing done after.
  const dismissed = await adjust([{ skill: S1, correct: 2, total: 10 }], null);
  await db.insert(planSuggestions).values({
    planId: v2.id, userId: u.id, trigger: 'test', aiOutputId: dismissed, status: 'dismissed', createdAt: at(20), resolvedAt: at(20),
    changes: { ops: [{ op: 'add_practice', day: 3, date: '2025-03-04', skill: S3, count: 10 }], source: 'rule', trigger: 'test', performance: [] },
  });
  // Rating policy, on outputs without a suggestion: 4 kept, 3 dropped, 2 negative, unrated failing its checks dropped.
  await adjust([{ skill: S1, correct: 4, total: 10 }], 4);
  await adjust([{ skill: S1, correct: 5, total: 10 }], 3);
  await adjust([{ skill: S1, correct: 6, total: 10 }], 2);
  await adjust([{ skill: S1, correct: 1, total: 10 }], null, 'Nice work overall, keep going with the plan as it is and you will be fine on test day, just relax and trust it.');
  res = await buildDataset(db, { name: 'outcomes', outDir: out, key: KEY, contentPairs: false, phase: 'real' });
});
after(async () => {
  await database.dispose();
  rmSync(out, { recursive: true, force: true });
});

test('a plan_adjust pair carries the decision, the actions after it and the change in ability', () => {
  const io = rows('io').filter((r) => r.task === 'plan_adjust');
  const withOutcome = io.filter((r) => r.outcome !== null).map((r) => ({ ...r, outcome: JSON.parse(r.outcome) }));
  assert.equal(withOutcome.length, 2, JSON.stringify(io.map((r) => r.outcome)));
  const acc = withOutcome.find((r) => r.outcome.decision === 'accepted')!;
  assert.deepEqual(acc.outcome, {
    decision: 'accepted', decidedAfterHours: 24, windowDays: 7,
    completed: 3, skipped: 1, completedOnSkill: 2, skippedOnSkill: 0,
    thetaChange: 0.6, masteryChange: 0.3,
  });
  assert.equal(acc.rating, 5);
  const dis = withOutcome.find((r) => r.outcome.decision === 'dismissed')!;
  assert.deepEqual(dis.outcome, {
    decision: 'dismissed', decidedAfterHours: 0, windowDays: 7, completed: 0, skipped: 0, completedOnSkill: 0, skippedOnSkill: 0, thetaChange: null, masteryChange: null,
  });
  assert.equal(dis.rating, null);
});

test('rating policy: ≥ 4 and unrated-but-passing are SFT, 3 is dropped, ≤ 2 is the negative side, failing checks are dropped', () => {
  const io = rows('io').filter((r) => r.task === 'plan_adjust');
  assert.deepEqual(io.map((r) => r.rating).sort(), [4, 5, null]);
  const kto = rows('kto');
  assert.equal(kto.filter((r) => r.label === false).length, 1);
  assert.equal(kto.filter((r) => r.label === true).length, 3);
  const m = res.manifest;
  assert.equal(m.drops['rating-policy']['rating-neutral'], 1);
  assert.equal(Object.entries(m.drops['rating-policy']).filter(([k]) => k.startsWith('check-failed:')).reduce((a, [, n]) => a + n, 0), 1);
  assert.equal(m.counts.negatives, 1);
});
