/**
 * A real cluster for the scale tests and bench/scale: N `satprep serve` processes and
 * optionally one `satprep worker`, each a child process running the CLI entry exactly as a
 * deployment would, on ports picked free, sharing one PostgreSQL database and one Redis.
 * Processes can be SIGKILLed and restarted on the same port; their JSON log lines are kept
 * (the last few hundred) for failure messages.
 *
 * The database is a fresh one on the server of DATABASE_URL (dropped by `dispose`), seeded
 * with a small item bank by this process, so API processes start with SEED_ON_START=false.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedContent } from '../../src/content/seed.ts';
import type { Database } from '../../src/db/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { killOnExit } from '../helpers/reap.ts';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

/** Why the scale tests cannot run here, or null when PostgreSQL and Redis are configured. */
export function scaleSkip(): string | false {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) return 'needs the real PostgreSQL and Redis (DATABASE_URL and REDIS_URL; CI sets them)';
  return false;
}

/** A TCP port nobody listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something other than undefined. */
export async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs: number, context?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${context ? `; ${context()}` : ''}`);
    await sleep(100);
  }
}

/** One child process and its log. */
export class Proc {
  child!: ChildProcess;
  readonly lines: string[] = [];
  exited!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  starts = 0;

  constructor(
    readonly name: string,
    readonly args: string[],
    readonly env: Record<string, string>,
  ) {}

  spawn(): void {
    // The parent's DATABASE_URL/REDIS_URL point at the admin database; children get theirs from `env`.
    const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = process.env;
    const child = spawn(process.execPath, [...CLI, ...this.args], { env: { ...rest, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(child);
    this.child = child;
    this.starts++;
    let buf = '';
    const keep = (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        this.lines.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
        if (this.lines.length > 400) this.lines.splice(0, 100);
      }
    };
    child.stderr!.on('data', keep);
    child.stdout!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  tail(n = 8): string {
    return `${this.name} log: ${this.lines.slice(-n).join('\n  ')}`;
  }

  /** SIGKILL (no shutdown at all) and wait for the exit. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful) and wait, SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
    if (!this.alive) return undefined;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const r = await this.exited;
    clearTimeout(timer);
    return r;
  }
}

export class ApiProc extends Proc {
  constructor(
    name: string,
    readonly port: number,
    env: Record<string, string>,
  ) {
    super(name, ['serve', '--port', String(port)], env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Until GET /ready answers 200 (the database answers, migrated, content in). */
  async ready(timeoutMs = 90_000): Promise<void> {
    await until(`${this.name} to be ready`, async () => {
      if (!this.alive) throw new Error(`${this.name} exited while starting; ${this.tail()}`);
      try {
        const r = await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(2000) });
        await r.body?.cancel();
        return r.status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    }, timeoutMs, () => this.tail());
  }

  async restart(timeoutMs?: number): Promise<void> {
    await this.kill();
    this.spawn();
    await this.ready(timeoutMs);
  }
}

export interface ClusterOptions {
  apis: number;
  /** Start one `satprep worker` too. */
  worker?: boolean;
  /** Extra worker arguments (default: a 2 s BullMQ lock, so a dead worker's job is taken over soon). */
  workerArgs?: string[];
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Items per skill in the seeded bank (default 12, as the API tests use). */
  perSkill?: number;
  /** Override the database (the fault test brings its own server); default: a fresh one on DATABASE_URL. */
  databaseUrl?: string;
  redisUrl?: string;
}

export interface Cluster {
  apis: ApiProc[];
  worker?: Proc;
  /** The cluster's database, opened in this process (PostgreSQL). */
  database: Database;
  databaseUrl: string;
  dataDir: string;
  env: Record<string, string>;
  /** Round-robin over the API processes that are alive. */
  next(): ApiProc;
  dispose(): Promise<void>;
}

/** Seeds a fresh database, then starts the processes and waits until every API process is ready. */
export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  let testDb: TestDatabase | undefined;
  let database: Database;
  let databaseUrl: string;
  if (o.databaseUrl) {
    const { migrateDatabase, openDatabase } = await import('../../src/db/index.ts');
    database = await openDatabase({ url: o.databaseUrl, poolSize: 4 });
    await migrateDatabase(database);
    databaseUrl = o.databaseUrl;
  } else {
    testDb = await createTestDatabase({ driver: 'postgres' });
    database = testDb;
    databaseUrl = testDb.url!;
  }
  await seedContent(database.db, { perSkill: o.perSkill ?? 12 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-scale-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: o.redisUrl ?? process.env.REDIS_URL!,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    // One key for all: a token issued by one process is accepted by the others.
    JWT_SECRET: randomBytes(32).toString('hex'),
    PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    SCRYPT_COST: '1024',
    RATE_LIMIT_PER_MINUTE: '10000000',
    JOB_QUEUE_PREFIX: `satprep-scale-${randomBytes(4).toString('hex')}`,
    DB_POOL_SIZE: '6',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '5000',
    SATPREP_MODEL_THREADS: '1',
    ...o.env,
  };
  const apis: ApiProc[] = [];
  for (let i = 0; i < o.apis; i++) apis.push(new ApiProc(`api-${String.fromCharCode(65 + i)}`, await freePort(), env));
  const worker = o.worker ? new Proc('worker', ['worker', ...(o.workerArgs ?? ['--lock-ms', '2000'])], env) : undefined;
  const all: Proc[] = [...apis, ...(worker ? [worker] : [])];
  const cleanup = async () => {
    await Promise.all(all.map((p) => p.kill()));
    rmSync(dataDir, { recursive: true, force: true });
    if (testDb) await testDb.dispose();
    else await database.close();
  };
  try {
    for (const p of all) p.spawn();
    await Promise.all(apis.map((a) => a.ready()));
  } catch (err) {
    await cleanup();
    throw err;
  }
  let rr = 0;
  return {
    apis,
    worker,
    database,
    databaseUrl,
    dataDir,
    env,
    next() {
      for (let k = 0; k < apis.length; k++) {
        const a = apis[rr++ % apis.length];
        if (a.alive) return a;
      }
      return apis[rr++ % apis.length];
    },
    dispose: cleanup,
  };
}

/** True for the errors a client sees when the process it talks to dies or is not listening. */
export function isConnectionError(err: unknown): boolean {
  const codes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT']);
  for (let e = err as { code?: string; cause?: unknown; message?: string } | undefined; e; e = e.cause as typeof e) {
    if (e.code && codes.has(e.code)) return true;
    if (e.message === 'fetch failed' || e.message === 'socket hang up' || e.message === 'other side closed') return true;
  }
  return false;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One JSON request to a process: status and parsed body. Throws on connection errors (see isConnectionError). */
export async function call(
  to: { url: string },
  method: string,
  route: string,
  token?: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${to.url}${route}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed: Json = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/** A student's answer to a served question: right or wrong by a seeded coin, so θ moves both ways. */
export function answerFor(q: { type: string }, coin: number): string {
  if (q.type === 'mcq') return ['A', 'B', 'C', 'D'][Math.floor(coin * 4) % 4];
  return String(Math.floor(coin * 20));
}
