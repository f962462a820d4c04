/**
 * What every subcommand needs, opened lazily: the validated config and the database
 * (migrated). Commands call `withDatabase` so the connection is always closed.
 */
import { loadConfig, type Config } from '../config.ts';
import { migrateDatabase, openConfiguredDatabase, type Database } from '../db/index.ts';

export function config(): Config {
  return loadConfig();
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
