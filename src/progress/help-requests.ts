/**
 * The help a student asked for during practice, newest first, as their tutor or parent reads
 * it: the question and its skill, what the student wrote, and what the AI answered. Neither the
 * sessions list nor a session's review shows where the student got stuck in their own words,
 * and that is what an adult helping them needs to see.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { aiOutputs, helpRequests, questions } from '../db/schema/index.ts';
import { belowKeyset, epochUs, keysetOf, readKeyset } from '../lib/keyset.ts';

export interface HelpRequestQuery {
  limit: number;
  /** The `next` cursor of the page before. */
  cursor?: string;
}

export async function recentHelpRequests(db: Db, studentId: string, q: HelpRequestQuery) {
  const after = q.cursor ? readKeyset(q.cursor) : null;
  const rows = await db
    .select({
      id: helpRequests.id,
      us: epochUs(helpRequests.createdAt),
      createdAt: helpRequests.createdAt,
      questionId: helpRequests.questionId,
      skill: questions.skill,
      message: helpRequests.message,
      // The text the student was shown (ai_outputs.output); null if none was recorded.
      reply: aiOutputs.output,
    })
    .from(helpRequests)
    .leftJoin(questions, eq(questions.id, helpRequests.questionId))
    .leftJoin(aiOutputs, eq(aiOutputs.id, helpRequests.aiOutputId))
    .where(and(eq(helpRequests.userId, studentId), belowKeyset(helpRequests.createdAt, helpRequests.id, after)))
    .orderBy(desc(helpRequests.createdAt), desc(helpRequests.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    helpRequests: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      questionId: r.questionId,
      skill: r.skill,
      message: r.message,
      reply: r.reply,
    })),
    next: rows.length > q.limit ? keysetOf(page.at(-1)!.us, page.at(-1)!.id) : null,
  };
}
