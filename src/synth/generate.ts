/**
 * `synth generate`: the pair writer. Each task's slots come from its own stream (slots.ts:
 * target skill, input, output, every gate, regeneration); this module interleaves the streams
 * by deficit so any prefix of the file has the mix's proportions, numbers the pairs in that
 * order, counts every rejection by reason, and streams JSONL. The same options give the same
 * bytes, whether the streams run here (`writeSynth`) or in worker threads (parallel.ts).
 */
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Difficulty } from '../content/item.ts';
import type { DomainId, SectionId, SkillId } from '../content/taxonomy.ts';
import { AI_TASKS, isAiTask, type AiTaskName } from '../db/enums.ts';
import type { Rng } from '../lib/rng.ts';
import type { Draft, PairContext } from './pairs.ts';
import { TALLY_KEYS, taskSlots, type SlotOutcome, type SlotTally, type TaskPair } from './slots.ts';
import { DEFAULT_MIX, type Mix } from './mix.ts';

export { DEFAULT_MIX, type Mix };


export interface PairMeta {
  skill: SkillId | null;
  section: SectionId | null;
  domain: DomainId | null;
  difficulty: Difficulty | null;
  generator: string;
  seed: string;
  synthetic: true;
}

export interface SynthPair {
  id: string;
  task: AiTaskName;
  input: unknown;
  prompt: string;
  output: string;
  meta: PairMeta;
}

/** Extra phrasings (from LLM seeds): an output for the draft, or null when none fits it. */
export interface Phrasing {
  readonly name: string;
  write(draft: Draft, rng: Rng): string | null;
}

export interface SynthOptions {
  pairs: number;
  seed: string;
  mix?: Mix;
  /** Near-duplicate Jaccard threshold on word 5-gram shingles (default 0.8). */
  nearDupThreshold?: number;
  /** Share of pairs offered a paraphrase (default 0.5). */
  paraphraseRate?: number;
  /** Relative weight per skill for coverage; unlisted skills weigh 1 (oversample weak skills here). */
  skillWeights?: Partial<Record<SkillId, number>>;
  /** Tries per slot before it is given up (default 8). */
  maxAttempts?: number;
  phrasings?: readonly Phrasing[];
  /** Share of eligible drafts written by a phrasing when one is given (default 0.3). */
  phrasingRate?: number;
}

/** A task's run: what its slots' attempts ran into (SlotTally, summed) and how the slots ended. */
export interface TaskStats extends SlotTally {
  written: number;
  regeneratedSlots: number;
  droppedSlots: number;
}

export interface SynthStats {
  requested: number;
  written: number;
  seed: string;
  mix: Mix;
  nearDupThreshold: number;
  byTask: Partial<Record<AiTaskName, TaskStats>>;
  /** Failed check name → count, over all attempts. */
  failedChecks: Record<string, number>;
  seconds: number;
}

export function parseMix(spec: string): Mix {
  const mix: Mix = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!isAiTask(k)) throw new Error(`unknown task in --mix: ${k} (tasks: ${AI_TASKS.join(', ')})`);
    const w = Number(v);
    if (!Number.isFinite(w) || w < 0) throw new Error(`bad weight for ${k} in --mix: ${v}`);
    mix[k] = w;
  }
  const total = Object.values(mix).reduce((a, b) => a + (b ?? 0), 0);
  if (total <= 0) throw new Error('--mix needs at least one positive weight');
  return mix;
}

/** Whole counts per task summing to n, by largest remainder. */
export function allocate(n: number, mix: Mix): Partial<Record<AiTaskName, number>> {
  const tasks = AI_TASKS.filter((t) => (mix[t] ?? 0) > 0);
  const total = tasks.reduce((a, t) => a + mix[t]!, 0);
  const exact = tasks.map((t) => (n * mix[t]!) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (left-- > 0) counts[i]++;
  return Object.fromEntries(tasks.map((t, i) => [t, counts[i]]));
}

const emptyStats = (): TaskStats => ({ written: 0, attempts: 0, regeneratedSlots: 0, droppedSlots: 0, invalidInput: 0, exactDuplicate: 0, nearDuplicate: 0, checkFailed: 0, paraphrased: 0, paraphraseRejected: 0, phrased: 0 });

export function newStats(opts: SynthOptions): SynthStats {
  return { requested: opts.pairs, written: 0, seed: opts.seed, mix: opts.mix ?? DEFAULT_MIX, nearDupThreshold: opts.nearDupThreshold ?? 0.8, byTask: {}, failedChecks: {}, seconds: 0 };
}

/**
 * The run's order and bookkeeping: which task the next slot belongs to (the one lagging its
 * share of the pairs written most), the pair ids in that order, and the statistics, counted
 * from each slot as it is taken. It sees only slot outcomes, so it gives the same order and
 * counts however the streams were computed.
 */
export class Interleaver {
  readonly quota: Partial<Record<AiTaskName, number>>;
  readonly tasks: readonly AiTaskName[];
  private readonly made = new Map<AiTaskName, number>();
  private slot = 0;

  constructor(private readonly opts: SynthOptions, readonly stats: SynthStats) {
    this.quota = allocate(opts.pairs, opts.mix ?? DEFAULT_MIX);
    this.tasks = AI_TASKS.filter((t) => (this.quota[t] ?? 0) > 0);
    for (const t of this.tasks) {
      this.made.set(t, 0);
      stats.byTask[t] = emptyStats();
    }
  }

  /** The task of the next slot, or null when the run is complete (a slot given up is replaced, up to twice the request in all). */
  next(): AiTaskName | null {
    const { opts, stats } = this;
    if (stats.written >= opts.pairs || this.slot >= 2 * opts.pairs) return null;
    let task = this.tasks[0], best = -Infinity;
    for (const t of this.tasks) {
      if (this.made.get(t)! >= this.quota[t]!) continue;
      const d = (this.quota[t]! / opts.pairs) * (stats.written + 1) - this.made.get(t)!;
      if (d > best + 1e-12) { best = d; task = t; }
    }
    return task;
  }

  /** Count the next slot (of `task`, as `next` said); the id of its pair, or null when it was dropped. */
  take(task: AiTaskName, kept: boolean, tally: SlotTally, failed: readonly string[]): string | null {
    const { opts, stats } = this;
    const st = stats.byTask[task]!;
    for (const k of TALLY_KEYS) st[k] += tally[k];
    for (const name of failed) stats.failedChecks[name] = (stats.failedChecks[name] ?? 0) + 1;
    const slot = this.slot++;
    if (!kept) { st.droppedSlots++; return null; }
    if (tally.attempts > 1) st.regeneratedSlots++;
    this.made.set(task, this.made.get(task)! + 1);
    st.written++;
    stats.written++;
    return `${opts.seed}:${String(slot).padStart(7, '0')}`;
  }
}

/** The kept pairs with their ids, every task's stream run in this thread; `stats` is filled in as they come. */
function* interleaved(ctx: PairContext, opts: SynthOptions, stats: SynthStats): Generator<{ id: string; pair: TaskPair }> {
  const t0 = performance.now();
  const order = new Interleaver(opts, stats);
  const streams = new Map(order.tasks.map((t) => [t, taskSlots(ctx, opts, t, order.quota[t]!)]));
  for (let task = order.next(); task; task = order.next()) {
    const o = nextOutcome(streams.get(task)!, task);
    const id = order.take(task, o.pair !== null, o.tally, o.failed);
    if (id !== null) yield { id, pair: o.pair! };
  }
  stats.seconds = (performance.now() - t0) / 1000;
}

/** The pairs, one at a time, with every task's stream run in this thread; `stats` is filled in as they come. */
export function* generatePairs(ctx: PairContext, opts: SynthOptions, stats: SynthStats): Generator<SynthPair> {
  for (const { id, pair } of interleaved(ctx, opts, stats)) yield { id, ...pair };
}

/** A task's next slot; the interleaver only asks while the task still owes pairs, so there always is one. */
export function nextOutcome(stream: Iterator<SlotOutcome>, task: AiTaskName): SlotOutcome {
  const r = stream.next();
  if (r.done) throw new Error(`synth: the ${task} stream ended early`);
  return r.value;
}

export const PAIRS_FILE = 'pairs.jsonl';
export const MANIFEST_FILE = 'manifest.json';
/** What `synth report` and `synth sample` write beside the pairs: about the pairs they read. */
const DERIVED_FILES = ['report.md', 'sample.md'];

/**
 * A run's folder, ready for its pairs: the manifest (written last) and the report and sample of
 * an earlier run are removed first, so a manifest beside pairs.jsonl always means that file is
 * whole — an interrupted run leaves pairs and no manifest — and no old report describes new pairs.
 */
export function startSynthDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of [MANIFEST_FILE, ...DERIVED_FILES]) rmSync(path.join(dir, f), { force: true });
}

/** Refuses a folder whose pairs.jsonl has no manifest beside it: the run that wrote it did not finish. */
export function assertFinishedSynth(dir: string): void {
  if (existsSync(path.join(dir, PAIRS_FILE)) && !existsSync(path.join(dir, MANIFEST_FILE))) {
    throw new Error(`${path.join(dir, PAIRS_FILE)} has no ${MANIFEST_FILE} beside it: the synth run that wrote it did not finish (interrupted?); run it again`);
  }
}

/**
 * The JSONL file, written through one reused buffer: a pair's line is its id followed by the
 * JSON of the rest of the pair (`pushPair`), encoded straight into the buffer, which is written
 * out when full. The bytes are those of `JSON.stringify({ id, ...pair })` and a newline, without
 * building each line as a string of its own or joining them.
 */
export class PairSink {
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(1 << 20);
  private len = 0;
  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }
  pushPair(id: string, restJson: string): void {
    const head = `{"id":${JSON.stringify(id)}`;
    // UTF-8 takes at most three bytes per UTF-16 unit; make room for the worst case.
    const need = 3 * (head.length + restJson.length) + 1;
    if (this.len + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    this.len += this.buf.write(head, this.len);
    const at = this.len;
    this.len += this.buf.write(restJson, this.len);
    // restJson opens with "{"; in the line it continues the object after the id.
    this.buf[at] = 0x2c;
    this.buf[this.len++] = 0x0a;
  }
  flush(): void {
    let off = 0;
    while (off < this.len) off += writeSync(this.fd, this.buf, off, this.len - off);
    this.len = 0;
  }
  close(): void {
    try { this.flush(); } finally { closeSync(this.fd); }
  }
}

export function writeManifest(dir: string, stats: SynthStats): void {
  // Timing varies run to run; it is kept out of the manifest so the same seed gives the same bytes.
  const { seconds: _s, ...stable } = stats;
  writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(stable, null, 2) + '\n');
}

/** Stream the pairs to DIR/pairs.jsonl and write DIR/manifest.json, all in this thread. */
export function writeSynth(dir: string, ctx: PairContext, opts: SynthOptions, onPair?: (n: number) => void): SynthStats {
  startSynthDir(dir);
  const stats = newStats(opts);
  const sink = new PairSink(path.join(dir, PAIRS_FILE));
  try {
    let n = 0;
    for (const { id, pair } of interleaved(ctx, opts, stats)) {
      sink.pushPair(id, JSON.stringify(pair));
      onPair?.(++n);
    }
  } finally {
    sink.close();
  }
  writeManifest(dir, stats);
  return stats;
}
