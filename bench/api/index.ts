/**
 * bench/api: answers per second through the real stack — HTTP, auth, a real adaptive
 * step (selection, EAP, BKT) and the transactional write — next to GET /health in the
 * same run. Uses PostgreSQL when DATABASE_URL is set (a fresh database, dropped after);
 * otherwise the embedded PGlite, and says so.
 *
 *   npm run bench -- api [--seconds 20] [--connections 50] [--keys]
 *
 * `--keys`: every answer carries a fresh Idempotency-Key, as the web app sends it (the key and
 * the reply are stored with the answer, in the same statement).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import pg from 'pg';
import path from 'node:path';
import { seedContent } from '../../src/content/seed.ts';
import { migrateDatabase, openDatabase } from '../../src/db/index.ts';
import { report } from '../harness.ts';
import { createScratchDatabase } from '../../test/helpers/db.ts';
import { makeClient, runLoad, type LoadResult } from './load.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 20);
const CONNECTIONS = arg('connections', 50);
const KEYS = process.argv.includes('--keys');
const PORT = 3900 + Math.floor(Math.random() * 90);

const adminUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-bench-api-'));
const scratch = adminUrl ? await createScratchDatabase(adminUrl, `satprep_bench_${process.pid}`) : undefined;
const dbUrl = scratch?.url;
console.log(`database: ${dbUrl ? 'PostgreSQL (fresh database)' : 'embedded PGlite (set DATABASE_URL for the PostgreSQL figure)'}; ${CONNECTIONS} connections, ${SECONDS} s per phase; answers ${KEYS ? 'with' : 'without'} an Idempotency-Key`);

const seed = await openDatabase({ url: dbUrl, dataDir: path.join(dataDir, 'pglite') });
await migrateDatabase(seed);
await seedContent(seed.db);
await seed.close();

// BENCH_PROFILE=DIR writes a V8 CPU profile of the server there (to see where the time goes).
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const server = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli/main.ts', 'serve'], {
  env: {
    ...process.env,
    DATABASE_URL: dbUrl ?? '',
    REDIS_URL: '',
    DATA_DIR: dataDir,
    PORT: String(PORT),
    SEED_ON_START: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
    SCRYPT_COST: '1024',
    JWT_SECRET: randomBytes(32).toString('hex'),
    NODE_ENV: 'production',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
interface CpuSplit { server: number; database: number; client: number }

/** CPU seconds used so far by the API server, this database's PostgreSQL backends and this process (Linux /proc; null elsewhere). */
async function cpuSplit(): Promise<CpuSplit | null> {
  const ticks = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  };
  try {
    let database = 0;
    if (scratch) {
      const c = new pg.Client({ connectionString: scratch.url });
      await c.connect();
      const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      await c.end();
      for (const r of rows) database += ticks(r.pid);
    }
    const self = process.cpuUsage();
    return { server: ticks(server.pid!), database, client: (self.user + self.system) / 1e6 };
  } catch {
    return null;
  }
}

const call = makeClient(PORT, CONNECTIONS);
for (let i = 0; ; i++) {
  try {
    if ((await call('GET', '/health')).status === 200) break;
  } catch {
    if (i > 150) throw new Error('server did not start');
  }
  await new Promise((r) => setTimeout(r, 200));
}

try {
  const tokens: string[] = [];
  for (let u = 0; u < CONNECTIONS; u++) {
    const r = await call('POST', '/auth/signup', undefined, { email: `load${u}@bench.test`, password: 'bench password 1', displayName: `Load ${u}`, role: 'student' });
    tokens.push(JSON.parse(r.body).accessToken);
  }

  const health = await runLoad(CONNECTIONS, SECONDS, async (_u, timed) => {
    await timed(() => call('GET', '/health'));
  });

  // Each virtual student practises a whole Math section set of 50, then starts another.
  const current: ({ session: string; q: { id: string; type: string } } | null)[] = new Array(CONNECTIONS).fill(null);
  const cpuBefore = await cpuSplit();
  const answers = await runLoad(CONNECTIONS, SECONDS, async (u, timed) => {
    if (!current[u]) {
      const s = JSON.parse((await call('POST', '/practice/start', tokens[u], { section: 'math', count: 50 })).body);
      current[u] = { session: s.sessionId, q: s.question };
    }
    const c = current[u]!;
    const r = await timed(() =>
      call('POST', `/practice/${c.session}/answer`, tokens[u], {
        questionId: c.q.id, answer: c.q.type === 'mcq' ? 'B' : '12', timeSpentMs: 25_000, ...(KEYS ? { idempotencyKey: randomUUID() } : {}),
      }),
    );
    const body = JSON.parse(r.body);
    current[u] = r.status === 200 && !body.done ? { session: c.session, q: body.next } : null;
  });

  const cpuAfter = await cpuSplit();
  const row = (r: LoadResult) => ({
    'requests/s': Math.round(r.rps),
    'p50 ms': Number(r.p50.toFixed(1)),
    'p90 ms': Number(r.p90.toFixed(1)),
    'p99 ms': Number(r.p99.toFixed(1)),
    requests: r.requests,
    'non-2xx': r.errors,
  });
  report(`API load (${dbUrl ? 'PostgreSQL' : 'PGlite'}, ${CONNECTIONS} connections, ${SECONDS} s each${KEYS ? ', answers with Idempotency-Keys' : ''})`, {
    'GET /health (baseline)': row(health),
    'POST answer': row(answers),
  });
  console.log(`\n  answers/health throughput ratio = ${(answers.rps / health.rps).toFixed(3)}`);
  console.log(`  target: ≥ 800 answers/s with p99 ≤ 60 ms → ${answers.rps >= 800 && answers.p99 <= 60 ? 'PASS' : 'FAIL'}`);
  if (answers.errors) console.log(`  statuses: ${JSON.stringify(answers.statuses)}`);
  if (cpuBefore && cpuAfter) {
    // Where the time goes: CPU per stored answer, by process, over the answer phase.
    const per = (k: keyof CpuSplit) => (1000 * (cpuAfter[k] - cpuBefore[k])) / answers.requests;
    console.log(
      `  CPU per answer (ms), answer phase: API server ${per('server').toFixed(3)}, ` +
        `${dbUrl ? 'PostgreSQL backends of this database' : 'PGlite (in the server)'} ${dbUrl ? per('database').toFixed(3) : '-'}, ` +
        `load generator (this process) ${per('client').toFixed(3)}; the machine has ${availableParallelism()} CPUs`,
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
}
