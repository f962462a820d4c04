/**
 * A student's sessions, newest first, as their tutor or parent reads them: what was practised
 * (the skills, or the section), when, how it went, and whether it was a retry of mistakes — each
 * finished one with its question-by-question review (practice/review.ts) a link away.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ContentSpec } from '../assess/select.ts';
import { domain as domainInfo, isSkillId, type SkillId } from '../content/taxonomy.ts';
import type { Db } from '../db/client.ts';
import { responses, sessions } from '../db/schema/index.ts';
import { belowKeyset, epochUs, keysetOf, readKeyset } from '../lib/keyset.ts';

export interface ActivityQuery {
  limit: number;
  /** The `next` cursor of the page before. */
  cursor?: string;
}

/** The skills a session's content spec covers: its skills, or every skill of its domains. */
function skillsCovered(content: ContentSpec | undefined): SkillId[] {
  if (!content) return [];
  if (content.by === 'skill') return content.areas.filter(isSkillId);
  return content.areas.flatMap((d) => domainInfo(d).skills.map((s) => s.id as SkillId));
}

/** Pure: a stored session as the activity list shows it. */
export function activityItem(row: typeof sessions.$inferSelect, answered: number, correct: number) {
  const state = row.state as { content?: ContentSpec; packOrdered?: boolean; choice?: string };
  return {
    sessionId: row.id,
    kind: row.kind,
    status: row.status,
    section: row.section,
    /** Practice and diagnostics: the skills asked for. A full test covers its sections whole. */
    skills: row.kind === 'full_test' ? [] : skillsCovered(state.content),
    /** A retry of missed questions (practice/mistakes.ts). */
    retry: state.packOrdered === true,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    answered,
    correct,
  };
}

export async function recentSessions(db: Db, studentId: string, q: ActivityQuery) {
  const after = q.cursor ? readKeyset(q.cursor) : null;
  const startedUs = epochUs(sessions.startedAt);
  const tally = db
    .select({
      sessionId: responses.sessionId,
      answered: sql<number>`count(*)::int`.as('answered'),
      correct: sql<number>`count(*) filter (where ${responses.correct})::int`.as('correct'),
    })
    .from(responses)
    .where(eq(responses.userId, studentId))
    .groupBy(responses.sessionId)
    .as('tally');
  const rows = await db
    .select({ session: sessions, startedUs, answered: tally.answered, correct: tally.correct })
    .from(sessions)
    .leftJoin(tally, eq(tally.sessionId, sessions.id))
    .where(and(
      eq(sessions.userId, studentId),
      belowKeyset(sessions.startedAt, sessions.id, after),
    ))
    .orderBy(desc(sessions.startedAt), desc(sessions.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    sessions: page.map((r) => activityItem(r.session, r.answered ?? 0, r.correct ?? 0)),
    next: rows.length > q.limit ? keysetOf(page.at(-1)!.startedUs, page.at(-1)!.session.id) : null,
  };
}
