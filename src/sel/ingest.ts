/**
 * Ingestion of a student's game data: utterances (what they said after a round) and
 * telemetry (the nine behavioural counts of that round), as the game client submits them.
 *
 * Who may submit: the student (the game runs signed in as them) and admins (imports).
 * Linked tutors and parents may read the scores but not submit: the scores come from this
 * data, so anyone who could add utterances for a student could steer that student's
 * assessment, and a tutor's observations are not the student's own words.
 *
 * Writes are idempotent: an utterance is keyed by (student, round, time, text), telemetry
 * by (student, round); the same telemetry again is a no-op, different figures for a round
 * already stored are a conflict (a round is reported once, when it ends).
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../accounts/access.ts';
import { findActiveUser } from '../accounts/users.ts';
import { logEvent } from '../collect/events.ts';
import type { Db } from '../db/client.ts';
import { selTelemetry, selUtterances } from '../db/schema/index.ts';
import { conflict, forbidden, notFound } from '../lib/errors.ts';
import { BEHAVIOURAL_FEATURES, FEATURE_TABLE, type BehaviouralFeature } from './skills.ts';
import type { BehaviourVector } from './telemetry.ts';

export const MAX_UTTERANCES_PER_REQUEST = 50;
export const MAX_UTTERANCE_CHARS = 2000;
/** Timestamps may run this far ahead of the server clock (device clocks drift). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST = Date.parse('2020-01-01T00:00:00Z');

/** The game's id for a round: opaque to us, so only its alphabet and length are checked. */
export const gameSessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'a game session id is 1–100 letters, digits and . _ : - (starting with a letter or digit)');

const instant = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) >= EARLIEST && Date.parse(s) <= Date.now() + MAX_CLOCK_SKEW_MS, 'must lie between 2020 and now');

export const utteranceBatchSchema = z.strictObject({
  utterances: z
    .array(z.strictObject({ gameSessionId: gameSessionIdSchema, text: z.string().trim().min(1).max(MAX_UTTERANCE_CHARS), spokenAt: instant }))
    .min(1)
    .max(MAX_UTTERANCES_PER_REQUEST),
});
export type UtteranceBatch = z.infer<typeof utteranceBatchSchema>;

const count = (f: BehaviouralFeature) => {
  const [lo, hi] = FEATURE_TABLE[f].range;
  return f === 'session_minutes' ? z.number().finite().min(lo).max(hi) : z.number().int().min(lo).max(hi);
};

export const behaviourSchema = z
  .strictObject(Object.fromEntries(BEHAVIOURAL_FEATURES.map((f) => [f, count(f)])) as Record<BehaviouralFeature, z.ZodNumber>)
  .refine((b) => b.tasks_completed <= b.tasks_attempted, { message: 'tasks_completed cannot exceed tasks_attempted', path: ['tasks_completed'] })
  .refine((b) => b.retries_after_failure <= b.tasks_attempted, { message: 'retries_after_failure cannot exceed tasks_attempted', path: ['retries_after_failure'] });

export const telemetrySchema = z.strictObject({ gameSessionId: gameSessionIdSchema, endedAt: instant, behaviour: behaviourSchema });
export type TelemetryInput = z.infer<typeof telemetrySchema>;

/** Feature name → column of `sel_telemetry`, one mapping for writing and reading. */
export const TELEMETRY_COLUMNS = {
  session_minutes: 'sessionMinutes',
  tasks_attempted: 'tasksAttempted',
  tasks_completed: 'tasksCompleted',
  help_requests: 'helpRequests',
  help_given: 'helpGiven',
  chat_messages: 'chatMessages',
  resources_shared: 'resourcesShared',
  retries_after_failure: 'retriesAfterFailure',
  frustration_events: 'frustrationEvents',
} as const satisfies Record<BehaviouralFeature, keyof typeof selTelemetry.$inferSelect>;

export function behaviourOf(row: typeof selTelemetry.$inferSelect): BehaviourVector {
  return Object.fromEntries(BEHAVIOURAL_FEATURES.map((f) => [f, row[TELEMETRY_COLUMNS[f]]])) as BehaviourVector;
}

/** The student themself or an admin, for an existing student account (403 before 404). */
export async function assertCanSubmitFor(db: Db, actor: Actor, studentId: string): Promise<void> {
  if (actor.role !== 'admin' && actor.userId !== studentId) throw forbidden('only the student or an admin may submit game data for a student');
  const student = await findActiveUser(db, studentId);
  if (!student || student.role !== 'student') throw notFound('no such student');
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function storeUtterances(db: Db, actor: Actor, studentId: string, batch: UtteranceBatch): Promise<{ stored: number; duplicates: number }> {
  await assertCanSubmitFor(db, actor, studentId);
  return db.transaction(async (tx) => {
    const rows = batch.utterances.map((u) => ({
      studentId, gameSessionId: u.gameSessionId, text: u.text, textHash: sha256(u.text), spokenAt: new Date(u.spokenAt), submittedBy: actor.userId,
    }));
    const inserted = await tx.insert(selUtterances).values(rows).onConflictDoNothing().returning({ id: selUtterances.id });
    const result = { stored: inserted.length, duplicates: rows.length - inserted.length };
    if (result.stored > 0) {
      await logEvent(tx, 'sel.utterances_stored', actor.userId, { studentId, ...result, gameSessions: new Set(rows.map((r) => r.gameSessionId)).size });
    }
    return result;
  });
}

export async function storeTelemetry(db: Db, actor: Actor, studentId: string, input: TelemetryInput): Promise<{ stored: boolean }> {
  await assertCanSubmitFor(db, actor, studentId);
  return db.transaction(async (tx) => {
    const columns = Object.fromEntries(BEHAVIOURAL_FEATURES.map((f) => [TELEMETRY_COLUMNS[f], input.behaviour[f]])) as Record<(typeof TELEMETRY_COLUMNS)[BehaviouralFeature], number>;
    const inserted = await tx
      .insert(selTelemetry)
      .values({ studentId, gameSessionId: input.gameSessionId, endedAt: new Date(input.endedAt), submittedBy: actor.userId, ...columns })
      .onConflictDoNothing()
      .returning({ id: selTelemetry.id });
    if (inserted.length > 0) {
      await logEvent(tx, 'sel.telemetry_stored', actor.userId, { studentId, gameSessionId: input.gameSessionId });
      return { stored: true };
    }
    const [prior] = await tx.select().from(selTelemetry).where(and(eq(selTelemetry.studentId, studentId), eq(selTelemetry.gameSessionId, input.gameSessionId)));
    const before = behaviourOf(prior);
    const differs = BEHAVIOURAL_FEATURES.filter((f) => before[f] !== input.behaviour[f]);
    if (differs.length > 0 || prior.endedAt.getTime() !== Date.parse(input.endedAt)) {
      throw conflict('telemetry for this game session is already stored with other figures', { gameSessionId: input.gameSessionId, differs });
    }
    return { stored: false };
  });
}
