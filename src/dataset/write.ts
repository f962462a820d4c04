/**
 * The writer: streams finished pairs into `<format>/<split>.jsonl` files (every file
 * exists, even when empty, so the layout never depends on the data) and keeps the io
 * columns to write `io/<split>.parquet` at the end. Files are written synchronously in
 * order, so the same pairs always give the same bytes.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { FORMATS, formatPair, IO_COLUMNS, toIo, type Format, type IoRecord } from './formats.ts';
import { SPLITS, type Pair, type Split } from './types.ts';

export interface WrittenFile {
  path: string;
  format: Format | 'io-parquet';
  split: Split;
  rows: number;
  bytes: number;
  sha256: string;
}

const FLUSH_AT = 1 << 16;

class JsonlFile {
  private readonly fd: number;
  private buf = '';
  rows = 0;
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
  }
  write(record: object): void {
    this.buf += `${JSON.stringify(record)}\n`;
    this.rows++;
    if (this.buf.length >= FLUSH_AT) this.flush();
  }
  flush(): void {
    if (this.buf) writeSync(this.fd, this.buf);
    this.buf = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function fileDigest(file: string): { bytes: number; sha256: string } {
  const b = readFileSync(file);
  return { bytes: b.length, sha256: createHash('sha256').update(b).digest('hex') };
}

export class DatasetWriter {
  private readonly jsonl = new Map<string, JsonlFile>();
  private readonly io = new Map<Split, IoRecord[]>(SPLITS.map((s) => [s, []]));

  constructor(private readonly dir: string, private readonly formats: readonly Format[] = FORMATS) {
    for (const f of formats) for (const s of SPLITS) this.jsonl.set(`${f}/${s}`, new JsonlFile(path.join(dir, f, `${s}.jsonl`)));
  }

  write(p: Pair): void {
    if (!p.split) throw new Error(`writer: pair ${p.id} has no split`);
    for (const f of this.formats) {
      const rec = formatPair(f, p);
      if (rec) this.jsonl.get(`${f}/${p.split}`)!.write(rec);
    }
    if (p.polarity === 'positive') this.io.get(p.split)!.push(toIo(p));
  }

  /** Close the JSONL files, write the Parquet files, and describe every file written. */
  finish(): WrittenFile[] {
    const out: WrittenFile[] = [];
    for (const [key, f] of this.jsonl) {
      f.close();
      const [format, split] = key.split('/') as [Format, Split];
      out.push({ path: path.relative(this.dir, f.file), format, split, rows: f.rows, ...fileDigest(f.file) });
    }
    for (const split of SPLITS) {
      const rows = this.io.get(split)!;
      const file = path.join(this.dir, 'io', `${split}.parquet`);
      mkdirSync(path.dirname(file), { recursive: true });
      const buf = parquetWriteBuffer({
        columnData: IO_COLUMNS.map((c) => ({ name: c.name, data: rows.map((r) => r[c.name]), type: 'STRING' as const, nullable: c.nullable })),
        createdBy: 'satprep dataset build',
      });
      writeFileSync(file, new Uint8Array(buf));
      out.push({ path: path.relative(this.dir, file), format: 'io-parquet', split, rows: rows.length, ...fileDigest(file) });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }
}
