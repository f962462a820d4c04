/** Reading plans: the full view with pending advice, and the short one a dashboard shows. */
import type { Db } from '../db/client.ts';
import { daysBetween } from '../lib/days.ts';
import { activePlan, pendingSuggestions, viewWithStatus } from './store.ts';

/** The active plan with every task's status, and the advice still waiting for a decision. */
export async function currentPlan(db: Db, userId: string) {
  const row = await activePlan(db, userId);
  if (!row) return { plan: null, suggestions: [] };
  return { plan: await viewWithStatus(db, row), suggestions: await pendingSuggestions(db, row.id) };
}

/** Today's tasks, the counts and the days left: the plan part of a progress dashboard. */
export async function planOverview(db: Db, userId: string, today: string) {
  const row = await activePlan(db, userId);
  if (!row) return null;
  const view = await viewWithStatus(db, row);
  const days = view.phases.flatMap((p) => p.days.map((d) => ({ ...d, phase: p.id })));
  const next = days.find((d) => d.date >= today) ?? null;
  return {
    planId: view.id,
    version: view.version,
    targetScore: view.targetScore,
    testDate: view.testDate,
    daysLeft: view.testDate ? Math.max(0, daysBetween(today, view.testDate)) : null,
    progress: view.progress,
    /** Today's day of the plan, or the next one when today has none. */
    next,
    pendingSuggestions: (await pendingSuggestions(db, row.id)).length,
  };
}
