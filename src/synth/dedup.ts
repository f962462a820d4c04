/**
 * Duplicate control over outputs.
 *
 * Exact: identical text after trimming. Near: MinHash (Broder, 1997) over word 5-gram
 * shingles with banded LSH (Indyk & Motwani, 1998; Leskovec, Rajaraman & Ullman, "Mining of
 * Massive Datasets", ch. 3): with b bands of r rows, two texts of Jaccard similarity s share a
 * band with probability 1 − (1 − s^r)^b. Candidates from the bands are confirmed by the exact
 * Jaccard of their shingle sets, so a reported near-duplicate really is one.
 *
 * Hashes: tokens by FNV-1a (32-bit), shingles by multiply–xor mixing of the five token hashes
 * and the murmur3 finaliser, and the k MinHash values by one-permutation hashing over those
 * shingle hashes (see `minhash`) — integer ops only, one pass over the shingles.
 */

/** murmur3 fmix32: a full-avalanche 32-bit mixer. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c > 127;

/** Hashes of the lower-cased alphanumeric tokens. */
export function tokenHashes(text: string): number[] {
  const s = text.toLowerCase();
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const w = i < s.length && isWordChar(s.charCodeAt(i));
    if (w && start < 0) start = i;
    else if (!w && start >= 0) { out.push(fnv1a(s, start, i)); start = -1; }
  }
  return out;
}

/** Sorted distinct hashes of the word n-gram shingles (a text shorter than n is one shingle). */
export function shingles(text: string, n = 5): Uint32Array {
  const t = tokenHashes(text);
  const m = Math.max(1, t.length - n + 1);
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = 0x9747b28c;
    for (let j = i; j < Math.min(i + n, t.length); j++) h = Math.imul(h ^ t[j], 0x9e3779b1) ^ (h >>> 15);
    out[i] = fmix(h);
  }
  out.sort();
  let k = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i];
  return out.subarray(0, k);
}

/** Exact Jaccard similarity of two sorted distinct arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0, j = 0, inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { inter++; i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 1 : inter / union;
}

/**
 * k MinHash values of a shingle set by one-permutation hashing (Li, Owen & Zhang, 2012):
 * the shingle hashes, already fully mixed, are split into k bins by their top bits and each
 * bin keeps its smallest hash, one pass instead of k. A bin no shingle fell into borrows the
 * value of the first filled bin on its own fixed probe sequence ("optimal densification",
 * Shrivastava, 2017), so that for two sets each position is equal with probability exactly
 * their Jaccard similarity, as with k independent permutations.
 */
export function minhash(sh: Uint32Array, k = 64): Uint32Array {
  if (k < 1 || k > 65536) throw new RangeError(`minhash: k must be in 1..65536, got ${k}`);
  const sig = new Uint32Array(k);
  if (sh.length === 0) return sig.fill(0xffffffff);
  const filled = new Uint8Array(k);
  for (let s = 0; s < sh.length; s++) {
    const x = sh[s];
    const bin = ((x >>> 16) * k) >>> 16;
    if (!filled[bin] || x < sig[bin]) { sig[bin] = x; filled[bin] = 1; }
  }
  for (let i = 0; i < k; i++) {
    if (filled[i]) continue;
    // The probe sequence depends only on the bin and the attempt, so two sets probe alike.
    for (let attempt = 1; ; attempt++) {
      const j = ((fmix(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> 16) * k) >>> 16;
      if (filled[j]) { sig[i] = sig[j]; break; }
    }
  }
  return sig;
}

/** Fraction of equal MinHash values: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/**
 * Rows per band for k hashes so that the LSH S-curve's midpoint (1/b)^(1/r) sits `margin`
 * below the threshold: high recall at the threshold, few candidates well below it.
 */
export function chooseRows(k: number, threshold: number, margin = 0.12): number {
  let best = 1, bestGap = Infinity;
  for (let r = 1; r <= k; r++) {
    const b = Math.floor(k / r);
    const gap = Math.abs(Math.pow(1 / b, 1 / r) - (threshold - margin));
    if (gap < bestGap) { bestGap = gap; best = r; }
  }
  return best;
}

export interface NearDupOptions {
  /** Jaccard at or above which two outputs are near-duplicates (issue: 0.8). */
  threshold?: number;
  /** MinHash functions (default 64). */
  hashes?: number;
  /** Rows per band; default from `chooseRows`. */
  rows?: number;
  /** Shingle size in words (issue: 5). */
  ngram?: number;
}

export interface NearDupHit { index: number; similarity: number }

/** An LSH index of the texts added so far; `query` finds a kept text at or above the threshold. */
export class NearDupIndex {
  readonly threshold: number;
  readonly hashes: number;
  readonly rows: number;
  readonly bands: number;
  readonly ngram: number;
  private readonly buckets: Map<number, number[]>[];
  private readonly sets: Uint32Array[] = [];

  constructor(opts: NearDupOptions = {}) {
    this.threshold = opts.threshold ?? 0.8;
    this.hashes = opts.hashes ?? 64;
    this.rows = opts.rows ?? chooseRows(this.hashes, this.threshold);
    this.bands = Math.floor(this.hashes / this.rows);
    this.ngram = opts.ngram ?? 5;
    this.buckets = Array.from({ length: this.bands }, () => new Map());
  }

  get size(): number {
    return this.sets.length;
  }

  /** Shingles and band keys of a text, computed once and reused by query and add. */
  prepare(text: string): { sh: Uint32Array; keys: Uint32Array } {
    const sh = shingles(text, this.ngram);
    const sig = minhash(sh, this.hashes);
    const keys = new Uint32Array(this.bands);
    for (let b = 0; b < this.bands; b++) {
      let h = 0x811c9dc5 ^ b;
      for (let r = 0; r < this.rows; r++) h = Math.imul(h ^ sig[b * this.rows + r], 0x01000193);
      keys[b] = fmix(h);
    }
    return { sh, keys };
  }

  query(p: { sh: Uint32Array; keys: Uint32Array }): NearDupHit | null {
    // Most texts share no band with any kept text: the set of tried candidates is made on the first.
    let tried: Set<number> | undefined;
    for (let b = 0; b < this.bands; b++) {
      const bucket = this.buckets[b].get(p.keys[b]);
      if (!bucket) continue;
      for (const i of bucket) {
        if (tried?.has(i)) continue;
        (tried ??= new Set()).add(i);
        const s = jaccard(p.sh, this.sets[i]);
        if (s >= this.threshold) return { index: i, similarity: s };
      }
    }
    return null;
  }

  add(p: { sh: Uint32Array; keys: Uint32Array }): number {
    const i = this.sets.length;
    this.sets.push(p.sh);
    for (let b = 0; b < this.bands; b++) {
      const m = this.buckets[b];
      const bucket = m.get(p.keys[b]);
      if (bucket) bucket.push(i); else m.set(p.keys[b], [i]);
    }
    return i;
  }
}

/** Exact-duplicate filter on trimmed text. */
export class ExactDedup {
  private readonly seen = new Set<string>();
  /** True the first time a text is seen. */
  add(text: string): boolean {
    const k = text.trim();
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    return true;
  }
  has(text: string): boolean {
    return this.seen.has(text.trim());
  }
}

/**
 * Near-duplicate rate of a list of texts: the share that have an earlier text at Jaccard ≥
 * threshold. Uses a high-recall banding (r = 4) unless told otherwise.
 */
export function nearDuplicateRate(texts: readonly string[], opts: NearDupOptions = {}): { rate: number; count: number } {
  const idx = new NearDupIndex({ rows: 4, ...opts });
  let count = 0;
  for (const t of texts) {
    const p = idx.prepare(t);
    if (idx.query(p)) count++;
    idx.add(p);
  }
  return { rate: texts.length ? count / texts.length : 0, count };
}
