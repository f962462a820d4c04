/**
 * Ending a session: per-skill statistics, AI feedback through the `feedback` task, points,
 * and — for a diagnostic — proficiency rows seeded for every skill of the section.
 */
import { and, eq } from 'drizzle-orm';
import { eap } from '../assess/estimate.ts';
import { recordOutput } from '../ai/generate.ts';
import type { AiService } from '../ai/service.ts';
import type { Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { SkillId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import type { SessionKind } from '../db/enums.ts';
import { aiOutputs, responses, sessions } from '../db/schema/index.ts';
import { badRequest } from '../lib/errors.ts';
import { afterActivity, type ActivityAwards } from '../progress/gamify.ts';
import { awardPoints } from '../progress/points.ts';
import { completeFromPractice, type PracticeTaskOutcome } from '../plan/practice-task.ts';
import { getBank } from './bank.ts';
import { skillsOf } from './engine.ts';
import { proficiencyLevel, readState, seedUnmeasured } from './proficiency.ts';
import { ownSession, stateOf } from './sessions.ts';

export interface SkillStat {
  skill: SkillId;
  correct: number;
  total: number;
  avgTimeSec: number;
}

/** Pure: per-skill counts and mean time from a session's responses, most-practised first. */
export function skillStats(rows: readonly { skill: SkillId; correct: boolean; timeSpentMs: number }[]): SkillStat[] {
  const by = new Map<SkillId, { correct: number; total: number; ms: number }>();
  for (const r of rows) {
    const s = by.get(r.skill) ?? { correct: 0, total: 0, ms: 0 };
    s.total++;
    s.ms += r.timeSpentMs;
    if (r.correct) s.correct++;
    by.set(r.skill, s);
  }
  return [...by.entries()]
    .map(([skill, s]) => ({ skill, correct: s.correct, total: s.total, avgTimeSec: Math.max(1, Math.round(s.ms / s.total / 1000)) }))
    .sort((a, b) => b.total - a.total || a.skill.localeCompare(b.skill));
}

/** Points: 10 per correct answer, 2 per attempt, 10 for finishing (gamification builds on this). */
export const pointsFor = (answered: number, correct: number) => 10 * correct + 2 * answered + 10;

async function existingFeedback(tx: Tx | Db, sessionId: string) {
  const [row] = await tx.select().from(aiOutputs).where(and(eq(aiOutputs.sessionId, sessionId), eq(aiOutputs.task, 'feedback')));
  return row;
}

type Stats = ReturnType<typeof skillStats>;

/** The feedback task's input: the three most-practised skills, each with the student's proficiency level. */
async function feedbackInput(db: Tx | Db, actor: Actor, stats: Stats, studentName?: string) {
  const top = stats.slice(0, 3);
  const levels = await Promise.all(top.map(async (s) => proficiencyLevel((await readState(db, actor.userId, s.skill)).theta)));
  return { skills: top.map((s, i) => ({ ...s, predictedProficiency: levels[i] })), ...(studentName ? { studentName } : {}) };
}

/** What a finish works out before its transaction: the item bank, and the feedback written but not yet recorded. */
export interface PreparedFinish {
  bank: Awaited<ReturnType<typeof getBank>>;
  generated: Awaited<ReturnType<AiService['run']>> | null;
}

/**
 * The part of a finish that takes time and holds nothing: the feedback is written before the
 * transaction opens and recorded inside it, as a model takes seconds, and no row lock (nor, on
 * the embedded database, the one connection) may be held meanwhile.
 */
export async function prepareFinish(db: Db, ai: AiService, actor: Actor, sessionId: string, kinds: readonly SessionKind[], studentName?: string): Promise<PreparedFinish> {
  const bank = await getBank(db);
  const before = await ownSession(db, actor, sessionId, kinds);
  if (before.status === 'completed' && (await existingFeedback(db, sessionId))) return { bank, generated: null };
  const rows = await db.select().from(responses).where(eq(responses.sessionId, sessionId));
  if (rows.length === 0) throw badRequest('answer at least one question before finishing');
  const input = await feedbackInput(db, actor, statsFor(bank, rows), studentName);
  return { bank, generated: await ai.run('feedback', input, { deferRecord: true, meta: { userId: actor.userId, sessionId } }) };
}

const statsFor = (bank: PreparedFinish['bank'], rows: readonly { questionId: string; correct: boolean; timeSpentMs: number }[]) =>
  skillStats(rows.map((r) => ({ skill: bank.items.get(r.questionId)!.skill, correct: r.correct, timeSpentMs: r.timeSpentMs })));

export async function finishSession(db: Db, ai: AiService, actor: Actor, sessionId: string, kinds: readonly SessionKind[], studentName?: string) {
  const prepared = await prepareFinish(db, ai, actor, sessionId, kinds, studentName);
  return db.transaction((tx) => completeFinish(tx, ai, actor, sessionId, kinds, prepared, studentName));
}

/** The finish itself, in the caller's transaction: the session closed, the feedback recorded, points and badges. */
export async function completeFinish(
  tx: Tx,
  ai: AiService,
  actor: Actor,
  sessionId: string,
  kinds: readonly SessionKind[],
  { bank, generated }: PreparedFinish,
  studentName?: string,
) {
  const meta = { userId: actor.userId, sessionId };
  const session = await ownSession(tx, actor, sessionId, kinds, true);
  const state = stateOf(session);
  const rows = await tx.select().from(responses).where(eq(responses.sessionId, sessionId));
  if (rows.length === 0) throw badRequest('answer at least one question before finishing');
  const stats = statsFor(bank, rows);
  const points = pointsFor(rows.length, rows.filter((r) => r.correct).length);

  // A finish that raced this one and committed first has already recorded the session's feedback.
  let feedback = await existingFeedback(tx, sessionId);
  if (!feedback) {
    const id = generated?.pending
      ? await recordOutput(tx, generated.pending)
      : (await ai.run('feedback', await feedbackInput(tx, actor, stats, studentName), { db: tx, meta })).aiOutputId!;
    [feedback] = await tx.select().from(aiOutputs).where(eq(aiOutputs.id, id));
  }
  let diagnostic: { section: string; theta: number; se: number } | null = null;
  let awards: ActivityAwards | null = null;
  let planTask: PracticeTaskOutcome | null = null;
  if (session.status !== 'completed') {
    if (session.kind === 'diagnostic' && session.section) diagnostic = await seedSection(tx, actor.userId, session.section as 'rw' | 'math', rows, bank);
    await tx.update(sessions).set({ status: 'completed', endedAt: new Date() }).where(eq(sessions.id, sessionId));
    await logEvent(tx, 'session.finished', actor.userId, { sessionId, kind: session.kind, answered: rows.length, correct: state.correct, points });
    await awardPoints(tx, actor.userId, session.kind === 'diagnostic' ? 'diagnostic' : 'practice', sessionId, points);
    // Before the badges, so a plan task this set ticked off counts towards them.
    if (state.planTask) planTask = await completeFromPractice(tx, actor.userId, sessionId, state.planTask, state, rows.length);
    awards = await afterActivity(tx, actor.userId);
  }
  return {
    sessionId,
    answered: rows.length,
    correct: rows.filter((r) => r.correct).length,
    points,
    stats,
    skills: skillsOf(state.content),
    diagnostic,
    /** The study-plan task this set was started from: ticked off when the set was done, and the task's points (none when finished before). */
    planTask,
    /** Streak-milestone and badge points, and badges, that this finish earned (none when finished before). */
    awards: awards ? { points: awards.points, badges: awards.badges, streak: awards.streak.current } : { points: 0, badges: [], streak: null },
    feedback: { aiOutputId: feedback.id, text: feedback.output, provider: feedback.provider },
  };
}

/** A diagnostic measures the section as a whole: skills it did not reach start from its θ (seedUnmeasured). */
async function seedSection(tx: Tx, userId: string, section: 'rw' | 'math', rows: { questionId: string; correct: boolean }[], bank: Awaited<ReturnType<typeof getBank>>) {
  const est = eap(rows.map((r) => ({ item: bank.items.get(r.questionId)!.irt, correct: r.correct })));
  await seedUnmeasured(tx, userId, section, est);
  return { section, theta: est.theta, se: est.se };
}
