/** Full-length MST simulation for one section: scaled-score accuracy and routing. */
import { assembleMst, route, scoreSection } from '../../src/assess/mst.ts';
import { prob } from '../../src/assess/irt.ts';
import { buildConversionTable, scaleSection, toScaled } from '../../src/assess/scoring.ts';
import type { AssessItem } from '../../src/assess/types.ts';
import type { SectionId } from '../../src/content/taxonomy.ts';
import type { Rng } from '../../src/lib/rng.ts';

export interface MstResult {
  [metric: string]: number;
}

function corr(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; syy += (y[i] - my) ** 2; }
  return sxy / Math.sqrt(sxx * syy);
}
const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
const sd = (x: readonly number[]) => Math.sqrt(mean(x.map((v) => (v - mean(x)) ** 2)));

/** Returns metrics for the latent-metric table and for the θ̂-equipercentile table. */
export function simulateMst(bank: readonly AssessItem[], sec: SectionId, thetas: readonly number[], rng: Rng): { latent: MstResult; equipercentile: MstResult } {
  const panel = assembleMst(bank, sec, rng.fork('assemble'));
  const answer = (items: readonly AssessItem[], theta: number, r: Rng) => items.map((it) => r.next() < prob(theta, it));
  const runs = thetas.map((theta, i) => {
    const r = rng.fork(`examinee/${i}`);
    const s1 = answer(panel.stage1.items, theta, r);
    const routed = route(panel, s1);
    const s2 = answer(panel[routed.module].items, theta, r);
    return { theta, est: scoreSection(panel, s1, routed.module, s2), module: routed.module };
  });
  const latent = buildConversionTable();
  // The equipercentile table is built on a separate reference sample (different examinees).
  const refThetaHat = thetas.map((_, i) => {
    const r = rng.fork(`reference/${i}`);
    const theta = r.normal();
    const s1 = answer(panel.stage1.items, theta, r);
    const m = route(panel, s1).module;
    return scoreSection(panel, s1, m, answer(panel[m].items, theta, r)).theta;
  });
  const equi = buildConversionTable({ thetaHatSample: refThetaHat });
  const truth = runs.map((x) => toScaled(latent, x.theta));
  const routedRight = mean(runs.map((x) => ((x.theta >= panel.cut) === (x.module === 'harder') ? 1 : 0)));
  const metrics = (table: typeof latent): MstResult => {
    const scored = runs.map((x) => scaleSection(table, x.est.theta, x.est.se));
    const rep = scored.map((s) => s.score);
    const rmse = Math.sqrt(mean(rep.map((v, i) => (v - truth[i]) ** 2)));
    return {
      'scaled RMSE': rmse,
      'corr(reported, true)': corr(rep, truth),
      'mean CSEM (reported)': mean(scored.map((s) => s.csem)),
      'mean reported score': mean(rep),
      'SD reported score': sd(rep),
      'routed to right module 2': routedRight,
      'routing cut (theta)': panel.cut,
    };
  };
  return { latent: metrics(latent), equipercentile: metrics(equi) };
}
