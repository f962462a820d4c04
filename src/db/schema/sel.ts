import { doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { users } from './people.ts';

/**
 * What a student said after a round of a learning game (issue 13), one row per utterance,
 * as the game submits it. `gameSessionId` is the game's own id for the round, not a
 * `sessions` row. Student, round, time and the text's SHA-256 make a resubmitted
 * utterance a no-op.
 */
export const selUtterances = pgTable(
  'sel_utterances',
  {
    id: id(),
    studentId: uuid('student_id').notNull().references(() => users.id),
    gameSessionId: text('game_session_id').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    spokenAt: ts('spoken_at').notNull(),
    /** The student, or an admin importing on their behalf. */
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sel_utterances_uq').on(t.studentId, t.gameSessionId, t.spokenAt, t.textHash),
    index('sel_utterances_session_idx').on(t.studentId, t.gameSessionId, t.spokenAt),
  ],
);

/** How the student played one round: the nine behavioural counts of `src/sel/skills.ts`, once per round. */
export const selTelemetry = pgTable(
  'sel_telemetry',
  {
    id: id(),
    studentId: uuid('student_id').notNull().references(() => users.id),
    gameSessionId: text('game_session_id').notNull(),
    sessionMinutes: doublePrecision('session_minutes').notNull(),
    tasksAttempted: integer('tasks_attempted').notNull(),
    tasksCompleted: integer('tasks_completed').notNull(),
    helpRequests: integer('help_requests').notNull(),
    helpGiven: integer('help_given').notNull(),
    chatMessages: integer('chat_messages').notNull(),
    resourcesShared: integer('resources_shared').notNull(),
    retriesAfterFailure: integer('retries_after_failure').notNull(),
    frustrationEvents: integer('frustration_events').notNull(),
    endedAt: ts('ended_at').notNull(),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sel_telemetry_uq').on(t.studentId, t.gameSessionId), index('sel_telemetry_student_idx').on(t.studentId, t.endedAt)],
);
