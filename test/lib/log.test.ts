import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { buildApp } from '../../src/api/app.ts';
import { createLogger, redactUrl } from '../../src/lib/log.ts';
import { createTestApp } from '../helpers/app.ts';

test('credentials in a query string are redacted, other parameters kept', () => {
  assert.equal(redactUrl('/ai_tutor/chat?token=abc.def.ghi&x=1'), '/ai_tutor/chat?token=[redacted]&x=1');
  assert.equal(redactUrl('/a?x=1&ACCESS_TOKEN=zz#frag'), '/a?x=1&ACCESS_TOKEN=[redacted]#frag');
  assert.equal(redactUrl('/lessons?skill=token'), '/lessons?skill=token');
});

test("the server's request log never holds a token from the URL or the Authorization header", async () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  const t = await createTestApp({}, { bank: false });
  const app = await buildApp({ ...t.app.deps, logger: createLogger('info', out) });
  try {
    await app.inject({ method: 'GET', url: '/ai_tutor/chat?token=SECRET-IN-QUERY', headers: { authorization: 'Bearer SECRET-IN-HEADER' } });
    await app.inject({ method: 'GET', url: '/health?check=1' });
    await new Promise((r) => setTimeout(r, 50));
    assert.match(text, /"url":"\/ai_tutor\/chat\?token=\[redacted\]"/);
    assert.match(text, /"url":"\/health\?check=1"/);
    assert.doesNotMatch(text, /SECRET-IN-/);
  } finally {
    await app.close();
    await t.close();
  }
});
