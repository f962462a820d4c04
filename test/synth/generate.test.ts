import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { retrieve } from '../../src/ai/search/retrieve.ts';
import { buildSearchIndex, searchPassages } from '../../src/ai/search/sources.ts';
import { TASKS } from '../../src/ai/tasks/index.ts';
import type { AnyAiTask } from '../../src/ai/task.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { AI_TASKS } from '../../src/db/enums.ts';
import { nearDuplicateRate } from '../../src/synth/dedup.ts';
import { allocate, generatePairs, newStats, writeSynth, type SynthPair } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { smallBank } from './bank.ts';

const ctx = buildContext(smallBank(20), loadLessons());
const ALL_EIGHT = Object.fromEntries(AI_TASKS.map((t) => [t, 1]));
const tmp = () => mkdtempSync(path.join(tmpdir(), 'synth-'));
const read = (dir: string) => readFileSync(path.join(dir, 'pairs.jsonl'));

test('same seed → byte-identical JSONL and manifest; another seed → different bytes', () => {
  const opts = { pairs: 240, seed: 'det', mix: ALL_EIGHT };
  const [a, b, c] = [tmp(), tmp(), tmp()];
  writeSynth(a, ctx, opts);
  writeSynth(b, ctx, opts);
  writeSynth(c, ctx, { ...opts, seed: 'det2' });
  assert.ok(read(a).equals(read(b)));
  assert.ok(readFileSync(path.join(a, 'manifest.json')).equals(readFileSync(path.join(b, 'manifest.json'))));
  assert.ok(!read(a).equals(read(c)));
  // The file is exactly the pairs as JSON.stringify writes them, one a line (non-ASCII text included).
  const expected = [...generatePairs(ctx, opts, newStats(opts))].map((p) => JSON.stringify(p)).join('\n') + '\n';
  assert.ok(/[^\x00-\x7f]/.test(expected));
  assert.ok(read(a).equals(Buffer.from(expected)));
  const lines = read(a).toString().trim().split('\n').map((l) => JSON.parse(l) as SynthPair);
  assert.equal(lines.length, 240);
  for (const p of lines) {
    assert.deepEqual(Object.keys(p), ['id', 'task', 'input', 'prompt', 'output', 'meta']);
    assert.deepEqual(Object.keys(p.meta), ['skill', 'section', 'domain', 'difficulty', 'generator', 'seed', 'synthetic']);
    assert.equal(p.meta.synthetic, true);
  }
});

const stats = newStats({ pairs: 800, seed: 'gates', mix: ALL_EIGHT });
const pairs = [...generatePairs(ctx, { pairs: 800, seed: 'gates', mix: ALL_EIGHT }, stats)];

test('every pair of all eight tasks has a valid input and passes all its task checks', () => {
  assert.equal(pairs.length, 800);
  assert.deepEqual(new Set(pairs.map((p) => p.task)), new Set(AI_TASKS));
  for (const p of pairs) {
    const task: AnyAiTask = TASKS[p.task];
    assert.ok(task.input.safeParse(p.input).success, `${p.id}: invalid input`);
    const failed = task.checks(p.input, p.output).filter((r) => !r.pass);
    assert.deepEqual(failed, [], `${p.id} (${p.task}): ${p.output}`);
  }
  assert.ok(Object.values(stats.byTask).some((s) => s.paraphrased > 0), 'some pairs are paraphrased');
});

test('no exact duplicates; near-duplicate rate ≤ 5% per task at Jaccard ≥ 0.8 on word 5-grams', () => {
  for (const t of AI_TASKS) {
    const outs = pairs.filter((p) => p.task === t).map((p) => p.output);
    assert.equal(new Set(outs.map((o) => o.trim())).size, outs.length, `${t}: exact duplicates`);
    const nd = nearDuplicateRate(outs, { threshold: 0.8 });
    assert.ok(nd.rate <= 0.05, `${t}: near-dup rate ${nd.rate}`);
  }
});

test('coverage: every skill the bank serves has ≥ 1% of the skill-bearing pairs of feedback, explain and plan_adjust', () => {
  const n = 1500;
  const out = [...generatePairs(ctx, { pairs: n, seed: 'coverage' }, newStats({ pairs: n, seed: 'coverage' }))];
  const quota = allocate(n, { feedback: 0.4, explain: 0.4, plan_adjust: 0.2 });
  for (const t of ['feedback', 'explain', 'plan_adjust'] as const) {
    const mine = out.filter((p) => p.task === t && p.meta.skill);
    assert.equal(out.filter((p) => p.task === t).length, quota[t]);
    for (const s of ctx.skillsFor[t]) {
      const share = mine.filter((p) => p.meta.skill === s).length / mine.length;
      assert.ok(share >= 0.01, `${t}/${s}: ${share}`);
    }
  }
  assert.equal(ctx.skillsFor.feedback.length, 29);
  assert.equal(ctx.skillsFor.plan_adjust.length, 29);
});

test('oversampling weights give a weak skill a larger share', () => {
  const weak = ctx.skillsFor.explain[0];
  const out = [...generatePairs(ctx, { pairs: 300, seed: 'over', mix: { explain: 1 }, skillWeights: { [weak]: 5 } }, newStats({ pairs: 300, seed: 'over' }))];
  const share = out.filter((p) => p.meta.skill === weak).length / out.length;
  assert.ok(share > 2.5 / ctx.skillsFor.explain.length, `share ${share}`);
});

test('synthetic inputs carry the passages the server would retrieve for them: the same lessons and guide, the same queries', () => {
  const freeText = pairs.filter((p) => ['help', 'review', 'note_reply', 'tutor_chat'].includes(p.task));
  assert.ok(freeText.length >= 300);
  const server = buildSearchIndex(searchPassages(loadLessons()));
  let guide = 0;
  for (const p of freeText) {
    const task: AnyAiTask = TASKS[p.task];
    const input = p.input as { sources: { id: string }[] };
    assert.deepEqual(retrieve(task, { ...input, sources: [] }, server), input, `${p.id} (${p.task})`);
    if (input.sources.some((s) => s.id.startsWith('guide.'))) guide++;
  }
  // Students ask about pacing and guessing too; some inputs draw on the test guide.
  assert.ok(guide > 0, 'no synthetic input retrieved a guide section');
});

test('an interrupted run (pairs and no manifest) is refused by the report and the dataset reader, and a new run clears the old report', async () => {
  const { buildReport, writeReport } = await import('../../src/synth/report.ts');
  const { readSynth } = await import('../../src/dataset/read-synth.ts');
  const dir = tmp();
  writeSynth(dir, ctx, { pairs: 40, seed: 'first' });
  await writeReport(dir, { threshold: 0.8 });
  assert.ok(existsSync(path.join(dir, 'report.md')));
  // The next run into the same folder: the old report no longer sits beside pairs it does not describe.
  writeSynth(dir, ctx, { pairs: 20, seed: 'second' });
  assert.equal(existsSync(path.join(dir, 'report.md')), false);
  // A run stopped before its end leaves no manifest (it is written last).
  rmSync(path.join(dir, 'manifest.json'));
  await assert.rejects(buildReport(dir, { threshold: 0.8 }), /has no manifest\.json beside it: the synth run that wrote it did not finish/);
  await assert.rejects(async () => { for await (const _ of readSynth(dir)) break; }, /did not finish/);
});
