/**
 * Issue 10 acceptance 1, 2, 4 (JSONL + Parquet via hyparquet) and 5: privacy, leakage,
 * read-back, determinism and an interrupted build, on one seeded database.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { parquetReadObjects } from 'hyparquet';
import { pseudonym } from '../../src/collect/pseudonym.ts';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { writeItems } from '../../src/content/store.ts';
import { datasets } from '../../src/db/schema/index.ts';
import { buildDataset, type BuildResult, type Manifest } from '../../src/dataset/build.ts';
import { validateRecord, IO_COLUMNS, type Format } from '../../src/dataset/formats.ts';
import { fileDigest } from '../../src/dataset/write.ts';
import { generatePairs, type SynthStats } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedPopulation, type Seeded } from './seed.ts';

const KEY = new TextEncoder().encode('test-pseudonym-key-0123456789abcdef');
let database: TestDatabase;
let seeded: Seeded;
let out: string;
let synthDir: string;
let first: BuildResult;

before(async () => {
  database = await createTestDatabase();
  const items = buildBank({ perSkill: 2 });
  await writeItems(database.db, items);
  seeded = await seedPopulation(database.db, items);
  out = mkdtempSync(path.join(tmpdir(), 'satprep-dataset-'));
  synthDir = mkdtempSync(path.join(tmpdir(), 'satprep-synth-'));
  const stats: SynthStats = { requested: 40, written: 0, seed: 's', mix: {}, nearDupThreshold: 0.8, byTask: {}, failedChecks: {}, seconds: 0 };
  const lines = [...generatePairs(buildContext(items, loadLessons()), { pairs: 40, seed: 'synth-test' }, stats)].map((p) => JSON.stringify(p));
  // The first pair twice: the second copy must be dropped as an exact duplicate.
  writeFileSync(path.join(synthDir, 'pairs.jsonl'), `${[...lines, lines[0]].join('\n')}\n`);
  first = await buildDataset(database.db, { name: 'tiny', outDir: out, key: KEY, seed: 's1', synthDirs: [synthDir] });
});
after(async () => {
  await database.dispose();
  rmSync(out, { recursive: true, force: true });
  rmSync(synthDir, { recursive: true, force: true });
});

const manifestOf = (r: BuildResult) => JSON.parse(readFileSync(path.join(r.path, 'manifest.json'), 'utf8')) as Manifest;
const ioRows = (r: BuildResult) =>
  manifestOf(r).files.filter((f) => f.format === 'io').flatMap((f) => readFileSync(path.join(r.path, f.path), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));

async function decodedParquet(file: string): Promise<Record<string, unknown>[]> {
  const b = readFileSync(file);
  return parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
}

test('privacy: no planted PII value and no raw user id anywhere in the output; excluded users contribute nothing', async () => {
  assert.ok(seeded.planted.length >= 500, `planted ${seeded.planted.length}`);
  let text = '';
  for (const f of readdirSync(first.path, { recursive: true }) as string[]) {
    const p = path.join(first.path, f);
    if (f.endsWith('.jsonl') || f.endsWith('.json') || f.endsWith('.md')) text += readFileSync(p, 'utf8');
    // Parquet pages are compressed: grep the decoded strings, and the raw bytes too.
    if (f.endsWith('.parquet')) text += JSON.stringify(await decodedParquet(p)) + readFileSync(p).toString('latin1');
  }
  const lower = text.toLowerCase();
  const leaked = seeded.planted.filter((v) => lower.includes(v.toLowerCase()));
  assert.deepEqual(leaked, []);
  for (const id of seeded.allUserIds) assert.ok(!text.includes(id), `raw user id ${id} in output`);
  const rows = ioRows(first);
  const users = new Set(rows.map((r) => r.user));
  for (const id of seeded.excluded) assert.ok(!users.has(pseudonym(KEY, id)) && !text.includes(pseudonym(KEY, id)), 'excluded user in output');
  // Not vacuous: every consenting student is there, with scrubbed text in place of their PII.
  for (const id of seeded.consenting) assert.ok(users.has(pseudonym(KEY, id)), 'consenting student missing');
  for (const ph of ['[EMAIL]', '[PHONE]', '[ADDRESS]', '[URL]', '[HANDLE]', '[NAME]']) assert.ok(text.includes(ph), `no ${ph} in output`);
  const drops = first.manifest.drops['consent-identity'];
  assert.ok(drops['consent:no-consent'] > 0 && drops['consent:deleted'] > 0 && drops['consent:simulated'] > 0, JSON.stringify(drops));
});

test('leakage: no user pseudonym and no question id in two splits', () => {
  const rows = ioRows(first);
  const kto = first.manifest.files.filter((f) => f.format === 'kto');
  assert.ok(rows.length > 50 && kto.length === 3);
  const where = new Map<string, Set<string>>();
  for (const f of first.manifest.files.filter((f) => f.format === 'io')) {
    for (const r of readFileSync(path.join(first.path, f.path), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))) {
      for (const k of [r.user && `u:${r.user}`, r.question_id && `q:${r.question_id}`]) if (k) (where.get(k) ?? where.set(k, new Set()).get(k)!).add(f.split);
    }
  }
  const leaks = [...where].filter(([, s]) => s.size > 1);
  assert.deepEqual(leaks, []);
  assert.ok(new Set(rows.map((r) => r.source)).size >= 4, 'real, content and synthetic sources all present');
  assert.equal(Object.values(first.manifest.counts.bySplit).reduce((a, b) => a + b, 0), first.manifest.counts.total);
});

test('read-back: every JSONL line parses to its format, Parquet decodes with the same rows and columns, hashes match', async () => {
  const m = manifestOf(first);
  assert.deepEqual(m, JSON.parse(JSON.stringify(first.manifest)));
  assert.equal(m.files.length, 4 * 3 + 3);
  for (const f of m.files) {
    const p = path.join(first.path, f.path);
    assert.equal(fileDigest(p).sha256, f.sha256, f.path);
    if (f.format === 'io-parquet') {
      const rows = await decodedParquet(p);
      assert.equal(rows.length, f.rows, f.path);
      const jsonl = readFileSync(path.join(first.path, 'io', `${f.split}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      assert.deepEqual(rows.map((r) => ({ ...r })), jsonl, `${f.path} equals its JSONL`);
      if (rows.length) assert.deepEqual(Object.keys(rows[0]), IO_COLUMNS.map((c) => c.name));
      continue;
    }
    const lines = readFileSync(p, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.equal(lines.length, f.rows);
    for (const l of lines) assert.equal(validateRecord(f.format as Format, JSON.parse(l)), null, `${f.path}: ${l.slice(0, 80)}`);
  }
  const readme = readFileSync(path.join(first.path, 'README.md'), 'utf8');
  assert.match(readme, /^---\nlicense: .+\n[\s\S]*task_categories:\n  - text-generation\n[\s\S]*size_categories:\n  - n<1K\n[\s\S]*\n---\n/);
  const negatives = m.files.filter((f) => f.format === 'kto').reduce((a, f) => a + f.rows, 0) - m.counts.total;
  assert.equal(negatives, m.counts.negatives);
  assert.ok(m.counts.negatives > 0, 'rated-1 outputs become KTO negatives');
  assert.ok(m.drops['rating-policy']['rating-neutral'] > 0);
  assert.ok(m.drops.dedup['exact:synthetic'] >= 1);
  const [row] = await database.db.select().from(datasets).where(eq(datasets.id, first.id));
  assert.equal(row.path, first.path);
  assert.equal((row.manifest as { manifestSha256: string }).manifestSha256, fileDigest(path.join(first.path, 'manifest.json')).sha256);
});

test('determinism: the same inputs and seed give byte-identical files; another seed moves the splits', async () => {
  const again = await buildDataset(database.db, { name: 'tiny', outDir: out, key: KEY, seed: 's1', synthDirs: [synthDir] });
  assert.equal(again.version, 'v2');
  for (const f of [...first.manifest.files.map((x) => x.path), 'manifest.json', 'README.md']) {
    assert.ok(readFileSync(path.join(first.path, f)).equals(readFileSync(path.join(again.path, f))), f);
  }
  const other = await buildDataset(database.db, { name: 'tiny-s2', outDir: out, key: KEY, seed: 's2', synthDirs: [synthDir] });
  assert.notDeepEqual(other.manifest.counts.bySplit, first.manifest.counts.bySplit);
});

test('a build that fails midway registers nothing and leaves no folder behind', async () => {
  let seen = 0;
  const boom = { name: 'boom', async *run(items: AsyncIterable<never>) { for await (const it of items) { if (++seen === 20) throw new Error('stage failed'); yield it; } } };
  await assert.rejects(buildDataset(database.db, { name: 'broken', outDir: out, key: KEY, extraStages: [boom] }), /stage failed/);
  assert.equal(seen, 20);
  assert.equal((await database.db.select().from(datasets).where(eq(datasets.name, 'broken'))).length, 0);
  const parent = path.join(out, 'broken');
  assert.ok(!existsSync(parent) || readdirSync(parent).length === 0, `left behind: ${existsSync(parent) ? readdirSync(parent) : ''}`);
});
