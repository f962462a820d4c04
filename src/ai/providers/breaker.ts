/**
 * A circuit breaker per provider: after `threshold` consecutive failures (errors, timeouts,
 * HTTP errors; not check failures, which say nothing about the provider's health) the
 * provider is skipped for `cooldownMs`; then one trial call is let through (half-open),
 * and its outcome closes or re-opens the circuit.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface Breaker {
  allow(key: string): boolean;
  success(key: string): void;
  failure(key: string): void;
  state(key: string): BreakerState;
}

export function createBreaker(opts: { threshold?: number; cooldownMs?: number; now?: () => number } = {}): Breaker {
  const threshold = opts.threshold ?? 3;
  const cooldownMs = opts.cooldownMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const circuits = new Map<string, { failures: number; openedAt: number | null; trial: boolean }>();
  const get = (k: string) => {
    let c = circuits.get(k);
    if (!c) circuits.set(k, (c = { failures: 0, openedAt: null, trial: false }));
    return c;
  };
  const state = (k: string): BreakerState => {
    const c = get(k);
    if (c.openedAt === null) return 'closed';
    return now() - c.openedAt >= cooldownMs ? 'half-open' : 'open';
  };
  return {
    state,
    allow(k) {
      const s = state(k);
      if (s === 'closed') return true;
      if (s === 'open') return false;
      const c = get(k);
      if (c.trial) return false; // one trial at a time
      c.trial = true;
      return true;
    },
    success(k) {
      circuits.set(k, { failures: 0, openedAt: null, trial: false });
    },
    failure(k) {
      const c = get(k);
      c.failures++;
      c.trial = false;
      if (c.openedAt !== null || c.failures >= threshold) c.openedAt = now();
    },
  };
}
