/**
 * JWT key rotation: new tokens name the current key in `kid`; tokens signed with a
 * previous key still verify while that key is configured; nothing else does.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { keyId, signAccess, verifyAccess, type TokenSettings } from '../../src/accounts/tokens.ts';
import { createAiService } from '../../src/ai/service.ts';
import { buildApp } from '../../src/api/app.ts';
import { createMemoryCache } from '../../src/cache/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestApp, signUp, type TestApp } from '../helpers/app.ts';

const oldKey = randomBytes(32).toString('hex');
const newKey = randomBytes(32).toString('hex');
const claims = { userId: '3f0c4a52-1111-4222-8333-944455556666', role: 'student' as const };
const settings = (env: Record<string, string>): TokenSettings => tokenSettings(loadConfig({ DATA_DIR: '/nonexistent', ...env }));

test('new tokens carry the current key id; a previous key still verifies what it signed', async () => {
  const before = settings({ JWT_SECRET: oldKey });
  const rotated = settings({ JWT_SECRET: newKey, JWT_PREVIOUS_SECRETS: oldKey });
  const oldToken = await signAccess(claims, before);
  const newToken = await signAccess(claims, rotated);

  assert.equal(decodeProtectedHeader(oldToken).kid, keyId(before.secret));
  assert.equal(decodeProtectedHeader(newToken).kid, keyId(rotated.secret));
  assert.notEqual(keyId(before.secret), keyId(rotated.secret));

  assert.deepEqual(await verifyAccess(oldToken, rotated), claims, 'signed before the rotation, still valid');
  assert.deepEqual(await verifyAccess(newToken, rotated), claims);
  // A process not yet rotated does not know the new key.
  await assert.rejects(verifyAccess(newToken, before), { code: 'unauthorized' });
  // Once the previous key is dropped, its tokens are refused.
  await assert.rejects(verifyAccess(oldToken, settings({ JWT_SECRET: newKey })), { code: 'unauthorized' });
});

test('a token from before key ids verifies against any configured key; a forged or unknown kid does not', async () => {
  const rotated = settings({ JWT_SECRET: newKey, JWT_PREVIOUS_SECRETS: oldKey });
  const legacy = await new SignJWT({ role: 'student' }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.userId).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(oldKey));
  assert.deepEqual(await verifyAccess(legacy, rotated), claims);
  const unknown = await new SignJWT({ role: 'student' }).setProtectedHeader({ alg: 'HS256', kid: 'no-such-key' }).setSubject(claims.userId).setExpirationTime('5m').sign(new TextEncoder().encode(oldKey));
  await assert.rejects(verifyAccess(unknown, rotated), { code: 'unauthorized' });
  // The new key's id on a token signed with another key: the signature check fails.
  const liar = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256', kid: keyId(rotated.secret) }).setSubject(claims.userId).setExpirationTime('5m').sign(randomBytes(32));
  await assert.rejects(verifyAccess(liar, rotated), { code: 'unauthorized' });
  await assert.rejects(verifyAccess('not.a.jwt', rotated), { code: 'unauthorized' });
});

test('a token verified once is still refused when it expires (verified tokens are remembered only until their exp)', async () => {
  const s = settings({ JWT_SECRET: newKey });
  // exp two whole seconds on: valid for at least one second after signing, whatever the clock's fraction.
  const exp = Math.floor(Date.now() / 1000) + 2;
  const short = await new SignJWT({ role: 'student' }).setProtectedHeader({ alg: 'HS256', kid: keyId(s.secret) }).setSubject(claims.userId)
    .setExpirationTime(exp).sign(s.secret);
  assert.deepEqual(await verifyAccess(short, s), claims);
  assert.deepEqual(await verifyAccess(short, s), claims, 'the second time from memory');
  await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
  await assert.rejects(verifyAccess(short, s), { code: 'unauthorized' });
});

test('each previous key must be long enough', () => {
  assert.throws(() => loadConfig({ JWT_PREVIOUS_SECRETS: `${oldKey},short` }), /JWT_PREVIOUS_SECRETS each key must be at least 32 characters/);
  assert.deepEqual(loadConfig({ JWT_PREVIOUS_SECRETS: ` ${oldKey} , ${newKey}` }).JWT_PREVIOUS_SECRETS, [oldKey, newKey]);
});

let t: TestApp | undefined;
after(() => t?.close());

test('over the API: a session from before the rotation keeps working after the restart with the new key', async () => {
  const first = await createTestApp({ JWT_SECRET: oldKey }, { bank: false });
  const user = await signUp(first.app, 'student');
  // The "restart": the same database, the new key, the old one kept for verification.
  await first.app.close();
  const config = loadConfig({ NODE_ENV: 'test', SCRYPT_COST: '1024', JWT_SECRET: newKey, JWT_PREVIOUS_SECRETS: oldKey });
  const app = await buildApp({ database: first.database, cache: createMemoryCache(), config, tokens: tokenSettings(config), ai: createAiService({ config }) });
  t = {
    ...first,
    app,
    close: async () => {
      await app.close();
      await first.database.dispose();
    },
  };
  const me = await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${user.token}` } });
  assert.equal(me.statusCode, 200, me.body);
  const refreshed = await app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: user.refreshToken } });
  assert.equal(refreshed.statusCode, 200);
  assert.equal(decodeProtectedHeader(refreshed.json().accessToken).kid, keyId(new TextEncoder().encode(newKey)));
});
