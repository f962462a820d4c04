import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BKT, bktLogLik, bktTrace, bktUpdate, fitBkt, predictCorrect } from '../../src/assess/bkt.ts';
import { SKILLS } from '../../src/content/taxonomy.ts';
import { createRng } from '../../src/lib/rng.ts';

const p = { pL0: 0.3, pT: 0.1, pG: 0.2, pS: 0.1 };

test('BKT update matches hand-computed values', () => {
  // Right: 0.3·0.9 / (0.27 + 0.7·0.2) = 0.27/0.41 = 0.658537; + (1 − 0.658537)·0.1 = 0.692683.
  assert.ok(Math.abs(bktUpdate(0.3, true, p) - 0.6926829268) < 1e-9);
  // Wrong: 0.3·0.1 / (0.03 + 0.7·0.8) = 0.03/0.59 = 0.050847; + 0.949153·0.1 = 0.145763.
  assert.ok(Math.abs(bktUpdate(0.3, false, p) - 0.1457627119) < 1e-9);
  // Forgetting: 0.658537·(1 − 0.05) + 0.341463·0.1 = 0.659756.
  assert.ok(Math.abs(bktUpdate(0.3, true, { ...p, pF: 0.05 }) - 0.6597560976) < 1e-9);
  assert.ok(Math.abs(predictCorrect(0.3, p) - 0.41) < 1e-12);
  assert.ok(Math.abs(bktTrace([true, false], p) - bktUpdate(bktUpdate(0.3, true, p), false, p)) < 1e-15);
  assert.ok(Math.abs(bktLogLik([[true]], p) - Math.log(0.41)) < 1e-12);
});

test('every skill has defaults', () => {
  for (const s of SKILLS) assert.ok(DEFAULT_BKT[s.id].pG > 0 && DEFAULT_BKT[s.id].pS > 0);
});

test('fit recovers generating parameters on simulated students and falls back on little data', () => {
  const truth = { pL0: 0.2, pT: 0.15, pG: 0.25, pS: 0.1 };
  const rng = createRng('bkt');
  const seqs = Array.from({ length: 400 }, () => {
    let known = rng.chance(truth.pL0);
    return Array.from({ length: 12 }, () => {
      const u = known ? !rng.chance(truth.pS) : rng.chance(truth.pG);
      if (!known) known = rng.chance(truth.pT);
      return u;
    });
  });
  const fit = fitBkt(seqs, p);
  assert.ok(fit.fitted);
  assert.ok(Math.abs(fit.params.pL0 - truth.pL0) <= 0.1, JSON.stringify(fit.params));
  assert.ok(Math.abs(fit.params.pT - truth.pT) <= 0.05);
  assert.ok(Math.abs(fit.params.pG - truth.pG) <= 0.05);
  assert.ok(Math.abs(fit.params.pS - truth.pS) <= 0.05);
  assert.ok(fit.logLik >= bktLogLik(seqs, truth));
  const small = fitBkt(seqs.slice(0, 5), p);
  assert.equal(small.fitted, false);
  assert.deepEqual(small.params, p);
});
