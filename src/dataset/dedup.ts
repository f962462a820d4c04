/**
 * Duplicate removal across all sources: exact (a 64-bit fingerprint of the normalised
 * prompt and output: lower case, whitespace collapsed) over the whole build, and near
 * (MinHash/LSH on word 5-grams from synth/dedup.ts, per task, Jaccard ≥ threshold) over a
 * window. The first copy wins, and the build reads real sources before synthetic files, so
 * a real pair is kept over its synthetic twin.
 *
 * Why a window: an LSH index keeps every kept text's shingles and band keys, which would make
 * memory grow with the data. Each task keeps two generations of at most `nearWindow` texts;
 * when the newer fills, the older is dropped. A near-duplicate is found whenever its twin is
 * among the last `nearWindow`–2·`nearWindow` kept texts of its task — every one for datasets
 * below that size; exact duplicates are found at any distance.
 *
 * A generation is stored flat (`Generation`): every text's shingles in 4 MiB Uint32Array
 * chunks, each band's keys in an open-addressing table of typed arrays, the texts that
 * share a key chained by index — about 0.7 KiB a text on the bench data and no object per
 * text, where a Map of arrays per band and a Uint32Array per text cost about twice that in
 * memory, all of it on the garbage-collected heap. The answers are those of synth/dedup.ts's
 * NearDupIndex (the same shingles, band keys and exact Jaccard confirmation): a text is a
 * near-duplicate when any text sharing a band key with it has Jaccard ≥ threshold.
 */
import { jaccard, NearDupIndex } from '../synth/dedup.ts';
import type { AiTaskName } from '../db/enums.ts';
import { FingerprintSet, fingerprint } from './fingerprint.ts';
import { drop, filterStage, KEEP, type FilterStage } from './pipeline.ts';
import type { Pair } from './types.ts';

/** Runs of blanks that are not already one plain space: the same result as replacing every run, at half the cost (most runs are one space). */
const BLANK_RUN = /\s\s+|(?! )\s/g;
export const normalise = (s: string) => s.toLowerCase().replace(BLANK_RUN, ' ').trim();

/** The part of the prompt that varies between records: everything but the system preamble. */
function promptText(p: Pair): string {
  let s = '';
  for (const m of p.messages) if (m.role !== 'system') s += s ? `\n${m.content}` : m.content;
  return s;
}

export interface DedupOptions {
  /** Jaccard at or above which two texts of a task are near-duplicates (default 0.9). */
  nearThreshold?: number;
  /** Kept texts per task and generation of the near-duplicate window (default 50,000). */
  nearWindow?: number;
}

type Prepared = { sh: Uint32Array; keys: Uint32Array };

/**
 * Shingles per chunk, at most (4 MiB): chunks are added, never copied or grown, so a full
 * generation wastes at most one chunk's tail. The first chunks are small (a small build
 * stays small) and each is twice the last up to this size.
 */
const CHUNK = 1 << 20;

/** One generation of kept texts: shingles in chunks, per band a key → latest text table, chains by text index. */

class Generation {
  size = 0;
  private chunks: Uint32Array[] = [];
  private used = 0;
  /** Texts the per-text arrays have room for. */
  private cap = 1024;
  /** Text i's shingles are chunks[chunkOf[i]][at[i] … at[i] + len[i]). */
  private chunkOf = new Uint32Array(this.cap);
  private at = new Uint32Array(this.cap);
  private len = new Uint32Array(this.cap);
  /** next[i · bands + b]: the text before i with the same key in band b (−1: none). */
  private next: Int32Array;
  /** Stamp per text of the last query that tried it, so a text sharing several bands is compared once. */
  private tried = new Uint32Array(this.cap);
  private stamp = 0;
  /** Per band: open-addressing keys and the latest text with that key (−1: empty slot); at most half full. */
  private keys: Uint32Array[];
  private heads: Int32Array[];

  constructor(private readonly bands: number) {
    this.next = new Int32Array(this.cap * bands);
    this.keys = Array.from({ length: bands }, () => new Uint32Array(2 * this.cap));
    this.heads = Array.from({ length: bands }, () => new Int32Array(2 * this.cap).fill(-1));
  }

  private slot(b: number, key: number): number {
    const keys = this.keys[b], heads = this.heads[b];
    const mask = keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (heads[i] !== -1 && keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** Whether a text of this generation that shares a band key with `p` has Jaccard ≥ threshold. */
  hasNear(p: Prepared, threshold: number): boolean {
    if (!this.size) return false;
    if (++this.stamp === 0xffffffff) { this.tried.fill(0); this.stamp = 1; }
    for (let b = 0; b < this.bands; b++) {
      for (let i = this.heads[b][this.slot(b, p.keys[b])]; i !== -1; i = this.next[i * this.bands + b]) {
        if (this.tried[i] === this.stamp) continue;
        this.tried[i] = this.stamp;
        const at = this.at[i];
        if (jaccard(p.sh, this.chunks[this.chunkOf[i]].subarray(at, at + this.len[i])) >= threshold) return true;
      }
    }
    return false;
  }

  add(p: Prepared): void {
    const i = this.size;
    if (i === this.cap) {
      this.cap *= 2;
      this.chunkOf = grow(this.chunkOf, this.cap);
      this.at = grow(this.at, this.cap);
      this.len = grow(this.len, this.cap);
      this.tried = grow(this.tried, this.cap);
      this.next = grow(this.next, this.cap * this.bands);
      // A band has at most one distinct key per text, so tables of 2 · cap slots stay at most half full.
      this.rehash(2 * this.cap);
    }
    const last = this.chunks.length - 1;
    if (last < 0 || this.used + p.sh.length > this.chunks[last].length) {
      // A new chunk (a text longer than a chunk gets one of its own size).
      const size = last < 0 ? 1 << 14 : Math.min(CHUNK, this.chunks[last].length * 2);
      this.chunks.push(new Uint32Array(Math.max(size, p.sh.length)));
      this.used = 0;
    }
    const c = this.chunks.length - 1;
    this.chunks[c].set(p.sh, this.used);
    this.chunkOf[i] = c;
    this.at[i] = this.used;
    this.len[i] = p.sh.length;
    this.used += p.sh.length;
    for (let b = 0; b < this.bands; b++) {
      const s = this.slot(b, p.keys[b]);
      if (this.heads[b][s] === -1) this.keys[b][s] = p.keys[b];
      this.next[i * this.bands + b] = this.heads[b][s];
      this.heads[b][s] = i;
    }
    this.size++;
  }

  /** Bigger tables, the same chains (each band's distinct keys move; their chains stay). */
  private rehash(capacity: number): void {
    for (let b = 0; b < this.bands; b++) {
      const oldKeys = this.keys[b], oldHeads = this.heads[b];
      this.keys[b] = new Uint32Array(capacity);
      this.heads[b] = new Int32Array(capacity).fill(-1);
      for (let j = 0; j < oldKeys.length; j++) {
        if (oldHeads[j] === -1) continue;
        const s = this.slot(b, oldKeys[j]);
        this.keys[b][s] = oldKeys[j];
        this.heads[b][s] = oldHeads[j];
      }
    }
  }
}

function grow<T extends Uint32Array | Int32Array>(a: T, length: number): T {
  const b = new (a.constructor as { new (n: number): T })(length);
  b.set(a);
  return b;
}

class WindowedNearIndex {
  /** Used only for `prepare` (shingles and band keys): it never holds a text. */
  private readonly lsh: NearDupIndex;
  private old: Generation | null = null;
  private cur: Generation;
  constructor(private readonly threshold: number, private readonly window: number) {
    this.lsh = new NearDupIndex({ threshold });
    this.cur = new Generation(this.lsh.bands);
  }
  /** True when a kept text is a near-duplicate; else remembers this one. */
  seenOrAdd(text: string): boolean {
    const p = this.lsh.prepare(text);
    if (this.cur.hasNear(p, this.threshold) || this.old?.hasNear(p, this.threshold)) return true;
    if (this.cur.size >= this.window) {
      this.old = this.cur;
      this.cur = new Generation(this.lsh.bands);
    }
    this.cur.add(p);
    return false;
  }
}

export function dedupStage(opts: DedupOptions = {}): FilterStage<Pair> {
  const exact = new FingerprintSet();
  const near = new Map<AiTaskName, WindowedNearIndex>();
  const threshold = opts.nearThreshold ?? 0.9;
  const window = opts.nearWindow ?? 50_000;
  return filterStage('dedup', (pair) => {
    const prompt = promptText(pair);
    if (!exact.add(fingerprint(`${pair.polarity}\u0000${normalise(prompt)}\u0000${normalise(pair.output)}`))) {
      return drop(pair.synthetic ? 'exact:synthetic' : 'exact:real');
    }
    let idx = near.get(pair.task);
    if (!idx) near.set(pair.task, (idx = new WindowedNearIndex(threshold, window)));
    if (idx.seenOrAdd(`${prompt}\n${pair.output}`)) return drop(pair.synthetic ? 'near:synthetic' : 'near:real');
    return KEEP;
  });
}
