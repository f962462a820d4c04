import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig, redactUrl } from '../src/config.ts';

test('defaults run the embedded stack on port 3000', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 3000);
  assert.equal(c.DATABASE_URL, undefined);
  assert.equal(c.REDIS_URL, undefined);
  assert.equal(c.DATA_DIR, './.data');
});

test('a bad value names the variable and what was given', () => {
  assert.throws(() => loadConfig({ PORT: 'abc' }), (e: Error) => e instanceof ConfigError && /PORT/.test(e.message) && /"abc"/.test(e.message));
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be between 0 and 65535/);
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be a postgres/);
});

test('secret values are never echoed in configuration errors', () => {
  try {
    loadConfig({ DATABASE_URL: 'http://user:hunter2@host/db' });
    assert.fail('expected a ConfigError');
  } catch (e) {
    assert.ok(!(e as Error).message.includes('hunter2'));
  }
  assert.equal(redactUrl('postgres://u:hunter2@h:5432/d'), 'postgres://u:***@h:5432/d');
});

test('empty strings count as unset for optional URLs', () => {
  assert.equal(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL, undefined);
});
