/**
 * A lesson task is done by reading the lesson. The lesson page ends with "I've read this", which
 * logs a `lesson.read` event (POST /lessons/:id/read, students only; the lessons themselves stay
 * public). That event is what a lesson task's points are paid for, in one of two ways:
 *
 * - read from the task (`planTaskId`, the plan's Start link carries it): the task is ticked off and
 *   paid in the same transaction, as a practice set started from its task is at its finish
 *   (practice-task.ts `completeFromLesson`);
 * - read any other way: a later Done on the task pays (actions.ts looks for the event).
 *
 * A read counts whenever it happened — before the plan was made, or under an earlier version of it:
 * it is a fact about the student and the lesson, and tying it to a plan version would forfeit it
 * when accepted advice or a new goal makes a new version between the reading and the Done. The
 * ledger pays each task once, so reading again logs another event (every marking is kept, as
 * every interaction is) and pays nothing more.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { Db } from '../db/client.ts';
import { lessons } from '../db/schema/index.ts';
import { forbidden, notFound } from '../lib/errors.ts';
import { afterActivity } from '../progress/gamify.ts';
import { completeFromLesson, lessonTaskFor, type PracticeTaskOutcome } from './practice-task.ts';

export interface LessonReadReply {
  lessonId: string;
  /** The plan task this reading ticked off (null when none was named). */
  planTask: PracticeTaskOutcome | null;
  /** Badges first earned by ticking the task off. */
  badgesAwarded: { id: string; title: string }[];
}

/**
 * Record that a student read a lesson, and tick off the plan task it was read from. Everything is
 * checked before anything is written: an unknown lesson is a 404, a task that is not this lesson's
 * on the active plan a 400.
 */
export async function readLesson(db: Db, actor: Actor, lessonId: string, planTaskId?: string): Promise<LessonReadReply> {
  // Only students have plans and earn points; the route's role check says so too.
  if (actor.role !== 'student') throw forbidden('only students mark lessons read');
  const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.id, lessonId));
  if (!lesson) throw notFound('no such lesson');
  const link = planTaskId === undefined ? null : await lessonTaskFor(db, actor, planTaskId, lesson.id);
  return db.transaction(async (tx) => {
    await logEvent(tx, 'lesson.read', actor.userId, { lessonId: lesson.id });
    if (!link) return { lessonId: lesson.id, planTask: null, badgesAwarded: [] };
    const planTask = await completeFromLesson(tx, actor.userId, link, lesson.id);
    const awards = await afterActivity(tx, actor.userId);
    return { lessonId: lesson.id, planTask, badgesAwarded: awards.badges };
  });
}
