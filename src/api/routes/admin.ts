import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_EVENT_TYPES, listAudit } from '../../collect/audit.ts';

const security = [{ bearer: [] }];

/** Administration: the audit log of data exports and consent changes (src/collect/audit.ts). */
export async function adminRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/admin/audit',
    {
      schema: {
        tags: ['admin'],
        security,
        description: 'Data exports, consent changes and account deletions, newest first. Page back with `before` = the `next` of the previous page.',
        querystring: z.object({
          type: z.enum(AUDIT_EVENT_TYPES).optional(),
          before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      preHandler: app.requireRole('admin'),
    },
    async (req) => listAudit(db, { types: req.query.type ? [req.query.type] : undefined, before: req.query.before, limit: req.query.limit }),
  );
}
