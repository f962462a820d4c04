import type { FastifyInstance } from 'fastify';

/** `GET /health`: 200 when the database answers, 503 otherwise, with each dependency's status. */
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
}

async function probe(fn: () => Promise<number>): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  try {
    return { ok: true, latencyMs: Math.round((await fn()) * 100) / 100 };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
