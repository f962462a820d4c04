/**
 * The study plan as stored in `study_plans.plan`: phases → days → tasks. A task's id is
 * derived from its date, kind and target, so it is stable: the same task keeps its id in
 * every later version of the plan, and actions (and the points they earn) follow it.
 */
import type { SectionId, SkillId } from '../content/taxonomy.ts';

export const TASK_KINDS = ['lesson', 'practice', 'full_test'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const PHASE_IDS = ['foundations', 'skill_building', 'test_readiness'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

export interface PlanTask {
  /** `<date>/<kind>/<skill | section | sections>`, with `~n` for a second one of the same. */
  id: string;
  kind: TaskKind;
  /** Lessons and skill practice. */
  skill?: SkillId;
  /** Mixed practice over one section. */
  section?: SectionId;
  /** Full tests. */
  sections?: SectionId[];
  lessonId?: string;
  /** Practice: questions in the set (POST /practice/start `count`). */
  count?: number;
  minutes: number;
}

export interface PlanDay {
  /** 1 for the plan's first day. */
  day: number;
  date: string;
  /** The skill the day works on most; null on mixed and full-test days. */
  focus: SkillId | null;
  tasks: PlanTask[];
}

export interface PlanPhase {
  id: PhaseId;
  days: PlanDay[];
}

/** Why a skill sits where it does in the plan's order. */
export interface SkillPriority {
  skill: SkillId;
  theta: number;
  se: number;
  /** θ the target score asks of this skill's section. */
  targetTheta: number;
  /** targetTheta − θ + ½·SE: what is missing, plus a share for what is not yet known. */
  priority: number;
}

export interface StudyPlan {
  format: 1;
  startDate: string;
  testDate: string;
  targetScore: number;
  minutesPerDay: number;
  /** Every skill, highest priority (weakest against the target) first. */
  priorities: SkillPriority[];
  phases: PlanPhase[];
  /** Suggestions applied to reach this version, oldest first. */
  adjustments: { suggestionId: string; ops: PlanChangeOp[] }[];
}

/**
 * One structured change a `plan_adjust` suggestion proposes. `add_practice` appends a
 * practice set to a day; `replace_day` turns a day's tasks into practice on one skill.
 */
export interface PlanChangeOp {
  op: 'add_practice' | 'replace_day';
  day: number;
  date: string;
  skill: SkillId;
  count: number;
}

/** What `plan_suggestions.changes` holds. */
export interface PlanChanges {
  ops: PlanChangeOp[];
  /** `ai_text`: read from the advice itself; `rule`: the advice named no usable day, so the rule the template follows chose. */
  source: 'ai_text' | 'rule';
  trigger: 'test' | 'skip';
  /** Per-skill results the advice was based on. */
  performance: { skill: SkillId; correct: number; total: number }[];
  taskId?: string;
  testResultId?: string;
}

export function allTasks(plan: StudyPlan): { task: PlanTask; day: PlanDay; phase: PhaseId; index: number }[] {
  const out: { task: PlanTask; day: PlanDay; phase: PhaseId; index: number }[] = [];
  for (const phase of plan.phases) for (const day of phase.days) for (const task of day.tasks) out.push({ task, day, phase: phase.id, index: out.length });
  return out;
}

export function allDays(plan: StudyPlan): PlanDay[] {
  return plan.phases.flatMap((p) => p.days);
}
