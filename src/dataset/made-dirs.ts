/**
 * `mkdir -p` that can be taken back. A failed build (or retrain) removes the folders it made —
 * only those, and a shared one only while empty — so a failure leaves the output folder as it
 * found it rather than with an empty `<name>/` (and perhaps `datasets/`) in it.
 */
import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface MadeDirs {
  dir: string;
  /** The first folder this call created (`dir` or one of its parents); undefined when `dir` was there already. */
  top: string | undefined;
}

export function makeDirs(dir: string): MadeDirs {
  const top = mkdirSync(dir, { recursive: true });
  return { dir: path.resolve(dir), top: top === undefined ? undefined : path.resolve(top) };
}

/**
 * Removes what `makeDirs` made: `dir` — with its contents when `contents` says they are this
 * run's alone — then each parent up to `top`, while empty. A folder another run has put
 * something in meanwhile stays, and so do the ones above it.
 */
export function unmakeDirs(made: MadeDirs, opts: { contents?: boolean } = {}): void {
  if (made.top === undefined) return;
  if (opts.contents) rmSync(made.dir, { recursive: true, force: true });
  for (let d = made.dir; ; d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
    if (d === made.top || path.dirname(d) === d) return;
  }
}
