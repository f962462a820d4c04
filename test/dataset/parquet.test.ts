/**
 * Streaming Parquet keeps at most one row group of values in memory: a group is written when
 * it reaches ROW_GROUP rows or ROW_GROUP_BYTES of values, and every row comes back in order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { ParquetFile, ROW_GROUP, ROW_GROUP_BYTES } from '../../src/dataset/parquet.ts';
import type { Column } from '../../src/dataset/formats.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parquet-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const columns: Column[] = [
  { name: 'id', kind: 'string' },
  { name: 'task', categorical: true, kind: 'string' },
  { name: 'output', kind: 'string' },
];

function read(file: string) {
  const b = readFileSync(file);
  const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  return { meta: parquetMetadata(ab), rows: parquetReadObjects({ file: ab, compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) } }) };
}

test('long texts close a row group by bytes, short ones by rows; every row comes back in order', async () => {
  const long = path.join(dir, 'long.parquet');
  const pq = new ParquetFile(long, columns, 'test');
  const text = (i: number) => `${i} ${'word '.repeat(2000)}`; // ~10 KB a row
  for (let i = 0; i < 700; i++) pq.writeValues([`r${i}`, 'feedback', text(i)]);
  pq.close();
  const { meta, rows } = read(long);
  const groups = meta.row_groups.map((g) => Number(g.num_rows));
  // ~7 MB of text in groups of at most ROW_GROUP_BYTES (plus the row that crossed it).
  assert.ok(groups.length >= 3, `row groups ${groups.join(', ')}`);
  for (const n of groups.slice(0, -1)) assert.ok(n * 10_000 <= ROW_GROUP_BYTES + 10_100 && n < ROW_GROUP, `group of ${n} rows`);
  const back = await rows;
  assert.equal(back.length, 700);
  back.forEach((r, i) => { assert.equal(r.id, `r${i}`); assert.equal(r.output, text(i)); });

  const short = path.join(dir, 'short.parquet');
  const pq2 = new ParquetFile(short, columns, 'test');
  for (let i = 0; i < ROW_GROUP + 10; i++) pq2.writeValues([`r${i}`, 'explain', 'ok']);
  pq2.close();
  assert.deepEqual(read(short).meta.row_groups.map((g) => Number(g.num_rows)), [ROW_GROUP, 10]);
});
