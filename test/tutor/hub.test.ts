import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerFrame } from '../../src/tutor/frames.ts';
import { createMemoryHub } from '../../src/tutor/hub.ts';

const frame = (text: string): ServerFrame => ({ type: 'chunk', conversationId: 'c', text });

test('a published frame reaches every listener of that user, in order, and no one else', async () => {
  const hub = createMemoryHub();
  const a: string[] = [];
  const b: string[] = [];
  const other: string[] = [];
  hub.subscribe('u1', (f) => a.push((f as { text: string }).text));
  hub.subscribe('u1', (f) => b.push((f as { text: string }).text));
  hub.subscribe('u2', (f) => other.push((f as { text: string }).text));
  await hub.publish('u1', frame('one'));
  await hub.publish('u1', frame('two'));
  assert.deepEqual(a, ['one', 'two']);
  assert.deepEqual(b, ['one', 'two']);
  assert.deepEqual(other, []);
});

test('unsubscribing stops delivery; publishing to a user with no sockets is a no-op', async () => {
  const hub = createMemoryHub();
  const got: ServerFrame[] = [];
  const off = hub.subscribe('u1', (f) => got.push(f));
  off();
  off();
  await hub.publish('u1', frame('lost'));
  await hub.publish('nobody', frame('lost'));
  assert.deepEqual(got, []);
});

test('a throwing listener (a dead socket) is reported and does not stop the others', async () => {
  const errors: unknown[] = [];
  const hub = createMemoryHub((err) => errors.push(err));
  const got: ServerFrame[] = [];
  hub.subscribe('u1', () => {
    throw new Error('socket gone');
  });
  hub.subscribe('u1', (f) => got.push(f));
  await hub.publish('u1', frame('x'));
  assert.equal(got.length, 1);
  assert.equal((errors[0] as Error).message, 'socket gone');
});
