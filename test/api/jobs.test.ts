/**
 * Issue 15, jobs through the API as the admin UI uses them: POST /admin/jobs enqueues a
 * kind with its parameters (each kind's schema: a bad body is a 400 and inserts nothing),
 * GET /jobs/:id shows status, progress, attempts and result, GET /jobs lists and pages,
 * POST /jobs/:id/cancel stops a job. The artifacts of a finished job are registered:
 * a dataset in `datasets`, a SEL model set in `models`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, type TestApp, type TestUser } from '../helpers/app.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-api-jobs-'));
let t: TestApp;
let admin: TestUser;

before(async () => {
  t = await createTestApp({ DATA_DIR: dataDir, PSEUDONYM_KEY: 'p'.repeat(40) });
  const user = await createUser(t.database.db, { email: 'ops@example.test', password: 'an admin passphrase', displayName: 'Ops', role: 'admin' }, { scryptCost: 1024 });
  const signin = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: 'ops@example.test', password: 'an admin passphrase' } });
  admin = { id: user.id, token: signin.json().accessToken } as TestUser;
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = () => as(t.app, admin);
type Job = { id: string; kind: string; status: string; progress: number; attempts: number; result: Record<string, unknown> | null; error: string | null; params: Record<string, unknown> };

async function settle(id: string, timeoutMs = 60_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api()({ method: 'GET', url: `/jobs/${id}` });
    assert.equal(r.statusCode, 200, r.body);
    const job = r.json() as Job;
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

test('an admin builds a dataset as a job: 202, then succeeded with the registered dataset and its files', async () => {
  const r = await api()({ method: 'POST', url: '/admin/jobs', payload: { kind: 'dataset_build', params: { name: 'api-built', seed: 'api' } } });
  assert.equal(r.statusCode, 202, r.body);
  const { jobId, poll } = r.json() as { jobId: string; poll: string };
  assert.equal(poll, `/jobs/${jobId}`);
  const job = await settle(jobId);
  assert.equal(job.status, 'succeeded', job.error ?? '');
  assert.equal(job.kind, 'dataset_build');
  assert.equal(job.progress, 1);
  assert.equal(job.attempts, 1);
  assert.equal(job.params.requestedBy, admin.id);
  assert.equal(job.params.name, 'api-built');
  assert.equal(job.params.phase, 'auto', 'defaults filled in and stored');
  const [ds] = await t.database.db.select().from(schema.datasets).where(eq(schema.datasets.id, String(job.result!.datasetId)));
  assert.ok(ds, 'registered in datasets');
  assert.equal(ds.path, job.result!.path);
  assert.ok(existsSync(path.join(ds.path, 'manifest.json')));
  assert.ok(ds.path.startsWith(path.resolve(dataDir, 'datasets')), 'inside DATA_DIR/datasets');
  assert.ok(Number(job.result!.pairs) > 0);
});

test('an admin trains the SEL models as a job: the set is registered in models and the scratch folder is gone', async () => {
  const r = await api()({ method: 'POST', url: '/admin/jobs', payload: { kind: 'sel_pipeline', params: { count: 168, folds: 0, seed: 'api-sel' } } });
  assert.equal(r.statusCode, 202, r.body);
  const job = await settle(r.json().jobId);
  assert.equal(job.status, 'succeeded', job.error ?? '');
  const [model] = await t.database.db.select().from(schema.models).where(eq(schema.models.id, String(job.result!.modelId)));
  assert.equal(model.kind, 'sel');
  assert.ok(existsSync(path.join(model.path, 'manifest.json')));
  assert.equal(JSON.parse(readFileSync(path.join(model.path, 'manifest.json'), 'utf8')).trainedRows, 168);
  assert.ok(!existsSync(path.join(dataDir, 'jobs', job.id)));
});

test('bad job bodies from an admin are 400s with the error contract, and no job row is written', async () => {
  const count = async () => (await t.database.db.select().from(schema.jobs)).length;
  const before = await count();
  const bodies: unknown[] = [
    {},
    { kind: 'training' },
    { kind: 'dataset_build' },
    { kind: 'dataset_build', params: { name: '../../etc' } },
    { kind: 'dataset_build', params: { name: 'ok', synth: ['../secrets'] } },
    { kind: 'dataset_build', params: { name: 'ok', phase: 'sometimes' } },
    { kind: 'sel_pipeline', params: { count: 10 } },
    { kind: 'sel_pipeline', params: { count: '5000' } },
    { kind: 'synth', params: { name: 'a', pairs: 0 } },
    { kind: 'synth', params: { name: 'a', mix: { gossip: 1 } } },
    { kind: 'export', params: [] },
    [{ kind: 'export' }],
  ];
  for (const payload of bodies) {
    const r = await api()({ method: 'POST', url: '/admin/jobs', payload: payload as object });
    assert.equal(r.statusCode, 400, `${JSON.stringify(payload)} → ${r.statusCode} ${r.body}`);
    const body = r.json();
    assert.equal(typeof body.error, 'string');
    assert.equal(typeof body.message, 'string');
    assert.ok('details' in body);
  }
  assert.equal(await count(), before);
});

test('the job list: newest first, filtered by status and kind, paged with before/next', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await api()({ method: 'POST', url: '/ai_data/export' })).json().jobId);
  for (const id of ids) assert.equal((await settle(id)).status, 'succeeded');
  const page1 = (await api()({ method: 'GET', url: '/jobs?kind=export&limit=2' })).json() as { jobs: Job[]; next: string | null };
  assert.deepEqual(page1.jobs.map((j) => j.id), [ids[2], ids[1]]);
  assert.equal(page1.next, ids[1]);
  const page2 = (await api()({ method: 'GET', url: `/jobs?kind=export&limit=2&before=${page1.next}` })).json() as { jobs: Job[]; next: string | null };
  assert.deepEqual(page2.jobs.map((j) => j.id), [ids[0]]);
  assert.equal(page2.next, null);
  const failed = (await api()({ method: 'GET', url: '/jobs?status=failed' })).json() as { jobs: Job[] };
  assert.deepEqual(failed.jobs, []);
  assert.equal((await api()({ method: 'GET', url: `/jobs?before=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` })).statusCode, 404);
});

test('cancel: a queued job is cancelled (200) and never runs; a finished one is a 409; an unknown one a 404', async () => {
  // A kind no worker runs stays queued: the cancellation is what ends it.
  const [queued] = await t.database.db.insert(schema.jobs).values({ kind: 'probe' }).returning();
  const r = await api()({ method: 'POST', url: `/jobs/${queued.id}/cancel` });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().status, 'cancelled');
  const again = await api()({ method: 'POST', url: `/jobs/${queued.id}/cancel` });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error, 'conflict');
  const done = (await api()({ method: 'GET', url: '/jobs?status=succeeded&limit=1' })).json().jobs[0] as Job;
  assert.equal((await api()({ method: 'POST', url: `/jobs/${done.id}/cancel` })).statusCode, 409);
  assert.equal((await api()({ method: 'POST', url: `/jobs/${'1'.repeat(8)}-1111-4111-8111-${'1'.repeat(12)}/cancel` })).statusCode, 404);
});

test('the job routes are documented in /docs with each kind in the enqueue body', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { description?: string }>> };
  for (const p of ['/admin/jobs', '/jobs', '/jobs/{id}', '/jobs/{id}/cancel']) assert.ok(doc.paths[p], p);
  for (const kind of ['export', 'dataset_build', 'sel_pipeline', 'synth']) assert.match(doc.paths['/admin/jobs'].post.description ?? '', new RegExp(kind));
});
