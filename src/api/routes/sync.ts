import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_ACTIONS, replay, SYNC_ACTION } from '../../sync/replay.ts';

const security = [{ bearer: [] }];

export async function syncRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai } = app.deps;

  app.post(
    '/sync',
    {
      schema: {
        tags: ['sync'],
        security,
        description: 'Replay an offline queue (answers, finishes, ratings, plan actions). Applied in seq order, each exactly once under its key.',
        body: z.object({ actions: z.array(SYNC_ACTION).min(1).max(MAX_ACTIONS) }),
      },
      preHandler: app.authenticate,
    },
    async (req) => replay({ db: database.db, ai }, req.actor, req.body.actions),
  );
}
