/**
 * A person's own data, everything stored about them (their right of access). Only rows
 * keyed to this user are read; nothing about anyone else is included.
 */
import { eq, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema/index.ts';
import { linkAsSeenBy } from '../accounts/invites.ts';
import { logEvent } from './events.ts';

export async function exportOwnData(db: Db, userId: string): Promise<Record<string, unknown>> {
  const [user] = await db.select().from(t.users).where(eq(t.users.id, userId));
  const { passwordHash: _secret, ...profile } = user;
  const byUser = {
    links: db.select().from(t.links).where(or(eq(t.links.studentId, userId), eq(t.links.requesterId, userId))),
    linkInvites: db.select().from(t.linkInvites).where(eq(t.linkInvites.requesterId, userId)),
    sessions: db.select().from(t.sessions).where(eq(t.sessions.userId, userId)),
    responses: db.select().from(t.responses).where(eq(t.responses.userId, userId)),
    proficiency: db.select().from(t.proficiency).where(eq(t.proficiency.userId, userId)),
    proficiencyHistory: db.select().from(t.proficiencyHistory).where(eq(t.proficiencyHistory.userId, userId)),
    testResults: db.select().from(t.testResults).where(eq(t.testResults.userId, userId)),
    studyPlans: db.select().from(t.studyPlans).where(eq(t.studyPlans.userId, userId)),
    planActions: db.select().from(t.planActions).where(eq(t.planActions.userId, userId)),
    aiOutputs: db.select().from(t.aiOutputs).where(eq(t.aiOutputs.userId, userId)),
    feedbackRatings: db.select().from(t.feedbackRatings).where(eq(t.feedbackRatings.userId, userId)),
    helpRequests: db.select().from(t.helpRequests).where(eq(t.helpRequests.userId, userId)),
    notes: db.select().from(t.notes).where(eq(t.notes.userId, userId)),
    noteReplies: db.select().from(t.noteReplies).where(eq(t.noteReplies.authorId, userId)),
    tutorMessages: db.select().from(t.tutorMessages).where(eq(t.tutorMessages.userId, userId)),
    planSuggestions: db.select().from(t.planSuggestions).where(eq(t.planSuggestions.userId, userId)),
    points: db.select().from(t.pointsLedger).where(eq(t.pointsLedger.userId, userId)),
    badges: db.select().from(t.userBadges).where(eq(t.userBadges.userId, userId)),
    communityVotes: db.select().from(t.communityVotes).where(eq(t.communityVotes.userId, userId)),
    communityReports: db.select().from(t.communityReports).where(eq(t.communityReports.userId, userId)),
    safetyAlerts: db.select().from(t.safetyAlerts).where(eq(t.safetyAlerts.userId, userId)),
    selUtterances: db.select().from(t.selUtterances).where(eq(t.selUtterances.studentId, userId)),
    selTelemetry: db.select().from(t.selTelemetry).where(eq(t.selTelemetry.studentId, userId)),
    events: db.select().from(t.events).where(eq(t.events.userId, userId)),
  };
  const out: Record<string, unknown> = { exportedAt: new Date().toISOString(), user: profile };
  let rows = 0;
  for (const [name, query] of Object.entries(byUser)) {
    const result = await query;
    rows += result.length;
    // A request not accepted carries no student id: whether the address is a student's is not the requester's to learn.
    out[name] = name === 'links' ? (result as (typeof t.links.$inferSelect)[]).map((l) => linkAsSeenBy(l, userId)) : result;
  }
  await logEvent(db, 'data.exported', userId, { scope: 'self', rows });
  return out;
}
