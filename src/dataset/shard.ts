/**
 * The spill between the two passes of a build: finished pairs as JSON lines in the
 * temporary folder, written in stream order and read back in the same order, so the second
 * pass decides with counts the first one could not know yet, in flat memory.
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
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

export async function* readShard(file: string): AsyncIterable<Pair> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield { ...(JSON.parse(line) as Omit<Pair, 'input' | 'userId' | 'people'>), input: null, userId: null, people: [] };
}
