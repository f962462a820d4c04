/**
 * `satprep worker` shutting down gracefully (issue 15): on SIGTERM it stops taking jobs and
 * either lets the running job finish (within SHUTDOWN_TIMEOUT_MS) or hands it back to the
 * queue, registering nothing; either way it exits 0. On the jobs table of DATABASE_URL, or
 * of a PGlite folder; a paced dataset build is the job.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import { schema } from '../../src/db/index.ts';
import { openJobs } from '../../src/jobs/index.ts';
import { getJob } from '../../src/jobs/store.ts';
import { recordsRead, setup, startWorker, until, type Worker } from '../jobs/worker-harness.ts';

const PARAMS = { name: 'graceful', seed: 'g', synth: ['pairs'] };

async function stopMidJob(w: Worker): Promise<number | null> {
  await until('the worker to be mid-build', () => (recordsRead(w) >= 256 ? true : w.child.exitCode !== null ? Promise.reject(new Error(JSON.stringify(w.lines.slice(-5)))) : undefined), 90_000, w);
  w.child.kill('SIGTERM');
  return w.exited;
}

test('SIGTERM mid-job: past the grace period the job goes back to the queue; with time enough it finishes; exit 0 both times', { timeout: 300_000 }, async () => {
  const s = await setup('table');
  let db = await s.open();
  const jobs = await openJobs({ database: db, config: loadConfig(s.env), worker: false });
  const job = await jobs.queue.enqueue('dataset_build', PARAMS);
  await s.close(db);

  const hurried = startWorker({ ...s.env, JOB_TEST_DELAY_MS: '300', SHUTDOWN_TIMEOUT_MS: '200' }, []);
  assert.equal(await stopMidJob(hurried), 0, JSON.stringify(hurried.lines.slice(-5)));
  assert.ok(hurried.lines.some((l) => l.msg === 'worker stopped'));
  db = await s.open();
  const handed = (await getJob(db.db, job.id))!;
  assert.equal(handed.status, 'queued', `${handed.status}: ${handed.message} ${handed.error}`);
  assert.equal(handed.attempts, 0, 'the interrupted attempt is given back');
  assert.match(handed.message ?? '', /requeued: the worker shut down/);
  assert.equal((await db.db.select().from(schema.datasets)).length, 0, 'nothing registered');
  assert.ok(!existsSync(path.join(s.dataDir, 'datasets', PARAMS.name, 'v1')));
  await s.close(db);

  const patient = startWorker({ ...s.env, JOB_TEST_DELAY_MS: '300', SHUTDOWN_TIMEOUT_MS: '120000' }, []);
  assert.equal(await stopMidJob(patient), 0, JSON.stringify(patient.lines.slice(-5)));
  assert.ok(patient.lines.some((l) => l.msg === 'job succeeded'), 'finished before exiting');
  db = await s.open();
  const done = (await getJob(db.db, job.id))!;
  assert.equal(done.status, 'succeeded', done.error ?? '');
  assert.equal(done.attempts, 1);
  assert.equal((await db.db.select().from(schema.datasets).where(eq(schema.datasets.name, PARAMS.name))).length, 1);
  await s.close(db);
  await jobs.close();
  await s.dispose();
});
