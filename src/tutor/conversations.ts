/**
 * Tutor conversations as stored: one `tutor_messages` row per turn side, grouped by a
 * conversation id the first message mints. There is no conversations table; a
 * conversation belongs to the user whose messages carry its id.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, max, min, sql } from 'drizzle-orm';
import { assertCanReadStudent, type Actor } from '../accounts/access.ts';
import { logEvent } from '../collect/events.ts';
import type { Db, Tx } from '../db/client.ts';
import { feedbackRatings, tutorMessages } from '../db/schema/index.ts';
import { notFound } from '../lib/errors.ts';
import type { InputMode } from './frames.ts';
import { flagIfCrisis } from '../safety/alerts.ts';

/** How many earlier messages a turn sends to the task (its schema allows 40 including the new one). */
const HISTORY_MESSAGES = 20;

/**
 * The conversation to continue, or a new id. Someone else's conversation reads as unknown,
 * so ids cannot be probed.
 */
export async function resolveConversation(db: Db | Tx, userId: string, conversationId?: string): Promise<string> {
  if (!conversationId) return randomUUID();
  const [row] = await db
    .select({ userId: tutorMessages.userId })
    .from(tutorMessages)
    .where(eq(tutorMessages.conversationId, conversationId))
    .limit(1);
  if (!row || row.userId !== userId) throw notFound('no such conversation');
  return conversationId;
}

/** Newest first; a reply stored at the same instant as its question comes first ('assistant' < 'user'). */
const newestFirst = [desc(tutorMessages.createdAt), asc(tutorMessages.role)] as const;

/** The last `limit` messages of a conversation, oldest first. */
export async function history(db: Db | Tx, conversationId: string, limit = HISTORY_MESSAGES) {
  const rows = await db
    .select({ role: tutorMessages.role, content: tutorMessages.content })
    .from(tutorMessages)
    .where(eq(tutorMessages.conversationId, conversationId))
    .orderBy(...newestFirst)
    .limit(limit);
  return rows.reverse();
}

export interface StoredMessage {
  userId: string;
  conversationId: string;
  role: 'user' | 'assistant';
  content: string;
  inputMode: InputMode;
  aiOutputId?: string | null;
}

/** One message and its `tutor.message` event, in one transaction. Returns the message id. */
export async function storeMessage(db: Db, m: StoredMessage): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tutorMessages)
      .values({ userId: m.userId, conversationId: m.conversationId, role: m.role, content: m.content, aiOutputId: m.aiOutputId ?? null })
      .returning({ id: tutorMessages.id });
    if (m.role === 'user') await flagIfCrisis(tx, { userId: m.userId, source: 'chat', sourceId: row.id, text: m.content });
    await logEvent(tx, 'tutor.message', m.userId, {
      conversationId: m.conversationId,
      role: m.role,
      inputMode: m.inputMode,
      aiOutputId: m.aiOutputId ?? null,
    });
    return row.id;
  });
}

/** The user's conversations, newest activity first, each with its opening message as a title. */
export async function listConversations(db: Db, userId: string, limit = 50) {
  const stats = await db
    .select({
      conversationId: tutorMessages.conversationId,
      messages: count(),
      startedAt: min(tutorMessages.createdAt),
      lastAt: max(tutorMessages.createdAt),
    })
    .from(tutorMessages)
    .where(eq(tutorMessages.userId, userId))
    .groupBy(tutorMessages.conversationId)
    .orderBy(desc(max(tutorMessages.createdAt)))
    .limit(limit);
  if (stats.length === 0) return [];
  const firsts = await db
    .selectDistinctOn([tutorMessages.conversationId], { conversationId: tutorMessages.conversationId, content: tutorMessages.content })
    .from(tutorMessages)
    .where(and(eq(tutorMessages.userId, userId), eq(tutorMessages.role, 'user'), inArray(tutorMessages.conversationId, stats.map((s) => s.conversationId))))
    .orderBy(tutorMessages.conversationId, asc(tutorMessages.createdAt));
  const title = new Map(firsts.map((f) => [f.conversationId, f.content.length > 80 ? `${f.content.slice(0, 79)}…` : f.content]));
  return stats.map((s) => ({ ...s, title: title.get(s.conversationId) ?? '' }));
}

/**
 * A student's stored chat, grouped by conversation: every message with its ai_output id and
 * the student's rating of it. The newest `limit` messages, oldest first within each. Read by
 * the student, their accepted tutors and parents, and admins.
 */
export async function interactions(db: Db, actor: Actor, studentId: string, opts: { conversationId?: string; limit?: number } = {}) {
  await assertCanReadStudent(db, actor, studentId);
  const rows = await db
    .select({
      id: tutorMessages.id,
      conversationId: tutorMessages.conversationId,
      role: tutorMessages.role,
      content: tutorMessages.content,
      aiOutputId: tutorMessages.aiOutputId,
      createdAt: tutorMessages.createdAt,
      stars: feedbackRatings.stars,
      comment: feedbackRatings.comment,
    })
    .from(tutorMessages)
    .leftJoin(feedbackRatings, and(eq(feedbackRatings.aiOutputId, tutorMessages.aiOutputId), eq(feedbackRatings.userId, studentId)))
    .where(and(eq(tutorMessages.userId, studentId), opts.conversationId ? eq(tutorMessages.conversationId, opts.conversationId) : sql`true`))
    .orderBy(...newestFirst)
    .limit(opts.limit ?? 200);
  const conversations = new Map<string, { conversationId: string; messages: object[] }>();
  for (const r of rows.reverse()) {
    let c = conversations.get(r.conversationId);
    if (!c) conversations.set(r.conversationId, (c = { conversationId: r.conversationId, messages: [] }));
    c.messages.push({
      id: r.id,
      role: r.role,
      content: r.content,
      aiOutputId: r.aiOutputId,
      createdAt: r.createdAt,
      rating: r.stars === null ? null : { stars: r.stars, comment: r.comment },
    });
  }
  return { userId: studentId, conversations: [...conversations.values()] };
}
