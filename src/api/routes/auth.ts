import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSignInThrottle, memoryThrottleStore, redisThrottleStore, withFallback } from '../../accounts/throttle.ts';
import { issueTokens, revokeFamily, rotateRefresh } from '../../accounts/tokens.ts';
import { authenticate, createUser, findActiveUser, publicUser, signUpSchema } from '../../accounts/users.ts';
import { notFound } from '../../lib/errors.ts';

const tokenPair = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number() });
const refreshBody = z.object({ refreshToken: z.string().min(10).max(200) });
const security = [{ bearer: [] }];

export async function authRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, config, tokens, redis } = app.deps;
  const db = database.db;
  const local = memoryThrottleStore();
  const throttle = createSignInThrottle(redis ? withFallback(redisThrottleStore(redis), local) : local, {
    maxPerAccount: config.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerIp: config.SIGNIN_MAX_FAILURES_PER_IP,
    windowMs: config.SIGNIN_LOCKOUT_S * 1000,
  });

  app.post('/signup', { schema: { tags: ['auth'], body: signUpSchema } }, async (req, reply) => {
    const user = await createUser(db, req.body, { scryptCost: config.SCRYPT_COST });
    const pair = await issueTokens(db, { userId: user.id, role: user.role }, tokens);
    return reply.status(201).send({ user: publicUser(user), ...pair });
  });

  app.post(
    '/signin',
    {
      schema: {
        tags: ['auth'],
        description: 'Failed sign-ins are limited per account and per client address (the SIGNIN_* settings); past a limit, 429 with Retry-After.',
        body: z.object({ email: z.string().max(254), password: z.string().max(200) }),
        response: { 200: tokenPair },
      },
    },
    async (req) => {
      const { email, password } = req.body;
      const user = await throttle.guard(email, req.ip, () => authenticate(db, email, password));
      return issueTokens(db, { userId: user.id, role: user.role }, tokens);
    },
  );

  app.post('/refresh', { schema: { tags: ['auth'], body: refreshBody, response: { 200: tokenPair } } }, async (req) =>
    rotateRefresh(db, req.body.refreshToken, tokens, async (tx, userId) => (await findActiveUser(tx, userId))?.role ?? null),
  );

  app.post('/signout', { schema: { tags: ['auth'], body: refreshBody } }, async (req, reply) => {
    await revokeFamily(db, req.body.refreshToken);
    return reply.status(204).send();
  });

  app.get('/me', { schema: { tags: ['auth'], security }, preHandler: app.authenticate }, async (req) => {
    const user = await findActiveUser(db, req.actor.userId);
    if (!user) throw notFound('no such user');
    return publicUser(user);
  });
}
