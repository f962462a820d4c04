/**
 * The digital SAT's two-stage multistage test (MST), one panel per section: a routing
 * module of mixed difficulty, then an easier or a harder second module. Lengths, times,
 * pretest counts and domain shares come from TAXONOMY; nothing is restated here.
 *
 * Assembly (greedy, per domain slot): a module's operational items are split across the
 * section's domains by largest-remainder apportionment of the blueprint shares; each slot
 * has a target θ and gets the unused item of its domain with the most information there.
 * Stage-1 targets are normal quantiles N(0, 1) — mixed difficulty; the stage-2 targets
 * are N(∓center, spread²) quantiles. The routing cut is the θ at which the two second
 * modules are equally informative, so "route to harder when θ̂ ≥ cut" sends each examinee
 * to the module that measures them better (Lord, 1980, ch. 9 on two-stage tests).
 */
import { TAXONOMY, section as sectionDef, type SectionId } from '../content/taxonomy.ts';
import type { Rng } from '../lib/rng.ts';
import { eap } from './estimate.ts';
import { D_NORMAL, itemInfo, normInv, testInfo } from './irt.ts';
import type { Answer, AssessItem, Estimate } from './types.ts';

export interface MstModule {
  readonly items: readonly AssessItem[];
  /** Same length as items: true for an unscored pretest item. */
  readonly pretest: readonly boolean[];
  readonly minutes: number;
}

export interface MstPanel {
  readonly section: SectionId;
  readonly stage1: MstModule;
  readonly easier: MstModule;
  readonly harder: MstModule;
  /** Route to the harder module when the stage-1 θ̂ ≥ cut. */
  readonly cut: number;
  readonly D: number;
}

export interface AssembleOptions {
  /** Items in pretest status to seed the unscored slots; default: unused bank items at random. */
  readonly pretestPool?: readonly AssessItem[];
  readonly stage2Center?: number;
  readonly stage2Spread?: number;
  readonly D?: number;
}

/** Largest-remainder apportionment of n seats by shares. */
export function apportion(shares: readonly number[], n: number): number[] {
  const total = shares.reduce((s, x) => s + x, 0);
  const quotas = shares.map((s) => (s / total) * n);
  const seats = quotas.map(Math.floor);
  const order = quotas.map((q, i) => [q - Math.floor(q), i]).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; k < n - seats.reduce((s, x) => s + x, 0); k++) seats[order[k][1]]++;
  return seats;
}

function buildModule(
  bank: readonly AssessItem[], sectionId: SectionId, used: Set<string>, center: number, spread: number,
  pretestFrom: readonly AssessItem[], rng: Rng, D: number,
): MstModule {
  const def = sectionDef(sectionId);
  const nOp = def.questionsPerModule - def.pretestPerModule;
  const counts = apportion(def.domains.map((d) => d.share), nOp);
  const operational: AssessItem[] = [];
  def.domains.forEach((dom, di) => {
    const pool = bank.filter((it) => it.domain === dom.id);
    for (let j = 0; j < counts[di]; j++) {
      const target = center + spread * normInv((j + 0.5) / counts[di]);
      let best: AssessItem | undefined, bestInfo = -1;
      for (const it of pool) {
        if (used.has(it.id)) continue;
        const v = itemInfo(target, it, D);
        if (v > bestInfo) { bestInfo = v; best = it; }
      }
      if (!best) throw new Error(`bank has too few items in domain ${dom.id} to assemble a ${sectionId} panel`);
      used.add(best.id);
      operational.push(best);
    }
  });
  const freshPretest = pretestFrom.filter((it) => !used.has(it.id));
  if (freshPretest.length < def.pretestPerModule) throw new Error('not enough pretest items');
  const pre = rng.sample(freshPretest, def.pretestPerModule);
  pre.forEach((it) => used.add(it.id));
  // Pretest items sit at random positions so examinees cannot tell them apart.
  const order = rng.shuffle([...operational.map((it) => ({ it, pre: false })), ...pre.map((it) => ({ it, pre: true }))]);
  return { items: order.map((x) => x.it), pretest: order.map((x) => x.pre), minutes: def.minutesPerModule };
}

const operationalOf = (m: MstModule) => m.items.filter((_, i) => !m.pretest[i]);

/** θ in [-3, 3] where the harder module's information first overtakes the easier one's. */
function crossing(easier: MstModule, harder: MstModule, D: number): number {
  const e = operationalOf(easier), h = operationalOf(harder);
  for (let t = -3; t <= 3; t += 0.005) if (testInfo(t, h, D) >= testInfo(t, e, D)) return t;
  return 0;
}

/**
 * Assemble one section's panel from the bank (items of other sections are ignored). The
 * 3 × pretestPerModule unscored items are drawn at random from `pretestPool` (default: the
 * section's own items) and held out before the operational slots are filled.
 */
export function assembleMst(bank: readonly AssessItem[], sectionId: SectionId, rng: Rng, opts: AssembleOptions = {}): MstPanel {
  const D = opts.D ?? D_NORMAL;
  const def = sectionDef(sectionId);
  const domains = new Set<string>(def.domains.map((d) => d.id));
  const own = bank.filter((it) => domains.has(it.domain));
  const center = opts.stage2Center ?? 1;
  const spread = opts.stage2Spread ?? 0.6;
  const pretestFrom = (opts.pretestPool ?? own).filter((it) => domains.has(it.domain));
  const reserve = rng.sample(pretestFrom, 3 * def.pretestPerModule);
  const reserved = new Set(reserve.map((it) => it.id));
  const pool = own.filter((it) => !reserved.has(it.id));
  const used = new Set<string>();
  const take = (k: number) => reserve.slice(k * def.pretestPerModule, (k + 1) * def.pretestPerModule);
  const stage1 = buildModule(pool, sectionId, used, 0, 1, take(0), rng, D);
  const easier = buildModule(pool, sectionId, used, -center, spread, take(1), rng, D);
  const harder = buildModule(pool, sectionId, used, center, spread, take(2), rng, D);
  return { section: sectionId, stage1, easier, harder, cut: crossing(easier, harder, D), D };
}

/** Scored answers of a module: pretest positions are dropped. */
export function scoredAnswers(m: MstModule, correct: readonly boolean[]): Answer[] {
  return m.items.flatMap((item, i) => (m.pretest[i] ? [] : [{ item, correct: correct[i] }]));
}

/** Route after stage 1 by the EAP θ̂ of its operational items. */
export function route(panel: MstPanel, stage1Correct: readonly boolean[]): { module: 'easier' | 'harder'; estimate: Estimate } {
  const estimate = eap(scoredAnswers(panel.stage1, stage1Correct), { D: panel.D });
  return { module: estimate.theta >= panel.cut ? 'harder' : 'easier', estimate };
}

/** Section θ̂: EAP over the operational items of both modules taken. */
export function scoreSection(
  panel: MstPanel, stage1Correct: readonly boolean[], module: 'easier' | 'harder', stage2Correct: readonly boolean[],
): Estimate {
  return eap([...scoredAnswers(panel.stage1, stage1Correct), ...scoredAnswers(panel[module], stage2Correct)], { D: panel.D });
}

const MINUTE = 60_000;

export interface Window {
  readonly open: boolean;
  readonly remainingMs: number;
  readonly endsAtMs: number;
}

/** Whether a module started at `startMs` still accepts answers at `nowMs` (server clock). */
export function moduleWindow(sectionId: SectionId, startMs: number, nowMs: number): Window {
  const endsAtMs = startMs + sectionDef(sectionId).minutesPerModule * MINUTE;
  return { open: nowMs >= startMs && nowMs < endsAtMs, remainingMs: Math.max(0, endsAtMs - nowMs), endsAtMs };
}

/** The break between the sections; `open` means the break is still running. */
export function breakWindow(firstSectionEndMs: number, nowMs: number): Window {
  const endsAtMs = firstSectionEndMs + TAXONOMY.breakMinutes * MINUTE;
  return { open: nowMs >= firstSectionEndMs && nowMs < endsAtMs, remainingMs: Math.max(0, endsAtMs - nowMs), endsAtMs };
}
