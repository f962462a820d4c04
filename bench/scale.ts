/**
 * bench/scale (issue 15, acceptance 4): answer submissions through 1, 2 and 3 `satprep serve`
 * processes on PostgreSQL + Redis, each a real child process (test/scale/cluster.ts), with
 * simulated students spread round-robin over them (test/scale/students.ts). The baseline is
 * the 1-process figure measured in the same run; the ratio is the scaling. The load generator
 * runs in this process, on the same cores as the servers: on a 2-core machine the processes
 * compete with it and with each other, so do not expect 3×.
 *
 *   npm run bench -- scale [--seconds 20] [--students 50] [--processes 1,2,3]
 *   npm run bench -- scale --soak [minutes=10] [--rate 60] [--processes 3]
 *
 * --soak: a steady `--rate` answers/s for the given minutes against one cluster; RSS of every
 * API process sampled every 5 s. Passes when no request failed and each process's RSS at the
 * end is ≤ 1.2 × its RSS after the warm-up (the first minute, or a quarter of a shorter soak).
 *
 * Needs DATABASE_URL (a server where it may create and drop a database) and REDIS_URL.
 */
import { readFileSync } from 'node:fs';
import { quantile, report } from './harness.ts';
import { sleep, startCluster, type Cluster } from '../test/scale/cluster.ts';
import { runStudents, type LoadResult } from '../test/scale/students.ts';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.indexOf(`--${name}`);
const arg = (name: string, dflt: string) => {
  const i = flag(name);
  return i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[i + 1] : dflt;
};
const SECONDS = Number(arg('seconds', '20'));
const STUDENTS = Number(arg('students', '50'));
const SOAK = flag('soak') >= 0 ? Number(arg('soak', '10')) : null;
const RATE = Number(arg('rate', '60'));
const PROCESSES = arg('processes', SOAK === null ? '1,2,3' : '3').split(',').map(Number);

if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  console.error('bench/scale needs DATABASE_URL and REDIS_URL (several API processes share PostgreSQL and Redis), e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npm run bench -- scale');
  process.exit(2);
}

const rssMiB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

function summary(r: LoadResult) {
  const lat = [...r.latencies].sort((a, b) => a - b);
  const failed = Object.entries(r.statuses).filter(([s]) => !['200', '201'].includes(s)).reduce((a, [, n]) => a + n, 0);
  return {
    'answers/s': Math.round(r.acked.length / r.seconds),
    'p50 ms': Number(quantile(lat, 0.5).toFixed(1)),
    'p99 ms': Number(quantile(lat, 0.99).toFixed(1)),
    answers: r.acked.length,
    'failed requests': failed,
  };
}

async function scaling(): Promise<void> {
  console.log(`${STUDENTS} students answering back to back, ${SECONDS} s per cluster size after a 5 s warm-up; fresh database per size`);
  const rows: Record<string, Record<string, number>> = {};
  for (const n of PROCESSES) {
    const c = await startCluster({ apis: n, env: { DB_POOL_SIZE: '10', LOG_LEVEL: 'error' } });
    try {
      await runStudents({ students: STUDENTS, deadline: Date.now() + 5000, next: () => c.next(), seed: `bench-warm-${n}` });
      const r = await runStudents({ students: STUDENTS, deadline: Date.now() + SECONDS * 1000, next: () => c.next(), seed: `bench-${n}` });
      rows[`${n} process${n > 1 ? 'es' : ''}`] = summary(r);
    } finally {
      await c.dispose();
    }
  }
  report(`answer submissions, ${STUDENTS} students, PostgreSQL + Redis`, rows);
  const keys = Object.keys(rows);
  const base = rows[keys[0]]['answers/s'];
  for (const k of keys.slice(1)) console.log(`  ${k}: ${(rows[k]['answers/s'] / base).toFixed(2)}× the throughput of ${keys[0]} (p99 ${rows[k]['p99 ms']} ms vs ${rows[keys[0]]['p99 ms']} ms)`);
}

async function soak(minutes: number): Promise<void> {
  const n = PROCESSES[0];
  const warmupS = Math.min(60, (minutes * 60) / 4);
  console.log(`soak: ${minutes} min at ${RATE} answers/s, ${STUDENTS} students, ${n} API processes; warm-up ${warmupS} s; RSS every 5 s`);
  const c: Cluster = await startCluster({ apis: n, env: { DB_POOL_SIZE: '10', LOG_LEVEL: 'error' } });
  try {
    const pids = c.apis.map((a) => a.child.pid!);
    const samples: { t: number; rss: number[] }[] = [];
    const t0 = Date.now();
    let running = true;
    const sampler = (async () => {
      while (running) {
        samples.push({ t: (Date.now() - t0) / 1000, rss: pids.map(rssMiB) });
        await sleep(5000);
      }
    })();
    const r = await runStudents({ students: STUDENTS, deadline: t0 + minutes * 60_000, rate: RATE, next: () => c.next(), seed: 'bench-soak', maxTries: 1 });
    running = false;
    await sampler;
    samples.push({ t: (Date.now() - t0) / 1000, rss: pids.map(rssMiB) });
    const warm = samples.find((s) => s.t >= warmupS) ?? samples[0];
    const end = samples.at(-1)!;
    const s = summary(r);
    const rows: Record<string, Record<string, number>> = {};
    c.apis.forEach((a, i) => {
      rows[a.name] = { 'RSS after warm-up MiB': Number(warm.rss[i].toFixed(1)), 'RSS at end MiB': Number(end.rss[i].toFixed(1)), 'end / warm-up': Number((end.rss[i] / warm.rss[i]).toFixed(3)), 'peak MiB': Number(Math.max(...samples.map((x) => x.rss[i])).toFixed(1)) };
    });
    report(`soak: ${minutes} min, ${s.answers} answers at ${s['answers/s']}/s (target ${RATE}/s), p50 ${s['p50 ms']} ms, p99 ${s['p99 ms']} ms`, rows);
    console.log(`  RSS trace (MiB, every 5 s): ${samples.map((x) => x.rss.map((v) => v.toFixed(0)).join('/')).join(' ')}`);
    const flat = Object.values(rows).every((x) => x['end / warm-up'] <= 1.2);
    const clean = s['failed requests'] === 0 && r.abandoned.length === 0;
    console.log(`  errors: ${s['failed requests']} failed requests, ${r.abandoned.length} answers not acknowledged; statuses ${JSON.stringify(r.statuses)}`);
    console.log(`  target: RSS at end ≤ 1.2 × after warm-up and zero errors → ${flat && clean ? 'PASS' : 'FAIL'}`);
    if (minutes < 10) console.log(`  (a ${minutes}-minute soak; the acceptance figure is 10 minutes: npm run bench -- scale --soak 10)`);
  } finally {
    await c.dispose();
  }
}

if (SOAK !== null) await soak(SOAK);
else await scaling();
