/**
 * `dataset build`, in two passes over one stream.
 *   1. read → consent & identity → task checks → length → rating policy → dedup → split,
 *      spilled to a shard in the temporary folder while the kept pairs are counted;
 *   2. the phase is chosen from those counts (or forced), the mix and the per-skill caps and
 *      oversampling are planned (balance.ts), and the shard is read back through them into
 *      every format; then preference pairs are read, filtered and written.
 * Everything is written into a temporary folder next to the final one and renamed into
 * place only when complete, then registered in `datasets`; a failure or an abort anywhere
 * removes the temporary folder, and the name's folder and the output folder when this build
 * made them and they are empty, and registers nothing (a temporary folder left by a killed
 * process is swept by the next build). The same database, synthetic files, key, options and
 * seed give byte-identical files and manifest.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { datasets } from '../db/schema/index.ts';
import { Balancer, DEFAULT_BALANCE, KindCounts, planBalance, type BalanceConfig } from './balance.ts';
import { renderCard } from './card.ts';
import { consentStage, loadDirectory } from './consent.ts';
import { dedupStage, type DedupOptions } from './dedup.ts';
import { makeDirs, unmakeDirs } from './made-dirs.ts';
import { DEFAULT_QUALITY, lengthStage, ratingPolicyStage, taskChecksStage, wellbeingStage, type QualityConfig } from './filters.ts';
import { FORMATS, type Format } from './formats.ts';
import { choosePhase, DEFAULT_PHASE_POLICY, phaseReads, validatePolicy, type Phase, type PhaseMode, type PhasePolicy } from './phase.ts';
import { PipelineStats, runPipeline, type Stage } from './pipeline.ts';
import { DEFAULT_PREFERENCE, preferencePairs, type PreferenceConfig } from './preference.ts';
import { readAiOutputs, readNoteReplies, readPlanAdjustments, readQuestionRationales, readTutorChats } from './read-db.ts';
import { readPreferenceGroups } from './read-pref.ts';
import { readSynth } from './read-synth.ts';
import { readShard, ShardWriter } from './shard.ts';
import { DEFAULT_SPLITS, splitStage, type SplitRatios } from './split.ts';
import { kindOf, type Pair } from './types.ts';
import { DatasetWriter, fileDigest, type WrittenFile } from './write.ts';
import { processAlive } from '../lib/process-alive.ts';

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
  /** Formats to write (default all). */
  formats?: readonly Format[];
  /** Parquet next to every JSONL file (default on). */
  parquet?: boolean;
  phase?: PhaseMode;
  phasePolicy?: PhasePolicy;
  balance?: BalanceConfig;
  quality?: QualityConfig;
  dedup?: DedupOptions;
  preference?: PreferenceConfig;
  splits?: SplitRatios;
  /** Days after a plan suggestion that count as what the student did next. */
  outcomeWindowDays?: number;
  /** Called with the number of records read so far. */
  onRead?: (n: number) => void;
  /** Stops the build: nothing is registered and the temporary folder is removed. */
  signal?: AbortSignal;
  /** Extra stages run after the filters (tests use it to fail a build midway). */
  extraStages?: Stage<Pair, Pair>[];
}

type Counts = Record<string, number>;
export interface Manifest {
  name: string;
  seed: string;
  codeVersion: string;
  includeSimulated: boolean;
  phase: {
    mode: PhaseMode;
    chosen: Phase;
    policy: PhasePolicy;
    /** Positive pairs that survived the filters, by kind, before the phase and the mix. */
    available: { real: number; synthetic: number; reference: number };
    syntheticQuota: number;
    /** Positive pairs written, by kind (before oversampling), and the synthetic share of real + synthetic. */
    kept: { real: number; synthetic: number; reference: number };
    syntheticShare: number;
  };
  balance: { maxPerSkill: number | null; minPerSkill: number; maxOversample: number; weakSkills: Record<string, number>; cappedCells: number; oversampledCells: number };
  formats: readonly Format[];
  parquet: boolean;
  counts: {
    /** Positive rows written (SFT formats), oversampled copies included. */
    total: number;
    oversampledCopies: number;
    negatives: number;
    preference: number;
    bySplit: Counts; byTask: Counts; bySource: Counts; bySkill: Counts; byKind: Counts;
    preferenceBySplit: Counts;
  };
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

async function* concat(sources: (() => AsyncIterable<Pair>)[], onRead?: (n: number) => void, signal?: AbortSignal): AsyncIterable<Pair> {
  let n = 0;
  for (const s of sources) for await (const p of s()) {
    signal?.throwIfAborted();
    yield p;
    if (++n % 64 === 0) onRead?.(n);
  }
  onRead?.(n);
}

const bump = (c: Counts, k: string | null, by = 1) => { const key = k ?? '(none)'; c[key] = (c[key] ?? 0) + by; };
const sorted = (c: Counts): Counts => Object.fromEntries(Object.entries(c).sort(([a], [b]) => (a < b ? -1 : 1)));

const TMP_PREFIX = '.tmp-';
/** Temporary folders of builds whose process is gone (killed midway): never registered, safe to remove. */
export function sweepStale(parent: string): string[] {
  if (!existsSync(parent)) return [];
  const gone = readdirSync(parent).filter((f) => {
    const m = new RegExp(`^${TMP_PREFIX.replace('.', '\\.')}(\\d+)-`).exec(f);
    return m !== null && Number(m[1]) !== process.pid && !processAlive(Number(m[1]));
  });
  for (const f of gone) rmSync(path.join(parent, f), { recursive: true, force: true });
  return gone;
}

/** The next version: one past the highest registered or present on disk (a folder renamed but never registered still takes its number). */
async function nextVersion(db: Db, name: string, parent: string): Promise<string> {
  const registered = (await db.select({ version: datasets.version }).from(datasets).where(eq(datasets.name, name))).map((r) => r.version);
  const onDisk = existsSync(parent) ? readdirSync(parent) : [];
  const n = Math.max(0, ...[...registered, ...onDisk].map((v) => /^v(\d+)$/.exec(v)).map((m) => (m ? Number(m[1]) : 0)));
  return `v${n + 1}`;
}

/**
 * Pass 1: read → filter → spill, counting what survives. Its own function so that the
 * stages' state — the dedup fingerprints and near-duplicate windows, which grow with the
 * data up to their bounds — is unreachable once it returns, and the second pass's memory
 * (row groups, file buffers) does not stack on top of it.
 */
async function spill(source: AsyncIterable<Pair>, stages: Stage<Pair, Pair>[], stats: PipelineStats, file: string, seed: string): Promise<KindCounts> {
  const shard = new ShardWriter(file);
  const kinds = new KindCounts(seed);
  try {
    for await (const p of runPipeline(source, stages, stats)) {
      shard.write(p);
      kinds.add(p);
    }
  } finally {
    shard.close();
  }
  return kinds;
}

export async function buildDataset(db: Db, opts: BuildOptions): Promise<BuildResult> {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(opts.name)) throw new Error(`dataset name must be 1–64 of [A-Za-z0-9._-]: ${opts.name}`);
  const seed = opts.seed ?? 'dataset-v1';
  const mode = opts.phase ?? 'auto';
  const policy = validatePolicy(opts.phasePolicy ?? DEFAULT_PHASE_POLICY);
  const balance = opts.balance ?? DEFAULT_BALANCE;
  const quality = opts.quality ?? DEFAULT_QUALITY;
  const splits = opts.splits ?? DEFAULT_SPLITS;
  const formats = [...new Set(opts.formats ?? FORMATS)].sort((a, b) => FORMATS.indexOf(a) - FORMATS.indexOf(b));
  if (!formats.length) throw new Error('at least one format is needed');
  const parquet = opts.parquet !== false;
  const parent = path.join(opts.outDir, opts.name);
  const made = makeDirs(parent);
  sweepStale(parent);
  const tmp = path.join(parent, `${TMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp);
  let renamed: string | null = null;
  let writer: DatasetWriter | null = null;
  try {
    opts.signal?.throwIfAborted();
    const dir = await loadDirectory(db, { includeSimulated: opts.includeSimulated });
    const reads = phaseReads(mode);
    // Real sources first: dedup keeps the first copy, so real wins over synthetic.
    const sources: (() => AsyncIterable<Pair>)[] = [];
    if (reads.real) sources.push(() => readAiOutputs(db), () => readPlanAdjustments(db, opts.outcomeWindowDays), () => readTutorChats(db), () => readNoteReplies(db));
    if (opts.contentPairs !== false) sources.push(() => readQuestionRationales(db));
    if (reads.synthetic) for (const d of opts.synthDirs ?? []) sources.push(() => readSynth(d));
    const stats = new PipelineStats();
    const shardFile = path.join(tmp, '.pairs.jsonl');
    const kinds = await spill(concat(sources, opts.onRead, opts.signal), [
      consentStage(dir, opts.key),
      wellbeingStage(),
      taskChecksStage(),
      lengthStage(quality),
      ratingPolicyStage(quality),
      ...(opts.extraStages ?? []),
      dedupStage(opts.dedup),
      splitStage(seed, splits),
    ], stats, shardFile, seed);

    // Pass 2: phase, mix, caps, oversampling → every format.
    const phase = choosePhase(mode, kinds.real, policy);
    const plan = planBalance(kinds, phase, policy, balance);
    const balancer = new Balancer(plan, seed);
    writer = new DatasetWriter(tmp, formats, { parquet });
    const counts: Manifest['counts'] = {
      total: 0, oversampledCopies: 0, negatives: 0, preference: 0,
      bySplit: {}, byTask: {}, bySource: {}, bySkill: {}, byKind: {}, preferenceBySplit: {},
    };
    const kept = { real: 0, synthetic: 0, reference: 0 };
    const tally = stats.stage('balance');
    for await (const p of readShard(shardFile)) {
      opts.signal?.throwIfAborted();
      tally.in++;
      const { copies, verdict } = balancer.decide(p);
      if (!verdict.keep) { stats.drop('balance', verdict.reason); continue; }
      tally.out++;
      writer.write(p, copies);
      if (p.polarity === 'negative') { counts.negatives += copies; continue; }
      kept[kindOf(p.source)]++;
      counts.total += copies;
      counts.oversampledCopies += copies - 1;
      bump(counts.bySplit, p.split, copies);
      bump(counts.byTask, p.task, copies);
      bump(counts.bySource, p.source, copies);
      bump(counts.bySkill, p.skill, copies);
      bump(counts.byKind, kindOf(p.source), copies);
    }
    rmSync(shardFile);

    // Preference pairs: real ratings only, so not in the synthetic phase.
    if (formats.includes('preference') && phase !== 'synthetic') {
      const pref = opts.preference ?? DEFAULT_PREFERENCE;
      const filters = [consentStage(dir, opts.key), wellbeingStage(), taskChecksStage(), lengthStage(quality)];
      for await (const pp of preferencePairs(readPreferenceGroups(db, pref.margin), filters, { seed, splits, config: pref, stats })) {
        writer.writePreference(pp);
        counts.preference++;
        bump(counts.preferenceBySplit, pp.split);
      }
    }
    opts.signal?.throwIfAborted();
    const files = writer.finish();
    const policyPairs = kept.real + kept.synthetic;
    const cellValues = [...plan.cells.values()];
    const manifest: Manifest = {
      name: opts.name,
      seed,
      codeVersion: codeVersion(),
      includeSimulated: opts.includeSimulated ?? false,
      phase: {
        mode, chosen: phase, policy: { ...policy },
        available: { real: kinds.real, synthetic: kinds.synthetic, reference: kinds.reference },
        syntheticQuota: plan.syntheticQuota,
        kept,
        syntheticShare: policyPairs ? Math.round((kept.synthetic / policyPairs) * 1e4) / 1e4 : 0,
      },
      balance: {
        maxPerSkill: Number.isFinite(balance.maxPerSkill) ? balance.maxPerSkill : null,
        minPerSkill: balance.minPerSkill,
        maxOversample: balance.maxOversample,
        weakSkills: Object.fromEntries(Object.entries(balance.weakSkills).sort(([a], [b]) => (a < b ? -1 : 1))),
        cappedCells: cellValues.filter((c) => c.keep < c.n).length,
        oversampledCells: cellValues.filter((c) => c.copies > 1).length,
      },
      formats,
      parquet,
      counts: {
        ...counts,
        bySplit: sorted(counts.bySplit), byTask: sorted(counts.byTask), bySource: sorted(counts.bySource),
        bySkill: sorted(counts.bySkill), byKind: sorted(counts.byKind), preferenceBySplit: sorted(counts.preferenceBySplit),
      },
      ...stats.toJSON(),
      files,
    };
    const card = renderCard(opts.name, manifest);
    writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(path.join(tmp, 'README.md'), card);
    const version = await nextVersion(db, opts.name, parent);
    const final = path.join(parent, version);
    opts.signal?.throwIfAborted();
    renameSync(tmp, final);
    renamed = final;
    const id = `${opts.name}@${version}`;
    await db.insert(datasets).values({ id, name: opts.name, version, path: final, manifest: { ...manifest, manifestSha256: fileDigest(path.join(final, 'manifest.json')).sha256 }, card });
    return { id, version, path: final, manifest };
  } catch (err) {
    // Files closed before their folder goes: a server or job worker that runs builds must not keep their descriptors.
    writer?.abandon();
    rmSync(tmp, { recursive: true, force: true });
    // Renamed but not registered (the insert failed): no unregistered dataset may remain.
    if (renamed) rmSync(renamed, { recursive: true, force: true });
    // A first build of a name (or into a new --out) leaves no empty folders behind either.
    unmakeDirs(made);
    throw err;
  }
}
