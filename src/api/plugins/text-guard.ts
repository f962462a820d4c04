/**
 * Text PostgreSQL cannot keep as sent (lib/storable-text.ts: U+0000, a lone surrogate) makes
 * a query fail (a 500) or is silently changed wherever it reaches SQL — a sign-in email, an
 * idempotency key, a help question. The guard refuses it at the edge, in every part of
 * every request, so no route has to remember; it runs before validation, like any other
 * malformed input.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest } from '../../lib/errors.ts';
import { escapeUnstorable, UNSTORABLE_MESSAGE, unstorable, type Unstorable } from '../../lib/storable-text.ts';

/**
 * The JSON-pointer-like path of the first key or string value PostgreSQL cannot store, and
 * why, or null. Iterative, because a 1 MiB body can nest deeper than the call stack.
 */
export function findUnstorable(root: unknown): { at: string; problem: Unstorable } | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = unstorable(value);
      if (problem) return { at: path || '/', problem };
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = `${path}/${escapeUnstorable(k)}`;
        const problem = unstorable(k);
        if (problem) return { at, problem };
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
      const found = findUnstorable(value);
      if (found) throw badRequest(UNSTORABLE_MESSAGE[found.problem], { in: part, at: found.at });
    }
  });
});
