/**
 * `dataset build`: read → consent & identity → task checks → length → rating policy →
 * dedup → split → write. Everything is written into a temporary folder next to the final
 * one and renamed into place only when complete, then registered in `datasets`; a failure
 * anywhere removes the temporary folder and registers nothing. The same database, synthetic
 * files, key and seed give byte-identical files and manifest.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { datasets } from '../db/schema/index.ts';
import { renderCard } from './card.ts';
import { consentStage, loadDirectory } from './consent.ts';
import { dedupStage } from './dedup.ts';
import { DEFAULT_QUALITY, lengthStage, ratingPolicyStage, taskChecksStage, type QualityConfig } from './filters.ts';
import { FORMATS } from './formats.ts';
import { PipelineStats, runPipeline, type Stage } from './pipeline.ts';
import { readAiOutputs, readNoteReplies, readQuestionRationales, readTutorChats } from './read-db.ts';
import { readSynth } from './read-synth.ts';
import { DEFAULT_SPLITS, splitStage, type SplitRatios } from './split.ts';
import type { Pair } from './types.ts';
import { DatasetWriter, fileDigest, type WrittenFile } from './write.ts';

export interface BuildOptions {
  name: string;
  /** Parent folder; the dataset lands in `<outDir>/<name>/<version>`. */
  outDir: string;
  /** Pseudonym key (collect/pseudonym.ts resolvePseudonymKey); never written out. */
  key: Uint8Array;
  seed?: string;
  synthDirs?: string[];
  includeSimulated?: boolean;
  /** Question → rationale pairs from the item bank (default on). */
  contentPairs?: boolean;
  quality?: QualityConfig;
  splits?: SplitRatios;
  /** Called with the number of records read so far. */
  onRead?: (n: number) => void;
  /** Extra stages run after the filters (tests use it to fail a build midway). */
  extraStages?: Stage<Pair, Pair>[];
}

type Counts = Record<string, number>;
export interface Manifest {
  name: string;
  seed: string;
  codeVersion: string;
  includeSimulated: boolean;
  phase: { observed: 'real' | 'synthetic' | 'mixed' | 'empty'; realPairs: number; syntheticPairs: number; policy: 'none' };
  formats: readonly string[];
  counts: { total: number; negatives: number; bySplit: Counts; byTask: Counts; bySource: Counts; bySkill: Counts };
  stages: Record<string, { in: number; out: number }>;
  drops: Record<string, Record<string, number>>;
  files: WrittenFile[];
}

export interface BuildResult {
  id: string;
  version: string;
  path: string;
  manifest: Manifest;
}

/** package version + a hash of this folder's sources: changes whenever the builder does. */
export function codeVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(readFileSync(path.resolve(here, '../../package.json'), 'utf8')) as { version: string };
  const h = createHash('sha256');
  for (const f of readdirSync(here).filter((f) => f.endsWith('.ts')).sort()) h.update(f).update(readFileSync(path.join(here, f)));
  return `${pkg.version}+${h.digest('hex').slice(0, 12)}`;
}

async function* concat(sources: (() => AsyncIterable<Pair>)[], onRead?: (n: number) => void): AsyncIterable<Pair> {
  let n = 0;
  for (const s of sources) for await (const p of s()) {
    yield p;
    if (++n % 256 === 0) onRead?.(n);
  }
  onRead?.(n);
}

const bump = (c: Counts, k: string | null) => { const key = k ?? '(none)'; c[key] = (c[key] ?? 0) + 1; };
const sorted = (c: Counts): Counts => Object.fromEntries(Object.entries(c).sort(([a], [b]) => (a < b ? -1 : 1)));

export async function buildDataset(db: Db, opts: BuildOptions): Promise<BuildResult> {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(opts.name)) throw new Error(`dataset name must be 1–64 of [A-Za-z0-9._-]: ${opts.name}`);
  const seed = opts.seed ?? 'dataset-v1';
  const parent = path.join(opts.outDir, opts.name);
  mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp);
  let renamed: string | null = null;
  try {
    const dir = await loadDirectory(db, { includeSimulated: opts.includeSimulated });
    // Real sources first: dedup keeps the first copy, so real wins over synthetic.
    const sources: (() => AsyncIterable<Pair>)[] = [() => readAiOutputs(db), () => readTutorChats(db), () => readNoteReplies(db)];
    if (opts.contentPairs !== false) sources.push(() => readQuestionRationales(db));
    for (const d of opts.synthDirs ?? []) sources.push(() => readSynth(d));
    const stats = new PipelineStats();
    const stages: Stage<Pair, Pair>[] = [
      consentStage(dir, opts.key),
      taskChecksStage(),
      lengthStage(opts.quality ?? DEFAULT_QUALITY),
      ratingPolicyStage(opts.quality ?? DEFAULT_QUALITY),
      ...(opts.extraStages ?? []),
      dedupStage(),
      splitStage(seed, opts.splits ?? DEFAULT_SPLITS),
    ];
    const writer = new DatasetWriter(tmp);
    const counts = { total: 0, negatives: 0, bySplit: {} as Counts, byTask: {} as Counts, bySource: {} as Counts, bySkill: {} as Counts };
    let real = 0, synthetic = 0;
    for await (const p of runPipeline(concat(sources, opts.onRead), stages, stats)) {
      writer.write(p);
      if (p.polarity === 'negative') { counts.negatives++; continue; }
      counts.total++;
      if (p.synthetic) synthetic++; else real++;
      bump(counts.bySplit, p.split);
      bump(counts.byTask, p.task);
      bump(counts.bySource, p.source);
      bump(counts.bySkill, p.skill);
    }
    const files = writer.finish();
    const manifest: Manifest = {
      name: opts.name,
      seed,
      codeVersion: codeVersion(),
      includeSimulated: opts.includeSimulated ?? false,
      phase: { observed: real && synthetic ? 'mixed' : real ? 'real' : synthetic ? 'synthetic' : 'empty', realPairs: real, syntheticPairs: synthetic, policy: 'none' },
      formats: [...FORMATS, 'io-parquet'],
      counts: { ...counts, bySplit: sorted(counts.bySplit), byTask: sorted(counts.byTask), bySource: sorted(counts.bySource), bySkill: sorted(counts.bySkill) },
      ...stats.toJSON(),
      files,
    };
    const card = renderCard(opts.name, manifest);
    writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(path.join(tmp, 'README.md'), card);
    const existing = await db.select({ version: datasets.version }).from(datasets).where(eq(datasets.name, opts.name));
    const version = `v${existing.length + 1}`;
    const final = path.join(parent, version);
    if (existsSync(final)) throw new Error(`dataset folder already exists: ${final}`);
    renameSync(tmp, final);
    renamed = final;
    const id = `${opts.name}@${version}`;
    await db.insert(datasets).values({ id, name: opts.name, version, path: final, manifest: { ...manifest, manifestSha256: fileDigest(path.join(final, 'manifest.json')).sha256 }, card });
    return { id, version, path: final, manifest };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Renamed but not registered (the insert failed): no unregistered dataset may remain.
    if (renamed) rmSync(renamed, { recursive: true, force: true });
    throw err;
  }
}
