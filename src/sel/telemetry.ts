/**
 * The generative model of game telemetry, by skill level and grade.
 *
 * Each simulated student has a latent ability θ_s ∈ (0, 1) per SEL skill. The skill the
 * sample is about gets θ = μ(level) + N(0, 0.07) with μ = 0.8 / 0.5 / 0.2 for HIGH /
 * MEDIUM / DEVELOPING; the other three skills correlate with it, θ = 0.5 + 0.35(θ_target −
 * 0.5) + N(0, 0.12) (SEL skills are positively correlated). All θ are clamped to
 * [0.02, 0.98]. Maturity m = (grade − 6)/6 ∈ [0, 1].
 *
 * Behaviour given θ and m (Poisson counts scale with time on task, per 10 minutes):
 *   session_minutes        ~ N(18 + 8m + 6θ_reg, 4), clamped to [3, 60], one decimal
 *   tasks_attempted        = 1 + Poisson(0.6 · minutes)
 *   tasks_completed        ~ Binomial(attempted, 0.3 + 0.4θ_reg + 0.1m + 0.1θ_col)
 *   help_requests          ~ Poisson(minutes/10 · (0.6 + 0.8(1 − θ_reg)))
 *   help_given             ~ Poisson(minutes/10 · (0.2 + 2.2θ_emp))
 *   chat_messages          ~ Poisson(minutes · (0.3 + 1.5θ_com + 0.3m))
 *   resources_shared       ~ Poisson(minutes/10 · (0.2 + 2.5θ_col))
 *   retries_after_failure  ~ Binomial(attempted − completed, 0.15 + 0.75θ_reg)
 *   frustration_events     ~ Poisson(minutes/10 · (0.1 + 2.5(1 − θ_reg)²) · (1 − 0.4m))
 * The four derived features follow the formulas of `FEATURE_TABLE`.
 */
import type { Rng } from '../lib/rng.ts';
import { SEL_SKILLS, type BehaviouralFeature, type DerivedFeature, type Level, type SelSkill } from './skills.ts';

export type BehaviourVector = Record<BehaviouralFeature, number>;
export type DerivedVector = Record<DerivedFeature, number>;
export type Abilities = Record<SelSkill, number>;

export const LEVEL_MEAN: Readonly<Record<Level, number>> = { HIGH: 0.8, MEDIUM: 0.5, DEVELOPING: 0.2 };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Poisson draw: Knuth's product-of-uniforms method for λ ≤ 30, else the normal
 * approximation N(λ, λ) rounded and floored at 0 (error negligible at that size).
 */
export function poisson(lambda: number, rng: Rng): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Binomial draw by summing Bernoulli trials (n is at most a few dozen here). */
export function binomial(n: number, p: number, rng: Rng): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

export function sampleAbilities(skill: SelSkill, level: Level, rng: Rng): Abilities {
  const target = clamp(LEVEL_MEAN[level] + rng.normal(0, 0.07), 0.02, 0.98);
  const out = {} as Abilities;
  for (const s of SEL_SKILLS) out[s] = s === skill ? target : clamp(0.5 + 0.35 * (target - 0.5) + rng.normal(0, 0.12), 0.02, 0.98);
  return out;
}

export function simulateBehaviour(theta: Abilities, grade: number, rng: Rng): BehaviourVector {
  const m = (grade - 6) / 6;
  const minutes = Math.round(10 * clamp(rng.normal(18 + 8 * m + 6 * theta.self_regulation, 4), 3, 60)) / 10;
  const per10 = minutes / 10;
  const attempted = 1 + poisson(0.6 * minutes, rng);
  const completed = binomial(attempted, 0.3 + 0.4 * theta.self_regulation + 0.1 * m + 0.1 * theta.collaboration, rng);
  return {
    session_minutes: minutes,
    tasks_attempted: attempted,
    tasks_completed: completed,
    help_requests: poisson(per10 * (0.6 + 0.8 * (1 - theta.self_regulation)), rng),
    help_given: poisson(per10 * (0.2 + 2.2 * theta.empathy), rng),
    chat_messages: poisson(minutes * (0.3 + 1.5 * theta.communication + 0.3 * m), rng),
    resources_shared: poisson(per10 * (0.2 + 2.5 * theta.collaboration), rng),
    retries_after_failure: binomial(attempted - completed, 0.15 + 0.75 * theta.self_regulation, rng),
    frustration_events: poisson(per10 * (0.1 + 2.5 * (1 - theta.self_regulation) ** 2) * (1 - 0.4 * m), rng),
  };
}

/** The four derived telemetry features (formulas in `FEATURE_TABLE`). */
export function deriveTelemetry(b: BehaviourVector): DerivedVector {
  const giving = b.help_given + b.resources_shared;
  return {
    completion_rate: b.tasks_attempted > 0 ? b.tasks_completed / b.tasks_attempted : 0,
    messages_per_minute: b.session_minutes > 0 ? b.chat_messages / b.session_minutes : 0,
    prosocial_index: giving / (giving + b.help_requests + 1),
    persistence_index: b.retries_after_failure / (b.retries_after_failure + b.frustration_events + 1),
  };
}
