/**
 * A student's whole progress in one read, so a dashboard needs one request: ability per
 * skill now and day by day, predicted and real scores, time on task, streak, points and
 * badges. Days are wall-clock days in the time zone asked for (UTC by default).
 */
import { and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { DEFAULT_BKT } from '../assess/bkt.ts';
import { SKILLS, type SkillId } from '../content/taxonomy.ts';
import type { Db } from '../db/client.ts';
import { pointsLedger, proficiency, proficiencyHistory, responses, testResults, userBadges, users } from '../db/schema/index.ts';
import { addDays, dayIn } from '../lib/days.ts';
import { notFound } from '../lib/errors.ts';
import { BADGES } from './badges.ts';
import { pointsBalance } from './points.ts';
import { predictScores } from './predict.ts';
import { activityDays, badgeStats, dayOf } from './stats.ts';
import { streakOf } from './streak.ts';

export interface SummaryOptions {
  /** IANA time zone for days (streaks, time per day, history). */
  tz: string;
  /** Days of history and time per day to include, counting today. */
  days: number;
  now?: Date;
}

type Band = [number, number];

/** A full test stores each score's band with the score (practice/full-test.ts `finalize`), not under a `bands` key. */
function bandsOf(details: Record<string, unknown>): { rw: Band | null; math: Band | null; total: Band | null } {
  const d = details as Partial<Record<'rw' | 'math' | 'total', { band: Band } | null>>;
  return { rw: d.rw?.band ?? null, math: d.math?.band ?? null, total: d.total?.band ?? null };
}

export async function progressSummary(db: Db, userId: string, opts: SummaryOptions) {
  const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!user) throw notFound('no such user');
  const now = opts.now ?? new Date();
  const today = dayIn(now, opts.tz);
  const since = addDays(today, -(opts.days - 1));
  // A day starts at local midnight; a day's margin on the instant keeps every zone's first day whole.
  const sinceAt = new Date(Date.parse(`${since}T00:00:00Z`) - 86_400_000);

  const rows = await db.select().from(proficiency).where(eq(proficiency.userId, userId));
  const known = new Map(rows.map((r) => [r.skill, r]));
  const skills = SKILLS.map((s) => {
    const r = known.get(s.id);
    return {
      skill: s.id,
      section: s.section,
      domain: s.domain,
      measured: Boolean(r),
      theta: r?.theta ?? 0,
      se: r?.se ?? 1,
      mastery: r?.mastery ?? DEFAULT_BKT[s.id].pL0,
      responses: r?.nResponses ?? 0,
      updatedAt: r?.updatedAt ?? null,
    };
  });

  // The last value of each skill on each day: one point per skill and day, however many answers.
  const hDay = dayOf(proficiencyHistory.createdAt, opts.tz);
  const histRows = await db
    .selectDistinctOn([proficiencyHistory.skill, hDay], {
      skill: proficiencyHistory.skill,
      day: hDay,
      theta: proficiencyHistory.theta,
      se: proficiencyHistory.se,
      mastery: proficiencyHistory.mastery,
    })
    .from(proficiencyHistory)
    .where(and(eq(proficiencyHistory.userId, userId), gte(proficiencyHistory.createdAt, sinceAt)))
    .orderBy(proficiencyHistory.skill, hDay, desc(proficiencyHistory.createdAt), desc(proficiencyHistory.id));
  const history: Partial<Record<SkillId, { day: string; theta: number; se: number; mastery: number }[]>> = {};
  for (const h of histRows) {
    if (h.day < since) continue;
    (history[h.skill as SkillId] ??= []).push({ day: h.day, theta: h.theta, se: h.se, mastery: h.mastery });
  }

  const tests = await db.select().from(testResults).where(eq(testResults.userId, userId)).orderBy(asc(testResults.createdAt));
  const scores = tests.map((t) => ({
    testResultId: t.id,
    sessionId: t.sessionId,
    at: t.createdAt,
    rw: t.rwScore,
    math: t.mathScore,
    total: t.total,
    rwSe: t.rwSe,
    mathSe: t.mathSe,
    bands: bandsOf(t.details),
  }));

  const rDay = dayOf(responses.createdAt, opts.tz);
  const perDay = await db
    .select({ day: rDay, ms: sql<number>`sum(${responses.timeSpentMs})::bigint`, answered: sql<number>`count(*)::int` })
    .from(responses)
    .where(and(eq(responses.userId, userId), gte(responses.createdAt, sinceAt)))
    .groupBy(rDay)
    .orderBy(rDay);
  const [all] = await db
    .select({ ms: sql<number>`coalesce(sum(${responses.timeSpentMs}), 0)::bigint`, answered: sql<number>`count(*)::int` })
    .from(responses)
    .where(eq(responses.userId, userId));

  const streak = streakOf(await activityDays(db, userId, opts.tz), today);
  const stats = await badgeStats(db, userId, streak.longest);
  const awarded = new Map(
    (await db.select().from(userBadges).where(eq(userBadges.userId, userId))).map((b) => [b.badgeId, b.awardedAt]),
  );
  const recentPoints = await db
    .select({ reason: pointsLedger.reason, sourceId: pointsLedger.sourceId, points: pointsLedger.points, at: pointsLedger.createdAt })
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, userId))
    .orderBy(desc(pointsLedger.createdAt), desc(pointsLedger.id))
    .limit(10);

  return {
    userId,
    asOf: now.toISOString(),
    timezone: opts.tz,
    today,
    skills,
    history,
    predicted: predictScores(skills),
    scores,
    timeOnTask: {
      totalMs: Number(all.ms),
      answered: all.answered,
      days: perDay.filter((d) => d.day >= since).map((d) => ({ day: d.day, ms: Number(d.ms), answered: d.answered })),
    },
    streak: { ...streak, timezone: opts.tz },
    points: { balance: await pointsBalance(db, userId), recent: recentPoints },
    stats,
    badges: BADGES.map((b) => ({
      id: b.id,
      title: b.title,
      description: b.description,
      rule: b.rule,
      progress: Math.min(1, stats[b.rule.metric] / b.rule.threshold),
      earned: awarded.has(b.id),
      awardedAt: awarded.get(b.id) ?? null,
    })),
  };
}
