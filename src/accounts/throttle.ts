/**
 * Sign-in throttling and lockout. Failed sign-ins are counted per account and per client
 * address in a fixed window that starts at the first failure; once either count reaches its
 * limit, sign-in for that account (or from that address) is refused with 429 and a
 * Retry-After until the window ends — even with the right password, or the lock would only
 * slow guessing down. A successful sign-in clears the account's count but not the
 * address's: otherwise one attacker-owned account would reset the address limit between
 * guesses at other people's passwords.
 *
 * Counts live in Redis when configured (shared by every API process) and in process memory
 * otherwise. When Redis fails, the in-process store takes over for that call: weaker (per
 * process) but never open. Account keys hold a hash of the email, not the email.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../lib/errors.ts';

export interface ThrottleStore {
  /** Count one under `key`; returns the count and the ms left in its window (which starts at the first count). */
  hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Take one back (never below zero, never reopening an expired window). */
  release(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface ThrottlePolicy {
  maxPerAccount: number;
  maxPerIp: number;
  windowMs: number;
}

/** Process memory, bounded: expired windows are swept when the map grows, the oldest dropped past `maxKeys`. */
export function memoryThrottleStore(opts: { maxKeys?: number; now?: () => number } = {}): ThrottleStore {
  const maxKeys = opts.maxKeys ?? 100_000;
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { count: number; until: number }>();
  const live = (key: string) => {
    const w = windows.get(key);
    if (w && w.until <= now()) windows.delete(key);
    return w && w.until > now() ? w : undefined;
  };
  const sweep = () => {
    const t = now();
    for (const [k, w] of windows) if (w.until <= t) windows.delete(k);
    // Still full of live windows (a flood of addresses): drop the oldest tenth in one go, not one per insert.
    for (const k of windows.keys()) {
      if (windows.size < maxKeys * 0.9) break;
      windows.delete(k);
    }
  };
  return {
    async hit(key, windowMs) {
      let w = live(key);
      if (!w) {
        if (windows.size >= maxKeys) sweep();
        windows.set(key, (w = { count: 0, until: now() + windowMs }));
      }
      w.count++;
      return { count: w.count, ttlMs: w.until - now() };
    },
    async release(key) {
      const w = live(key);
      if (w && w.count > 0) w.count--;
    },
    async clear(key) {
      windows.delete(key);
    },
  };
}

/** Decrements only a live key: a plain DECR on an expired one would create it with no expiry. */
const RELEASE = "if redis.call('exists', KEYS[1]) == 1 and tonumber(redis.call('get', KEYS[1])) > 0 then return redis.call('decr', KEYS[1]) end return 0";

/** Redis: SET NX with the window's expiry, then INCR (which keeps the expiry) and PTTL, in one MULTI. */
export function redisThrottleStore(redis: Redis, prefix = 'satprep-signin:'): ThrottleStore {
  return {
    async hit(key, windowMs) {
      const res = await redis.multi().set(prefix + key, '0', 'PX', windowMs, 'NX').incr(prefix + key).pttl(prefix + key).exec();
      const failed = !res ? new Error('transaction aborted') : res.find(([err]) => err)?.[0];
      if (failed || !res) throw failed ?? new Error('no reply');
      return { count: Number(res[1][1]), ttlMs: Math.max(Number(res[2][1]), 0) };
    },
    async release(key) {
      await redis.eval(RELEASE, 1, prefix + key);
    },
    async clear(key) {
      await redis.del(prefix + key);
    },
  };
}

/** `primary` while it answers, `fallback` for any call it fails. */
export function withFallback(primary: ThrottleStore, fallback: ThrottleStore): ThrottleStore {
  return {
    hit: (key, windowMs) => primary.hit(key, windowMs).catch(() => fallback.hit(key, windowMs)),
    release: (key) => primary.release(key).catch(() => fallback.release(key)),
    clear: (key) => primary.clear(key).catch(() => fallback.clear(key)),
  };
}

const accountKey = (email: string) => `a:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
const ipKey = (ip: string) => `i:${ip}`;

export interface SignInThrottle {
  /**
   * Runs `attempt` unless the account or address is locked (429 with `details.retryAfterS`).
   * An attempt failing with 401 counts against both; a success clears the account's count.
   */
  guard<T>(email: string, ip: string, attempt: () => Promise<T>): Promise<T>;
}

/**
 * Each attempt is counted BEFORE the password is checked and taken back after unless it
 * failed: checking first and counting after would let a burst of parallel guesses all pass
 * the check before any of them is counted.
 */
export function createSignInThrottle(store: ThrottleStore, policy: ThrottlePolicy): SignInThrottle {
  return {
    async guard<T>(email: string, ip: string, attempt: () => Promise<T>): Promise<T> {
      const acct = accountKey(email);
      const addr = ipKey(ip);
      const [a, i] = await Promise.all([store.hit(acct, policy.windowMs), store.hit(addr, policy.windowMs)]);
      const waitMs = Math.max(a.count > policy.maxPerAccount ? a.ttlMs : 0, i.count > policy.maxPerIp ? i.ttlMs : 0);
      if (waitMs > 0) {
        // Refused unchecked, so not a guess: it does not lengthen anyone's count.
        await Promise.all([store.release(acct), store.release(addr)]);
        const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
        throw new AppError('rate_limited', `too many failed sign-ins; try again in ${retryAfterS} s`, { retryAfterS });
      }
      let result: T;
      try {
        result = await attempt();
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'unauthorized')) await Promise.all([store.release(acct), store.release(addr)]);
        throw err;
      }
      await Promise.all([store.clear(acct), store.release(addr)]);
      return result;
    },
  };
}
