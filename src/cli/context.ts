/**
 * What every subcommand needs, opened lazily: the validated config and the database
 * (migrated). Commands call `withDatabase` so the connection is always closed.
 */
import path from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { migrateDatabase, openDatabase, type Database } from '../db/index.ts';

export function config(): Config {
  return loadConfig();
}

export async function openConfiguredDatabase(cfg: Config): Promise<Database> {
  return openDatabase({
    url: cfg.DATABASE_URL,
    dataDir: path.join(cfg.DATA_DIR, 'pglite'),
    connectTimeoutMs: cfg.DB_CONNECT_TIMEOUT_MS,
    poolSize: cfg.DB_POOL_SIZE,
  });
}

export async function withDatabase<T>(
  fn: (database: Database, cfg: Config) => Promise<T>,
  opts: { migrate?: boolean } = { migrate: true },
): Promise<T> {
  const cfg = config();
  const database = await openConfiguredDatabase(cfg);
  try {
    if (opts.migrate !== false) await migrateDatabase(database);
    return await fn(database, cfg);
  } finally {
    await database.close();
  }
}
