import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/lib/rng.ts';
import { combine, smoter } from '../../src/sel/augment.ts';
import { parseCsv, toCsv, type SelRow } from '../../src/sel/csv.ts';
import { CELLS, generateSamples } from '../../src/sel/generate.ts';
import { featurise, labelFeatured } from '../../src/sel/pipeline.ts';
import { heuristicLabels } from '../../src/sel/label.ts';
import { CSV_COLUMNS, SEL_SKILLS } from '../../src/sel/skills.ts';
import { validateRows } from '../../src/sel/validate.ts';

// One small labelled set shared by the tests below (168 rows = 2 per cell).
const samples = generateSamples({ count: 168, seed: 'data-test' });
const rows = labelFeatured(featurise(samples));

test('generation is seeded, balanced over the 84 cells and varied', () => {
  assert.equal(CELLS.length, 84);
  assert.deepEqual(generateSamples({ count: 168, seed: 'data-test' }), samples);
  assert.notDeepEqual(generateSamples({ count: 168, seed: 'other' }), samples);
  const perCell = new Map<string, number>();
  for (const s of samples) perCell.set(`${s.skill}/${s.level}/${s.grade}`, (perCell.get(`${s.skill}/${s.level}/${s.grade}`) ?? 0) + 1);
  assert.equal(perCell.size, 84);
  assert.ok([...perCell.values()].every((n) => n === 2));
  assert.ok(new Set(samples.map((s) => s.utterance)).size >= 160, 'utterances are nearly all distinct');
});

test('younger and weaker students write shorter, sloppier utterances', () => {
  const many = generateSamples({ count: 1680, seed: 'bands' });
  const words = (l: string) => many.filter((s) => s.level === l).reduce((a, s) => a + s.utterance.split(/\s+/).length, 0) / 560;
  assert.ok(words('HIGH') > words('MEDIUM') && words('MEDIUM') > words('DEVELOPING'));
  const lowerI = (g: (n: number) => boolean) => many.filter((s) => g(s.grade) && /\bi\b/.test(s.utterance)).length;
  assert.ok(lowerI((g) => g <= 7) > 3 * lowerI((g) => g >= 10), 'lower-case "i" mostly in grades 6–7');
});

test('telemetry respects its invariants', () => {
  for (const { behaviour: b } of samples) {
    assert.ok(b.tasks_completed <= b.tasks_attempted);
    assert.ok(b.retries_after_failure <= b.tasks_attempted - b.tasks_completed);
    assert.ok(b.session_minutes >= 3 && b.session_minutes <= 60);
  }
});

test('labels are deterministic, in [0, 1], and never read the generating level', () => {
  for (const r of rows) for (const s of SEL_SKILLS) assert.ok(r.labels[s] >= 0 && r.labels[s] <= 1);
  const r = rows[0];
  assert.deepEqual(heuristicLabels(r.sampleId, r.utterance, r.features), r.labels);
  assert.deepEqual(labelFeatured(featurise([{ ...samples[0], level: 'DEVELOPING' }]))[0].labels, rows[0].labels);
});

test('CSV: 38 columns, exact round trip, quoting', () => {
  assert.equal(CSV_COLUMNS.length, 38);
  const tricky: SelRow = { ...rows[0], utterance: 'She said "wait, stop"\nthen left.' };
  const text = toCsv([tricky, ...rows]);
  const back = parseCsv(text);
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.rows, [tricky, ...rows]);
});

test('CSV schema check names the bad header, field and value', () => {
  const text = toCsv(rows.slice(0, 3));
  assert.match(parseCsv(text.replace('word_count', 'words')).errors[0], /missing \[word_count\].*unexpected \[words\]/);
  const lines = text.split('\n');
  const cells = lines[2].split(',');
  cells[cells.length - 1] = '1.5';
  const bad = [...lines.slice(0, 2), cells.join(','), lines[3].replace('HIGH', 'SUPER').replace('MEDIUM', 'SUPER').replace('DEVELOPING', 'SUPER')].join('\n');
  const res = parseCsv(bad);
  assert.equal(res.rows.length, 1);
  assert.match(res.errors[0], /line 3: score_self_regulation=1\.5 not in \[0, 1\]/);
  assert.match(res.errors[1], /line 4: unknown level "SUPER"/);
  assert.match(parseCsv(text.replace(/,0\.\d+,/, ',NaN,')).errors[0], /not a finite number/);
});

test('CSV errors give the file line, quote no long value, and a headerless file does not echo its first row', () => {
  // A multi-line utterance first: the bad record after it starts on line 5 of the file, not record 3.
  const tricky: SelRow = { ...rows[0], utterance: 'one\ntwo\nthree' };
  const lines = toCsv([tricky, rows[1]]).split('\n');
  const words = 'a student wrote this long sentence about their weekend plans';
  const bad = [...lines.slice(0, 4), lines[4].replace(rows[1].skill, words)].join('\n');
  const res = parseCsv(bad);
  assert.match(res.errors[0], new RegExp(`^line 5: unknown skill \\(a ${words.length}-character value\\)$`));
  assert.deepEqual(res.bad, [{ line: 5, reason: `unknown skill (a ${words.length}-character value)` }]);

  const headerless = parseCsv(toCsv(rows.slice(0, 2)).split('\n').slice(1).join('\n'));
  assert.equal(headerless.errors.length, 1);
  assert.match(headerless.errors[0], /^line 1: header: .*unexpected \[.*, and \d+ more\]$/);
  assert.ok(!headerless.errors[0].includes(rows[0].utterance.slice(0, 30)), headerless.errors[0]);

  // Every feature of a row broken: the first few are named, the rest counted.
  const [header, plain] = toCsv([{ ...rows[1], utterance: 'plain words' }]).split('\n');
  const cells = plain.split(',');
  const allBad = [header, [...cells.slice(0, 5), ...cells.slice(5).map(() => 'x')].join(',')].join('\n');
  assert.match(parseCsv(allBad).errors[0], /^line 2: word_count is not a finite number \("x"\); [^;]+; [^;]+; and \d+ more$/);
});

test('validation passes clean data and reports the level margins', () => {
  const report = validateRows(rows);
  assert.ok(report.ok, report.problems.join('; '));
  for (const s of SEL_SKILLS) {
    const sep = report.separation[s];
    assert.ok(sep.marginHighMedium >= 0.05 && sep.marginMediumDeveloping >= 0.05, s);
  }
  assert.equal(report.balance.ratio, 1);
});

test('validation catches a NaN, an out-of-range value and a broken level ordering', () => {
  const withNaN = rows.map((r, i) => (i === 5 ? { ...r, features: { ...r.features, noun_ratio: NaN } } : r));
  const a = validateRows(withNaN);
  assert.equal(a.ok, false);
  assert.equal(a.nonFinite, 1);
  assert.match(a.problems[0], /noun_ratio is NaN/);

  const tooBig = rows.map((r, i) => (i === 0 ? { ...r, features: { ...r.features, type_token_ratio: 1.2 } } : r));
  assert.equal(validateRows(tooBig).outOfRange, 1);

  // Swap HIGH and DEVELOPING empathy labels: the ordering breaks for that skill only.
  const swapped = rows.map((r) =>
    r.skill === 'empathy' && r.level !== 'MEDIUM' ? { ...r, level: r.level === 'HIGH' ? ('DEVELOPING' as const) : ('HIGH' as const) } : r,
  );
  const b = validateRows(swapped);
  assert.equal(b.ok, false);
  assert.equal(b.separation.empathy.ok, false);
  assert.ok(b.separation.empathy.marginHighMedium < 0);
  assert.ok(b.separation.collaboration.ok);
});

test('validation catches class imbalance', () => {
  const lopsided = rows.filter((r) => !(r.skill === 'communication' && r.level === 'HIGH' && r.grade === 9));
  const report = validateRows(lopsided);
  assert.equal(report.balance.ok, false);
  assert.equal(report.balance.cells, 83);
});

test('SMOTER makes rare-tail cases on segments between rare neighbours', () => {
  const rng = createRng('smoter');
  const X = Array.from({ length: 200 }, () => [rng.next(), rng.next()]);
  const y = X.map(([a, b]) => a + b);
  const extra = smoter(X, y, { rareQuantile: 0.1, perCase: 2, k: 3 }, createRng('s'));
  assert.equal(extra.X.length, 2 * 2 * 20);
  const sorted = [...y].sort((a, b) => a - b);
  for (let i = 0; i < extra.y.length; i++) {
    const t = extra.y[i];
    assert.ok(t <= sorted[20] + 1e-9 || t >= sorted[179] - 1e-9, `target ${t} is in a rare tail`);
    // y = a + b is linear, so the distance-weighted target equals the function at x'.
    assert.ok(Math.abs(t - (extra.X[i][0] + extra.X[i][1])) < 1e-9);
  }
});

test('combine mixes real rows at the asked ratio and rejects duplicate ids', () => {
  const real = rows.slice(0, 20).map((r) => ({ ...r, sampleId: `real-${r.sampleId}` }));
  const synthetic = rows.slice(20);
  const mixed = combine(real, synthetic, 0.2, createRng('mix'));
  assert.equal(mixed.filter((r) => r.sampleId.startsWith('real-')).length, 20);
  assert.equal(mixed.length, 100);
  // Too few synthetic rows for 20 % real: real rows are subsampled instead (10 + 40).
  const short = combine(real, synthetic.slice(0, 40), 0.2, createRng('mix'));
  assert.equal(short.length, 50);
  assert.equal(short.filter((r) => r.sampleId.startsWith('real-')).length, 10);
  assert.throws(() => combine(rows.slice(0, 2), rows.slice(1, 3), 0.5, createRng('x')), /duplicate sample_id/);
});
