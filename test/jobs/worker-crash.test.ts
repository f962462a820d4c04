/**
 * Issue 15 acceptance 3, the dataset-build half: `satprep worker` processes are SIGKILLed in
 * the middle of a dataset build job; another worker is started; the job finishes, and the
 * registered dataset's files and manifest hash equal those of a clean run of the same job.
 *
 * Jobs table (no Redis): on the PostgreSQL of DATABASE_URL when set (orphans found by their
 * released advisory lock), else on a PGlite folder opened by one process at a time (orphans
 * found at the next worker's start). BullMQ (when REDIS_URL is set): orphans found by
 * BullMQ's stalled-job check once the dead worker's lock expires.
 *
 * The build is paced by JOB_TEST_DELAY_MS (a pause per 256 records read), so "the middle"
 * is reached deterministically: the kill comes after the worker reports 512 of about 1,300 records read.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import { schema } from '../../src/db/index.ts';
import { openJobs } from '../../src/jobs/index.ts';
import { getJob } from '../../src/jobs/store.ts';
import type { JobRow } from '../../src/jobs/types.ts';
import { recordsRead, setup, startWorker, until } from './worker-harness.ts';

const PARAMS = { name: 'crashy', seed: 'crash-seed', synth: ['pairs'], phase: 'auto' };

/** The registered dataset's identity: each file's path and sha256, the manifest's sha256, the card's bytes. */
function fingerprint(row: typeof schema.datasets.$inferSelect) {
  const manifest = row.manifest as { files: { path: string; sha256: string; rows: number }[]; manifestSha256: string };
  return {
    files: manifest.files.map((f) => `${f.path} ${f.sha256} ${f.rows}`).sort(),
    manifestSha256: manifest.manifestSha256,
    card: readFileSync(path.join(row.path, 'README.md'), 'utf8'),
  };
}

async function crashAndResume(backend: 'table' | 'bullmq') {
  const s = await setup(backend);
  const config = loadConfig(s.env);
  let db = await s.open();
  const jobs = await openJobs({ database: db, config, worker: false });
  const job = await jobs.queue.enqueue('dataset_build', PARAMS);
  await jobs.close();
  await s.close(db);

  // Worker A: paced, killed outright once it is well into the build.
  const a = startWorker({ ...s.env, JOB_TEST_DELAY_MS: '300' }, backend === 'bullmq' ? ['--lock-ms', '1500'] : []);
  await until('worker A to read 512 records', () => (recordsRead(a) >= 512 ? true : a.child.exitCode !== null ? Promise.reject(new Error(`worker A exited: ${JSON.stringify(a.lines.slice(-5))}`)) : undefined), 90_000, a);
  a.child.kill('SIGKILL');
  await a.exited;
  assert.ok(!a.lines.some((l) => l.msg === 'job succeeded'), 'killed before the end');
  const parent = path.join(s.dataDir, 'datasets', PARAMS.name);
  assert.ok(!existsSync(path.join(parent, 'v1')), 'no dataset folder under its final name');
  assert.ok(readdirSync(parent).some((f) => f.startsWith(`.tmp-${a.child.pid}-`)), 'the half-written build is in its temporary folder');
  if (process.env.DATABASE_URL) {
    // PostgreSQL lets us look while no worker runs: still "running", nothing registered.
    const mid = (await getJob(db.db, job.id))!;
    assert.equal(mid.status, 'running');
    assert.equal(mid.attempts, 1);
    assert.equal((await db.db.select().from(schema.datasets)).length, 0);
  }

  // Worker B: finds the orphan, runs it again from the start, exits when the queue is empty.
  const b = startWorker(s.env, ['--until-idle', ...(backend === 'bullmq' ? ['--lock-ms', '1500'] : [])]);
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([b.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 120_000)))]);
  clearTimeout(timer);
  if (code !== 0) {
    b.child.kill('SIGKILL');
    assert.fail(`worker B: ${code}; log: ${JSON.stringify(b.lines.slice(-10))}`);
  }

  db = await s.open();
  const done: JobRow = (await getJob(db.db, job.id))!;
  assert.equal(done.status, 'succeeded', `${done.status}: ${done.error}`);
  assert.equal(done.attempts, 2, 'the killed attempt and the one that finished');
  const rows = await db.db.select().from(schema.datasets).where(eq(schema.datasets.name, PARAMS.name));
  assert.deepEqual(rows.map((r) => r.id), [`${PARAMS.name}@v1`], 'registered once');
  assert.deepEqual(readdirSync(parent), ['v1'], 'the killed build\'s temporary folder was swept');
  assert.equal(done.result!.datasetId, `${PARAMS.name}@v1`);

  // A clean run of the same job, in this process, with nothing killed: same bytes.
  const clean = await openJobs({ database: db, config: loadConfig({ ...s.env, REDIS_URL: '' }), backend: 'local', worker: { pollMs: 100, cancelPollMs: 100 } });
  const again = await clean.queue.enqueue('dataset_build', PARAMS);
  const cleanDone = await until('the clean run', async () => {
    const j = (await getJob(db.db, again.id))!;
    return ['succeeded', 'failed'].includes(j.status) ? j : undefined;
  }, 90_000);
  await clean.close();
  assert.equal(cleanDone.status, 'succeeded', cleanDone.error ?? '');
  assert.equal(cleanDone.attempts, 1);
  const [crashed, fresh] = await Promise.all([`${PARAMS.name}@v1`, `${PARAMS.name}@v2`].map(async (id) => (await db.db.select().from(schema.datasets).where(eq(schema.datasets.id, id)))[0]));
  const fp = fingerprint(crashed);
  assert.ok(fp.files.length >= 4, 'several files written');
  assert.deepEqual(fp, fingerprint(fresh), 'the resumed job registered exactly what a clean run registers');
  await s.close(db);
  await s.dispose();
}

describe('worker crash mid-job (acceptance 3, dataset build)', () => {
  test(`jobs table on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'a PGlite folder'}: SIGKILL a worker mid-build, the next worker finishes it, same artifacts as a clean run`, { timeout: 300_000 }, () => crashAndResume('table'));
  test('BullMQ: the stalled job is taken over by the next worker, same artifacts as a clean run', { timeout: 300_000, skip: process.env.REDIS_URL ? false : 'REDIS_URL is not set' }, () => crashAndResume('bullmq'));
});
