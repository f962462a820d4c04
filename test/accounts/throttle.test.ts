/**
 * The sign-in throttle: one store contract run against process memory and Redis (when
 * REDIS_URL is set), the lockout rules on top, and the fallback when Redis fails.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createSignInThrottle, memoryThrottleStore, redisThrottleStore, withFallback, type ThrottleStore } from '../../src/accounts/throttle.ts';
import { unauthorized } from '../../src/lib/errors.ts';

const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : null;
after(() => redis?.disconnect());

function storeContract(name: string, make: () => ThrottleStore, skip: string | false = false) {
  describe(`throttle store contract: ${name}`, { skip }, () => {
    test('hit counts within a window that starts at the first hit, and reports the time left', async () => {
      const s = make();
      const first = await s.hit('k', 10_000);
      assert.equal(first.count, 1);
      assert.ok(first.ttlMs > 9_000 && first.ttlMs <= 10_000, String(first.ttlMs));
      const second = await s.hit('k', 99_000_000);
      assert.equal(second.count, 2);
      assert.ok(second.ttlMs <= 10_000, 'a later hit does not extend the window');
      assert.equal((await s.hit('other', 10_000)).count, 1, 'keys are independent');
    });
    test('release takes one back, never below zero; clear forgets the key', async () => {
      const s = make();
      await s.hit('r', 10_000);
      await s.hit('r', 10_000);
      await s.release('r');
      assert.equal((await s.hit('r', 10_000)).count, 2);
      await s.clear('r');
      await s.release('r'); // nothing there: must not create a key without expiry
      assert.equal((await s.hit('r', 10_000)).count, 1);
    });
    test('the window expires', async () => {
      const s = make();
      await s.hit('e', 60);
      await s.hit('e', 60);
      await new Promise((r) => setTimeout(r, 130));
      assert.equal((await s.hit('e', 60)).count, 1);
    });
  });
}

storeContract('memory', () => memoryThrottleStore());
storeContract('redis', () => redisThrottleStore(redis!, `satprep-test:${randomBytes(4).toString('hex')}:`), !redis && 'REDIS_URL not set');

test('the memory store stays bounded', async () => {
  const s = memoryThrottleStore({ maxKeys: 100 });
  for (let i = 0; i < 1000; i++) await s.hit(`k${i}`, 60_000);
  assert.equal((await s.hit('k999', 60_000)).count, 2, 'recent keys survive');
  assert.equal((await s.hit('k0', 60_000)).count, 1, 'the oldest were dropped');
});

test('a failing Redis falls back to the in-process store instead of letting guesses through', async () => {
  const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null, enableOfflineQueue: false });
  dead.on('error', () => {});
  const throttle = createSignInThrottle(withFallback(redisThrottleStore(dead), memoryThrottleStore()), { maxPerAccount: 2, maxPerIp: 100, windowMs: 60_000 });
  const wrong = () => throttle.guard('a@example.test', '10.0.0.1', async () => Promise.reject(unauthorized('wrong')));
  await assert.rejects(wrong(), { code: 'unauthorized' });
  await assert.rejects(wrong(), { code: 'unauthorized' });
  await assert.rejects(wrong(), { code: 'rate_limited' });
  dead.disconnect();
});

describe('lockout rules', () => {
  const policy = { maxPerAccount: 3, maxPerIp: 5, windowMs: 60_000 };
  const fail = async () => Promise.reject(unauthorized('wrong email or password'));
  const ok = async () => 'signed in';

  test('past the account limit even the right password is refused, with the seconds to wait', async () => {
    const t = createSignInThrottle(memoryThrottleStore(), policy);
    for (let i = 0; i < 3; i++) await assert.rejects(t.guard('Kim@Example.test', '1.1.1.1', fail), { code: 'unauthorized' });
    const locked = await t.guard('kim@example.test ', '2.2.2.2', ok).catch((e) => e);
    assert.equal(locked.code, 'rate_limited', 'the same account, however the email is cased, from anywhere');
    assert.ok(locked.details.retryAfterS > 0 && locked.details.retryAfterS <= 60);
    assert.equal(await t.guard('lee@example.test', '2.2.2.2', ok), 'signed in', 'other accounts are not locked');
  });

  test('a success clears the account count', async () => {
    const t = createSignInThrottle(memoryThrottleStore(), policy);
    for (let i = 0; i < 2; i++) await assert.rejects(t.guard('a@x.test', '1.1.1.1', fail), { code: 'unauthorized' });
    assert.equal(await t.guard('a@x.test', '1.1.1.1', ok), 'signed in');
    for (let i = 0; i < 3; i++) await assert.rejects(t.guard('a@x.test', '1.1.1.1', fail), { code: 'unauthorized' });
    await assert.rejects(t.guard('a@x.test', '1.1.1.1', ok), { code: 'rate_limited' });
  });

  test('one address failing on many accounts is locked out for every account; other addresses are not', async () => {
    const t = createSignInThrottle(memoryThrottleStore(), policy);
    for (let i = 0; i < 5; i++) await assert.rejects(t.guard(`u${i}@x.test`, '6.6.6.6', fail), { code: 'unauthorized' });
    await assert.rejects(t.guard('fresh@x.test', '6.6.6.6', ok), { code: 'rate_limited' });
    assert.equal(await t.guard('fresh@x.test', '7.7.7.7', ok), 'signed in');
  });

  test('a burst of parallel guesses gets no more than the limit checked', async () => {
    const t = createSignInThrottle(memoryThrottleStore(), policy);
    let checked = 0;
    const slowFail = async () => {
      checked++;
      await new Promise((r) => setTimeout(r, 20));
      throw unauthorized('wrong');
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => t.guard('burst@x.test', '3.3.3.3', slowFail)));
    assert.equal(checked, 3);
    assert.equal(results.filter((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'rate_limited').length, 17);
  });

  test('faults other than a wrong password do not count', async () => {
    const t = createSignInThrottle(memoryThrottleStore(), policy);
    for (let i = 0; i < 10; i++) await assert.rejects(t.guard('b@x.test', '1.1.1.1', async () => Promise.reject(new Error('database down'))), /database down/);
    assert.equal(await t.guard('b@x.test', '1.1.1.1', ok), 'signed in');
  });
});
