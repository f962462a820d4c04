/**
 * The writer: streams finished records into `<format>/<split>.jsonl` and
 * `<format>/<split>.parquet` (every file exists, even when empty, so the layout never
 * depends on the data). JSONL is hashed as it is written; Parquet is written one row group
 * at a time and hashed in chunks after it is closed, so memory stays flat. Files are written
 * synchronously in order, so the same records always give the same bytes. A pair's long texts
 * are escaped and encoded once for all its formats (json-bytes.ts): JSONL lines are copied
 * as bytes into each file's buffer, and Parquet's free-text columns get the same UTF-8 bytes
 * the Parquet writer would have encoded itself.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { renderPrompt } from '../ai/task.ts';
import { FORMAT_COLUMNS, formatPair, toPreference, type Column, type Format } from './formats.ts';
import { JsonBytes } from './json-bytes.ts';
import { isPlainText, ParquetFile } from './parquet.ts';
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

/** Bytes buffered per file before one write and one hash update. */
const FILE_BUFFER = 1 << 18;

class JsonlFile {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private readonly buf = Buffer.allocUnsafe(FILE_BUFFER);
  private len = 0;
  bytes = 0;
  rows = 0;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  /** One line (its bytes, newline included), `copies` times. */
  write(line: Uint8Array, copies = 1): void {
    for (let c = 0; c < copies; c++) {
      if (this.len + line.length > this.buf.length) this.flush();
      if (line.length > this.buf.length) this.out(line);
      else {
        this.buf.set(line, this.len);
        this.len += line.length;
      }
    }
    this.rows += copies;
  }
  private out(b: Uint8Array): void {
    writeSync(this.fd, b);
    this.hash.update(b);
    this.bytes += b.length;
  }
  flush(): void {
    if (!this.len) return;
    this.out(this.buf.subarray(0, this.len));
    this.len = 0;
  }
  close(): { bytes: number; sha256: string } {
    this.flush();
    closeSync(this.fd);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
  /** Close without writing what is buffered. */
  abandon(): void {
    closeSync(this.fd);
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

interface Slot { jsonl: JsonlFile; parquet: ParquetFile | null; columns: readonly Column[] }

export class DatasetWriter {
  private readonly slots = new Map<string, Slot>();
  private readonly json = new JsonBytes();

  constructor(private readonly dir: string, readonly formats: readonly Format[], opts: { parquet?: boolean } = {}) {
    for (const f of formats) {
      mkdirSync(path.join(dir, f), { recursive: true });
      for (const s of SPLITS) {
        const base = path.join(dir, f, s);
        this.slots.set(`${f}/${s}`, {
          jsonl: new JsonlFile(`${base}.jsonl`),
          parquet: opts.parquet === false ? null : new ParquetFile(`${base}.parquet`, FORMAT_COLUMNS[f], 'satprep dataset build'),
          columns: FORMAT_COLUMNS[f],
        });
      }
    }
  }

  private put(f: Format, split: Split, rec: object, copies = 1): void {
    const s = this.slots.get(`${f}/${split}`)!;
    s.jsonl.write(this.json.line(rec), copies);
    if (!s.parquet) return;
    const row = rec as Record<string, unknown>;
    const values = s.columns.map((c) => {
      const v = row[c.name];
      // Free text goes in as the bytes the Parquet writer would have encoded; categorical strings stay strings for its dictionary.
      return typeof v === 'string' && isPlainText(c) ? this.json.utf8(v) : v;
    });
    for (let c = 0; c < copies; c++) s.parquet.writeValues(values);
  }

  /** Write a pair to every format it belongs in, `copies` times (oversampling repeats train rows). */
  write(p: Pair, copies = 1): void {
    if (!p.split) throw new Error(`writer: pair ${p.id} has no split`);
    const prompt = renderPrompt(p.messages);
    this.json.forget();
    for (const f of this.formats) {
      const rec = formatPair(f, p, prompt);
      if (rec) this.put(f, p.split, rec, copies);
    }
    this.json.forget();
  }

  writePreference(p: PreferencePair): void {
    if (!p.split) throw new Error(`writer: preference ${p.id} has no split`);
    if (!this.formats.includes('preference')) return;
    this.json.forget();
    this.put('preference', p.split, toPreference(p));
    this.json.forget();
  }

  /**
   * Close every file without finishing it, for a build that stops midway (its folder is
   * removed next): a long-lived process (the server, a job worker) must not keep their
   * descriptors open.
   */
  abandon(): void {
    for (const s of this.slots.values()) {
      s.jsonl.abandon();
      s.parquet?.abandon();
    }
    this.slots.clear();
  }

  /** Close every file and describe it; paths relative to the dataset folder, sorted. */
  finish(): WrittenFile[] {
    const out: WrittenFile[] = [];
    for (const [key, s] of [...this.slots]) {
      // Out of the map before it is closed: `abandon` after a failure here closes only the rest.
      this.slots.delete(key);
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
