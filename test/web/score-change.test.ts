/** How a score report compares a test with the previous one (web/src/lib/score-change.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreChange } from '../../web/src/lib/score-change.ts';

type Band = [number, number];
const row = (id: string, at: string, total: number | null, rw: number | null, math: number | null, half = 60) => ({
  testResultId: id,
  at,
  total,
  rw,
  math,
  bands: {
    total: total === null ? null : ([total - half * 1.4, total + half * 1.4] as Band),
    rw: rw === null ? null : ([rw - half, rw + half] as Band),
    math: math === null ? null : ([math - half, math + half] as Band),
  },
});
const day = (at: string | Date) => new Date(at).toISOString().slice(0, 10);

test('a gain larger than two tests\' bands together is called real', () => {
  const scores = [row('a', '2026-11-01T10:00:00Z', 1000, 500, 500), row('b', '2026-11-20T10:00:00Z', 1200, 600, 600)];
  const c = scoreChange(scores, 'b', day)!;
  assert.equal(c.measure, 'total');
  assert.equal(c.delta, 200);
  // Half-widths 84 and 84 → about 119, in 10-point steps.
  assert.equal(c.margin, 120);
  assert.equal(c.beyondMargin, true);
  assert.equal(c.text, 'Up 200 points from your last full-length test (1000 on 2026-11-01). That is more than one test can move by chance, so your practice is showing.');
});

test('a change within the margin is named as possibly noise, in either direction', () => {
  const scores = [row('a', '2026-11-01T10:00:00Z', 1000, 500, 500), row('b', '2026-11-20T10:00:00Z', 960, 480, 480)];
  const c = scoreChange(scores, 'b', day)!;
  assert.equal(c.delta, -40);
  assert.equal(c.beyondMargin, false);
  assert.match(c.text, /^Down 40 points from your last full-length test \(1000 on 2026-11-01\)\. One test's score can move by about 120 points by chance/);
});

test('the same score says so without a verdict', () => {
  const scores = [row('a', '2026-11-01T10:00:00Z', 1000, 500, 500), row('b', '2026-11-20T10:00:00Z', 1000, 520, 480)];
  assert.equal(scoreChange(scores, 'b', day)!.text, 'The same total as your last full-length test (2026-11-01).');
});

test('a one-section test is compared with the last test that had that section, skipping others', () => {
  const scores = [
    row('a', '2026-11-01T10:00:00Z', 1000, 500, 500),
    row('m', '2026-11-10T10:00:00Z', null, null, 520),
    row('b', '2026-11-20T10:00:00Z', null, 580, null),
  ];
  const c = scoreChange(scores, 'b', day)!;
  assert.equal(c.measure, 'rw');
  assert.equal(c.previous, 500);
  assert.equal(c.delta, 80);
  assert.match(c.text, /^Up 80 points from your last test with Reading and Writing \(500 on 2026-11-01\)\./);
  // Math was last seen on Nov 10, a section-only test, not the full test before it.
  const math = scoreChange([...scores, row('c', '2026-11-25T10:00:00Z', null, null, 560)], 'c', day)!;
  assert.equal(math.previous, 520);
});

test('a first test, or a result the history does not hold yet, has nothing to compare', () => {
  const scores = [row('a', '2026-11-01T10:00:00Z', 1000, 500, 500)];
  assert.equal(scoreChange(scores, 'a'), null);
  assert.equal(scoreChange(scores, 'missing'), null);
  assert.equal(scoreChange([row('x', '2026-11-01T10:00:00Z', null, null, 500), row('y', '2026-11-02T10:00:00Z', null, 500, null)], 'y'), null);
});
