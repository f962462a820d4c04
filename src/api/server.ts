/**
 * The server process: open the database (migrating it), the cache, build the app, listen,
 * and close everything in order on SIGINT/SIGTERM.
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
import { buildApp } from './app.ts';

export async function startServer(config: Config): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openConfiguredDatabase(config);
  const { applied } = await migrateDatabase(database);
  logger.info({ driver: database.driver, location: database.location, applied }, 'database ready');
  const cache = await createCache({ redisUrl: config.REDIS_URL });
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 }) : undefined;
  redis?.on('error', () => {}); // rate limiting skips a failing store rather than failing requests
  const ai = createAiService({ config, cache });
  const app = await buildApp({ database, cache, config, logger, redis, tokens: tokenSettings(config), ai });
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
      abort.abort();
      await seeding;
      await app.close();
      await cache.close();
      redis?.disconnect();
      await database.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return { url, close };
}
