/**
 * Issue 12, acceptance 3 (promotion): the registry keeps trained models as candidates; a
 * candidate trained for a few steps is refused against the active model on the same held-out
 * evaluation, with the reasons; one warm-started from the active model and trained further is
 * promoted, and the previous one retired. The criteria themselves are checked as a pure function.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EVAL_DEFAULTS, evalKey } from '../../src/model/eval/run.ts';
import type { EvalSummary } from '../../src/model/eval/summary.ts';
import { DEFAULT_CRITERIA, judge, promoteIfBetter } from '../../src/model/promote.ts';
import { activeLm, getLm, listLm, metricsOf, registerLm } from '../../src/model/registry.ts';
import { trainFromFile, type TrainRunOptions } from '../../src/model/train-run.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { synthPairsFile, TINY, tempDir } from './fixtures.ts';

const tmp = tempDir('lm-promote-');
let database: TestDatabase;
let base: Omit<TrainRunOptions, 'outDir'>;
const root = () => path.join(tmp.dir, 'models', 'lm');
const evalOpts = { n: 16, pplN: 40, reviewN: 10, maxTokens: 16, seed: 'promote' };
let activeEvalAt = '';

before(async () => {
  database = await createTestDatabase();
  const data = synthPairsFile(tmp.dir, 200, 'promote');
  // One seed for all three runs: the same split, so every candidate's heldout.jsonl is the same set.
  base = { data, preset: 'test', model: TINY, seed: 'promote', valFraction: 0.2, train: { maxSteps: 25, batchSize: 4, seqLen: 256, lr: 5e-3, evalEvery: 25 } };
});
after(async () => {
  await database?.dispose();
  tmp.remove();
});

async function trainAndRegister(name: string, opts: Partial<TrainRunOptions> = {}) {
  const r = trainFromFile({ ...base, ...opts, outDir: path.join(tmp.dir, 'work', name) });
  return (await registerLm(database.db, { dir: r.dir, root: root(), train: r.meta })).row;
}

test('registry: a trained model registers once as a candidate, with its files in the artifact folder', async () => {
  const a = await trainAndRegister('first');
  assert.equal(a.status, 'candidate');
  assert.equal(a.id, `lm@${a.version}`);
  assert.equal(a.path, path.join(root(), a.version));
  for (const f of ['model.safetensors', 'config.json', 'tokenizer.json', 'heldout.jsonl', 'train.json']) assert.ok(existsSync(path.join(a.path, f)), f);
  const again = await registerLm(database.db, { dir: path.join(tmp.dir, 'work', 'first'), root: root() });
  assert.equal(again.created, false, 'same weights, same version');
  assert.equal(metricsOf(a).train?.steps, 25);

  const r = await promoteIfBetter(database.db, a.version, { eval: evalOpts });
  assert.equal(r.promoted, true);
  assert.deepEqual(r.reasons, ['no language model was active']);
  assert.equal((await activeLm(database.db))?.id, a.id);
});

test('a candidate trained for a few steps is refused, says why, and stays a candidate', async () => {
  const active = (await activeLm(database.db))!;
  const weak = await trainAndRegister('weak', { train: { ...base.train, maxSteps: 2 } });
  const r = await promoteIfBetter(database.db, weak.version, { eval: evalOpts });
  activeEvalAt = r.activeEval!.at;
  assert.equal(r.promoted, false);
  assert.ok(r.reasons.some((x) => /^FAIL: perplexity per byte [\d.]+ vs active [\d.]+ \(must be lower\)/.test(x)), r.reasons.join('\n'));
  assert.equal(r.candidateEval!.key, r.activeEval!.key, 'both measured on the same evaluation');
  assert.ok(r.candidateEval!.bytePerplexity! > r.activeEval!.bytePerplexity!);
  assert.equal((await getLm(database.db, weak.version)).status, 'candidate');
  assert.equal((await activeLm(database.db))?.id, active.id);
  // Both evaluations are kept in the registry and their reports on disk.
  assert.ok(metricsOf(await getLm(database.db, active.version)).evals?.[r.activeEval!.key]);
  assert.ok(existsSync(path.join(r.candidateEval!.reportDir, 'report.json')));
});

test('a candidate warm-started from the active model and trained further is promoted; the old one is retired', async () => {
  const before = (await activeLm(database.db))!;
  const better = await trainAndRegister('better', { warmStart: before.path });
  assert.equal(metricsOf(better).train?.warmStart, before.path);
  const r = await promoteIfBetter(database.db, better.version, { eval: evalOpts });
  assert.equal(r.promoted, true, r.reasons.join('\n'));
  assert.equal(r.activeEval!.at, activeEvalAt, 'the active model\'s stored evaluation on this set is reused, not rerun');
  assert.ok(r.reasons.every((x) => x.startsWith('ok: ')), r.reasons.join('\n'));
  assert.ok(r.candidateEval!.bytePerplexity! < r.activeEval!.bytePerplexity!);
  assert.equal((await activeLm(database.db))?.id, better.id);
  const statuses = Object.fromEntries((await listLm(database.db)).map((m) => [m.id, m.status]));
  assert.equal(statuses[before.id], 'retired');
  assert.equal(Object.values(statuses).filter((s) => s === 'active').length, 1);
  const again = await promoteIfBetter(database.db, better.version, { eval: evalOpts });
  assert.deepEqual([again.promoted, again.reasons], [false, [`${better.id} is already the active model`]]);
});

const summary = (over: Partial<EvalSummary>): EvalSummary => ({
  key: 'k', at: '', evalFile: '', evalSha256: '', generated: 10, perplexity: 5, bytePerplexity: 1.5, passRate: 0.9, servableRate: 1,
  byTask: { feedback: { n: 5, passRate: 1 }, explain: { n: 5, passRate: 0.8 } }, bleu: 30, rougeL: 0.5, reportDir: '', ...over,
});

test('criteria: pass rate not lower, perplexity per byte lower, optional per-task floor and required gain', () => {
  const active = summary({});
  assert.equal(judge(summary({ bytePerplexity: 1.4 }), active).promote, true);
  assert.equal(judge(summary({ bytePerplexity: 1.5 }), active).promote, false, 'equal is not lower');
  assert.equal(judge(summary({ bytePerplexity: 1.4, passRate: 0.89 }), active).promote, false);
  assert.equal(judge(summary({ bytePerplexity: 1.4, passRate: 0.89 }), active, { ...DEFAULT_CRITERIA, maxPassRateDrop: 0.02 }).promote, true);
  const taskDrop = summary({ bytePerplexity: 1.4, byTask: { feedback: { n: 5, passRate: 0.6 }, explain: { n: 5, passRate: 1 } } });
  assert.equal(judge(taskDrop, active).promote, true, 'overall only by default');
  const v = judge(taskDrop, active, { ...DEFAULT_CRITERIA, maxTaskPassRateDrop: 0.1 });
  assert.equal(v.promote, false);
  assert.ok(v.reasons.includes('FAIL: feedback pass rate 0.6000 vs active 1.0000 (must be ≥ 0.9000)'), v.reasons.join('\n'));
  assert.equal(judge(summary({ bytePerplexity: 1.45 }), active, { ...DEFAULT_CRITERIA, minPerplexityGain: 0.05 }).promote, false);
  assert.equal(judge(summary({ bytePerplexity: 1.42 }), active, { ...DEFAULT_CRITERIA, minPerplexityGain: 0.05 }).promote, true);
  assert.throws(() => judge(summary({ key: 'other' }), active), /not the same evaluation/);
  // Options left unset (as the CLI passes them) name the same evaluation as the defaults.
  const set = { sha256: 'f'.repeat(64) };
  assert.equal(evalKey(set, { n: 16, pplN: undefined, seed: undefined, maxTokens: undefined }), evalKey(set, { n: 16 }));
  assert.equal(evalKey(set, {}), evalKey(set, { ...EVAL_DEFAULTS }));
  assert.notEqual(evalKey(set, { n: 16 }), evalKey(set, { n: 17 }));
});
