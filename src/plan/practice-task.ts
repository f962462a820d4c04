/**
 * A practice set, a full-length test or a lesson reached from a plan task ticks the task off
 * itself. A session carries the task (`planTask` in its state, checked against the active plan
 * when it starts), and the finish — in its own transaction — records the completion as any other
 * plan action is recorded (a `plan_actions` row with a performance snapshot, the `plan.action`
 * event), so the data flywheel sees "did the practice after the advice" whichever way it was ticked.
 * A lesson has no session: marking it read with the task (lesson-read.ts) is its finish.
 *
 * Points. A task's `plan_task` points are paid for doing it, not for a bare click on Done: a
 * practice or full-test task's here, at the finish of the set or test started from it; a lesson
 * task's here when the lesson is marked read from the task, or on Done once the student has
 * marked it read (actions.ts). A click without the work records the student's word (they may
 * have done the set on paper, or a test elsewhere) but pays nothing, or "Done" would pay more
 * than doing it. A task ticked by hand and then done still earns its points now (the ledger pays
 * each task once).
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import { SECTIONS, type SectionId, type SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { planActions, responses } from '../db/schema/index.ts';
import { badRequest, forbidden } from '../lib/errors.ts';
import { awardPoints } from '../progress/points.ts';
import { POINTS } from '../progress/rules.ts';
import { performanceSnapshot } from './actions.ts';
import { PRACTICE_COUNT } from './build.ts';
import { activePlan, planOf, taskStatuses } from './store.ts';
import { allTasks, type PlanTask, type TaskKind } from './types.ts';

/** The student's active plan and its task `taskId` (each undefined when there is none); `lock` takes the plan row's lock. */
async function activeTask(db: Db | Tx, userId: string, taskId: string, lock = false) {
  const row = await activePlan(db, userId, lock);
  const task = row ? allTasks(planOf(row)).find((t) => t.task.id === taskId)?.task : undefined;
  return { row, task };
}

/** What a full-length test started from a plan task keeps in its state. */
export interface LinkedPlanTask {
  taskId: string;
}

/** What a practice session started from a plan task keeps in its state. */
export interface SessionPlanTask extends LinkedPlanTask {
  /** The set the task asked for: its question count. */
  count: number;
}

/** The practice a task asks for, as POST /practice/start would be sent it. */
const countOf = (task: PlanTask) => task.count ?? PRACTICE_COUNT;

/**
 * The plan task a practice start names, checked: a practice task of the student's active
 * plan, asking for this content and this many questions. A start for something else is
 * refused rather than linked, so a set never ticks off a task it was not.
 */
export async function practiceTaskFor(
  db: Db | Tx,
  actor: Actor,
  taskId: string,
  request: { skill?: SkillId; section?: SectionId; domain?: string; count: number },
): Promise<SessionPlanTask> {
  if (actor.role !== 'student') throw forbidden('only students have study plans');
  const { task } = await activeTask(db, actor.userId, taskId);
  if (!task || task.kind !== 'practice') throw badRequest('planTaskId names no practice task of your current plan', { planTaskId: taskId });
  const sameContent = task.skill ? request.skill === task.skill : !request.skill && !request.domain && request.section === task.section;
  if (!sameContent || request.count !== countOf(task)) {
    throw badRequest('this set is not the one the plan task asks for', { planTaskId: taskId, skill: task.skill ?? null, section: task.section ?? null, count: countOf(task) });
  }
  return { taskId, count: countOf(task) };
}

/** A task's sections, as a test covers them: a full-test task with none named is both. */
const sectionsOf = (task: PlanTask): SectionId[] => [...(task.sections?.length ? task.sections : SECTIONS)].sort();

/**
 * The plan task a full-test start names, checked: a full-test task of the student's active
 * plan whose sections are the ones this test sits.
 */
export async function fullTestTaskFor(db: Db | Tx, actor: Actor, taskId: string, sections: readonly SectionId[]): Promise<LinkedPlanTask> {
  if (actor.role !== 'student') throw forbidden('only students have study plans');
  const { task } = await activeTask(db, actor.userId, taskId);
  if (!task || task.kind !== 'full_test') throw badRequest('planTaskId names no full-length test task of your current plan', { planTaskId: taskId });
  if (sectionsOf(task).join() !== [...sections].sort().join()) {
    throw badRequest('this test is not the one the plan task asks for', { planTaskId: taskId, sections: sectionsOf(task) });
  }
  return { taskId };
}

/** The plan task a lesson marked read names, checked: a lesson task of the student's active plan for this lesson. */
export async function lessonTaskFor(db: Db | Tx, actor: Actor, taskId: string, lessonId: string): Promise<LinkedPlanTask> {
  if (actor.role !== 'student') throw forbidden('only students have study plans');
  const { task } = await activeTask(db, actor.userId, taskId);
  if (!task || task.kind !== 'lesson') throw badRequest('planTaskId names no lesson task of your current plan', { planTaskId: taskId });
  if (task.lessonId !== lessonId) throw badRequest('this is not the lesson the plan task asks for', { planTaskId: taskId, lessonId: task.lessonId ?? null });
  return { taskId };
}

/**
 * Whether a finished session did the set its task asked for: every question of it answered,
 * or (adaptive sets) every question the bank had for it, when it ran out before the count.
 */
export function didTheSet(state: { answered: number; length: number; current: unknown; pack?: unknown }, answered: number, count: number): boolean {
  if (answered >= count) return true;
  if (state.pack !== undefined) return answered >= state.length;
  // An adaptive set holds its next question as `current`; none after an answer means the bank had no more.
  return state.current === null && answered > 0;
}

export interface PracticeTaskOutcome {
  taskId: string;
  /** The task's status once this finish is done. */
  status: 'completed' | 'pending' | 'skipped' | 'gone';
  /** `plan_task` points this call paid. */
  points: number;
}

/**
 * At a session's finish (inside its transaction): when the set was done, complete its task
 * on the active plan — once, whoever gets there first (a Done click, a retried finish) — and
 * pay the task's points. A task no longer in the active plan (the goal changed, advice turned
 * the day over) is left alone: `gone`.
 */
export async function completeFromPractice(
  tx: Tx,
  userId: string,
  sessionId: string,
  link: SessionPlanTask,
  state: Parameters<typeof didTheSet>[0],
  answered: number,
): Promise<PracticeTaskOutcome> {
  const done = didTheSet(state, answered, link.count);
  return completeLinked(tx, userId, link.taskId, 'practice', done, async () => ({ practice: await sessionResult(tx, userId, sessionId) }));
}

/** At a full test's finish (inside its transaction): as completeFromPractice, done when every module was sat. */
export async function completeFromFullTest(tx: Tx, userId: string, sessionId: string, link: LinkedPlanTask, sat: boolean): Promise<PracticeTaskOutcome> {
  return completeLinked(tx, userId, link.taskId, 'full_test', sat, async () => ({ fullTest: await sessionResult(tx, userId, sessionId) }));
}

/** When a lesson is marked read from its task (inside that transaction): as completeFromPractice, done by the reading. */
export async function completeFromLesson(tx: Tx, userId: string, link: LinkedPlanTask, lessonId: string): Promise<PracticeTaskOutcome> {
  return completeLinked(tx, userId, link.taskId, 'lesson', true, async () => ({ lesson: { lessonId, read: true } }));
}

/** `how`: what did the task, added to the snapshot a Done click takes (actions.ts). */
async function completeLinked(
  tx: Tx,
  userId: string,
  taskId: string,
  kind: TaskKind,
  done: boolean,
  how: () => Promise<Record<string, unknown>>,
): Promise<PracticeTaskOutcome> {
  // Locked as a Done click locks it (actions.ts), so the two take turns and one row is written.
  const { row, task } = await activeTask(tx, userId, taskId, true);
  if (!row || !task) return { taskId, status: 'gone', points: 0 };
  const prior = (await taskStatuses(tx, userId, [task.id])).get(task.id) ?? 'pending';
  if (!done) return { taskId: task.id, status: prior, points: 0 };
  if (prior !== 'completed') {
    await tx.insert(planActions).values({
      planId: row.id,
      userId,
      taskId: task.id,
      action: 'completed',
      reason: null,
      performanceSnapshot: { ...(await performanceSnapshot(tx, userId, task)), ...(await how()) },
    });
    await logEvent(tx, 'plan.action', userId, { planId: row.id, taskId: task.id, action: 'completed' });
  }
  const amount = POINTS.planTask[kind];
  const paid = await awardPoints(tx, userId, 'plan_task', task.id, amount);
  return { taskId: task.id, status: 'completed', points: paid ? amount : 0 };
}

/** How the practice set or test that did a task went. */
async function sessionResult(tx: Tx, userId: string, sessionId: string) {
  const rows = await tx
    .select({ correct: responses.correct })
    .from(responses)
    .where(and(eq(responses.userId, userId), eq(responses.sessionId, sessionId)));
  return { sessionId, correct: rows.filter((r) => r.correct).length, total: rows.length };
}
