/**
 * What happens after a student finishes something (a session, a test, a plan task): streak
 * milestones and badges are checked and awarded, each exactly once, in the caller's
 * transaction. Awards use UTC days, so they do not depend on who is looking or from where;
 * the progress view can show the streak in the student's own time zone.
 */
import type { Db, Tx } from '../db/client.ts';
import { logEvent } from '../collect/events.ts';
import { userBadges } from '../db/schema/index.ts';
import { dayIn } from '../lib/days.ts';
import { BADGES, earnedBadges } from './badges.ts';
import { awardPoints } from './points.ts';
import { POINTS } from './rules.ts';
import { activityDays, badgeStats } from './stats.ts';
import { streakOf, type Streak } from './streak.ts';

export interface ActivityAwards {
  streak: Streak;
  /** Badges first earned by this call. */
  badges: { id: string; title: string }[];
  /** Points this call awarded for streak milestones and badges. */
  points: number;
}

export async function afterActivity(tx: Db | Tx, userId: string, now = new Date()): Promise<ActivityAwards> {
  const streak = streakOf(await activityDays(tx, userId, 'UTC'), dayIn(now, 'UTC'));
  let points = 0;
  for (const m of POINTS.streakMilestones) {
    // A milestone is keyed by the run's first day: a later streak earns it again, a replay never does.
    if (streak.start && streak.current >= m.days && (await awardPoints(tx, userId, 'streak', `${streak.start}/${m.days}d`, m.points))) points += m.points;
  }
  const earned = earnedBadges(await badgeStats(tx, userId, streak.longest));
  const badges: ActivityAwards['badges'] = [];
  if (earned.length) {
    const inserted = await tx
      .insert(userBadges)
      .values(earned.map((badgeId) => ({ userId, badgeId })))
      .onConflictDoNothing()
      .returning({ badgeId: userBadges.badgeId });
    for (const { badgeId } of inserted) {
      await logEvent(tx, 'badge.awarded', userId, { badgeId });
      if (await awardPoints(tx, userId, 'badge', badgeId, POINTS.badge)) points += POINTS.badge;
      badges.push({ id: badgeId, title: BADGES.find((b) => b.id === badgeId)!.title });
    }
  }
  return { streak, badges, points };
}
