/**
 * bench/lm-serve (issue 12, acceptance 5): the API with the in-house model active. Readers
 * hit another route (GET /practice/:id, auth + a database read) first alone — the baseline —
 * then while writers finish practice sessions back to back, each finish generating feedback
 * through the model on its worker thread. Reported: the readers' p99 in both phases (target
 * ≤ 50 ms while the model writes), the writers' feedback latency, who served each text, and —
 * re-checked here from ai_outputs after the run with the task's own checks — that every served
 * text passes the critical checks (a failing model answer falls back and is counted).
 *
 * With DATABASE_URL set, the server runs on a new PostgreSQL database made for the run (and
 * dropped after it), as a production deployment would; otherwise on embedded PGlite, whose
 * queries run on the server's own event loop.
 *
 *   npm run bench -- lm-serve [--model DIR (default models/small)] [--seconds 30] [--readers 20] [--writers 2]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { criticalFailures } from '../../src/ai/task.ts';
import { getTask } from '../../src/ai/tasks/index.ts';
import { seedContent } from '../../src/content/seed.ts';
import { migrateDatabase, openDatabase } from '../../src/db/index.ts';
import { aiOutputs } from '../../src/db/schema/index.ts';
import { SHIPPED_MODEL_DIR } from '../../src/model/default-model.ts';
import { lmArtifactRoot, registerLm, setActiveLm } from '../../src/model/registry.ts';
import { report } from '../harness.ts';
import { createScratchDatabase } from '../../test/helpers/db.ts';
import { makeClient, runLoad, type LoadResult } from '../api/load.ts';

const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(argOf('seconds') ?? 30);
const READERS = Number(argOf('readers') ?? 20);
const WRITERS = Number(argOf('writers') ?? 2);
const MODEL = path.resolve(argOf('model') ?? SHIPPED_MODEL_DIR);
const PORT = 3800 + Math.floor(Math.random() * 90);
if (!existsSync(path.join(MODEL, 'model.safetensors'))) {
  console.error(`${MODEL}: no model.safetensors (build models/small with scripts/train-default-model.sh, or pass --model DIR)`);
  process.exit(2);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-bench-lm-'));
const pgliteDir = path.join(dataDir, 'pglite');
const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, `satprep_bench_lm_${randomBytes(4).toString('hex')}`) : undefined;
const dbUrl = scratch?.url;
const DB_LABEL = dbUrl ? 'PostgreSQL' : 'PGlite';
const openBenchDb = () => openDatabase(dbUrl ? { url: dbUrl } : { dataDir: pgliteDir });
console.log(`${scratch ? `PostgreSQL (database ${scratch.name}, dropped afterwards)` : 'embedded PGlite'}; model ${MODEL}; ${READERS} readers, ${WRITERS} writers, ${SECONDS} s per phase`);
const setup = await openBenchDb();
await migrateDatabase(setup);
await seedContent(setup.db);
const { row } = await registerLm(setup.db, { dir: MODEL, root: lmArtifactRoot(dataDir) });
await setActiveLm(setup.db, row.version);
await setup.close();

const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
  env: {
    ...process.env, DATABASE_URL: dbUrl ?? '', REDIS_URL: '', DATA_DIR: dataDir, PORT: String(PORT), SEED_ON_START: 'false', LM_INSTALL_DEFAULT: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn', SCRYPT_COST: '1024', JWT_SECRET: randomBytes(32).toString('hex'), NODE_ENV: 'production',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const call = makeClient(PORT, READERS + WRITERS);
const json = async (method: string, url: string, token?: string, body?: unknown) => {
  const r = await call(method, url, token, body);
  if (r.status >= 400) throw new Error(`${method} ${url} → ${r.status} ${r.body.slice(0, 200)}`);
  return JSON.parse(r.body);
};

interface Finished { ms: number; provider: string }
const finished: Finished[] = [];

try {
  for (let i = 0; ; i++) {
    try { if ((await call('GET', '/health')).status === 200) break; } catch { if (i > 150) throw new Error('server did not start'); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const signup = async (name: string) => (await json('POST', '/auth/signup', undefined, { email: `${name}@bench.test`, password: 'bench password 1', displayName: name, role: 'student' })).accessToken as string;
  const readers = await Promise.all(Array.from({ length: READERS }, async (_, u) => {
    const token = await signup(`reader${u}`);
    const s = await json('POST', '/practice/start', token, { section: 'math', count: 10 });
    return { token, session: s.sessionId as string };
  }));
  const writerTokens = await Promise.all(Array.from({ length: WRITERS }, (_, u) => signup(`writer${u}`)));

  /**
   * One practice set of three answers on one skill (the common case: a student drilling a
   * skill), then the finish that generates its feedback (timed).
   */
  let sets = 0;
  const practiseAndFinish = async (token: string) => {
    sets++;
    const s = await json('POST', '/practice/start', token, { skill: 'rw.info.central-ideas', count: 3 });
    let q = s.question;
    for (let i = 0; i < 3 && q; i++) {
      // Times vary from set to set, so every finish asks for new feedback instead of hitting the AI cache.
      const r = await json('POST', `/practice/${s.sessionId}/answer`, token, { questionId: q.id, answer: q.type === 'mcq' ? 'A' : '3', timeSpentMs: 20_000 + ((sets * 7919 + i * 104_729) % 60_000) });
      q = r.done ? null : r.next;
    }
    const t0 = performance.now();
    const f = await json('POST', `/practice/${s.sessionId}/finish`, token);
    finished.push({ ms: performance.now() - t0, provider: f.feedback.provider });
  };
  // Warm-up: the model thread loads the weights on its first request.
  await practiseAndFinish(writerTokens[0]);
  finished.length = 0;

  const readLoad = () => runLoad(READERS, SECONDS, async (u, timed) => { await timed(() => call('GET', `/practice/${readers[u].session}`, readers[u].token)); });
  const alone = await readLoad();
  let writing = true;
  const writers = Promise.all(writerTokens.map(async (token) => { while (writing) await practiseAndFinish(token); }));
  const beside = await readLoad();
  writing = false;
  await writers;

  const row = (r: LoadResult) => ({ 'requests/s': Math.round(r.rps), 'p50 ms': +r.p50.toFixed(1), 'p99 ms': +r.p99.toFixed(1), requests: r.requests, 'non-2xx': r.errors });
  const ms = finished.map((f) => f.ms).sort((a, b) => a - b);
  const byProvider = finished.reduce<Record<string, number>>((m, f) => ({ ...m, [f.provider]: (m[f.provider] ?? 0) + 1 }), {});
  report(`GET /practice/:id while the in-house model writes feedback (${DB_LABEL}, ${READERS} readers)`, {
    'alone (baseline)': row(alone),
    [`beside ${WRITERS} feedback writers`]: row(beside),
  });
  console.log(`\n  p99 ratio (beside / alone) = ${(beside.p99 / alone.p99).toFixed(2)}; target p99 ≤ 50 ms while generating → ${beside.p99 <= 50 && beside.errors === 0 ? 'PASS' : 'FAIL'}`);
  console.log(`  feedback finishes: ${finished.length} in ${SECONDS} s, median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms, served by ${JSON.stringify(byProvider)}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}

// Every served text, re-checked from what the database recorded.
const after = await openBenchDb();
const rows = await after.db.select().from(aiOutputs).where(eq(aiOutputs.task, 'feedback'));
const task = getTask('feedback');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const failing = rows.filter((r) => criticalFailures(task.checks(task.input.parse(r.input) as any, r.output)).length > 0);
const inhouse = rows.filter((r) => r.provider === 'inhouse').length;
console.log(`  ai_outputs: ${rows.length} feedback texts served (${inhouse} in-house, ${rows.length - inhouse} fallback); re-checked: ${rows.length - failing.length}/${rows.length} pass the critical checks → ${failing.length === 0 && rows.length > 0 ? 'PASS' : 'FAIL'}`);
await after.close();
await scratch?.drop();
rmSync(dataDir, { recursive: true, force: true });
