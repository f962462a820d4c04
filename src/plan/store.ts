/**
 * Plans in the database: versions (one active per student, the rest superseded), task
 * status from plan_actions, and the view the API returns.
 */
import { and, desc, eq, inArray, max } from 'drizzle-orm';
import { logEvent } from '../collect/events.ts';
import type { Db, Tx } from '../db/client.ts';
import { planActions, planSuggestions, studyPlans, users, aiOutputs } from '../db/schema/index.ts';
import { allDays, allTasks, type StudyPlan } from './types.ts';

export type PlanRow = typeof studyPlans.$inferSelect;
export type TaskStatus = 'pending' | 'completed' | 'skipped';

export const planOf = (row: PlanRow) => row.plan as unknown as StudyPlan;

export async function activePlan(db: Db | Tx, userId: string, lock = false): Promise<PlanRow | undefined> {
  const q = db
    .select()
    .from(studyPlans)
    .where(and(eq(studyPlans.userId, userId), eq(studyPlans.status, 'active')))
    .orderBy(desc(studyPlans.version))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * Store `plan` as the student's next version and supersede the active one. The user row is
 * locked first, so two concurrent writers take turns instead of racing for one version number.
 */
export async function savePlanVersion(tx: Tx, userId: string, plan: StudyPlan, aiOutputId: string | null = null): Promise<PlanRow> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const [{ top }] = await tx.select({ top: max(studyPlans.version) }).from(studyPlans).where(eq(studyPlans.userId, userId));
  await tx
    .update(studyPlans)
    .set({ status: 'superseded' })
    .where(and(eq(studyPlans.userId, userId), eq(studyPlans.status, 'active')));
  const [row] = await tx
    .insert(studyPlans)
    .values({
      userId,
      version: (top ?? 0) + 1,
      status: 'active',
      targetScore: plan.targetScore,
      testDate: plan.testDate,
      plan: plan as unknown as Record<string, unknown>,
      aiOutputId,
    })
    .returning();
  await logEvent(tx, 'plan.generated', userId, { planId: row.id, version: row.version, days: allDays(plan).length });
  return row;
}

/** A task's status and, when it stands skipped, the reason the student gave (null when none): its tutors and parents read why. */
export interface TaskState {
  status: TaskStatus;
  skipReason: string | null;
}

/**
 * Each task id's state for a student, across all plan versions (ids are stable, so an
 * action on version 1 still counts in version 2). Completed wins over skipped: a skipped
 * task done later is done, and its skip reason no longer stands.
 */
export async function taskStates(db: Db | Tx, userId: string, taskIds?: readonly string[]): Promise<Map<string, TaskState>> {
  if (taskIds && taskIds.length === 0) return new Map();
  const rows = await db
    .select({ taskId: planActions.taskId, action: planActions.action, reason: planActions.reason })
    .from(planActions)
    .where(and(eq(planActions.userId, userId), taskIds ? inArray(planActions.taskId, [...taskIds]) : undefined))
    .orderBy(planActions.createdAt);
  const out = new Map<string, TaskState>();
  for (const r of rows) {
    if (out.get(r.taskId)?.status !== 'completed') out.set(r.taskId, { status: r.action, skipReason: r.action === 'skipped' ? r.reason : null });
  }
  return out;
}

/** Each task id's status alone (see `taskStates`). */
export async function taskStatuses(db: Db | Tx, userId: string, taskIds?: readonly string[]): Promise<Map<string, TaskStatus>> {
  return new Map([...(await taskStates(db, userId, taskIds))].map(([id, s]) => [id, s.status]));
}

export async function pendingSuggestions(db: Db | Tx, planId: string) {
  const rows = await db
    .select({ s: planSuggestions, reason: aiOutputs.output })
    .from(planSuggestions)
    .leftJoin(aiOutputs, eq(aiOutputs.id, planSuggestions.aiOutputId))
    .where(and(eq(planSuggestions.planId, planId), eq(planSuggestions.status, 'pending')))
    .orderBy(desc(planSuggestions.createdAt));
  return rows.map((r) => suggestionView(r.s, r.reason));
}

/** A suggestion with its advice text, read from ai_outputs. */
export async function describeSuggestion(db: Db | Tx, s: typeof planSuggestions.$inferSelect) {
  const [o] = s.aiOutputId ? await db.select({ output: aiOutputs.output }).from(aiOutputs).where(eq(aiOutputs.id, s.aiOutputId)) : [];
  return suggestionView(s, o?.output ?? null);
}

export function suggestionView(s: typeof planSuggestions.$inferSelect, reason: string | null) {
  return {
    id: s.id,
    planId: s.planId,
    trigger: s.trigger,
    status: s.status,
    /** The advice as the student reads it (the ai_outputs text). */
    reason,
    changes: s.changes,
    aiOutputId: s.aiOutputId,
    appliedPlanId: s.appliedPlanId,
    createdAt: s.createdAt,
    resolvedAt: s.resolvedAt,
  };
}

/**
 * A plan as the API shows it: each task with its status (and a skipped one's reason) and its
 * position in the flat phases → days → tasks order (`index`, which legacy clients send as `task_index`).
 */
export function planView(row: PlanRow, states: ReadonlyMap<string, TaskState>) {
  const plan = planOf(row);
  let index = 0;
  const counts = { total: 0, completed: 0, skipped: 0, pending: 0 };
  const phases = plan.phases.map((p) => ({
    id: p.id,
    days: p.days.map((d) => ({
      ...d,
      tasks: d.tasks.map((t) => {
        const state = states.get(t.id);
        const status = state?.status ?? 'pending';
        counts.total++;
        counts[status]++;
        return { ...t, index: index++, status, skipReason: state?.skipReason ?? null };
      }),
    })),
  }));
  return {
    id: row.id,
    /** The origin documents' name for it. */
    plan_id: row.id,
    userId: row.userId,
    version: row.version,
    status: row.status,
    targetScore: row.targetScore,
    testDate: row.testDate,
    startDate: plan.startDate,
    minutesPerDay: plan.minutesPerDay,
    aiOutputId: row.aiOutputId,
    createdAt: row.createdAt,
    priorities: plan.priorities,
    adjustments: plan.adjustments,
    phases,
    progress: counts,
  };
}

export async function viewWithStatus(db: Db | Tx, row: PlanRow) {
  return planView(row, await taskStates(db, row.userId, allTasks(planOf(row)).map((t) => t.task.id)));
}
