import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apportion, assembleMst, breakWindow, moduleWindow, route, scoreSection, scoredAnswers } from '../../src/assess/mst.ts';
import { testInfo } from '../../src/assess/irt.ts';
import { buildConversionTable, scaleSection, toScaled, totalScore } from '../../src/assess/scoring.ts';
import type { AssessItem } from '../../src/assess/types.ts';
import { SKILLS, TAXONOMY, section } from '../../src/content/taxonomy.ts';
import { createRng } from '../../src/lib/rng.ts';

const r = createRng('mst-bank');
const bank: AssessItem[] = SKILLS.flatMap((s) =>
  Array.from({ length: 40 }, (_, i) => ({ id: `${s.id}/${i}`, skill: s.id, domain: s.domain, a: 0.6 + r.next(), b: r.normal(0, 1.2), c: 0.2 })),
);

for (const sec of TAXONOMY.sections) {
  test(`${sec.id} panel: module lengths, pretest slots, blueprint shares, routing`, () => {
    const panel = assembleMst(bank, sec.id, createRng(`panel-${sec.id}`));
    const def = section(sec.id);
    const nOp = def.questionsPerModule - def.pretestPerModule;
    const counts = apportion(def.domains.map((d) => d.share), nOp);
    for (const m of [panel.stage1, panel.easier, panel.harder]) {
      assert.equal(m.items.length, def.questionsPerModule);
      assert.equal(m.pretest.filter(Boolean).length, def.pretestPerModule);
      assert.equal(m.minutes, def.minutesPerModule);
      const ops = m.items.filter((_, i) => !m.pretest[i]);
      def.domains.forEach((d, k) => assert.equal(ops.filter((it) => it.domain === d.id).length, counts[k]));
    }
    const ids = [panel.stage1, panel.easier, panel.harder].flatMap((m) => m.items.map((it) => it.id));
    assert.equal(new Set(ids).size, ids.length, 'no item appears twice in a panel');
    const opsOf = (m: typeof panel.easier) => m.items.filter((_, i) => !m.pretest[i]);
    assert.ok(testInfo(1.5, opsOf(panel.harder)) > testInfo(1.5, opsOf(panel.easier)));
    assert.ok(testInfo(-1.5, opsOf(panel.easier)) > testInfo(-1.5, opsOf(panel.harder)));
    const all = (v: boolean) => panel.stage1.items.map(() => v);
    assert.equal(route(panel, all(true)).module, 'harder');
    assert.equal(route(panel, all(false)).module, 'easier');
    // Pretest answers never move the score.
    const s1 = panel.stage1.items.map((_, i) => i % 3 !== 0);
    const flipped = s1.map((u, i) => (panel.stage1.pretest[i] ? !u : u));
    const m = route(panel, s1).module;
    const s2 = panel[m].items.map((_, i) => i % 2 === 0);
    assert.deepEqual(scoreSection(panel, s1, m, s2), scoreSection(panel, flipped, m, s2));
    assert.equal(scoredAnswers(panel.stage1, s1).length, nOp);
  });
}

test('apportionment sums to n and follows shares', () => {
  assert.deepEqual(apportion([0.26, 0.28, 0.2, 0.26], 25), [7, 7, 5, 6]);
  assert.equal(apportion([0.35, 0.35, 0.15, 0.15], 20).reduce((s, x) => s + x, 0), 20);
});

test('module windows and the break are enforced from server times', () => {
  const t0 = 1_000_000;
  const rwMin = section('rw').minutesPerModule;
  assert.equal(moduleWindow('rw', t0, t0 + rwMin * 60_000 - 1).open, true);
  assert.equal(moduleWindow('rw', t0, t0 + rwMin * 60_000).open, false);
  assert.equal(moduleWindow('math', t0, t0 + 60_000).remainingMs, (section('math').minutesPerModule - 1) * 60_000);
  assert.equal(breakWindow(t0, t0 + TAXONOMY.breakMinutes * 60_000 - 1).open, true);
  assert.equal(breakWindow(t0, t0 + TAXONOMY.breakMinutes * 60_000).open, false);
});

test('conversion table: monotone, 200/800 endpoints, steps of 10, 500 at θ = 0', () => {
  const t = buildConversionTable();
  const { min, max, step } = TAXONOMY.sectionScale;
  assert.equal(t.scores[0], min);
  assert.equal(t.scores[t.scores.length - 1], max);
  for (let k = 1; k < t.scores.length; k++) assert.equal(t.scores[k] - t.scores[k - 1], step);
  for (let k = 1; k < t.cuts.length; k++) assert.ok(t.cuts[k] >= t.cuts[k - 1]);
  let prev = 0;
  for (let th = -6; th <= 6; th += 0.01) {
    const s = toScaled(t, th);
    assert.ok(s >= prev && s % step === 0);
    prev = s;
  }
  assert.equal(toScaled(t, -6), 200);
  assert.equal(toScaled(t, 6), 800);
  assert.equal(toScaled(t, 0), 500);
  assert.equal(toScaled(t, 1.04), 600);
  // Reference population N(0, 1): reported mean ≈ 500, SD ≈ 100.
  const g = createRng('ref');
  const sc = Array.from({ length: 20000 }, () => toScaled(t, g.normal()));
  const mean = sc.reduce((s, v) => s + v, 0) / sc.length;
  const sd = Math.sqrt(sc.reduce((s, v) => s + (v - mean) ** 2, 0) / sc.length);
  assert.ok(Math.abs(mean - 500) < 3 && Math.abs(sd - 100) < 3, `${mean} ${sd}`);
});

test('equipercentile table from a θ̂ sample maps its quantiles to N(500, 100)', () => {
  const g = createRng('eq');
  const sample = Array.from({ length: 20000 }, () => 0.8 * g.normal());
  const t = buildConversionTable({ thetaHatSample: sample });
  assert.equal(toScaled(t, 0), 500);
  assert.ok(Math.abs(toScaled(t, 0.8) - 600) <= 10);
});

test('CSEM in scaled points and bands; totals add', () => {
  const t = buildConversionTable();
  const rw = scaleSection(t, 0.5, 0.3);
  assert.equal(rw.score, 550);
  assert.ok(Math.abs(rw.csem - 30) < 1e-9);
  assert.deepEqual(rw.band, [520, 580]);
  const top = scaleSection(t, 3.5, 0.3);
  assert.equal(top.band[1], 800);
  const m = scaleSection(t, -0.2, 0.4);
  const tot = totalScore(rw, m);
  assert.equal(tot.score, rw.score + m.score);
  assert.ok(Math.abs(tot.csem - Math.hypot(30, 40)) < 1e-9);
});
