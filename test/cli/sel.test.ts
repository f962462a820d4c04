/** `satprep sel pipeline --db` registers the trained set in the database; `sel models` lists it as the active one. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-sel-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function satprep(args: string[]) {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 180_000,
  });
}

test('a pipeline run with --db registers its models as the active SEL set', () => {
  const run = satprep(['sel', 'pipeline', '--count', '168', '--folds', '2', '--seed', 'cli-db', '--out', path.join(dir, 'run'), '--db']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const m = /registered sel@([0-9a-f]{12}) \(active\) → (\S+); no SEL model was active/.exec(run.stdout);
  assert.ok(m, run.stdout);
  assert.equal(m[2], path.join(dir, 'data', 'models', 'sel', m[1]));
  assert.ok(existsSync(path.join(m[2], 'manifest.json')));

  const list = satprep(['sel', 'models']);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^${m[1]}  active +mean CV R² 0\\.\\d{4}  168 rows  heuristic-v2 `, 'm'));
});

test('sel eval names a bad line of its --data by file and line and a short reason, never echoing the line', () => {
  const rows = readFileSync(path.join(dir, 'run', 'dataset.csv'), 'utf8').split('\n');
  // A row shifted by a column: the student's words land in the skill column.
  const words = 'My name is Jane Doe and I live on Elm Street, ask me anything';
  const shifted = rows[2].replace(/^([^,]*),/, `$1,"${words}",`).split(',').slice(0, -1).join(',');
  const data = path.join(dir, 'bad.csv');
  writeFileSync(data, [rows[0], rows[1], shifted, ''].join('\n'));
  const res = satprep(['sel', 'eval', '--out', path.join(dir, 'run'), '--data', data]);
  assert.equal(res.status, 1, res.stdout + res.stderr);
  assert.match(res.stderr, new RegExp(`^satprep: .*bad\\.csv:3: unknown skill \\(a ${words.length}-character value\\)`, 'm'));
  assert.doesNotMatch(res.stderr, /Jane|Elm/);
  assert.ok(res.stderr.length < 400, res.stderr);
});

test('sel validate checks --min-margin before it reads anything', () => {
  const res = satprep(['sel', 'validate', '--out', path.join(dir, 'nowhere'), '--min-margin', 'abc']);
  assert.equal(res.status, 2, res.stdout + res.stderr);
  assert.match(res.stderr, /^satprep: --min-margin must be a number from 0 to 1$/m);
});
