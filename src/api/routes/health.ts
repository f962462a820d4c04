import type { FastifyInstance } from 'fastify';
import { migrationStatus } from '../../db/index.ts';
import { lessons, questions } from '../../db/schema/index.ts';

/**
 * `GET /health` (liveness: the process answers; 200 when the database and cache answer,
 * 503 otherwise, with each dependency's status) and `GET /ready` (readiness: send traffic
 * here — the database answers, every shipped migration is applied, the item bank is in,
 * and the process is not shutting down; 503 otherwise). A cache outage does not make a
 * process unready: it serves on, degraded.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { config: { rateLimit: false }, schema: { hide: true } }, async (_req, reply) => {
    const { database, cache } = app.deps;
    const db = await probe(() => database.ping());
    const cacheStatus = await probe(() => cache.ping());
    const ok = db.ok && cacheStatus.ok;
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'degraded',
      database: { driver: database.driver, location: database.location, ...db },
      cache: { kind: cache.kind, ...cacheStatus },
      content: app.deps.contentStatus ?? 'ready',
    });
  });

  // Migrations and content do not go away once there, so each is checked until it passes once.
  let migrated = false;
  let seeded = false;
  app.get(
    '/ready',
    { config: { rateLimit: false }, schema: { tags: ['ops'], description: 'Readiness for a load balancer: 200 {status: "ready"} or 503 naming the failed checks.' } },
    async (_req, reply) => {
      const { database, cache } = app.deps;
      const db = await probe(() => database.ping());
      if (db.ok && !migrated) migrated = await migrationStatus(database).then((m) => m.upToDate, () => false);
      const contentStatus = app.deps.contentStatus ?? 'ready';
      if (db.ok && migrated && !seeded && contentStatus === 'ready') seeded = await hasContent(app).catch(() => false);
      const checks = {
        database: db.ok,
        migrations: migrated,
        content: contentStatus === 'ready' && seeded,
        shuttingDown: Boolean(app.deps.draining),
      };
      const ready = checks.database && checks.migrations && checks.content && !checks.shuttingDown;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : checks.shuttingDown ? 'draining' : 'not_ready',
        checks,
        content: contentStatus,
        cache: { kind: cache.kind },
      });
    },
  );
}

async function hasContent(app: FastifyInstance): Promise<boolean> {
  const db = app.deps.database.db;
  const [item] = await db.select({ id: questions.id }).from(questions).limit(1);
  const [lesson] = await db.select({ id: lessons.id }).from(lessons).limit(1);
  return Boolean(item && lesson);
}

async function probe(fn: () => Promise<number>): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  try {
    return { ok: true, latencyMs: Math.round((await fn()) * 100) / 100 };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
