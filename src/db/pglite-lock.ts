/**
 * One process at a time in an embedded database folder. PGlite is a whole PostgreSQL inside
 * the process, with no postmaster to share a cluster: a second process that opens the same
 * folder (`satprep admin create` while `satprep serve` runs) works on its own copy, and
 * whichever writes last wins — the admin was "created" and never existed. A lock file
 * naming the holder's pid turns that into a clear refusal. A lock left by a process that is
 * gone (killed with SIGKILL, a crash) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from '../lib/process-alive.ts';

export const LOCK_FILE = 'satprep.lock';

export interface LockHolder {
  pid: number;
  /** The satprep command that holds it ("serve"), when it says. */
  command: string;
}

export type LockResult = { release(): void } | { heldBy: LockHolder; file: string };

/** Opens of a folder in this process: one process may open its own database more than once. */
const heldHere = new Map<string, number>();

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return Number.isInteger(v.pid) ? { pid: v.pid!, command: typeof v.command === 'string' ? v.command : '' } : null;
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

function releaser(file: string): { release(): void } {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const n = (heldHere.get(file) ?? 1) - 1;
      if (n > 0) heldHere.set(file, n);
      else {
        heldHere.delete(file);
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      }
    },
  };
}

let exitHook = false;
function removeOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const file of heldHere.keys()) if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
  });
}

/** Takes `dir`'s lock for this process, or says which live process holds it. */
export function lockDataDir(dir: string, command = process.argv[2] ?? ''): LockResult {
  const file = path.resolve(dir, LOCK_FILE);
  const n = heldHere.get(file);
  if (n) {
    heldHere.set(file, n + 1);
    return releaser(file);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, command }), { flag: 'wx' });
      heldHere.set(file, 1);
      removeOnExit();
      return releaser(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && processAlive(holder.pid)) return { heldBy: holder, file };
      rmSync(file, { force: true });
    }
  }
  const holder = readHolder(file);
  return { heldBy: holder ?? { pid: 0, command: '' }, file };
}
