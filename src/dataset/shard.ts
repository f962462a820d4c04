/**
 * The spill between the two passes of a build: finished pairs as JSON lines in the
 * temporary folder, written in stream order and read back in the same order, so the second
 * pass decides with counts the first one could not know yet, in flat memory.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Pair } from './types.ts';

const FLUSH_AT = 1 << 20;

export class ShardWriter {
  private readonly fd: number;
  private buf = '';
  rows = 0;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  /** The structured input and raw ids are not needed after the first pass and never spilled. */
  write(p: Pair): void {
    const { input: _input, userId: _userId, people: _people, ...rest } = p;
    this.buf += `${JSON.stringify(rest)}\n`;
    this.rows++;
    if (this.buf.length >= FLUSH_AT) this.flush();
  }
  private flush(): void {
    if (this.buf) writeSync(this.fd, this.buf);
    this.buf = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const READ_CHUNK = 1 << 20;

/**
 * The spilled pairs, in the order written. Read in 1 MiB chunks and split at newlines by hand:
 * readline's async line events cost more per line than parsing the line does, and the file is
 * local and our own, so reading it synchronously a chunk at a time keeps memory flat without them.
 * The event loop gets a turn between chunks.
 */
export async function* readShard(file: string): AsyncIterable<Pair> {
  const fd = openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(READ_CHUNK);
    let start = 0, end = 0;
    for (;;) {
      // Keep the unfinished line at the front, then fill the rest of the buffer.
      if (start > 0) { buf.copy(buf, 0, start, end); end -= start; start = 0; }
      if (end === buf.length) { const bigger = Buffer.allocUnsafe(buf.length * 2); buf.copy(bigger, 0, 0, end); buf = bigger; }
      // One turn of the event loop per chunk: a build running inside the server or a worker must
      // not hold its timers, progress and abort signals for the whole second pass.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const n = readSync(fd, buf, end, buf.length - end, null);
      end += n;
      for (let nl = buf.indexOf(10, start); nl !== -1 && nl < end; nl = buf.indexOf(10, start)) {
        if (nl > start) yield restore(buf.toString('utf8', start, nl));
        start = nl + 1;
      }
      if (n === 0) {
        if (end > start) yield restore(buf.toString('utf8', start, end));
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}

const restore = (line: string): Pair => ({ ...(JSON.parse(line) as Omit<Pair, 'input' | 'userId' | 'people'>), input: null, userId: null, people: [] });
