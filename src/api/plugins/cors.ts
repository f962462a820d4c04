/**
 * CORS for the origins in CORS_ORIGINS only (exact matches; the config refuses `*`). The
 * web app is served from the API's own origin and needs none of this; it is for a web
 * client hosted elsewhere. Authentication is a bearer token, never a cookie, so no
 * `Access-Control-Allow-Credentials` is sent. A preflight from a listed origin is answered
 * here (204); from any other origin it is refused (403) while CORS_ORIGINS is set. Other requests from an unlisted
 * origin get no CORS headers, so the browser withholds the reply from that page.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden } from '../../lib/errors.ts';

const METHODS = 'GET, POST, PUT, PATCH, DELETE';
const HEADERS = 'authorization, content-type, idempotency-key, x-request-id';
const EXPOSED = 'x-request-id, retry-after';

export const cors = fp(async (app: FastifyInstance, opts: { origins: readonly string[] }) => {
  const allowed = new Set(opts.origins);
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin || allowed.size === 0) return;
    void reply.header('vary', 'Origin');
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!allowed.has(origin)) {
      if (preflight) throw forbidden('this origin may not call the API');
      return;
    }
    void reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', EXPOSED);
    if (preflight) {
      return reply
        .header('access-control-allow-methods', METHODS)
        .header('access-control-allow-headers', HEADERS)
        .header('access-control-max-age', '600')
        .status(204)
        .send();
    }
  });
});
