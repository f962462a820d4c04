/**
 * Usage errors exit 2, however they are found: commander's parse errors (its message, then one
 * line pointing at the command's --help) as much as a command's own checks; and every numeric
 * option is checked before the command reads or writes anything.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-usage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run { args: string[]; status: number | null; stdout: string; stderr: string }

/** The CLI, several at a time: each case is a separate process, and most of their time is start-up. */
function satprep(args: string[]): Promise<Run> {
  const { DATABASE_URL: _d, REDIS_URL: _r, OPENAI_BASE_URL: _o, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ args, status, stdout, stderr });
    });
  });
}

async function all(cases: string[][], width = 2): Promise<Run[]> {
  const out: Run[] = [];
  for (let i = 0; i < cases.length; i += width) out.push(...(await Promise.all(cases.slice(i, i + width).map(satprep))));
  return out;
}

test('commander\'s parse errors exit 2 with its message and a pointer to the command\'s --help', async () => {
  const cases: [string[], RegExp, string][] = [
    [['sel', 'validate', '--bogus'], /^satprep: unknown option '--bogus'$/m, 'satprep sel validate'],
    [['model', 'train', '--data', 'x', '--stepz', '3'], /^satprep: unknown option '--stepz'\n\(Did you mean --steps\?\)$/m, 'satprep model train'],
    [['sel', 'train', '--folds'], /^satprep: option '--folds <k>' argument missing$/m, 'satprep sel train'],
    [['sel', 'promote'], /^satprep: missing required argument 'version'$/m, 'satprep sel promote'],
    [['nosuch'], /^satprep: unknown command 'nosuch'$/m, 'satprep'],
  ];
  const runs = await all(cases.map(([args]) => args));
  runs.forEach((r, i) => {
    const [, message, command] = cases[i];
    assert.equal(r.status, 2, `${r.args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, r.args.join(' '));
    assert.ok(r.stderr.trimEnd().endsWith(`(${command} --help shows the usage)`), `${r.args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /^Usage:/m, 'a pointer, not the whole usage');
  });
});

test('a group without its subcommand is a usage error too; --help is not', async () => {
  const [group, help, subHelp] = await all([['sel'], ['--help'], ['sel', 'validate', '--help']]);
  assert.equal(group.status, 2, group.stderr);
  assert.match(group.stderr, /^Usage: satprep sel /m);
  assert.equal(help.status, 0, help.stderr);
  assert.equal(subHelp.status, 0, subHelp.stderr);
  assert.match(subHelp.stdout, /--min-margin <x> +required gap between level means, from 0 to 1/);
});

test('every numeric option rejects a value that is not a number of its kind, before anything is read or written', async () => {
  const out = path.join(dir, 'never');
  // One option per command; test/cli/options.test.ts covers the checks' edge cases (blank values and the like) in-process.
  const cases: [string[], RegExp][] = [
    [['sel', 'validate', '--out', out, '--min-margin', 'abc'], /--min-margin must be a number from 0 to 1/],
    [['sel', 'train', '--out', out, '--real-fraction', 'lots'], /--real-fraction must be a number from 0 to 1/],
    [['sel', 'generate', '--out', out, '--concurrency', '0'], /--concurrency must be a positive integer/],
    [['dataset', 'build', '--name', 'x', '--out', out, '--max-oversample', '0'], /--max-oversample must be a positive integer/],
    [['calibrate', '--max-se-b', 'abc'], /--max-se-b must be a number above 0/],
    [['model', 'train', '--data', out, '--val-fraction', '1'], /--val-fraction must be a number between 0 and 1, both excluded/],
    [['model', 'promote', 'abcdef012345', '--min-ppl-gain', '1'], /--min-ppl-gain must be below 1/],
    [['retrain', '--epochs', '0'], /--epochs must be a number above 0/],
  ];
  const runs = await all(cases.map(([args]) => args));
  runs.forEach((r, i) => {
    assert.equal(r.status, 2, `${r.args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^satprep: ${cases[i][1].source}$`, 'm'), r.args.join(' '));
  });
  assert.equal(existsSync(out), false, 'nothing written');
  assert.equal(existsSync(path.join(dir, 'data', 'pglite')), false, 'no database opened');
});
