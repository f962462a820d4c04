/**
 * The data console's API (src/api/routes/admin-data.ts): the collection figures counted from
 * rows this test writes (outputs per task × provider, ratings per star, consent), a real
 * dataset build listed with its card and manifest, language models with evaluations and the
 * promotion verdicts on stored evaluations (promoted, refused with reasons, 409 without a
 * shared evaluation), SEL runs; and who may call it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import type { DataOverview, DatasetBuilds, ModelEval, ModelList, PromoteReply, SelRuns } from '../../src/api/routes/admin-data.ts';
import { schema } from '../../src/db/index.ts';
import type { EvalSummary } from '../../src/model/eval/summary.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-admin-data-'));
let t: TestApp;
let admin: TestUser;
let student: TestUser;

before(async () => {
  t = await createTestApp({ DATA_DIR: dataDir, PSEUDONYM_KEY: 'k'.repeat(40) });
  const email = `data-admin-${Date.now()}@example.test`;
  const user = await createUser(t.database.db, { email, password: 'admin password 123', displayName: 'Dana Data', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const signin = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password: 'admin password 123' } });
  admin = { id: user.id, email, password: 'admin password 123', role: 'admin', token: signin.json().accessToken, refreshToken: '' };
  student = await signUp(t.app, 'student');
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (url: string, method: 'GET' | 'POST' = 'GET', headers: Record<string, string> = {}) => as(t.app, admin)({ method, url, headers });
async function ok<T>(url: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const r = await api(url, method);
  assert.equal(r.statusCode, 200, `${method} ${url}: ${r.body}`);
  return r.json() as T;
}

/** An AI output as the AI service would log it; only the columns the console counts matter. */
const output = (task: 'feedback' | 'help' | 'tutor_chat', provider: string, userId: string | null, passed: boolean) => ({
  task, promptVersion: 'v1', input: {}, prompt: 'p', output: 'o', provider, latencyMs: 5,
  checks: [{ name: 'length', pass: passed }], passed, userId,
});

test('the overview counts outputs per task × provider, stars per task and students by consent', async () => {
  const db = t.database.db;
  const before = await ok<DataOverview>('/admin/data/overview');
  assert.deepEqual(before.collected, [], 'nothing collected on a fresh database');
  assert.deepEqual(before.ratings, []);
  // The student from before() (never consented) and the ones made here.
  const [consenter, byParent, revoker, raters] = [await signUp(t.app, 'student'), await signUp(t.app, 'student'), await signUp(t.app, 'student'), await signUp(t.app, 'student')];
  const parent = await signUp(t.app, 'parent');
  await db.update(schema.users).set({ trainingConsent: true, consentGivenBy: consenter.id, consentGivenAt: new Date() }).where(eq(schema.users.id, consenter.id));
  await db.update(schema.users).set({ trainingConsent: true, consentGivenBy: parent.id, consentGivenAt: new Date() }).where(eq(schema.users.id, byParent.id));
  await db.update(schema.users).set({ trainingConsent: false, consentRevokedAt: new Date() }).where(eq(schema.users.id, revoker.id));
  const gone = await signUp(t.app, 'student'); // deleted: counted nowhere
  await db.update(schema.users).set({ deletedAt: new Date(), trainingConsent: true }).where(eq(schema.users.id, gone.id));

  const rows = await db.insert(schema.aiOutputs).values([
    output('feedback', 'template', consenter.id, true),
    output('feedback', 'template', byParent.id, true),
    output('feedback', 'template', student.id, false),
    output('feedback', 'inhouse', consenter.id, true),
    output('help', 'openai', revoker.id, true),
    output('help', 'openai', null, true),
    output('tutor_chat', 'inhouse', gone.id, false),
  ]).returning({ id: schema.aiOutputs.id });
  // Feedback: 5, 4, 4 and 1 star; help: one 2-star rating.
  await db.insert(schema.feedbackRatings).values([
    { aiOutputId: rows[0].id, userId: consenter.id, stars: 5 },
    { aiOutputId: rows[0].id, userId: raters.id, stars: 4 },
    { aiOutputId: rows[1].id, userId: byParent.id, stars: 4 },
    { aiOutputId: rows[3].id, userId: consenter.id, stars: 1 },
    { aiOutputId: rows[4].id, userId: revoker.id, stars: 2 },
  ]);
  const tutor = await signUp(t.app, 'tutor');
  const [note] = await db.insert(schema.notes).values({ userId: consenter.id, body: 'how?', visibility: 'community' }).returning({ id: schema.notes.id });
  await db.insert(schema.noteReplies).values([
    { noteId: note.id, authorId: tutor.id, kind: 'tutor', body: 'like this' },
    { noteId: note.id, authorId: raters.id, kind: 'community', body: 'helpful one', helpful: true },
    { noteId: note.id, authorId: byParent.id, kind: 'community', body: 'not marked' },
    { noteId: note.id, authorId: tutor.id, kind: 'tutor', body: 'hidden', hiddenAt: new Date() },
  ]);

  const o = await ok<DataOverview>('/admin/data/overview');
  assert.deepEqual(o.collected, [
    { task: 'feedback', provider: 'inhouse', outputs: 1, passed: 1, consented: 1, rated: 1 },
    { task: 'feedback', provider: 'template', outputs: 3, passed: 2, consented: 2, rated: 2 },
    { task: 'help', provider: 'openai', outputs: 2, passed: 2, consented: 0, rated: 1 },
    { task: 'tutor_chat', provider: 'inhouse', outputs: 1, passed: 0, consented: 0, rated: 0 },
  ]);
  assert.deepEqual(o.humanReplies, { tutor: 1, communityHelpful: 1 });
  assert.deepEqual(o.ratings, [
    { task: 'feedback', stars: [1, 0, 0, 2, 1], total: 4, mean: 3.5 },
    { task: 'help', stars: [0, 1, 0, 0, 0], total: 1, mean: 2 },
  ]);
  // Students alive: before()'s, consenter, byParent, revoker, raters (gone is deleted).
  assert.deepEqual(o.consent, { students: 5, consented: 2, byParent: 1, revoked: 1, never: 2, simulated: 0 });
});

type Job = { id: string; status: string; progress: number; result: Record<string, unknown> | null; error: string | null };

test('a dataset build started as a job is listed with its progress, then its card and manifest open', async () => {
  const start = await as(t.app, admin)({ method: 'POST', url: '/admin/jobs', payload: { kind: 'dataset_build', params: { name: 'console-built', seed: 'console' } } });
  assert.equal(start.statusCode, 202, start.body);
  const jobId = start.json().jobId as string;
  let job: Job | undefined;
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    job = (await ok<DatasetBuilds>('/admin/data/datasets')).builds.find((b) => b.id === jobId) as Job | undefined;
    assert.ok(job, 'the build is listed from the moment it is queued');
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) break;
  }
  assert.equal(job?.status, 'succeeded', job?.error ?? 'still running');
  assert.equal(job.progress, 1);
  const id = String(job.result!.datasetId);
  assert.match(id, /^console-built@v1$/);

  const list = await ok<DatasetBuilds>('/admin/data/datasets?limit=5');
  const ds = list.datasets.find((d) => d.id === id)!;
  const [row] = await t.database.db.select().from(schema.datasets).where(eq(schema.datasets.id, id));
  const manifest = row.manifest as { counts: { total: number; byKind: Record<string, number>; bySplit: Record<string, number> }; phase: { chosen: string } };
  assert.equal(ds.total, manifest.counts.total);
  assert.equal(ds.total, Number(job.result!.pairs));
  assert.ok(ds.total! > 0);
  assert.deepEqual(ds.byKind, manifest.counts.byKind);
  assert.deepEqual(ds.bySplit, manifest.counts.bySplit);
  assert.equal(ds.phase, manifest.phase.chosen);
  assert.equal(ds.hasCard, true);

  const card = await ok<{ id: string; markdown: string }>(`/admin/data/datasets/${encodeURIComponent(id)}/card`);
  assert.equal(card.markdown, row.card);
  assert.match(card.markdown, /^---\n[\s\S]*\n# console-built\n/);
  const raw = await api(`/admin/data/datasets/${id}/card`, 'GET', { accept: 'text/markdown' });
  assert.equal(raw.statusCode, 200);
  assert.match(String(raw.headers['content-type']), /^text\/markdown/);
  assert.equal(raw.body, row.card);
  assert.deepEqual(await ok(`/admin/data/datasets/${id}/manifest`), row.manifest);

  assert.equal((await api('/admin/data/datasets/console-built@v9/card')).statusCode, 404);
  assert.equal((await api('/admin/data/datasets/console-built@v9/manifest')).statusCode, 404);
  assert.equal((await api('/admin/data/datasets/..%2Fsecrets/manifest')).statusCode, 400);
  assert.equal((await api('/admin/data/datasets?limit=0')).statusCode, 400);
  assert.equal((await api('/admin/data/datasets?limit=101')).statusCode, 400);
});

// Three registered models with evaluations written by hand (no training in an API test): the figures only.
const KEY = 'abcdef012345';
const evalRoot = path.join(dataDir, 'evals');
function summary(version: string, passRate: number, bytePerplexity: number, key = KEY, at = '2025-01-01T00:00:00.000Z'): EvalSummary {
  const reportDir = path.join(evalRoot, version, key);
  mkdirSync(reportDir, { recursive: true });
  const system = (name: string, label: string, p: number) => ({ name, label, n: 10, errors: 0, passRate: p, servableRate: p, bleu: { score: 10 * p }, rougeL: p / 2, perplexity: null, byTask: { feedback: { n: 10, passRate: p, servableRate: p, bleu: 1, rougeL: 0.1 } }, failedChecks: {}, msPerOutput: 3 });
  writeFileSync(path.join(reportDir, 'report.json'), JSON.stringify({
    format: 'satprep-lm-eval', version: 1, key, model: `lm@${version}`, createdAt: at,
    evalSet: { file: 'heldout.jsonl', sha256: 'f'.repeat(64), examples: 10, skipped: {}, generated: 10, perplexityExamples: 10, reviewed: 5, seed: 'eval', maxTokens: 64 },
    bleuSignature: 'nrefs:1', systems: [system('inhouse', `lm@${version}`, passRate), system('template', 'template@1', 0.95), system('hosted', 'gpt-test', 0.9)], files: {},
  }));
  return { key, at, evalFile: 'heldout.jsonl', evalSha256: 'f'.repeat(64), generated: 10, perplexity: bytePerplexity * 3, bytePerplexity, passRate, servableRate: passRate, byTask: { feedback: { n: 10, passRate } }, bleu: 10, rougeL: 0.3, reportDir };
}
const V = { first: 'aaaaaaaaaaaa', better: 'bbbbbbbbbbbb', worse: 'cccccccccccc', unevaluated: 'dddddddddddd' };
const CURVE = { loss: [[1, 8.3], [20, 4.1], [40, 1.25]] as [number, number][], val: [[20, 4.4], [40, 1.5]] as [number, number][] };
const lmRow = (version: string, evals: EvalSummary[], minutes: number) => ({
  id: `lm@${version}`, name: 'lm', version, kind: 'lm' as const, status: 'candidate' as const, path: path.join(dataDir, 'models', version),
  createdAt: new Date(Date.UTC(2025, 0, 1, 0, minutes)),
  metrics: {
    train: { preset: 'tiny', params: 1234, data: { file: 'x.jsonl', sha256: 'e'.repeat(64), pairs: 100, train: 95, heldout: 5 }, seed: 'sft', steps: 40, seconds: 2.5, finalLoss: 1.25, valLoss: 1.5, warmStart: null, config: {}, ...(version === V.first ? { curve: CURVE } : {}) },
    evals: Object.fromEntries(evals.map((e) => [e.key, e])),
  },
});

test('models list with training figures and the newest evaluation; the report shows model, template and hosted side by side', async () => {
  const db = t.database.db;
  await db.insert(schema.models).values([
    lmRow(V.first, [summary(V.first, 0.5, 2.0), summary(V.first, 0.4, 2.2, '000000000001', '2024-06-01T00:00:00.000Z')], 1),
    lmRow(V.better, [summary(V.better, 0.6, 1.9)], 2),
    lmRow(V.worse, [summary(V.worse, 0.3, 1.8)], 3),
    lmRow(V.unevaluated, [], 4),
  ]);
  await db.insert(schema.jobs).values({ kind: 'model_train', status: 'failed', error: 'out of memory' });
  const list = await ok<ModelList>('/admin/data/models');
  assert.deepEqual(list.models.map((m) => m.version), [V.unevaluated, V.worse, V.better, V.first], 'newest first');
  const first = list.models.find((m) => m.version === V.first)!;
  assert.equal(first.train?.steps, 40);
  assert.equal(first.train?.finalLoss, 1.25);
  assert.equal(first.train?.heldout, 5);
  assert.deepEqual(first.train?.curve, CURVE, 'the loss curve recorded by the run, for the chart');
  assert.equal(list.models.find((m) => m.version === V.better)!.train?.curve, null, 'a run that recorded none');
  assert.equal(first.latestEval?.key, KEY, 'the newest of its two evaluations');
  assert.equal(first.latestEval?.passRate, 0.5);
  assert.equal('reportDir' in (first.latestEval ?? {}), false, 'no server paths of reports');
  assert.deepEqual(first.evals.map((e) => e.key), [KEY, '000000000001']);
  assert.equal(list.models.find((m) => m.version === V.unevaluated)!.latestEval, null);
  assert.deepEqual(list.runs.map((r) => [r.kind, r.status, r.error]), [['model_train', 'failed', 'out of memory']]);
  assert.equal((await ok<ModelList>('/admin/data/models?limit=2')).models.length, 2);

  const report = await ok<ModelEval>(`/admin/data/models/lm@${V.better}/eval`);
  assert.equal(report.key, KEY);
  assert.deepEqual(report.report.systems.map((s) => [s.name, s.passRate]), [['inhouse', 0.6], ['template', 0.95], ['hosted', 0.9]]);
  assert.equal(report.active, null, 'no model is active yet');
  const older = await ok<ModelEval>(`/admin/data/models/${V.first}/eval?key=000000000001`);
  assert.equal(older.summary.passRate, 0.4);
  assert.equal((await api(`/admin/data/models/${V.first}/eval?key=ffffffffffff`)).statusCode, 404);
  assert.equal((await api(`/admin/data/models/${V.unevaluated}/eval`)).statusCode, 404, 'never evaluated');
  assert.equal((await api('/admin/data/models/lm@eeeeeeeeeeee/eval')).statusCode, 404, 'not registered');
  assert.equal((await api('/admin/data/models/lm@EEE/eval')).statusCode, 400);
  assert.equal((await api(`/admin/data/models/${V.first}/eval?key=../x`)).statusCode, 400);
  rmSync(path.join(evalRoot, V.worse), { recursive: true });
  assert.equal((await api(`/admin/data/models/${V.worse}/eval`)).statusCode, 404, 'the report folder is gone');
});

test('promotion: the first model goes active, a better one replaces it, a worse one is refused with reasons, an unevaluated one is a 409', async () => {
  const status = async (v: string) => (await t.database.db.select().from(schema.models).where(eq(schema.models.version, v)))[0].status;
  const first = await ok<PromoteReply>(`/admin/data/models/lm@${V.first}/promote`, 'POST');
  assert.equal(first.promoted, true);
  assert.deepEqual(first.reasons, ['no language model was active']);
  assert.equal(await status(V.first), 'active');

  const again = await ok<PromoteReply>(`/admin/data/models/${V.first}/promote`, 'POST');
  assert.equal(again.promoted, false);
  assert.match(again.reasons[0], /already the active model/);

  const worse = await ok<PromoteReply>(`/admin/data/models/${V.worse}/promote`, 'POST');
  assert.equal(worse.promoted, false);
  assert.equal(worse.key, KEY);
  assert.equal(worse.previous, `lm@${V.first}`);
  assert.match(worse.reasons[0], /^FAIL: pass rate 0\.3000 vs active 0\.5000/);
  assert.match(worse.reasons[1], /^ok: perplexity per byte 1\.80000 vs active 2\.00000/);
  assert.equal(await status(V.worse), 'candidate');
  assert.equal(await status(V.first), 'active');

  const none = await api(`/admin/data/models/${V.unevaluated}/promote`, 'POST');
  assert.equal(none.statusCode, 409, none.body);
  assert.deepEqual(none.json().details, { candidateKeys: [], activeKeys: ['000000000001', KEY] });
  assert.equal(await status(V.unevaluated), 'candidate');

  const eval0 = await ok<ModelEval>(`/admin/data/models/${V.better}/eval`);
  assert.equal(eval0.active?.id, `lm@${V.first}`);
  assert.equal(eval0.active?.eval?.passRate, 0.5, 'the active model under the same key, for comparison');

  const better = await ok<PromoteReply>(`/admin/data/models/${V.better}/promote`, 'POST');
  assert.equal(better.promoted, true, better.reasons.join('; '));
  assert.ok(better.reasons.every((r) => r.startsWith('ok: ')));
  assert.equal(better.model.status, 'active');
  assert.equal(await status(V.better), 'active');
  assert.equal(await status(V.first), 'retired');

  assert.equal((await api('/admin/data/models/lm@999999999999/promote', 'POST')).statusCode, 404);
  assert.equal((await api('/admin/data/models/latest/promote', 'POST')).statusCode, 400);
});

test('SEL runs: the pipeline jobs and the registered sets with their cross-validated R²', async () => {
  const db = t.database.db;
  const [job] = await db.insert(schema.jobs).values({ kind: 'sel_pipeline', status: 'succeeded', progress: 1, params: { count: 500 }, result: { modelId: 'sel@123456789abc' } }).returning();
  await db.insert(schema.models).values({
    id: 'sel@123456789abc', name: 'sel', version: '123456789abc', kind: 'sel', status: 'active', path: '/nowhere',
    metrics: { cv: { empathy: { r2: 0.5, mae: 0.1 } }, meanCvR2: 0.42, trainedRows: 500, labeller: 'rules', seed: 'sel' },
  });
  const r = await ok<SelRuns>('/admin/data/sel-runs');
  assert.deepEqual(r.runs.map((x) => [x.id, x.status, x.result?.modelId]), [[job.id, 'succeeded', 'sel@123456789abc']]);
  assert.deepEqual(r.models.map((m) => [m.id, m.status, m.meanCvR2, m.trainedRows]), [['sel@123456789abc', 'active', 0.42, 500]]);
  assert.equal((await api('/admin/data/sel-runs?limit=abc')).statusCode, 400);
});

test('only admins: anonymous is 401, every other role 403', async () => {
  const parent = await signUp(t.app, 'parent');
  const routes: [string, string][] = [
    ['GET', '/admin/data/overview'], ['GET', '/admin/data/datasets'], ['GET', '/admin/data/datasets/console-built@v1/card'],
    ['GET', '/admin/data/datasets/console-built@v1/manifest'], ['GET', '/admin/data/models'], ['GET', `/admin/data/models/${V.first}/eval`],
    ['POST', `/admin/data/models/${V.first}/promote`], ['GET', '/admin/data/sel-runs'],
  ];
  for (const [method, url] of routes) {
    assert.equal((await as(t.app, null)({ method: method as 'GET', url })).statusCode, 401, `${method} ${url} anonymous`);
    for (const who of [student, parent]) assert.equal((await as(t.app, who)({ method: method as 'GET', url })).statusCode, 403, `${method} ${url} as ${who.role}`);
  }
  assert.equal((await t.database.db.select().from(schema.models).where(eq(schema.models.version, V.first)))[0].status, 'retired', 'a refused caller changed nothing');
});
