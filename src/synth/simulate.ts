/**
 * Runs simulated students through the real assessment engine and item bank: an adaptive
 * diagnostic per section (maximum-information selection with domain balancing, EAP after
 * every answer), then a study plan of their weakest skills worked day by day with adaptive
 * practice sets, BKT mastery, skipped tasks and star ratings. The result is typed records
 * keyed by simulation-local ids; `writeSimulation` (simulate-db.ts) stores them.
 */
import { DEFAULT_BKT, bktUpdate } from '../assess/bkt.ts';
import { createPosterior, summarizePosterior, updatePosterior, type GridPosterior } from '../assess/estimate.ts';
import { buildPool, selectNext, type ContentSpec, type ItemPool } from '../assess/select.ts';
import { toAssessItem } from '../assess/types.ts';
import type { Item } from '../content/item.ts';
import { SKILLS, TAXONOMY, type SectionId, type SkillId } from '../content/taxonomy.ts';
import type { FeedbackInput } from '../ai/tasks/feedback.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import { answer, DEFAULT_POPULATION, drawStudent, effectiveTheta, forgetDay, mergeConfig, rate, type PopulationConfig, type Student } from './population.ts';

export interface SimOptions {
  students: number;
  days: number;
  seed: string;
  items: readonly Item[];
  population?: Partial<PopulationConfig>;
  /** Diagnostic questions per section (the θ̂ check uses 40). */
  diagnosticLength?: number;
  practiceLength?: number;
  /** Skills in the study plan (the weakest by the diagnostic). */
  planSkills?: number;
}

export interface SimResponse {
  sessionKey: string;
  userKey: string;
  itemId: string;
  skill: SkillId;
  answer: string;
  correct: boolean;
  timeMs: number;
  thetaBefore: number;
  thetaAfter: number;
  seAfter: number;
  /** True θ_eff when answering: what a validation compares θ̂ with. */
  trueTheta: number;
}

export interface SimSession {
  key: string;
  userKey: string;
  kind: 'diagnostic' | 'practice';
  day: number;
  section: SectionId;
  skills: SkillId[];
  theta: number;
  se: number;
}

export interface SimUser {
  key: string;
  displayName: string;
  trueTheta: Record<SkillId, number>;
  activeProb: number;
  skipProb: number;
  ratingBias: number;
}

export interface SimProficiency { userKey: string; skill: SkillId; theta: number; se: number; mastery: number; nResponses: number }
export interface SimPlanDay { taskId: string; day: number; kind: 'lesson' | 'practice' | 'review'; skill: SkillId }
export interface SimPlan { userKey: string; version: number; days: SimPlanDay[] }
export interface SimPlanAction { userKey: string; taskId: string; day: number; action: 'completed' | 'skipped'; reason: string | null; snapshot: { correct: number; total: number; theta: number } | null }
/** A feedback text the student saw after a practice set, with its stars if they rated it. */
export interface SimFeedback { userKey: string; sessionKey: string; day: number; input: FeedbackInput; stars: number | null }

export interface SimResult {
  seed: string;
  users: SimUser[];
  sessions: SimSession[];
  responses: SimResponse[];
  proficiencies: SimProficiency[];
  plans: SimPlan[];
  planActions: SimPlanAction[];
  feedback: SimFeedback[];
}

const SKIP_REASONS = ['no time today', 'felt too hard', 'already comfortable with it', null] as const;

/** Predicted proficiency on the feedback task's 1–7 scale: 4 + 1.5·θ̂, clamped, one decimal. */
export function proficiencyScale(theta: number): number {
  return Math.round(Math.min(7, Math.max(1, 4 + 1.5 * theta)) * 10) / 10;
}

/** What the student typed: the key when right, a plausible wrong entry when not. */
export function answerText(rng: Rng, item: Item, correct: boolean): string {
  if (correct) return item.answer;
  if (item.type === 'mcq') return rng.pick(['A', 'B', 'C', 'D'].filter((l) => l !== item.answer));
  const v = Number(item.answer);
  const accepted = new Set(item.acceptedAnswers ?? [item.answer]);
  for (let i = 0; i < 6; i++) {
    const guess = Number.isFinite(v) ? String(v + rng.pick([-3, -2, -1, 1, 2, 10])) : String(rng.int(0, 99));
    if (!accepted.has(guess)) return guess;
  }
  return '0';
}

export interface AdaptiveStep { item: Item; correct: boolean; seconds: number; thetaBefore: number; thetaAfter: number; seAfter: number; trueTheta: number }

/**
 * One adaptive set: select by maximum information at θ̂ (randomesque k = 3 so students do not
 * all see the same first items), answer as the student would, update the EAP posterior.
 */
export function adaptiveSet(
  rng: Rng, st: Student, pool: ItemPool, items: ReadonlyMap<string, Item>, length: number,
  opts: { post?: GridPosterior; content?: ContentSpec; seen?: Map<string, number>; clock?: number; cfg?: PopulationConfig } = {},
): { steps: AdaptiveStep[]; post: GridPosterior } {
  const post = opts.post ?? createPosterior({ points: 61 });
  const administered: string[] = [];
  const steps: AdaptiveStep[] = [];
  let est = summarizePosterior(post);
  for (let k = 0; k < length; k++) {
    const sel = selectNext(pool, { theta: est.theta, administered, seen: opts.seen }, { rng, content: opts.content, exposure: { kind: 'randomesque', k: 3 } });
    if (!sel) break;
    const item = items.get(sel.item.id)!;
    const trueTheta = effectiveTheta(st, item.skill, opts.cfg ?? DEFAULT_POPULATION);
    const res = answer(rng, st, item.skill, item.section, sel.item, opts.cfg);
    const before = est.theta;
    updatePosterior(post, sel.item, res.correct);
    est = summarizePosterior(post);
    administered.push(item.id);
    opts.seen?.set(item.id, (opts.clock ?? 0) + k);
    steps.push({ item, correct: res.correct, seconds: res.seconds, thetaBefore: before, thetaAfter: est.theta, seAfter: est.se, trueTheta });
  }
  return { steps, post };
}

export function simulate(opts: SimOptions): SimResult {
  const cfg = mergeConfig(opts.population);
  const diagLen = opts.diagnosticLength ?? 20;
  const practiceLen = opts.practiceLength ?? 10;
  const byId = new Map(opts.items.map((it) => [it.id, it]));
  const sectionPools = new Map<SectionId, ItemPool>();
  const skillPools = new Map<SkillId, ItemPool>();
  for (const sec of TAXONOMY.sections) {
    const its = opts.items.filter((it) => it.section === sec.id);
    if (its.length) sectionPools.set(sec.id, buildPool(its.map(toAssessItem)));
  }
  for (const s of SKILLS) {
    const its = opts.items.filter((it) => it.skill === s.id);
    if (its.length) skillPools.set(s.id, buildPool(its.map(toAssessItem)));
  }
  const res: SimResult = { seed: opts.seed, users: [], sessions: [], responses: [], proficiencies: [], plans: [], planActions: [], feedback: [] };
  const root = createRng(`sim/${opts.seed}`);

  for (let i = 0; i < opts.students; i++) {
    const rng = root.fork(`student/${i}`);
    const st = drawStudent(rng, i, cfg);
    const userKey = `u${i}`;
    res.users.push({ key: userKey, displayName: `Simulated student ${i + 1}`, trueTheta: { ...st.theta }, activeProb: st.activeProb, skipProb: st.skipProb, ratingBias: st.ratingBias });
    const seen = new Map<string, number>();
    let clock = 0;
    let nSession = 0;
    const skillPost = new Map<SkillId, GridPosterior>();
    const mastery = new Map<SkillId, number>();
    const nResp = new Map<SkillId, number>();

    const record = (sessionKey: string, steps: AdaptiveStep[]) => {
      for (const s of steps) {
        const skillId = s.item.skill;
        const post = skillPost.get(skillId)!;
        updatePosterior(post, toAssessItem(s.item), s.correct);
        mastery.set(skillId, bktUpdate(mastery.get(skillId) ?? DEFAULT_BKT[skillId].pL0, s.correct, DEFAULT_BKT[skillId]));
        nResp.set(skillId, (nResp.get(skillId) ?? 0) + 1);
        res.responses.push({
          sessionKey, userKey, itemId: s.item.id, skill: skillId, answer: answerText(rng, s.item, s.correct), correct: s.correct,
          timeMs: Math.round(s.seconds * 1000), thetaBefore: s.thetaBefore, thetaAfter: s.thetaAfter, seAfter: s.seAfter, trueTheta: s.trueTheta,
        });
      }
    };

    // Day 0: an adaptive diagnostic per section, balanced over domains by the blueprint shares.
    for (const sec of TAXONOMY.sections) {
      const pool = sectionPools.get(sec.id);
      if (!pool) continue;
      const domains = sec.domains.filter((d) => pool.items.some((it) => it.domain === d.id));
      const content: ContentSpec = { by: 'domain', areas: domains.map((d) => d.id), shares: domains.map((d) => d.share) };
      const { steps, post } = adaptiveSet(rng, st, pool, byId, diagLen, { content, seen, clock, cfg });
      clock += steps.length;
      const est = summarizePosterior(post);
      // Each skill starts from the section estimate, widened: skills deviate from their section.
      for (const s of SKILLS.filter((x) => x.section === sec.id)) skillPost.set(s.id, createPosterior({ points: 61, prior: { mean: est.theta, sd: Math.hypot(est.se, cfg.skillSd) } }));
      const key = `${userKey}/s${nSession++}`;
      res.sessions.push({ key, userKey, kind: 'diagnostic', day: 0, section: sec.id, skills: [...new Set(steps.map((s) => s.item.skill))], theta: est.theta, se: est.se });
      record(key, steps);
    }
    if (skillPost.size === 0) continue;

    // The plan: the weakest skills by current estimate, cycled lesson → practice → review.
    const thetaHat = (s: SkillId) => summarizePosterior(skillPost.get(s)!).theta;
    const weakest = [...skillPools.keys()].filter((s) => skillPost.has(s)).sort((a, b) => thetaHat(a) - thetaHat(b)).slice(0, opts.planSkills ?? 5);
    const kinds = ['lesson', 'practice', 'practice', 'review'] as const;
    const plan: SimPlan = { userKey, version: 1, days: Array.from({ length: opts.days }, (_, d) => ({ taskId: `d${d + 1}`, day: d + 1, kind: kinds[d % kinds.length], skill: weakest[d % weakest.length] })) };
    res.plans.push(plan);

    for (const task of plan.days) {
      const practised = new Set<SkillId>();
      if (rng.chance(st.activeProb)) {
        if (rng.chance(st.skipProb)) {
          res.planActions.push({ userKey, taskId: task.taskId, day: task.day, action: 'skipped', reason: rng.pick(SKIP_REASONS), snapshot: null });
        } else {
          const pool = skillPools.get(task.skill)!;
          const len = task.kind === 'lesson' ? Math.ceil(practiceLen / 2) : practiceLen;
          const post = skillPost.get(task.skill)!;
          const start = summarizePosterior(post);
          const { steps } = adaptiveSet(rng, st, pool, byId, len, { post: createPosterior({ points: 61, prior: { mean: start.theta, sd: Math.max(start.se, 0.3) } }), seen, clock, cfg });
          clock += steps.length;
          const key = `${userKey}/s${nSession++}`;
          record(key, steps);
          const est = summarizePosterior(post);
          res.sessions.push({ key, userKey, kind: 'practice', day: task.day, section: SKILLS.find((s) => s.id === task.skill)!.section, skills: [task.skill], theta: est.theta, se: est.se });
          const correct = steps.filter((s) => s.correct).length;
          practised.add(task.skill);
          res.planActions.push({ userKey, taskId: task.taskId, day: task.day, action: 'completed', reason: null, snapshot: { correct, total: steps.length, theta: est.theta } });
          if (steps.length) {
            const avg = steps.reduce((a, s) => a + s.seconds, 0) / steps.length;
            const input: FeedbackInput = { skills: [{ skill: task.skill, correct, total: steps.length, avgTimeSec: Math.round(avg * 10) / 10, predictedProficiency: proficiencyScale(est.theta) }] };
            const stars = rng.chance(cfg.engagement.rateProb) ? rate(rng, st, correct / steps.length) : null;
            res.feedback.push({ userKey, sessionKey: key, day: task.day, input, stars });
          }
        }
      }
      forgetDay(rng, st, practised, cfg);
    }
    for (const [s, post] of skillPost) {
      const est = summarizePosterior(post);
      res.proficiencies.push({ userKey, skill: s, theta: est.theta, se: est.se, mastery: mastery.get(s) ?? DEFAULT_BKT[s].pL0, nResponses: nResp.get(s) ?? 0 });
    }
  }
  return res;
}
export { writeSimulation, SIMULATED_PASSWORD_HASH, SIMULATED_EMAIL_DOMAIN } from './simulate-db.ts';
