/**
 * Accounts: sign-up, sign-in, lookup and deletion. Emails are stored lower-cased; an
 * admin is only ever created from the CLI (`satprep admin create`), never by sign-up.
 */
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import type { Role } from '../db/enums.ts';
import { linkInvites, links, safetyAlerts, selTelemetry, selUtterances, users } from '../db/schema/index.ts';
import { logEvent } from '../collect/events.ts';
import { conflict, unauthorized } from '../lib/errors.ts';
import { claimInvites } from './invites.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { revokeAllForUser } from './tokens.ts';

export const SELF_SERVICE_ROLES = ['student', 'tutor', 'parent'] as const;

/**
 * A letter, digit, punctuation mark or symbol, less the ones that draw nothing (Hangul
 * fillers, the blank Braille cell): trim() leaves zero-width characters, and a name of
 * only those shows as nobody in a tutor's list or a parent's link request.
 */
const VISIBLE = /(?![\u115F\u1160\u3164\uFFA0\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/** Earliest accepted birth date: anything before is a typo or a probe, not a student. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';
/** Today's date where it is latest (UTC+14), so someone born today anywhere is not "in the future". */
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

export const signUpSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(8, 'at least 8 characters').max(200),
  displayName: z.string().trim().min(1).max(80).regex(VISIBLE, 'a display name needs at least one visible character'),
  role: z.enum(SELF_SERVICE_ROLES),
  /** Students: YYYY-MM-DD. Decides whether training consent must come from a parent, so it must be a possible one. */
  birthDate: z.iso
    .date()
    .refine((d) => d >= EARLIEST_BIRTH_DATE, `a birth date must be ${EARLIEST_BIRTH_DATE} or later`)
    .refine((d) => d <= latestToday(), 'a birth date cannot be in the future')
    .optional(),
});
export type SignUp = z.infer<typeof signUpSchema>;

export type User = typeof users.$inferSelect;
export type PublicUser = Pick<User, 'id' | 'email' | 'displayName' | 'role' | 'birthDate' | 'trainingConsent' | 'createdAt'> & {
  /** A student under 18 or without a birth date: only a linked parent may turn consent on (consent.ts). */
  parentDecidesConsent: boolean;
};

export function publicUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    birthDate: u.birthDate,
    trainingConsent: u.trainingConsent,
    createdAt: u.createdAt,
    parentDecidesConsent: isMinor(u),
  };
}

export interface AccountSettings {
  scryptCost: number;
}

export async function createUser(db: Db, input: SignUp | (Omit<SignUp, 'role'> & { role: Role }), s: AccountSettings): Promise<User> {
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password, s.scryptCost);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw conflict('an account with this email already exists');
    const [user] = await tx
      .insert(users)
      .values({ email, passwordHash, displayName: input.displayName, role: input.role, birthDate: input.birthDate ?? null })
      .returning();
    await logEvent(tx, 'account.signed_up', user.id, { role: user.role });
    // Requests made to this address before it was a student's now reach them.
    if (user.role === 'student') await claimInvites(tx, user);
    return user;
  });
}

export async function authenticate(db: Db, email: string, password: string): Promise<User> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), isNull(users.deletedAt)));
  // Same work whether or not the account exists, so timing does not reveal which emails are registered.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw unauthorized('wrong email or password');
  return user;
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function findActiveUser(db: Db | Tx, id: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(and(eq(users.id, id), isNull(users.deletedAt)));
  return user ?? null;
}

/** Age in whole years on `today` (UTC). */
export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

/** A student without a known birth date is treated as a minor: the safe default for consent. */
export function isMinor(user: Pick<User, 'role' | 'birthDate'>, today = new Date()): boolean {
  return user.role === 'student' && (!user.birthDate || ageOn(user.birthDate, today) < 18);
}

/**
 * Deletion: personal fields are scrubbed and the row is marked deleted, so foreign keys
 * stay valid, every later export skips the user, and their community posts show no name.
 */
export async function deleteAccount(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        email: `deleted+${userId}@invalid`,
        displayName: 'Deleted user',
        passwordHash: '!deleted',
        birthDate: null,
        trainingConsent: false,
        consentRevokedAt: new Date(),
        deletedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await revokeAllForUser(tx, userId);
    // Nobody follows, or is followed by, a deleted account: its tutor and parent links end with it.
    await tx
      .update(links)
      .set({ status: 'revoked', decidedBy: userId, decidedAt: new Date() })
      .where(and(or(eq(links.studentId, userId), eq(links.requesterId, userId)), ne(links.status, 'revoked')));
    // What a student said in a learning game is their raw speech: removed outright, not kept scrubbed.
    await tx.delete(selUtterances).where(eq(selUtterances.studentId, userId));
    await tx.delete(selTelemetry).where(eq(selTelemetry.studentId, userId));
    // The words of a safety alert are the student's own, kept only for a person to follow up.
    await tx.delete(safetyAlerts).where(eq(safetyAlerts.userId, userId));
    // Requests this account made to addresses that are nobody's yet go with it.
    await tx.delete(linkInvites).where(eq(linkInvites.requesterId, userId));
    await logEvent(tx, 'account.deleted', userId, {});
  });
}
