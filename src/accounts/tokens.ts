/**
 * Access and refresh tokens. Access: a short-lived HS256 JWT carrying the user id and
 * role. Refresh: 32 random bytes, stored only as a SHA-256 hash, rotated on every use;
 * presenting an already-rotated token revokes its whole family (RFC 6819 §5.2.2.3 —
 * a replayed refresh token means it was stolen).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import type { Db, Tx } from '../db/client.ts';
import type { Role } from '../db/enums.ts';
import { refreshTokens } from '../db/schema/index.ts';
import { unauthorized } from '../lib/errors.ts';

export interface TokenSettings {
  secret: Uint8Array;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

export interface AccessClaims {
  userId: string;
  role: Role;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function signAccess(claims: AccessClaims, s: TokenSettings): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(`${s.accessTtlSeconds}s`)
    .sign(s.secret);
}

export async function verifyAccess(token: string, s: TokenSettings): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, s.secret, { algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') throw new Error('claims');
    return { userId: payload.sub, role: payload.role as Role };
  } catch {
    throw unauthorized('invalid or expired access token');
  }
}

/** A new token pair; `family` continues a rotation chain or starts one at sign-in. */
export async function issueTokens(db: Db | Tx, claims: AccessClaims, s: TokenSettings, family: string = randomUUID()): Promise<TokenPair> {
  const refreshToken = randomBytes(32).toString('base64url');
  await db.insert(refreshTokens).values({
    userId: claims.userId,
    tokenHash: sha256(refreshToken),
    family,
    expiresAt: new Date(Date.now() + s.refreshTtlSeconds * 1000),
  });
  return { accessToken: await signAccess(claims, s), refreshToken, expiresIn: s.accessTtlSeconds };
}

/** Exchange a refresh token for a new pair. Reuse of a rotated token revokes the family. */
export async function rotateRefresh(
  db: Db,
  refreshToken: string,
  s: TokenSettings,
  lookupRole: (tx: Tx, userId: string) => Promise<Role | null>,
): Promise<TokenPair> {
  // The reuse case must commit its revocation, so it returns a marker instead of throwing
  // inside the transaction (which would roll the revocation back).
  const result = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(refreshToken))).for('update');
    if (!row) throw unauthorized('unknown refresh token');
    if (row.revokedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.family, row.family), isNull(refreshTokens.revokedAt)));
      return 'reused' as const;
    }
    if (row.expiresAt.getTime() < Date.now()) throw unauthorized('refresh token expired');
    const role = await lookupRole(tx, row.userId);
    if (!role) throw unauthorized('account no longer exists');
    await tx.update(refreshTokens).set({ revokedAt: new Date() }).where(eq(refreshTokens.id, row.id));
    return issueTokens(tx, { userId: row.userId, role }, s, row.family);
  });
  if (result === 'reused') throw unauthorized('refresh token reuse detected; please sign in again');
  return result;
}

/** Sign-out: revoke the presented token's whole family (other devices keep theirs). */
export async function revokeFamily(db: Db, refreshToken: string): Promise<void> {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(refreshToken)));
  if (!row) return;
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.family, row.family), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllForUser(db: Db | Tx, userId: string): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: new Date() }).where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
