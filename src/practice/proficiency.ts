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
import { skillsOf, type SectionId, type SkillId } from '../content/taxonomy.ts';
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
export function nextState(s: SkillState, item: Pick<Item, 'skill' | 'irt'>, correct: boolean): SkillState {
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

/**
 * A section-wide measurement (a diagnostic, a full test) stands in for the skills of the
 * section that have nothing behind them yet: they start from the section's θ with a wide SE
 * (at least 0.8), so practice adapts from a sensible place without claiming precision the
 * few answers per skill do not give. Skills already measured keep their own state.
 */
export async function seedUnmeasured(tx: Tx, userId: string, section: SectionId, est: { theta: number; se: number }): Promise<void> {
  for (const s of skillsOf(section)) {
    const current = await readState(tx, userId, s.id, true);
    if (current.n === 0) await writeState(tx, userId, s.id, { ...current, theta: est.theta, se: Math.max(est.se, 0.8) }, null);
  }
}

/**
 * Fold answers given outside a practice session (a full test's final answers) into each
 * skill's state, in the order given, as practice would have one by one; one stored state
 * (and history point) per skill, tied to that skill's last response.
 */
export async function applyAnswers(tx: Tx, userId: string, answers: readonly { item: Pick<Item, 'skill' | 'irt'>; correct: boolean; responseId: string }[]): Promise<Map<SkillId, SkillState>> {
  const states = new Map<SkillId, { state: SkillState; responseId: string }>();
  for (const a of answers) {
    const prev = states.get(a.item.skill)?.state ?? (await readState(tx, userId, a.item.skill, true));
    states.set(a.item.skill, { state: nextState(prev, a.item, a.correct), responseId: a.responseId });
  }
  for (const [skill, { state, responseId }] of states) await writeState(tx, userId, skill, state, responseId);
  return new Map([...states].map(([k, v]) => [k, v.state]));
}
