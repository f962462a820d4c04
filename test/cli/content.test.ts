import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-content-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function satprep(args: string[]) {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...env, DATA_DIR: dir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test('content build is idempotent for a seed, and content check verifies every stored key', () => {
  const out = path.join(dir, 'bank.jsonl');
  const first = satprep(['content', 'build', '--per-skill', '6', '--out', out]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /built 174 items for 29 skills/);
  assert.match(first.stdout, /174 new item\(s\) stored \(0 already present\), 29 lessons/);
  const bytes = readFileSync(out);

  const second = satprep(['content', 'build', '--per-skill', '6', '--out', out]);
  assert.match(second.stdout, /0 new item\(s\) stored \(174 already present\)/);
  assert.ok(readFileSync(out).equals(bytes), 'same seed, same bytes');

  const check = satprep(['content', 'check']);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /verified 174\/174 keys \(100\.0%\)/);
});

test('a bad --per-skill is a usage error, for build and sample alike, and writes nothing', () => {
  const sample = path.join(dir, 'SAMPLE.md');
  for (const args of [['content', 'build', '--per-skill', 'many', '--no-db'], ['content', 'sample', '--per-skill', 'abc', '--out', sample], ['content', 'sample', '--per-skill', '-2', '--out', sample]]) {
    const res = satprep(args);
    assert.equal(res.status, 2, args.join(' '));
    assert.match(res.stderr, /--per-skill must be a positive integer/);
  }
  assert.equal(existsSync(sample), false);
});

test('admin create makes an admin from the CLI, and refuses a weak password', () => {
  const weak = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'admin', 'create', '--email', 'root@example.test'], {
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dir, SATPREP_ADMIN_PASSWORD: 'short' },
    encoding: 'utf8',
  });
  assert.equal(weak.status, 2);
  // Twelve spaces are no password, whether they come from the environment or stdin.
  const blank = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'admin', 'create', '--email', 'root@example.test'], {
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dir, SATPREP_ADMIN_PASSWORD: ' '.repeat(12) },
    encoding: 'utf8',
  });
  assert.equal(blank.status, 2);
  assert.match(blank.stderr, /no admin password given/);
  const ok = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'admin', 'create', '--email', 'root@example.test'], {
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dir, SATPREP_ADMIN_PASSWORD: 'a long admin passphrase', SCRYPT_COST: '1024' },
    encoding: 'utf8',
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /admin root@example\.test created/);
  assert.doesNotMatch(ok.stdout + ok.stderr, /a long admin passphrase/);
});

test('content check on a database with no items says to build the bank first', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'satprep-empty-'));
  try {
    const { DATABASE_URL: _d, REDIS_URL: _r, ...env } = process.env;
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'content', 'check'], { env: { ...env, DATA_DIR: empty, LOG_LEVEL: 'warn', SEED_ON_START: 'false' }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(res.status, 2, res.stdout + res.stderr);
    assert.match(res.stderr, /^satprep: no items are stored: build the bank first \(satprep content build\)$/m);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
