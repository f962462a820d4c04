/**
 * The connection factory: DATABASE_URL set → PostgreSQL through `pg`; unset → embedded
 * PGlite (the same Postgres, compiled to WebAssembly) persisted in a folder. Both speak
 * the same SQL, run the same migrations and give domain code the same `Db` type.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import path from 'node:path';
import { redactUrl, type Config } from '../config.ts';
import { lockDataDir } from './pglite-lock.ts';
import { clusterTemplate, holdsCluster } from './pglite-template.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** What domain code receives: a Drizzle database over either driver. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Driver = 'postgres' | 'pglite';

export interface Database {
  readonly db: Db;
  readonly driver: Driver;
  /** Where the data lives, safe to print (password removed). */
  readonly location: string;
  /** Round-trip a trivial query; throws when the database is gone. */
  ping(): Promise<number>;
  close(): Promise<void>;
  /** The driver's own client, for the few jobs Drizzle does not cover (dumps, LISTEN). */
  readonly raw: { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; client: PGlite };
}

export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded database is used. */
  url?: string;
  /** Folder of the embedded database; `null` keeps it in memory (tests). */
  dataDir?: string | null;
  connectTimeoutMs?: number;
  /** Max pooled PostgreSQL connections. */
  poolSize?: number;
  /** PGlite only: start from this dump (`dumpDataDir`) instead of an empty cluster. */
  loadDataDir?: Blob;
  /** PGlite only: the empty-cluster dump a new cluster starts from (default: the one made at install, pglite-template.ts). */
  clusterTemplate?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts) : openPglite(opts.dataDir ?? null, opts.loadDataDir, opts.clusterTemplate);
}

/** The database the configuration names: PostgreSQL at DATABASE_URL, or PGlite in DATA_DIR/pglite. */
export function openConfiguredDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DB_CONNECT_TIMEOUT_MS' | 'DB_POOL_SIZE'>,
): Promise<Database> {
  return openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'pglite'),
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    poolSize: config.DB_POOL_SIZE,
  });
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
  });
  // A client losing its server must not crash the process, idle or checked out (a transaction
  // between two statements, a job's lease): the pool's own listener covers idle clients only,
  // and an 'error' nobody listens to kills the process. The next query on it fails instead
  // (503 through the outage check), and the pool drops it when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const location = redactUrl(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`cannot connect to DATABASE_URL ${location}: ${describe(err)}`);
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    location,
    ping: () => timedPing(db),
    close: () => pool.end(),
    raw: { kind: 'postgres', pool },
  };
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob, templateFile?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lock = dataDir ? lockDataDir(dataDir) : null;
  if (lock && 'heldBy' in lock) {
    const who = lock.heldBy.pid ? `process ${lock.heldBy.pid}${lock.heldBy.command ? ` (satprep ${lock.heldBy.command})` : ''}` : 'another process';
    throw new DatabaseUnavailableError(
      `the embedded database in ${dataDir} is in use by ${who}; stop it first, or set DATABASE_URL to share a PostgreSQL database between processes (if no such process is running, delete ${lock.file})`,
    );
  }
  try {
    return await openPgliteLocked(dataDir, loadDataDir, templateFile, () => lock?.release());
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function openPgliteLocked(dataDir: string | null, loadDataDir: Blob | undefined, templateFile: string | undefined, release: () => void): Promise<Database> {
  // A new cluster (in memory, or in a folder without one) starts from the empty-cluster dump
  // when one was made at install: initdb's output without initdb's wait.
  if (!loadDataDir && !(dataDir && holdsCluster(dataDir))) loadDataDir = clusterTemplate(templateFile);
  let client: PGlite;
  try {
    client = new PGlite({ dataDir: dataDir ?? undefined, loadDataDir });
    await client.waitReady;
  } catch (err) {
    throw new DatabaseUnavailableError(`cannot open the embedded database in ${dataDir}: ${describe(err)}`);
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    location: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    ping: () => timedPing(db),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
    raw: { kind: 'pglite', client },
  };
}

async function timedPing(db: Db): Promise<number> {
  const t0 = performance.now();
  await db.execute(sql`select 1`);
  return performance.now() - t0;
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return describe(err.errors[0]);
  if (err instanceof Error) return (err as NodeJS.ErrnoException).code ?? err.message;
  return String(err);
}

/** Rows of a raw `db.execute` on either driver (both return `{ rows }`). */
export async function rawRows<T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * Rows of one parameterised statement sent as a named prepared statement on PostgreSQL
 * (each pooled connection parses and plans it once, then only binds and executes it), or
 * as a plain parameterised query on PGlite. For the hot paths whose SQL is fixed text:
 * planning a statement with several data-modifying CTEs costs more than running it.
 */
export async function preparedRows<T = Record<string, unknown>>(db: Db, name: string, text: string, values: readonly unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  const res = client instanceof PGlite ? await client.query<T>(text, values as unknown[]) : await client.query({ name, text, values: values as unknown[] });
  return res.rows as T[];
}
