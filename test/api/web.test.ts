/** The web plugin: the built app at / and /app/…, hashed assets with long caching, no way out of the build folder. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandlers } from '../../src/api/errors.ts';
import { webApp } from '../../src/api/plugins/web.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-dist-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'assets'));
const INDEX = '<!doctype html><title>app</title><script type="module" src="/assets/index-abc.js"></script>';
const JS = 'console.log("hello");'.repeat(50);
writeFileSync(path.join(dir, 'index.html'), INDEX);
writeFileSync(path.join(dir, 'assets', 'index-abc.js'), JS);
writeFileSync(path.join(dir, 'assets', 'font-abc.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
writeFileSync(path.join(dir, 'secret.txt'), 'not an asset');

async function appOn(distDir: string) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  await app.register(webApp, { dir: distDir });
  return app;
}

test('/ and the app\'s pages (/app, /app/:page, /app/:page/:id) answer index.html, never cached, with a CSP', async () => {
  const app = await appOn(dir);
  for (const url of ['/', '/app', '/app/', '/app/practice', '/app/practice/5b3c…', '/app/signin?next=%2Fpractice%2F1', '/app/review/00000000-0000-0000-0000-000000000000?x=1']) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.body, INDEX);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
  }
  // Deeper paths are no page of the app; they get the API's JSON 404.
  const deep = await app.inject({ method: 'GET', url: '/app/a/b/c' });
  assert.equal(deep.statusCode, 404);
  assert.equal(deep.json().error, 'not_found');
  await app.close();
});

test('assets: right type, cached for a year, gzipped when asked', async () => {
  const app = await appOn(dir);
  const plain = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
  assert.equal(plain.statusCode, 200);
  assert.equal(plain.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(plain.body, JS);
  const gz = await app.inject({ method: 'GET', url: '/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.rawPayload).toString(), JS);
  assert.ok(gz.rawPayload.length < JS.length / 5);
  const font = await app.inject({ method: 'GET', url: '/assets/font-abc.woff2', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(font.headers['content-type'], 'font/woff2');
  assert.equal(font.headers['content-encoding'], undefined, 'fonts are compressed already');
  await app.close();
});

test('nothing outside assets/ is reachable, and a missing asset is a JSON 404', async () => {
  const app = await appOn(dir);
  for (const url of ['/assets/missing.js', '/assets/..%2fsecret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%5csecret.txt', '/assets/sub%2f..%2f..%2fsecret.txt', '/assets/']) {
    const res = await app.inject({ method: 'GET', url });
    assert.ok(res.statusCode === 404 || res.statusCode === 400, `${url}: ${res.statusCode}`);
    assert.doesNotMatch(res.body, /not an asset/);
    assert.ok('error' in res.json(), url);
  }
  await app.close();
});

test('without a build, / explains how to make one instead of failing', async () => {
  const app = await appOn(path.join(dir, 'nowhere'));
  const res = await app.inject({ method: 'GET', url: '/' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /npm run web:build/);
  assert.equal((await app.inject({ method: 'GET', url: '/assets/index-abc.js' })).statusCode, 404);
  await app.close();
});
