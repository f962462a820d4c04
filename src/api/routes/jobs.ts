import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JOB_STATUSES } from '../../db/enums.ts';
import { JOB_KINDS } from '../../jobs/registry.ts';
import { getJob, listJobs } from '../../jobs/store.ts';
import { notFound } from '../../lib/errors.ts';

const security = [{ bearer: [] }];
const tags = ['jobs'];

/** One body schema per kind, so /docs shows each kind's parameters and a wrong one is a 400 before anything runs. */
const enqueueBody = z.discriminatedUnion(
  'kind',
  Object.entries(JOB_KINDS).map(([kind, def]) => z.object({ kind: z.literal(kind), params: def.params.optional().describe(def.description) })) as unknown as [
    z.ZodObject<{ kind: z.ZodLiteral<string>; params: z.ZodOptional<z.ZodType> }>,
    ...z.ZodObject<{ kind: z.ZodLiteral<string>; params: z.ZodOptional<z.ZodType> }>[],
  ],
);

/** Background jobs (src/jobs), admins only: enqueue, list, read one, cancel. The rows are the admin UI's job table. */
export async function jobRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const queue = () => app.deps.jobs!;
  const admin = app.requireRole('admin');

  app.post(
    '/admin/jobs',
    {
      schema: {
        tags,
        security,
        description: `Enqueue a job: ${Object.entries(JOB_KINDS).map(([k, d]) => `\`${k}\` (${d.description})`).join('; ')}. 202 with the job id; poll GET /jobs/:id.`,
        body: enqueueBody,
      },
      preHandler: admin,
    },
    async (req, reply) => {
      const job = await queue().enqueue(req.body.kind, req.body.params ?? {}, { requestedBy: req.actor.userId });
      return reply.status(202).send({ jobId: job.id, status: job.status, poll: `/jobs/${job.id}` });
    },
  );

  app.get(
    '/jobs',
    {
      schema: {
        tags,
        security,
        description: 'Jobs, newest first. Page back with `before` = the `next` of the previous page.',
        querystring: z.object({
          status: z.enum(JOB_STATUSES).optional(),
          kind: z.string().regex(/^[a-z_]{1,40}$/).optional(),
          before: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      preHandler: admin,
    },
    async (req) => listJobs(db, req.query),
  );

  app.get('/jobs/:id', { schema: { tags, security, params: z.object({ id: z.uuid() }) }, preHandler: admin }, async (req) => {
    const job = await getJob(db, req.params.id);
    if (!job) throw notFound('no such job');
    return job;
  });

  app.post(
    '/jobs/:id/cancel',
    {
      schema: {
        tags,
        security,
        description: 'A queued job never starts; a running one stops at its next check and registers nothing. 409 when it has already finished.',
        params: z.object({ id: z.uuid() }),
      },
      preHandler: admin,
    },
    async (req) => queue().cancel(req.params.id),
  );
}
