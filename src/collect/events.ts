/**
 * The interaction log (seeds/04's `log_interaction`, typed): every event type is declared
 * here once with a versioned payload schema, and written in the same transaction as the
 * action it records, so the log never claims what did not happen nor misses what did.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { events } from '../db/schema/index.ts';

const uuid = z.uuid();

export const EVENT_SCHEMAS = {
  'account.signed_up': { version: 1, payload: z.object({ role: z.string() }) },
  'account.deleted': { version: 1, payload: z.object({}) },
  /**
   * v2: the request's id (a link's, or an invite's when the address is no student's) and no
   * student id, so the requester's own export does not tell which it was (accounts/links.ts).
   */
  'link.requested': { version: 2, payload: z.object({ requestId: uuid, kind: z.string() }) },
  /** At a student's sign-up: a request made to their address before became a pending link (accounts/invites.ts). */
  'link.invite_claimed': { version: 1, payload: z.object({ inviteId: uuid, linkId: uuid }) },
  'link.decided': { version: 1, payload: z.object({ linkId: uuid, status: z.string(), by: uuid }) },
  'consent.changed': { version: 1, payload: z.object({ studentId: uuid, granted: z.boolean(), by: uuid }) },
  'data.exported': { version: 1, payload: z.object({ scope: z.enum(['self', 'all']), rows: z.number().int(), jobId: uuid.optional() }) },
  'session.started': {
    version: 1,
    payload: z.object({ sessionId: uuid, kind: z.string(), content: z.unknown(), length: z.number().int() }),
  },
  /** The origin documents' practice/test interaction: question, answer, time, θ before and after, type. */
  'question.answered': {
    version: 1,
    payload: z.object({
      sessionId: uuid,
      sessionKind: z.string(),
      questionId: z.string(),
      skill: z.string(),
      questionType: z.string(),
      answer: z.string(),
      correct: z.boolean(),
      timeSpentMs: z.number().int(),
      thetaBefore: z.number(),
      thetaAfter: z.number(),
      seAfter: z.number(),
      masteryAfter: z.number(),
    }),
  },
  'session.finished': {
    version: 1,
    payload: z.object({ sessionId: uuid, kind: z.string(), answered: z.number().int(), correct: z.number().int(), points: z.number().int() }),
  },
  'help.requested': {
    version: 1,
    payload: z.object({ sessionId: uuid, questionId: z.string(), inputMode: z.string(), aiOutputId: uuid.nullable() }),
  },
  'ai_output.rated': { version: 1, payload: z.object({ aiOutputId: uuid, stars: z.number().int(), updated: z.boolean() }) },
  'review.generated': { version: 1, payload: z.object({ sessionId: uuid, questionId: z.string(), aiOutputId: uuid.nullable() }) },
  'full_test.module_started': {
    version: 1,
    payload: z.object({ sessionId: uuid, section: z.string(), module: z.number().int(), route: z.enum(['easier', 'harder']).nullable(), deadline: z.string() }),
  },
  'full_test.module_closed': {
    version: 1,
    payload: z.object({ sessionId: uuid, section: z.string(), module: z.number().int(), reason: z.enum(['submitted', 'timed_out']), answered: z.number().int() }),
  },
  /** A full-length test's answer taken back (the grid-in box emptied): the question is blank again. */
  'full_test.answer_cleared': { version: 1, payload: z.object({ sessionId: uuid, questionId: z.string(), timeSpentMs: z.number().int() }) },
  'full_test.finished': {
    version: 1,
    payload: z.object({ sessionId: uuid, rwScore: z.number().int().nullable(), mathScore: z.number().int().nullable(), total: z.number().int().nullable() }),
  },
  /** A finished test's answers folded into the student's skill estimates (practice/full-test.ts). */
  'full_test.proficiency_updated': { version: 1, payload: z.object({ sessionId: uuid, answers: z.number().int(), skills: z.number().int() }) },
  'tutor.message': { version: 1, payload: z.object({ conversationId: uuid, role: z.string(), inputMode: z.string(), aiOutputId: uuid.nullable() }) },
  'plan.generated': { version: 1, payload: z.object({ planId: uuid, version: z.number().int(), days: z.number().int() }) },
  'plan.action': { version: 1, payload: z.object({ planId: uuid, taskId: z.string(), action: z.string() }) },
  'plan.suggested': { version: 1, payload: z.object({ planId: uuid, suggestionId: uuid, trigger: z.string(), aiOutputId: uuid.nullable() }) },
  'plan.suggestion_decided': { version: 1, payload: z.object({ suggestionId: uuid, status: z.string(), newPlanId: uuid.nullable() }) },
  /** A student marked a lesson read (plan/lesson-read.ts): what a lesson task's points are paid for. Each marking is one event. */
  'lesson.read': { version: 1, payload: z.object({ lessonId: z.string() }) },
  'community.note_posted': { version: 1, payload: z.object({ noteId: uuid, questionId: z.string().nullable(), visibility: z.string() }) },
  'community.replied': { version: 1, payload: z.object({ noteId: uuid, replyId: uuid, kind: z.string(), aiOutputId: uuid.nullable() }) },
  'community.voted': { version: 1, payload: z.object({ targetKind: z.string(), targetId: uuid, removed: z.boolean().optional() }) },
  'community.marked_helpful': { version: 1, payload: z.object({ noteId: uuid, replyId: uuid }) },
  'community.reported': { version: 1, payload: z.object({ targetKind: z.string(), targetId: uuid, hidden: z.boolean() }) },
  /** Every admin hide or unhide, changed or not: the moderation queue reads the latest as the target's review. */
  'community.moderated': { version: 1, payload: z.object({ targetKind: z.string(), targetId: uuid, hidden: z.boolean() }) },
  /** A student's words of self-harm, for a person to follow up (safety/alerts.ts); the payload never holds the words. */
  'safety.flagged': { version: 1, payload: z.object({ alertId: uuid, source: z.string(), sourceId: uuid }) },
  'safety.reviewed': { version: 1, payload: z.object({ alertId: uuid }) },
  'points.awarded': { version: 1, payload: z.object({ reason: z.string(), sourceId: z.string(), points: z.number().int() }) },
  'badge.awarded': { version: 1, payload: z.object({ badgeId: z.string() }) },
  'sync.replayed': { version: 1, payload: z.object({ actions: z.number().int(), applied: z.number().int(), duplicates: z.number().int(), failed: z.number().int() }) },
  'sel.utterances_stored': { version: 1, payload: z.object({ studentId: uuid, stored: z.number().int(), duplicates: z.number().int(), gameSessions: z.number().int() }) },
  'sel.telemetry_stored': { version: 1, payload: z.object({ studentId: uuid, gameSessionId: z.string() }) },
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_SCHEMAS)[T]['payload']>;

/** Validate and append one event (inside the caller's transaction when given one). */
export async function logEvent<T extends EventType>(
  db: Db | Tx,
  type: T,
  userId: string | null,
  payload: EventPayload<T>,
): Promise<void> {
  const def = EVENT_SCHEMAS[type];
  const parsed = def.payload.parse(payload) as Record<string, unknown>;
  await db.insert(events).values({ type, userId, schemaVersion: def.version, payload: parsed });
}

/**
 * Whether `userId` ever logged an event of `type` whose payload holds `match` (jsonb containment,
 * so only the named fields are compared): for facts the log alone records, such as a lesson read.
 */
export async function hasEvent<T extends EventType>(db: Db | Tx, type: T, userId: string, match: Partial<EventPayload<T>>): Promise<boolean> {
  const [row] = await db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.userId, userId), eq(events.type, type), sql`${events.payload} @> ${JSON.stringify(match)}::jsonb`))
    .limit(1);
  return row !== undefined;
}
