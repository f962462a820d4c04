/**
 * Byte-level BPE training (Sennrich et al. 2016; byte-level as in GPT-2, Radford et al.
 * 2019). Words are the pre-tokenizer's chunks, counted once; each merge step takes the most
 * frequent adjacent pair (ties: the smaller pair key, so the result is deterministic), and
 * only the words that contain that pair are re-counted — pair counts are updated
 * incrementally and the best pair is found with a lazy max-heap, never by a full recount.
 */
import { preTokenize } from './tokenizer.ts';

export interface BpeTrainResult {
  /** merges[i] = [left id, right id]; the merged token gets id 256 + i. */
  merges: [number, number][];
}

const KEY = 1 << 20; // ids stay below 2^20, so a pair packs into one exact double a·2^20 + b
const pairKey = (a: number, b: number) => a * KEY + b;

/** Max-heap on (count desc, key asc) with lazy deletion: stale entries are skipped on pop. */
class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];
  private better(i: number, j: number): boolean {
    return this.counts[i] > this.counts[j] || (this.counts[i] === this.counts[j] && this.keys[i] < this.keys[j]);
  }
  private swap(i: number, j: number): void {
    [this.counts[i], this.counts[j]] = [this.counts[j], this.counts[i]];
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
  }
  push(count: number, key: number): void {
    this.counts.push(count); this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(i, p)) break;
      this.swap(i, p); i = p;
    }
  }
  pop(): [number, number] | undefined {
    const n = this.counts.length;
    if (n === 0) return undefined;
    const top: [number, number] = [this.counts[0], this.keys[0]];
    this.swap(0, n - 1); this.counts.pop(); this.keys.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < n - 1 && this.better(l, m)) m = l;
      if (r < n - 1 && this.better(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m); i = m;
    }
    return top;
  }
}

/** Learns up to `numMerges` merges from `texts`; stops early when no pair occurs twice. */
export function trainBpe(texts: Iterable<string>, numMerges: number): BpeTrainResult {
  const enc = new TextEncoder();
  const wordFreq = new Map<string, number>();
  for (const text of texts) for (const w of preTokenize(text)) wordFreq.set(w, (wordFreq.get(w) ?? 0) + 1);

  const words: number[][] = [];
  const freqs: number[] = [];
  for (const [w, f] of wordFreq) { words.push(Array.from(enc.encode(w))); freqs.push(f); }

  const counts = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  const heap = new PairHeap();
  const addPairs = (wi: number, sign: 1 | -1, touched: Set<number>) => {
    const w = words[wi], f = freqs[wi] * sign;
    for (let i = 0; i + 1 < w.length; i++) {
      const k = pairKey(w[i], w[i + 1]);
      counts.set(k, (counts.get(k) ?? 0) + f);
      touched.add(k);
      if (sign > 0) {
        let s = where.get(k);
        if (!s) where.set(k, (s = new Set()));
        s.add(wi);
      }
    }
  };
  const initial = new Set<number>();
  for (let wi = 0; wi < words.length; wi++) addPairs(wi, 1, initial);
  for (const k of initial) heap.push(counts.get(k)!, k);

  const merges: [number, number][] = [];
  while (merges.length < numMerges) {
    const top = heap.pop();
    if (!top) break;
    const [count, key] = top;
    if (counts.get(key) !== count) continue; // stale entry
    if (count < 2) break;
    const a = Math.floor(key / KEY), b = key % KEY, id = 256 + merges.length;
    merges.push([a, b]);
    const touched = new Set<number>();
    for (const wi of where.get(key) ?? []) {
      const w = words[wi];
      let has = false;
      for (let i = 0; i + 1 < w.length; i++) if (w[i] === a && w[i + 1] === b) { has = true; break; }
      if (!has) continue; // the index keeps stale word references; they are harmless
      addPairs(wi, -1, touched);
      const out: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === a && w[i + 1] === b) { out.push(id); i++; } else out.push(w[i]);
      }
      words[wi] = out;
      addPairs(wi, 1, touched);
    }
    where.delete(key);
    for (const k of touched) {
      const c = counts.get(k)!;
      if (c > 0) heap.push(c, k); else counts.delete(k);
    }
  }
  return { merges };
}
