/**
 * The pure side of plan adjustment: what the `plan_adjust` task is shown (the coming skill
 * days and the weakest per-skill results), the structured change its advice stands for,
 * and applying that change to make the next plan version.
 */
import { skillsMentioned } from '../ai/checks/skills.ts';
import type { PlanAdjustInput } from '../ai/tasks/plan-adjust.ts';
import type { SkillId } from '../content/taxonomy.ts';
import { DayBuilder, focusOf, practiceTask, PRACTICE_COUNT } from './build.ts';
import { allDays, type PlanChangeOp, type PlanChanges, type StudyPlan } from './types.ts';

/** The task's input bounds: at most 30 days and 8 skills, at most 500 answers per skill. */
const MAX_DAYS = 30;
const MAX_SKILLS = 8;
const MAX_TOTAL = 500;

export interface SkillResult {
  skill: SkillId;
  correct: number;
  total: number;
}

const acc = (p: SkillResult) => p.correct / p.total;

/** The weakest results first (ties by skill id), `mustInclude` kept when it has data. */
export function pickPerformance(results: readonly SkillResult[], mustInclude?: SkillId): SkillResult[] {
  const usable = results
    .filter((r) => r.total > 0)
    .map((r) => (r.total > MAX_TOTAL ? { skill: r.skill, correct: Math.round((r.correct / r.total) * MAX_TOTAL), total: MAX_TOTAL } : r))
    .sort((a, b) => acc(a) - acc(b) || a.skill.localeCompare(b.skill));
  const picked = usable.slice(0, MAX_SKILLS);
  const must = usable.find((r) => r.skill === mustInclude);
  if (must && !picked.includes(must)) picked[picked.length - 1] = must;
  return picked;
}

/**
 * The days advice may move: from `fromDate` on, days that work on one skill (mixed and
 * full-test days stay as they are), at most 30. Null when there are none, or no results.
 */
export function adjustInput(plan: StudyPlan, fromDate: string, performance: readonly SkillResult[]): PlanAdjustInput | null {
  const days = allDays(plan)
    .filter((d) => d.date >= fromDate && d.focus && !d.tasks.some((t) => t.kind === 'full_test'))
    .slice(0, MAX_DAYS)
    .map((d) => ({ day: d.day, kind: d.tasks[0].kind === 'lesson' ? ('lesson' as const) : ('practice' as const), skill: d.focus! }));
  if (days.length === 0 || performance.length === 0) return null;
  return { plan: { days }, performance: [...performance] };
}

/**
 * The change the advice text proposes: the first day it names that was offered and the
 * weakest offered skill it names; more practice on a day that already works on that skill,
 * else the day turned over to it (the two moves the task's template makes). When the text
 * names no usable day or skill, the template's own rule picks them (`source: 'rule'`).
 */
export function changesFromAdvice(
  text: string,
  input: PlanAdjustInput,
  plan: StudyPlan,
  context: Pick<PlanChanges, 'trigger' | 'taskId' | 'testResultId'>,
): PlanChanges {
  const offered = new Map(input.plan.days.map((d) => [d.day, d]));
  const perf = [...input.performance].sort((a, b) => acc(a) - acc(b));
  const dayNamed = [...text.matchAll(/\b[Dd]ay\s+(\d+)/g)].map((m) => Number(m[1])).find((d) => offered.has(d));
  const named = new Set(skillsMentioned(text));
  const skillNamed = perf.find((p) => named.has(p.skill))?.skill;

  let day: number;
  let skill: SkillId;
  let source: PlanChanges['source'];
  if (dayNamed !== undefined && skillNamed) {
    [day, skill, source] = [dayNamed, skillNamed, 'ai_text'];
  } else {
    skill = perf[0].skill;
    const strength = (s: SkillId) => {
      const p = input.performance.find((x) => x.skill === s);
      return p ? acc(p) : 2;
    };
    const own = input.plan.days.find((d) => d.skill === skill);
    day = (own ?? [...input.plan.days].sort((a, b) => strength(b.skill) - strength(a.skill))[0]).day;
    source = 'rule';
  }
  const planDay = allDays(plan).find((d) => d.day === day)!;
  const op: PlanChangeOp = {
    op: planDay.tasks.some((t) => t.skill === skill) ? 'add_practice' : 'replace_day',
    day,
    date: planDay.date,
    skill,
    count: PRACTICE_COUNT,
  };
  return { ops: [op], source, performance: input.performance, ...context };
}

/**
 * The next version of `plan` with `ops` applied. Tasks in `keep` (already completed or
 * skipped) stay on their day even when the day is turned over; every other task keeps its id.
 */
export function applyChanges(plan: StudyPlan, suggestionId: string, ops: readonly PlanChangeOp[], keep: ReadonlySet<string> = new Set()): StudyPlan {
  const next: StudyPlan = structuredClone(plan);
  for (const op of ops) {
    const day = allDays(next).find((d) => d.day === op.day && d.date === op.date);
    if (!day) continue;
    const b = new DayBuilder(day.date, op.op === 'replace_day' ? day.tasks.filter((t) => keep.has(t.id)) : day.tasks);
    b.add(practiceTask(op.skill, op.count));
    day.tasks = b.tasks;
    day.focus = op.op === 'replace_day' ? op.skill : focusOf(day.tasks);
  }
  next.adjustments = [...next.adjustments, { suggestionId, ops: [...ops] }];
  return next;
}
