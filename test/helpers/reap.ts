/**
 * Children a test file started die with it. The runner force-exits a file whose tests are done
 * or timed out, and `process.exit` runs no `after` hook: without this, a failed file would
 * leave its API processes, workers and private servers running and slowing every file after
 * it. Only synchronous work can run at 'exit', so each reaper is a SIGKILL or a sync command.
 * A file that uses this exits on SIGTERM and SIGINT through `process.exit`, so they run then too.
 */
import type { ChildProcess } from 'node:child_process';

const reapers = new Set<() => void>();
let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', () => {
    for (const reap of reapers) {
      try {
        reap();
      } catch {
        /* best effort: the process is going anyway */
      }
    }
  });
  // The runner stops a file that overran its time limit with SIGTERM, which by default ends the
  // process without an 'exit' event; exiting here runs the reapers first.
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => process.exit(sig === 'SIGTERM' ? 143 : 130));
}

/** Runs `reap` if this process exits first; the returned function cancels it. */
export function reapOnExit(reap: () => void): () => void {
  install();
  reapers.add(reap);
  return () => reapers.delete(reap);
}

/** SIGKILLs `child` if this process exits while it still runs. */
export function killOnExit(child: ChildProcess): void {
  const cancel = reapOnExit(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child.once('exit', cancel);
}
