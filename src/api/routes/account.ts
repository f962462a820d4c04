import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, deleteAccount, findActiveUser } from '../../accounts/users.ts';
import { exportOwnData } from '../../collect/export.ts';
import { unauthorized } from '../../lib/errors.ts';
import { forgetActive } from '../plugins/auth.ts';

const security = [{ bearer: [] }];

/** Data rights: access to one's own data, and deletion. */
export async function accountRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get('/ai_data/export/me', { schema: { tags: ['data rights'], security }, preHandler: app.authenticate }, async (req) =>
    exportOwnData(db, req.actor.userId),
  );

  // Admin only: the interaction log of consenting students, pseudonymised, as an `export` job (src/jobs; read it at GET /jobs/:id).
  app.post('/ai_data/export', { schema: { tags: ['data rights'], security }, preHandler: app.requireRole('admin') }, async (req, reply) => {
    const job = await app.deps.jobs!.enqueue('export', {}, { requestedBy: req.actor.userId });
    return reply.status(202).send({ jobId: job.id, status: job.status, poll: `/jobs/${job.id}` });
  });

  app.delete(
    '/account',
    { schema: { tags: ['data rights'], security, body: z.object({ password: z.string().max(200) }) }, preHandler: app.authenticate },
    async (req, reply) => {
      const user = await findActiveUser(db, req.actor.userId);
      if (!user) throw unauthorized('account no longer exists');
      // Re-entering the password guards against a stolen access token deleting the account.
      await authenticate(db, user.email, req.body.password);
      await deleteAccount(db, user.id);
      await forgetActive(app, user.id);
      return reply.status(204).send();
    },
  );
}
