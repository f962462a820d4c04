/** `satprep model train → promote → eval → list` end to end on a tiny pair file, with the `test` preset. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { synthPairsFile, tempDir } from '../model/fixtures.ts';

const tmp = tempDir('satprep-model-cli-');
after(() => tmp.remove());

function satprep(args: string[]) {
  const { DATABASE_URL: _d, REDIS_URL: _r, OPENAI_BASE_URL: _o, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...env, DATA_DIR: path.join(tmp.dir, 'data'), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test('train registers a candidate; promote activates the first; eval writes the report with the BLEU signature; list shows it', () => {
  const data = synthPairsFile(tmp.dir, 60, 'cli');
  const train = satprep(['model', 'train', '--data', data, '--preset', 'test', '--steps', '4', '--batch', '4', '--seq-len', '128', '--val-fraction', '0.3', '--seed', 'cli']);
  assert.equal(train.status, 0, train.stdout + train.stderr);
  const m = /registered (lm@([0-9a-f]{12})) \(candidate\) → (\S+)/.exec(train.stdout);
  assert.ok(m, train.stdout);
  const [, id, version, dir] = m;
  assert.equal(dir, path.join(tmp.dir, 'data', 'models', 'lm', version));
  assert.match(train.stdout, /trained \d+ parameters for 4 steps .*; 42 pairs, 18 held out/);

  const promote = satprep(['model', 'promote', version]);
  assert.equal(promote.status, 0, promote.stdout + promote.stderr);
  assert.match(promote.stdout, new RegExp(`no language model was active\\npromoted ${id} → `));
  const again = satprep(['model', 'promote', version]);
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.match(again.stdout, new RegExp(`^${id} is already the active model: nothing to do$`, 'm'));

  const ev = satprep(['model', 'eval', '--n', '8', '--ppl-n', '12', '--review', '8', '--max-tokens', '12']);
  assert.equal(ev.status, 0, ev.stdout + ev.stderr);
  assert.match(ev.stdout, /^inhouse +\d+\.\d{3} +\d+\.\d{4} /m);
  assert.match(ev.stdout, /^template +– +– +100\.0% +100\.0% /m);
  assert.match(ev.stdout, /^BLEU signature: nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:\S+$/m);
  const reportDir = /report → (\S+)$/m.exec(ev.stdout)![1];
  assert.ok(reportDir.startsWith(path.join(dir, 'eval')));
  for (const f of ['report.json', 'report.md', 'generations.jsonl', 'review.md']) assert.ok(existsSync(path.join(reportDir, f)), f);
  assert.equal(JSON.parse(readFileSync(path.join(reportDir, 'report.json'), 'utf8')).evalSet.generated, 8);

  // A held-out file with a broken line: the eval runs on the rest and says what it skipped.
  const broken = path.join(tmp.dir, 'heldout-broken.jsonl');
  writeFileSync(broken, `${readFileSync(data, 'utf8').split('\n').slice(0, 6).join('\n')}\n{"id": broken\n`);
  const partial = satprep(['model', 'eval', '--data', broken, '--n', '2', '--ppl-n', '2', '--review', '2', '--max-tokens', '8']);
  assert.equal(partial.status, 0, partial.stdout + partial.stderr);
  assert.match(partial.stdout, /^skipped lines of .*heldout-broken\.jsonl: 1 bad-json$/m);

  const list = satprep(['model', 'list']);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^${id}  active +ppl \\d+\\.\\d{3}  ppl/byte \\d+\\.\\d{4}  pass \\d+\\.\\d%  \\(eval [0-9a-f]{12}\\)  test \\d+ params, 4 steps`, 'm'));
});

test('--resume continues from the work folder\'s checkpoint, and is refused, before any training, where there is none', () => {
  const data = synthPairsFile(path.join(tmp.dir, 'resume'), 40, 'resume');
  const common = ['model', 'train', '--data', data, '--preset', 'test', '--batch', '4', '--seq-len', '128', '--val-fraction', '0.3', '--no-register'];

  const none = satprep([...common, '--steps', '2', '--seed', 'never-trained', '--resume']);
  assert.equal(none.status, 2, none.stdout + none.stderr);
  const work = path.join(tmp.dir, 'data', 'models', 'lm-work', 'never-trained');
  assert.match(none.stderr, new RegExp(`^satprep: --resume: no checkpoint in ${work.replace(/[.\\/]/g, '\\$&')} .*; run without --resume to start from scratch$`, 'm'));
  assert.equal(existsSync(work), false, 'nothing trained, nothing written');

  const first = satprep([...common, '--steps', '2', '--seed', 'resumed']);
  assert.equal(first.status, 0, first.stdout + first.stderr);
  const resumed = satprep([...common, '--steps', '3', '--seed', 'resumed', '--resume']);
  assert.equal(resumed.status, 0, resumed.stdout + resumed.stderr);
  assert.match(resumed.stdout, /^resuming from the checkpoint at step 2 in .*resumed$/m);
  assert.match(resumed.stdout, /^trained \d+ parameters for 3 steps /m);
});

test('a broken line of the pairs file is named by file and line', () => {
  const broken = path.join(tmp.dir, 'broken-pairs.jsonl');
  const line = readFileSync(synthPairsFile(path.join(tmp.dir, 'broken'), 4, 'broken'), 'utf8').split('\n')[0];
  writeFileSync(broken, `${line}\n{"task": "feedback", "output": "${'a private sentence '.repeat(20)}\n`);
  const res = satprep(['model', 'train', '--data', broken, '--preset', 'test', '--steps', '1']);
  assert.equal(res.status, 1, res.stdout + res.stderr);
  assert.match(res.stderr, /^satprep: .*broken-pairs\.jsonl:2: not valid JSON /m);
  assert.ok(res.stderr.length < 300, res.stderr);
});
