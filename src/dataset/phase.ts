/**
 * The phase policy of the origin plan, as configuration: train on synthetic pairs alone
 * until enough real ones exist; then a mix (25 % synthetic, 75 % real) from 50K real pairs;
 * real pairs alone from 100K. "Real pairs" are the positive pairs from people's interactions
 * that survived consent, filters and dedup; authored reference pairs (item rationales) are
 * outside the policy and kept in every phase.
 */
export const PHASES = ['synthetic', 'mixed', 'real'] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_MODES = ['auto', ...PHASES] as const;
export type PhaseMode = (typeof PHASE_MODES)[number];

export interface PhasePolicy {
  /** Real pairs from which the mix starts. */
  mixedFrom: number;
  /** Real pairs from which synthetic data is left out. */
  realFrom: number;
  /** Synthetic share of the policy pairs (real + synthetic) in the mixed phase. */
  syntheticShare: number;
}

export const DEFAULT_PHASE_POLICY: PhasePolicy = { mixedFrom: 50_000, realFrom: 100_000, syntheticShare: 0.25 };

export function validatePolicy(p: PhasePolicy): PhasePolicy {
  if (!(p.mixedFrom >= 0 && p.realFrom >= p.mixedFrom)) throw new Error(`phase thresholds must satisfy 0 ≤ mixedFrom ≤ realFrom (got ${p.mixedFrom}, ${p.realFrom})`);
  if (!(p.syntheticShare >= 0 && p.syntheticShare < 1)) throw new Error(`synthetic share must be in [0, 1) (got ${p.syntheticShare})`);
  return p;
}

export function choosePhase(mode: PhaseMode, realPairs: number, p: PhasePolicy = DEFAULT_PHASE_POLICY): Phase {
  if (mode !== 'auto') return mode;
  return realPairs >= p.realFrom ? 'real' : realPairs >= p.mixedFrom ? 'mixed' : 'synthetic';
}

/**
 * Synthetic pairs to keep: all of them alone, none with real data alone, and in the mix
 * s/(1−s) per real pair, so synthetic / (real + synthetic) = s (fewer when there are not
 * that many).
 */
export function syntheticQuota(phase: Phase, real: number, synthetic: number, p: PhasePolicy = DEFAULT_PHASE_POLICY): number {
  if (phase === 'synthetic') return synthetic;
  if (phase === 'real') return 0;
  return Math.min(synthetic, Math.round((real * p.syntheticShare) / (1 - p.syntheticShare)));
}

/** Which kinds of pairs a phase reads; the build skips the sources of an excluded kind. */
export const phaseReads = (mode: PhaseMode) => ({ real: mode !== 'synthetic', synthetic: mode !== 'real' });
