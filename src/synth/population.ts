/**
 * Simulated students: who they are, how they answer, how fast, how they learn and forget,
 * and how engaged they are. Pure functions of a seeded Rng; no I/O.
 *
 * Ability (a two-level factor model): each section has a factor g_sec, the two section
 * factors bivariate normal with SD σ_g and correlation ρ; each skill adds a deviation
 * δ_s ~ N(0, σ_δ²):  θ_s = g_sec(s) + δ_s.  Within a section corr(θ_s, θ_t) = σ_g²/(σ_g² + σ_δ²).
 *
 * Answers: the 3PL of assess/irt.ts at the effective ability θ_eff = θ_s + boost·L_s, where
 * L_s ∈ {0, 1} is a BKT-style learned state (Corbett & Anderson, 1995): an unlearned skill
 * becomes learned with probability pT after each practice answer, and a learned one is
 * forgotten with probability pF per day without practice.
 *
 * Response times: the lognormal model of van der Linden (2006), with the item's time
 * intensity tied to its difficulty and the person's speed partly to ability:
 *   ln T = μ_sec + β·b − γ·θ_eff − τ + ε,   τ ~ N(0, σ_τ²) per student,  ε ~ N(0, σ²).
 */
import { prob } from '../assess/irt.ts';
import type { IrtParams } from '../assess/types.ts';
import { SKILLS, type SectionId, type SkillId } from '../content/taxonomy.ts';
import type { Rng } from '../lib/rng.ts';

export interface PopulationConfig {
  /** SD of each section factor. */
  sectionSd: number;
  /** Correlation of the reading-writing and math factors. */
  sectionCorr: number;
  /** SD of a skill's deviation from its section factor. */
  skillSd: number;
  /** θ added while a skill is in the learned state. */
  learnedBoost: number;
  /** P(unlearned → learned) per practice answer (BKT T). */
  pLearn: number;
  /** P(learned → unlearned) per day without practising the skill (BKT forgetting). */
  pForget: number;
  /** P(learned at the start) = Φ-like logistic of θ_s − learnedOffset. */
  learnedOffset: number;
  rt: {
    /** exp(μ_sec): median seconds per question for θ = b = 0, τ = 0. */
    medianSec: Readonly<Record<SectionId, number>>;
    /** β: log-time per unit of item difficulty (harder items take longer). */
    difficulty: number;
    /** γ: log-time per unit of ability (abler students are quicker). */
    ability: number;
    /** σ: residual SD of ln T. */
    sigma: number;
    /** σ_τ: SD of the student's own speed. */
    speedSd: number;
  };
  engagement: {
    /** Mean and logit-scale SD of P(studies on a given day). */
    activeMean: number;
    activeSd: number;
    /** Mean and logit-scale SD of P(skips a plan task). */
    skipMean: number;
    skipSd: number;
    /** SD of a student's rating bias in stars. */
    ratingSd: number;
    /** P(rates an AI text after seeing it). */
    rateProb: number;
  };
}

export const DEFAULT_POPULATION: PopulationConfig = {
  sectionSd: 0.9,
  sectionCorr: 0.6,
  skillSd: 0.45,
  learnedBoost: 0.5,
  pLearn: 0.06,
  pForget: 0.03,
  learnedOffset: 0.8,
  // Digital SAT budgets: ~71 s per R&W question, ~95 s per math question; a typical student
  // uses most of it, so medians sit a little under the budget.
  rt: { medianSec: { rw: 60, math: 75 }, difficulty: 0.25, ability: 0.15, sigma: 0.45, speedSd: 0.25 },
  engagement: { activeMean: 0.7, activeSd: 0.8, skipMean: 0.15, skipSd: 0.8, ratingSd: 0.6, rateProb: 0.35 },
};

export interface Student {
  readonly index: number;
  /** Base ability per skill (before learning). */
  readonly theta: Record<SkillId, number>;
  /** Learned state per skill; mutated by `learn` and `forgetDay`. */
  readonly learned: Record<SkillId, boolean>;
  /** Person speed τ (higher = faster). */
  readonly speed: number;
  readonly activeProb: number;
  readonly skipProb: number;
  readonly ratingBias: number;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

export function mergeConfig(over: Partial<PopulationConfig> = {}): PopulationConfig {
  return {
    ...DEFAULT_POPULATION,
    ...over,
    rt: { ...DEFAULT_POPULATION.rt, ...over.rt },
    engagement: { ...DEFAULT_POPULATION.engagement, ...over.engagement },
  };
}

/** One student from the population. */
export function drawStudent(rng: Rng, index: number, cfg: PopulationConfig = DEFAULT_POPULATION): Student {
  const z1 = rng.normal();
  const z2 = rng.normal();
  const g: Record<SectionId, number> = {
    rw: cfg.sectionSd * z1,
    math: cfg.sectionSd * (cfg.sectionCorr * z1 + Math.sqrt(1 - cfg.sectionCorr ** 2) * z2),
  };
  const theta = {} as Record<SkillId, number>;
  const learned = {} as Record<SkillId, boolean>;
  for (const s of SKILLS) {
    theta[s.id] = g[s.section] + cfg.skillSd * rng.normal();
    learned[s.id] = rng.chance(logistic(theta[s.id] - cfg.learnedOffset));
  }
  const e = cfg.engagement;
  return {
    index,
    theta,
    learned,
    speed: cfg.rt.speedSd * rng.normal(),
    activeProb: logistic(logit(e.activeMean) + e.activeSd * rng.normal()),
    skipProb: logistic(logit(e.skipMean) + e.skipSd * rng.normal()),
    ratingBias: e.ratingSd * rng.normal(),
  };
}

export function drawPopulation(rng: Rng, n: number, cfg: PopulationConfig = DEFAULT_POPULATION): Student[] {
  return Array.from({ length: n }, (_, i) => drawStudent(rng, i, cfg));
}

/** θ_eff: base ability plus the boost of a learned skill. */
export function effectiveTheta(st: Student, skill: SkillId, cfg: PopulationConfig = DEFAULT_POPULATION): number {
  return st.theta[skill] + (st.learned[skill] ? cfg.learnedBoost : 0);
}

/** P(correct) under the 3PL at θ_eff. */
export function pCorrect(st: Student, skill: SkillId, item: IrtParams, cfg: PopulationConfig = DEFAULT_POPULATION): number {
  return prob(effectiveTheta(st, skill, cfg), item);
}

/** Mean of ln T (seconds) for this student, skill and item; the SD is cfg.rt.sigma. */
export function logTimeMean(st: Student, skill: SkillId, section: SectionId, item: IrtParams, cfg: PopulationConfig = DEFAULT_POPULATION): number {
  const r = cfg.rt;
  return Math.log(r.medianSec[section]) + r.difficulty * item.b - r.ability * effectiveTheta(st, skill, cfg) - st.speed;
}

export interface SimAnswer {
  correct: boolean;
  seconds: number;
}

/** One answer: correctness by the 3PL, time by the lognormal model, then a learning opportunity. */
export function answer(rng: Rng, st: Student, skill: SkillId, section: SectionId, item: IrtParams, cfg: PopulationConfig = DEFAULT_POPULATION): SimAnswer {
  const correct = rng.next() < pCorrect(st, skill, item, cfg);
  const seconds = Math.exp(logTimeMean(st, skill, section, item, cfg) + cfg.rt.sigma * rng.normal());
  learn(rng, st, skill, cfg);
  return { correct, seconds };
}

/** BKT transition after a practice opportunity. */
export function learn(rng: Rng, st: Student, skill: SkillId, cfg: PopulationConfig = DEFAULT_POPULATION): void {
  if (!st.learned[skill] && rng.chance(cfg.pLearn)) st.learned[skill] = true;
}

/** End of a day: every learned skill not practised today may be forgotten. */
export function forgetDay(rng: Rng, st: Student, practised: ReadonlySet<SkillId>, cfg: PopulationConfig = DEFAULT_POPULATION): void {
  for (const s of SKILLS) {
    if (st.learned[s.id] && !practised.has(s.id) && rng.chance(cfg.pForget)) st.learned[s.id] = false;
  }
}

/**
 * Stars for an AI text: 3.4 + bias + 1.5·(accuracy − 0.6) + N(0, 0.7), rounded and clamped to
 * 1–5, so ratings track both the student's temperament and how the session went.
 */
export function rate(rng: Rng, st: Student, accuracy: number): number {
  const x = 3.4 + st.ratingBias + 1.5 * (accuracy - 0.6) + 0.7 * rng.normal();
  return Math.min(5, Math.max(1, Math.round(x)));
}
