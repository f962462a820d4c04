/**
 * What every subcommand needs, opened lazily: the validated config and the database
 * (migrated). Commands call `withDatabase` so the connection is always closed.
 */
import path from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { migrateDatabase, openConfiguredDatabase, type Database } from '../db/index.ts';

export function config(): Config {
  return loadConfig();
}

/**
 * A default output folder under the data directory. Artifacts live where the jobs write theirs,
 * where the API and `dataset build --synth` look for them and where backups cover them — not in
 * whatever folder the command happened to be run from. Read when the command runs (help must
 * not depend on a valid configuration), so `--help` names it through `DATA_DIR_HELP`.
 */
export function underDataDir(...parts: string[]): string {
  return path.join(config().DATA_DIR, ...parts);
}

/** A seed or name as one folder name: no separators, no `.`/`..`, never empty. */
export function folderName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\./, '_') || '_';
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
