import type { Command } from 'commander';

export function registerDb(program: Command): void {
  const db = program.command('db').description('database schema and maintenance');

  db.command('migrate')
    .description('apply pending migrations to the configured database (PostgreSQL or embedded PGlite)')
    .action(async () => {
      const [{ migrateDatabase }, { withDatabase }] = await Promise.all([import('../../db/index.ts'), import('../context.ts')]);
      await withDatabase(
        async (database) => {
          const { applied } = await migrateDatabase(database);
          console.log(`${database.location}: ${applied} migration(s) applied, schema up to date`);
        },
        { migrate: false },
      );
    });

  db.command('reset')
    .description('drop every table and migrate from scratch (destroys all data)')
    .option('--yes', 'confirm that all data may be destroyed')
    .action(async (opts: { yes?: boolean }) => {
      if (!opts.yes) throw new UsageError('db reset destroys all data; pass --yes to confirm');
      const [{ resetDatabase }, { withDatabase }] = await Promise.all([import('../../db/index.ts'), import('../context.ts')]);
      await withDatabase(
        async (database) => {
          await resetDatabase(database);
          console.log(`${database.location}: reset and migrated`);
        },
        { migrate: false },
      );
    });
}

/**
 * A mistake in how a command was called (exit 2). Every command and src/cli/options.ts throw it,
 * and main.ts checks for it on every failure, so this module must stay cheap to load: the
 * database modules above are imported when a `db` command runs, not here.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
