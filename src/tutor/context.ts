/**
 * What the tutor knows of the student when a turn starts: proficiency per skill and the
 * latest answers, and from them the turn's focus — the question just missed (its key may
 * be discussed: it was answered), else the weakest skill just practised. Old activity is
 * no focus: a student chatting days later is rarely asking about it, and a stale skill
 * would steer retrieval away from what they did ask.
 */
import { desc, eq } from 'drizzle-orm';
import type { Item } from '../content/item.ts';
import { isSkillId, type SkillId } from '../content/taxonomy.ts';
import type { Db } from '../db/client.ts';
import { proficiency, questions, responses, sessions } from '../db/schema/index.ts';
import { getBank } from '../practice/bank.ts';

/** Answers older than this do not set the focus. */
export const RECENT_MS = 2 * 3600_000;
const RECENT_RESPONSES = 20;

export interface SkillStanding {
  skill: SkillId;
  theta: number;
  se: number;
  /** BKT p(learned). */
  mastery: number;
  responses: number;
}

export interface RecentResponse {
  questionId: string;
  skill: SkillId;
  correct: boolean;
  at: Date;
  /** False while the full-length test it belongs to is still running: its keys stay secret. */
  revealable: boolean;
}

export interface Performance {
  skills: SkillStanding[];
  /** Newest first. */
  recent: RecentResponse[];
}

export interface Focus {
  skill?: SkillId;
  /** Id of the item to discuss; resolved to the item by `focusInput`. */
  questionId?: string;
}

export async function loadPerformance(db: Db, userId: string): Promise<Performance> {
  const [prof, recent] = await Promise.all([
    db.select().from(proficiency).where(eq(proficiency.userId, userId)),
    db
      .select({
        questionId: responses.questionId,
        skill: questions.skill,
        correct: responses.correct,
        at: responses.createdAt,
        kind: sessions.kind,
        status: sessions.status,
      })
      .from(responses)
      .innerJoin(sessions, eq(sessions.id, responses.sessionId))
      .innerJoin(questions, eq(questions.id, responses.questionId))
      .where(eq(responses.userId, userId))
      .orderBy(desc(responses.createdAt))
      .limit(RECENT_RESPONSES),
  ]);
  return {
    skills: prof.flatMap((p) =>
      isSkillId(p.skill) ? [{ skill: p.skill, theta: p.theta, se: p.se, mastery: p.mastery, responses: p.nResponses }] : [],
    ),
    recent: recent.flatMap((r) =>
      isSkillId(r.skill)
        ? [{ questionId: r.questionId, skill: r.skill, correct: r.correct, at: r.at, revealable: !(r.kind === 'full_test' && r.status === 'active') }]
        : [],
    ),
  };
}

/** The turn's focus from the performance: pure, so the rule is testable without a database. */
export function pickFocus(p: Performance, now: Date): Focus {
  const recent = p.recent.filter((r) => now.getTime() - r.at.getTime() <= RECENT_MS && r.revealable);
  const missed = recent.find((r) => !r.correct);
  if (missed) return { skill: missed.skill, questionId: missed.questionId };
  if (recent.length === 0) return {};
  const mastery = new Map(p.skills.map((s) => [s.skill, s.mastery]));
  const practised = [...new Set(recent.map((r) => r.skill))];
  // Unknown mastery counts as high: a skill with no estimate yet is no evidence of weakness.
  const weakest = practised.reduce((a, b) => ((mastery.get(b) ?? 1) < (mastery.get(a) ?? 1) ? b : a));
  return { skill: weakest };
}

/** The focus as tutor_chat input fields. */
export async function focusInput(db: Db, focus: Focus): Promise<{ skill?: SkillId; item?: Item; revealAnswer: boolean }> {
  const item = focus.questionId ? (await getBank(db)).items.get(focus.questionId) : undefined;
  return { ...(focus.skill ? { skill: focus.skill } : {}), ...(item ? { item } : {}), revealAnswer: Boolean(item) };
}

/** How many practised skills the tutor is told about. */
const PERFORMANCE_SKILLS = 3;

/**
 * The student's standing on the skills of their recent answers, weakest mastery first, as
 * tutor_chat input. Answers of a full-length test still running are left out: telling the
 * student how many they got right would give its keys away.
 */
export function performanceInput(p: Performance): { skill: SkillId; mastery: number; recentCorrect: number; recentAnswered: number }[] {
  const counts = new Map<SkillId, { correct: number; answered: number }>();
  for (const r of p.recent) {
    if (!r.revealable) continue;
    const c = counts.get(r.skill) ?? { correct: 0, answered: 0 };
    c.answered++;
    if (r.correct) c.correct++;
    counts.set(r.skill, c);
  }
  const mastery = new Map(p.skills.map((s) => [s.skill, s.mastery]));
  return [...counts]
    .filter(([skill]) => mastery.has(skill))
    .map(([skill, c]) => ({ skill, mastery: Math.round(mastery.get(skill)! * 100) / 100, recentCorrect: c.correct, recentAnswered: c.answered }))
    .sort((a, b) => a.mastery - b.mastery || a.skill.localeCompare(b.skill))
    .slice(0, PERFORMANCE_SKILLS);
}
