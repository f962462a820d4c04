/**
 * bench/sel — this project's GBDT against XGBoost on the same CSV and the same folds.
 * `npm run bench -- sel [--count N] [--data CSV]`. Writes the dataset and the fold
 * assignment to a temp directory, fits our learner per skill per fold (one core, timed),
 * then runs bench/sel/xgb.py under /usr/bin/python3 with XGBoost's `hist` method and
 * matching hyperparameters (nthread = 1). Reports pooled out-of-fold R² and MAE per skill,
 * the R² gap (target: ours within 0.02 of XGBoost) and the fit-time ratio.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { report } from '../harness.ts';
import { readCsv, writeCsv } from '../../src/sel/csv.ts';
import { generateSamples } from '../../src/sel/generate.ts';
import { featurise, labelFeatured } from '../../src/sel/pipeline.ts';
import { SEL_SKILLS } from '../../src/sel/skills.ts';
import { DEFAULT_TRAIN_CONFIG, featureMatrix, fitSkill, foldAssignments, labelVector, meanAbsoluteError, r2Score } from '../../src/sel/train.ts';
import { predictMany } from '../../src/sel/gbdt.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const count = Number(arg('--count') ?? 5000);
const K = 5;
const PYTHON = '/usr/bin/python3';
const config = { ...DEFAULT_TRAIN_CONFIG, seed: 'bench-sel' };

const dir = mkdtempSync(path.join(tmpdir(), 'bench-sel-'));
const csv = arg('--data') ?? path.join(dir, 'dataset.csv');
if (!arg('--data')) writeCsv(csv, labelFeatured(featurise(generateSamples({ count, seed: 'bench-sel' }))));
const rows = readCsv(csv);
const folds = foldAssignments(rows.length, K, config.seed);
const foldsFile = path.join(dir, 'folds.json');
writeFileSync(foldsFile, JSON.stringify({ folds, params: config.gbdt }));
console.log(`${rows.length} rows, ${K} folds, data ${csv}`);

const X = featureMatrix(rows);
const ours: Record<string, Record<string, number>> = {};
let oursSeconds = 0;
for (const skill of SEL_SKILLS) {
  const y = labelVector(rows, skill);
  const oof = new Float64Array(y.length);
  let trees = 0;
  for (let f = 0; f < K; f++) {
    const tr = folds.flatMap((g, i) => (g === f ? [] : [i]));
    const te = folds.flatMap((g, i) => (g === f ? [i] : []));
    const t0 = performance.now();
    const model = fitSkill(tr.map((i) => X[i]), tr.map((i) => y[i]), config, `${skill}/${f}`);
    oursSeconds += (performance.now() - t0) / 1000;
    trees += model.trees.length;
    const p = predictMany(model, te.map((i) => X[i]));
    te.forEach((row, j) => (oof[row] = p[j]));
  }
  ours[skill] = { r2: r2Score(y, oof), mae: meanAbsoluteError(y, oof), trees: trees / K };
}

const probe = spawnSync(PYTHON, ['-c', 'import xgboost, sklearn'], { encoding: 'utf8' });
if (probe.status !== 0) {
  report('SEL GBDT (this project only; XGBoost not available)', {
    ours: { ...Object.fromEntries(SEL_SKILLS.flatMap((s) => [[`${s} R²`, ours[s].r2], [`${s} MAE`, ours[s].mae]])), 'fit seconds (20 fits)': oursSeconds },
  });
  console.log(`\nXGBoost is not importable by ${PYTHON}. Install it with:\n  apt-get install -y python3-xgboost python3-sklearn\nthen rerun: npm run bench -- sel`);
} else {
  const out = spawnSync(PYTHON, [path.join(path.dirname(new URL(import.meta.url).pathname), 'xgb.py'), csv, foldsFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(`xgb.py failed: ${out.stderr}`);
  const xgb = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { version: string; seconds: number; skills: Record<string, { r2: number; mae: number; trees: number }> };
  const rowsOut: Record<string, Record<string, number | string>> = { ours: {}, [`xgboost ${xgb.version}`]: {}, 'ours − xgb': {} };
  for (const s of SEL_SKILLS) {
    rowsOut.ours[`${s} R²`] = ours[s].r2;
    rowsOut[`xgboost ${xgb.version}`][`${s} R²`] = xgb.skills[s].r2;
    rowsOut['ours − xgb'][`${s} R²`] = ours[s].r2 - xgb.skills[s].r2;
    rowsOut.ours[`${s} MAE`] = ours[s].mae;
    rowsOut[`xgboost ${xgb.version}`][`${s} MAE`] = xgb.skills[s].mae;
  }
  rowsOut.ours['fit seconds (20 fits)'] = oursSeconds;
  rowsOut[`xgboost ${xgb.version}`]['fit seconds (20 fits)'] = xgb.seconds;
  report('SEL GBDT vs XGBoost (same CSV, same folds, pooled out-of-fold)', rowsOut);
  const worst = Math.min(...SEL_SKILLS.map((s) => ours[s].r2 - xgb.skills[s].r2));
  console.log(`\n  fit-time ratio ours/xgboost = ${(oursSeconds / xgb.seconds).toFixed(2)}`);
  console.log(`  ${worst >= -0.02 ? 'PASS' : 'FAIL'}  R² within 0.02 of XGBoost for every skill (worst gap ${worst.toFixed(4)})`);
}
