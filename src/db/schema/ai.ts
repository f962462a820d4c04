import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { AI_TASKS, CHAT_ROLES, NOTE_VISIBILITY, REPLY_KINDS, REPORT_TARGETS } from '../enums.ts';
import { createdAt, id, ts } from './columns.ts';
import { users } from './people.ts';

/** Every generated text with the structured input that produced it: the flywheel's raw material. */
export const aiOutputs = pgTable(
  'ai_outputs',
  {
    id: id(),
    task: text('task', { enum: AI_TASKS }).notNull(),
    promptVersion: text('prompt_version').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    prompt: text('prompt').notNull(),
    output: text('output').notNull(),
    provider: text('provider').notNull(),
    modelVersion: text('model_version'),
    latencyMs: integer('latency_ms').notNull(),
    checks: jsonb('checks').$type<{ name: string; pass: boolean; reason?: string }[]>().notNull(),
    passed: boolean('passed').notNull(),
    userId: uuid('user_id').references(() => users.id),
    sessionId: uuid('session_id'),
    questionId: text('question_id'),
    createdAt: createdAt(),
  },
  (t) => [index('ai_outputs_task_idx').on(t.task, t.createdAt), index('ai_outputs_user_idx').on(t.userId)],
);

export const feedbackRatings = pgTable(
  'feedback_ratings',
  {
    id: id(),
    aiOutputId: uuid('ai_output_id').notNull().references(() => aiOutputs.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    stars: integer('stars').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('feedback_ratings_once_uq').on(t.aiOutputId, t.userId),
    check('feedback_ratings_stars_ck', sql`${t.stars} between 1 and 5`),
  ],
);

export const helpRequests = pgTable(
  'help_requests',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    questionId: text('question_id'),
    sessionId: uuid('session_id'),
    message: text('message').notNull(),
    aiOutputId: uuid('ai_output_id').references(() => aiOutputs.id),
    createdAt: createdAt(),
  },
  (t) => [index('help_requests_user_idx').on(t.userId)],
);

export const notes = pgTable(
  'notes',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    questionId: text('question_id'),
    lessonId: text('lesson_id'),
    skill: text('skill'),
    body: text('body').notNull(),
    visibility: text('visibility', { enum: NOTE_VISIBILITY }).notNull().default('private'),
    upvotes: integer('upvotes').notNull().default(0),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
    /** Hidden by moderation (reports past the threshold, or an admin). */
    hiddenAt: ts('hidden_at'),
  },
  (t) => [index('notes_question_idx').on(t.questionId), index('notes_user_idx').on(t.userId)],
);

export const noteReplies = pgTable(
  'note_replies',
  {
    id: id(),
    noteId: uuid('note_id').notNull().references(() => notes.id),
    /** Null for AI replies. */
    authorId: uuid('author_id').references(() => users.id),
    kind: text('kind', { enum: REPLY_KINDS }).notNull(),
    body: text('body').notNull(),
    aiOutputId: uuid('ai_output_id').references(() => aiOutputs.id),
    upvotes: integer('upvotes').notNull().default(0),
    /** Marked helpful by the note's author: a helpful human reply is a human-written training output. */
    helpful: boolean('helpful').notNull().default(false),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
    hiddenAt: ts('hidden_at'),
  },
  (t) => [index('note_replies_note_idx').on(t.noteId)],
);

/** One upvote per user and note or reply: the counters on notes/note_replies are derived from these rows. */
export const communityVotes = pgTable(
  'community_votes',
  {
    targetKind: text('target_kind', { enum: REPORT_TARGETS }).notNull(),
    targetId: uuid('target_id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.targetKind, t.targetId, t.userId] })],
);

/** Moderation reports, one per reporter and target. */
export const communityReports = pgTable(
  'community_reports',
  {
    id: id(),
    targetKind: text('target_kind', { enum: REPORT_TARGETS }).notNull(),
    targetId: uuid('target_id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('community_reports_once_uq').on(t.targetKind, t.targetId, t.userId)],
);

export const tutorMessages = pgTable(
  'tutor_messages',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    conversationId: uuid('conversation_id').notNull(),
    role: text('role', { enum: CHAT_ROLES }).notNull(),
    content: text('content').notNull(),
    aiOutputId: uuid('ai_output_id').references(() => aiOutputs.id),
    createdAt: createdAt(),
  },
  (t) => [index('tutor_messages_conv_idx').on(t.conversationId, t.createdAt)],
);
