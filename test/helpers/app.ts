/**
 * A built app on a fresh test database, with fast password hashing and a fixed signing
 * key, plus helpers to make users and call routes as them.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type AppDeps } from '../../src/api/app.ts';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { createAiService } from '../../src/ai/service.ts';
import { seedContent } from '../../src/content/seed.ts';
import { refreshAiSources } from '../../src/practice/sources.ts';
import { createMemoryCache } from '../../src/cache/index.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** A small bank (12 items a skill) is enough for every route and quick to store. */
export const TEST_BANK_PER_SKILL = 12;

/** `deps`: parts to swap in (a Redis tutor hub, a job queue). */
export async function createTestApp(env: Record<string, string> = {}, opts: { bank?: boolean; deps?: Partial<AppDeps> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', SCRYPT_COST: '1024', JWT_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_PER_MINUTE: '100000', ...env });
  const cache = createMemoryCache();
  const ai = createAiService({ config, cache });
  if (opts.bank !== false) {
    await seedContent(database.db, { perSkill: TEST_BANK_PER_SKILL });
    await refreshAiSources(database.db, ai);
  }
  const app = await buildApp({ database, cache, config, tokens: tokenSettings(config), ai, ...opts.deps });
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: string;
  token: string;
  refreshToken: string;
}

let counter = 0;

export async function signUp(
  app: FastifyInstance,
  role: 'student' | 'tutor' | 'parent',
  extra: { birthDate?: string; name?: string } = {},
): Promise<TestUser> {
  const email = `${role}${++counter}-${randomBytes(3).toString('hex')}@example.test`;
  const password = 'correct horse battery';
  const res = await app.inject({
    method: 'POST',
    url: '/auth/signup',
    payload: { email, password, displayName: extra.name ?? `${role} ${counter}`, role, ...(extra.birthDate ? { birthDate: extra.birthDate } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { id: body.user.id, email, password, role, token: body.accessToken, refreshToken: body.refreshToken };
}

/** Inject as a user (bearer token), JSON in and out. */
export function as(app: FastifyInstance, user: TestUser | null) {
  return (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(user ? { authorization: `Bearer ${user.token}` } : {}) } });
}
