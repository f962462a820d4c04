import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanReadStudent } from '../../accounts/access.ts';
import { conflict } from '../../lib/errors.ts';
import { featureVectorSchema, scoreStudent } from '../../sel/infer.ts';
import { gameSessionIdSchema, storeTelemetry, storeUtterances, telemetrySchema, utteranceBatchSchema } from '../../sel/ingest.ts';
import { createSelModelSource } from '../../sel/registry.ts';
import { featuresFromStored } from '../../sel/student-features.ts';

const tags = ['sel'];
const security = [{ bearer: [] }];
const params = z.object({ id: z.uuid() });

const inferenceBody = z
  .strictObject({ features: featureVectorSchema.optional(), gameSessionId: gameSessionIdSchema.optional() })
  .refine((b) => !(b.features && b.gameSessionId), { message: 'send features, or a gameSessionId to score from stored data, not both' })
  // No body at all (Fastify hands over null) means: score from stored data.
  .nullish();

/**
 * SEL game data in, scores out. Ingestion (`…/sel/students/:id/utterances`, `…/telemetry`)
 * is for the student and admins only (`src/sel/ingest.ts` says why); inference is for the
 * student, their linked tutors and parents, and admins. Inference scores a supplied
 * 29-feature vector, or with no `features` the student's stored game data (one round, see
 * `src/sel/student-features.ts`), using the active registered SEL model set, else the
 * files in `DATA_DIR/sel/models` (`satprep sel pipeline --out DATA_DIR/sel`).
 */
export async function selRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const dataDir = path.join(app.deps.config.DATA_DIR, 'sel', 'models');
  const currentModels = createSelModelSource(db, dataDir);

  app.post(
    '/api/v1/sel/students/:id/utterances',
    { schema: { tags, security, params, body: utteranceBatchSchema }, preHandler: app.authenticate },
    async (req, reply) => {
      const result = await storeUtterances(db, req.actor, req.params.id, req.body);
      return reply.status(result.stored > 0 ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/v1/sel/students/:id/telemetry',
    { schema: { tags, security, params, body: telemetrySchema }, preHandler: app.authenticate },
    async (req, reply) => {
      const result = await storeTelemetry(db, req.actor, req.params.id, req.body);
      return reply.status(result.stored ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/v1/inference/student/:id',
    { schema: { tags, security, params, body: inferenceBody }, preHandler: app.authenticate },
    async (req) => {
      const studentId = req.params.id;
      await assertCanReadStudent(db, req.actor, studentId);
      const current = await currentModels();
      if (!current) throw conflict(`no SEL models trained yet; run: satprep sel pipeline --db, or satprep sel pipeline --out ${path.dirname(dataDir)}`);
      const model = { id: current.id, source: current.source };
      const features = req.body?.features;
      if (features) return { studentId, ...scoreStudent(current.set, features), model, input: { source: 'body' as const } };
      const stored = await featuresFromStored(db, studentId, req.body?.gameSessionId);
      return {
        studentId,
        ...scoreStudent(current.set, stored.features),
        model,
        input: {
          source: 'stored' as const, gameSessionId: stored.gameSessionId, endedAt: stored.endedAt,
          utterances: stored.utterances, clamped: stored.clamped, features: stored.features,
        },
      };
    },
  );
}
