/**
 * Closed sets of values stored in the database. Each is one `as const` array; the TS
 * type, the column type and the zod validators all derive from it.
 */
export const ROLES = ['student', 'tutor', 'parent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LINK_KINDS = ['tutor', 'parent'] as const;
export const LINK_STATUSES = ['pending', 'accepted', 'revoked'] as const;

export const QUESTION_TYPES = ['mcq', 'spr'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const ORIGINS = ['generated', 'authored', 'imported'] as const;
export const ITEM_STATUSES = ['operational', 'pretest', 'retired'] as const;

export const SESSION_KINDS = ['practice', 'diagnostic', 'full_test', 'review'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATUSES = ['active', 'completed', 'abandoned'] as const;

export const PLAN_STATUSES = ['active', 'superseded'] as const;
export const PLAN_ACTIONS = ['completed', 'skipped'] as const;

export const AI_TASKS = [
  'feedback',
  'explain',
  'plan_adjust',
  'lesson_summary',
  'help',
  'review',
  'note_reply',
  'tutor_chat',
] as const;
export type AiTaskName = (typeof AI_TASKS)[number];
export const isAiTask = (t: string): t is AiTaskName => (AI_TASKS as readonly string[]).includes(t);

export const NOTE_VISIBILITY = ['private', 'community'] as const;
export const REPLY_KINDS = ['ai', 'community', 'tutor'] as const;
export const CHAT_ROLES = ['user', 'assistant'] as const;
export const REPORT_TARGETS = ['note', 'reply'] as const;
/** Where a student's flagged words were written: a tutor chat message, a note, a reply under a note, a help request. */
export const SAFETY_SOURCES = ['chat', 'note', 'reply', 'help'] as const;
export type SafetySource = (typeof SAFETY_SOURCES)[number];
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'dismissed'] as const;
export const SUGGESTION_TRIGGERS = ['test', 'skip', 'manual'] as const;
/** Why points were given; with the source id, each award happens once (replays never double-count). */
export const POINT_REASONS = ['practice', 'answer', 'full_test', 'diagnostic', 'streak', 'badge', 'plan_task', 'helpful_answer'] as const;
export type PointReason = (typeof POINT_REASONS)[number];

export const MODEL_KINDS = ['lm', 'sel'] as const;
export const MODEL_STATUSES = ['candidate', 'active', 'retired'] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
