/**
 * Issue 15, the job queue: one contract run against the table queue (always) and BullMQ
 * (when REDIS_URL is set) — progress on the row, retries with exponential back-off, final
 * and permanent failures, cooperative cancellation (queued and running) with nothing
 * registered, a worker shutting down mid-job handing the job back, and parameters checked
 * at enqueue. Plus the table queue's recovery of jobs whose worker died.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { loadConfig, type Config } from '../../src/config.ts';
import { schema } from '../../src/db/index.ts';
import { openJobs, type Jobs } from '../../src/jobs/index.ts';
import { getJob } from '../../src/jobs/store.ts';
import { defineKind, PermanentJobError, type JobRegistry, type JobRow } from '../../src/jobs/types.ts';
import { AppError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-jobs-'));
const artifacts = path.join(dataDir, 'artifacts');
/** Per job id: attempts seen by the `flaky` kind, and when each started. */
const starts = new Map<string, number[]>();
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => (clearTimeout(t), reject(signal!.reason));
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Test kinds: each writes its artifact in scratch and renames it into `artifacts` in commit. */
const registry: JobRegistry = {
  echo: defineKind({
    description: 'returns its input',
    params: z.object({ word: z.string().max(20) }),
    maxAttempts: 1,
    backoffMs: 10,
    async run(ctx, p) {
      ctx.progress(0.5, 'half');
      await sleep(700); // past the progress throttle, so the half-way write lands before the end
      const file = path.join(ctx.scratch, 'out.txt');
      writeFileSync(file, p.word);
      return { result: { word: p.word }, commit: async () => renameSync(file, path.join(artifacts, `${ctx.jobId}.txt`)) };
    },
  }),
  flaky: defineKind({
    description: 'fails until its third attempt',
    params: z.object({}),
    maxAttempts: 3,
    backoffMs: 150,
    async run(ctx) {
      const seen = starts.get(ctx.jobId) ?? [];
      seen.push(Date.now());
      starts.set(ctx.jobId, seen);
      if (ctx.attempt < 3) throw new Error(`boom ${ctx.attempt}`);
      return { result: { attempt: ctx.attempt } };
    },
  }),
  patient: defineKind({
    description: 'fails its first attempt, then waits a long back-off',
    params: z.object({}),
    maxAttempts: 2,
    backoffMs: 2000,
    async run(ctx) {
      if (ctx.attempt === 1) throw new Error('first try fails');
      return { result: { attempt: ctx.attempt } };
    },
  }),
  doomed: defineKind({ description: 'always fails', params: z.object({}), maxAttempts: 2, backoffMs: 20, async run() { throw new Error('no luck'); } }),
  broken: defineKind({ description: 'fails for good', params: z.object({}), maxAttempts: 5, backoffMs: 20, async run() { throw new PermanentJobError('bad input'); } }),
  slow: defineKind({
    description: 'runs until aborted, checking its signal',
    params: z.object({ ms: z.number().int().max(60_000) }),
    maxAttempts: 3,
    backoffMs: 20,
    async run(ctx, p) {
      const file = path.join(ctx.scratch, 'partial.txt');
      writeFileSync(file, 'half-written');
      for (let t = 0; t < p.ms; t += 50) {
        ctx.progress(t / p.ms, `${t} ms`);
        await sleep(50, ctx.signal);
      }
      return { result: { done: true }, commit: async () => renameSync(file, path.join(artifacts, `${ctx.jobId}.txt`)) };
    },
  }),
};

async function waitFor(db: TestDatabase, id: string, ok: (j: JobRow) => boolean, timeoutMs = 15_000): Promise<JobRow> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const j = (await getJob(db.db, id))!;
    if (ok(j)) return j;
    if (Date.now() > until) throw new Error(`job ${id} still ${j.status} (${j.message ?? ''}; ${j.error ?? ''})`);
    await sleep(25);
  }
}
const finished = (j: JobRow) => ['succeeded', 'failed', 'cancelled'].includes(j.status);

function queueContract(name: string, backend: 'local' | 'bullmq', skip: string | false) {
  describe(`job queue contract: ${name}`, { skip }, () => {
    let database: TestDatabase;
    let config: Config;
    let jobs: Jobs;
    const prefix = `satprep-test-${randomBytes(4).toString('hex')}`;
    const open = (worker = true) =>
      openJobs({ database, config, registry, prefix, backend: backend === 'local' ? 'local' : 'auto', worker: worker ? { cancelPollMs: 50, pollMs: 100, lockMs: 5000 } : false });

    before(async () => {
      database = await createTestDatabase();
      config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...(backend === 'bullmq' ? { REDIS_URL: process.env.REDIS_URL! } : {}) });
      mkdirSync(artifacts, { recursive: true });
      jobs = await open();
    });
    after(async () => {
      await jobs.close(1000);
      await database.dispose();
    });

    test('a job runs: progress on the row while it runs, then succeeded with its result and artifact, scratch removed', async () => {
      const row = await jobs.queue.enqueue('echo', { word: 'hello' }, { requestedBy: null });
      assert.equal(row.status, 'queued');
      const mid = await waitFor(database, row.id, (j) => j.progress === 0.5 || finished(j));
      assert.equal(mid.status, 'running');
      assert.equal(mid.message, 'half');
      const done = await waitFor(database, row.id, finished);
      assert.equal(done.status, 'succeeded', done.error ?? '');
      assert.deepEqual(done.result, { word: 'hello' });
      assert.equal(done.progress, 1);
      assert.equal(done.attempts, 1);
      assert.ok(existsSync(path.join(artifacts, `${row.id}.txt`)));
      assert.ok(!existsSync(path.join(dataDir, 'jobs', row.id)), 'scratch folder removed');
    });

    test('parameters are checked at enqueue: unknown kind and bad parameters are 400s and insert nothing', async () => {
      const before = (await database.db.select().from(schema.jobs)).length;
      await assert.rejects(jobs.queue.enqueue('nope', {}), (e: AppError) => e instanceof AppError && e.status === 400);
      await assert.rejects(jobs.queue.enqueue('echo', { word: 42 }), (e: AppError) => e instanceof AppError && e.status === 400);
      await assert.rejects(jobs.queue.enqueue('echo', { word: 'x'.repeat(21) }), (e: AppError) => e instanceof AppError && e.status === 400);
      assert.equal((await database.db.select().from(schema.jobs)).length, before);
    });

    test('a failing attempt is retried after an exponential back-off and the job succeeds on its third attempt', async () => {
      const row = await jobs.queue.enqueue('flaky', {});
      const done = await waitFor(database, row.id, finished);
      assert.equal(done.status, 'succeeded', done.error ?? '');
      assert.equal(done.attempts, 3);
      assert.deepEqual(done.result, { attempt: 3 });
      const t = starts.get(row.id)!;
      assert.equal(t.length, 3);
      assert.ok(t[1] - t[0] >= 140, `first retry waited ${t[1] - t[0]} ms (≥ 150)`);
      assert.ok(t[2] - t[1] >= 290, `second retry waited ${t[2] - t[1]} ms (≥ 300: doubled)`);
    });

    test('a job failing every attempt fails after maxAttempts with the error; a permanent error is not retried', async () => {
      const doomed = await waitFor(database, (await jobs.queue.enqueue('doomed', {})).id, finished);
      assert.equal(doomed.status, 'failed');
      assert.equal(doomed.attempts, 2);
      assert.match(doomed.error ?? '', /no luck/);
      const broken = await waitFor(database, (await jobs.queue.enqueue('broken', {})).id, finished);
      assert.equal(broken.status, 'failed');
      assert.equal(broken.attempts, 1);
      assert.match(broken.error ?? '', /bad input/);
    });

    test('cancelling a running job aborts it: cancelled, nothing registered, and a second cancel is a 409', async () => {
      const row = await jobs.queue.enqueue('slow', { ms: 20_000 });
      await waitFor(database, row.id, (j) => j.status === 'running' && j.progress > 0);
      const cancelled = await jobs.queue.cancel(row.id);
      assert.equal(cancelled.status, 'cancelled');
      await sleep(400); // the worker sees it within a poll and stops
      const j = (await getJob(database.db, row.id))!;
      assert.equal(j.status, 'cancelled');
      assert.equal(j.result, null);
      assert.ok(!existsSync(path.join(artifacts, `${row.id}.txt`)), 'no artifact registered');
      assert.ok(!existsSync(path.join(dataDir, 'jobs', row.id)), 'scratch removed');
      assert.equal(jobs.worker!.busy, 0);
      await assert.rejects(jobs.queue.cancel(row.id), (e: AppError) => e.status === 409);
    });

    test('a cancelled queued job never starts', async () => {
      await jobs.worker!.close(5000); // nobody takes it meanwhile
      const row = await jobs.queue.enqueue('echo', { word: 'never' });
      await jobs.queue.cancel(row.id);
      await jobs.queue.close();
      jobs = await open();
      await sleep(600);
      const j = (await getJob(database.db, row.id))!;
      assert.equal(j.status, 'cancelled');
      assert.equal(j.attempts, 0);
      assert.ok(!existsSync(path.join(artifacts, `${row.id}.txt`)));
    });

    test('a worker shut down while a job waits out its back-off does not wait: the job is queued, and the next worker runs the retry', async () => {
      const row = await jobs.queue.enqueue('patient', {});
      await waitFor(database, row.id, (j) => /first try fails/.test(j.error ?? ''));
      const t0 = Date.now();
      await jobs.close(10_000);
      assert.ok(Date.now() - t0 < 1500, `closed in ${Date.now() - t0} ms, not after the 2 s back-off`);
      const waiting = (await getJob(database.db, row.id))!;
      assert.equal(waiting.status, 'queued');
      assert.equal(waiting.attempts, 1, 'the failed attempt stays counted');
      jobs = await open();
      const done = await waitFor(database, row.id, finished);
      assert.equal(done.status, 'succeeded', done.error ?? '');
      assert.equal(done.attempts, 2);
    });

    test('a worker shut down mid-job hands the job back; the next worker runs it to the end', async () => {
      const row = await jobs.queue.enqueue('slow', { ms: 1500 });
      await waitFor(database, row.id, (j) => j.status === 'running' && j.progress > 0);
      await jobs.close(100); // too short to finish: requeued
      const handed = (await getJob(database.db, row.id))!;
      assert.equal(handed.status, 'queued', `${handed.status}: ${handed.message}`);
      assert.equal(handed.attempts, 0, 'the interrupted attempt is given back');
      assert.ok(!existsSync(path.join(artifacts, `${row.id}.txt`)));
      jobs = await open();
      const done = await waitFor(database, row.id, finished);
      assert.equal(done.status, 'succeeded', done.error ?? '');
      assert.equal(done.attempts, 1);
      assert.ok(existsSync(path.join(artifacts, `${row.id}.txt`)));
    });
  });
}

queueContract('jobs table', 'local', false);
queueContract('BullMQ', 'bullmq', process.env.REDIS_URL ? false : 'REDIS_URL is not set');

describe('jobs table: recovery of jobs whose worker died', () => {
  let database: TestDatabase;
  let config: Config;
  before(async () => {
    database = await createTestDatabase();
    config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
  });
  after(() => database.dispose());

  test('a running row with no live worker goes back to the queue and finishes; one out of attempts fails', async () => {
    // As a worker killed mid-job leaves them: running, an attempt counted, no lease held.
    const [orphan] = await database.db.insert(schema.jobs).values({ kind: 'echo', params: { word: 'again' }, status: 'running', attempts: 1, startedAt: new Date() }).returning();
    const [spent] = await database.db.insert(schema.jobs).values({ kind: 'echo', params: { word: 'spent' }, status: 'running', attempts: 1, startedAt: new Date() }).returning();
    // `echo` allows one attempt: the orphan's retry is its second, so it gives up. A kind with attempts left finishes.
    const roomy = { ...registry, echo: { ...registry.echo, maxAttempts: 3 } };
    await database.db.update(schema.jobs).set({ attempts: 3 }).where(eq(schema.jobs.id, spent.id));
    const jobs = await openJobs({ database, config, registry: roomy, backend: 'local', worker: { cancelPollMs: 50, pollMs: 100, recoverEveryMs: 200 } });
    try {
      const done = await waitFor(database, orphan.id, finished);
      assert.equal(done.status, 'succeeded', done.error ?? '');
      assert.equal(done.attempts, 2);
      assert.deepEqual(done.result, { word: 'again' });
      const gaveUp = await waitFor(database, spent.id, finished);
      assert.equal(gaveUp.status, 'failed');
      assert.match(gaveUp.error ?? '', /gave up after 3 attempts/);
    } finally {
      await jobs.close(1000);
    }
  });
});

after(() => rmSync(dataDir, { recursive: true, force: true }));
