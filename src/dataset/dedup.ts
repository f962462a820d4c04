/**
 * Duplicate removal across all sources: exact (a 64-bit fingerprint of the normalised
 * prompt and output: lower case, whitespace collapsed) over the whole build, and near
 * (MinHash/LSH on word 5-grams from synth/dedup.ts, per task, Jaccard ≥ threshold) over a
 * window. The first copy wins, and the build reads real sources before synthetic files, so
 * a real pair is kept over its synthetic twin.
 *
 * Why a window: an LSH index keeps every kept text's shingles and band keys (~0.7 KiB a
 * record), which would make memory grow with the data. Each task keeps two generations of
 * at most `nearWindow` texts; when the newer fills, the older is dropped. A near-duplicate
 * is found whenever its twin is among the last `nearWindow`–2·`nearWindow` kept texts of its
 * task — every one for datasets below that size; exact duplicates are found at any distance.
 */
import { NearDupIndex } from '../synth/dedup.ts';
import type { AiTaskName } from '../db/enums.ts';
import { FingerprintSet, fingerprint } from './fingerprint.ts';
import { drop, filterStage, KEEP, type FilterStage } from './pipeline.ts';
import type { Pair } from './types.ts';

export const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

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

class WindowedNearIndex {
  private old: NearDupIndex | null = null;
  private cur: NearDupIndex;
  constructor(private readonly threshold: number, private readonly window: number) {
    this.cur = new NearDupIndex({ threshold });
  }
  /** True when a kept text is a near-duplicate; else remembers this one. */
  seenOrAdd(text: string): boolean {
    const p = this.cur.prepare(text);
    if (this.cur.query(p) || this.old?.query(p)) return true;
    if (this.cur.size >= this.window) {
      this.old = this.cur;
      this.cur = new NearDupIndex({ threshold: this.threshold });
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
