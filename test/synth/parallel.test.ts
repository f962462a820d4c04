import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { AI_TASKS } from '../../src/db/enums.ts';
import { writeSynth } from '../../src/synth/generate.ts';
import { groupTasks, plannedWorkers, writeSynthParallel } from '../../src/synth/parallel.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { smallBank } from './bank.ts';

const ctx = buildContext(smallBank(10), loadLessons());
const ALL_EIGHT = Object.fromEntries(AI_TASKS.map((t) => [t, 1]));
const tmp = () => mkdtempSync(path.join(tmpdir(), 'synth-par-'));
const files = (dir: string) => [readFileSync(path.join(dir, 'pairs.jsonl')), readFileSync(path.join(dir, 'manifest.json'))];

test('same seed → the same JSONL and manifest bytes in one thread and with worker threads', async () => {
  const opts = { pairs: 160, seed: 'par', mix: ALL_EIGHT };
  const one = tmp();
  writeSynth(one, ctx, opts);
  const [pairs, manifest] = files(one);
  assert.equal(pairs.toString().trim().split('\n').length, 160);
  // Two workers and this thread: three groups of the eight tasks, each group in its own thread.
  const dir = tmp();
  const stats = await writeSynthParallel(dir, ctx, opts, { workers: 2 });
  assert.equal(stats.written, 160);
  const [p, m] = files(dir);
  assert.ok(p.equals(pairs), 'pairs.jsonl differs');
  assert.ok(m.equals(manifest), 'manifest.json differs');
});

test('task groups: largest quota first, each to the lightest group; the worker count leaves this thread a group', () => {
  const quota = { feedback: 400, explain: 400, plan_adjust: 200 };
  assert.deepEqual(groupTasks(['feedback', 'explain', 'plan_adjust'], quota, 3), [['feedback'], ['explain'], ['plan_adjust']]);
  assert.deepEqual(groupTasks(['feedback', 'explain', 'plan_adjust'], quota, 2), [['feedback', 'plan_adjust'], ['explain']]);
  assert.equal(plannedWorkers({ pairs: 50_000, seed: 's' }, { workers: 8 }), 2);
  assert.equal(plannedWorkers({ pairs: 50_000, seed: 's', mix: { feedback: 1 } }, { workers: 8 }), 0);
  assert.equal(plannedWorkers({ pairs: 100, seed: 's' }), 0, 'small runs stay in one thread');
});
