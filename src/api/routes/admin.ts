import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_EVENT_TYPES, listAudit } from '../../collect/audit.ts';
import { keysetCursor } from '../../lib/keyset.ts';
import { ALERT_STATUSES, listAlerts, reviewAlert } from '../../safety/alerts.ts';

const security = [{ bearer: [] }];

/** Administration: the audit log of data exports and consent changes (src/collect/audit.ts), and the safety alerts (src/safety/alerts.ts). */
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

  app.get(
    '/admin/safety-alerts',
    {
      schema: {
        tags: ['admin'],
        security,
        description:
          'Students\' words of self-harm (in a tutor chat, a note, a reply or a help request), newest first, for a person to follow up: the AI answered each with the crisis line. `status`: open (not yet reviewed, the default) or all. `waiting` counts the open ones. Page on with `cursor` = the `next` of the previous page.',
        querystring: z.object({
          status: z.enum(ALERT_STATUSES).default('open'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: keysetCursor.optional(),
        }),
      },
      preHandler: app.requireRole('admin'),
    },
    async (req) => listAlerts(db, req.actor, req.query),
  );
  app.post(
    '/admin/safety-alerts/:id/review',
    {
      schema: {
        tags: ['admin'],
        security,
        description: 'Mark a safety alert reviewed: someone has followed up. Again on a reviewed alert changes nothing (`changed: false`).',
        params: z.object({ id: z.uuid() }),
      },
      preHandler: app.requireRole('admin'),
    },
    async (req) => reviewAlert(db, req.actor, req.params.id),
  );
}
