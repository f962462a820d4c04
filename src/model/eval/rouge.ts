/**
 * ROUGE-L (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries", §3.1):
 * with L = the length of the longest common subsequence of the reference (m words) and the
 * candidate (n words), R = L/m, P = L/n and F = (1 + β²)RP / (R + β²P); β = 1 here, which is
 * what Google's `rouge-score` package reports as `rougeL.fmeasure` (no stemming, its default
 * tokeniser: lower-case, every run of characters other than a–z and 0–9 is a separator).
 * A corpus score is the mean F over segments, as `rouge-score`'s aggregation does.
 */

export interface RougeScore { precision: number; recall: number; f: number }

export function rougeTokens(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
}

/** LCS length by the O(m·n) dynamic programme, one row at a time. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Int32Array(b.length + 1), cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export function rougeL(candidate: string, reference: string): RougeScore {
  const c = rougeTokens(candidate), r = rougeTokens(reference);
  if (c.length === 0 || r.length === 0) return { precision: 0, recall: 0, f: 0 };
  const l = lcsLength(r, c);
  const precision = l / c.length, recall = l / r.length;
  return { precision, recall, f: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Mean ROUGE-L F over aligned candidate/reference pairs; 0 for an empty corpus. */
export function corpusRougeL(candidates: readonly string[], references: readonly string[]): number {
  if (candidates.length !== references.length) throw new Error(`ROUGE-L: ${candidates.length} candidates, ${references.length} references`);
  if (candidates.length === 0) return 0;
  return candidates.reduce((a, c, i) => a + rougeL(c, references[i]).f, 0) / candidates.length;
}
