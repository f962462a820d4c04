/**
 * A student marks a plan task completed or skipped (the origin documents' STUDY_PLAN_ACTIONS):
 * one plan_actions row with a performance snapshot, the plan.action event, and — in the
 * same transaction — points and badges for a completion, or a `plan_adjust` suggestion
 * after a skip. With an idempotency key a retried or replayed action happens once.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import type { AiService } from '../ai/service.ts';
import { hasEvent, logEvent } from '../collect/events.ts';
import { once } from '../collect/idempotency.ts';
import { skillsOf, type SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { planActions, proficiency, questions, responses, studyPlans } from '../db/schema/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../lib/errors.ts';
import { afterActivity } from '../progress/gamify.ts';
import { awardPoints } from '../progress/points.ts';
import { POINTS } from '../progress/rules.ts';
import { suggestPlanAdjustment } from './adjust.ts';
import { describeSuggestion, planOf, taskStatuses } from './store.ts';
import { allTasks, type PlanTask } from './types.ts';

export interface PlanActionInput {
  action: 'completed' | 'skipped';
  /** The task's stable id, or its position in the flat task order (the legacy `task_index`). */
  taskId?: string;
  taskIndex?: number;
  reason?: string;
  idempotencyKey?: string;
}

/** Answers the snapshot's recent accuracy looks at. */
const RECENT = 50;

function skillsOfTask(task: PlanTask): SkillId[] {
  if (task.skill) return [task.skill];
  return (task.section ? [task.section] : (task.sections ?? [])).flatMap((s) => skillsOf(s).map((x) => x.id));
}

/** Where the student stands on the task's skills as they act on it. */
export async function performanceSnapshot(tx: Tx, userId: string, task: PlanTask) {
  const skills = skillsOfTask(task);
  const prof = await tx
    .select()
    .from(proficiency)
    .where(and(eq(proficiency.userId, userId), inArray(proficiency.skill, skills)));
  const recent = await tx
    .select({ correct: responses.correct })
    .from(responses)
    .innerJoin(questions, eq(questions.id, responses.questionId))
    .where(and(eq(responses.userId, userId), inArray(questions.skill, skills)))
    .orderBy(desc(responses.createdAt))
    .limit(RECENT);
  return {
    skills: prof.map((p) => ({ skill: p.skill, theta: p.theta, se: p.se, mastery: p.mastery, responses: p.nResponses })),
    recent: { correct: recent.filter((r) => r.correct).length, total: recent.length },
  };
}

/** The route's entry: exactly once per idempotency key (a retry gets the first reply, `replayed: true`). */
export async function recordPlanAction(db: Db, ai: AiService, actor: Actor, planId: string, input: PlanActionInput) {
  const result = await once(db, actor.userId, input.idempotencyKey, `plan_action:${planId}`, async (tx) => ({
    status: 200,
    body: await applyPlanAction(tx, ai, actor, planId, input),
  }));
  return { ...result.body, replayed: result.replayed };
}

/**
 * The action itself inside the caller's transaction, for callers that already hold their
 * own exactly-once claim (the offline replay). `input.idempotencyKey` is not read here.
 */
export async function applyPlanAction(tx: Tx, ai: AiService, actor: Actor, planId: string, input: PlanActionInput) {
  if ((input.taskId === undefined) === (input.taskIndex === undefined)) throw badRequest('give exactly one of task_id and task_index');
  const [row] = await tx.select().from(studyPlans).where(eq(studyPlans.id, planId)).for('update');
  if (!row) throw notFound('no such plan');
  if (row.userId !== actor.userId) throw forbidden('not your plan');
  if (row.status !== 'active') throw conflict('this plan version has been replaced', { planId: row.id });
  const tasks = allTasks(planOf(row));
  const found = input.taskId !== undefined ? tasks.find((t) => t.task.id === input.taskId) : tasks[input.taskIndex!];
  if (!found) throw notFound('no such task in this plan');
  const { task, index } = found;

  const prior = (await taskStatuses(tx, actor.userId, [task.id])).get(task.id);
  if (prior === 'completed') throw conflict('this task is already completed', { taskId: task.id });
  if (prior === 'skipped' && input.action === 'skipped') throw conflict('this task is already skipped', { taskId: task.id });

  const snapshot = await performanceSnapshot(tx, actor.userId, task);
  const [action] = await tx
    .insert(planActions)
    .values({ planId, userId: actor.userId, taskId: task.id, action: input.action, reason: input.reason ?? null, performanceSnapshot: snapshot })
    .returning();
  await logEvent(tx, 'plan.action', actor.userId, { planId, taskId: task.id, action: input.action });

  let points = 0;
  let badges: { id: string; title: string }[] = [];
  let suggestion = null;
  if (input.action === 'completed') {
    // A task's points come from doing it (practice-task.ts): a set or test started from the task
    // pays them when finished, and a lesson task's Done pays once the lesson has been marked read,
    // at any time (lesson-read.ts); a bare Done records the student's word and pays nothing.
    const read = task.kind === 'lesson' && task.lessonId !== undefined && (await hasEvent(tx, 'lesson.read', actor.userId, { lessonId: task.lessonId }));
    const amount = read ? POINTS.planTask.lesson : 0;
    if (await awardPoints(tx, actor.userId, 'plan_task', task.id, amount)) points += amount;
    const awards = await afterActivity(tx, actor.userId);
    points += awards.points;
    badges = awards.badges;
  } else {
    const s = await suggestPlanAdjustment(tx, ai, { userId: actor.userId, trigger: 'skip', taskId: task.id });
    if (s) suggestion = await describeSuggestion(tx, s);
  }
  return {
    id: action.id,
    planId,
    taskId: task.id,
    taskIndex: index,
    action: input.action,
    performanceSnapshot: snapshot,
    pointsAwarded: points,
    badgesAwarded: badges,
    suggestion,
    // The origin documents' reply: { user_id, task, action }.
    user_id: actor.userId,
    task,
  };
}
