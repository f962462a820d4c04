#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx).
// Arguments narrow the run to files whose path contains any of them.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('test')
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const mode = process.env.DATABASE_URL ? 'postgres' : 'embedded pglite';
const cache = process.env.REDIS_URL ? 'redis' : 'in-process cache';
console.log(`# ${files.length} test files, database: ${mode}, cache: ${cache}`);
// The whole run has a wall-clock limit too: a hang anywhere ends as a failed run that says so,
// not as a CI job that never reports.
const limitS = Number(process.env.TEST_RUN_LIMIT_S ?? 2400);
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    // Every result reaches the report even though files force-exit (see the file).
    '--import',
    new URL('./blocking-stdout.mjs', import.meta.url).href,
    '--test',
    '--test-concurrency=2',
    // A test that overruns fails instead of holding the run (the limit applies to each file as
    // a whole too); a file whose tests are done exits even if something it started (a server,
    // a load loop) is still open.
    `--test-timeout=${process.env.TEST_TIMEOUT_MS ?? 900_000}`,
    '--test-force-exit',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/file-times.mjs',
    '--test-reporter-destination=stderr',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' }, detached: true },
);
const started = Date.now();
const watchdog = setTimeout(() => {
  console.error(`\n# test run exceeded TEST_RUN_LIMIT_S=${limitS} s: killing it (0 passed, 1 failed is the verdict; the output above shows where it stood)`);
  console.log('0 passed, 1 failed');
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}, limitS * 1000);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  });
}
child.on('exit', (code, signal) => {
  clearTimeout(watchdog);
  console.error(`# test run took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(code ?? 1);
});
