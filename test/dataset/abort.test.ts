/**
 * Acceptance 5, the interrupted half: a build stopped by an AbortSignal, or whose process
 * is killed outright, registers nothing and leaves no dataset folder (a stopped one not even
 * the empty folders it made); what a killed process leaves in its temporary folder is swept by
 * the next build, which then registers v1.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildBank } from '../../src/content/bank.ts';
import { writeItems } from '../../src/content/store.ts';
import { buildDataset } from '../../src/dataset/build.ts';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/index.ts';
import { datasets } from '../../src/db/schema/index.ts';
import { seedPopulation } from './seed.ts';

let root: string;
let dataDir: string;
let out: string;
let database: Database;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'satprep-abort-'));
  dataDir = path.join(root, 'pglite');
  out = path.join(root, 'out');
  // A database in a folder, so a child process can open it.
  database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  const items = buildBank({ perSkill: 2 });
  await writeItems(database.db, items);
  await seedPopulation(database.db, items);
});
after(async () => {
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

test('an aborted build throws, registers nothing and removes its temporary folder', async () => {
  const ac = new AbortController();
  let reads = 0;
  await assert.rejects(
    buildDataset(database.db, { name: 'aborted', outDir: out, key: new Uint8Array(32), phase: 'real', signal: ac.signal, onRead: (n) => { reads = n; if (n >= 128) ac.abort(new Error('stop now')); } }),
    /stop now/,
  );
  assert.equal(reads, 128, 'stopped in the first pass, not at its end');
  assert.equal((await database.db.select().from(datasets)).length, 0);
  assert.equal(existsSync(path.join(out, 'aborted')), false, 'no empty folder for the name either');
  assert.equal(existsSync(out), false, 'nor the output folder the build made');
});

const linkTarget = (p: string) => { try { return readlinkSync(p); } catch { return ''; } };

test('a build stopped while it writes its files closes every one, registers nothing and leaves no folder', async () => {
  // Descriptors other than the embedded database's own: PGlite opens a table's file when a query first reads it, and keeps it.
  const fds = () => readdirSync('/proc/self/fd').filter((fd) => !linkTarget(`/proc/self/fd/${fd}`).startsWith(dataDir)).length;
  const before = existsSync('/proc/self/fd') ? fds() : 0;
  // A signal that aborts at its N-th check: the first pass checks once a record, so N past the records read lands in the second.
  let read = 0, checks = 0;
  const ac = new AbortController();
  const signal = new Proxy(ac.signal, {
    get(target, prop) {
      if (prop === 'throwIfAborted') return () => { if (read > 0 && ++checks > read + 10) ac.abort(new Error('stop in pass two')); target.throwIfAborted(); };
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  await assert.rejects(
    buildDataset(database.db, { name: 'stopped', outDir: out, key: new Uint8Array(32), phase: 'real', signal, onRead: (n) => { read = n; } }),
    /stop in pass two/,
  );
  assert.ok(checks > read, 'stopped in the second pass');
  assert.equal((await database.db.select().from(datasets).where(eq(datasets.name, 'stopped'))).length, 0);
  assert.equal(existsSync(path.join(out, 'stopped')), false);
  if (before) assert.equal(fds(), before, 'no file left open');
});

test('a build whose process is killed midway registers nothing; the next build sweeps its leftovers', async () => {
  await database.close();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'kill-child.ts'), dataDir, out], { stdio: ['ignore', 'pipe', 'inherit'] });
  let said = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      said += b.toString();
      if (said.includes('reading')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was killed: ${said}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(!said.includes('finished'));
  const parent = path.join(out, 'killed');
  const left = readdirSync(parent);
  assert.equal(left.length, 1);
  assert.match(left[0], new RegExp(`^\\.tmp-${child.pid}-`), 'only the killed build\'s temporary folder');
  assert.ok(!existsSync(path.join(parent, 'v1')));

  database = await openDatabase({ dataDir });
  assert.equal((await database.db.select().from(datasets).where(eq(datasets.name, 'killed'))).length, 0, 'nothing registered');
  const res = await buildDataset(database.db, { name: 'killed', outDir: out, key: new Uint8Array(32), phase: 'real', formats: ['io'], parquet: false });
  assert.equal(res.version, 'v1');
  assert.deepEqual(readdirSync(parent), ['v1']);
});
