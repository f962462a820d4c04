/**
 * The error contract of the API: every failure is `{ error, message, details }` with a
 * 4xx status for bad input, 503 while the database is unreachable, and 500 only for faults of ours.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError } from '../lib/errors.ts';

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      const retryAfterS = (err.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
      if (err.code === 'rate_limited' && typeof retryAfterS === 'number') void reply.header('retry-after', String(retryAfterS));
      return reply.status(err.status).send({ error: err.code, message: err.message, details: err.details ?? null });
    }
    if (err.validation) {
      return reply.status(400).send({ error: 'validation_failed', message: err.message, details: err.validation });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    // An outage, not a bug: 503 tells clients and load balancers to retry (issue 15).
    if (status >= 500 && isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      return reply.status(503).header('retry-after', '1').send({ error: 'unavailable', message: 'the database is unavailable; retry shortly', details: null });
    }
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.status(500).send({ error: 'internal', message: 'internal server error', details: null });
    }
    return reply.status(status).send({ error: err.code ?? 'bad_request', message: err.message, details: null });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: 'not_found', message: `no route for ${req.method} ${req.url}`, details: null }),
  );
}
