/**
 * The adaptive step shared by practice and diagnostic sessions: what the session state
 * holds, how the next question is chosen (maximum information at the student's current θ,
 * content-balanced, restricted maximum-exposure-rate control, no repeats across sessions), and grading.
 */
import { and, eq, sql } from 'drizzle-orm';
import { selectNext, type ContentSpec } from '../assess/select.ts';
import type { Item } from '../content/item.ts';
import { isSprResponse, sprAccepts } from '../content/spr.ts';
import { SKILLS, type SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { proficiency, responses } from '../db/schema/index.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { badRequest } from '../lib/errors.ts';
import { createRng } from '../lib/rng.ts';
import type { SessionKind } from '../db/enums.ts';
import type { LoadedBank } from './bank.ts';
import { exposureFor, recordServed } from './exposure.ts';

export interface AdaptiveState {
  content: ContentSpec;
  length: number;
  administered: string[];
  heldBack: string[];
  current: { questionId: string; servedAt: string } | null;
  answered: number;
  correct: number;
  /**
   * An offline pack: every question chosen at the start (adaptive to θ then, content-balanced)
   * and sent at once, so a client without a connection can answer them in any order and
   * replay the answers later through /sync. Absent for item-by-item adaptive sessions.
   */
  pack?: string[];
  /** The pack questions already answered (packs only). */
  packAnswered?: string[];
  /**
   * A pack served online one question at a time, in its order (a retry of missed questions):
   * `current` is the next unanswered one and only it may be answered.
   */
  packOrdered?: boolean;
}


export function skillsOf(content: ContentSpec): SkillId[] {
  return content.by === 'skill' ? [...content.areas] : SKILLS.filter((s) => (content.areas as readonly string[]).includes(s.domain)).map((s) => s.id);
}

/** θ for selection: the mean of the student's current θ over the requested skills (0, the prior mean, where unknown). */
export function selectionTheta(thetas: ReadonlyMap<string, number>, content: ContentSpec): number {
  const skills = skillsOf(content);
  return skills.reduce((s, k) => s + (thetas.get(k) ?? 0), 0) / skills.length;
}

export async function currentThetas(tx: Tx | Db, userId: string): Promise<Map<string, number>> {
  const rows = await tx.select({ skill: proficiency.skill, theta: proficiency.theta }).from(proficiency).where(eq(proficiency.userId, userId));
  return new Map(rows.map((r) => [r.skill, r.theta]));
}

/**
 * Questions the student saw in earlier sessions, with when: repeats only once a pool runs
 * dry. Read once per session and process (a small LRU): a later process simply reads again.
 */
const seenCache = new BoundedMap<string, Map<string, number>>(2000);

async function seenBefore(tx: Tx | Db, userId: string, sessionId: string): Promise<Map<string, number>> {
  const hit = seenCache.get(sessionId);
  if (hit) return hit;
  const seen = await querySeen(tx, userId, sessionId);
  seenCache.set(sessionId, seen);
  return seen;
}

async function querySeen(tx: Tx | Db, userId: string, sessionId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ q: responses.questionId, at: sql<string>`max(${responses.createdAt})` })
    .from(responses)
    .where(and(eq(responses.userId, userId), sql`${responses.sessionId} <> ${sessionId}`))
    .groupBy(responses.questionId);
  return new Map(rows.map((r) => [r.q, new Date(r.at).getTime()]));
}

/** Choose and mark the next question; null when the session's content is exhausted. */
/** `thetas`: the student's current θ per skill when the caller already holds them (saves a query). */
export async function serveNext(
  tx: Tx | Db,
  bank: LoadedBank,
  userId: string,
  session: { id: string; kind: SessionKind },
  state: AdaptiveState,
  thetas?: ReadonlyMap<string, number>,
): Promise<Item | null> {
  const sessionId = session.id;
  const theta = selectionTheta(thetas ?? (await currentThetas(tx, userId)), state.content);
  const seen = await seenBefore(tx, userId, sessionId);
  const rng = createRng(`${sessionId}/${state.administered.length}`);
  const exposure = await exposureFor(tx, bank, session.kind, state.content, state.administered.length === 0);
  const pick = selectNext(bank.pool, { theta, administered: state.administered, seen, heldBack: state.heldBack }, { rng, content: state.content, exposure });
  if (!pick) {
    state.current = null;
    return null;
  }
  recordServed(exposure.given as Float64Array, pick.index);
  state.administered.push(pick.item.id);
  state.heldBack.push(...pick.heldBack);
  state.current = { questionId: pick.item.id, servedAt: new Date().toISOString() };
  return bank.items.get(pick.item.id) ?? null;
}

/** Grade a response; a malformed one (not A–D for MCQ, not a grid-in for SPR) is a 400, not a wrong answer. */
export function grade(item: Item, answer: string): boolean {
  const a = answer.trim();
  if (item.type === 'mcq') {
    if (!/^[A-Da-d]$/.test(a)) throw badRequest('answer must be one of A, B, C, D for this question');
    return a.toUpperCase() === item.answer;
  }
  if (!isSprResponse(a)) throw badRequest('answer must be a number the grid accepts: digits, "." or "/", at most 5 characters, or 6 with a leading "-"');
  return sprAccepts(item.acceptedAnswers ?? [item.answer], a);
}
