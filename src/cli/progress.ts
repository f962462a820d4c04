/**
 * Progress for long CLI jobs: a redrawn bar on a terminal, or a log line every few
 * seconds when stderr is a file or pipe (CI logs stay readable). Silent for jobs that
 * finish within `quietMs`, so short commands print nothing extra. In a log the finished
 * state is written once, by `done`: a tick that reaches the total leaves it to `done`, whose
 * line carries the tick's note when it has none of its own.
 */
export interface Progress {
  tick(n?: number, note?: string): void;
  /** The last line: at the total unless `reached` says where the work stopped short of it. Later calls do nothing. */
  done(note?: string, reached?: number): void;
}

export interface ProgressOptions {
  total: number;
  label: string;
  stream?: NodeJS.WriteStream;
  /** Show nothing until the job has run this long. */
  quietMs?: number;
  /** Non-TTY: minimum interval between lines. */
  logEveryMs?: number;
  now?: () => number;
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const quietMs = opts.quietMs ?? 2000;
  const logEveryMs = opts.logEveryMs ?? 5000;
  const start = now();
  let count = 0;
  let lastDraw = 0;
  let drawn = false;
  let finished = false;
  let lastNote: string | undefined;

  const line = (note?: string) => {
    // An unknown total (streaming sources) shows a count and a rate instead of a bar.
    if (opts.total <= 0) {
      const secs = (now() - start) / 1000;
      return `${opts.label} ${count} done ${secs.toFixed(1)}s (${Math.round(count / Math.max(secs, 1e-3))}/s)${note ? ` ${note}` : ''}`;
    }
    const total = Math.max(opts.total, 1);
    const frac = Math.min(count / total, 1);
    const elapsed = (now() - start) / 1000;
    const eta = frac > 0 ? elapsed / frac - elapsed : NaN;
    const width = 24;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
    const etaText = Number.isFinite(eta) ? ` eta ${eta.toFixed(0)}s` : '';
    return `${opts.label} [${bar}] ${count}/${opts.total} ${(frac * 100).toFixed(0)}% ${elapsed.toFixed(1)}s${etaText}${note ? ` ${note}` : ''}`;
  };

  const draw = (note?: string, final = false) => {
    const t = now();
    if (!final && t - start < quietMs) return;
    if (final && !drawn && t - start < quietMs) return;
    if (stream.isTTY) {
      if (!final && t - lastDraw < 100) return;
      stream.write(`\r\x1b[2K${line(note)}${final ? '\n' : ''}`);
    } else {
      if (!final && drawn && t - lastDraw < logEveryMs) return;
      // The total reached is the finished state, which `done` writes: written here too, a log would show it twice.
      if (!final && opts.total > 0 && count >= opts.total) return;
      stream.write(`${line(note)}\n`);
    }
    drawn = true;
    lastDraw = t;
  };

  return {
    tick(n = 1, note) {
      if (finished) return;
      count += n;
      if (note !== undefined) lastNote = note;
      draw(note);
    },
    done(note, reached) {
      if (finished) return;
      finished = true;
      if (reached !== undefined) count = reached;
      else if (opts.total > 0) count = Math.max(count, opts.total);
      draw(note ?? lastNote, true);
    },
  };
}
