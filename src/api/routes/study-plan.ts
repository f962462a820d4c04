import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanReadStudent } from '../../accounts/access.ts';
import { dayIn, isIsoDay } from '../../lib/days.ts';
import { forbidden } from '../../lib/errors.ts';
import { recordPlanAction } from '../../plan/actions.ts';
import { decideSuggestion } from '../../plan/adjust.ts';
import { PLAN_LIMITS } from '../../plan/build.ts';
import { generatePlan } from '../../plan/generate.ts';
import { currentPlan } from '../../plan/read.ts';
import { idempotencyHeader } from './practice.ts';

const security = [{ bearer: [] }];
const tags = ['study_plan'];
const isoDay = z.string().refine(isIsoDay, { message: 'a calendar day, YYYY-MM-DD' });

const generateBody = z.object({
  targetScore: z.number().int().min(PLAN_LIMITS.minTarget).max(PLAN_LIMITS.maxTarget),
  testDate: isoDay,
  startDate: isoDay.optional(),
  minutesPerDay: z.number().int().min(PLAN_LIMITS.minMinutes).max(PLAN_LIMITS.maxMinutes).optional(),
});

/** The origin documents' mobile body `{ user_id, task_index, action }`, or a task id. */
const actionBody = z.object({
  user_id: z.uuid().optional(),
  task_index: z.number().int().min(0).max(100_000).optional(),
  task_id: z.string().min(1).max(200).optional(),
  action: z.enum(['completed', 'skipped']),
  reason: z.string().trim().min(1).max(500).optional(),
  idempotencyKey: z.string().min(8).max(100).optional(),
});

/** Study plans: generate, read (own, or a linked student's), act on tasks, decide on advice. */
export async function studyPlanRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai } = app.deps;
  const db = database.db;

  app.post('/study_plan', { schema: { tags, security, body: generateBody }, preHandler: app.authenticate }, async (req, reply) =>
    reply.status(201).send(await generatePlan(db, req.actor, req.body, dayIn(new Date()))),
  );

  app.get('/study_plan', { schema: { tags, security }, preHandler: app.authenticate }, async (req) => currentPlan(db, req.actor.userId));

  app.get('/study_plan/:user_id', { schema: { tags, security, params: z.object({ user_id: z.uuid() }) }, preHandler: app.authenticate }, async (req) => {
    await assertCanReadStudent(db, req.actor, req.params.user_id);
    return currentPlan(db, req.params.user_id);
  });

  app.post(
    '/study_plan/action/:plan_id',
    { schema: { tags, security, params: z.object({ plan_id: z.uuid() }), body: actionBody, headers: idempotencyHeader }, preHandler: app.authenticate },
    async (req) => {
      const b = req.body;
      if (b.user_id !== undefined && b.user_id !== req.actor.userId) throw forbidden('user_id does not match the signed-in user');
      return recordPlanAction(db, ai, req.actor, req.params.plan_id, {
        action: b.action,
        taskId: b.task_id,
        taskIndex: b.task_index,
        reason: b.reason,
        idempotencyKey: b.idempotencyKey ?? (req.headers['idempotency-key'] as string | undefined),
      });
    },
  );

  for (const decision of ['accept', 'dismiss'] as const) {
    app.post(
      `/study_plan/suggestions/:id/${decision}`,
      { schema: { tags, security, params: z.object({ id: z.uuid() }) }, preHandler: app.authenticate },
      async (req) => decideSuggestion(db, req.actor, req.params.id, decision),
    );
  }
}
