import { bigserial, index, integer, jsonb, pgTable, doublePrecision, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { JOB_STATUSES, MODEL_KINDS, MODEL_STATUSES } from '../enums.ts';
import { createdAt, id, ts } from './columns.ts';

/** The append-only interaction log: typed events with a schema version (seeds/04's log_interaction). */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id'),
    type: text('type').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('events_type_idx').on(t.type, t.createdAt), index('events_user_idx').on(t.userId, t.createdAt)],
);

export const datasets = pgTable('datasets', {
  /** `<name>@<version>` */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  version: text('version').notNull(),
  path: text('path').notNull(),
  manifest: jsonb('manifest').$type<Record<string, unknown>>().notNull(),
  card: text('card'),
  createdAt: createdAt(),
});

export const models = pgTable(
  'models',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    version: text('version').notNull(),
    kind: text('kind', { enum: MODEL_KINDS }).notNull(),
    status: text('status', { enum: MODEL_STATUSES }).notNull().default('candidate'),
    path: text('path').notNull(),
    datasetId: text('dataset_id'),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    promotedAt: ts('promoted_at'),
  },
  (t) => [index('models_kind_status_idx').on(t.kind, t.status)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    progress: doublePrecision('progress').notNull().default(0),
    message: text('message'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.createdAt)],
);

/**
 * Replies to retried writes: a client's Idempotency-Key is claimed in the same transaction
 * as the write, and a retry with the same key gets the stored reply instead of a second write.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
