/**
 * Operations: /ready, /metrics (and who may scrape it), request ids, security headers,
 * CORS by configuration, and the admin audit log of exports and consent changes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { createUser } from '../../src/accounts/users.ts';
import { createAiService } from '../../src/ai/service.ts';
import { buildApp } from '../../src/api/app.ts';
import { createMemoryCache } from '../../src/cache/index.ts';
import { loadConfig } from '../../src/config.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/db.ts';

let t: TestApp;
const extra: FastifyInstance[] = [];

/** Another app over the same database, with more configuration. */
async function appWith(env: Record<string, string>, database = t.database): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', SCRYPT_COST: '1024', JWT_SECRET: randomBytes(32).toString('hex'), ...env });
  const app = await buildApp({ database, cache: createMemoryCache(), config, tokens: tokenSettings(config), ai: createAiService({ config }) });
  extra.push(app);
  return app;
}

before(async () => {
  t = await createTestApp();
});
after(async () => {
  for (const app of extra) await app.close();
  await t?.close();
});

test('/ready is 200 once the database answers, migrations are applied and content is in', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/ready' });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().checks, { database: true, migrations: true, content: true, shuttingDown: false });
  // /health stays the liveness probe next to it.
  assert.equal((await t.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
});

test('/ready is 503 while content is still seeding, while draining, and on an empty bank', async () => {
  t.app.deps.contentStatus = 'seeding';
  const seeding = await t.app.inject({ method: 'GET', url: '/ready' });
  t.app.deps.contentStatus = 'ready';
  assert.equal(seeding.statusCode, 503);
  assert.equal(seeding.json().checks.content, false);

  t.app.deps.draining = true;
  const draining = await t.app.inject({ method: 'GET', url: '/ready' });
  t.app.deps.draining = false;
  assert.equal(draining.statusCode, 503);
  assert.equal(draining.json().status, 'draining');
  assert.equal(draining.headers.connection, 'close', 'a draining server closes each connection after its reply');

  const empty = await createTestApp({}, { bank: false });
  try {
    const res = await empty.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json().checks, { database: true, migrations: true, content: false, shuttingDown: false });
  } finally {
    await empty.close();
  }
});

test('/ready is 503 on a database that lacks a shipped migration, and when the database is gone', async () => {
  const other = await createTestDatabase();
  const app = await appWith({}, other);
  // As if this process shipped a migration the database has not had: the journal is gone.
  await other.db.execute(sql`drop schema drizzle cascade`);
  const res = await app.inject({ method: 'GET', url: '/ready' });
  assert.equal(res.statusCode, 503);
  assert.equal(res.json().checks.migrations, false);
  await other.close();
  const gone = await app.inject({ method: 'GET', url: '/ready' });
  assert.equal(gone.statusCode, 503);
  assert.equal(gone.json().checks.database, false);
  await other.dispose().catch(() => {});
});

test('/metrics: request latency by route pattern and status class, pool, sockets, queue depth, AI and runtime', async () => {
  const student = await signUp(t.app, 'student');
  const call = as(t.app, student);
  const start = await call({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 2 } });
  assert.equal(start.statusCode, 201, start.body);
  const id = start.json().sessionId as string;
  await call({ method: 'GET', url: `/practice/${id}` });
  await call({ method: 'GET', url: '/practice/00000000-0000-4000-8000-000000000000' });
  await t.app.inject({ method: 'GET', url: '/no/such/route' });

  const res = await t.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  const body = res.body;
  const line = (re: RegExp) => body.split('\n').find((l) => re.test(l));
  assert.ok(line(/^satprep_http_request_duration_seconds_count\{method="GET",route="\/practice\/:id",status_class="2xx"\} [1-9]/), 'pattern, not the raw URL');
  assert.ok(line(/^satprep_http_request_duration_seconds_count\{method="GET",route="\/practice\/:id",status_class="4xx"\} [1-9]/));
  assert.ok(line(/^satprep_http_request_duration_seconds_count\{method="GET",route="unmatched",status_class="4xx"\}/));
  assert.ok(!body.includes(id), 'no raw ids in label values');
  assert.ok(line(/^satprep_websocket_connections 0$/));
  assert.ok(line(/^satprep_queue_depth\{queue="[^"]+"\} \d+$/));
  assert.ok(line(/^satprep_db_pool_max \d+$/));
  if (t.database.driver === 'postgres') assert.ok(line(/^satprep_db_pool_connections\{state="total"\} \d+$/));
  assert.ok(line(/^# TYPE satprep_ai_provider_duration_seconds histogram$/));
  assert.ok(line(/^# TYPE satprep_ai_fallbacks_total counter$/));
  assert.ok(line(/^process_resident_memory_bytes \d+/), 'Node runtime metrics');
});

test('/metrics takes its queue depth from the seam the job queue will fill', async () => {
  const app = await appWith({});
  app.deps.queueDepth = async () => ({ generation: 3, training: 1 });
  const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  assert.match(body, /^satprep_queue_depth\{queue="generation"\} 3$/m);
  assert.match(body, /^satprep_queue_depth\{queue="training"\} 1$/m);
});

test('/metrics needs the METRICS_TOKEN bearer when one is set, and is refused in production without one', async () => {
  const token = 'metrics-token-0123456789abcdef';
  const guarded = await appWith({ METRICS_TOKEN: token });
  assert.equal((await guarded.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
  assert.equal((await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).statusCode, 401);
  const ok = await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /satprep_http_request_duration_seconds/);

  const prod = await appWith({ NODE_ENV: 'production' });
  const refused = await prod.inject({ method: 'GET', url: '/metrics' });
  assert.equal(refused.statusCode, 403);
  assert.deepEqual(Object.keys(refused.json()).sort(), ['details', 'error', 'message']);
  const prodWithToken = await appWith({ NODE_ENV: 'production', METRICS_TOKEN: token });
  assert.equal((await prodWithToken.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
});

test('every reply carries a request id: a well-formed incoming one is kept, anything else replaced', async () => {
  const fresh = await t.app.inject({ method: 'GET', url: '/health' });
  assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  const kept = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'lb-7f3a.trace:42' } });
  assert.equal(kept.headers['x-request-id'], 'lb-7f3a.trace:42');
  for (const bad of ['has space', 'x'.repeat(200), '<script>', 'a\nb'.replace('\n', '%0A'), '-leading-dash']) {
    const res = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': bad } });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, bad);
  }
  const failed = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: 'nobody@example.test', password: 'x' } });
  assert.equal(failed.statusCode, 401);
  assert.ok(failed.headers['x-request-id']);
});

test('security headers on JSON, errors, 404s and HTML; HSTS only when configured', async () => {
  const student = await signUp(t.app, 'student');
  const replies = {
    json: await as(t.app, student)({ method: 'GET', url: '/auth/me' }),
    error: await t.app.inject({ method: 'GET', url: '/auth/me' }),
    notFound: await t.app.inject({ method: 'GET', url: '/nope' }),
    bad: await t.app.inject({ method: 'POST', url: '/auth/signin', headers: { 'content-type': 'application/json' }, payload: '{' }),
    // Router failures skip every hook; they are secured where they are answered.
    badUrl: await t.app.inject({ method: 'GET', url: '/practice/%E0%A4%A' }),
    longParam: await t.app.inject({ method: 'GET', url: `/lessons/${'x'.repeat(200)}` }),
  };
  for (const [what, res] of Object.entries(replies)) {
    assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
    assert.equal(res.headers['referrer-policy'], 'no-referrer', what);
    assert.equal(res.headers['x-frame-options'], 'DENY', what);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'.*frame-ancestors 'none'/, what);
    assert.equal(res.headers['strict-transport-security'], undefined, what);
    assert.ok(res.headers['x-request-id'], what);
  }
  assert.equal(replies.json.headers['cache-control'], 'no-store', 'a signed-in reply is not cached');
  const docs = await t.app.inject({ method: 'GET', url: '/docs' });
  assert.match(String(docs.headers['content-security-policy']), /script-src 'self'/);
  assert.match(String(docs.headers['content-security-policy']), /frame-ancestors 'none'/);

  const tls = await appWith({ HSTS_MAX_AGE_S: '31536000' });
  assert.equal((await tls.inject({ method: 'GET', url: '/health' })).headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
});

test('CORS: only configured origins, never *, and no CORS headers at all by default', async () => {
  const preflight = (app: FastifyInstance, origin: string) =>
    app.inject({ method: 'OPTIONS', url: '/auth/me', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
  const plain = await preflight(t.app, 'https://evil.example');
  assert.equal(plain.headers['access-control-allow-origin'], undefined);
  assert.equal((await t.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } })).headers['access-control-allow-origin'], undefined);

  const app = await appWith({ CORS_ORIGINS: 'https://app.example.org, http://localhost:5173' });
  const ok = await preflight(app, 'https://app.example.org');
  assert.equal(ok.statusCode, 204);
  assert.equal(ok.headers['access-control-allow-origin'], 'https://app.example.org');
  assert.match(String(ok.headers['access-control-allow-headers']), /authorization/);
  assert.match(String(ok.headers['access-control-allow-methods']), /POST/);
  assert.equal(ok.headers['access-control-allow-credentials'], undefined, 'bearer tokens, not cookies: no credentials');
  const evil = await preflight(app, 'https://evil.example');
  assert.equal(evil.statusCode, 403);
  assert.equal(evil.headers['access-control-allow-origin'], undefined);
  const get = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'http://localhost:5173' } });
  assert.equal(get.headers['access-control-allow-origin'], 'http://localhost:5173');
  assert.match(String(get.headers.vary), /Origin/);
  const other = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
  assert.equal(other.headers['access-control-allow-origin'], undefined);
  assert.throws(() => loadConfig({ CORS_ORIGINS: '*' }), /CORS_ORIGINS \* is not allowed/);
  assert.throws(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' }), /CORS_ORIGINS must be origins/);
});

async function admin(): Promise<TestUser> {
  const email = `admin-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'admin password 123';
  const user = await createUser(t.database.db, { email, password, displayName: 'Audit Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const res = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password } });
  return { id: user.id, email, password, role: 'admin', token: res.json().accessToken, refreshToken: res.json().refreshToken };
}

test('the audit log lists every data export and consent change, newest first, for admins only', async () => {
  const adult = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  assert.equal((await as(t.app, adult)({ method: 'PUT', url: `/students/${adult.id}/consent`, payload: { granted: true } })).statusCode, 200);
  assert.equal((await as(t.app, adult)({ method: 'GET', url: '/ai_data/export/me' })).statusCode, 200);
  assert.equal((await as(t.app, adult)({ method: 'PUT', url: `/students/${adult.id}/consent`, payload: { granted: false } })).statusCode, 200);

  const boss = await admin();
  const res = await as(t.app, boss)({ method: 'GET', url: '/admin/audit' });
  assert.equal(res.statusCode, 200, res.body);
  const mine = (res.json().entries as { id: number; type: string; actorId: string; payload: Record<string, unknown> }[]).filter((e) => e.actorId === adult.id);
  assert.deepEqual(
    mine.map((e) => [e.type, e.payload.granted ?? e.payload.scope]),
    [
      ['consent.changed', false],
      ['data.exported', 'self'],
      ['consent.changed', true],
    ],
  );
  assert.ok(!res.body.includes(adult.email), 'ids only, no emails');

  const exports = await as(t.app, boss)({ method: 'GET', url: '/admin/audit?type=data.exported' });
  assert.ok((exports.json().entries as { type: string }[]).every((e) => e.type === 'data.exported'));
  const page1 = (await as(t.app, boss)({ method: 'GET', url: '/admin/audit?limit=1' })).json();
  assert.equal(page1.entries.length, 1);
  const page2 = (await as(t.app, boss)({ method: 'GET', url: `/admin/audit?limit=1&before=${page1.next}` })).json();
  assert.ok(page2.entries[0].id < page1.entries[0].id);

  assert.equal((await as(t.app, adult)({ method: 'GET', url: '/admin/audit' })).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'GET', url: '/admin/audit' })).statusCode, 401);
});

test("the admin's export of the interaction log is audited when its job succeeds", async () => {
  const boss = await admin();
  const started = await as(t.app, boss)({ method: 'POST', url: '/ai_data/export' });
  assert.equal(started.statusCode, 202, started.body);
  const { jobId } = started.json();
  for (let i = 0; i < 100; i++) {
    const job = (await as(t.app, boss)({ method: 'GET', url: `/jobs/${jobId}` })).json();
    if (job.status === 'succeeded') break;
    assert.notEqual(job.status, 'failed', JSON.stringify(job));
    await new Promise((r) => setTimeout(r, 50));
  }
  const entries = (await as(t.app, boss)({ method: 'GET', url: '/admin/audit?type=data.exported' })).json().entries as { actorId: string; payload: Record<string, unknown> }[];
  const audited = entries.find((e) => e.payload.jobId === jobId);
  assert.ok(audited, 'an entry for the job');
  assert.equal(audited.actorId, boss.id);
  assert.equal(audited.payload.scope, 'all');
});
