import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanReadStudent } from '../../accounts/access.ts';
import { conflict } from '../../lib/errors.ts';
import { featureVectorSchema, scoreStudent } from '../../sel/infer.ts';
import { loadModels, type SelModels } from '../../sel/models.ts';

const security = [{ bearer: [] }];

/**
 * `POST /api/v1/inference/student/:id`: the four SEL scores for a student from a supplied
 * 29-feature vector, for the student, their linked tutors and parents, and admins.
 * Models come from `DATA_DIR/sel/models` (written by `satprep sel pipeline --out DATA_DIR/sel`).
 */
export async function selRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const dir = path.join(app.deps.config.DATA_DIR, 'sel', 'models');
  let models: SelModels | undefined;
  const getModels = () => {
    if (models) return models;
    if (!existsSync(dir)) throw conflict(`no SEL models trained yet; run: satprep sel pipeline --out ${path.dirname(dir)}`);
    models = loadModels(dir);
    return models;
  };

  app.post(
    '/api/v1/inference/student/:id',
    {
      schema: { tags: ['sel'], security, params: z.object({ id: z.uuid() }), body: z.strictObject({ features: featureVectorSchema }) },
      preHandler: app.authenticate,
    },
    async (req) => {
      await assertCanReadStudent(app.deps.database.db, req.actor, req.params.id);
      return { studentId: req.params.id, ...scoreStudent(getModels(), req.body.features) };
    },
  );
}
