/**
 * Security headers on every reply, errors and 404s included. API replies are JSON that no
 * browser should render, frame or sniff, hence the strictest policy; an HTML page that sets
 * its own Content-Security-Policy (the web app) keeps it, and other HTML (the API docs)
 * gets a page policy that allows only this origin's scripts. HSTS only when configured:
 * it is right only where the API is always reached over TLS.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/**
 * For HTML pages (the web app, the API docs): this origin's scripts only. KaTeX writes
 * inline `style` attributes into its HTML, hence 'unsafe-inline' for styles alone.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the headers on one reply; the hook below does it for every reply, app.ts for router failures (which skip hooks). */
export function secureReply(req: FastifyRequest, reply: FastifyReply, hstsMaxAgeS: number): void {
  void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('x-frame-options', 'DENY');
  if (!reply.hasHeader('content-security-policy')) {
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    void reply.header('content-security-policy', html ? PAGE_CSP : API_CSP);
  }
  // A signed-in caller's replies hold their data: no shared or browser cache keeps a copy.
  if (req.headers.authorization && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  if (hstsMaxAgeS > 0) void reply.header('strict-transport-security', `max-age=${hstsMaxAgeS}; includeSubDomains`);
}

export const securityHeaders = fp(async (app: FastifyInstance, opts: { hstsMaxAgeS: number }) => {
  app.addHook('onSend', async (req, reply, payload) => {
    secureReply(req, reply, opts.hstsMaxAgeS);
    return payload;
  });
});
