/**
 * Write-then-rename: a reader (or a process started after a kill mid-write) sees the previous
 * file or the new one, never half of one. The temporary name carries the pid, so two processes
 * writing the same file do not write into each other's; a failed write removes its own.
 */
import { rmSync, renameSync, writeFileSync } from 'node:fs';

/** Writes `data`, or lets `write` fill the temporary path it is given, then renames it into place. */
export function writeFileAtomic(file: string, data: string | Uint8Array | ((tmp: string) => void)): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    if (typeof data === 'function') data(tmp);
    else writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
