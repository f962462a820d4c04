/**
 * The writer: streams finished records into `<format>/<split>.jsonl` and
 * `<format>/<split>.parquet` (every file exists, even when empty, so the layout never
 * depends on the data). JSONL is hashed as it is written; Parquet is written one row group
 * at a time and hashed in chunks after it is closed, so memory stays flat. Files are written
 * synchronously in order, so the same records always give the same bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { renderPrompt } from '../ai/task.ts';
import { FORMAT_COLUMNS, formatPair, toPreference, type Format } from './formats.ts';
import { ParquetFile } from './parquet.ts';
import { SPLITS, type Pair, type PreferencePair, type Split } from './types.ts';

export interface WrittenFile {
  path: string;
  format: Format;
  type: 'jsonl' | 'parquet';
  split: Split;
  rows: number;
  bytes: number;
  sha256: string;
}

const FLUSH_AT = 1 << 16;

class JsonlFile {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private buf = '';
  bytes = 0;
  rows = 0;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  write(record: object, copies = 1): void {
    const line = `${JSON.stringify(record)}\n`;
    for (let c = 0; c < copies; c++) this.buf += line;
    this.rows += copies;
    if (this.buf.length >= FLUSH_AT) this.flush();
  }
  flush(): void {
    if (!this.buf) return;
    const b = Buffer.from(this.buf, 'utf8');
    writeSync(this.fd, b);
    this.hash.update(b);
    this.bytes += b.length;
    this.buf = '';
  }
  close(): { bytes: number; sha256: string } {
    this.flush();
    closeSync(this.fd);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** Size and SHA-256 of a file, read in 1 MiB chunks. */
export function fileDigest(file: string): { bytes: number; sha256: string } {
  const fd = openSync(file, 'r');
  const h = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; bytes += n) h.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: h.digest('hex') };
}

interface Slot { jsonl: JsonlFile; parquet: ParquetFile | null }

export class DatasetWriter {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly dir: string, readonly formats: readonly Format[], opts: { parquet?: boolean } = {}) {
    for (const f of formats) {
      mkdirSync(path.join(dir, f), { recursive: true });
      for (const s of SPLITS) {
        const base = path.join(dir, f, s);
        this.slots.set(`${f}/${s}`, {
          jsonl: new JsonlFile(`${base}.jsonl`),
          parquet: opts.parquet === false ? null : new ParquetFile(`${base}.parquet`, FORMAT_COLUMNS[f], 'satprep dataset build'),
        });
      }
    }
  }

  private put(f: Format, split: Split, rec: object, copies = 1): void {
    const s = this.slots.get(`${f}/${split}`)!;
    s.jsonl.write(rec, copies);
    if (s.parquet) for (let c = 0; c < copies; c++) s.parquet.write(rec as Record<string, unknown>);
  }

  /** Write a pair to every format it belongs in, `copies` times (oversampling repeats train rows). */
  write(p: Pair, copies = 1): void {
    if (!p.split) throw new Error(`writer: pair ${p.id} has no split`);
    const prompt = renderPrompt(p.messages);
    for (const f of this.formats) {
      const rec = formatPair(f, p, prompt);
      if (rec) this.put(f, p.split, rec, copies);
    }
  }

  writePreference(p: PreferencePair): void {
    if (!p.split) throw new Error(`writer: preference ${p.id} has no split`);
    if (this.formats.includes('preference')) this.put('preference', p.split, toPreference(p));
  }

  /** Close every file and describe it; paths relative to the dataset folder, sorted. */
  finish(): WrittenFile[] {
    const out: WrittenFile[] = [];
    for (const [key, s] of this.slots) {
      const [format, split] = key.split('/') as [Format, Split];
      const j = s.jsonl.close();
      out.push({ path: path.relative(this.dir, s.jsonl.file), format, type: 'jsonl', split, rows: s.jsonl.rows, ...j });
      if (s.parquet) {
        s.parquet.close();
        out.push({ path: path.relative(this.dir, s.parquet.file), format, type: 'parquet', split, rows: s.parquet.rows, ...fileDigest(s.parquet.file) });
      }
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }
}
