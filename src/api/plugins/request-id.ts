/**
 * Request ids: every request gets one, logged with each of its log lines as `reqId` and
 * returned as `x-request-id`. A well-formed `x-request-id` from the caller (a load balancer,
 * a client retrying) is kept so one id follows the request across hops; anything else is
 * replaced, because the id is written into logs verbatim.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Fastify's `genReqId`. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
}

export const requestIdHeader = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (req, reply) => {
    void reply.header(REQUEST_ID_HEADER, req.id);
  });
});
