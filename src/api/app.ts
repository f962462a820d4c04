/**
 * The HTTP application as a Fastify instance you can `inject()` into: no port, no process
 * signals. `server.ts` owns the process side. Conventions every route follows: zod
 * schemas (validated, typed, and published as OpenAPI at /docs), the `{error, message,
 * details}` error body, per-user / per-IP rate limits, bearer authentication.
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { TokenSettings } from '../accounts/tokens.ts';
import type { AiService } from '../ai/service.ts';
import type { Cache } from '../cache/index.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Logger } from '../lib/log.ts';
import { openJobs, type JobQueue } from '../jobs/index.ts';
import type { TutorHub } from '../tutor/hub.ts';
import { installErrorHandlers } from './errors.ts';
import { authPlugin, bearer, requestClaims } from './plugins/auth.ts';
import { cors } from './plugins/cors.ts';
import { drainingConnections } from './plugins/draining.ts';
import { goingAway } from './plugins/going-away.ts';
import { metricsPlugin, type QueueDepthSource } from './plugins/metrics.ts';
import { REQUEST_ID_HEADER, requestId, requestIdHeader } from './plugins/request-id.ts';
import { secureReply, securityHeaders } from './plugins/security-headers.ts';
import { socketErrorHandler } from './plugins/socket-errors.ts';
import { textGuard } from './plugins/text-guard.ts';
import { webApp } from './plugins/web.ts';
import { accountRoutes } from './routes/account.ts';
import { adminRoutes } from './routes/admin.ts';
import { adminDataRoutes } from './routes/admin-data.ts';
import { diagnosticRoutes } from './routes/diagnostic.ts';
import { practiceRoutes } from './routes/practice.ts';
import { selRoutes } from './routes/sel.ts';
import { lessonRoutes } from './routes/lessons.ts';
import { authRoutes } from './routes/auth.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { linkRoutes } from './routes/links.ts';
import { syncRoutes } from './routes/sync.ts';
import { tutorRoutes } from './routes/tutor.ts';
import { communityRoutes } from './routes/community.ts';
import { fullTestRoutes } from './routes/full-test.ts';
import { studyPlanRoutes } from './routes/study-plan.ts';
import { progressRoutes } from './routes/progress.ts';

export interface AppDeps {
  database: Database;
  cache: Cache;
  config: Config;
  tokens: TokenSettings;
  ai: AiService;
  logger?: Logger;
  /** Shared store for rate limits when several processes serve; in-process otherwise. */
  redis?: Redis;
  /** Background content seeding at start-up, shown by /health. */
  contentStatus?: 'seeding' | 'ready' | 'failed';
  /** Set by the server on SIGTERM/SIGINT: /ready answers 503 while requests drain. */
  draining?: boolean;
  /** Jobs waiting per queue, for /metrics; the job queue plugs in here (0 until it exists). */
  queueDepth?: QueueDepthSource;
  /** Where background jobs go (src/jobs). Unset → a table queue with a worker in this process, closed with the app. */
  jobs?: JobQueue;
  /** Tutor-chat fan-out (src/tutor/hub.ts); unset → in-process. The server passes the Redis hub when REDIS_URL is set. */
  hub?: TutorHub;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}


export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    bodyLimit: 1_048_576,
    // An incoming well-formed x-request-id is kept, else a fresh UUID (src/api/plugins/request-id.ts).
    genReqId: requestId,
    // Fastify takes a hop count too (its docs: "Integer"), though its types omit it.
    trustProxy: deps.config.TRUST_PROXY as boolean | string,
    // Router failures (a malformed %-escape, an over-long path parameter) bypass the error
    // handler; they get the same `{ error, message, details }` body as every other 4xx.
    frameworkErrors: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      secureReply(req, reply, deps.config.HSTS_MAX_AGE_S);
      void reply.header(REQUEST_ID_HEADER, req.id);
      void reply.status(err.statusCode ?? 400).send({ error: err.code, message: err.message, details: null });
    },
  });
  app.decorate('deps', deps);
  if (!deps.jobs) {
    const own = await openJobs({ database: deps.database, config: deps.config, backend: 'local', worker: {}, log: deps.logger });
    deps.jobs = own.queue;
    app.addHook('onClose', () => own.close());
  }
  // One queue, named `jobs` in /metrics: the jobs waiting to run (delayed retries included).
  deps.queueDepth ??= async () => {
    const d = await deps.jobs!.depth();
    return { jobs: (d.waiting ?? 0) + (d.delayed ?? 0) };
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  await app.register(requestIdHeader);
  await app.register(securityHeaders, { hstsMaxAgeS: deps.config.HSTS_MAX_AGE_S });
  await app.register(cors, { origins: deps.config.CORS_ORIGINS });
  await app.register(metricsPlugin);
  await app.register(drainingConnections);

  await app.register(swagger, {
    openapi: {
      info: { title: 'SAT Prep Suite API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(rateLimit, {
    max: deps.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    redis: deps.redis,
    nameSpace: 'satprep-rl:',
    skipOnError: true,
    // Per user when signed in (verified, so nobody can spend another user's quota), else per IP.
    keyGenerator: async (req) => {
      const token = bearer(req);
      if (token) {
        try {
          return `u:${(await requestClaims(req, token, deps.tokens)).userId}`;
        } catch {
          /* an invalid token falls back to the IP */
        }
      }
      return `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
      details: { limit: ctx.max },
    }),
  });
  await app.register(authPlugin, { tokens: deps.tokens });
  await app.register(textGuard);
  // The hard frame limit matches bodyLimit; src/tutor answers smaller oversized frames with an error frame instead.
  await app.register(websocket, { options: { maxPayload: 1_048_576 }, preClose: goingAway(), errorHandler: socketErrorHandler });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(healthRoutes);
  await typed.register(authRoutes, { prefix: '/auth' });
  await typed.register(linkRoutes);
  await typed.register(accountRoutes);
  await typed.register(practiceRoutes);
  await typed.register(diagnosticRoutes);
  await typed.register(lessonRoutes);
  await typed.register(selRoutes);
  await typed.register(syncRoutes);
  await typed.register(tutorRoutes);
  await typed.register(communityRoutes);
  await typed.register(fullTestRoutes);
  await typed.register(studyPlanRoutes);
  await typed.register(progressRoutes);
  await typed.register(adminRoutes);
  await typed.register(adminDataRoutes);
  await typed.register(jobRoutes);
  await app.register(webApp);
  return app;
}
