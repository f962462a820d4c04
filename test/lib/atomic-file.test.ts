import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../src/lib/atomic-file.ts';

test('a write replaces the file whole, from data or from a writer given the temporary path', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'));
  const file = path.join(dir, 'state.json');
  writeFileAtomic(file, '{"step":1}');
  assert.equal(readFileSync(file, 'utf8'), '{"step":1}');
  writeFileAtomic(file, (tmp) => {
    assert.notEqual(tmp, file, 'the writer never writes the real file');
    writeFileSync(tmp, '{"step":2}');
  });
  assert.equal(readFileSync(file, 'utf8'), '{"step":2}');
  assert.deepEqual(readdirSync(dir), ['state.json']);
});

test('a write that fails halfway leaves the previous file and no temporary one', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'));
  const file = path.join(dir, 'model.bin');
  writeFileAtomic(file, new Uint8Array([1, 2, 3]));
  assert.throws(
    () =>
      writeFileAtomic(file, (tmp) => {
        writeFileSync(tmp, 'half of the new');
        throw new Error('disk full');
      }),
    /disk full/,
  );
  assert.deepEqual([...readFileSync(file)], [1, 2, 3]);
  assert.deepEqual(readdirSync(dir), ['model.bin']);
});
