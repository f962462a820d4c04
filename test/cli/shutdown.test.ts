/**
 * Graceful shutdown of a real `satprep serve` process: on SIGTERM a request already in
 * flight (a slow upload) still completes, WebSocket clients are told and closed with 1001,
 * new connections are turned away, and the process exits 0. A request that never ends
 * does not hold the process past SHUTDOWN_TIMEOUT_MS: it exits 1.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcp, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { connect as wsConnect } from '../helpers/ws.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-shutdown-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function serve(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null>; logs: () => string }> {
  const port = await freePort();
  const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...rest, DATA_DIR: dataDir, PORT: String(port), SEED_ON_START: 'false', LOG_LEVEL: 'info', SCRYPT_COST: '1024', ...env },
    stdio: 'pipe',
  });
  let logs = '';
  child.stderr!.on('data', (d) => (logs += d));
  child.stdout!.on('data', (d) => (logs += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000; // start-up, not shutdown, is slow on a loaded machine
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${logs}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`no /health within 60 s: ${logs}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, exited, logs: () => logs };
}

/** A POST whose body is sent in two parts: the request is in flight between them. */
function slowPost(port: number, url: string, body: string): { socket: Socket; finish(): void; response: Promise<string> } {
  const socket = tcp(port, '127.0.0.1');
  const head = `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const half = Math.floor(body.length / 2);
  socket.write(head + body.slice(0, half));
  let received = '';
  const response = new Promise<string>((resolve) => {
    socket.on('data', (d) => (received += d));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
  return { socket, finish: () => socket.write(body.slice(half)), response };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('SIGTERM: the in-flight request completes, sockets get 1001 after a going_away frame, new connections are refused, exit 0', async () => {
  const server = await serve({ SHUTDOWN_TIMEOUT_MS: '15000' });
  const base = `http://127.0.0.1:${server.port}`;
  const signup = await fetch(`${base}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'chat@example.test', password: 'long enough pw', displayName: 'Chatty', role: 'student' }),
  });
  assert.equal(signup.status, 201);
  const { accessToken } = (await signup.json()) as { accessToken: string };
  const opened = await wsConnect(`ws://127.0.0.1:${server.port}/ai_tutor/chat?token=${accessToken}`);
  assert.ok(opened.ok);
  await opened.client.next('ready');

  const upload = slowPost(server.port, '/auth/signup', JSON.stringify({ email: 'slow@example.test', password: 'long enough pw', displayName: 'Slow', role: 'student' }));
  await wait(300); // the server has the headers and half the body
  server.child.kill('SIGTERM');

  const bye = await opened.client.next('error', 5000);
  assert.equal(bye.error, 'going_away');
  assert.equal((await opened.client.closed).code, 1001);
  await wait(300);
  assert.equal(server.child.exitCode, null, 'still draining: the upload is not finished');
  const late = await fetch(`${base}/health`).then((r) => r.status, (e: Error) => (e.cause as { code?: string })?.code ?? e.message);
  assert.ok(late === 'ECONNREFUSED' || late === 503, `a new request is turned away: ${late}`);

  upload.finish();
  const raw = await upload.response;
  assert.match(raw, /^HTTP\/1\.1 201 /, raw.slice(0, 200));
  assert.match(raw, /\r\nconnection: close\r\n/i);
  assert.equal(await server.exited, 0, server.logs());
  assert.match(server.logs(), /"msg":"shutting down"/);
  assert.match(server.logs(), /"msg":"shut down cleanly"/);
});

test('a request that never finishes is cut at SHUTDOWN_TIMEOUT_MS and the process exits 1', async () => {
  const server = await serve({ SHUTDOWN_TIMEOUT_MS: '1000' });
  const stuck = slowPost(server.port, '/auth/signin', JSON.stringify({ email: 'never@example.test', password: 'never finished' }));
  await wait(300);
  const t0 = Date.now();
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 1);
  const took = Date.now() - t0;
  assert.ok(took >= 900 && took < 5000, `exited after ${took} ms`);
  assert.match(server.logs(), /shutdown timed out/);
  stuck.socket.destroy();
});
