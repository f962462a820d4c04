import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ContentSpec } from '../../assess/select.ts';
import { DOMAIN_IDS, domain as domainInfo, section as sectionInfo, SECTIONS, SKILL_IDS, skillsOf } from '../../content/taxonomy.ts';
import { badRequest, forbidden } from '../../lib/errors.ts';
import { finishSession } from '../../practice/finish.ts';
import { rateOutput, requestHelp } from '../../practice/help.ts';
import { mistakesSummary, startMistakesRetry } from '../../practice/mistakes.ts';
import { answerQuestion, sessionView, startSession } from '../../practice/sessions.ts';
import { practiceTaskFor } from '../../plan/practice-task.ts';

const security = [{ bearer: [] }];
const sessionParams = z.object({ id: z.uuid() });
/** Also guards the unique index on keys: an unbounded key would fail in the database, not here. */
export const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }).passthrough();

export const answerBody = z.object({
  questionId: z.string().min(1).max(200),
  answer: z.string().min(1).max(10),
  /** Time on the question as the client measured it. */
  timeSpentMs: z.number().int().min(0).max(3_600_000),
  idempotencyKey: z.string().min(8).max(100).optional(),
});

/** Questions in a practice set. */
const setLength = z.number().int().min(1).max(50).default(10);

const startBody = z
  .object({
    section: z.enum(SECTIONS).optional(),
    domain: z.enum(DOMAIN_IDS).optional(),
    skill: z.enum(SKILL_IDS).optional(),
    count: setLength,
    /** Send the whole set at once for answering without a connection (replayed later through /sync). */
    offline: z.boolean().default(false),
    /** The study-plan task this set does (its id): finishing the whole set ticks the task off. */
    planTaskId: z.string().min(1).max(200).optional(),
  })
  .refine((b) => [b.section, b.domain, b.skill].filter(Boolean).length <= 1, { message: 'give at most one of section, domain, skill' });

const mistakesFilter = z.object({ section: z.enum(SECTIONS).optional(), skill: z.enum(SKILL_IDS).optional() });
const oneFilter = [(b: z.infer<typeof mistakesFilter>) => !(b.section && b.skill), { message: 'give at most one of section, skill' }] as const;
const mistakesQuery = mistakesFilter.refine(...oneFilter);
const mistakesBody = mistakesFilter.extend({ count: setLength }).refine(...oneFilter);

/** Section → its domains weighted by blueprint share; domain or skill → itself. */
function contentFor(b: z.infer<typeof startBody>): ContentSpec {
  if (b.skill) return { by: 'skill', areas: [b.skill] };
  if (b.domain) return { by: 'skill', areas: skillsOf(domainInfo(b.domain).section).filter((s) => s.domain === b.domain).map((s) => s.id) };
  const sec = sectionInfo(b.section ?? 'math');
  return { by: 'domain', areas: sec.domains.map((d) => d.id as (typeof DOMAIN_IDS)[number]), shares: sec.domains.map((d) => d.share) };
}

/** A `user_id` in a legacy body must be the caller. */
function checkUserId(req: FastifyRequest, userId: string | undefined) {
  if (userId !== undefined && userId !== req.actor.userId) throw forbidden('user_id does not match the signed-in user');
}

const idemKey = (req: FastifyRequest, body?: { idempotencyKey?: string }) =>
  body?.idempotencyKey ?? (req.headers['idempotency-key'] as string | undefined);

export async function practiceRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai } = app.deps;
  const db = database.db;
  const kinds = ['practice'] as const;

  app.post('/practice/start', { schema: { tags: ['practice'], security, body: startBody }, preHandler: app.authenticate }, async (req, reply) => {
    const b = req.body;
    const planTask = b.planTaskId ? await practiceTaskFor(db, req.actor, b.planTaskId, b) : undefined;
    return reply.status(201).send(await startSession(db, req.actor, 'practice', contentFor(b), b.count, b.section ?? null, { offline: b.offline, planTask }));
  });
  // Retry your mistakes: how many there are, and a set of them served in order (practice/mistakes.ts).
  app.get('/practice/mistakes', { schema: { tags: ['practice'], security, querystring: mistakesQuery }, preHandler: app.authenticate }, async (req) =>
    mistakesSummary(db, req.actor, req.query),
  );
  app.post('/practice/mistakes/start', { schema: { tags: ['practice'], security, body: mistakesBody }, preHandler: app.authenticate }, async (req, reply) =>
    reply.status(201).send(await startMistakesRetry(db, req.actor, { section: req.body.section, skill: req.body.skill }, req.body.count)),
  );
  app.get('/practice/:id', { schema: { tags: ['practice'], security, params: sessionParams }, preHandler: app.authenticate }, async (req) =>
    sessionView(db, req.actor, req.params.id, kinds),
  );
  app.post(
    '/practice/:id/answer',
    { schema: { tags: ['practice'], security, params: sessionParams, body: answerBody, headers: idempotencyHeader }, preHandler: app.authenticate },
    async (req) => answerQuestion(db, req.actor, req.params.id, kinds, { ...req.body, idempotencyKey: idemKey(req, req.body) }),
  );
  app.post('/practice/:id/finish', { schema: { tags: ['practice'], security, params: sessionParams }, preHandler: app.authenticate }, async (req) =>
    finishSession(db, ai, req.actor, req.params.id, kinds),
  );

  app.post(
    '/practice/help/:practice_id/:question_id',
    {
      schema: {
        tags: ['practice'],
        security,
        params: z.object({ practice_id: z.uuid(), question_id: z.string().min(1).max(200) }),
        body: z
          .object({
            user_id: z.uuid().optional(),
            user_query: z.string().trim().min(1).max(2000).optional(),
            query: z.string().trim().min(1).max(2000).optional(),
            input_mode: z.enum(['text', 'voice']).default('text'),
          })
          .refine((b) => b.user_query ?? b.query, { message: 'user_query is required' }),
      },
      preHandler: app.authenticate,
    },
    async (req) => {
      checkUserId(req, req.body.user_id);
      const message = (req.body.user_query ?? req.body.query)!;
      return requestHelp(db, ai, req.actor, req.params.practice_id, req.params.question_id, message, req.body.input_mode);
    },
  );

  app.post(
    '/practice/rate-feedback',
    {
      schema: {
        tags: ['practice'],
        security,
        body: z.object({
          user_id: z.uuid().optional(),
          ai_output_id: z.uuid().optional(),
          /** Legacy mobile clients send the text they were shown. */
          feedback: z.string().min(1).max(5000).optional(),
          rating: z.number().int().min(1).max(5),
          comment: z.string().max(2000).optional(),
          performance: z.record(z.string(), z.unknown()).optional(),
        }),
      },
      preHandler: app.authenticate,
    },
    async (req) => {
      checkUserId(req, req.body.user_id);
      if (!req.body.ai_output_id && !req.body.feedback) throw badRequest('ai_output_id is required');
      return rateOutput(db, req.actor, { aiOutputId: req.body.ai_output_id, feedbackText: req.body.feedback, stars: req.body.rating, comment: req.body.comment });
    },
  );
}
