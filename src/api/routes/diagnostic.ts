import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { section as sectionInfo, SECTIONS, type DomainId } from '../../content/taxonomy.ts';
import { finishSession } from '../../practice/finish.ts';
import { generateReviews, listReviews } from '../../practice/review.ts';
import { answerQuestion, sessionView, startSession } from '../../practice/sessions.ts';
import { answerBody, idempotencyHeader } from './practice.ts';

const security = [{ bearer: [] }];
const sessionParams = z.object({ id: z.uuid() });

/** The diagnostic (a short adaptive test per section) and session review. */
export async function diagnosticRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai } = app.deps;
  const db = database.db;
  const kinds = ['diagnostic'] as const;

  app.post(
    '/diagnostic/start',
    { schema: { tags: ['diagnostic'], security, body: z.object({ section: z.enum(SECTIONS), count: z.number().int().min(6).max(30).default(12) }) }, preHandler: app.authenticate },
    async (req, reply) => {
      const sec = sectionInfo(req.body.section);
      const content = { by: 'domain' as const, areas: sec.domains.map((d) => d.id as DomainId), shares: sec.domains.map((d) => d.share) };
      return reply.status(201).send(await startSession(db, req.actor, 'diagnostic', content, req.body.count, sec.id));
    },
  );
  app.get('/diagnostic/:id', { schema: { tags: ['diagnostic'], security, params: sessionParams }, preHandler: app.authenticate }, async (req) =>
    sessionView(db, req.actor, req.params.id, kinds),
  );
  app.post('/diagnostic/:id/answer', { schema: { tags: ['diagnostic'], security, params: sessionParams, body: answerBody, headers: idempotencyHeader }, preHandler: app.authenticate }, async (req) =>
    answerQuestion(db, req.actor, req.params.id, kinds, { ...req.body, idempotencyKey: req.body.idempotencyKey ?? (req.headers['idempotency-key'] as string | undefined) }),
  );
  app.post('/diagnostic/:id/finish', { schema: { tags: ['diagnostic'], security, params: sessionParams }, preHandler: app.authenticate }, async (req) =>
    finishSession(db, ai, req.actor, req.params.id, kinds),
  );

  app.post('/review/:id', { schema: { tags: ['review'], security, params: sessionParams }, preHandler: app.authenticate }, async (req) =>
    generateReviews(db, ai, req.actor, req.params.id),
  );
  app.get('/review/:id', { schema: { tags: ['review'], security, params: sessionParams }, preHandler: app.authenticate }, async (req) =>
    listReviews(db, req.actor, req.params.id),
  );
}
