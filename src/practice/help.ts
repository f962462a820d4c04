/**
 * Asking for help on a question and rating any AI text: the two interactions the origin
 * mobile client calls (seeds/03), each stored with its ai_outputs row in one transaction.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { AiService } from '../ai/service.ts';
import type { Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { Db } from '../db/client.ts';
import { aiOutputs, feedbackRatings, helpRequests, responses } from '../db/schema/index.ts';
import { badRequest, forbidden, notFound } from '../lib/errors.ts';
import { getBank, itemOrThrow } from './bank.ts';
import { ownSession, stateOf } from './sessions.ts';
import { flagIfCrisis } from '../safety/alerts.ts';

export async function requestHelp(
  db: Db,
  ai: AiService,
  actor: Actor,
  sessionId: string,
  questionId: string,
  message: string,
  inputMode: 'text' | 'voice',
) {
  const bank = await getBank(db);
  return db.transaction(async (tx) => {
    const session = await ownSession(tx, actor, sessionId, ['practice', 'diagnostic', 'review']);
    if (!stateOf(session).administered?.includes(questionId)) throw notFound('this question was not served in this session');
    const item = itemOrThrow(bank, questionId);
    const [answered] = await tx
      .select({ answer: responses.answer })
      .from(responses)
      .where(and(eq(responses.sessionId, sessionId), eq(responses.questionId, questionId)));
    // Before the student answers, help hints without giving the key away.
    const result = await ai.run(
      'help',
      { item, message, revealAnswer: Boolean(answered), ...(answered?.answer ? { studentAnswer: answered.answer.slice(0, 20) } : {}) },
      { db: tx, meta: { userId: actor.userId, sessionId, questionId } },
    );
    const [row] = await tx
      .insert(helpRequests)
      .values({ userId: actor.userId, questionId, sessionId, message, aiOutputId: result.aiOutputId })
      .returning({ id: helpRequests.id });
    await flagIfCrisis(tx, { userId: actor.userId, source: 'help', sourceId: row.id, text: message });
    await logEvent(tx, 'help.requested', actor.userId, { sessionId, questionId, inputMode, aiOutputId: result.aiOutputId });
    return { helpRequestId: row.id, aiOutputId: result.aiOutputId, response: result.text, provider: result.provider, inputMode };
  });
}

export interface RateInput {
  aiOutputId?: string;
  /** Legacy clients send the feedback text instead of its id: the newest matching output of theirs is rated. */
  feedbackText?: string;
  stars: number;
  comment?: string;
}

export async function rateOutput(db: Db, actor: Actor, input: RateInput) {
  return db.transaction(async (tx) => {
    let target: { id: string; userId: string | null } | undefined;
    if (input.aiOutputId) {
      [target] = await tx.select({ id: aiOutputs.id, userId: aiOutputs.userId }).from(aiOutputs).where(eq(aiOutputs.id, input.aiOutputId));
    } else if (input.feedbackText) {
      [target] = await tx
        .select({ id: aiOutputs.id, userId: aiOutputs.userId })
        .from(aiOutputs)
        .where(and(eq(aiOutputs.userId, actor.userId), eq(aiOutputs.output, input.feedbackText)))
        .orderBy(desc(aiOutputs.createdAt))
        .limit(1);
    } else {
      throw badRequest('give ai_output_id (or the feedback text)');
    }
    if (!target) throw notFound('no such AI output');
    if (target.userId !== actor.userId) throw forbidden('you can rate only texts written for you');
    const [existing] = await tx
      .select({ id: feedbackRatings.id })
      .from(feedbackRatings)
      .where(and(eq(feedbackRatings.aiOutputId, target.id), eq(feedbackRatings.userId, actor.userId)));
    const values = { aiOutputId: target.id, userId: actor.userId, stars: input.stars, comment: input.comment ?? null };
    // Re-rating replaces the earlier rating: one row per (output, student).
    const [row] = await tx
      .insert(feedbackRatings)
      .values(values)
      .onConflictDoUpdate({ target: [feedbackRatings.aiOutputId, feedbackRatings.userId], set: { stars: values.stars, comment: values.comment, createdAt: new Date() } })
      .returning();
    await logEvent(tx, 'ai_output.rated', actor.userId, { aiOutputId: target.id, stars: input.stars, updated: Boolean(existing) });
    return { ratingId: row.id, aiOutputId: target.id, stars: row.stars, updated: Boolean(existing) };
  });
}
