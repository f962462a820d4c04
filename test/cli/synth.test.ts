/**
 * `satprep synth` as a user runs it: bad numbers are usage errors (exit 2) that write nothing,
 * a run that cannot reach its count says why, and a broken pairs file is named by file and line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-synth-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function satprep(args: string[]) {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...env, DATA_DIR: dir, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
}

test('bad numbers for synth and synth report are usage errors that write nothing', () => {
  const out = path.join(dir, 'never');
  for (const [flag, value, message] of [
    ['--paraphrase', 'abc', /--paraphrase must be a number from 0 to 1/],
    ['--paraphrase', '5', /--paraphrase must be a number from 0 to 1/],
    ['--llm-seed', 'abc', /--llm-seed must be a whole number ≥ 0/],
    ['--near-dup', '0', /--near-dup must be above 0/],
    ['--near-dup', 'x', /--near-dup must be a number from 0 to 1/],
    ['--workers', '-1', /--workers must be a whole number ≥ 0/],
  ] as const) {
    const res = satprep(['synth', '--pairs', '10', '--out', out, flag, value]);
    assert.equal(res.status, 2, `${flag} ${value}: ${res.stderr}`);
    assert.match(res.stderr, message);
  }
  assert.equal(existsSync(out), false);
  assert.match(satprep(['synth', 'report', out, '--near-dup', '7']).stderr, /--near-dup must be a number from 0 to 1/);
});

test('a run that cannot make its count distinct enough fails with the reason; a broken line is named by file and line', () => {
  const out = path.join(dir, 'short');
  const res = satprep(['synth', '--pairs', '400', '--near-dup', '0.05', '--mix', 'lesson_summary=1', '--per-skill', '4', '--workers', '0', '--out', out]);
  assert.equal(res.status, 1, res.stdout + res.stderr);
  assert.match(res.stderr, /^satprep: only \d+ of 400 pairs could be made distinct enough at --near-dup 0\.05: raise the threshold, widen --mix, or ask for fewer pairs/m);
  assert.doesNotMatch(res.stdout + res.stderr, /400\/400/, 'the progress line does not claim the full count');

  appendFileSync(path.join(out, 'pairs.jsonl'), '{"id": broken line\n');
  const report = satprep(['synth', 'report', out]);
  assert.equal(report.status, 1);
  assert.match(report.stderr, /pairs\.jsonl:\d+: not valid JSON \(\{"id": broken line\)/);
});
