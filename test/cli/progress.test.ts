import assert from 'node:assert/strict';
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
