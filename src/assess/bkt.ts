/**
 * Bayesian Knowledge Tracing (Corbett & Anderson, 1995), one hidden binary state per skill:
 *
 *   posterior after an answer:  P(L|right) = L(1−S) / (L(1−S) + (1−L)G)
 *                               P(L|wrong) = L·S / (L·S + (1−L)(1−G))
 *   then learning/forgetting:   L' = P(L|obs)(1 − F) + (1 − P(L|obs))·T
 *   P(right) before the answer: L(1−S) + (1−L)G
 *
 * F = 0 is the classical model. Fitting is a grid search of the exact sequence
 * log-likelihood (the forward algorithm of this 2-state HMM), with G, S ≤ 0.3 to avoid the
 * degenerate "mastered students answer wrong" solutions (Baker, Corbett & Aleven, 2008).
 */
import { SKILLS, type SkillId } from '../content/taxonomy.ts';

export interface BktParams {
  readonly pL0: number;
  readonly pT: number;
  readonly pG: number;
  readonly pS: number;
  /** Forgetting per opportunity; 0 = classical BKT. */
  readonly pF?: number;
}

/** Probability the skill is mastered that counts as "mastered" in progress views. */
export const MASTERY_THRESHOLD = 0.95;

/**
 * Per-skill defaults: guessing follows the answer format (four-option MCQ ≈ 1/4 for R&W;
 * Math mixes MCQ with student-produced responses, hence lower), the rest are the usual
 * literature starting values.
 */
export const DEFAULT_BKT: Readonly<Record<SkillId, BktParams>> = Object.fromEntries(
  SKILLS.map((s) => [s.id, { pL0: 0.3, pT: 0.1, pG: s.section === 'rw' ? 0.25 : 0.18, pS: 0.1, pF: 0 }]),
) as Record<SkillId, BktParams>;

/** P(correct) on the next opportunity. */
export function predictCorrect(pL: number, p: BktParams): number {
  return pL * (1 - p.pS) + (1 - pL) * p.pG;
}

/** P(L) after observing one answer and one learning opportunity. */
export function bktUpdate(pL: number, correct: boolean, p: BktParams): number {
  const post = correct
    ? (pL * (1 - p.pS)) / (pL * (1 - p.pS) + (1 - pL) * p.pG)
    : (pL * p.pS) / (pL * p.pS + (1 - pL) * (1 - p.pG));
  return post * (1 - (p.pF ?? 0)) + (1 - post) * p.pT;
}

/** P(L) after a whole sequence, starting from pL0. */
export function bktTrace(answers: readonly boolean[], p: BktParams): number {
  let pL = p.pL0;
  for (const u of answers) pL = bktUpdate(pL, u, p);
  return pL;
}

/** Log-likelihood of sequences (one per student) under the parameters. */
export function bktLogLik(sequences: readonly (readonly boolean[])[], p: BktParams): number {
  let ll = 0;
  for (const seq of sequences) {
    let pL = p.pL0;
    for (const u of seq) {
      const pc = predictCorrect(pL, p);
      ll += Math.log(u ? pc : 1 - pc);
      pL = bktUpdate(pL, u, p);
    }
  }
  return ll;
}

export interface BktFit {
  readonly params: BktParams;
  /** False when there was too little data and the defaults came back. */
  readonly fitted: boolean;
  readonly logLik: number;
}

/**
 * Grid search (steps of 0.05; G, S ∈ [0.05, 0.30]; no forgetting) of the sequence
 * log-likelihood. Needs `minResponses` answers (default 200), else returns `fallback`.
 */
export function fitBkt(sequences: readonly (readonly boolean[])[], fallback: BktParams, minResponses = 200): BktFit {
  const n = sequences.reduce((s, q) => s + q.length, 0);
  if (n < minResponses) return { params: fallback, fitted: false, logLik: bktLogLik(sequences, fallback) };
  const grid = (lo: number, hi: number) => Array.from({ length: Math.round((hi - lo) / 0.05) + 1 }, (_, k) => +(lo + 0.05 * k).toFixed(2));
  let best: BktParams = fallback, bestLl = -Infinity;
  for (const pL0 of grid(0.05, 0.95))
    for (const pT of grid(0.05, 0.5))
      for (const pG of grid(0.05, 0.3))
        for (const pS of grid(0.05, 0.3)) {
          const p = { pL0, pT, pG, pS, pF: 0 };
          const ll = bktLogLik(sequences, p);
          if (ll > bestLl) { bestLl = ll; best = p; }
        }
  return { params: best, fitted: true, logLik: bestLl };
}
