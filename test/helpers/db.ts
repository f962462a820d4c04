/**
 * A fresh, migrated database per test file: an in-memory PGlite by default, or — when
 * DATABASE_URL is set (CI) — a new PostgreSQL database created for this file and
 * dropped afterwards, so runs never see each other's rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { writeFileAtomic } from '../../src/lib/atomic-file.ts';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type Database } from '../../src/db/index.ts';

export interface TestDatabase extends Database {
  /** PostgreSQL only: the connection URL of this test's database (for child processes). */
  url?: string;
  dispose(): Promise<void>;
}

export async function createTestDatabase(opts: { migrate?: boolean; driver?: 'pglite' | 'postgres' } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  const driver = opts.driver ?? (adminUrl ? 'postgres' : 'pglite');
  let database: Database;
  let drop = async () => {};
  let dbUrl: string | undefined;
  if (driver === 'postgres') {
    if (!adminUrl) throw new Error('createTestDatabase: postgres requested but DATABASE_URL is not set');
    const scratch = await createScratchDatabase(adminUrl, `satprep_t_${process.pid}_${randomBytes(4).toString('hex')}`);
    dbUrl = scratch.url;
    database = await openDatabase({ url: dbUrl, poolSize: 4 });
    drop = scratch.drop;
  } else if (opts.migrate !== false) {
    database = await openDatabase({ dataDir: null, loadDataDir: await migratedTemplate() });
  } else {
    database = await openDatabase({ dataDir: null });
  }
  if (opts.migrate !== false) await migrateDatabase(database);
  return {
    ...database,
    url: dbUrl,
    /** Closes the connection (a test may have closed it already, to see an outage) and drops the database. */
    async dispose() {
      await database.close().catch(() => {});
      await drop();
    },
  };
}

/**
 * A database made on the server at `adminUrl` (a URL whose user may create databases) for one
 * test file or benchmark run, and dropped after it, so runs never see each other's rows.
 */
export interface ScratchDatabase {
  name: string;
  /** The admin URL with the new database's name as its path. */
  url: string;
  /** Drops it, closing whatever connections are still open to it. */
  drop(): Promise<void>;
}

export async function createScratchDatabase(adminUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`scratch database name must be [a-z0-9_]+, got ${JSON.stringify(name)}`);
  await adminQuery(adminUrl, `create database "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { name, url: u.toString(), drop: () => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`) };
}

/** One statement on the server at `url` (database creation and dropping, outside any pool). */
export async function adminQuery(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

export const hasPostgres = () => Boolean(process.env.DATABASE_URL);

/**
 * Creating a PGlite runs initdb (2–3 s here); loading a dump of an already migrated one
 * takes well under 1 s. The dump is cached in .tmp/, keyed by the migrations' content.
 */
async function migratedTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(f).update(readFileSync(path.join(MIGRATIONS_FOLDER, f)));
  }
  const file = path.resolve('.tmp', `pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (!existsSync(file)) {
    const db = await openDatabase({ dataDir: null });
    await migrateDatabase(db);
    if (db.raw.kind !== 'pglite') throw new Error('unreachable: template is PGlite');
    const dump = await db.raw.client.dumpDataDir('none');
    await db.close();
    mkdirSync(path.dirname(file), { recursive: true });
    // Atomic: concurrent test files never read a half-written dump.
    writeFileAtomic(file, Buffer.from(await dump.arrayBuffer()));
  }
  return new Blob([readFileSync(file)]);
}
