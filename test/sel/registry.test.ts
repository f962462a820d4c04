/**
 * The SEL model registry: a trained set becomes a `models` row (kind sel) with its
 * metrics and a copied artifact folder; a worse set stays a candidate, a better or a
 * promoted one becomes active and the old one is retired; the model source serves the
 * active set and falls back to DATA_DIR's files when none is registered.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { models } from '../../src/db/schema/index.ts';
import { manifestSchema } from '../../src/sel/models.ts';
import { activeSelModel, createSelModelSource, listSelModels, meanCvR2, promoteSelModel, registerSelModels } from '../../src/sel/registry.ts';
import { SEL_SKILLS } from '../../src/sel/skills.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { trainSmallModels } from './small-models.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sel-registry-'));
const artifactRoot = path.join(dir, 'artifacts');
let database: TestDatabase;
let trained: string;
before(async () => {
  database = await createTestDatabase();
  trained = trainSmallModels(path.join(dir, 'run'), 'registry');
});
after(async () => {
  await database.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A copy of the trained set whose manifest claims CV R² shifted by `delta` (a different set, as far as the registry can tell). */
function variant(name: string, delta: number): string {
  const out = path.join(dir, name);
  cpSync(trained, out, { recursive: true });
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
  for (const s of SEL_SKILLS) manifest.cv![s].r2! += delta;
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
  return out;
}

test('the first set is registered, copied and made active; registering it again is a no-op', async () => {
  const source = createSelModelSource(database.db, path.join(dir, 'no-such-data-dir'));
  assert.equal(await source(), null, 'nothing registered and no files: no models');

  const first = await registerSelModels(database.db, { modelsDir: trained, artifactRoot });
  assert.equal(first.created, true);
  assert.equal(first.promoted, true);
  assert.match(first.row.id, /^sel@[0-9a-f]{12}$/);
  assert.equal(first.row.kind, 'sel');
  assert.equal(first.row.status, 'active');
  assert.equal(first.row.path, path.join(artifactRoot, first.row.version));
  assert.ok(existsSync(path.join(first.row.path, 'manifest.json')) && existsSync(path.join(first.row.path, 'empathy.json')));
  const manifest = JSON.parse(readFileSync(path.join(trained, 'manifest.json'), 'utf8'));
  const metrics = first.row.metrics as { meanCvR2: number; trainedRows: number; labeller: string };
  assert.equal(metrics.meanCvR2, meanCvR2(manifest.cv));
  assert.equal(metrics.trainedRows, 168);
  assert.equal(metrics.labeller, 'heuristic-v2');

  const again = await registerSelModels(database.db, { modelsDir: trained, artifactRoot });
  assert.equal(again.created, false);
  assert.equal((await listSelModels(database.db)).length, 1);

  const served = await source();
  assert.equal(served?.id, first.row.id);
  assert.equal(served?.source, 'registry');
});

test('a worse set stays a candidate; a better one is promoted and the old one retired; promote overrides', async () => {
  const before = (await activeSelModel(database.db))!;
  const worse = await registerSelModels(database.db, { modelsDir: variant('worse', -0.05), artifactRoot });
  assert.equal(worse.promoted, false);
  assert.equal(worse.row.status, 'candidate');
  assert.match(worse.reason, /</);
  assert.equal((await activeSelModel(database.db))!.id, before.id);

  const better = await registerSelModels(database.db, { modelsDir: variant('better', 0.01), artifactRoot });
  assert.equal(better.promoted, true);
  assert.equal((await activeSelModel(database.db))!.id, better.row.id);
  const [old] = await database.db.select().from(models).where(eq(models.id, before.id));
  assert.equal(old.status, 'retired');

  const source = createSelModelSource(database.db, path.join(dir, 'no-such-data-dir'));
  assert.equal((await source())!.id, better.row.id);
  await promoteSelModel(database.db, worse.row.version);
  assert.equal((await source())!.id, worse.row.id, 'the next call serves the newly promoted set');
  assert.equal((await listSelModels(database.db)).filter((r) => r.status === 'active').length, 1);
  await assert.rejects(promoteSelModel(database.db, 'nope'), /no SEL model set with version nope/);
});

test('with no registered set, the files in DATA_DIR/sel/models are served', async () => {
  const empty = await createTestDatabase();
  try {
    const served = await createSelModelSource(empty.db, trained)();
    assert.equal(served?.source, 'data-dir');
    assert.equal(served?.id, null);
    assert.deepEqual(Object.keys(served!.set.models).sort(), [...SEL_SKILLS].sort());
  } finally {
    await empty.dispose();
  }
});
