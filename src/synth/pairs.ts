/**
 * Inputs for every AI task, drawn from simulated students answering real bank items (so
 * accuracies, times and proficiencies have the population's joint distribution rather than
 * independent uniforms), and the lessons as retrieval sources. Each builder takes a target
 * skill from the coverage balancer and returns a draft: the input plus the skill, section,
 * domain and difficulty it is about. Passages are attached afterwards by the task's own
 * retrieval, as on the server (slots.ts); outputs come from the task's template.
 */
import { createPosterior, summarizePosterior, updatePosterior, type GridPosterior } from '../assess/estimate.ts';
import { prob } from '../assess/irt.ts';
import type { IrtParams } from '../assess/types.ts';
import { buildSearchIndex, lessonPassages, searchPassages } from '../ai/search/sources.ts';
import type { Bm25Index } from '../ai/search/bm25.ts';
import { PLAN_DAY_KINDS, weakSkills, type PlanAdjustInput } from '../ai/tasks/plan-adjust.ts';
import type { TaskInput } from '../ai/tasks/index.ts';
import type { Difficulty, Item } from '../content/item.ts';
import { lessonTraps, type Lesson } from '../content/lessons/index.ts';
import { SKILLS, skill as skillInfo, type DomainId, type SectionId, type SkillId } from '../content/taxonomy.ts';
import type { AiTaskName } from '../db/enums.ts';
import type { Rng } from '../lib/rng.ts';
import { answer, DEFAULT_POPULATION, drawStudent, type PopulationConfig, type Student } from './population.ts';
import { answerText, proficiencyScale } from './simulate.ts';
import { STUDENT_NAMES, studentMessage, TUTOR_TURNS } from './phrases.ts';

export interface PairContext {
  readonly items: readonly Item[];
  readonly itemsBySkill: ReadonlyMap<SkillId, readonly Item[]>;
  readonly lessons: readonly Lesson[];
  readonly lessonBySkill: ReadonlyMap<SkillId, Lesson>;
  readonly index: Bm25Index;
  readonly cfg: PopulationConfig;
  /** Skills each task can be about (item tasks need items of the skill). */
  readonly skillsFor: Readonly<Record<AiTaskName, readonly SkillId[]>>;
}

export interface Draft<K extends AiTaskName = AiTaskName> {
  task: K;
  input: TaskInput<K>;
  skill: SkillId | null;
  difficulty: Difficulty | null;
}

export function buildContext(items: readonly Item[], lessons: readonly Lesson[], cfg: PopulationConfig = DEFAULT_POPULATION): PairContext {
  if (items.length === 0) throw new Error('synth: the item bank is empty');
  const itemsBySkill = new Map<SkillId, Item[]>();
  for (const it of items) (itemsBySkill.get(it.skill) ?? itemsBySkill.set(it.skill, []).get(it.skill)!).push(it);
  const lessonBySkill = new Map(lessons.map((l) => [l.skill, l]));
  const withItems = SKILLS.map((s) => s.id).filter((id) => itemsBySkill.has(id));
  const all = SKILLS.map((s) => s.id);
  const withLessons = all.filter((id) => lessonBySkill.has(id));
  return {
    items, itemsBySkill, lessons, lessonBySkill, cfg,
    index: buildSearchIndex(searchPassages(lessons)),
    skillsFor: {
      feedback: all, plan_adjust: all, explain: withItems, help: withItems, review: withItems,
      note_reply: all, tutor_chat: all, lesson_summary: withLessons.length ? withLessons : all,
    },
  };
}

const maybe = <T>(rng: Rng, p: number, v: () => T): T | undefined => (rng.chance(p) ? v() : undefined);

/** A stand-in item when the bank has none for a skill: typical 3PL parameters. */
function virtualIrt(rng: Rng, sec: SectionId) {
  return { a: Math.exp(0.25 * rng.normal()), b: rng.normal(), c: sec === 'rw' ? 0.2 : 0.1 };
}

export interface SkillSnapshot { correct: number; total: number; avgTimeSec: number; thetaHat: number }

/** The practice-set posterior: a 41-point grid under the N(0, 1) prior, built once and copied. */
const PRIOR: GridPosterior = createPosterior({ points: 41 });

/**
 * Per bank item, the terms `updatePosterior` adds for a right and a wrong answer at each grid
 * point (log P and log(1 − P)). Items recur across thousands of practice sets, so each pair of
 * vectors is computed once instead of 41 exp/log pairs per simulated answer; the sums are the
 * same numbers, added in the same order.
 */
const loglik = new WeakMap<IrtParams, { right: Float64Array; wrong: Float64Array }>();
function loglikOf(irt: IrtParams): { right: Float64Array; wrong: Float64Array } {
  let l = loglik.get(irt);
  if (!l) {
    const n = PRIOR.theta.length;
    l = { right: new Float64Array(n), wrong: new Float64Array(n) };
    for (let k = 0; k < n; k++) {
      const p = prob(PRIOR.theta[k], irt, PRIOR.D);
      l.right[k] = Math.log(p);
      l.wrong[k] = Math.log(1 - p);
    }
    loglik.set(irt, l);
  }
  return l;
}

/** A practice set of `n` questions of one skill, answered by the student; θ̂ by EAP from N(0, 1). */
export function practiceSnapshot(rng: Rng, ctx: PairContext, st: Student, id: SkillId, n: number): SkillSnapshot {
  const sec = skillInfo(id).section;
  const pool = ctx.itemsBySkill.get(id);
  const post: GridPosterior = { theta: PRIOR.theta, logPost: PRIOR.logPost.slice(), D: PRIOR.D };
  const logPost = post.logPost;
  let correct = 0, time = 0;
  for (let k = 0; k < n; k++) {
    const irt = pool ? rng.pick(pool).irt : virtualIrt(rng, sec);
    const a = answer(rng, st, id, sec, irt, ctx.cfg);
    if (a.correct) correct++;
    time += a.seconds;
    if (pool) {
      const l = loglikOf(irt);
      const add = a.correct ? l.right : l.wrong;
      for (let j = 0; j < logPost.length; j++) logPost[j] += add[j];
    } else updatePosterior(post, irt, a.correct);
  }
  return { correct, total: n, avgTimeSec: Math.round((time / n) * 10) / 10, thetaHat: summarizePosterior(post).theta };
}

const ALL_SKILLS: readonly SkillId[] = SKILLS.map((s) => s.id);
/** Per pool and target: the pool's other skills in the target's section and outside it. */
const companionPools = new WeakMap<readonly SkillId[], Map<SkillId, { same: SkillId[]; other: SkillId[] }>>();

/** Other skills to go with the target: mostly from the same section, as a real session would be. */
function companions(rng: Rng, target: SkillId, k: number, pool: readonly SkillId[] = ALL_SKILLS): SkillId[] {
  let byTarget = companionPools.get(pool);
  if (!byTarget) companionPools.set(pool, (byTarget = new Map()));
  let split = byTarget.get(target);
  if (!split) {
    const sec = skillInfo(target).section;
    split = {
      same: pool.filter((s) => s !== target && skillInfo(s).section === sec),
      other: pool.filter((s) => s !== target && skillInfo(s).section !== sec),
    };
    byTarget.set(target, split);
  }
  const { same, other } = split;
  const out: SkillId[] = [];
  while (out.length < k) {
    const from = rng.chance(0.75) && same.some((s) => !out.includes(s)) ? same : other;
    const left = from.filter((s) => !out.includes(s));
    if (!left.length) break;
    out.push(rng.pick(left));
  }
  return out;
}

function studentFor(rng: Rng, ctx: PairContext, weak?: SkillId): Student {
  const st = drawStudent(rng, 0, ctx.cfg);
  // Plan adjustments are asked about weak skills: pull the target down so it usually is one.
  if (weak) st.theta[weak] -= 0.5 + rng.next();
  return st;
}

const itemOf = (rng: Rng, ctx: PairContext, id: SkillId): Item => rng.pick(ctx.itemsBySkill.get(id) ?? ctx.items);

function attempt(rng: Rng, ctx: PairContext, item: Item): string {
  const st = drawStudent(rng, 0, ctx.cfg);
  return answerText(rng, item, answer(rng, st, item.skill, item.section, item.irt, ctx.cfg).correct);
}

const PLAN_DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

type Builders = { [K in AiTaskName]: (rng: Rng, ctx: PairContext, target: SkillId) => Draft<K> };

export const BUILDERS: Builders = {
  feedback(rng, ctx, target) {
    const st = studentFor(rng, ctx);
    const k = rng.next() < 0.6 ? 0 : rng.next() < 0.6 ? 1 : 2;
    const skills = [target, ...companions(rng, target, k)].map((id) => {
      const s = practiceSnapshot(rng, ctx, st, id, rng.int(4, 30));
      return { skill: id, correct: s.correct, total: s.total, avgTimeSec: s.avgTimeSec, predictedProficiency: proficiencyScale(s.thetaHat) };
    });
    return { task: 'feedback', input: { skills: rng.shuffle(skills), studentName: maybe(rng, 0.3, () => rng.pick(STUDENT_NAMES)) }, skill: target, difficulty: null };
  },
  explain(rng, ctx, target) {
    const item = itemOf(rng, ctx, target);
    return { task: 'explain', input: { item, studentAnswer: maybe(rng, 0.6, () => attempt(rng, ctx, item)) }, skill: item.skill, difficulty: item.difficulty };
  },
  plan_adjust(rng, ctx, target) {
    const st = studentFor(rng, ctx, target);
    const planSkills = [target, ...companions(rng, target, rng.int(1, 5))];
    const days = rng.sample(PLAN_DAYS, rng.int(2, 10)).sort((a, b) => a - b);
    const plan = { days: days.map((day) => ({ day, kind: rng.pick(PLAN_DAY_KINDS), skill: rng.pick(planSkills) })) };
    const measured = [target, ...rng.sample(planSkills.slice(1), rng.int(0, Math.min(5, planSkills.length - 1)))];
    const performance = rng.shuffle(measured).map((id) => {
      const s = practiceSnapshot(rng, ctx, st, id, rng.int(5, 20));
      return { skill: id, correct: s.correct, total: s.total };
    });
    const input: PlanAdjustInput = { plan, performance };
    return { task: 'plan_adjust', input, skill: planTarget(input), difficulty: null };
  },
  lesson_summary(rng, ctx, target) {
    const lesson = ctx.lessonBySkill.get(target) ?? rng.pick(ctx.lessons);
    // A summary request covers part of a lesson: some of its sections, some sentences of each.
    const parts = lessonPassages(lesson).filter((_, k) => k === 0 || rng.chance(0.5));
    const sentences = parts.flatMap((p) => p.text.split(/(?<=[.!?])\s+/)).filter((s, k) => k < 2 || rng.chance(0.7));
    // As the lesson page asks for one, with the traps' names; some requests come without them.
    const traps = rng.chance(0.7) ? lessonTraps(lesson.body) : [];
    return { task: 'lesson_summary', input: { lesson: { id: lesson.id, title: lesson.title, skill: lesson.skill, text: sentences.join(' '), traps } }, skill: lesson.skill, difficulty: null };
  },
  help(rng, ctx, target) {
    const item = itemOf(rng, ctx, target);
    const studentAnswer = maybe(rng, 0.5, () => attempt(rng, ctx, item));
    const message = studentMessage(rng, item);
    return {
      task: 'help',
      input: {
        item, message, studentAnswer, revealAnswer: studentAnswer !== undefined && rng.chance(0.7),
        studentName: maybe(rng, 0.3, () => rng.pick(STUDENT_NAMES)), sources: [],
      },
      skill: item.skill, difficulty: item.difficulty,
    };
  },
  review(rng, ctx, target) {
    const st = drawStudent(rng, 0, ctx.cfg);
    const ids = [target, ...companions(rng, target, rng.int(0, 5), ctx.skillsFor.review)];
    const responses = ids.map((id) => {
      const item = itemOf(rng, ctx, id);
      return { item, studentAnswer: answerText(rng, item, answer(rng, st, item.skill, item.section, item.irt, ctx.cfg).correct) };
    });
    return {
      task: 'review',
      input: { responses, studentName: maybe(rng, 0.3, () => rng.pick(STUDENT_NAMES)), sources: [] },
      skill: target, difficulty: responses[0].item.difficulty,
    };
  },
  note_reply(rng, ctx, target) {
    const item = ctx.itemsBySkill.has(target) && rng.chance(0.6) ? itemOf(rng, ctx, target) : undefined;
    const note = studentMessage(rng, item, ctx.lessonBySkill.get(target));
    return {
      task: 'note_reply',
      input: {
        note, item, skill: target, revealAnswer: rng.chance(0.7), studentName: maybe(rng, 0.3, () => rng.pick(STUDENT_NAMES)), sources: [],
      },
      skill: target, difficulty: item?.difficulty ?? null,
    };
  },
  tutor_chat(rng, ctx, target) {
    const item = ctx.itemsBySkill.has(target) && rng.chance(0.5) ? itemOf(rng, ctx, target) : undefined;
    const lesson = ctx.lessonBySkill.get(target);
    const messages: { role: 'user' | 'assistant'; content: string }[] = [];
    for (let t = rng.int(0, 2); t > 0; t--) messages.push({ role: 'user', content: studentMessage(rng, item, lesson) }, { role: 'assistant', content: rng.pick(TUTOR_TURNS) });
    const performance = rng.chance(0.6) ? recentPerformance(rng, ctx, target) : [];
    messages.push({ role: 'user', content: performance.length && rng.chance(0.2) ? rng.pick(PROGRESS_QUESTIONS) : studentMessage(rng, item, lesson) });
    return {
      task: 'tutor_chat',
      input: {
        messages, item, skill: target, revealAnswer: rng.chance(0.3), studentName: maybe(rng, 0.3, () => rng.pick(STUDENT_NAMES)), performance, sources: [],
      },
      skill: target, difficulty: item?.difficulty ?? null,
    };
  },
};

const PROGRESS_QUESTIONS = ['How am I doing?', 'What should I work on next?', 'Which skill is my weakest right now?', 'How can I improve my score?', 'What should I focus on this week?'];

/** What the chat knows of a student's recent practice: the target skill weakest, up to two others stronger. */
function recentPerformance(rng: Rng, ctx: PairContext, target: SkillId) {
  const others = ctx.skillsFor.tutor_chat.filter((s) => s !== target);
  const skills = [target, ...Array.from({ length: rng.int(0, 2) }, () => rng.pick(others))].filter((s, i, a) => a.indexOf(s) === i);
  let floor = 0.05;
  return skills.map((skill) => {
    const mastery = Math.round((floor + rng.next() * 0.4) * 100) / 100;
    floor = Math.min(0.55, mastery);
    const recentAnswered = rng.int(3, 12);
    return { skill, mastery, recentCorrect: Math.min(recentAnswered, Math.round(recentAnswered * (0.2 + mastery * 0.8))), recentAnswered };
  });
}

/** The skill plan_adjust's template writes about: the weak skill of lowest accuracy (first on ties). */
export function planTarget(input: PlanAdjustInput): SkillId {
  const weak = new Set(weakSkills(input));
  const acc = (p: { correct: number; total: number }) => p.correct / p.total;
  return input.performance.filter((p) => weak.has(p.skill)).reduce((a, b) => (acc(b) < acc(a) ? b : a)).skill;
}

export function buildDraft<K extends AiTaskName>(task: K, rng: Rng, ctx: PairContext, target: SkillId): Draft<K> {
  return (BUILDERS[task] as (rng: Rng, ctx: PairContext, target: SkillId) => Draft<K>)(rng, ctx, target);
}

export function metaOf(d: Draft): { skill: SkillId | null; section: SectionId | null; domain: DomainId | null; difficulty: Difficulty | null } {
  const info = d.skill ? skillInfo(d.skill) : null;
  return { skill: d.skill, section: info?.section ?? null, domain: info?.domain ?? null, difficulty: d.difficulty };
}
