/** Generating a plan for a student: read proficiency and lessons, build, store as the next version. */
import { eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { isSkillId, type SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { lessons, proficiency } from '../db/schema/index.ts';
import { daysBetween } from '../lib/days.ts';
import { badRequest, forbidden } from '../lib/errors.ts';
import { buildPlan, type PlanInput } from './build.ts';
import { savePlanVersion, viewWithStatus } from './store.ts';

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
    const plan = buildPlan({ ...req, startDate, ...(await planInputs(tx, actor.userId)) });
    const row = await savePlanVersion(tx, actor.userId, plan);
    return viewWithStatus(tx, row);
  });
}
