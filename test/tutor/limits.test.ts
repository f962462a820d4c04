import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenBucket } from '../../src/tutor/limits.ts';

test('a bucket allows its burst, then refills at the steady rate', () => {
  let now = 0;
  const bucket = tokenBucket({ burst: 3, perMinute: 6 }, () => now);
  assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
  assert.equal(bucket.waitMs(), 10_000, 'six a minute: one every 10 s');
  now = 9_999;
  assert.equal(bucket.take(), false);
  now = 10_000;
  assert.equal(bucket.take(), true);
  assert.equal(bucket.take(), false);
  // A long pause refills to the burst, never beyond.
  now = 10 * 60_000;
  assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
});
