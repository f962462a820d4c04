/**
 * Issue 12, acceptance 4 at test scale: the retraining schedule (a cron expression, quarterly by
 * default) fires under a fake clock and runs `retrain` end to end on a database with simulated
 * users who consented — dataset build → warm start from the active model → eval on the active
 * model's held-out set → promote if better — recorded as a `jobs` row with its figures.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { jobs, users } from '../../src/db/schema/index.ts';
import { nextRun, parseCron, scheduleCron, type CronClock } from '../../src/lib/cron.ts';
import { activeLm, getLm, registerLm, setActiveLm } from '../../src/model/registry.ts';
import { RETRAIN_JOB_KIND, startRetrainSchedule, type RetrainResult } from '../../src/model/retrain.ts';
import { trainFromFile } from '../../src/model/train-run.ts';
import { simulate } from '../../src/synth/simulate.ts';
import { writeSimulation } from '../../src/synth/simulate-db.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { smallBank } from '../synth/bank.ts';
import { synthPairsFile, TINY, tempDir } from './fixtures.ts';

const iso = (s: string) => new Date(s);

test('cron: fields, steps, ranges, lists, both day fields, UTC; the default is quarterly', () => {
  const q = parseCron(loadConfig({}).LM_RETRAIN_CRON);
  assert.equal(q.source, '0 3 1 */3 *');
  assert.deepEqual(nextRun(q, iso('2026-02-15T12:00:00Z')), iso('2026-04-01T03:00:00Z'));
  assert.deepEqual(nextRun(q, iso('2026-04-01T03:00:00Z')), iso('2026-07-01T03:00:00Z'), 'strictly after');
  assert.deepEqual(nextRun(q, iso('2026-11-20T00:00:00Z')), iso('2027-01-01T03:00:00Z'));
  assert.deepEqual(nextRun(parseCron('*/15 * * * *'), iso('2026-05-05T10:07:30Z')), iso('2026-05-05T10:15:00Z'));
  assert.deepEqual(nextRun(parseCron('30 9 * * 1-5'), iso('2026-05-08T10:00:00Z')), iso('2026-05-11T09:30:00Z'), 'Friday after 9:30 → Monday');
  assert.deepEqual(nextRun(parseCron('0 0 13 * 5'), iso('2026-02-01T00:00:00Z')), iso('2026-02-06T00:00:00Z'), 'day of month OR day of week');
  assert.deepEqual(nextRun(parseCron('0 12 * * 7'), iso('2026-05-04T00:00:00Z')), iso('2026-05-10T12:00:00Z'), '7 is Sunday');
  assert.deepEqual(nextRun(parseCron('5,10-12/2 0 1 1 *'), iso('2026-01-01T00:06:00Z')), iso('2026-01-01T00:10:00Z'));
  for (const bad of ['* * * *', '60 * * * *', '* * 0 * *', '*/0 * * * *', 'a * * * *']) assert.throws(() => parseCron(bad), /cron/, bad);
  assert.throws(() => nextRun(parseCron('0 0 30 2 *'), iso('2026-01-01T00:00:00Z')), /never matches/);
  assert.throws(() => loadConfig({ LM_RETRAIN_CRON: '0 3 1' }), ConfigError);
  assert.equal(loadConfig({ LM_RETRAIN_CRON: 'off' }).LM_RETRAIN_CRON, 'off');
});

/** Time moves only when the test says; due timers run in order, each at its own instant. */
function fakeClock(start: string): CronClock & { advanceTo(t: string): void; pending(): number } {
  let now = Date.parse(start);
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn, ms) => { timers.set(++seq, { at: now + ms, fn }); return seq; },
    clearTimeout: (h) => { timers.delete(h as number); },
    pending: () => timers.size,
    advanceTo(t) {
      const end = Date.parse(t);
      for (;;) {
        const [id, next] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (!next || next.at > end) break;
        timers.delete(id!);
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

test('scheduleCron fires at each matching instant of a fake clock, one run at a time, and stops', async () => {
  const clock = fakeClock('2026-01-01T00:00:00Z');
  const fired: string[] = [];
  let release: () => void = () => {};
  const s = scheduleCron(parseCron('0 * * * *'), async (at) => { fired.push(at.toISOString()); await new Promise<void>((r) => { release = r; }); }, { clock });
  assert.deepEqual(s.next(), iso('2026-01-01T01:00:00Z'));
  clock.advanceTo('2026-01-01T00:59:00Z');
  assert.deepEqual(fired, []);
  clock.advanceTo('2026-01-01T03:30:00Z'); // the 01:00 run is still going at 02:00 and 03:00
  assert.deepEqual(fired, ['2026-01-01T01:00:00.000Z']);
  assert.equal(s.next(), null, 'nothing else is due while a run is going');
  release();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(s.next(), iso('2026-01-01T04:00:00Z'), 'missed instants are skipped, not queued');
  clock.advanceTo('2026-01-01T04:00:00Z');
  assert.equal(fired.length, 2);
  release();
  await new Promise((r) => setImmediate(r));
  s.stop();
  assert.equal(clock.pending(), 0);
});

const tmp = tempDir('lm-retrain-');
let database: TestDatabase;
after(async () => {
  await database?.dispose();
  tmp.remove();
});

before(async () => {
  database = await createTestDatabase();
});

test('the quarterly schedule runs retrain end to end on simulated users, recorded as a job with its figures', async () => {
  const db = database.db;
  const items = smallBank(4);
  await writeSimulation(db, simulate({ students: 12, days: 6, seed: 'retrain', items }), items);
  await db.update(users).set({ trainingConsent: true, consentGivenAt: new Date() }); // the simulated students consented

  // The model in service: trained on synthetic pairs, with the held-out set the retrained one is judged on.
  const synthDir = path.join(tmp.dir, 'synth');
  const data = synthPairsFile(synthDir, 120, 'retrain-base');
  const base = trainFromFile({ data, outDir: path.join(tmp.dir, 'base'), preset: 'test', model: TINY, seed: 'base', valFraction: 0.2, train: { maxSteps: 10, batchSize: 4, seqLen: 256, lr: 5e-3 } });
  const active = (await registerLm(db, { dir: base.dir, root: path.join(tmp.dir, 'data', 'models', 'lm'), train: base.meta })).row;
  await setActiveLm(db, active.version);

  const clock = fakeClock('2026-03-31T12:00:00Z');
  let done: (r: { jobId: string; result: RetrainResult }) => void = () => {};
  const finished = new Promise<{ jobId: string; result: RetrainResult }>((r) => { done = r; });
  const errors: unknown[] = [];
  const schedule = startRetrainSchedule(db, { LM_RETRAIN_CRON: loadConfig({}).LM_RETRAIN_CRON, DATA_DIR: path.join(tmp.dir, 'data'), PSEUDONYM_KEY: 'k'.repeat(32) }, {
    clock,
    options: { includeSimulated: true, synthDirs: [synthDir], train: { batchSize: 4, seqLen: 256, lr: 2e-3 }, eval: { n: 12, pplN: 30, maxTokens: 12, seed: 'retrain' } },
    onDone: (r) => done(r),
    onError: (e) => errors.push(e),
  })!;
  assert.deepEqual(schedule.next(), iso('2026-04-01T03:00:00Z'));
  clock.advanceTo('2026-04-01T02:59:00Z');
  assert.equal((await db.select().from(jobs)).length, 0, 'not yet');
  clock.advanceTo('2026-04-01T03:00:00Z');
  const { jobId, result } = await finished;
  await new Promise((r) => setImmediate(r));
  schedule.stop();
  assert.deepEqual(errors, []);

  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  assert.deepEqual([job.kind, job.status, job.progress, job.error], [RETRAIN_JOB_KIND, 'succeeded', 1, null]);
  assert.deepEqual(job.params, { schedule: '0 3 1 */3 *', at: '2026-04-01T03:00:00.000Z' });
  assert.deepEqual(job.result, JSON.parse(JSON.stringify(result)));
  console.log(`retrain: ${result.dataset.id} ${JSON.stringify(result.dataset.bySplit)}; ${result.candidate.id} ${result.candidate.steps} steps from ${result.warmStart}, loss ${result.candidate.finalLoss?.toFixed(3)}; ${result.promoted ? 'promoted' : 'refused'}: ${result.reasons.join(' / ')}`);

  assert.ok(result.dataset.trainPairs > 50);
  assert.equal(result.warmStart, active.id);
  const candidate = await getLm(db, result.candidate.id);
  assert.equal(candidate.datasetId, result.dataset.id);
  assert.ok(result.candidate.steps >= 1);
  assert.equal(result.evals.candidate!.key, result.evals.previous!.key, 'judged on the same held-out inputs');
  assert.equal(result.evals.candidate!.evalFile, path.join(active.path, 'heldout.jsonl'));
  assert.equal((await activeLm(db))!.id, result.active);
  assert.equal(candidate.status, result.promoted ? 'active' : 'candidate');
  assert.deepEqual(schedule.next(), iso('2026-07-01T03:00:00Z'), 'the next quarter');
});
