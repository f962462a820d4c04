/**
 * Balance and mix, decided on known counts. The first pass counts the surviving positive
 * pairs per cell (task × skill) and kind; the second pass, reading the pairs back in the
 * same order, keeps or repeats each one:
 *
 *  - phase: the kinds the chosen phase leaves out are dropped;
 *  - mix: a synthetic pair is kept when u = H(seed, "mix", id) falls below a cut chosen from
 *    a per-cell histogram of u, so the number kept is the quota to within one histogram
 *    bucket and the per-cell counts after mixing are known exactly before the second pass;
 *  - caps: a cell over `maxPerSkill` keeps exactly that many, chosen by selection sampling
 *    (Knuth's Algorithm S: keep the next with probability (wanted − kept)/(left to see),
 *    drawing H(seed, "cap", id)), uniformly and in one pass;
 *  - oversampling: a cell under `minPerSkill` has its train pairs written
 *    min(maxOversample, ⌈minPerSkill / n⌉) times, and a skill named weak in `weakSkills`
 *    at least its given number of times (validation and test never repeat).
 *
 * Negatives (KTO's false side) follow the phase only: they are real by nature and few.
 */
import { unitHash } from './split.ts';
import { syntheticQuota, type Phase, type PhasePolicy } from './phase.ts';
import { kindOf, type Pair } from './types.ts';
import type { Verdict } from './pipeline.ts';

export interface BalanceConfig {
  /** Most positive pairs per task × skill (Infinity: no cap). */
  maxPerSkill: number;
  /** Cells with fewer positive pairs are oversampled in train (0: off). */
  minPerSkill: number;
  /** Most copies of one train pair when oversampling a scarce cell. */
  maxOversample: number;
  /** Skills to oversample whatever their count: skill id → train copies (an integer ≥ 1). */
  weakSkills: Record<string, number>;
}
export const DEFAULT_BALANCE: BalanceConfig = { maxPerSkill: Infinity, minPerSkill: 0, maxOversample: 3, weakSkills: {} };

const BUCKETS = 4096;
const cellOf = (p: Pair) => `${p.task}|${p.skill ?? '-'}`;

interface Cell { real: number; reference: number; synthetic: Uint32Array | null }

/** First-pass counts of surviving pairs. */
export class KindCounts {
  readonly cells = new Map<string, Cell>();
  real = 0;
  synthetic = 0;
  reference = 0;
  negatives = 0;

  constructor(private readonly seed: string) {}

  add(p: Pair): void {
    if (p.polarity === 'negative') { this.negatives++; return; }
    const key = cellOf(p);
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { real: 0, reference: 0, synthetic: null }));
    const kind = kindOf(p.source);
    if (kind === 'synthetic') {
      c.synthetic ??= new Uint32Array(BUCKETS);
      c.synthetic[Math.floor(unitHash(this.seed, `mix:${p.id}`) * BUCKETS)]++;
      this.synthetic++;
    } else if (kind === 'real') {
      c.real++;
      this.real++;
    } else {
      c.reference++;
      this.reference++;
    }
  }
}

export interface BalancePlan {
  phase: Phase;
  syntheticQuota: number;
  /** Synthetic pairs kept: those whose bucket is below this cut. */
  syntheticCut: number;
  syntheticKept: number;
  /** Per cell: pairs after the phase and the mix, the cap applied, and the train copies. */
  cells: Map<string, { n: number; keep: number; copies: number }>;
}

export function planBalance(counts: KindCounts, phase: Phase, policy: PhasePolicy, cfg: BalanceConfig): BalancePlan {
  const realIn = phase !== 'synthetic';
  const quota = syntheticQuota(phase, realIn ? counts.real : 0, counts.synthetic, policy);
  const cum = new Float64Array(BUCKETS + 1);
  for (const c of counts.cells.values()) if (c.synthetic) for (let b = 0; b < BUCKETS; b++) cum[b + 1] += c.synthetic[b];
  for (let b = 1; b <= BUCKETS; b++) cum[b] += cum[b - 1];
  let cut = 0;
  for (let k = 0; k <= BUCKETS; k++) if (Math.abs(cum[k] - quota) < Math.abs(cum[cut] - quota)) cut = k;
  const cells = new Map<string, { n: number; keep: number; copies: number }>();
  for (const [key, c] of counts.cells) {
    let synth = 0;
    if (c.synthetic) for (let b = 0; b < cut; b++) synth += c.synthetic[b];
    const n = (realIn ? c.real : 0) + c.reference + synth;
    const keep = Math.min(n, cfg.maxPerSkill);
    const scarce = keep > 0 && keep < cfg.minPerSkill ? Math.min(cfg.maxOversample, Math.ceil(cfg.minPerSkill / keep)) : 1;
    const copies = Math.max(scarce, Math.floor(cfg.weakSkills[key.slice(key.indexOf('|') + 1)] ?? 1));
    cells.set(key, { n, keep, copies });
  }
  return { phase, syntheticQuota: quota, syntheticCut: cut, syntheticKept: cum[cut], cells };
}

/** The second pass: how many times to write each pair (0: dropped, with the reason). */
export class Balancer {
  private readonly seen = new Map<string, { seen: number; kept: number }>();
  constructor(private readonly plan: BalancePlan, private readonly seed: string) {}

  decide(p: Pair): { copies: number; verdict: Verdict } {
    const kind = kindOf(p.source);
    if (kind === 'real' && this.plan.phase === 'synthetic') return { copies: 0, verdict: { keep: false, reason: 'phase:real-left-out' } };
    if (kind === 'synthetic' && this.plan.phase === 'real') return { copies: 0, verdict: { keep: false, reason: 'phase:synthetic-left-out' } };
    if (p.polarity === 'negative') return { copies: 1, verdict: { keep: true } };
    if (kind === 'synthetic' && Math.floor(unitHash(this.seed, `mix:${p.id}`) * BUCKETS) >= this.plan.syntheticCut) {
      return { copies: 0, verdict: { keep: false, reason: 'mix:synthetic-over-quota' } };
    }
    const key = cellOf(p);
    const cell = this.plan.cells.get(key)!;
    let s = this.seen.get(key);
    if (!s) this.seen.set(key, (s = { seen: 0, kept: 0 }));
    if (cell.keep < cell.n) {
      const take = unitHash(this.seed, `cap:${p.id}`) * (cell.n - s.seen) < cell.keep - s.kept;
      s.seen++;
      if (!take) return { copies: 0, verdict: { keep: false, reason: 'cap:per-skill' } };
    }
    s.kept++;
    return { copies: p.split === 'train' ? cell.copies : 1, verdict: { keep: true } };
  }
}
