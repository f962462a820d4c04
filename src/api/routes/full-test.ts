import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activeFullTest, answerFullTest, finishFullTest, getFullTest, resumeFullTest, startFullTest, submitFullTestModule } from '../../practice/full-test.ts';
import { FULL_TEST_CHOICES } from '../../practice/full-test-state.ts';
import { idempotencyHeader } from './practice.ts';

const security = [{ bearer: [] }];
const tags = ['full_test'];
const params = z.object({ id: z.uuid() });

const answerBody = z
  .object({
    questionId: z.string().min(1).max(200),
    /** Omit to change only the review mark; null clears the answer (an emptied grid-in box). */
    answer: z.string().min(1).max(10).nullable().optional(),
    marked: z.boolean().optional(),
    /** Time on the question during this visit, as the client measured it. */
    timeSpentMs: z.number().int().min(0).max(3_600_000),
    idempotencyKey: z.string().min(8).max(100).optional(),
  })
  .refine((b) => b.answer !== undefined || b.marked !== undefined, { message: 'give an answer, a review mark, or both' });

/** The full-length adaptive test: module by module, timed by the server, scored at the end. */
export async function fullTestRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai, config } = app.deps;
  const deps = { db: database.db, ai };
  const settings = { timeScale: config.FULL_TEST_TIME_SCALE, itemsPerModule: config.FULL_TEST_ITEMS_PER_MODULE };

  app.post(
    '/full_test/start',
    {
      schema: {
        tags,
        security,
        // planTaskId: the study-plan task this test does; finished in full, it ticks the task off and pays its points.
        body: z.object({ sections: z.enum(FULL_TEST_CHOICES), planTaskId: z.string().min(1).max(200).optional() }),
      },
      preHandler: app.authenticate,
    },
    async (req, reply) => reply.status(201).send(await startFullTest(deps, req.actor, req.body.sections, settings, Date.now(), req.body.planTaskId)),
  );
  // The test under way, to offer "Resume your test" on whichever device the student is on.
  app.get('/full_test/active', { schema: { tags, security }, preHandler: app.authenticate }, async (req) => activeFullTest(deps, req.actor));
  app.get('/full_test/:id', { schema: { tags, security, params }, preHandler: app.authenticate }, async (req) => getFullTest(deps, req.actor, req.params.id));
  app.post(
    '/full_test/:id/answer',
    { schema: { tags, security, params, body: answerBody, headers: idempotencyHeader }, preHandler: app.authenticate },
    async (req) =>
      answerFullTest(deps, req.actor, req.params.id, { ...req.body, idempotencyKey: req.body.idempotencyKey ?? (req.headers['idempotency-key'] as string | undefined) }),
  );
  app.post(
    '/full_test/:id/submit-module',
    { schema: { tags, security, params, body: z.object({ moduleIndex: z.number().int().min(0).max(3) }) }, preHandler: app.authenticate },
    async (req) => submitFullTestModule(deps, req.actor, req.params.id, req.body.moduleIndex),
  );
  app.post('/full_test/:id/resume', { schema: { tags, security, params }, preHandler: app.authenticate }, async (req) => resumeFullTest(deps, req.actor, req.params.id));
  app.post('/full_test/:id/finish', { schema: { tags, security, params }, preHandler: app.authenticate }, async (req) => finishFullTest(deps, req.actor, req.params.id));
}
