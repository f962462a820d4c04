/** Generating a plan for a student: read proficiency and lessons, build, store as the next version (a new goal keeps what is behind). */
import { eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { isSkillId, type SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { lessons, proficiency } from '../db/schema/index.ts';
import { daysBetween } from '../lib/days.ts';
import { badRequest, forbidden } from '../lib/errors.ts';
import { buildPlan, type PlanInput } from './build.ts';
import { activePlan, planOf, savePlanVersion, taskStatuses, viewWithStatus } from './store.ts';
import { allDays, allTasks, type StudyPlan } from './types.ts';

export interface GenerateRequest {
  targetScore: number;
  testDate: string;
  /** Defaults to `today`; a day either side of it is allowed, for the student's own time zone. */
  startDate?: string;
  minutesPerDay?: number;
}

/** What the builder needs from the database. */
export async function planInputs(db: Db | Tx, userId: string): Promise<Pick<PlanInput, 'proficiency' | 'lessons'>> {
  const prof = await db.select().from(proficiency).where(eq(proficiency.userId, userId));
  const ls = await db.select({ id: lessons.id, skill: lessons.skill, minutes: lessons.minutes }).from(lessons);
  return {
    proficiency: prof.filter((p) => isSkillId(p.skill)).map((p) => ({ skill: p.skill as SkillId, theta: p.theta, se: p.se })),
    lessons: ls.filter((l) => isSkillId(l.skill)).map((l) => ({ id: l.id, skill: l.skill as SkillId, minutes: l.minutes })),
  };
}

export async function generatePlan(db: Db, actor: Actor, req: GenerateRequest, today: string) {
  if (actor.role !== 'student') throw forbidden('only students have study plans');
  const startDate = req.startDate ?? today;
  if (Math.abs(daysBetween(today, startDate)) > 1) throw badRequest(`startDate must be within a day of today (${today}, UTC)`, { today });
  return db.transaction(async (tx) => {
    let plan = buildPlan({ ...req, startDate, ...(await planInputs(tx, actor.userId)) });
    const current = await activePlan(tx, actor.userId, true);
    if (current) {
      const prev = planOf(current);
      const acted = await taskStatuses(tx, actor.userId, allTasks(prev).map((t) => t.task.id));
      plan = withHistory(plan, prev, new Set(acted.keys()));
    }
    const row = await savePlanVersion(tx, actor.userId, plan);
    return viewWithStatus(tx, row);
  });
}

/**
 * A new goal (target, test date, minutes) rebuilds the plan from its start day on, but what
 * is behind the student stays: the days before it, as they were, and the tasks of that day
 * already done or skipped. Task ids are stable, so their statuses (and the progress counts)
 * carry over, and the data flywheel's plan_actions keep pointing at tasks the plan still has.
 * The kept days go into the new plan's first phase — phases describe the way ahead — and the
 * days are numbered again from the first kept one. Pure.
 */
export function withHistory(next: StudyPlan, prev: StudyPlan, acted: ReadonlySet<string>): StudyPlan {
  const out: StudyPlan = structuredClone(next);
  const past = allDays(prev).filter((d) => d.date < next.startDate);
  const first = allDays(out)[0];
  const keptToday = allDays(prev)
    .filter((d) => d.date === first?.date)
    .flatMap((d) => d.tasks.filter((t) => acted.has(t.id) && !first.tasks.some((x) => x.id === t.id)));
  if (first && keptToday.length) first.tasks = [...structuredClone(keptToday), ...first.tasks];
  if (past.length && out.phases.length) {
    out.phases[0].days = [...structuredClone(past), ...out.phases[0].days];
    out.startDate = past[0].date;
  }
  allDays(out).forEach((d, i) => (d.day = i + 1));
  return out;
}
