import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCsv } from '../../src/sel/csv.ts';
import { featureVectorSchema, scoreStudent } from '../../src/sel/infer.ts';
import { loadModels } from '../../src/sel/models.ts';
import { FILES, runPipeline, stageValidate, type StageProgress } from '../../src/sel/pipeline.ts';
import { CSV_COLUMNS, SEL_SKILLS } from '../../src/sel/skills.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sel-pipeline-'));
const events: StageProgress[] = [];
const report = runPipeline({ count: 600, seed: 'pipeline-test', outDir: dir, holdoutCount: 168, onProgress: (p) => events.push(p) });
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('every stage leaves its output file and reports progress', () => {
  for (const f of Object.values(FILES)) assert.ok(existsSync(path.join(dir, f)), f);
  assert.deepEqual(report.stages.map((s) => s.name), ['generate', 'features', 'label', 'validate', 'train', 'eval']);
  assert.deepEqual([...new Set(events.map((e) => e.stage))], report.stages.map((s) => s.name));
  const lastTrain = events.filter((e) => e.stage === 'train').at(-1)!;
  assert.equal(lastTrain.done, lastTrain.total);
  assert.ok(report.totalSeconds < 30);
});

test('the dataset is the 38-column CSV and validation passed with level separation', () => {
  assert.equal(readFileSync(path.join(dir, FILES.dataset), 'utf8').split('\n')[0], CSV_COLUMNS.join(','));
  assert.equal(readCsv(path.join(dir, FILES.dataset)).length, 600);
  assert.ok(report.validation.ok);
  for (const s of SEL_SKILLS) assert.ok(report.validation.separation[s].marginMediumDeveloping > 0.05);
});

test('cross-validation and held-out evaluation give useful models even at 600 rows', () => {
  for (const s of SEL_SKILLS) {
    assert.ok(report.cv![s].r2 > 0.7, `${s} CV R² ${report.cv![s].r2}`);
    assert.ok(report.cv![s].mae < 0.08);
    assert.equal(report.cv![s].foldR2.length, 5);
    const e = report.eval.perSkill[s];
    assert.ok(e.r2 > 0.7, `${s} held-out R² ${e.r2}`);
    assert.ok(e.predictedMeans.HIGH > e.predictedMeans.MEDIUM && e.predictedMeans.MEDIUM > e.predictedMeans.DEVELOPING);
  }
  const cv = JSON.parse(readFileSync(path.join(dir, FILES.cv), 'utf8'));
  assert.equal(cv.folds.length, 600);
  assert.equal(cv.sampleIds.length, 600);
});

test('same seed → same dataset and models', () => {
  const dir2 = mkdtempSync(path.join(tmpdir(), 'sel-pipeline-'));
  try {
    runPipeline({ count: 600, seed: 'pipeline-test', outDir: dir2, holdoutCount: 84 });
    for (const f of [FILES.dataset, path.join(FILES.models, 'empathy.json')]) {
      assert.equal(readFileSync(path.join(dir2, f), 'utf8'), readFileSync(path.join(dir, f), 'utf8'), f);
    }
  } finally {
    rmSync(dir2, { recursive: true, force: true });
  }
});

test('scoreStudent: four scores with a confidence note; malformed vectors are rejected', () => {
  const models = loadModels(path.join(dir, FILES.models));
  const rows = readCsv(path.join(dir, FILES.dataset));
  const high = rows.find((r) => r.skill === 'empathy' && r.level === 'HIGH')!;
  const low = rows.find((r) => r.skill === 'empathy' && r.level === 'DEVELOPING')!;
  const a = scoreStudent(models, featureVectorSchema.parse(high.features));
  const b = scoreStudent(models, featureVectorSchema.parse(low.features));
  assert.deepEqual(Object.keys(a.scores), [...SEL_SKILLS]);
  assert.ok(a.scores.empathy > b.scores.empathy + 0.2);
  assert.ok(a.confidence !== 'low' && /R²/.test(a.note));
  const odd = scoreStudent(models, { ...high.features, word_count: 3, session_minutes: 119, chat_messages: 999, messages_per_minute: 500, help_given: 199 });
  assert.equal(odd.confidence, 'low');
  assert.ok(odd.outOfTrainingRange.includes('chat_messages'));
  for (const s of SEL_SKILLS) assert.ok(odd.scores[s] >= 0 && odd.scores[s] <= 1);

  const { word_count: _dropped, ...missing } = high.features;
  assert.equal(featureVectorSchema.safeParse(missing).success, false);
  assert.equal(featureVectorSchema.safeParse({ ...high.features, extra: 1 }).success, false);
  assert.equal(featureVectorSchema.safeParse({ ...high.features, noun_ratio: Number.NaN }).success, false);
  assert.equal(featureVectorSchema.safeParse({ ...high.features, sentiment_compound: 2 }).success, false);
  assert.equal(featureVectorSchema.safeParse({ ...high.features, word_count: '12' }).success, false);
});

test('validate stage throws on a broken dataset and still writes its report', async () => {
  const { writeCsv } = await import('../../src/sel/csv.ts');
  const rows = readCsv(path.join(dir, FILES.dataset)).filter((r) => r.level !== 'MEDIUM');
  const broken = mkdtempSync(path.join(tmpdir(), 'sel-broken-'));
  try {
    writeCsv(path.join(broken, FILES.dataset), rows);
    assert.throws(() => stageValidate(broken), /validation failed/);
    assert.equal(JSON.parse(readFileSync(path.join(broken, FILES.validation), 'utf8')).ok, false);
  } finally {
    rmSync(broken, { recursive: true, force: true });
  }
});
