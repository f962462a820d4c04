/**
 * Bearer-token authentication. `app.authenticate` is a preHandler that verifies the
 * access token, checks the account still exists (deleted users lose access at once, not
 * when their token expires) and sets `req.actor`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../accounts/access.ts';
import { verifyAccess, type AccessClaims, type TokenSettings } from '../../accounts/tokens.ts';
import { findActiveUser } from '../../accounts/users.ts';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import type { Role } from '../../db/enums.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    authenticate: (req: FastifyRequest) => Promise<void>;
    requireRole: (...roles: Role[]) => (req: FastifyRequest) => Promise<void>;
    tokens: TokenSettings;
  }
}

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : null;
}

const ALIVE_TTL_MS = 15_000;

const verified = new WeakMap<FastifyRequest, Promise<AccessClaims>>();

/**
 * The request's access-token claims, verified once per request: the rate limiter (which keys
 * by user) and `authenticate` both ask, and an HMAC check per ask was a measurable share of a
 * request's CPU. A refusal is remembered too and rethrown to each asker.
 */
export function requestClaims(req: FastifyRequest, token: string, tokens: TokenSettings): Promise<AccessClaims> {
  let claims = verified.get(req);
  if (!claims) verified.set(req, (claims = verifyAccess(token, tokens)));
  return claims;
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { tokens: TokenSettings }) => {
  app.decorate('tokens', opts.tokens);
  app.decorateRequest('actor', null as unknown as Actor);

  app.decorate('authenticate', async (req: FastifyRequest) => {
    const token = bearer(req);
    if (!token) throw unauthorized('missing bearer token');
    const claims = await requestClaims(req, token, opts.tokens);
    // A short cache of "this account is active" keeps the per-request cost at one lookup per 15 s.
    const key = `alive:${claims.userId}`;
    const cache = app.deps.cache;
    if ((await cache.get(key)) !== claims.role) {
      const user = await findActiveUser(app.deps.database.db, claims.userId);
      if (!user) throw unauthorized('account no longer exists');
      await cache.set(key, user.role, ALIVE_TTL_MS);
    }
    req.actor = { userId: claims.userId, role: claims.role };
  });

  app.decorate('requireRole', (...roles: Role[]) => async (req: FastifyRequest) => {
    await app.authenticate(req);
    if (!roles.includes(req.actor.role)) throw forbidden(`requires role ${roles.join(' or ')}`);
  });
});

/** Forget the cached "active" flag (after deletion), so the next request re-checks. */
export async function forgetActive(app: FastifyInstance, userId: string): Promise<void> {
  await app.deps.cache.del(`alive:${userId}`);
}
