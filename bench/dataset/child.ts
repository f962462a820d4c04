/**
 * One measured build, alone in its process so its peak RSS is its own: builds the dataset
 * of the database at DATABASE_URL end to end and prints one JSON line with the wall time,
 * its CPU time, the rows read and written, and the process's peak resident set (getrusage maxrss).
 */
import { buildDataset } from '../../src/dataset/build.ts';
import { openDatabase } from '../../src/db/index.ts';
import { FORMATS, type Format } from '../../src/dataset/formats.ts';

const [out, formatSpec, parquet] = process.argv.slice(2);
const database = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 2 });
let read = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const res = await buildDataset(database.db, {
  name: 'bench', outDir: out, key: new TextEncoder().encode('bench-dataset-key-0123456789abcdef'), includeSimulated: true, contentPairs: false, phase: 'real',
  formats: formatSpec ? (formatSpec.split(',') as Format[]) : FORMATS, parquet: parquet !== 'no',
  onRead: (n) => { read = n; },
});
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
// CPU seconds too: on a shared machine the wall time also measures the neighbours.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
await database.close();
const m = res.manifest;
process.stdout.write(`${JSON.stringify({
  seconds, cpuSeconds, read, peakRssMiB: process.resourceUsage().maxRSS / 1024, phase: m.phase.chosen, written: m.counts.total, negatives: m.counts.negatives,
  preference: m.counts.preference, bytes: m.files.reduce((a, f) => a + f.bytes, 0), stages: m.stages, drops: m.drops,
})}\n`);
