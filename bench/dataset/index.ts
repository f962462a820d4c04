/**
 * bench/dataset (issue 10 acceptance 3): `dataset build` end to end on PostgreSQL at two
 * sizes, each in a fresh database (dropped after) filled by generate.ts, each build in a
 * child process of its own. Prints rows read per second at the large size (target ≥ 50,000)
 * and the peak RSS of the large build over the small one (target ≤ 1.3: streaming, flat memory).
 *
 *   DATABASE_URL=postgres://… npm run bench -- dataset [--rows 1000000] [--small 100000] [--format io,chat] [--no-parquet] [--profile DIR]
 *
 * `--profile DIR` runs each build under `node --cpu-prof`, its profile in DIR/<rows>/ (open it
 * in Chrome DevTools or speedscope) to see where a build's time goes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../../src/db/index.ts';
import { report } from '../harness.ts';
import { createScratchDatabase } from '../../test/helpers/db.ts';
import { generate, type GenCounts } from './generate.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg('rows', '1000000'));
const SMALL = Number(arg('small', '100000'));
const FORMAT = arg('format', '');
const PARQUET = !process.argv.includes('--no-parquet');
const PROFILE = arg('profile', '');

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.log('bench/dataset needs PostgreSQL: set DATABASE_URL (a fresh database is created and dropped)');
  process.exit(0);
}


interface Run { seconds: number; cpuSeconds: number; read: number; peakRssMiB: number; phase: string; written: number; negatives: number; preference: number; bytes: number; drops: Record<string, Record<string, number>> }

function child(url: string, out: string, rows: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const prof = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(PROFILE, String(rows))] : [];
    const p = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(import.meta.dirname, 'child.ts'), out, FORMAT, PARQUET ? 'yes' : 'no'], {
      env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    p.stdout.on('data', (b: Buffer) => { text += b.toString(); });
    p.once('exit', (code) => (code === 0 ? resolve(JSON.parse(text.trim().split('\n').pop()!)) : reject(new Error(`build child exited ${code}`))));
  });
}

async function measure(rows: number): Promise<{ run: Run; gen: GenCounts; genSeconds: number }> {
  const scratch = await createScratchDatabase(adminUrl!, `satprep_bench_ds_${process.pid}_${rows}`);
  const url = scratch.url;
  const out = mkdtempSync(path.join(tmpdir(), 'satprep-bench-dataset-'));
  try {
    const database = await openDatabase({ url });
    await migrateDatabase(database);
    await database.close();
    const t0 = performance.now();
    const gen = await generate(url, rows, (s) => console.log(`  [${rows}] ${s}`));
    const genSeconds = (performance.now() - t0) / 1000;
    console.log(`  [${rows}] generated in ${genSeconds.toFixed(1)} s: ${Object.entries(gen).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const run = await child(url, out, rows);
    console.log(`  [${rows}] built in ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, drops ${JSON.stringify(run.drops)}`);
    return { run, gen, genSeconds };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await scratch.drop();
  }
}

console.log(`formats: ${FORMAT || 'all'}${PARQUET ? ' + Parquet' : ', JSONL only'}; sizes ${SMALL} and ${ROWS} AI-output rows`);
const small = await measure(SMALL);
const large = await measure(ROWS);
const row = (r: { run: Run; gen: GenCounts; genSeconds: number }) => ({
  'interaction rows': r.gen.ai_outputs,
  'rows read': r.run.read,
  'build s': Number(r.run.seconds.toFixed(1)),
  'rows/s': Math.round(r.run.read / r.run.seconds),
  'build CPU s': Number(r.run.cpuSeconds.toFixed(1)),
  'rows/CPU-s': Math.round(r.run.read / r.run.cpuSeconds),
  'peak RSS MiB': Math.round(r.run.peakRssMiB),
  'pairs written': r.run.written,
  negatives: r.run.negatives,
  preference: r.run.preference,
  'output GiB': Number((r.run.bytes / 2 ** 30).toFixed(2)),
  phase: r.run.phase,
});
report('dataset build, end to end (PostgreSQL)', { [`${SMALL} rows`]: row(small), [`${ROWS} rows`]: row(large) });
const rate = large.run.read / large.run.seconds;
const rss = large.run.peakRssMiB / small.run.peakRssMiB;
console.log(`\n  throughput at ${ROWS}: ${Math.round(rate)} rows/s wall, ${Math.round(large.run.read / large.run.cpuSeconds)} rows per CPU second (target ≥ 50,000) → ${rate >= 50_000 ? 'PASS' : 'FAIL'}`);
console.log(`  peak RSS ${ROWS} / ${SMALL} = ${rss.toFixed(3)} (target ≤ 1.3) → ${rss <= 1.3 ? 'PASS' : 'FAIL'}`);
