/**
 * A small key→string cache with TTLs: in-process LRU by default, Redis when REDIS_URL is
 * set (so several API processes share it). Both pass the same contract tests.
 */
import { Redis } from 'ioredis';

export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Round-trip time in ms; throws when the backing store is gone. */
  ping(): Promise<number>;
  close(): Promise<void>;
}

export interface CacheOptions {
  redisUrl?: string;
  /** Prefix for every key (isolates test runs and deployments sharing one Redis). */
  prefix?: string;
  /** Max entries of the in-process LRU. */
  maxEntries?: number;
}

export async function createCache(opts: CacheOptions = {}): Promise<Cache> {
  return opts.redisUrl ? createRedisCache(opts.redisUrl, opts.prefix ?? 'satprep:') : createMemoryCache(opts.maxEntries);
}

export function createMemoryCache(maxEntries = 10_000): Cache {
  // Map iteration order is insertion order: re-inserting on read makes it an LRU.
  const entries = new Map<string, { value: string; expires: number }>();
  return {
    kind: 'memory',
    async get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expires <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, e);
      return e.value;
    },
    async set(key, value, ttlMs) {
      entries.delete(key);
      entries.set(key, { value, expires: ttlMs ? Date.now() + ttlMs : Infinity });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    async del(key) {
      entries.delete(key);
    },
    async ping() {
      return 0;
    },
    async close() {
      entries.clear();
    },
  };
}

export class CacheUnavailableError extends Error {
  override name = 'CacheUnavailableError';
}

/**
 * Redis, degraded to this process's own LRU while Redis fails: a lost connection must slow
 * nothing and fail nothing (issue 15), so commands are not queued for a reconnect
 * (`enableOfflineQueue: false` fails them at once) and a failed get/set falls back to the
 * local cache. Deletes go to both (one that Redis misses during the outage lives there until its TTL).
 * `ping` still throws, so /health reports the outage. ioredis reconnects by itself.
 */
async function createRedisCache(url: string, prefix: string): Promise<Cache> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 3000, keyPrefix: prefix, enableOfflineQueue: false });
  redis.on('error', () => {}); // reported by the failing command instead
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new CacheUnavailableError(`cannot connect to REDIS_URL: ${(err as Error).message}`);
  }
  const local = createMemoryCache(1000);
  return {
    kind: 'redis',
    async get(key) {
      try {
        return (await redis.get(key)) ?? undefined;
      } catch {
        return local.get(key);
      }
    },
    async set(key, value, ttlMs) {
      try {
        if (ttlMs) await redis.set(key, value, 'PX', ttlMs);
        else await redis.set(key, value);
      } catch {
        await local.set(key, value, ttlMs);
      }
    },
    async del(key) {
      await local.del(key);
      await redis.del(key).catch(() => {});
    },
    async ping() {
      const t0 = performance.now();
      await redis.ping();
      return performance.now() - t0;
    },
    async close() {
      await local.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
