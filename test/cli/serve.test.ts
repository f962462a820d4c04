/**
 * The CLI as a user runs it: real processes, real ports, a temporary data folder.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, rawRows, schema } from '../../src/db/index.ts';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-cli-'));
/** Servers still running when a test ends early (a failed assertion): stopped here, not left behind. */
const running = new Set<ReturnType<typeof spawn>>();
after(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Environment for the child: no inherited database/cache URLs unless given. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

function runCli(args: string[], extra: Record<string, string>) {
  return spawnSync(process.execPath, [...CLI, ...args], { env: env(extra), encoding: 'utf8', timeout: 60_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Start `satprep serve`, wait for /health 200, return the elapsed ms and a stop function. */
async function startServe(extra: Record<string, string>) {
  const port = await freePort();
  const t0 = Date.now();
  const child = spawn(process.execPath, [...CLI, 'serve'], { env: env({ ...extra, PORT: String(port) }), stdio: 'pipe' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = t0 + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`no healthy /health within 20 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const elapsed = Date.now() - t0;
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { port, elapsed, stop };
}

test('serve answers /health within 20 s on the embedded database, and a restart keeps the data', async () => {
  const first = await startServe({ DATA_DIR: dataDir });
  console.log(`# first start: /health 200 after ${first.elapsed} ms on a new embedded database`);
  assert.ok(first.elapsed < 20_000);
  const health = await (await fetch(`http://127.0.0.1:${first.port}/health`)).json();
  assert.equal(health.database.driver, 'pglite');
  assert.equal(await first.stop(), 0, 'graceful shutdown exits 0');

  // Write a row while no server runs, then restart: migrations must not wipe it.
  const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  await db.db.insert(schema.events).values({ type: 'restart_probe', schemaVersion: 1, payload: {} });
  await db.close();

  const second = await startServe({ DATA_DIR: dataDir });
  assert.equal(await second.stop(), 0);
  const again = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  const rows = await rawRows<{ n: number }>(again.db, sql`select count(*)::int as n from events where type = 'restart_probe'`);
  await again.close();
  assert.equal(rows[0].n, 1);
});

test('while serve holds the embedded database, another command on the same folder is refused in one line and changes nothing; once it stops, the command works', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'satprep-lock-'));
  try {
    const server = await startServe({ DATA_DIR: folder });
    const admin = { DATA_DIR: folder, SATPREP_ADMIN_PASSWORD: 'admin password 123' };
    const refused = runCli(['admin', 'create', '--email', 'ops@example.test'], admin);
    assertOneCleanLine(refused, /^satprep: the embedded database in .* is in use by process \d+ \(satprep serve\); stop it first, or set DATABASE_URL/);
    assert.equal(await server.stop(), 0);
    const created = runCli(['admin', 'create', '--email', 'ops@example.test'], admin);
    assert.equal(created.status, 0, created.stderr);
    const db = await openDatabase({ dataDir: path.join(folder, 'pglite') });
    const rows = await rawRows<{ n: number }>(db.db, sql`select count(*)::int as n from users where email = 'ops@example.test' and role = 'admin'`);
    await db.close();
    assert.equal(rows[0].n, 1, 'the admin created after the server stopped is there');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

function assertOneCleanLine(res: ReturnType<typeof runCli>, pattern: RegExp) {
  assert.notEqual(res.status, 0, 'exits non-zero');
  const lines = res.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${res.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
}

test('a bad PORT stops start-up with one clear line naming the variable', () => {
  assertOneCleanLine(runCli(['serve'], { PORT: 'abc', DATA_DIR: dataDir }), /^satprep: invalid configuration: PORT .*"abc"/);
});

test('an unreachable DATABASE_URL stops start-up with one line and no password', () => {
  const res = runCli(['db', 'migrate'], { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/none', DB_CONNECT_TIMEOUT_MS: '1000' });
  assertOneCleanLine(res, /^satprep: cannot connect to DATABASE_URL postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/none/);
  assert.doesNotMatch(res.stderr, /s3cret/);
});

test('every subcommand has --help', () => {
  for (const args of [['--help'], ['db', '--help'], ['db', 'migrate', '--help'], ['db', 'reset', '--help'], ['serve', '--help']]) {
    const res = runCli(args, {});
    assert.equal(res.status, 0, args.join(' '));
    assert.match(res.stdout, /Usage: satprep/);
  }
});

test('db reset refuses without --yes and changes nothing', () => {
  const res = runCli(['db', 'reset'], { DATA_DIR: dataDir });
  assertOneCleanLine(res, /pass --yes/);
});
