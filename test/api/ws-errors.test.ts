/**
 * A WebSocket frame that breaks the protocol — text that is not UTF-8, a frame past the
 * hard limit — closes that socket with the code that says why (1007, 1009). It is the
 * client's doing, so the log records it below error level, where our own faults go.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { createAiService } from '../../src/ai/service.ts';
import { buildApp } from '../../src/api/app.ts';
import { createMemoryCache } from '../../src/cache/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/lib/log.ts';
import { signUp, type TestUser } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { open } from '../helpers/ws.ts';

const lines: { level: number; msg?: string; err?: { code?: string } }[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    done();
  },
});
/** pino's level number for `error`. */
const ERROR = 50;

let database: TestDatabase;
let app: FastifyInstance;
let chatUrl: string;
let student: TestUser;
before(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', SCRYPT_COST: '1024', JWT_SECRET: randomBytes(32).toString('hex') });
  app = await buildApp({ database, cache: createMemoryCache(), config, tokens: tokenSettings(config), ai: createAiService({ config }), logger: createLogger('info', sink) });
  chatUrl = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws')}/ai_tutor/chat`;
  student = await signUp(app, 'student', { birthDate: '2000-01-01' });
});
after(async () => {
  await app?.close();
  await database?.dispose();
});

/** Log lines about `code`, once the server has had its turn to write them. */
async function loggedFor(code: string) {
  for (let i = 0; i < 50 && !lines.some((l) => l.err?.code === code); i++) await new Promise((r) => setTimeout(r, 20));
  return lines.filter((l) => l.err?.code === code);
}

for (const { name, code, close, send } of [
  { name: 'a text frame that is not UTF-8', code: 'WS_ERR_INVALID_UTF8', close: 1007, send: (ws: import('ws').WebSocket) => ws.send(Buffer.from([0x68, 0x69, 0xff, 0xfe]), { binary: false }) },
  { name: 'a frame past the 1 MiB limit', code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', close: 1009, send: (ws: import('ws').WebSocket) => ws.send('z'.repeat(1_048_577)) },
]) {
  test(`${name} closes the socket with ${close} and is logged as the client's doing, not as our fault`, async () => {
    const c = await open(chatUrl, { authorization: `Bearer ${student.token}` });
    await c.next('ready');
    send(c.ws);
    assert.equal((await c.closed).code, close);
    const logged = await loggedFor(code);
    assert.ok(logged.length > 0, `the ${code} was logged`);
    assert.deepEqual(logged.map((l) => l.level < ERROR), logged.map(() => true), `logged at levels ${logged.map((l) => l.level)}`);
    assert.ok(!lines.some((l) => l.level >= ERROR), 'nothing at error level');
  });
}
