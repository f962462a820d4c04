/**
 * Access and refresh tokens. Access: a short-lived HS256 JWT carrying the user id and
 * role, with the signing key's id (`kid`) in its header so keys can rotate: the current
 * key signs, previous keys still verify the tokens they signed until those expire. Refresh: 32 random bytes, stored only as a SHA-256 hash, rotated on every use;
 * presenting an already-rotated token revokes its whole family (RFC 6819 §5.2.2.3 —
 * a replayed refresh token means it was stolen).
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { Db, Tx } from '../db/client.ts';
import type { Role } from '../db/enums.ts';
import { refreshTokens } from '../db/schema/index.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { unauthorized } from '../lib/errors.ts';

export interface TokenSettings {
  /** The current key: signs every new access token. */
  secret: Uint8Array;
  /** Keys that only verify (a rotated-out key, until the tokens it signed have expired). */
  previous?: readonly Uint8Array[];
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

const kids = new WeakMap<Uint8Array, string>();

/**
 * A key's id, derived from the key itself so configuration cannot pair a key with the wrong
 * id. An HMAC under the key reveals no more about it than any token it signs does.
 */
export function keyId(secret: Uint8Array): string {
  let kid = kids.get(secret);
  if (!kid) kids.set(secret, (kid = createHmac('sha256', secret).update('satprep/jwt-kid/v1').digest('base64url').slice(0, 16)));
  return kid;
}

export async function signAccess(claims: AccessClaims, s: TokenSettings): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256', kid: keyId(s.secret) })
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(`${s.accessTtlSeconds}s`)
    .sign(s.secret);
}

const verifyKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/**
 * The key as a WebCrypto HMAC key, imported once: handed raw bytes, jose imports them again on
 * every verification, a measurable share of each authenticated request (bench/api profile).
 */
function verifyKey(secret: Uint8Array): Promise<CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) verifyKeys.set(secret, (key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])));
  return key;
}

/** The keys that may have signed `token`: the one its kid names, or every key for a token from before kids. */
function candidateKeys(token: string, s: TokenSettings): Uint8Array[] {
  const keys = [s.secret, ...(s.previous ?? [])];
  const { kid } = decodeProtectedHeader(token);
  return kid === undefined ? keys : keys.filter((k) => keyId(k) === kid);
}

/**
 * Tokens already verified, with their claims and expiry, so a client's next requests skip the
 * HMAC (an access token is stateless: what verified once stays valid until it expires, and a
 * key taken out of the configuration takes new settings, which start with an empty cache).
 * Bounded; oldest out first.
 */
const verifiedBySettings = new WeakMap<TokenSettings, BoundedMap<string, { claims: AccessClaims; expiresAtMs: number }>>();

export async function verifyAccess(token: string, s: TokenSettings): Promise<AccessClaims> {
  let verified = verifiedBySettings.get(s);
  if (!verified) verifiedBySettings.set(s, (verified = new BoundedMap(10_000)));
  const hit = verified.get(token);
  if (hit && hit.expiresAtMs > Date.now()) return hit.claims;
  if (hit) verified.delete(token);
  try {
    for (const key of candidateKeys(token, s)) {
      const ok = await jwtVerify(token, await verifyKey(key), { algorithms: ['HS256'] }).catch(() => null);
      if (!ok) continue;
      const { payload } = ok;
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') break;
      const claims: AccessClaims = { userId: payload.sub, role: payload.role as Role };
      if (typeof payload.exp === 'number') {
        verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
      }
      return claims;
    }
  } catch {
    /* a malformed header: refused below */
  }
  throw unauthorized('invalid or expired access token');
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
    // Deleting an account revokes its tokens: a refresh after that is no theft, the account is gone.
    const role = await lookupRole(tx, row.userId);
    if (!role) throw unauthorized('account no longer exists');
    if (row.revokedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.family, row.family), isNull(refreshTokens.revokedAt)));
      return 'reused' as const;
    }
    if (row.expiresAt.getTime() < Date.now()) throw unauthorized('refresh token expired');
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
