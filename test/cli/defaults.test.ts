/**
 * Without --out, `synth`, `sel` and `dataset build` write under DATA_DIR — where the jobs write,
 * where the API and the other commands look, and what backups cover — never into the folder
 * the command was run from; and their help says so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const root = mkdtempSync(path.join(tmpdir(), 'satprep-defaults-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dataDir = path.join(root, 'data');
const cwd = path.join(root, 'elsewhere');
mkdirSync(cwd);

const main = path.resolve('src/cli/main.ts');
function satprep(args: string[]) {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...env } = process.env;
  // Run from another folder: tsx by its resolved URL, since `--import tsx` resolves from the working directory.
  return spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main, ...args], {
    cwd, env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 180_000,
  });
}

test('synth, sel and dataset build write under DATA_DIR when given no --out', () => {
  const synth = satprep(['synth', '--pairs', '40', '--per-skill', '4', '--workers', '0', '--seed', 'defaults/v1']);
  assert.equal(synth.status, 0, synth.stdout + synth.stderr);
  const synthDir = path.join(dataDir, 'synth', 'defaults_v1');
  assert.ok(existsSync(path.join(synthDir, 'pairs.jsonl')), synth.stdout);
  assert.match(synth.stdout, new RegExp(`40/40 pairs → ${synthDir.replace(/[.\\/]/g, '\\$&')} in `));

  const sel = satprep(['sel', 'generate', '--count', '84']);
  assert.equal(sel.status, 0, sel.stdout + sel.stderr);
  assert.ok(existsSync(path.join(dataDir, 'sel', 'samples.jsonl')), sel.stdout);

  const dataset = satprep(['dataset', 'build', '--name', 'defaults', '--synth', synthDir, '--no-content', '--format', 'io', '--no-parquet']);
  assert.equal(dataset.status, 0, dataset.stdout + dataset.stderr);
  assert.ok(existsSync(path.join(dataDir, 'datasets', 'defaults', 'v1', 'manifest.json')), dataset.stdout);

  assert.deepEqual(readdirSync(cwd), [], 'nothing in the working directory');
});

test('their help names the default under DATA_DIR', () => {
  for (const [args, where] of [[['synth', '--help'], 'DATA_DIR/synth/<seed>'], [['sel', 'train', '--help'], 'DATA_DIR/sel'], [['dataset', 'build', '--help'], 'DATA_DIR/datasets']] as const) {
    const res = satprep([...args]);
    assert.equal(res.status, 0, res.stderr);
    const help = res.stdout.replace(/\s+/g, ' ');
    assert.ok(help.includes(`(default: ${where}`), `${args.join(' ')}: ${help}`);
    assert.ok(help.includes('DATA_DIR is ./.data unless set'), args.join(' '));
  }
});
