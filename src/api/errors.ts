/**
 * The error contract of the API: every failure is `{ error, message, details }` with a
 * 4xx status for bad input and 5xx only for faults of ours.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
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
