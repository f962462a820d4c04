/**
 * Reviewing a session: every answered question with the student's answer, the key and the
 * explanation, and one `review` text per answered question, generated once and stored with
 * the session and question, readable later by whoever may read the student. A full-length
 * test is reviewable only once it is over: until then its keys are secret.
 */
import { and, eq } from 'drizzle-orm';
import type { AiService } from '../ai/service.ts';
import { assertCanReadStudent, type Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { Db } from '../db/client.ts';
import { aiOutputs, responses, sessions } from '../db/schema/index.ts';
import { conflict, notFound } from '../lib/errors.ts';
import { getBank, itemOrThrow, publicQuestion } from './bank.ts';
import { ownSession } from './sessions.ts';

export async function generateReviews(db: Db, ai: AiService, actor: Actor, sessionId: string) {
  const bank = await getBank(db);
  return db.transaction(async (tx) => {
    const session = await ownSession(tx, actor, sessionId, ['practice', 'diagnostic', 'full_test'], true);
    assertReviewable(session);
    const answered = await tx.select().from(responses).where(eq(responses.sessionId, sessionId)).orderBy(responses.createdAt);
    const existing = await tx
      .select({ questionId: aiOutputs.questionId })
      .from(aiOutputs)
      .where(and(eq(aiOutputs.sessionId, sessionId), eq(aiOutputs.task, 'review')));
    const done = new Set(existing.map((e) => e.questionId));
    for (const r of answered) {
      if (done.has(r.questionId)) continue;
      const item = itemOrThrow(bank, r.questionId);
      const result = await ai.run(
        'review',
        { responses: [{ item, studentAnswer: (r.answer ?? '').slice(0, 20) || '—' }] },
        { db: tx, meta: { userId: actor.userId, sessionId, questionId: r.questionId } },
      );
      await logEvent(tx, 'review.generated', actor.userId, { sessionId, questionId: r.questionId, aiOutputId: result.aiOutputId });
    }
    return listReviewsTx(tx as unknown as Db, sessionId);
  });
}

function assertReviewable(session: { kind: string; status: string }) {
  if (session.kind === 'full_test' && session.status !== 'completed') throw conflict('a full-length test can be reviewed once it is finished');
}

export async function listReviews(db: Db, actor: Actor, sessionId: string) {
  const [session] = await db.select({ userId: sessions.userId, kind: sessions.kind, status: sessions.status }).from(sessions).where(eq(sessions.id, sessionId));
  if (!session) throw notFound('no such session');
  await assertCanReadStudent(db, actor, session.userId);
  assertReviewable(session);
  return listReviewsTx(db, sessionId);
}

async function listReviewsTx(db: Db, sessionId: string) {
  const bank = await getBank(db);
  const answered = await db.select().from(responses).where(eq(responses.sessionId, sessionId)).orderBy(responses.createdAt);
  const answers = answered.flatMap((r) => {
    const item = bank.items.get(r.questionId);
    if (!item) return [];
    return [
      {
        question: publicQuestion(item),
        answer: r.answer,
        correct: r.correct,
        correctAnswer: item.answer,
        acceptedAnswers: item.acceptedAnswers ?? null,
        rationale: item.rationale,
        timeSpentMs: r.timeSpentMs,
        /** Unscored: a full test's pretest question. */
        pretest: r.isPretest,
      },
    ];
  });
  const rows = await db
    .select({ questionId: aiOutputs.questionId, aiOutputId: aiOutputs.id, text: aiOutputs.output, provider: aiOutputs.provider, createdAt: aiOutputs.createdAt })
    .from(aiOutputs)
    .where(and(eq(aiOutputs.sessionId, sessionId), eq(aiOutputs.task, 'review')))
    .orderBy(aiOutputs.createdAt);
  return { sessionId, answers, reviews: rows };
}
