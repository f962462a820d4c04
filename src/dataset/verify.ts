/**
 * Read a built dataset back with readers that share no code with its writers (STYLE
 * habit 8): every file's size and SHA-256 against the manifest; every JSONL line parsed on
 * its own and validated by its format's zod schema (schemas.ts); every Parquet file opened
 * by DuckDB, which must report the manifest's row count and the format's columns and types,
 * and hold exactly the rows of its JSONL twin (DuckDB reads both; the multiset difference
 * must be empty both ways).
 */
import { closeSync, createReadStream, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Manifest } from './build.ts';
import { FORMAT_COLUMNS, type ColumnKind, type Format } from './formats.ts';
import { FORMAT_SCHEMAS } from './schemas.ts';
import { fileDigest, type WrittenFile } from './write.ts';

export interface FileCheck { path: string; rows: number; errors: string[] }
export interface VerifyReport { ok: boolean; files: FileCheck[] }

/** DuckDB's name for each column kind. */
const DUCK_TYPES: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  'string?': 'VARCHAR',
  'double?': 'DOUBLE',
  boolean: 'BOOLEAN',
  messages: 'STRUCT("role" VARCHAR, "content" VARCHAR)[]',
  conversations: 'STRUCT("from" VARCHAR, "value" VARCHAR)[]',
};
const jsonColumns = (f: Format) => `{${FORMAT_COLUMNS[f].map((c) => `'${c.name}': '${DUCK_TYPES[c.kind]}'`).join(', ')}}`;

async function checkJsonl(file: string, f: WrittenFile, errors: string[]): Promise<number> {
  const schema = FORMAT_SCHEMAS[f.format];
  let n = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    n++;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      errors.push(`line ${n}: not JSON`);
      continue;
    }
    const r = schema.safeParse(rec);
    if (!r.success && errors.length < 20) errors.push(`line ${n}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (f.bytes > 0 && readLastByte(file) !== 0x0a) errors.push('does not end with a newline');
  return n;
}

function readLastByte(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, fstatSync(fd).size - 1);
    return b[0];
  } finally {
    closeSync(fd);
  }
}

async function scalar(conn: DuckDBConnection, q: string, file: string, file2?: string): Promise<unknown[]> {
  const st = await conn.prepare(q);
  st.bindVarchar(1, file);
  if (file2) st.bindVarchar(2, file2);
  return (await st.runAndReadAll()).getRows()[0] as unknown[];
}

async function checkParquet(conn: DuckDBConnection, dir: string, f: WrittenFile, errors: string[]): Promise<number> {
  const file = path.join(dir, f.path);
  const [rows] = (await scalar(conn, 'select count(*)::BIGINT from read_parquet($1)', file)) as [bigint];
  const st = await conn.prepare('describe select * from read_parquet($1)');
  st.bindVarchar(1, file);
  const cols = (await st.runAndReadAll()).getRowObjects().map((r) => `${r.column_name} ${r.column_type}`);
  const want = FORMAT_COLUMNS[f.format].map((c) => `${c.name} ${DUCK_TYPES[c.kind]}`);
  if (cols.join(', ') !== want.join(', ')) errors.push(`columns ${cols.join(', ')} ≠ ${want.join(', ')}`);
  const twin = path.join(dir, f.format, `${f.split}.jsonl`);
  if (existsSync(twin) && Number(rows) > 0) {
    const read = `read_json($2, format = 'newline_delimited', columns = ${jsonColumns(f.format)})`;
    const [extra, missing] = (await scalar(
      conn,
      `select (select count(*) from (select * from read_parquet($1) except all select * from ${read}))::BIGINT,
              (select count(*) from (select * from ${read} except all select * from read_parquet($1)))::BIGINT`,
      file,
      twin,
    )) as [bigint, bigint];
    if (extra || missing) errors.push(`differs from ${f.format}/${f.split}.jsonl: ${extra} rows only in Parquet, ${missing} only in JSONL`);
  }
  return Number(rows);
}

export async function verifyDataset(dir: string): Promise<VerifyReport> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // Everything DuckDB needs (parquet, json) is built in: never fetch an extension.
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', threads: '2' });
  const conn = await instance.connect();
  const files: FileCheck[] = [];
  try {
    for (const f of manifest.files) {
      const errors: string[] = [];
      const file = path.join(dir, f.path);
      const d = fileDigest(file);
      if (d.sha256 !== f.sha256 || d.bytes !== f.bytes) errors.push(`sha256/bytes differ from the manifest`);
      const rows = f.type === 'jsonl' ? await checkJsonl(file, f, errors) : await checkParquet(conn, dir, f, errors);
      if (rows !== f.rows) errors.push(`${rows} rows, manifest says ${f.rows}`);
      files.push({ path: f.path, rows, errors });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return { ok: files.every((f) => !f.errors.length), files };
}
