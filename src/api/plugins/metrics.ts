/**
 * Prometheus metrics at `GET /metrics`: request latency by route pattern (`/practice/:id`,
 * never the raw URL, so the series stay few) and status class, the AI chain's figures
 * (src/ai/metrics.ts), the database pool, open WebSockets, and queue depth.
 *
 * Not public in production: with METRICS_TOKEN set the scrape must carry it as a bearer
 * token; without one, /metrics answers in development and test and is refused in
 * production.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry } from 'prom-client';
import { collectRuntimeMetrics, exposition, processRegistry } from '../../lib/metrics.ts';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import { bearer } from './auth.ts';

const httpSeconds = new Histogram({
  name: 'satprep_http_request_duration_seconds',
  help: 'HTTP request latency by method, route pattern and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

/** Queue name → jobs waiting. The job queue (issue 15, workers) plugs in here; until then it reports 0. */
export type QueueDepthSource = () => Promise<Record<string, number>>;

const digest = (s: string) => createHash('sha256').update(s).digest();

function appRegistry(app: FastifyInstance): Registry {
  const registry = new Registry();
  const raw = () => app.deps.database.raw;
  new Gauge({
    name: 'satprep_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting = queries queued for a connection); absent on the embedded database',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const r = raw();
      if (r.kind !== 'postgres') return;
      this.set({ state: 'total' }, r.pool.totalCount);
      this.set({ state: 'idle' }, r.pool.idleCount);
      this.set({ state: 'waiting' }, r.pool.waitingCount);
    },
  });
  new Gauge({
    name: 'satprep_db_pool_max',
    help: 'Largest PostgreSQL pool size (DB_POOL_SIZE); 1 on the embedded database',
    registers: [registry],
    collect() {
      const r = raw();
      this.set(r.kind === 'postgres' ? (r.pool.options.max ?? 10) : 1);
    },
  });
  new Gauge({
    name: 'satprep_websocket_connections',
    help: 'Open WebSocket connections (tutor chat) on this process',
    registers: [registry],
    collect() {
      this.set(app.websocketServer?.clients.size ?? 0);
    },
  });
  new Gauge({
    name: 'satprep_queue_depth',
    help: 'Jobs waiting in each background queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const depths = (await app.deps.queueDepth?.()) ?? { jobs: 0 };
      for (const [queue, n] of Object.entries(depths)) this.set({ queue }, n);
    },
  });
  return registry;
}

export const metricsPlugin = fp(async (app: FastifyInstance) => {
  collectRuntimeMetrics();
  const registry = appRegistry(app);
  const { METRICS_TOKEN: token, NODE_ENV } = app.deps.config;

  app.addHook('onResponse', async (req, reply) => {
    httpSeconds.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status_class: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });

  const allowScrape = async (req: FastifyRequest) => {
    if (token) {
      const given = bearer(req);
      // Compared as digests: equal lengths for timingSafeEqual, and no early exit on a prefix.
      if (!given || !timingSafeEqual(digest(given), digest(token))) throw unauthorized('metrics need the METRICS_TOKEN bearer token');
      return;
    }
    if (NODE_ENV === 'production') throw forbidden('metrics are off in production until METRICS_TOKEN is set');
  };

  app.get(
    '/metrics',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['ops'],
        security: [{ bearer: [] }],
        description: 'Prometheus text format. Bearer METRICS_TOKEN when set; without it, open in development/test and 403 in production.',
      },
      preHandler: allowScrape,
    },
    async (_req, reply) => {
      const { contentType, body } = await exposition(registry);
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
    },
  );
});
