/**
 * A fresh install serves the shipped model: the first start registers and activates it; once
 * the registry holds any model, start-up leaves it to the operators.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installDefaultModel, SHIPPED_MODEL_DIR } from '../../src/model/default-model.ts';
import { PRESETS } from '../../src/model/config.ts';
import { activeLm, listLm, modelVersion, setActiveLm } from '../../src/model/registry.ts';
import { trainFromFile } from '../../src/model/train-run.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { synthPairsFile, TINY, tempDir } from './fixtures.ts';

const tmp = tempDir('lm-default-');
let database: TestDatabase;
let shipped: string;

before(async () => {
  database = await createTestDatabase();
  const data = synthPairsFile(tmp.dir, 60, 'default-model');
  shipped = trainFromFile({ data, outDir: path.join(tmp.dir, 'shipped'), preset: 'test', model: TINY, seed: 'default', train: { maxSteps: 2, batchSize: 2, seqLen: 256 } }).dir;
});
after(async () => {
  await database?.dispose();
  tmp.remove();
});

test('a directory without weights is not installed', async () => {
  assert.deepEqual(await installDefaultModel(database.db, { dataDir: tmp.dir, dir: path.join(tmp.dir, 'nothing-here') }), { installed: false, reason: 'not-shipped' });
  assert.equal((await listLm(database.db)).length, 0);
});

test('the first start registers the shipped model and makes it active; later starts leave the registry alone', async () => {
  const first = await installDefaultModel(database.db, { dataDir: tmp.dir, dir: shipped });
  assert.deepEqual(first, { installed: true, version: modelVersion(shipped) });
  const active = await activeLm(database.db);
  assert.equal(active?.version, modelVersion(shipped));
  assert.ok(existsSync(path.join(active!.path, 'model.safetensors')), 'copied into the artifact folder');

  assert.deepEqual(await installDefaultModel(database.db, { dataDir: tmp.dir, dir: shipped }), { installed: false, reason: 'registry-in-use' });
  // An operator retires it (another model active, or none): start-up does not bring it back.
  await database.db.execute(`update models set status = 'retired' where kind = 'lm'`);
  assert.deepEqual(await installDefaultModel(database.db, { dataDir: tmp.dir, dir: shipped }), { installed: false, reason: 'registry-in-use' });
  assert.equal(await activeLm(database.db), null);
  await setActiveLm(database.db, first.installed ? first.version : '');
});

test('the repository ships the small model with its training record', { skip: !existsSync(path.join(SHIPPED_MODEL_DIR, 'model.safetensors')) && 'models/small not built yet' }, () => {
  const config = JSON.parse(readFileSync(path.join(SHIPPED_MODEL_DIR, 'config.json'), 'utf8')) as { hidden_size: number; num_hidden_layers: number };
  assert.equal(config.hidden_size, PRESETS.small.dim);
  assert.equal(config.num_hidden_layers, PRESETS.small.layers);
  const train = JSON.parse(readFileSync(path.join(SHIPPED_MODEL_DIR, 'train.json'), 'utf8')) as { preset: string; seconds: number; data: { pairs: number } };
  assert.equal(train.preset, 'small');
  assert.ok(train.seconds <= 2 * 3600, `trained in ${train.seconds} s`);
  assert.equal(train.data.pairs, 50_000);
});
