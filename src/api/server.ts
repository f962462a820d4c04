/**
 * The server process: open the database (migrating it), the cache, build the app, listen,
 * and shut down gracefully on SIGINT/SIGTERM: /ready turns 503 (for SHUTDOWN_DRAIN_DELAY_MS
 * while still serving, so a load balancer moves traffic away), then the listener closes,
 * WebSocket clients are told and closed with 1001, in-flight requests finish, and the
 * cache, Redis and database close — all within SHUTDOWN_TIMEOUT_MS, after which open
 * connections are cut and the process exits 1. The same signal again exits at once.
 */
import { Redis } from 'ioredis';
import { tokenSettings } from '../accounts/secrets.ts';
import { createAiService } from '../ai/service.ts';
import { refreshAiSources } from '../practice/sources.ts';
import { createCache } from '../cache/index.ts';
import { seedContent } from '../content/seed.ts';
import type { Config } from '../config.ts';
import { migrateDatabase, openConfiguredDatabase } from '../db/index.ts';
import { createLogger } from '../lib/log.ts';
import { openJobs } from '../jobs/index.ts';
import { installDefaultModel } from '../model/default-model.ts';
import { servingFromConfig } from '../model/serve/source.ts';
import { createRedisHub } from '../tutor/redis-hub.ts';
import { buildApp } from './app.ts';

export interface ServeOptions {
  /** Run background jobs in this process too. Default: yes on the table queue (no REDIS_URL), no with Redis (run `satprep worker`). */
  runJobs?: boolean;
}

export async function startServer(config: Config, opts: ServeOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openConfiguredDatabase(config);
  const { applied } = await migrateDatabase(database);
  logger.info({ driver: database.driver, location: database.location, applied }, 'database ready');
  if (config.LM_INSTALL_DEFAULT ?? config.NODE_ENV !== 'test') {
    // Several processes may start at once on a fresh database: one registers, the others see a unique-key clash and go on.
    await installDefaultModel(database.db, { dataDir: config.DATA_DIR }).then(
      (r) => r.installed && logger.info({ version: r.version }, 'shipped default model installed and active'),
      (err: Error) => logger.warn({ err: err.message }, 'shipped default model not installed'),
    );
  }
  const cache = await createCache({ redisUrl: config.REDIS_URL });
  // No offline queue: while Redis is down, rate-limit and sign-in-throttle commands fail at once
  // (limits fail open; sign-in counts fall back to this process) instead of waiting for a reconnect.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false }) : undefined;
  redis?.on('error', () => {}); // rate limiting skips a failing store rather than failing requests
  // The active in-house model (if one is registered) answers first, on its own worker thread; promotions are picked up without a restart.
  const inHouse = servingFromConfig(database.db, config, { onError: (err) => logger.warn({ err: err.message }, 'in-house model registry read failed') });
  const ai = createAiService({ config, cache, inHouse });
  // With Redis, jobs go to BullMQ and tutor frames fan out through Redis pub/sub: nothing that matters stays in this process.
  const jobs = await openJobs({ database, config, log: logger, worker: (opts.runJobs ?? !config.REDIS_URL) ? {} : false });
  const hub = config.REDIS_URL ? createRedisHub(config.REDIS_URL, { onError: (err) => logger.warn({ err }, 'tutor fan-out') }) : undefined;
  const app = await buildApp({ database, cache, config, logger, redis, tokens: tokenSettings(config), ai, jobs: jobs.queue, hub });
  const url = await app.listen({ port: config.PORT, host: config.HOST });

  // Seeding an empty database takes tens of seconds; the server answers meanwhile and
  // /health reports it. The bank is written in one transaction: all of it or none.
  const abort = new AbortController();
  const seeding = config.SEED_ON_START
    ? seedContent(database.db, {
        signal: abort.signal,
        onSkill: (skill, built) => logger.debug({ skill, built }, 'seeding content'),
      }).then(
        async (r) => {
          await refreshAiSources(database.db, ai);
          app.deps.contentStatus = 'ready';
          if (!r.skipped) logger.info({ items: r.itemsInserted, lessons: r.lessons }, 'content seeded');
        },
        (err: Error) => {
          app.deps.contentStatus = 'failed';
          if (!abort.signal.aborted) logger.error({ err: err.message }, 'content seeding failed');
        },
      )
    : Promise.resolve();
  if (config.SEED_ON_START) app.deps.contentStatus = 'seeding';

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      app.deps.draining = true;
      abort.abort();
      await seeding;
      // Fastify: stop accepting, 503 to new requests on open connections, wait for in-flight ones.
      await app.close();
      await inHouse.close();
      // A running job finishes within half the shutdown budget, else goes back to the queue.
      await jobs.close(config.SHUTDOWN_TIMEOUT_MS / 2);
      await hub?.close();
      await cache.close();
      await redis?.quit().catch(() => redis.disconnect());
      await database.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal, drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down');
      app.deps.draining = true;
      setTimeout(() => {
        logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; cutting open connections');
        app.server.closeAllConnections();
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS).unref();
      new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_DELAY_MS))
        .then(close)
        .then(
          () => {
            logger.info('shut down cleanly');
            process.exit(0);
          },
          (err: Error) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
    });
  }
  return { url, close };
}
