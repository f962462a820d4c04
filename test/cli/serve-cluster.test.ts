/**
 * `satprep serve --workers N` (issue 15): N API processes behind one port (node:cluster),
 * one restarted when it dies, all stopped gracefully by SIGTERM to the primary; refused
 * without DATABASE_URL and REDIS_URL (the processes must share no state in memory). The
 * running part needs the real PostgreSQL and Redis.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { createTestDatabase } from '../helpers/db.ts';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const both = process.env.DATABASE_URL && process.env.REDIS_URL;

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Child pids of `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('--workers 2 without DATABASE_URL and REDIS_URL is refused with one line', () => {
  const res = spawnSync(process.execPath, [...CLI, 'serve', '--workers', '2'], { env: env({ DATA_DIR: '/nonexistent-satprep' }), encoding: 'utf8', timeout: 60_000 });
  assert.equal(res.status, 2, res.stderr);
  assert.match(res.stderr.trim(), /^satprep: --workers > 1 needs DATABASE_URL .* and REDIS_URL/);
});

test('two API processes share the port; a killed one is restarted; SIGTERM stops them all cleanly', { skip: both ? false : 'needs DATABASE_URL and REDIS_URL', timeout: 180_000 }, async () => {
  const database = await createTestDatabase({ driver: 'postgres' });
  const port = await freePort();
  const primary = spawn(process.execPath, [...CLI, 'serve', '--workers', '2'], {
    env: env({ DATABASE_URL: database.url!, REDIS_URL: process.env.REDIS_URL!, PORT: String(port), SEED_ON_START: 'false', JOB_QUEUE_PREFIX: `satprep-cluster-${process.pid}` }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  primary.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => primary.once('exit', resolve));
  try {
    const health = async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    };
    await until('two processes answering /health', async () => (childrenOf(primary.pid!).length === 2 && (await health()) ? true : undefined), 90_000);
    const [first, second] = childrenOf(primary.pid!);
    // Every request of a burst succeeds, whichever process takes it.
    const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status)));
    assert.deepEqual(new Set(statuses), new Set([200]));

    process.kill(first, 'SIGKILL');
    const replaced = await until('a replacement process', () => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(first) && now.includes(second) ? now : undefined;
    });
    await until('/health after the restart', health);
    assert.equal(replaced.length, 2);

    primary.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    for (const pid of replaced) assert.throws(() => process.kill(pid, 0), 'every API process has exited');
  } finally {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    await database.dispose();
  }
});
