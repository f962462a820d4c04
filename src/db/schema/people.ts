import { boolean, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LINK_KINDS, LINK_STATUSES, ROLES } from '../enums.ts';
import { createdAt, id, ts } from './columns.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored lower-cased; uniqueness is on this column. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Known only for students; decides whether a parent must give training consent. */
    birthDate: date('birth_date'),
    /** Rows made by `satprep simulate`; never exported as real data. */
    isSimulated: boolean('is_simulated').notNull().default(false),
    trainingConsent: boolean('training_consent').notNull().default(false),
    consentGivenBy: uuid('consent_given_by'),
    consentGivenAt: ts('consent_given_at'),
    consentRevokedAt: ts('consent_revoked_at'),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** SHA-256 of the token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    /** All rotations of one sign-in share a family; reuse of a rotated token revokes it. */
    family: uuid('family').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_user_idx').on(t.userId)],
);

/**
 * A link request to an email that is not a student's account (yet): kept so the request looks
 * the same whether or not the address is a student's — a requester must not learn that from the
 * reply — and turned into a pending link if a student signs up with that address.
 */
export const linkInvites = pgTable(
  'link_invites',
  {
    id: id(),
    requesterId: uuid('requester_id').notNull().references(() => users.id),
    /** Lower-cased, as `users.email`. */
    email: text('email').notNull(),
    kind: text('kind', { enum: LINK_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('link_invites_pair_uq').on(t.requesterId, t.email), index('link_invites_email_idx').on(t.email)],
);

/** A tutor or parent's access to a student, granted by the student or their parent. */
export const links = pgTable(
  'links',
  {
    id: id(),
    requesterId: uuid('requester_id').notNull().references(() => users.id),
    studentId: uuid('student_id').notNull().references(() => users.id),
    kind: text('kind', { enum: LINK_KINDS }).notNull(),
    status: text('status', { enum: LINK_STATUSES }).notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('links_pair_uq').on(t.requesterId, t.studentId), index('links_student_idx').on(t.studentId)],
);
