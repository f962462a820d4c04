/**
 * No secrets or raw personal data in the logs: the API runs with a logger at `trace` whose
 * bytes are captured while accounts are made, signed in and out, linked, exported and
 * deleted; then every email, password, token, password hash and name is searched for in
 * those bytes. Every line is JSON and request lines carry the request id the reply gave.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { DrizzleQueryError, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { createAiService } from '../../src/ai/service.ts';
import { buildApp } from '../../src/api/app.ts';
import { createMemoryCache } from '../../src/cache/index.ts';
import { loadConfig } from '../../src/config.ts';
import { schema } from '../../src/db/index.ts';
import { createLogger } from '../../src/lib/log.ts';
import { as, signUp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const chunks: Buffer[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    chunks.push(Buffer.from(chunk));
    done();
  },
});
const logged = () => Buffer.concat(chunks).toString('utf8');

let database: TestDatabase;
let app: FastifyInstance;
before(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', SCRYPT_COST: '1024', JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'trace' });
  app = await buildApp({ database, cache: createMemoryCache(), config, tokens: tokenSettings(config), ai: createAiService({ config }), logger: createLogger('trace', sink) });
});
after(async () => {
  await app?.close();
  await database?.dispose();
});

test('sign-up, sign-in, links, consent, export and deletion leave no email, password, token, hash or name in the logs', async () => {
  const secrets: string[] = [];
  const student = await signUp(app, 'student', { birthDate: '2000-01-01', name: 'Zelda Quixotic-Marsh' });
  const parent = await signUp(app, 'parent', { name: 'Yannick Oberholzer' });
  secrets.push(student.email, parent.email, student.password, 'Zelda Quixotic-Marsh', 'Yannick Oberholzer');

  const signedIn = await app.inject({ method: 'POST', url: '/auth/signin', payload: { email: student.email, password: student.password } });
  assert.equal(signedIn.statusCode, 200);
  const wrongPassword = 'hunter2-wrong-password';
  secrets.push(wrongPassword);
  assert.equal((await app.inject({ method: 'POST', url: '/auth/signin', payload: { email: student.email, password: wrongPassword } })).statusCode, 401);
  assert.equal((await app.inject({ method: 'POST', url: '/auth/signin', payload: { email: 'ghost.person@example.test', password: wrongPassword } })).statusCode, 401);
  secrets.push('ghost.person@example.test');
  const duplicate = await app.inject({ method: 'POST', url: '/auth/signup', payload: { email: student.email, password: 'another password', displayName: 'Dup', role: 'student' } });
  assert.equal(duplicate.statusCode, 409);

  const refreshed = await app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: signedIn.json().refreshToken } });
  assert.equal(refreshed.statusCode, 200);
  secrets.push(student.token, student.refreshToken, signedIn.json().accessToken, signedIn.json().refreshToken, refreshed.json().accessToken, refreshed.json().refreshToken);

  const link = await as(app, parent)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(link.statusCode, 201, link.body);
  assert.equal((await as(app, student)({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);
  assert.equal((await as(app, student)({ method: 'PUT', url: `/students/${student.id}/consent`, payload: { granted: true } })).statusCode, 200);
  const exported = await as(app, student)({ method: 'GET', url: '/ai_data/export/me' });
  assert.equal(exported.statusCode, 200);
  // A token in a URL (the tutor socket's browser fallback) and in a bad header.
  await app.inject({ method: 'GET', url: `/ai_tutor/chat?token=${student.token}` });
  await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${student.token}x` } });
  const deleted = await as(app, parent)({ method: 'DELETE', url: '/account', payload: { password: parent.password } });
  assert.equal(deleted.statusCode, 204);

  const [row] = await database.db.select({ hash: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.id, student.id));
  secrets.push(row.hash, 'scrypt$');

  const text = logged();
  assert.ok(text.length > 2000, 'the requests were logged');
  const found = secrets.filter((s) => text.includes(s));
  assert.deepEqual(found, [], 'secrets or personal data in the log');

  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const requestIds = new Set(lines.map((l) => l.reqId).filter(Boolean));
  assert.ok(requestIds.has(exported.headers['x-request-id']), 'the reply\'s x-request-id is the log lines\' reqId');
});

test('a database error is logged without the parameters it quotes', async () => {
  chunks.length = 0;
  const logger = createLogger('info', sink);
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
    detail: 'Key (email)=(leaky.person@example.test) already exists.',
  });
  const err = new DrizzleQueryError('insert into "users" ("email", "password_hash") values ($1, $2)', ['leaky.person@example.test', 'scrypt$32768$8$1$abc$def'], cause);
  logger.error({ err }, 'request failed');
  logger.info({ user: { email: 'leaky.person@example.test', token: 'eyJabc.def.ghi' } }, 'signed in leaky.person@example.test with Bearer abc.def');
  const text = logged();
  assert.ok(text.includes('Failed query'), 'the failure itself is logged');
  assert.ok(text.includes('"stack"'), 'with its stack');
  for (const leak of ['leaky.person@example.test', 'scrypt$', 'eyJabc', 'abc.def']) assert.ok(!text.includes(leak), `${leak} in: ${text}`);
});
