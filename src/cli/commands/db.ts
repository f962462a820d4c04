import type { Command } from 'commander';
import { migrateDatabase, resetDatabase } from '../../db/index.ts';
import { withDatabase } from '../context.ts';

export function registerDb(program: Command): void {
  const db = program.command('db').description('database schema and maintenance');

  db.command('migrate')
    .description('apply pending migrations to the configured database (PostgreSQL or embedded PGlite)')
    .action(async () => {
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
      await withDatabase(
        async (database) => {
          await resetDatabase(database);
          console.log(`${database.location}: reset and migrated`);
        },
        { migrate: false },
      );
    });
}

export class UsageError extends Error {
  override name = 'UsageError';
}
