import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../src/lib/rng.ts';

const draw = (seed: string | number) => {
  const r = createRng(seed);
  return [r.next(), r.int(1, 6), r.normal(), r.shuffle([1, 2, 3, 4, 5]).join('')];
};

test('the same seed gives the same stream; another seed gives another', () => {
  assert.deepEqual(draw('s1'), draw('s1'));
  assert.notDeepEqual(draw('s1'), draw('s2'));
  assert.deepEqual(draw(7), draw('7'));
});

test('forks are independent of the parent and reproducible', () => {
  const a = createRng('root');
  const f1 = a.fork('x').next();
  a.next();
  assert.equal(a.fork('x').next(), f1);
  assert.notEqual(a.fork('y').next(), f1);
});

test('uniform and normal draws have the expected moments', () => {
  const r = createRng('moments');
  const n = 50_000;
  let su = 0, sn = 0, sn2 = 0;
  const counts = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    su += r.next();
    const z = r.normal();
    sn += z;
    sn2 += z * z;
    counts[r.int(1, 6) - 1]++;
  }
  assert.ok(Math.abs(su / n - 0.5) < 0.01);
  assert.ok(Math.abs(sn / n) < 0.02);
  assert.ok(Math.abs(sn2 / n - 1) < 0.03);
  for (const c of counts) assert.ok(Math.abs(c / n - 1 / 6) < 0.01);
});

test('bad ranges are refused', () => {
  const r = createRng(1);
  assert.throws(() => r.int(3, 1), RangeError);
  assert.throws(() => r.pick([]), RangeError);
  assert.throws(() => r.sample([1], 2), RangeError);
});
