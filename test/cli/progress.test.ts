import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { createProgress } from '../../src/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream, chunks };
}

test('a short job prints nothing', () => {
  const { stream, chunks } = fakeStream(false);
  let t = 0;
  const p = createProgress({ total: 10, label: 'quick', stream, now: () => t });
  for (let i = 0; i < 10; i++) {
    t += 10;
    p.tick();
  }
  p.done();
  assert.deepEqual(chunks, []);
});

test('a long job logs count, percent and eta at intervals in a non-TTY log', () => {
  const { stream, chunks } = fakeStream(false);
  let t = 0;
  const p = createProgress({ total: 100, label: 'build', stream, now: () => t, logEveryMs: 5000 });
  for (let i = 0; i < 100; i++) {
    t += 100; // 10 s in all
    p.tick();
  }
  p.done('ok');
  assert.ok(chunks.length >= 2 && chunks.length <= 4, `${chunks.length} lines`);
  assert.match(chunks[0], /^build \[#+\.*\] \d+\/100 \d+% [\d.]+s eta \d+s\n$/);
  assert.match(chunks.at(-1)!, /100\/100 100% 10\.0s .*ok\n$/);
});

test('on a terminal the bar redraws in place', () => {
  const { stream, chunks } = fakeStream(true);
  let t = 0;
  const p = createProgress({ total: 4, label: 'x', stream, now: () => t, quietMs: 0 });
  for (let i = 0; i < 4; i++) {
    t += 200;
    p.tick();
  }
  p.done();
  assert.ok(chunks.every((c) => c.startsWith('\r\x1b[2K')));
  assert.ok(chunks.at(-1)!.endsWith('\n'));
});

test('an unknown total shows a running count and rate, not a bar', () => {
  const { stream, chunks } = fakeStream(false);
  let t = 0;
  const p = createProgress({ total: 0, label: 'stream', stream, now: () => t, quietMs: 0 });
  t = 2000;
  p.tick(500);
  p.done();
  assert.match(chunks[0], /^stream 500 done 2\.0s \(250\/s\)\n$/);
});

test('in a log the finished line is written once: a tick that reaches the total leaves it to done, which keeps its note', () => {
  const { stream, chunks } = fakeStream(false);
  let t = 0;
  const p = createProgress({ total: 3, label: 'slow', stream, now: () => t, quietMs: 0, logEveryMs: 1000 });
  for (let i = 1; i <= 3; i++) {
    t += 5000; // every step slower than the log interval: each one is logged
    p.tick(1, `loss ${i}`);
  }
  p.done();
  p.done(); // a second call (a finally, a finish of what is still open) writes nothing
  assert.deepEqual(chunks.map((c) => /(\d+)\/3/.exec(c)?.[1]), ['1', '2', '3']);
  assert.match(chunks.at(-1)!, /^slow \[#+\] 3\/3 100% 15\.0s eta 0s loss 3\n$/);
});

test('piped stderr (a child process): one line at the total, and model train\'s lines carry one bar each', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'progress-child.ts')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(res.status, 0, res.stderr);
  const lines = res.stderr.trimEnd().split('\n');
  for (const label of ['job', 'model train (test)']) {
    const own = lines.filter((l) => l.startsWith(`${label} [`));
    assert.equal(own.length, 3, `${label}: a line per slow step, the last written once:\n${res.stderr}`);
    assert.equal(own.filter((l) => / 3\/3 100% /.test(l)).length, 1, res.stderr);
  }
  for (const l of lines.filter((x) => x.startsWith('model train'))) {
    assert.equal(l.match(/\[[#.=\s]+\]/g)?.length, 1, `one bar per line: ${l}`);
    assert.match(l, /\] \d\/3 \d+% [\d.]+s( eta \d+s)? loss \d\.\d{3} lr \d\.\de-\d \| \d+ tok\/s$/);
  }
});
