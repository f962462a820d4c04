/**
 * Adaptive practice simulation: the same simulees (θ ~ N(0, 1)) take a set by the naive
 * method and by the engine (MFI + EAP, an exposure control, domain balancing).
 */
import { createPosterior, summarizePosterior, updatePosterior } from '../../src/assess/estimate.ts';
import { prob } from '../../src/assess/irt.ts';
import { buildPool, selectNext, sympsonHetterUpdate, type ContentSpec, type ExposureControl, type ItemPool } from '../../src/assess/select.ts';
import type { AssessItem } from '../../src/assess/types.ts';
import type { Rng } from '../../src/lib/rng.ts';
import { naiveSelect, naiveUpdate } from './naive.ts';

export interface Simulee {
  readonly theta: number;
  /** Which pool (skill or section) this simulee practises. */
  readonly group: string;
}

export interface SetSpec {
  readonly length: number;
  readonly pools: ReadonlyMap<string, readonly AssessItem[]>;
  readonly content?: (group: string) => ContentSpec | undefined;
}

export interface MethodResult {
  rmse: number;
  bias: number;
  meanSe: number | null;
  maxExposure: number;
}

interface Outcome { est: number; se: number | null; items: string[] }

function summarize(sims: readonly Simulee[], outs: readonly Outcome[]): MethodResult {
  let se2 = 0, bias = 0, seSum = 0, seN = 0;
  const counts = new Map<string, number>();
  const groupSize = new Map<string, number>();
  sims.forEach((s, i) => {
    const o = outs[i];
    se2 += (o.est - s.theta) ** 2;
    bias += o.est - s.theta;
    if (o.se !== null) { seSum += o.se; seN++; }
    groupSize.set(s.group, (groupSize.get(s.group) ?? 0) + 1);
    for (const id of o.items) counts.set(`${s.group}|${id}`, (counts.get(`${s.group}|${id}`) ?? 0) + 1);
  });
  // Exposure rate = share of the simulees who could see an item (same pool) who were given it.
  let maxExposure = 0;
  for (const [key, c] of counts) maxExposure = Math.max(maxExposure, c / groupSize.get(key.split('|')[0])!);
  return { rmse: Math.sqrt(se2 / sims.length), bias: bias / sims.length, meanSe: seN ? seSum / seN : null, maxExposure };
}

export function runNaive(sims: readonly Simulee[], spec: SetSpec, rng: Rng): MethodResult {
  const outs = sims.map((s, i): Outcome => {
    const r = rng.fork(`naive/${i}`);
    const pool = spec.pools.get(s.group)!;
    const used = new Set<string>();
    let theta = 0;
    for (let t = 0; t < spec.length; t++) {
      const it = naiveSelect(pool, theta, used)!;
      used.add(it.id);
      theta = naiveUpdate(theta, it.b, r.next() < prob(s.theta, it));
    }
    return { est: theta, se: null, items: [...used] };
  });
  return summarize(sims, outs);
}

export interface EngineRun {
  readonly result: MethodResult;
  /** Per group: each pool item's administration rate among that group's simulees. */
  readonly rates: Map<string, Float64Array>;
}

/** Running administration counts per group, as the restricted method reads them. */
export interface ExposureTally {
  readonly given: Map<string, Float64Array>;
  readonly sessions: Map<string, number>;
}

export function createTally(spec: SetSpec): ExposureTally {
  return {
    given: new Map([...spec.pools].map(([g, items]) => [g, new Float64Array(items.length)])),
    sessions: new Map([...spec.pools.keys()].map((g) => [g, 0])),
  };
}

/** The restricted maximum-exposure control over a tally that `runEngine` keeps up to date. */
export function restrictedBy(tally: ExposureTally, rMax: number): (group: string) => ExposureControl {
  return (g) => ({ kind: 'restricted', rMax, given: tally.given.get(g)!, sessions: tally.sessions.get(g)! });
}

/**
 * Simulees take their sets one after another, as students would; with a `tally` each session
 * is counted when it begins and each administration when it is made.
 */
export function runEngine(
  sims: readonly Simulee[], spec: SetSpec, rng: Rng, exposure: (group: string) => ExposureControl, tally?: ExposureTally,
): EngineRun {
  const pools = new Map<string, ItemPool>([...spec.pools].map(([g, items]) => [g, buildPool(items)]));
  const outs = sims.map((s, i): Outcome => {
    const r = rng.fork(`engine/${i}`);
    const pool = pools.get(s.group)!;
    const post = createPosterior();
    let est = summarizePosterior(post);
    const administered: string[] = [];
    const heldBack: string[] = [];
    tally?.sessions.set(s.group, tally.sessions.get(s.group)! + 1);
    for (let t = 0; t < spec.length; t++) {
      const sel = selectNext(pool, { theta: est.theta, administered, heldBack }, { rng: r, exposure: exposure(s.group), content: spec.content?.(s.group) })!;
      if (tally) tally.given.get(s.group)![sel.index]++;
      administered.push(sel.item.id);
      heldBack.push(...sel.heldBack);
      updatePosterior(post, sel.item, r.next() < prob(s.theta, sel.item));
      est = summarizePosterior(post);
    }
    return { est: est.theta, se: est.se, items: administered };
  });
  const rates = new Map<string, Float64Array>([...pools].map(([g, p]) => [g, new Float64Array(p.items.length)]));
  const size = new Map<string, number>();
  sims.forEach((s, i) => {
    size.set(s.group, (size.get(s.group) ?? 0) + 1);
    const pool = pools.get(s.group)!;
    for (const id of outs[i].items) rates.get(s.group)![pool.indexOf.get(id)!]++;
  });
  for (const [g, arr] of rates) arr.forEach((v, k) => (arr[k] = v / (size.get(g) ?? 1)));
  return { result: summarize(sims, outs), rates };
}

/**
 * Sympson–Hetter parameters by the classical iterative simulation on a separate sample
 * of simulees: run, measure administration rates, update K, repeat.
 */
export function calibrateSympsonHetter(
  sims: readonly Simulee[], spec: SetSpec, rng: Rng, rMax: number, rounds: number,
): { k: Map<string, Float64Array>; maxRateByRound: number[] } {
  const k = new Map<string, Float64Array>([...spec.pools].map(([g, items]) => [g, new Float64Array(items.length).fill(1)]));
  const maxRateByRound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const run = runEngine(sims, spec, rng.fork(`sh/${round}`), (g) => ({ kind: 'sympson-hetter', k: k.get(g)! }));
    let max = 0;
    for (const [g, rate] of run.rates) {
      for (const v of rate) max = Math.max(max, v);
      k.set(g, sympsonHetterUpdate(k.get(g)!, rate, rMax));
    }
    maxRateByRound.push(max);
  }
  return { k, maxRateByRound };
}
