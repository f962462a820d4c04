/**
 * While the server drains (`deps.draining`, set on SIGTERM/SIGINT), every reply closes its
 * connection: a keep-alive client then reconnects elsewhere instead of holding an idle
 * socket that would keep the listener from closing.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const drainingConnections = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (app.deps.draining) void reply.header('connection', 'close');
    return payload;
  });
});
