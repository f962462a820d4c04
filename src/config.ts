/**
 * The one configuration of the process, read from environment variables and validated
 * once at start-up. Every variable, its default and its meaning are listed here and in
 * the README; nothing else reads `process.env`.
 */
import { z } from 'zod';
import { parseCron } from './lib/cron.ts';

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be an integer')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const postgresUrl = z
  .string()
  .refine((s) => /^postgres(ql)?:\/\/./.test(s), 'must be a postgres:// or postgresql:// URL');

const redisUrl = z.string().refine((s) => /^rediss?:\/\/./.test(s), 'must be a redis:// or rediss:// URL');

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

const isCron = (s: string) => {
  try {
    parseCron(s);
    return true;
  } catch {
    return false;
  }
};

const commaList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** Exact origins only: a wildcard would let any site read replies meant for a signed-in user. */
const corsOrigins = z
  .string()
  .transform(commaList)
  .refine((list) => !list.includes('*'), '* is not allowed; list exact origins')
  .refine(
    (list) =>
      list.every((o) => {
        if (o === '*') return true; // reported by the rule above
        try {
          const u = new URL(o);
          return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o;
        } catch {
          return false;
        }
      }),
    'must be origins like https://app.example.org (scheme, host, optional port; no path)',
  );

const trustProxy = z.string().transform((s): boolean | number | string => {
  if (s === 'true' || s === 'false') return s === 'true';
  return /^\d+$/.test(s) ? Number(s) : commaList(s).join(',');
});

const previousSecrets = z
  .string()
  .transform(commaList)
  .refine((list) => list.every((k) => k.length >= 32), 'each key must be at least 32 characters');

export const configSchema = z.object({
  /** HTTP port of `satprep serve`. */
  PORT: port.default(3000),
  /** Interface to listen on; 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL connection; unset → embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.optional()),
  /** Where the embedded database and generated artifacts live. */
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Redis for cache, rate limits, fan-out and jobs; unset → in-process equivalents. */
  REDIS_URL: z.preprocess(emptyToUndefined, redisUrl.optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL connections per process. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Milliseconds to wait for the database at start-up before giving up. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** Any OpenAI-compatible chat-completions server (hosted, vLLM, llama.cpp, Ollama). */
  OPENAI_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  OPENAI_API_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** A/B test: a registered in-house model version (`lm@…` or its hash) served beside the active one to LM_AB_SHARE of traffic. */
  LM_AB_VERSION: z.preprocess(emptyToUndefined, z.string().regex(/^(lm@)?[0-9a-f]{12}$/, 'must be a model version like lm@3f2a9c1d0b7e').optional()),
  /** Share of in-house traffic (0–1) the LM_AB_VERSION model answers; assignment is sticky per user. */
  LM_AB_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  /** Milliseconds between reads of the active in-house model: a promotion is served within this, without a restart. */
  LM_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  /** On start, register and activate the shipped default model (models/small) when no language model was ever registered. Default: yes, except NODE_ENV=test. */
  LM_INSTALL_DEFAULT: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** When the worker retrains the in-house model (UTC cron, 5 fields); default quarterly, 03:00 on 1 Jan/Apr/Jul/Oct; `off` disables it. */
  LM_RETRAIN_CRON: z
    .string()
    .default('0 3 1 */3 *')
    .refine((s) => s === 'off' || isCron(s), 'must be a 5-field cron expression (minute hour day-of-month month day-of-week) or off'),
  /** HMAC key for access tokens (≥ 32 chars). Unset → a random key kept in DATA_DIR/secrets (one machine only). */
  JWT_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  /** HMAC key that pseudonymises user ids in training exports. Unset → generated into DATA_DIR/secrets. */
  PSEUDONYM_KEY: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_S: z.coerce.number().int().min(300).max(31_536_000).default(2_592_000),
  /** scrypt N for new password hashes (a power of two). */
  SCRYPT_COST: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'must be a power of two ≥ 1024')
    .default(32_768),
  /** Requests per minute per signed-in user, or per IP address when signed out. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** On start, fill an empty database with the default item bank and lessons (in the background). */
  SEED_ON_START: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Bearer token that `GET /metrics` requires. Unset → /metrics is open in development and test, refused (403) in production. */
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  /** Browser origins allowed to call the API cross-origin, comma-separated (`https://app.example.org`); unset → same origin only. `*` is refused. */
  CORS_ORIGINS: z.preprocess(emptyToUndefined, corsOrigins.optional()).transform((v) => v ?? []),
  /** Strict-Transport-Security max-age in seconds; 0 sends no HSTS. Set it when the API is only reached over TLS. */
  HSTS_MAX_AGE_S: z.coerce.number().int().min(0).max(63_072_000).default(0),
  /** Proxies whose X-Forwarded-For is believed (Fastify `trustProxy`): false, true, a hop count, or comma-separated addresses/CIDRs. Per-IP limits need it behind a load balancer. */
  TRUST_PROXY: z.preprocess(emptyToUndefined, trustProxy.optional()).transform((v) => v ?? false),
  /** Keys still accepted for verifying access tokens (never for signing), comma-separated: the previous JWT_SECRET during a rotation. */
  JWT_PREVIOUS_SECRETS: z.preprocess(emptyToUndefined, previousSecrets.optional()).transform((v) => v ?? []),
  /** Failed sign-ins for one account within SIGNIN_LOCKOUT_S before that account is locked for the rest of the window. */
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Failed sign-ins from one IP address (any accounts) within SIGNIN_LOCKOUT_S before that address is locked. */
  SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** The sign-in failure window and lockout, in seconds: counting starts at the first failure. */
  SIGNIN_LOCKOUT_S: z.coerce.number().int().min(1).max(86_400).default(900),
  /** After SIGTERM/SIGINT, how long draining may take before open connections are cut and the process exits 1. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** After SIGTERM/SIGINT, how long /ready answers 503 while still serving, so a load balancer stops routing here before the listener closes. */
  SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /** Test-only: scales every full-length test module's time limit and the break (0.001 makes a 32-minute module about 2 s). */
  FULL_TEST_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Test-only: questions per full-length test module, pretest included; unset gives the SAT's 27 (R&W) and 22 (Math). */
  FULL_TEST_ITEMS_PER_MODULE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(27).optional()),
  /** Redis key prefix of the BullMQ job queue (with REDIS_URL): deployments sharing one Redis need different ones. */
  JOB_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, : _ - (1–64)').default('satprep-bull'),
  /** Test-only: a pause in milliseconds at each progress step of a background job (src/jobs), so a crash test can kill a worker mid-job. */
  JOB_TEST_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Variables whose values must never be echoed back in an error. */
const SECRET_KEYS = new Set(['DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'JWT_SECRET', 'PSEUDONYM_KEY', 'METRICS_TOKEN', 'JWT_PREVIOUS_SECRETS']);

/** Parse and validate; throws ConfigError whose message names each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) picked[key] = env[key];
  const result = configSchema.safeParse(picked);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '?');
    const shown = SECRET_KEYS.has(key) ? '' : ` (got ${JSON.stringify(picked[key])})`;
    return `${key} ${issue.message}${shown}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

/** A URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}
