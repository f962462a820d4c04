/**
 * `plan_adjust` suggestions: after a skipped task or a full test, advice from the AI door
 * (logged in ai_outputs) is stored with the structured change it stands for. Nothing
 * changes until the student accepts; then the change becomes a new plan version that
 * points at the advice (study_plans.ai_output_id) — acceptance is the advice's label.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import type { AiService } from '../ai/service.ts';
import { logEvent } from '../collect/events.ts';
import { isSkillId, type SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { planSuggestions, questions, responses, testResults } from '../db/schema/index.ts';
import { dayIn } from '../lib/days.ts';
import { conflict, forbidden, notFound } from '../lib/errors.ts';
import { adjustInput, applyChanges, changesFromAdvice, pickPerformance, type SkillResult } from './advice.ts';
import { activePlan, describeSuggestion, planOf, savePlanVersion, taskStatuses, viewWithStatus } from './store.ts';
import { allTasks, type PlanChangeOp, type PlanChanges } from './types.ts';

/** Whether two suggestions propose the same change: the same ops, in any order. */
export function sameOps(a: readonly PlanChangeOp[], b: readonly PlanChangeOp[]): boolean {
  const key = (ops: readonly PlanChangeOp[]) => ops.map((o) => `${o.op}|${o.date}|${o.day}|${o.skill}|${o.count}`).sort().join(',');
  return key(a) === key(b);
}

/** How many recent answers a skip's advice looks at. */
const RECENT_ANSWERS = 300;

export type SuggestionRow = typeof planSuggestions.$inferSelect;

export interface SuggestRequest {
  userId: string;
  trigger: 'test' | 'skip';
  /** With `test`: the result whose per-skill answers the advice reads. */
  testResultId?: string;
  /** With `skip`: the skipped task. */
  taskId?: string;
  /** First day the advice may change; today (UTC) by default. */
  fromDate?: string;
}

async function skillResults(db: Db | Tx, userId: string, sessionId?: string): Promise<SkillResult[]> {
  const rows = await db
    .select({ skill: questions.skill, correct: responses.correct })
    .from(responses)
    .innerJoin(questions, eq(questions.id, responses.questionId))
    .where(and(eq(responses.userId, userId), eq(responses.isPretest, false), sessionId ? eq(responses.sessionId, sessionId) : undefined))
    .orderBy(desc(responses.createdAt))
    .limit(sessionId ? 1000 : RECENT_ANSWERS);
  const by = new Map<SkillId, SkillResult>();
  for (const r of rows) {
    if (!isSkillId(r.skill)) continue;
    const s = by.get(r.skill) ?? { skill: r.skill, correct: 0, total: 0 };
    s.total++;
    if (r.correct) s.correct++;
    by.set(r.skill, s);
  }
  return [...by.values()];
}

/**
 * Ask for advice on the student's active plan and record it as a pending suggestion
 * (event plan.suggested). Returns null when there is nothing to advise on: no active plan,
 * no answered questions to base advice on, or no skill day left in the plan. Runs in a
 * transaction of its own, or as a savepoint inside the caller's.
 */
export async function suggestPlanAdjustment(db: Db | Tx, ai: AiService, req: SuggestRequest): Promise<SuggestionRow | null> {
  return db.transaction(async (tx) => {
    const row = await activePlan(tx, req.userId);
    if (!row) return null;
    const plan = planOf(row);
    let sessionId: string | undefined;
    if (req.trigger === 'test') {
      if (!req.testResultId) throw notFound('no such test result');
      const [result] = await tx.select().from(testResults).where(eq(testResults.id, req.testResultId));
      if (!result || result.userId !== req.userId) throw notFound('no such test result');
      sessionId = result.sessionId;
    }
    const skipped = req.taskId ? allTasks(plan).find((t) => t.task.id === req.taskId)?.task.skill : undefined;
    const input = adjustInput(plan, req.fromDate ?? dayIn(new Date()), pickPerformance(await skillResults(tx, req.userId, sessionId), skipped));
    if (!input) return null;

    const advice = await ai.run('plan_adjust', input, { db: tx, meta: { userId: req.userId, ...(sessionId ? { sessionId } : {}) } });
    const changes = changesFromAdvice(advice.text, input, plan, {
      trigger: req.trigger,
      ...(req.taskId ? { taskId: req.taskId } : {}),
      ...(req.testResultId ? { testResultId: req.testResultId } : {}),
    });
    // The same change already waiting for a decision is not offered twice (a skip and a test
    // can both lead to it): the pending one stands, and this advice stays logged in ai_outputs
    // without a card of its own. Locking the plan row makes two concurrent requests take turns.
    await activePlan(tx, req.userId, true);
    const pending = await tx
      .select()
      .from(planSuggestions)
      .where(and(eq(planSuggestions.planId, row.id), eq(planSuggestions.status, 'pending')))
      .orderBy(asc(planSuggestions.createdAt));
    const same = pending.find((p) => sameOps((p.changes as unknown as PlanChanges).ops ?? [], changes.ops));
    if (same) return same;
    const [suggestion] = await tx
      .insert(planSuggestions)
      .values({ planId: row.id, userId: req.userId, trigger: req.trigger, changes: changes as unknown as Record<string, unknown>, aiOutputId: advice.aiOutputId })
      .returning();
    await logEvent(tx, 'plan.suggested', req.userId, { planId: row.id, suggestionId: suggestion.id, trigger: req.trigger, aiOutputId: advice.aiOutputId });
    return suggestion;
  });
}

async function ownSuggestion(tx: Tx, actor: Actor, id: string): Promise<SuggestionRow> {
  const [row] = await tx.select().from(planSuggestions).where(eq(planSuggestions.id, id)).for('update');
  if (!row) throw notFound('no such suggestion');
  if (row.userId !== actor.userId) throw forbidden('not your suggestion');
  return row;
}

/**
 * Accept (apply as a new version) or dismiss a pending suggestion. Deciding the same way
 * again returns the first decision; deciding the other way, or accepting advice about a
 * plan that has since been replaced, is a conflict.
 */
export async function decideSuggestion(db: Db, actor: Actor, id: string, decision: 'accept' | 'dismiss') {
  const status = decision === 'accept' ? 'accepted' : 'dismissed';
  return db.transaction(async (tx) => {
    let s = await ownSuggestion(tx, actor, id);
    if (s.status !== 'pending' && s.status !== status) throw conflict(`this suggestion was already ${s.status}`);
    let plan = null;
    if (s.status === 'pending') {
      let appliedPlanId: string | null = null;
      if (decision === 'accept') {
        const current = await activePlan(tx, actor.userId, true);
        if (!current || current.id !== s.planId) throw conflict('the plan has changed since this advice; generate or read the current plan', { activePlanId: current?.id ?? null });
        const changes = s.changes as unknown as PlanChanges;
        const base = planOf(current);
        const done = await taskStatuses(tx, actor.userId, allTasks(base).map((t) => t.task.id));
        const saved = await savePlanVersion(tx, actor.userId, applyChanges(base, s.id, changes.ops, new Set(done.keys())), s.aiOutputId);
        appliedPlanId = saved.id;
      }
      [s] = await tx
        .update(planSuggestions)
        .set({ status, appliedPlanId, resolvedAt: new Date() })
        .where(eq(planSuggestions.id, id))
        .returning();
      await logEvent(tx, 'plan.suggestion_decided', actor.userId, { suggestionId: id, status, newPlanId: appliedPlanId });
    }
    if (s.appliedPlanId) {
      const current = await activePlan(tx, actor.userId);
      if (current) plan = await viewWithStatus(tx, current);
    }
    return { suggestion: await describeSuggestion(tx, s), plan };
  });
}
