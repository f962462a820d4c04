import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { SAFETY_SOURCES } from '../enums.ts';
import { createdAt, id, ts } from './columns.ts';
import { users } from './people.ts';

/**
 * A student's words that read as self-harm (ai/tasks/wellbeing.ts), kept for a person on the
 * team to check in: the AI answers with the crisis line, but an AI cannot follow up. Written
 * in the transaction that stores the message, so an acknowledged message is never unflagged.
 * The excerpt is the student's own text: it goes to admins only, to the student's export, and
 * is deleted with the account.
 */
export const safetyAlerts = pgTable(
  'safety_alerts',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    source: text('source', { enum: SAFETY_SOURCES }).notNull(),
    /** The tutor message, note, note reply or help request that was flagged. */
    sourceId: uuid('source_id').notNull(),
    excerpt: text('excerpt').notNull(),
    createdAt: createdAt(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
  },
  (t) => [index('safety_alerts_created_idx').on(t.createdAt), index('safety_alerts_user_idx').on(t.userId)],
);
