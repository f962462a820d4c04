/**
 * `dataset diff A B`: how two built datasets differ. Counts per task, source and split
 * come from the manifests; added and removed records are found by content hash — a 64-bit
 * fingerprint of what a trainer sees (task, prompt and output for SFT rows; prompt and
 * completion for KTO negatives; prompt, chosen and rejected for preference pairs) — so a
 * record that only moved split or changed pseudonym is not reported as new.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Manifest } from './build.ts';
import { FingerprintSet, fingerprint } from './fingerprint.ts';

export const RECORD_KINDS = ['positive', 'negative', 'preference'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

interface Content { kind: RecordKind; task: string | null; hash: [number, number]; preview: string }

/** The content of every record of a dataset, from the io (else trl), kto and preference files. */
async function* contents(dir: string, m: Manifest): AsyncIterable<Content> {
  const jsonl = (format: string) => m.files.filter((f) => f.format === format && f.type === 'jsonl').map((f) => path.join(dir, f.path));
  const lines = async function* (files: string[]) {
    for (const file of files) for await (const l of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) if (l) yield JSON.parse(l) as Record<string, unknown>;
  };
  const positive = m.formats.includes('io') ? 'io' : m.formats.includes('trl') ? 'trl' : null;
  if (positive === 'io') for await (const r of lines(jsonl('io'))) yield { kind: 'positive', task: r.task as string, hash: fingerprint(`${r.task}\u0000${r.input}\u0000${r.output}`), preview: String(r.output) };
  if (positive === 'trl') for await (const r of lines(jsonl('trl'))) yield { kind: 'positive', task: null, hash: fingerprint(`\u0000${r.prompt}\u0000${r.completion}`), preview: String(r.completion) };
  for await (const r of lines(jsonl('kto'))) if (r.label === false) yield { kind: 'negative', task: null, hash: fingerprint(`neg\u0000${r.prompt}\u0000${r.completion}`), preview: String(r.completion) };
  for await (const r of lines(jsonl('preference'))) yield { kind: 'preference', task: null, hash: fingerprint(`pref\u0000${r.prompt}\u0000${r.chosen}\u0000${r.rejected}`), preview: String(r.chosen) };
}

type Delta = Record<string, { a: number; b: number; change: number }>;
export interface DatasetDiff {
  a: string;
  b: string;
  phase: { a: string; b: string };
  counts: { byTask: Delta; bySource: Delta; bySplit: Delta; byKind: Delta };
  records: Record<RecordKind, { a: number; b: number; added: number; removed: number; unchanged: number }>;
  /** Up to `examples` added and removed records, for a look. */
  examples: { added: { kind: RecordKind; task: string | null; preview: string }[]; removed: { kind: RecordKind; task: string | null; preview: string }[] };
}

function delta(a: Record<string, number>, b: Record<string, number>): Delta {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(keys.map((k) => [k, { a: a[k] ?? 0, b: b[k] ?? 0, change: (b[k] ?? 0) - (a[k] ?? 0) }]));
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`no manifest.json in ${dir}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

export async function diffDatasets(aDir: string, bDir: string, opts: { examples?: number; labels?: [string, string] } = {}): Promise<DatasetDiff> {
  const ma = readManifest(aDir), mb = readManifest(bDir);
  const sets = { a: new FingerprintSet(), b: new FingerprintSet() };
  for await (const c of contents(aDir, ma)) sets.a.add(c.hash);
  for await (const c of contents(bDir, mb)) sets.b.add(c.hash);
  const zero = () => ({ a: 0, b: 0, added: 0, removed: 0, unchanged: 0 });
  const records = { positive: zero(), negative: zero(), preference: zero() };
  const max = opts.examples ?? 5;
  const examples: DatasetDiff['examples'] = { added: [], removed: [] };
  const cut = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}...` : s);
  for await (const c of contents(aDir, ma)) {
    records[c.kind].a++;
    if (sets.b.has(c.hash)) records[c.kind].unchanged++;
    else {
      records[c.kind].removed++;
      if (examples.removed.length < max) examples.removed.push({ kind: c.kind, task: c.task, preview: cut(c.preview) });
    }
  }
  for await (const c of contents(bDir, mb)) {
    records[c.kind].b++;
    if (!sets.a.has(c.hash)) {
      records[c.kind].added++;
      if (examples.added.length < max) examples.added.push({ kind: c.kind, task: c.task, preview: cut(c.preview) });
    }
  }
  return {
    a: opts.labels?.[0] ?? aDir,
    b: opts.labels?.[1] ?? bDir,
    phase: { a: ma.phase?.chosen ?? 'unknown', b: mb.phase?.chosen ?? 'unknown' },
    counts: {
      byTask: delta(ma.counts.byTask, mb.counts.byTask),
      bySource: delta(ma.counts.bySource, mb.counts.bySource),
      bySplit: delta(ma.counts.bySplit, mb.counts.bySplit),
      byKind: delta(ma.counts.byKind ?? {}, mb.counts.byKind ?? {}),
    },
    records,
    examples,
  };
}

/** The diff as a few plain-text tables. */
export function formatDiff(d: DatasetDiff): string {
  const rows = (title: string, x: Delta) =>
    [`${title.padEnd(28)}${'A'.padStart(10)}${'B'.padStart(10)}${'change'.padStart(10)}`, ...Object.entries(x).map(([k, v]) => `  ${k.padEnd(26)}${String(v.a).padStart(10)}${String(v.b).padStart(10)}${(v.change > 0 ? `+${v.change}` : String(v.change)).padStart(10)}`)].join('\n');
  const recs = Object.entries(d.records).map(([k, r]) => `  ${k.padEnd(12)} A ${r.a}, B ${r.b}: +${r.added} added, -${r.removed} removed, ${r.unchanged} unchanged`);
  return [
    `A: ${d.a} (phase ${d.phase.a})`,
    `B: ${d.b} (phase ${d.phase.b})`,
    '',
    rows('by task', d.counts.byTask),
    rows('by source', d.counts.bySource),
    rows('by split', d.counts.bySplit),
    '',
    'records by content hash:',
    ...recs,
    ...d.examples.added.map((e) => `  + [${e.kind}${e.task ? ` ${e.task}` : ''}] ${e.preview}`),
    ...d.examples.removed.map((e) => `  - [${e.kind}${e.task ? ` ${e.task}` : ''}] ${e.preview}`),
  ].join('\n');
}
