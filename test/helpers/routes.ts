/**
 * Every route the built app serves, read from the app itself so that a test iterating
 * over "all routes" notices a route added later. Fastify has no public route list, but
 * `printRoutes({ commonPrefix: false })` prints its radix tree with one node per line:
 *
 *   ├── /links (POST, GET, HEAD)
 *   │   ├── /:id/accept (POST)
 *
 * A node's full path is its ancestors' segments joined; its depth is the width of the
 * tree-drawing prefix (four characters a level). The OpenAPI document is a second source
 * checked against the first, so a change in the printed format fails loudly instead of
 * silently shrinking the list.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteId {
  method: string;
  url: string;
}

export const routeKey = (r: RouteId) => `${r.method} ${r.url}`;

const LINE = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/;

export async function listRoutes(app: FastifyInstance): Promise<RouteId[]> {
  await app.ready();
  const routes: RouteId[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    if (!line.trim()) continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`listRoutes: unexpected printRoutes line ${JSON.stringify(line)}`);
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const url = stack.join('');
    for (const method of m[3]?.split(',').map((s) => s.trim()) ?? []) routes.push({ method, url });
  }
  const keys = new Set(routes.map(routeKey));
  // Cross-check against the OpenAPI document (hidden routes are absent there, not extra).
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      if (!keys.has(key)) throw new Error(`listRoutes: ${key} is in the OpenAPI document but was not parsed from printRoutes`);
    }
  }
  return routes.sort((a, b) => routeKey(a).localeCompare(routeKey(b)));
}

/** Fastify adds a HEAD route beside every GET; it shares the GET's handler and hooks. */
export function withoutAutoHead(routes: readonly RouteId[]): RouteId[] {
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
  return routes.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)));
}
