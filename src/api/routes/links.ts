import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setConsent } from '../../accounts/consent.ts';
import { decideLink, listLinks, requestLink } from '../../accounts/links.ts';

const security = [{ bearer: [] }];
const idParam = z.object({ id: z.uuid() });

/** Tutor/parent links and training-data consent. */
export async function linkRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.post(
    '/links',
    { schema: { tags: ['links'], security, body: z.object({ studentEmail: z.email().max(254) }) }, preHandler: app.authenticate },
    async (req, reply) => reply.status(201).send(await requestLink(db, req.actor, req.body.studentEmail)),
  );
  app.get('/links', { schema: { tags: ['links'], security }, preHandler: app.authenticate }, async (req) => ({
    links: await listLinks(db, req.actor),
  }));
  app.post('/links/:id/accept', { schema: { tags: ['links'], security, params: idParam }, preHandler: app.authenticate }, async (req) =>
    decideLink(db, req.actor, req.params.id, 'accepted'),
  );
  app.post('/links/:id/revoke', { schema: { tags: ['links'], security, params: idParam }, preHandler: app.authenticate }, async (req) =>
    decideLink(db, req.actor, req.params.id, 'revoked'),
  );

  app.put(
    '/students/:id/consent',
    { schema: { tags: ['consent'], security, params: idParam, body: z.object({ granted: z.boolean() }) }, preHandler: app.authenticate },
    async (req) => setConsent(db, req.actor, req.params.id, req.body.granted),
  );
}
