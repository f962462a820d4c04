/**
 * PostgreSQL text cannot hold U+0000: a string carrying it makes the query fail (a 500)
 * wherever it reaches SQL — a sign-in email, an idempotency key, a help question. The
 * guard refuses it at the edge, in every part of every request, so no route has to
 * remember; it runs before validation, like any other malformed input.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest } from '../../lib/errors.ts';

/**
 * The JSON-pointer-like path of the first key or string value holding U+0000, or null.
 * Iterative, because a 1 MiB body can nest deeper than the call stack.
 */
export function findNul(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path || '/';
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = `${path}/${k.replace(/\u0000/g, '\\u0000')}`;
        if (k.includes('\u0000')) return at;
        stack.push([v, at]);
      }
    }
  }
  return null;
}

export const textGuard = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (req) => {
    const parts = { params: req.params, querystring: req.query, headers: req.headers, body: req.body };
    for (const [part, value] of Object.entries(parts)) {
      const at = findNul(value);
      if (at) throw badRequest('text may not contain the NUL character (U+0000)', { in: part, at });
    }
  });
});
