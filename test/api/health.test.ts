import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { createMemoryCache } from '../../src/cache/index.ts';
import { createAiService } from '../../src/ai/service.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let app: FastifyInstance;
let database: TestApp['database'];

before(async () => {
  t = await createTestApp();
  app = t.app;
  database = t.database;
});
after(() => t.close());

test('GET /health reports the database driver and answers 200', async () => {
  const res = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database.driver, database.driver);
  assert.equal(body.database.ok, true);
  assert.equal(body.cache.kind, 'memory');
});

test('the OpenAPI document lists the routes', async () => {
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(res.statusCode, 200);
  const paths = Object.keys(res.json().paths);
  for (const p of ['/auth/signup', '/auth/signin', '/links', '/ai_data/export/me']) assert.ok(paths.includes(p), p);
});

test('an unknown route is a 404 with the error contract', async () => {
  const res = await app.inject({ method: 'GET', url: '/nope' });
  assert.equal(res.statusCode, 404);
  assert.deepEqual(Object.keys(res.json()).sort(), ['details', 'error', 'message']);
});

test('malformed JSON is a 400, not a 500', async () => {
  const res = await app.inject({ method: 'POST', url: '/health', headers: { 'content-type': 'application/json' }, payload: '{bad' });
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `got ${res.statusCode}`);
});

test('/health answers 503 once the database is gone', async () => {
  const db2 = await createTestDatabase({ migrate: false });
  const app2 = await buildApp({ database: db2, cache: createMemoryCache(), config: t.config, tokens: tokenSettings(t.config), ai: createAiService({ config: t.config }) });
  await db2.close();
  const res = await app2.inject({ method: 'GET', url: '/health' });
  assert.equal(res.statusCode, 503);
  assert.equal(res.json().database.ok, false);
  await app2.close();
  await db2.dispose().catch(() => {});
});
