/**
 * Private server instances for the fault test, so stopping them never disturbs the machine's
 * shared PostgreSQL and Redis: a `redis-server` on a port of its own (append-only file on, so
 * a restart keeps the job queue and counters, as a production Redis would), and a throwaway
 * PostgreSQL cluster made by `initdb` and run by `pg_ctl` on a port and socket folder of its
 * own. PostgreSQL refuses to run as root, so when this process is root the cluster belongs to
 * the `postgres` user and its commands run through `runuser`.
 */
import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { killOnExit, reapOnExit } from '../helpers/reap.ts';
import { freePort, sleep } from './cluster.ts';

const which = (cmd: string): string | null => {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

export interface RedisInstance {
  port: number;
  url: string;
  /** Stops the server (SIGTERM: it flushes the append-only file) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder; resolves once it answers PING. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function redisServerSkip(): string | false {
  return which('redis-server') && which('redis-cli') ? false : 'redis-server is not installed';
}

export async function startRedis(): Promise<RedisInstance> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'satprep-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no'], { stdio: 'ignore' });
    killOnExit(child);
    for (let i = 0; i < 100; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`private redis-server on port ${port} did not start`);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PgInstance {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, loopback only). */
  url: string;
  /** `pg_ctl stop -m fast`: sessions are cut, committed data stays. Resolves once it is down. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/**
 * Runs a PostgreSQL binary as the cluster's owner (postgres when we are root). Asynchronous, so
 * the load and the timers of the test calling it keep running while pg_ctl waits; a slow
 * machine can take many seconds over a shutdown checkpoint.
 */
async function asOwner(bin: string, args: string[], asPostgres: boolean): Promise<void> {
  await promisify(execFile)(...ownerCommand(bin, args, asPostgres), { timeout: 120_000 });
}

/** The command line that runs `bin` as the cluster's owner. */
function ownerCommand(bin: string, args: string[], asPostgres: boolean): [string, string[]] {
  return asPostgres ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

export function pgClusterSkip(): string | false {
  const bin = pgBin();
  if (!bin) return 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin';
  if (userInfo().uid === 0) {
    if (!which('runuser')) return 'running as root without runuser to start PostgreSQL as another user';
    if (spawnSync('id', ['postgres']).status !== 0) return 'running as root and there is no postgres user to own a cluster';
  }
  return false;
}

export async function startPgCluster(): Promise<PgInstance> {
  const bin = pgBin()!;
  const asPostgres = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'satprep-pg-'));
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], asPostgres);
  const ctl = (args: string[]) => asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '60', ...args], asPostgres);
  // fsync stays on: "nothing acknowledged is lost" must hold the way it would in production.
  const start = () => ctl(['-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`, 'start']);
  const stop = () => ctl(['-m', 'fast', 'stop']);
  await start();
  // pg_ctl runs the server detached, so it is stopped by command (immediate mode: no checkpoint).
  const cancelReap = reapOnExit(() => {
    execFileSync(...ownerCommand(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], asPostgres), { stdio: 'ignore', timeout: 10_000 });
  });
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async dispose() {
      try {
        await stop();
      } catch {
        /* already stopped */
      }
      cancelReap();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
