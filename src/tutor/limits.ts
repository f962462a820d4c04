/**
 * A token bucket (capacity `burst`, refilled at `perMinute`): a connection may send a short
 * burst, then keeps to the steady rate. The clock is passed in so tests need no sleeping.
 */
export interface BucketSpec {
  burst: number;
  perMinute: number;
}

export function tokenBucket(spec: BucketSpec, now: () => number = Date.now) {
  let tokens = spec.burst;
  let at = now();
  return {
    /** Takes one token if there is one. */
    take(): boolean {
      const t = now();
      tokens = Math.min(spec.burst, tokens + ((t - at) * spec.perMinute) / 60_000);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    /** Milliseconds until the next token. */
    waitMs(): number {
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 60_000) / spec.perMinute);
    },
  };
}

export interface ConnectionLimits {
  /** Chat messages: each one runs the model. */
  messages: BucketSpec;
  /** Every frame, malformed ones included: bounds the work a flood can cause. */
  frames: BucketSpec;
  /** How long an unauthenticated socket may wait for its `auth` frame. */
  authTimeoutMs: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  messages: { burst: 5, perMinute: 12 },
  frames: { burst: 30, perMinute: 240 },
  authTimeoutMs: 10_000,
};
