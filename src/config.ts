/**
 * The one configuration of the process, read from environment variables and validated
 * once at start-up. Every variable, its default and its meaning are listed here and in
 * the README; nothing else reads `process.env`.
 */
import { z } from 'zod';

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
  /** Test-only: scales every full-length test module's time limit and the break (0.001 makes a 32-minute module about 2 s). */
  FULL_TEST_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Test-only: questions per full-length test module, pretest included; unset gives the SAT's 27 (R&W) and 22 (Math). */
  FULL_TEST_ITEMS_PER_MODULE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(27).optional()),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Variables whose values must never be echoed back in an error. */
const SECRET_KEYS = new Set(['DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'JWT_SECRET', 'PSEUDONYM_KEY']);

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
