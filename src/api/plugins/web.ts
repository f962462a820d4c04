/**
 * The web app's built files (`npm run web:build` → dist/web) served from the API's own
 * origin: one process, one port, no CORS. These routes, none under an API prefix:
 *
 *   GET /, /app, /app/     → index.html (the app's home; a typed-in /app lands there too)
 *   GET /app/:page         → index.html (the app routes on the client under /app/, so a
 *   GET /app/:page/:id       reload or a shared link lands in the app, never in an API route)
 *   GET /assets/:file      → the hashed build files (vite writes them flat), cached for a
 *                            year: a new build renames them
 *
 * Parameters rather than wildcards: the app's paths are at most two deep, and a second
 * wildcard route would hide the existing /docs/* from Fastify's printed route tree, which
 * the tests that enumerate every route read.
 *
 * Without a build, / answers a short page saying how to make one instead of failing.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
// `schema.hide` and `config.rateLimit` are these plugins' additions to Fastify's route types.
import type {} from '@fastify/swagger';
import type {} from '@fastify/rate-limit';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { PAGE_CSP as CSP } from './security-headers.ts';

/** Where `vite build` writes the app (web/vite.config.ts reads it from here). */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};
/** Text compresses well; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.json', '.svg']);


const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SAT Prep Suite</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>SAT Prep Suite</h1>
<p>The API is running, but the web app has not been built yet.</p>
<p>Run <code>npm run web:build</code> (or start with <code>npm start</code>, which builds it when needed) and reload.</p>
<p>The API's documentation is at <a href="/docs">/docs</a>.</p>
</body></html>
`;

interface Cached {
  body: Buffer;
  gzipped: Buffer | null;
  type: string;
}

const assetParams = z.object({ file: z.string().min(1).max(200) });
const pageParams = z.object({ page: z.string().min(1).max(100), id: z.string().min(1).max(300).optional() });

export const webApp = fp(async (app: FastifyInstance, opts: { dir?: string }) => {
  const dir = path.resolve(opts.dir ?? WEB_DIST_DIR);
  const assetsDir = path.join(dir, 'assets');
  // Hashed names never change content, so each file is read and compressed once per process.
  const assets = new Map<string, Cached>();

  const wantsGzip = (req: FastifyRequest) => /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));

  function send(req: FastifyRequest, reply: FastifyReply, file: Cached, cacheControl: string) {
    void reply.header('content-type', file.type).header('cache-control', cacheControl).header('x-content-type-options', 'nosniff');
    if (file.gzipped) {
      void reply.header('vary', 'accept-encoding');
      if (wantsGzip(req)) return reply.header('content-encoding', 'gzip').send(file.gzipped);
    }
    return reply.send(file.body);
  }

  async function index(req: FastifyRequest, reply: FastifyReply) {
    void reply.header('content-security-policy', CSP).header('referrer-policy', 'no-referrer');
    let html: Buffer;
    try {
      // Read on every request (it is small) so a rebuild shows without a restart.
      html = await readFile(path.join(dir, 'index.html'));
    } catch {
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    }
    return send(req, reply, { body: html, gzipped: null, type: CONTENT_TYPES['.html'] }, 'no-cache');
  }

  // Static files cost no database work; a page load fetches a dozen of them at once.
  const config = { rateLimit: false as const };
  app.get('/', { config, schema: { hide: true } }, index);
  // Static routes win over /app/:page, so /app/ is not read as a page with an empty name.
  app.get('/app', { config, schema: { hide: true } }, index);
  app.get('/app/', { config, schema: { hide: true } }, index);
  app.get('/app/:page', { config, schema: { hide: true, params: pageParams } }, index);
  app.get('/app/:page/:id', { config, schema: { hide: true, params: pageParams } }, index);

  app.get('/assets/:file', { config, schema: { hide: true, params: assetParams } }, async (req, reply) => {
    const name = (req.params as z.infer<typeof assetParams>).file;
    const full = path.resolve(assetsDir, name);
    // Only plain files directly under assets/ (vite writes no subfolders there): no traversal.
    if (path.dirname(full) !== assetsDir || name.includes('\\')) throw notFound('no such asset');
    let cached = assets.get(full);
    if (!cached) {
      const info = await stat(full).catch(() => null);
      if (!info?.isFile()) throw notFound('no such asset');
      const ext = path.extname(full);
      const body = await readFile(full);
      cached = { body, gzipped: COMPRESSIBLE.has(ext) ? gzipSync(body, { level: 9 }) : null, type: CONTENT_TYPES[ext] ?? 'application/octet-stream' };
      assets.set(full, cached);
    }
    return send(req, reply, cached, 'public, max-age=31536000, immutable');
  });
});
