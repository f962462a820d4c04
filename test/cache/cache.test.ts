import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createCache, createMemoryCache, type Cache } from '../../src/cache/index.ts';

/** One contract, run against every implementation. */
function cacheContract(name: string, make: () => Promise<Cache>, skip: string | false = false) {
  describe(`cache contract: ${name}`, { skip }, () => {
    test('set, get, overwrite, delete', async () => {
      const c = await make();
      assert.equal(await c.get('k'), undefined);
      await c.set('k', 'v1');
      assert.equal(await c.get('k'), 'v1');
      await c.set('k', 'v2');
      assert.equal(await c.get('k'), 'v2');
      await c.del('k');
      assert.equal(await c.get('k'), undefined);
      await c.close();
    });
    test('entries expire after their TTL', async () => {
      const c = await make();
      await c.set('t', 'x', 50);
      assert.equal(await c.get('t'), 'x');
      await new Promise((r) => setTimeout(r, 120));
      assert.equal(await c.get('t'), undefined);
      await c.close();
    });
    test('ping answers', async () => {
      const c = await make();
      assert.ok((await c.ping()) >= 0);
      await c.close();
    });
  });
}

cacheContract('memory', async () => createMemoryCache());
const prefix = `satprep-test:${randomBytes(4).toString('hex')}:`;
cacheContract(
  'redis',
  () => createCache({ redisUrl: process.env.REDIS_URL, prefix }),
  !process.env.REDIS_URL && 'REDIS_URL not set',
);

test('the memory cache evicts the least recently used entry', async () => {
  const c = createMemoryCache(2);
  await c.set('a', '1');
  await c.set('b', '2');
  await c.get('a');
  await c.set('c', '3');
  assert.equal(await c.get('b'), undefined);
  assert.equal(await c.get('a'), '1');
});

test('an unreachable Redis is reported with a clear error', async () => {
  await assert.rejects(createCache({ redisUrl: 'redis://127.0.0.1:1' }), /cannot connect to REDIS_URL/);
});
