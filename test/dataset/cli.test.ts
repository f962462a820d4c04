/** `satprep dataset build | list | verify | diff` from the command line, on an embedded database. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { generatePairs, type SynthStats } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-dataset-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function satprep(args: string[]) {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'dataset', ...args], {
    env: { ...env, DATA_DIR: dir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test('build, list, verify and diff two versions; bad options are usage errors', () => {
  const synth = path.join(dir, 'synth.jsonl');
  const stats: SynthStats = { requested: 60, written: 0, seed: 's', mix: {}, nearDupThreshold: 0.8, byTask: {}, failedChecks: {}, seconds: 0 };
  writeFileSync(synth, [...generatePairs(buildContext(buildBank({ perSkill: 2 }), loadLessons()), { pairs: 60, seed: 'cli' }, stats)].map((p) => `${JSON.stringify(p)}\n`).join(''));
  const out = path.join(dir, 'datasets');
  const common = ['--synth', synth, '--out', out, '--no-content', '--format', 'io,chat,kto'];

  const v1 = satprep(['build', '--name', 'cli', ...common]);
  assert.equal(v1.status, 0, v1.stderr);
  assert.match(v1.stdout, /^cli@v1: phase synthetic, \d+ pairs/m);
  const v2 = satprep(['build', '--name', 'cli', ...common, '--max-per-skill', '1']);
  assert.equal(v2.status, 0, v2.stderr);
  assert.match(v2.stdout, /^cli@v2: phase synthetic/m);

  const list = satprep(['list', 'cli']);
  assert.equal(list.status, 0, list.stderr);
  assert.deepEqual(list.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['cli@v1', 'cli@v2']);

  const verify = satprep(['verify', 'cli']);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /cli@v2: all 18 files read back/);

  const diff = satprep(['diff', 'cli@v1', 'cli@v2', '--json']);
  assert.equal(diff.status, 0, diff.stderr);
  const d = JSON.parse(diff.stdout);
  assert.ok(d.records.positive.removed > 0 && d.records.positive.added === 0, JSON.stringify(d.records));
  assert.equal(d.records.positive.b, d.records.positive.a - d.records.positive.removed);

  const badFormat = satprep(['build', '--name', 'x', '--format', 'io,xml']);
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /--format takes a comma list/);
  const badPhase = satprep(['build', '--name', 'x', '--phase', 'sometimes']);
  assert.equal(badPhase.status, 2);
  assert.match(badPhase.stderr, /--phase must be one of auto, synthetic, mixed, real/);
});

test('a build that fails midway leaves no folder behind, not even an empty one', () => {
  const synth = path.join(dir, 'broken.jsonl');
  const good = [...generatePairs(buildContext(buildBank({ perSkill: 2 }), loadLessons()), { pairs: 4, seed: 'broken' }, { requested: 4, written: 0, seed: 's', mix: {}, nearDupThreshold: 0.8, byTask: {}, failedChecks: {}, seconds: 0 })];
  writeFileSync(synth, `${good.map((p) => JSON.stringify(p)).join('\n')}\n{"id": broken\n`);
  const out = path.join(dir, 'fresh', 'datasets');
  const res = satprep(['build', '--name', 'broken', '--synth', synth, '--out', out, '--no-content', '--format', 'io']);
  assert.equal(res.status, 1, res.stdout + res.stderr);
  assert.match(res.stderr, /broken\.jsonl:5: not valid JSON/);
  assert.equal(existsSync(path.join(dir, 'fresh')), false, res.stderr);
});
