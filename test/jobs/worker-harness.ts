/**
 * Shared by the tests that run `satprep worker` as child processes: a seeded database (the
 * PostgreSQL of DATABASE_URL, else a PGlite folder that one process opens at a time) with
 * synthetic pairs in DATA_DIR, a worker process whose JSON log lines are collected, and a
 * poll-until helper.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { writeItems } from '../../src/content/store.ts';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/index.ts';
import { generatePairs, writeManifest, type SynthStats } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { seedPopulation } from '../dataset/seed.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { killOnExit } from '../helpers/reap.ts';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const KEY = 'worker-test-pseudonym-key-0123456789abcdef';
const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

export interface Setup {
  dataDir: string;
  env: Record<string, string>;
  /** Opens the database (PGlite: only while no child holds it). */
  open(): Promise<Database>;
  close(db: Database): Promise<void>;
  dispose(): Promise<void>;
}

/** A seeded database and DATA_DIR with synthetic pairs: ~1,300 records for a build to read. */
export async function setup(backend: 'table' | 'bullmq'): Promise<Setup> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-worker-'));
  roots.push(dataDir);
  let pg: TestDatabase | undefined;
  let first: Database;
  if (process.env.DATABASE_URL) first = pg = await createTestDatabase({ driver: 'postgres' });
  else {
    first = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await migrateDatabase(first);
  }
  const items = buildBank({ perSkill: 2 });
  await writeItems(first.db, items);
  await seedPopulation(first.db, items);
  const stats: SynthStats = { requested: 1200, written: 0, seed: 's', mix: {}, nearDupThreshold: 0.8, byTask: {}, failedChecks: {}, seconds: 0 };
  const lines = [...generatePairs(buildContext(items, loadLessons()), { pairs: 1200, seed: 'crash-synth' }, stats)].map((p) => JSON.stringify(p));
  mkdirSync(path.join(dataDir, 'synth', 'pairs'), { recursive: true });
  writeFileSync(path.join(dataDir, 'synth', 'pairs', 'pairs.jsonl'), `${lines.join('\n')}\n`);
  writeManifest(path.join(dataDir, 'synth', 'pairs'), stats); // as a finished synth run leaves it

  const env: Record<string, string> = { DATA_DIR: dataDir, PSEUDONYM_KEY: KEY, NODE_ENV: 'test', LOG_LEVEL: 'debug' };
  if (pg) env.DATABASE_URL = pg.url!;
  if (backend === 'bullmq') Object.assign(env, { REDIS_URL: process.env.REDIS_URL!, JOB_QUEUE_PREFIX: `satprep-crash-${randomBytes(4).toString('hex')}` });
  if (!pg) await first.close();
  return {
    dataDir,
    env,
    open: async () => (pg ? pg : openDatabase({ dataDir: path.join(dataDir, 'pglite') })),
    close: async (db) => (pg ? undefined : db.close()),
    dispose: async () => pg?.dispose(),
  };
}

export interface Worker {
  child: ChildProcess;
  /** The worker's JSON log lines so far. */
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

export function startWorker(env: Record<string, string>, args: string[]): Worker {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = process.env;
  const child = spawn(process.execPath, [...CLI, 'worker', '--poll-ms', '200', ...args], { env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  const lines: Record<string, unknown>[] = [];
  let buf = '';
  child.stderr!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ msg: line });
      }
    }
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

export async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs: number, w?: Worker): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${w ? `; worker log: ${JSON.stringify(w.lines.slice(-8))}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const recordsRead = (w: Worker) =>
  Math.max(0, ...w.lines.filter((l) => l.msg === 'job progress').map((l) => Number(/^(\d+) records read/.exec(String(l.note))?.[1] ?? 0)));

