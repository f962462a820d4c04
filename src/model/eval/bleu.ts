/**
 * Corpus BLEU (Papineni et al. 2002) as sacreBLEU 2.x computes it (Post 2018, "A Call for
 * Clarity in Reporting BLEU Scores"): the mteval-v13a tokenisation, clipped n-gram counts
 * summed over the corpus (n = 1…4), the closest reference length per segment (the shorter on a
 * tie), brevity penalty exp(1 − r/c) when c < r, and the geometric mean of the precisions with
 * one of Chen & Cherry's (2014) smoothing methods — `exp` (NIST's, sacreBLEU's default) halves
 * the pseudo-count of each successive zero precision. Scores are in 0…100.
 *
 * Written from sacreBLEU's `metrics/bleu.py` and `tokenizers/tokenizer_13a.py`; the values in
 * its `test/test_bleu.py` and README are reproduced in test/model/eval/bleu.test.ts.
 */

export type SmoothMethod = 'none' | 'floor' | 'add-k' | 'exp';

export interface BleuOptions {
  smooth?: SmoothMethod; // default 'exp'
  smoothValue?: number; // floor: 0.1, add-k: 1 (sacreBLEU's defaults)
  lowercase?: boolean;
  effectiveOrder?: boolean; // sentence-level use only
  maxOrder?: number; // 4
}

export interface BleuScore {
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
  ratio: number;
  signature: string;
}

/** This implementation's version, in the signature where sacreBLEU puts its own. */
export const BLEU_IMPL_VERSION = 'satprep-bleu.1';

/** Python's str.isspace() set, which `str.split()` splits on (JavaScript's \s differs at the edges). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACES = new RegExp(`[${PY_SPACE}]+`, 'g');
const TRAILING = new RegExp(`[${PY_SPACE}]+$`);

/** `str.split()` with no argument: runs of whitespace, no empty fields. */
export function pySplit(s: string): string[] {
  const t = s.replace(SPACES, ' ').trim();
  return t === '' ? [] : t.split(' ');
}

/**
 * The 13a tokenizer: un-escape the four SGML entities, then split off punctuation and symbols
 * ({–~, [–`, space–&, (–+, :–@, /), periods and commas unless between digits, and a dash after a digit.
 */
export function tokenize13a(line: string): string {
  let s = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  s = ` ${s} `;
  s = s.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
  s = s.replace(/([^0-9])([.,])/g, '$1 $2 ');
  s = s.replace(/([.,])([^0-9])/g, ' $1 $2');
  s = s.replace(/([0-9])(-)/g, '$1 $2 ');
  return pySplit(s).join(' ');
}

function ngrams(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      // Tokens come from splitting on whitespace, so a space cannot occur inside one and separates safely.
      const key = `${n} ${tokens.slice(i, i + n).join(' ')}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

const closestRefLen = (hypLen: number, refLens: readonly number[]): number => {
  let best = -1, bestDiff = -1;
  for (const r of refLens) {
    const d = Math.abs(hypLen - r);
    if (bestDiff === -1 || d < bestDiff || (d === bestDiff && r < best)) { bestDiff = d; best = r; }
  }
  return best;
};

const myLog = (x: number) => (x > 0 ? Math.log(x) : -9999999999);

/** BLEU from its sufficient statistics (sacreBLEU `BLEU.compute_bleu`). */
export function computeBleu(
  correctIn: readonly number[], totalIn: readonly number[], sysLen: number, refLen: number, opts: BleuOptions = {},
): Omit<BleuScore, 'signature'> {
  const method = opts.smooth ?? 'exp', maxOrder = opts.maxOrder ?? 4;
  const value = opts.smoothValue ?? (method === 'floor' ? 0.1 : method === 'add-k' ? 1 : 0);
  const correct = [...correctIn], total = [...totalIn];
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  const base = { counts: correct, totals: total, bp, sysLen, refLen, ratio: refLen ? sysLen / refLen : 0 };
  if (!correct.some((c) => c > 0)) return { score: 0, precisions, ...base };
  let smoothMteval = 1, effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (method === 'add-k' && n > 1) { correct[n - 1] += value; total[n - 1] += value; }
    if (total[n - 1] === 0) break;
    if (opts.effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (method === 'exp') { smoothMteval *= 2; precisions[n - 1] = 100 / (smoothMteval * total[n - 1]); }
      else if (method === 'floor') precisions[n - 1] = (100 * value) / total[n - 1];
    } else precisions[n - 1] = (100 * correct[n - 1]) / total[n - 1];
  }
  const score = bp * Math.exp(precisions.slice(0, effOrder).reduce((a, p) => a + myLog(p), 0) / effOrder);
  return { score, precisions, ...base };
}

/** sacreBLEU's reproducibility signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:…`. */
export function bleuSignature(nrefs: number, opts: BleuOptions = {}): string {
  const method = opts.smooth ?? 'exp';
  const def = method === 'floor' ? 0.1 : method === 'add-k' ? 1 : null;
  const smooth = def === null ? method : `${method}[${(opts.smoothValue ?? def).toFixed(2)}]`;
  return `nrefs:${nrefs}|case:${opts.lowercase ? 'lc' : 'mixed'}|eff:${opts.effectiveOrder ? 'yes' : 'no'}|tok:13a|smooth:${smooth}|version:${BLEU_IMPL_VERSION}`;
}

/**
 * Corpus BLEU of `hyps` against reference streams: `refs[k][i]` is the k-th reference of
 * segment i (sacreBLEU's layout). With one reference each, pass `[refs]`.
 */
export function corpusBleu(hyps: readonly string[], refs: readonly (readonly string[])[], opts: BleuOptions = {}): BleuScore {
  const maxOrder = opts.maxOrder ?? 4;
  for (const stream of refs) if (stream.length !== hyps.length) throw new Error(`BLEU: ${hyps.length} hypotheses but a reference stream of ${stream.length}`);
  const prep = (s: string) => pySplit(tokenize13a((opts.lowercase ? s.toLowerCase() : s).replace(TRAILING, '')));
  const correct = new Array<number>(maxOrder).fill(0), total = new Array<number>(maxOrder).fill(0);
  let sysLen = 0, refLen = 0;
  hyps.forEach((hyp, i) => {
    const refNgrams = new Map<string, number>();
    const refLens: number[] = [];
    for (const stream of refs) {
      const toks = prep(stream[i]);
      refLens.push(toks.length);
      for (const [g, c] of ngrams(toks, maxOrder)) refNgrams.set(g, Math.max(refNgrams.get(g) ?? 0, c));
    }
    const h = prep(hyp);
    sysLen += h.length;
    refLen += closestRefLen(h.length, refLens);
    for (const [g, c] of ngrams(h, maxOrder)) {
      const n = Number(g.slice(0, g.indexOf(' ')));
      total[n - 1] += c;
      correct[n - 1] += Math.min(c, refNgrams.get(g) ?? 0);
    }
  });
  return { ...computeBleu(correct, total, sysLen, refLen, opts), signature: bleuSignature(refs.length, opts) };
}
