/**
 * The spill between a build's passes gives back exactly what was written, in order — across
 * read-chunk boundaries, with lines longer than a chunk and multi-byte text — without the
 * fields that are never spilled.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readShard, ShardWriter } from '../../src/dataset/shard.ts';
import type { Pair } from '../../src/dataset/types.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'shard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const pair = (i: number, output: string) => ({
  id: `p${i}`, task: 'feedback', source: 'db:ai_outputs', output, prompt: [{ role: 'user', content: `question ${i}` }],
  input: { secret: true }, userId: 'raw-user-id', people: ['Ada'],
}) as unknown as Pair;

test('every spilled pair comes back in order, across chunks and with lines longer than a chunk', async () => {
  const file = path.join(dir, 'a.jsonl');
  const outputs = Array.from({ length: 5000 }, (_, i) => (i === 1234 ? 'é'.repeat(1_500_000) : `Réponse ${i} — ok ✓ ${'x'.repeat(i % 700)}`));
  const w = new ShardWriter(file);
  outputs.forEach((o, i) => w.write(pair(i, o)));
  w.close();
  assert.equal(w.rows, outputs.length);
  const back: Pair[] = [];
  for await (const p of readShard(file)) back.push(p);
  assert.equal(back.length, outputs.length);
  back.forEach((p, i) => {
    assert.equal(p.output, outputs[i]);
    assert.equal((p as unknown as { id: string }).id, `p${i}`);
    // Never spilled: the structured input and the raw ids.
    assert.equal(p.input, null);
    assert.equal(p.userId, null);
    assert.deepEqual(p.people, []);
  });
});

test('an empty shard reads as no pairs', async () => {
  const file = path.join(dir, 'empty.jsonl');
  new ShardWriter(file).close();
  const back: Pair[] = [];
  for await (const p of readShard(file)) back.push(p);
  assert.deepEqual(back, []);
});

test('reading a shard gives the event loop a turn between chunks (a build inside the server must not freeze it)', async () => {
  const file = path.join(dir, 'big.jsonl');
  const w = new ShardWriter(file);
  for (let i = 0; i < 4000; i++) w.write(pair(i, 'y'.repeat(2000)));
  w.close();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  let n = 0;
  try {
    for await (const _ of readShard(file)) n++;
  } finally {
    clearInterval(timer);
  }
  assert.equal(n, 4000);
  // About 8 MiB in 1 MiB chunks: the timer runs between them.
  assert.ok(ticks >= 4, `timer ran ${ticks} times`);
});
