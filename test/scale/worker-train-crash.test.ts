/**
 * Issue 15 acceptance 3, the training half (the dataset-build half is test/jobs/
 * worker-crash.test.ts): a `satprep worker` is SIGKILLed in the middle of a `model_train` job
 * (the `test` preset on 200 synthetic pairs, 30 steps, paced by JOB_TEST_DELAY_MS so "the
 * middle" is reached deterministically: after the step-12 checkpoint). A second worker takes
 * the stalled job over from BullMQ, resumes from the checkpoint and finishes; the registered
 * model's files hash exactly as those of a clean, never-killed run of the same parameters
 * (trained in this process), and it is registered once, only by the attempt that finished.
 * On the real PostgreSQL and Redis; skipped without DATABASE_URL and REDIS_URL.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { schema } from '../../src/db/index.ts';
import { openJobs } from '../../src/jobs/index.ts';
import { modelTrainKind, trainRunOptions } from '../../src/jobs/kinds/model-train.ts';
import { getJob } from '../../src/jobs/store.ts';
import { KEPT_FILES, modelVersion, SERVING_FILES } from '../../src/model/registry.ts';
import { trainFromFile } from '../../src/model/train-run.ts';
import { generatePairs, writeManifest, type SynthStats } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { Proc, scaleSkip, until } from './cluster.ts';

const skip = scaleSkip();
const PARAMS = { synth: 'pairs', preset: 'test', steps: 30, batchSize: 4, seed: 'train-crash', limit: 200 };
const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** The model's files that training decides (train.json also records paths and seconds). */
const fingerprint = (dir: string) => Object.fromEntries([...SERVING_FILES, 'heldout.jsonl'].map((f) => [f, sha(path.join(dir, f))]));

/** Steps reported by a worker's `job progress` log lines (debug level). */
const steps = (p: Proc) =>
  p.lines.flatMap((l) => {
    const m = /"msg":"job progress"/.test(l) ? /"note":"step (\d+)\/\d+/.exec(l) : null;
    return m ? [Number(m[1])] : [];
  });

describe('worker crash mid-training (acceptance 3, model_train)', { skip }, () => {
  test('SIGKILL the worker after a checkpoint; the next worker resumes and registers exactly what a clean run trains', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-train-crash-'));
    roots.push(dataDir);
    const stats: SynthStats = { requested: 300, written: 0, seed: 's', mix: {}, nearDupThreshold: 0.8, byTask: {}, failedChecks: {}, seconds: 0 };
    const lines = [...generatePairs(buildContext(buildBank({ perSkill: 2 }), loadLessons()), { pairs: 300, seed: 'train-crash-synth' }, stats)].map((p) => JSON.stringify(p));
    const pairs = path.join(dataDir, 'synth', 'pairs', 'pairs.jsonl');
    mkdirSync(path.dirname(pairs), { recursive: true });
    writeFileSync(pairs, `${lines.join('\n')}\n`);
    writeManifest(path.dirname(pairs), stats); // as a finished synth run leaves it

    const db = await createTestDatabase({ driver: 'postgres' });
    const env: Record<string, string> = {
      NODE_ENV: 'test', DATABASE_URL: db.url!, REDIS_URL: process.env.REDIS_URL!, DATA_DIR: dataDir, LOG_LEVEL: 'debug',
      JOB_QUEUE_PREFIX: `satprep-train-crash-${randomBytes(4).toString('hex')}`, PSEUDONYM_KEY: randomBytes(32).toString('hex'), SATPREP_MODEL_THREADS: '1',
    };
    const workers: Proc[] = [];
    try {
      const jobs = await openJobs({ database: db, config: loadConfig(env), worker: false });
      const job = await jobs.queue.enqueue('model_train', PARAMS);
      await jobs.close();
      const work = path.join(dataDir, 'models', 'lm-work', `job-${job.id}`);

      // Worker A: paced (300 ms a step), killed outright once the step-12 checkpoint is on disk.
      const a = new Proc('worker-A', ['worker', '--lock-ms', '2000'], { ...env, JOB_TEST_DELAY_MS: '300' });
      workers.push(a);
      a.spawn();
      await until('worker A past the step-12 checkpoint', () => {
        if (!a.alive) throw new Error(`worker A exited; ${a.tail()}`);
        return Math.max(0, ...steps(a)) >= 14 && existsSync(path.join(work, 'train-state.safetensors')) ? true : undefined;
      }, 120_000, () => a.tail());
      await a.kill();
      const killedAt = Math.max(...steps(a));
      assert.ok(killedAt < PARAMS.steps, `killed at step ${killedAt}, before the end`);
      const mid = (await getJob(db.db, job.id))!;
      assert.equal(mid.status, 'running');
      assert.equal(mid.attempts, 1);
      assert.equal((await db.db.select().from(schema.models)).length, 0, 'nothing registered by the killed attempt');
      assert.ok(!existsSync(path.join(dataDir, 'models', 'lm')) || readdirSync(path.join(dataDir, 'models', 'lm')).length === 0, 'no artifact folder');

      // Worker B: takes the stalled job over once A's 2 s lock expires, resumes, exits when idle.
      const b = new Proc('worker-B', ['worker', '--until-idle', '--lock-ms', '2000'], env);
      workers.push(b);
      b.spawn();
      const timer = setTimeout(() => b.child.kill('SIGKILL'), 180_000);
      const exit = await b.exited;
      clearTimeout(timer);
      assert.equal(exit.code, 0, `worker B: ${JSON.stringify(exit)}; ${b.tail(12)}`);

      const done = (await getJob(db.db, job.id))!;
      assert.equal(done.status, 'succeeded', `${done.status}: ${done.error}`);
      assert.equal(done.attempts, 2, 'the killed attempt and the one that finished');
      const resumedAt = Math.min(...steps(b));
      assert.ok(resumedAt > 1 && resumedAt <= killedAt + 1, `worker B resumed from a checkpoint (first step ${resumedAt}, A was killed at ${killedAt})`);
      const rows = await db.db.select().from(schema.models).where(eq(schema.models.kind, 'lm'));
      assert.equal(rows.length, 1, 'registered once');
      const [model] = rows;
      assert.equal(model.status, 'candidate');
      assert.equal(done.result!.modelId, model.id);
      assert.ok(!existsSync(work), 'the checkpoint folder is removed once the model is registered');
      for (const f of [...SERVING_FILES, ...KEPT_FILES]) assert.ok(existsSync(path.join(model.path, f)), `${f} registered`);

      // The clean reference: the same run, never killed, in this process.
      const clean = path.join(dataDir, 'clean');
      const ref = trainFromFile(trainRunOptions(modelTrainKind.params.parse(PARAMS), pairs, clean));
      assert.equal(modelVersion(clean), model.version, 'same version (hash of weights, config, tokenizer)');
      assert.deepEqual(fingerprint(model.path), fingerprint(clean), 'every file as a clean run writes it');
      assert.equal(done.result!.finalLoss, ref.meta.finalLoss, 'the same loss curve end');
      console.log(`# train crash: killed at step ${killedAt}/${PARAMS.steps}, resumed at ${resumedAt}; registered ${model.id}; clean run ${ref.meta.seconds.toFixed(1)} s`);
    } finally {
      await Promise.all(workers.map((w) => w.kill()));
      await db.dispose();
    }
  });
});
