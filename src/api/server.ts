/**
 * The server process: open the database (migrating it), the cache, build the app, listen,
 * and close everything in order on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { createCache } from '../cache/index.ts';
import type { Config } from '../config.ts';
import { migrateDatabase, openDatabase } from '../db/index.ts';
import { createLogger } from '../lib/log.ts';
import { buildApp } from './app.ts';

export async function startServer(config: Config): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'pglite'),
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  });
  const { applied } = await migrateDatabase(database);
  logger.info({ driver: database.driver, location: database.location, applied }, 'database ready');
  const cache = await createCache({ redisUrl: config.REDIS_URL });
  const app = await buildApp({ database, cache, config, logger });
  const url = await app.listen({ port: config.PORT, host: config.HOST });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await cache.close();
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
