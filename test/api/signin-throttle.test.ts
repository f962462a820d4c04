/** Sign-in throttling over HTTP: 429 with Retry-After and the error contract, per account and per address. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, signUp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ SIGNIN_MAX_FAILURES_PER_ACCOUNT: '3', SIGNIN_MAX_FAILURES_PER_IP: '6', SIGNIN_LOCKOUT_S: '120' }, { bank: false });
});
after(() => t?.close());

const signIn = (email: string, password: string, remoteAddress = '203.0.113.1') =>
  t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password }, remoteAddress });

test('an account is locked after its failures, even for the right password, with Retry-After; then other accounts still sign in', async () => {
  const kim = await signUp(t.app, 'student');
  for (let i = 0; i < 3; i++) assert.equal((await signIn(kim.email, 'wrong password')).statusCode, 401);
  const locked = await signIn(kim.email, kim.password, '198.51.100.7');
  assert.equal(locked.statusCode, 429);
  const wait = Number(locked.headers['retry-after']);
  assert.ok(wait > 0 && wait <= 120, `retry-after ${locked.headers['retry-after']}`);
  assert.equal(locked.json().error, 'rate_limited');
  assert.deepEqual(Object.keys(locked.json()).sort(), ['details', 'error', 'message']);
  const lee = await signUp(t.app, 'student');
  assert.equal((await signIn(lee.email, lee.password)).statusCode, 200);
});

test('a successful sign-in resets the account count', async () => {
  const ann = await signUp(t.app, 'student');
  for (let i = 0; i < 2; i++) assert.equal((await signIn(ann.email, 'wrong password', '192.0.2.50')).statusCode, 401);
  assert.equal((await signIn(ann.email, ann.password, '192.0.2.50')).statusCode, 200);
  for (let i = 0; i < 2; i++) assert.equal((await signIn(ann.email, 'wrong password', '192.0.2.50')).statusCode, 401);
  assert.equal((await signIn(ann.email, ann.password, '192.0.2.50')).statusCode, 200);
});

test('one address guessing across accounts is locked; another address is not', async () => {
  const users = await Promise.all([1, 2, 3].map(() => signUp(t.app, 'student')));
  let refused = 0;
  for (const u of users) for (let i = 0; i < 2; i++) refused += (await signIn(u.email, 'nope nope', '192.0.2.99')).statusCode === 401 ? 1 : 0;
  assert.equal(refused, 6);
  const fresh = await signUp(t.app, 'parent');
  assert.equal((await signIn(fresh.email, fresh.password, '192.0.2.99')).statusCode, 429);
  assert.equal((await signIn(fresh.email, fresh.password, '192.0.2.100')).statusCode, 200);
});
