/**
 * A retrain that fails leaves no folder of its own behind: not the dataset build's (empty)
 * name folder when the build fails, not its work folder when training fails. What it
 * registered stays (a dataset that was built is a dataset).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { retrain } from '../../src/model/retrain.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { synthPairsFile, TINY, tempDir } from './fixtures.ts';

const tmp = tempDir('lm-retrain-cleanup-');
let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.dispose();
  tmp.remove();
});

test('a retrain whose dataset build fails leaves no datasets folder', async () => {
  const dataDir = path.join(tmp.dir, 'build-fails');
  const broken = path.join(tmp.dir, 'broken.jsonl');
  writeFileSync(broken, '{"id": broken\n');
  await assert.rejects(retrain(database.db, { dataDir, key: new Uint8Array(32), synthDirs: [broken], preset: 'test', model: TINY }), /broken\.jsonl:1: not valid JSON/);
  assert.equal(existsSync(path.join(dataDir, 'datasets')), false);
});

test('a retrain whose training fails removes its work folder and the folders it made for it', async () => {
  const dataDir = path.join(tmp.dir, 'train-fails');
  const synth = synthPairsFile(path.join(tmp.dir, 'synth'), 40, 'cleanup');
  // Any failure inside training will do: rows longer than the model's context fail at the first step.
  await assert.rejects(
    retrain(database.db, { dataDir, key: new Uint8Array(32), synthDirs: [synth], preset: 'test', model: TINY, train: { batchSize: 2, seqLen: 2 * TINY.maxSeq } }),
    /sequence length 1024 exceeds maxSeq 512/,
  );
  assert.equal(existsSync(path.join(dataDir, 'models')), false, `left: ${existsSync(path.join(dataDir, 'models')) ? readdirSync(path.join(dataDir, 'models'), { recursive: true }).join(', ') : ''}`);
  assert.deepEqual(readdirSync(path.join(dataDir, 'datasets', 'lm-retrain')), ['v1'], 'the built dataset stays, registered');
});
