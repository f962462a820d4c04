import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normCdf, prob } from '../../src/assess/irt.ts';
import { SKILLS } from '../../src/content/taxonomy.ts';
import { createRng } from '../../src/lib/rng.ts';
import { answer, drawPopulation, drawStudent, logTimeMean, mergeConfig, type Student } from '../../src/synth/population.ts';

// No learning, so every answer is a draw from the same 3PL curve.
const cfg = mergeConfig({ pLearn: 0, pForget: 0 });
const SK = SKILLS.find((s) => s.section === 'math')!.id;

function studentAt(theta: number, seed: string): Student {
  const st = drawStudent(createRng(seed), 0, cfg);
  st.theta[SK] = theta;
  st.learned[SK] = false;
  return st;
}

test('accuracy follows the 3PL: rises with ability, falls with difficulty, within sampling error', () => {
  const rng = createRng('pop-3pl');
  const n = 3000;
  const thetas = [-1.5, 0, 1.5];
  const bs = [-1, 0, 1];
  const acc: number[][] = [];
  for (const theta of thetas) {
    const row: number[] = [];
    for (const b of bs) {
      const item = { a: 1.1, b, c: 0.2 };
      const st = studentAt(theta, `s${theta}`);
      let right = 0;
      for (let i = 0; i < n; i++) if (answer(rng, st, SK, 'math', item, cfg).correct) right++;
      const p = prob(theta, item);
      const se = Math.sqrt((p * (1 - p)) / n);
      assert.ok(Math.abs(right / n - p) < 4 * se, `θ=${theta} b=${b}: observed ${right / n}, 3PL ${p.toFixed(3)} (4 SE = ${(4 * se).toFixed(3)})`);
      row.push(right / n);
    }
    acc.push(row);
  }
  for (let i = 1; i < thetas.length; i++) for (let j = 0; j < bs.length; j++) assert.ok(acc[i][j] > acc[i - 1][j], 'accuracy rises with θ');
  for (let i = 0; i < thetas.length; i++) for (let j = 1; j < bs.length; j++) assert.ok(acc[i][j] < acc[i][j - 1], 'accuracy falls with b');
});

test('response times are lognormal with the configured mean and SD of ln T', () => {
  const rng = createRng('pop-rt');
  const st = studentAt(0.4, 'rt');
  const item = { a: 1, b: 0.7, c: 0.2 };
  const n = 4000;
  const logs = Array.from({ length: n }, () => Math.log(answer(rng, st, SK, 'math', item, cfg).seconds));
  const mu = logTimeMean(st, SK, 'math', item, cfg);
  const sigma = cfg.rt.sigma;
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  assert.ok(Math.abs(mean - mu) < (4 * sigma) / Math.sqrt(n), `mean ln T ${mean} vs ${mu}`);
  assert.ok(Math.abs(sd / sigma - 1) < 0.06, `sd ln T ${sd} vs ${sigma}`);
  // Kolmogorov–Smirnov against N(μ, σ²); 1.63/√n is the 1% critical value.
  const z = logs.map((x) => (x - mu) / sigma).sort((a, b) => a - b);
  let dMax = 0;
  z.forEach((x, i) => { const F = normCdf(x); dMax = Math.max(dMax, Math.abs(F - i / n), Math.abs(F - (i + 1) / n)); });
  assert.ok(dMax < 1.63 / Math.sqrt(n), `KS D = ${dMax}`);
  // Harder items take longer; abler students are quicker.
  assert.ok(logTimeMean(st, SK, 'math', { ...item, b: 1.5 }, cfg) > mu);
  assert.ok(logTimeMean(studentAt(1.5, 'rt'), SK, 'math', item, cfg) < logTimeMean(studentAt(-1.5, 'rt'), SK, 'math', item, cfg));
});

test('skills correlate within a section as the factor model says, less across sections', () => {
  const pop = drawPopulation(createRng('pop-corr'), 3000, cfg);
  const corr = (a: number[], b: number[]) => {
    const ma = a.reduce((x, y) => x + y, 0) / a.length, mb = b.reduce((x, y) => x + y, 0) / b.length;
    let sab = 0, saa = 0, sbb = 0;
    a.forEach((x, i) => { sab += (x - ma) * (b[i] - mb); saa += (x - ma) ** 2; sbb += (b[i] - mb) ** 2; });
    return sab / Math.sqrt(saa * sbb);
  };
  const [m1, m2] = SKILLS.filter((s) => s.section === 'math');
  const r1 = SKILLS.find((s) => s.section === 'rw')!;
  const within = corr(pop.map((p) => p.theta[m1.id]), pop.map((p) => p.theta[m2.id]));
  const across = corr(pop.map((p) => p.theta[m1.id]), pop.map((p) => p.theta[r1.id]));
  const expected = cfg.sectionSd ** 2 / (cfg.sectionSd ** 2 + cfg.skillSd ** 2);
  assert.ok(Math.abs(within - expected) < 0.05, `within-section r = ${within}, expected ${expected}`);
  assert.ok(Math.abs(across - (cfg.sectionCorr * cfg.sectionSd ** 2) / (cfg.sectionSd ** 2 + cfg.skillSd ** 2)) < 0.05, `across r = ${across}`);
});
