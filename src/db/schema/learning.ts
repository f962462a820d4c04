import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  doublePrecision,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { PLAN_ACTIONS, PLAN_STATUSES, POINT_REASONS, SESSION_KINDS, SESSION_STATUSES, SUGGESTION_STATUSES, SUGGESTION_TRIGGERS } from '../enums.ts';
import { createdAt, id, ts } from './columns.ts';
import { users } from './people.ts';
import { questions } from './content.ts';

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('active'),
    section: text('section'),
    skills: jsonb('skills').$type<string[]>(),
    /** The adaptive engine's state (θ, SE, items served, module routing, deadlines). */
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
    /** Optimistic-concurrency counter: each write checks and bumps it. */
    version: integer('version').notNull().default(0),
    startedAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId, t.kind)],
);

export const responses = pgTable(
  'responses',
  {
    id: id(),
    sessionId: uuid('session_id').notNull().references(() => sessions.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    questionId: text('question_id').notNull().references(() => questions.id),
    answer: text('answer'),
    correct: boolean('correct').notNull(),
    timeSpentMs: integer('time_spent_ms').notNull(),
    thetaBefore: doublePrecision('theta_before'),
    thetaAfter: doublePrecision('theta_after'),
    seAfter: doublePrecision('se_after'),
    /** Unscored pretest item: recorded for calibration only. */
    isPretest: boolean('is_pretest').notNull().default(false),
    /** Client-chosen key: a retried submit returns the first result instead of a duplicate. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('responses_idem_uq').on(t.userId, t.idempotencyKey),
    index('responses_session_idx').on(t.sessionId),
    index('responses_user_idx').on(t.userId, t.createdAt),
    index('responses_question_idx').on(t.questionId),
  ],
);

/** Current ability and mastery per user and skill. */
export const proficiency = pgTable(
  'proficiency',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    skill: text('skill').notNull(),
    theta: doublePrecision('theta').notNull(),
    se: doublePrecision('se').notNull(),
    /** Bayesian Knowledge Tracing p(learned). */
    mastery: doublePrecision('mastery').notNull(),
    nResponses: integer('n_responses').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skill] })],
);

export const proficiencyHistory = pgTable(
  'proficiency_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    skill: text('skill').notNull(),
    theta: doublePrecision('theta').notNull(),
    se: doublePrecision('se').notNull(),
    mastery: doublePrecision('mastery').notNull(),
    responseId: uuid('response_id'),
    createdAt: createdAt(),
  },
  (t) => [index('proficiency_history_user_idx').on(t.userId, t.skill, t.createdAt)],
);

export const testResults = pgTable(
  'test_results',
  {
    id: id(),
    sessionId: uuid('session_id').notNull().references(() => sessions.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    rwScore: integer('rw_score'),
    mathScore: integer('math_score'),
    total: integer('total'),
    rwSe: doublePrecision('rw_se'),
    mathSe: doublePrecision('math_se'),
    /** Bands, per-domain performance, routing decisions. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('test_results_session_uq').on(t.sessionId)],
);

export const studyPlans = pgTable(
  'study_plans',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    version: integer('version').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('active'),
    targetScore: integer('target_score'),
    testDate: text('test_date'),
    /** phases → days → tasks, each task with a stable id. */
    plan: jsonb('plan').$type<Record<string, unknown>>().notNull(),
    /** The ai_outputs row whose advice produced this version, if any. */
    aiOutputId: uuid('ai_output_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('study_plans_user_version_uq').on(t.userId, t.version)],
);

export const planActions = pgTable(
  'plan_actions',
  {
    id: id(),
    planId: uuid('plan_id').notNull().references(() => studyPlans.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    taskId: text('task_id').notNull(),
    action: text('action', { enum: PLAN_ACTIONS }).notNull(),
    reason: text('reason'),
    performanceSnapshot: jsonb('performance_snapshot').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('plan_actions_plan_idx').on(t.planId)],
);

/** A `plan_adjust` suggestion: shown with its reason, applied as a new plan version only when the student accepts. */
export const planSuggestions = pgTable(
  'plan_suggestions',
  {
    id: id(),
    planId: uuid('plan_id').notNull().references(() => studyPlans.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    trigger: text('trigger', { enum: SUGGESTION_TRIGGERS }).notNull(),
    /** The structured change the advice proposes (what the new version would apply). */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    aiOutputId: uuid('ai_output_id'),
    status: text('status', { enum: SUGGESTION_STATUSES }).notNull().default('pending'),
    /** The plan version an accepted suggestion produced. */
    appliedPlanId: uuid('applied_plan_id'),
    createdAt: createdAt(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [index('plan_suggestions_plan_idx').on(t.planId)],
);

/** The points ledger: the balance is the sum; (user, reason, source) is unique so an award is never counted twice. */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    reason: text('reason', { enum: POINT_REASONS }).notNull(),
    /** What earned it: a session id, a response id, a date for a streak, a badge id. */
    sourceId: text('source_id').notNull(),
    points: integer('points').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('points_ledger_once_uq').on(t.userId, t.reason, t.sourceId)],
);

export const userBadges = pgTable(
  'user_badges',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    badgeId: text('badge_id').notNull(),
    awardedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.badgeId] })],
);
