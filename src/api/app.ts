/**
 * The HTTP application as a Fastify instance you can `inject()` into: no port, no process
 * signals. `server.ts` owns the process side.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Cache } from '../cache/index.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Logger } from '../lib/log.ts';
import { installErrorHandlers } from './errors.ts';
import { healthRoutes } from './routes/health.ts';

export interface AppDeps {
  database: Database;
  cache: Cache;
  config: Config;
  logger?: Logger;
  /** Background content seeding at start-up, shown by /health. */
  contentStatus?: 'seeding' | 'ready' | 'failed';
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    bodyLimit: 1_048_576,
  });
  app.decorate('deps', deps);
  installErrorHandlers(app);
  await app.register(healthRoutes);
  return app;
}
