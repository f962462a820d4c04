/**
 * Per-skill ability after each answer: θ by sequential Bayesian updating (the previous
 * posterior, approximated as N(θ, SE²), times the new item's 3PL likelihood, summarised by
 * EAP on a grid) next to BKT mastery. Both are stored with history in the caller's
 * transaction, so an answer and its effect on proficiency commit together.
 */
import { and, eq } from 'drizzle-orm';
import { bktUpdate, DEFAULT_BKT } from '../assess/bkt.ts';
import { createPosterior, summarizePosterior, updatePosterior } from '../assess/estimate.ts';
import type { Item } from '../content/item.ts';
import type { SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { proficiency, proficiencyHistory } from '../db/schema/index.ts';

export interface SkillState {
  theta: number;
  se: number;
  mastery: number;
  n: number;
}

/** Where a student with no data starts: the population prior N(0, 1), BKT p(L0). */
export function initialState(skill: SkillId): SkillState {
  return { theta: 0, se: 1, mastery: DEFAULT_BKT[skill].pL0, n: 0 };
}

/** Pure: the state after one answer. */
export function nextState(s: SkillState, item: Item, correct: boolean): SkillState {
  // The floor on SE keeps a long history from freezing θ: skills drift as students learn.
  const prior = { mean: s.theta, sd: Math.max(s.se, 0.25) };
  const post = updatePosterior(createPosterior({ prior, points: 61 }), item.irt, correct);
  const est = summarizePosterior(post);
  return { theta: est.theta, se: est.se, mastery: bktUpdate(s.mastery, correct, DEFAULT_BKT[item.skill]), n: s.n + 1 };
}

export async function readState(tx: Tx | Db, userId: string, skill: SkillId, lock = false): Promise<SkillState> {
  const q = tx.select().from(proficiency).where(and(eq(proficiency.userId, userId), eq(proficiency.skill, skill)));
  const [row] = lock ? await q.for('update') : await q;
  return row ? { theta: row.theta, se: row.se, mastery: row.mastery, n: row.nResponses } : initialState(skill);
}

export async function writeState(tx: Tx, userId: string, skill: SkillId, s: SkillState, responseId: string | null): Promise<void> {
  const values = { userId, skill, theta: s.theta, se: s.se, mastery: s.mastery, nResponses: s.n, updatedAt: new Date() };
  await tx
    .insert(proficiency)
    .values(values)
    .onConflictDoUpdate({ target: [proficiency.userId, proficiency.skill], set: values });
  await tx.insert(proficiencyHistory).values({ userId, skill, theta: s.theta, se: s.se, mastery: s.mastery, responseId });
}

/** Predicted proficiency on the 1–7 scale the feedback task speaks: θ ∈ [−3, 3] mapped linearly and rounded. */
export function proficiencyLevel(theta: number): number {
  return Math.min(7, Math.max(1, Math.round(4 + theta)));
}
