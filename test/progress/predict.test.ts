import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConversionTable, scaleSection, totalScore } from '../../src/assess/scoring.ts';
import { SKILLS } from '../../src/content/taxonomy.ts';
import { predictScores } from '../../src/progress/predict.ts';

const table = buildConversionTable();
const at = (theta: number, se: number, measured = true) => SKILLS.map((s) => ({ skill: s.id, theta, se, measured }));

test('equal θ and SE on every skill give exactly the engine scoring of that θ and SE', () => {
  const p = predictScores(at(0.8, 0.3));
  const expect = scaleSection(table, 0.8, 0.3);
  assert.equal(p.rw!.score, expect.score);
  assert.deepEqual(p.math!.band, expect.band);
  assert.deepEqual(p.total, totalScore(expect, expect));
});

test('sections are weighted by blueprint share; unmeasured sections have no prediction', () => {
  const mathOnly = SKILLS.map((s) => ({ skill: s.id, theta: s.section === 'math' ? 1 : 0, se: 1, measured: s.section === 'math' }));
  const p = predictScores(mathOnly);
  assert.equal(p.rw, null);
  assert.equal(p.total, null);
  assert.equal(p.math!.measuredSkills, SKILLS.filter((s) => s.section === 'math').length);
  // A weak Algebra skill (35 % of Math over 5 skills) moves Math θ more than a weak Geometry skill (15 % over 4).
  const withWeak = (id: string) => predictScores(at(0, 0.3).map((s) => (s.skill === id ? { ...s, theta: -3 } : s))).math!.theta;
  assert.ok(withWeak('math.alg.systems') < withWeak('math.geo.circles'));
  assert.equal(predictScores(at(0, 1, false)).total, null);
});

test('a wider SE gives a wider band', () => {
  const narrow = predictScores(at(0, 0.2)).rw!;
  const wide = predictScores(at(0, 0.8)).rw!;
  assert.ok(wide.band[1] - wide.band[0] > narrow.band[1] - narrow.band[0]);
});
