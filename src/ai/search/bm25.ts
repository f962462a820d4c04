/**
 * A small Okapi BM25 index over lessons and item rationales, built in memory at start-up.
 *
 * score(D, Q) = Σ_{t∈Q} idf(t) · f(t,D)·(k1+1) / (f(t,D) + k1·(1 − b + b·|D|/avgdl)),
 * idf(t) = ln(1 + (N − n(t) + 0.5)/(n(t) + 0.5))  (Robertson & Zaragoza, "The Probabilistic
 * Relevance Framework: BM25 and Beyond", 2009; the +1 keeps idf positive, as in Lucene).
 * Titles count twice: a lesson whose title names the topic is the better pointer.
 */
import type { SourceDoc } from '../task.ts';

const STOP = new Set(
  ('a an and are as at be but by can do does for from has have how i if in into is it its me my not of on or so ' +
    'that the their them then there these this to was we what when where which who why will with you your').split(' '),
);

/** Lower-case word stems: a light suffix strip, enough to meet "slopes"/"slope", "dividing"/"divide". */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOP.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** Words the suffix rules would merge with another: "means" and "meaning" are not the statistic "mean". */
const KEEP_WHOLE = new Set(['means', 'meaning', 'meanings']);

function stem(word: string): string {
  // This runs on every word of every check and search: only a word that can be in the set is looked up.
  if (word.startsWith('mean') && KEEP_WHOLE.has(word)) return word;
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2));
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // Applied after the suffixes so "slope", "slopes" and "sloped" meet at one stem.
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** "runn(ing)", "stopp(ed)", "plann(ed)" → run, stop, plan; "add(ed)" and "fall(ing)" keep theirs. */
const undouble = (w: string) => (/([bgmnprt])\1$/.test(w) ? w.slice(0, -1) : w);

/** A document as indexed: `keywords` are searched like its title but never shown or quoted (a lesson's skill name). */
export type IndexedDoc = SourceDoc & { keywords?: string };

export interface SearchHit extends SourceDoc {
  score: number;
}

export interface Bm25Index {
  readonly size: number;
  /** The document of that id, if indexed. */
  get(id: string): SourceDoc | undefined;
  search(query: string, k?: number, minScore?: number): SearchHit[];
}

export function createBm25Index(docs: readonly IndexedDoc[], params: { k1?: number; b?: number } = {}): Bm25Index {
  const k1 = params.k1 ?? 1.2;
  const b = params.b ?? 0.75;
  const tfs = docs.map((d) => {
    const tf = new Map<string, number>();
    const toks = [...tokenize(d.title), ...tokenize(d.title), ...tokenize(d.keywords ?? ''), ...tokenize(d.text)];
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, len: toks.length };
  });
  const df = new Map<string, number>();
  for (const { tf } of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const avgdl = tfs.reduce((s, x) => s + x.len, 0) / Math.max(1, n);
  const idf = (t: string) => {
    const f = df.get(t) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  const byId = new Map(docs.map((d) => [d.id, d]));
  return {
    size: n,
    get: (id) => byId.get(id),
    search(query, k = 3, minScore = 0) {
      const q = [...new Set(tokenize(query))];
      if (q.length === 0 || n === 0) return [];
      const hits: SearchHit[] = [];
      docs.forEach((d, i) => {
        const { tf, len } = tfs[i];
        let score = 0;
        for (const t of q) {
          const f = tf.get(t);
          if (!f) continue;
          score += (idf(t) * f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / avgdl));
        }
        if (score > minScore) hits.push({ ...d, score });
      });
      return hits.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id)).slice(0, k);
    },
  };
}
