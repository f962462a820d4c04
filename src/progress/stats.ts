/** Reading a student's activity from the database: activity days and the badge stats. */
import { and, count, countDistinct, eq, gte, isNull, max, sql, type AnyColumn } from 'drizzle-orm';
import { MASTERY_THRESHOLD } from '../assess/bkt.ts';
import type { Db, Tx } from '../db/client.ts';
import { noteReplies, planActions, proficiency, responses, sessions, testResults } from '../db/schema/index.ts';
import { isTimeZone } from '../lib/days.ts';
import type { BadgeStats } from './badges.ts';

/**
 * The wall-clock day of a timestamp column in `tz`, as 'YYYY-MM-DD'. The zone is written
 * into the SQL as a literal, not a parameter: PostgreSQL matches GROUP BY and DISTINCT ON
 * expressions textually, and `$1` and `$5` never match. Only known zone names of a safe
 * alphabet get that far.
 */
export function dayOf(column: AnyColumn, tz: string) {
  if (!isTimeZone(tz) || !/^[A-Za-z0-9_+\-/]+$/.test(tz)) throw new Error(`not a time zone: ${tz}`);
  return sql<string>`to_char((${column} at time zone ${sql.raw(`'${tz}'`)})::date, 'YYYY-MM-DD')`;
}

/** Days (in `tz`) with an answered question or a completed plan task, ascending. */
export async function activityDays(db: Db | Tx, userId: string, tz: string): Promise<string[]> {
  const answered = await db
    .selectDistinct({ day: dayOf(responses.createdAt, tz) })
    .from(responses)
    .where(eq(responses.userId, userId));
  const planned = await db
    .selectDistinct({ day: dayOf(planActions.createdAt, tz) })
    .from(planActions)
    .where(and(eq(planActions.userId, userId), eq(planActions.action, 'completed')));
  return [...new Set([...answered, ...planned].map((r) => r.day))].sort();
}

export async function badgeStats(db: Db | Tx, userId: string, longestStreak: number): Promise<BadgeStats> {
  const [answers] = await db
    .select({ n: count(), correct: sql<number>`count(*) filter (where ${responses.correct})::int` })
    .from(responses)
    .where(eq(responses.userId, userId));
  const bySession = await db
    .select({ kind: sessions.kind, n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.status, 'completed')))
    .groupBy(sessions.kind);
  const [tests] = await db.select({ n: count(), best: max(testResults.total) }).from(testResults).where(eq(testResults.userId, userId));
  const [tasks] = await db
    .select({ n: countDistinct(planActions.taskId) })
    .from(planActions)
    .where(and(eq(planActions.userId, userId), eq(planActions.action, 'completed')));
  const [mastered] = await db
    .select({ n: count() })
    .from(proficiency)
    .where(and(eq(proficiency.userId, userId), gte(proficiency.mastery, MASTERY_THRESHOLD)));
  const [helpful] = await db
    .select({ n: count() })
    .from(noteReplies)
    .where(and(eq(noteReplies.authorId, userId), eq(noteReplies.helpful, true), isNull(noteReplies.deletedAt)));
  const sessionsOf = (kind: string) => bySession.find((r) => r.kind === kind)?.n ?? 0;
  return {
    questionsAnswered: answers.n,
    correctAnswers: answers.correct,
    practiceSessions: sessionsOf('practice'),
    diagnostics: sessionsOf('diagnostic'),
    fullTests: tests.n,
    planTasksCompleted: tasks.n,
    longestStreak,
    skillsMastered: mastered.n,
    bestTotalScore: tests.best ?? 0,
    helpfulAnswers: helpful.n,
  };
}
