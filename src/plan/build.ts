/**
 * Building a dated study plan from proficiency, a target score and a test date — a pure
 * function: the same input gives the same plan, task ids included.
 *
 * Order. Each skill's priority is targetθ − θ + ½·SE, where targetθ is the lowest θ the
 * section's conversion table turns into half the target total (src/assess/scoring.ts). A
 * skill below its target, or one we know little about, comes first.
 *
 * Shape. The days from the start date up to the day before the test fall into three
 * phases: foundations (≈30 %: a lesson and a practice set per weak skill, weakest first with
 * the sections taking turns, the rest of each day's time on practice of skills already taught),
 * skill building (practice sets chosen by smooth weighted round-robin with weight
 * max(priority, 0) + 0.15, so weak skills recur most and strong ones are still revisited;
 * every 7th day mixed section practice and a set, every 14th a full test in plans of 3+ weeks), and
 * test readiness (≈20 %, at least 2 days when the plan has 5+: a full test first, then
 * longer sets on the top priorities, and a light mixed day last).
 */
import { buildConversionTable, type ConversionTable } from '../assess/scoring.ts';
import { section as sectionInfo, SECTIONS, skill as skillInfo, SKILLS, TAXONOMY, type SectionId, type SkillId } from '../content/taxonomy.ts';
import { addDays, daysBetween, isIsoDay } from '../lib/days.ts';
import { badRequest } from '../lib/errors.ts';
import type { PhaseId, PlanDay, PlanPhase, PlanTask, SkillPriority, StudyPlan } from './types.ts';

export const PLAN_LIMITS = { maxDays: 365, minMinutes: 15, maxMinutes: 240, defaultMinutes: 45, minTarget: 400, maxTarget: 1600 } as const;
/** Questions in an ordinary practice set, and in the longer sets of the last weeks. */
export const PRACTICE_COUNT = 10;
const READINESS_COUNT = 15;
/** Weight floor in the round-robin: strong skills still come back now and then (retention). */
const REVISIT_WEIGHT = 0.15;
const MAX_TASKS_PER_DAY = 4;

export interface PlanInput {
  /** The plan's first day. */
  startDate: string;
  /** The test day; the plan ends the day before. */
  testDate: string;
  /** Target total, 400–1600. */
  targetScore: number;
  minutesPerDay?: number;
  /** Skills without a row start at the population prior θ = 0, SE = 1. */
  proficiency: readonly { skill: SkillId; theta: number; se: number }[];
  lessons: readonly { id: string; skill: SkillId; minutes: number }[];
  /** θ → section score; the engine's default (latent metric) when absent. */
  table?: ConversionTable;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Minutes a set of `count` questions takes at the real test's pace for the section. */
export function practiceMinutes(section: SectionId, count: number): number {
  const s = sectionInfo(section);
  return Math.ceil((count * s.minutesPerModule) / s.questionsPerModule);
}

/** Every module of both sections plus the break. */
export const FULL_TEST_MINUTES = SECTIONS.reduce((m, id) => m + sectionInfo(id).modules * sectionInfo(id).minutesPerModule, 0) + TAXONOMY.breakMinutes;

/** The lowest θ the table turns into `score` or more. */
export function thetaForScore(table: ConversionTable, score: number): number {
  const k = table.scores.findIndex((s) => s >= score);
  if (k <= 0) return table.cuts[0] - (table.cuts[1] - table.cuts[0]);
  return table.cuts[k - 1];
}

/** Section target: half the total, on the section scale's steps. */
export function sectionTarget(total: number): number {
  const { min, max, step } = TAXONOMY.sectionScale;
  return Math.min(max, Math.max(min, Math.round(total / 2 / step) * step));
}

export function skillPriorities(input: Pick<PlanInput, 'proficiency' | 'targetScore' | 'table'>): SkillPriority[] {
  const table = input.table ?? buildConversionTable();
  const targetTheta = thetaForScore(table, sectionTarget(input.targetScore));
  const known = new Map(input.proficiency.map((p) => [p.skill, p]));
  return SKILLS.map((s) => {
    const p = known.get(s.id) ?? { theta: 0, se: 1 };
    return { skill: s.id, theta: round4(p.theta), se: round4(p.se), targetTheta: round4(targetTheta), priority: round4(targetTheta - p.theta + 0.5 * p.se) };
  }).sort((a, b) => b.priority - a.priority || a.skill.localeCompare(b.skill));
}

function validate(input: PlanInput): { days: number; minutes: number } {
  if (!isIsoDay(input.startDate) || !isIsoDay(input.testDate)) throw badRequest('dates must be calendar days written YYYY-MM-DD');
  const days = daysBetween(input.startDate, input.testDate);
  if (days < 1) throw badRequest('the test date must be after the plan starts');
  if (days > PLAN_LIMITS.maxDays) throw badRequest(`the test date must be within ${PLAN_LIMITS.maxDays} days of the start`);
  const t = input.targetScore;
  if (!Number.isInteger(t) || t < PLAN_LIMITS.minTarget || t > PLAN_LIMITS.maxTarget) throw badRequest('targetScore must be a whole number from 400 to 1600');
  const minutes = input.minutesPerDay ?? PLAN_LIMITS.defaultMinutes;
  if (!Number.isInteger(minutes) || minutes < PLAN_LIMITS.minMinutes || minutes > PLAN_LIMITS.maxMinutes) {
    throw badRequest(`minutesPerDay must be from ${PLAN_LIMITS.minMinutes} to ${PLAN_LIMITS.maxMinutes}`);
  }
  return { days, minutes };
}

/** Ids unique within a day: `<date>/<kind>/<target>`, then `~2`, `~3` for repeats. */
export function taskId(date: string, task: Omit<PlanTask, 'id'>, taken: ReadonlySet<string>): string {
  const target = task.skill ?? task.section ?? (task.sections ?? []).join('+');
  const base = `${date}/${task.kind}/${target}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}~${n}`;
  return id;
}

/** A day's task list that hands out ids as tasks are added. */
export class DayBuilder {
  readonly tasks: PlanTask[] = [];
  private readonly ids = new Set<string>();
  constructor(readonly date: string, existing: readonly PlanTask[] = []) {
    for (const t of existing) this.keep(t);
  }
  keep(task: PlanTask): void {
    this.tasks.push(task);
    this.ids.add(task.id);
  }
  add(task: Omit<PlanTask, 'id'>): PlanTask {
    const full = { id: taskId(this.date, task, this.ids), ...task };
    this.keep(full);
    return full;
  }
  get minutes(): number {
    return this.tasks.reduce((m, t) => m + t.minutes, 0);
  }
  has(skill: SkillId): boolean {
    return this.tasks.some((t) => t.skill === skill);
  }
}

export function practiceTask(skill: SkillId, count: number): Omit<PlanTask, 'id'> {
  return { kind: 'practice', skill, count, minutes: practiceMinutes(skillInfo(skill).section, count) };
}

const mixedTask = (section: SectionId, count: number): Omit<PlanTask, 'id'> => ({ kind: 'practice', section, count, minutes: practiceMinutes(section, count) });
const fullTestTask = (): Omit<PlanTask, 'id'> => ({ kind: 'full_test', sections: [...SECTIONS], minutes: FULL_TEST_MINUTES });

export function focusOf(tasks: readonly PlanTask[]): SkillId | null {
  return tasks.find((t) => t.skill)?.skill ?? null;
}

/** Smooth weighted round-robin (as in nginx's upstream balancing): deterministic, proportional, evenly spread. */
class Rotation {
  private readonly credit: number[];
  private readonly total: number;
  constructor(private readonly skills: readonly SkillId[], private readonly weights: readonly number[]) {
    this.credit = skills.map(() => 0);
    this.total = weights.reduce((a, b) => a + b, 0);
  }
  /**
   * The next skill not in `exclude` (ties to the earlier, higher-priority skill), or null when
   * every skill is excluded, in which case nothing changes. Choosing the largest credit + weight
   * before adding the weights is the same choice as adding them first.
   */
  next(exclude: (s: SkillId) => boolean): SkillId | null {
    let best = -1;
    for (let i = 0; i < this.credit.length; i++) {
      if (exclude(this.skills[i])) continue;
      if (best < 0 || this.credit[i] + this.weights[i] > this.credit[best] + this.weights[best]) best = i;
    }
    if (best < 0) return null;
    for (let i = 0; i < this.credit.length; i++) this.credit[i] += this.weights[i];
    this.credit[best] -= this.total;
    return this.skills[best];
  }
}

/**
 * Skills in priority order, but with the sections taking turns: the next is the weakest skill of
 * the other section whenever that section has one left. A student with default priors (or a Math
 * diagnostic a little weaker throughout) would otherwise spend the first weeks on Math alone;
 * interleaving also spaces each section's study (Rohrer & Taylor 2007, interleaved practice).
 */
export function alternateSections(skills: readonly SkillId[]): SkillId[] {
  const left = [...skills];
  const out: SkillId[] = [];
  let last: SectionId | null = null;
  while (left.length) {
    const k = Math.max(0, left.findIndex((s) => skillInfo(s).section !== last));
    const [next] = left.splice(k, 1);
    out.push(next);
    last = skillInfo(next).section;
  }
  return out;
}

export function buildPlan(input: PlanInput): StudyPlan {
  const { days: n, minutes: budget } = validate(input);
  const priorities = skillPriorities(input);
  const lessonOf = new Map(input.lessons.map((l) => [l.skill, l]));
  const rotation = new Rotation(
    priorities.map((p) => p.skill),
    priorities.map((p) => Math.max(p.priority, 0) + REVISIT_WEIGHT),
  );

  const readiness = n >= 5 ? Math.max(2, Math.round(n * 0.2)) : 0;
  const foundations = n >= 2 ? Math.round(n * 0.3) : 0;
  const phaseOf = (day: number): PhaseId => (day <= foundations ? 'foundations' : day > n - readiness ? 'test_readiness' : 'skill_building');

  const weak = priorities.filter((p) => p.priority > 0).map((p) => p.skill);
  const units = alternateSections(weak.length ? weak : priorities.slice(0, 3).map((p) => p.skill)).map((skill) => {
    const lesson = lessonOf.get(skill);
    const tasks: Omit<PlanTask, 'id'>[] = lesson ? [{ kind: 'lesson', skill, lessonId: lesson.id, minutes: lesson.minutes }] : [];
    tasks.push(practiceTask(skill, PRACTICE_COUNT));
    return tasks;
  });
  const top = priorities.slice(0, 5).map((p) => p.skill);
  let topTurn = 0;

  /**
   * Practice sets from the rotation while one fits the day's time (each at its own section's
   * pace), skipping skills already on the day and those `skip` names; a day that nothing fits
   * still gets one set.
   */
  const fillWithPractice = (d: DayBuilder, count: number, skip: (s: SkillId) => boolean = () => false) => {
    while (d.tasks.length < MAX_TASKS_PER_DAY) {
      const skill = rotation.next((s) => d.has(s) || skip(s) || d.minutes + practiceMinutes(skillInfo(s).section, count) > budget);
      if (!skill) break;
      d.add(practiceTask(skill, count));
    }
    if (d.tasks.length === 0) d.add(practiceTask(rotation.next(() => false)!, count));
  };

  const phases: PlanPhase[] = [];
  for (let day = 1; day <= n; day++) {
    const date = addDays(input.startDate, day - 1);
    const phase = phaseOf(day);
    const d = new DayBuilder(date);
    if (phase === 'foundations' && units.length) {
      while (units.length && (d.tasks.length === 0 || d.minutes + units[0].reduce((m, t) => m + t.minutes, 0) <= budget)) {
        for (const t of units.shift()!) d.add(t);
      }
      // The rest of the day's time goes to practice, never on a skill whose lesson is still to come.
      const awaiting = new Set(units.map((u) => u[0].skill));
      fillWithPractice(d, PRACTICE_COUNT, (s) => awaiting.has(s));
    } else if (phase === 'test_readiness') {
      const r = day - (n - readiness);
      if (r === 1) d.add(fullTestTask());
      else if (day === n) for (const s of SECTIONS) d.add(mixedTask(s, PRACTICE_COUNT));
      else {
        d.add(practiceTask(top[topTurn++ % top.length], READINESS_COUNT));
        const mixed = mixedTask(SECTIONS[r % SECTIONS.length], PRACTICE_COUNT);
        if (d.minutes + mixed.minutes <= budget) d.add(mixed);
        const second = practiceTask(top[topTurn % top.length], READINESS_COUNT);
        if (!d.has(second.skill!) && d.minutes + second.minutes <= budget) {
          d.add(second);
          topTurn++;
        }
      }
    } else if (n >= 21 && day % 14 === 0) {
      d.add(fullTestTask());
    } else if (day % 7 === 0) {
      for (const s of SECTIONS) d.add(mixedTask(s, PRACTICE_COUNT));
      fillWithPractice(d, PRACTICE_COUNT);
    } else {
      fillWithPractice(d, PRACTICE_COUNT);
    }
    const planDay: PlanDay = { day, date, focus: focusOf(d.tasks), tasks: d.tasks };
    const last = phases[phases.length - 1];
    if (last?.id === phase) last.days.push(planDay);
    else phases.push({ id: phase, days: [planDay] });
  }

  return {
    format: 1,
    startDate: input.startDate,
    testDate: input.testDate,
    targetScore: input.targetScore,
    minutesPerDay: budget,
    priorities,
    phases,
    adjustments: [],
  };
}
