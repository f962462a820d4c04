/**
 * One process at a time in an embedded database folder (src/db/pglite-lock.ts): a live
 * holder is named in the refusal, a dead one's lock is taken over, and this process may
 * open its own folder twice.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { DatabaseUnavailableError, openDatabase } from '../../src/db/index.ts';
import { LOCK_FILE, lockDataDir } from '../../src/db/pglite-lock.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a folder held by a live process is refused with its pid and command; a lock whose process is gone is taken over', async () => {
  const folder = path.join(dir, 'held');
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    const db0 = await openDatabase({ dataDir: folder });
    await db0.close();
    assert.equal(existsSync(path.join(folder, LOCK_FILE)), false, 'closing releases the lock');
    writeFileSync(path.join(folder, LOCK_FILE), JSON.stringify({ pid: other.pid, command: 'serve' }));
    await assert.rejects(openDatabase({ dataDir: folder }), (e: unknown) =>
      e instanceof DatabaseUnavailableError && e.message.includes(`in use by process ${other.pid} (satprep serve)`));
  } finally {
    other.kill('SIGKILL');
    await new Promise((r) => other.once('exit', r));
  }
  // The holder is gone (as after a crash or SIGKILL): its lock no longer stands in the way.
  const db = await openDatabase({ dataDir: folder });
  assert.equal(JSON.parse(readFileSync(path.join(folder, LOCK_FILE), 'utf8')).pid, process.pid);
  await db.close();
});

test('this process may take its own lock twice; the file goes with the last release', () => {
  const a = lockDataDir(dir);
  const b = lockDataDir(dir);
  assert.ok('release' in a && 'release' in b);
  a.release();
  assert.equal(existsSync(path.join(dir, LOCK_FILE)), true, 'still held by the second');
  b.release();
  assert.equal(existsSync(path.join(dir, LOCK_FILE)), false);
});
