/**
 * VADER sentiment: Hutto, C.J. & Gilbert, E.E. (2014). "VADER: A Parsimonious Rule-based
 * Model for Sentiment Analysis of Social Media Text." ICWSM-14. Written here from the paper
 * and the rules the reference implementation (vaderSentiment 3.3) documents, so that its
 * published examples come out the same (test/sel/vader.test.ts checks all sixteen).
 *
 * The data is loaded, not copied:
 *   - valences: `vader_lexicon.txt` (7,517 lines: token, mean valence in [−4, 4], SD, the ten
 *     raters' scores) as shipped in the `vader-sentiment` npm package, a dependency. A token
 *     listed twice keeps its last line, as the reference's dictionary does ("lol" 1.8).
 *   - emoji descriptions: Unicode CLDR short names from `unicode-emoji-json`, the source the
 *     reference's `emoji_utf8_lexicon.txt` was built from (a few emoji were renamed in later
 *     Unicode versions, e.g. 🥰 "smiling face with hearts", once "… with 3 hearts").
 *
 * The rules, applied per whitespace token (punctuation trimmed unless that leaves ≤ 2
 * characters, which keeps emoticons such as ":)" whole):
 *   valence      the token's lexicon mean; booster words and "kind" in "kind of" score 0
 *   "no"         before another lexicon word it scores 0 and negates the words 1–3 after it
 *   ALL CAPS     ± C_INCR when some, but not all, tokens are upper case
 *   boosters     a booster 1, 2 or 3 tokens back adds ±B_INCR (dampeners ∓), scaled 1, 0.95,
 *                0.9 by distance, + C_INCR more when it is itself in caps
 *   negation     a negator (NEGATE, or any "n't" word) 1–3 tokens back multiplies by
 *                N_SCALAR = −0.74; "never so/this X" instead multiplies by 1.25, and
 *                "without doubt" cancels the negation
 *   idioms       fixed phrases set the valence ("the shit" 3, "bad ass" 1.5, "yeah right" −2 …)
 *   "least"      "least X" negates unless it is "at least" / "very least"
 *   "but"        valences before the first "but" × 0.5, after it × 1.5
 *   punctuation  each "!" adds 0.292 (at most 4), 2–3 "?" add 0.18 each, 4+ add 0.96, to the
 *                magnitude of the sum
 *   compound     x / √(x² + α), α = 15, x the sum of valences
 * neg / neu / pos are the shares of negative (|v| + 1), neutral (1) and positive (v + 1)
 * tokens, with the punctuation emphasis added to the larger side.
 *
 * One deliberate difference: the reference finds each valence for the "but" rule by value
 * (`list.index`), which rescales the wrong token when a rescaled value equals a later raw
 * one; here every token is rescaled by its own position, which is what the rule says.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Mean rating increase for a booster word, and decrease for a dampener (paper, §3.2). */
export const B_INCR = 0.293;
export const B_DECR = -0.293;
/** Mean rating increase for a word in ALL CAPS among mixed-case text. */
export const C_INCR = 0.733;
/** A negated word keeps 74% of its strength with the sign flipped. */
export const N_SCALAR = -0.74;
/** Normalisation constant: x / √(x² + α) maps the valence sum into (−1, 1). */
export const ALPHA = 15;

export const NEGATE: ReadonlySet<string> = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', "ain't", "aren't", "can't", "couldn't",
  "daren't", "didn't", "doesn't", 'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither', "don't",
  "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", 'neednt', "needn't", 'never', 'none', 'nope', 'nor',
  'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent', "oughtn't", "shan't",
  "shouldn't", 'uh-uh', "wasn't", "weren't", 'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite',
]);

const INCREASING = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably', 'decidedly', 'deeply', 'effing',
  'enormous', 'enormously', 'entirely', 'especially', 'exceptional', 'exceptionally', 'extreme', 'extremely', 'fabulously',
  'flipping', 'flippin', 'frackin', 'fracking', 'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fuckin', 'fucking',
  'fuggin', 'fugging', 'greatly', 'hella', 'highly', 'hugely', 'incredible', 'incredibly', 'intensely', 'major', 'majorly',
  'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably', 'so', 'substantially', 'thoroughly', 'total',
  'totally', 'tremendous', 'tremendously', 'uber', 'unbelievably', 'unusually', 'utter', 'utterly', 'very',
];
const DECREASING = [
  'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less', 'little', 'marginal',
  'marginally', 'occasional', 'occasionally', 'partly', 'scarce', 'scarcely', 'slight', 'slightly', 'somewhat', 'sort of',
  'sorta', 'sortof', 'sort-of',
];
/** Degree adverbs: intensifiers (+B_INCR) and dampeners (B_DECR); two-word ones match as bigrams. */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...INCREASING.map((w) => [w, B_INCR] as const),
  ...DECREASING.map((w) => [w, B_DECR] as const),
]);

/** Phrases containing lexicon words whose meaning is not the sum of their words. */
export const SPECIAL_CASES: ReadonlyMap<string, number> = new Map([
  ['the shit', 3], ['the bomb', 3], ['bad ass', 1.5], ['badass', 1.5], ['bus stop', 0],
  ['yeah right', -2], ['kiss of death', -1.5], ['to die for', 3], ['beating heart', 3.1], ['broken heart', -2.9],
]);

const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

export interface VaderScores {
  neg: number;
  neu: number;
  pos: number;
  /** Normalised sum of valences, x / √(x² + 15), in [−1, 1]. */
  compound: number;
}

export interface VaderLexicon {
  /** Lower-case token → mean valence. */
  valence: ReadonlyMap<string, number>;
  /** One emoji code point → its description, spliced into the text before scoring. */
  emoji: ReadonlyMap<string, string>;
}

/** Lines of `token<TAB>mean<TAB>…`; a token listed twice keeps its last value. */
export function parseLexicon(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split('\t');
    if (fields.length < 2) continue;
    const value = Number(fields[1]);
    if (!Number.isFinite(value)) throw new Error(`vader lexicon: bad valence on line ${JSON.stringify(line.slice(0, 40))}`);
    out.set(fields[0], value);
  }
  return out;
}

/**
 * CLDR short names by emoji. Only single code points can match (the text is read one code
 * point at a time), so a name listed for "X + VS16" is also filed under the bare "X".
 */
export function emojiNames(data: Record<string, { name: string }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [emoji, { name }] of Object.entries(data)) {
    const points = [...emoji];
    if (points.length === 2 && points[1] === '\uFE0F' && !out.has(points[0])) out.set(points[0], name);
    if (points.length === 1) out.set(emoji, name);
  }
  return out;
}

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** Where the valence lexicon is read from: the `vader-sentiment` package's copy of the reference file. */
export const LEXICON_FILE = path.join(packageDir('vader-sentiment'), 'vader_lexicon.txt');

let defaultLexicon: VaderLexicon | undefined;

/** The shipped lexicon and emoji names, read once on first use. */
export function loadLexicon(): VaderLexicon {
  defaultLexicon ??= {
    valence: parseLexicon(readFileSync(LEXICON_FILE, 'utf8')),
    emoji: emojiNames(JSON.parse(readFileSync(path.join(packageDir('unicode-emoji-json'), 'data-by-emoji.json'), 'utf8'))),
  };
  return defaultLexicon;
}

/** Python's `str.isupper`: at least one cased character and no lower-case one. */
const isUpper = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase();

function trimPunctuation(token: string): string {
  const cps = [...token];
  let a = 0;
  let b = cps.length;
  while (a < b && PUNCTUATION.has(cps[a])) a++;
  while (b > a && PUNCTUATION.has(cps[b - 1])) b--;
  // Two or fewer left: it was an emoticon (":)", ":D"), keep it whole.
  return b - a <= 2 ? token : cps.slice(a, b).join('');
}

/** Tokens: whitespace-separated, punctuation trimmed; contractions and emoticons survive. */
export function tokenize(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).map(trimPunctuation);
}

function describeEmoji(text: string, emoji: ReadonlyMap<string, string>): string {
  let out = '';
  let prevSpace = true;
  for (const ch of text) {
    const name = emoji.get(ch);
    if (name !== undefined) {
      out += (prevSpace ? '' : ' ') + name;
      prevSpace = false;
    } else {
      out += ch;
      prevSpace = ch === ' ';
    }
  }
  return out.trim();
}

const isNegator = (word: string) => NEGATE.has(word) || word.includes("n't");

/** Booster or dampener at a preceding token, signed to push the valence away from (or toward) 0. */
function boost(word: string, lower: string, valence: number, capsDiffer: boolean): number {
  let s = BOOSTERS.get(lower) ?? 0;
  if (s === 0) return 0;
  if (valence < 0) s = -s;
  if (capsDiffer && isUpper(word)) s += valence > 0 ? C_INCR : -C_INCR;
  return s;
}

/** Negation by the token `d + 1` places back, with the "never so/this" and "without doubt" exceptions. */
function negation(valence: number, lw: readonly string[], d: number, i: number): number {
  if (d === 0) return isNegator(lw[i - 1]) ? valence * N_SCALAR : valence;
  if (d === 1) {
    if (lw[i - 2] === 'never' && (lw[i - 1] === 'so' || lw[i - 1] === 'this')) return valence * 1.25;
    if (lw[i - 2] === 'without' && lw[i - 1] === 'doubt') return valence;
    return isNegator(lw[i - 2]) ? valence * N_SCALAR : valence;
  }
  // As the reference groups it: "never so/this _ X", or "so/this X" alone, both amplify.
  if ((lw[i - 3] === 'never' && (lw[i - 2] === 'so' || lw[i - 2] === 'this')) || lw[i - 1] === 'so' || lw[i - 1] === 'this') return valence * 1.25;
  if (lw[i - 3] === 'without' && (lw[i - 2] === 'doubt' || lw[i - 1] === 'doubt')) return valence;
  return isNegator(lw[i - 3]) ? valence * N_SCALAR : valence;
}

/** Fixed phrases around token i (i ≥ 3), then two-word dampeners such as "kind of" before it. */
function idioms(valence: number, lw: readonly string[], i: number): number {
  const oneZero = `${lw[i - 1]} ${lw[i]}`;
  const twoOneZero = `${lw[i - 2]} ${lw[i - 1]} ${lw[i]}`;
  const twoOne = `${lw[i - 2]} ${lw[i - 1]}`;
  const threeTwoOne = `${lw[i - 3]} ${lw[i - 2]} ${lw[i - 1]}`;
  const threeTwo = `${lw[i - 3]} ${lw[i - 2]}`;
  const before = [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo].find((p) => SPECIAL_CASES.has(p));
  if (before !== undefined) valence = SPECIAL_CASES.get(before)!;
  if (i + 1 < lw.length && SPECIAL_CASES.has(`${lw[i]} ${lw[i + 1]}`)) valence = SPECIAL_CASES.get(`${lw[i]} ${lw[i + 1]}`)!;
  if (i + 2 < lw.length && SPECIAL_CASES.has(`${lw[i]} ${lw[i + 1]} ${lw[i + 2]}`)) valence = SPECIAL_CASES.get(`${lw[i]} ${lw[i + 1]} ${lw[i + 2]}`)!;
  for (const gram of [threeTwoOne, threeTwo, twoOne]) valence += BOOSTERS.get(gram) ?? 0;
  return valence;
}

/** "least X" negates X, except in "at least" and "very least". */
function least(valence: number, lw: readonly string[], i: number, lex: ReadonlyMap<string, number>): number {
  if (i === 0 || lw[i - 1] !== 'least' || lex.has('least')) return valence;
  if (i > 1 && (lw[i - 2] === 'at' || lw[i - 2] === 'very')) return valence;
  return valence * N_SCALAR;
}

function valenceAt(i: number, words: readonly string[], lw: readonly string[], capsDiffer: boolean, lex: ReadonlyMap<string, number>): number {
  const base = lex.get(lw[i]);
  if (base === undefined) return 0;
  let valence = base;
  // "no" before a lexicon word is a negator, not the mildly negative word "no".
  if (lw[i] === 'no' && i + 1 < lw.length && lex.has(lw[i + 1])) valence = 0;
  if ((i > 0 && lw[i - 1] === 'no') || (i > 1 && lw[i - 2] === 'no') || (i > 2 && lw[i - 3] === 'no' && (lw[i - 1] === 'or' || lw[i - 1] === 'nor'))) {
    valence = base * N_SCALAR;
  }
  if (capsDiffer && isUpper(words[i])) valence += valence > 0 ? C_INCR : -C_INCR;
  for (let d = 0; d < 3; d++) {
    const j = i - d - 1;
    // Modifiers are non-lexicon words: a sentiment word before this one is scored on its own.
    if (j < 0 || lex.has(lw[j])) continue;
    valence += boost(words[j], lw[j], valence, capsDiffer) * (d === 0 ? 1 : d === 1 ? 0.95 : 0.9);
    valence = negation(valence, lw, d, i);
    if (d === 2) valence = idioms(valence, lw, i);
  }
  return least(valence, lw, i, lex);
}

/** Emphasis from "!" (0.292 each, at most 4) and from 2 or more "?". */
function punctuationEmphasis(text: string): number {
  const ep = Math.min(4, text.split('!').length - 1) * 0.292;
  const qm = text.split('?').length - 1;
  return ep + (qm <= 1 ? 0 : qm <= 3 ? qm * 0.18 : 0.96);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** neg, neu, pos (3 decimals) and compound (4 decimals) of a text, as the reference reports them. */
export function polarityScores(text: string, lexicon: VaderLexicon = loadLexicon()): VaderScores {
  const clean = describeEmoji(text, lexicon.emoji);
  const words = tokenize(clean);
  const lw = words.map((w) => w.toLowerCase());
  const upper = words.filter(isUpper).length;
  const capsDiffer = upper > 0 && upper < words.length;
  const sentiments = words.map((_, i) => {
    if (BOOSTERS.has(lw[i])) return 0;
    if (lw[i] === 'kind' && lw[i + 1] === 'of') return 0;
    return valenceAt(i, words, lw, capsDiffer, lexicon.valence);
  });
  const but = lw.indexOf('but');
  if (but >= 0) sentiments.forEach((v, k) => (sentiments[k] = k < but ? v * 0.5 : k > but ? v * 1.5 : v));
  if (sentiments.length === 0) return { neg: 0, neu: 0, pos: 0, compound: 0 };

  const emphasis = punctuationEmphasis(clean);
  let sum = sentiments.reduce((a, b) => a + b, 0);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA)));

  let pos = 0;
  let neg = 0;
  let neu = 0;
  for (const v of sentiments) {
    // +1 so that a sentiment word weighs at least as much as a neutral one (which counts 1).
    if (v > 0) pos += v + 1;
    else if (v < 0) neg += v - 1;
    else neu += 1;
  }
  if (pos > Math.abs(neg)) pos += emphasis;
  else if (pos < Math.abs(neg)) neg -= emphasis;
  const total = pos + Math.abs(neg) + neu;
  return { neg: round(Math.abs(neg / total), 3), neu: round(Math.abs(neu / total), 3), pos: round(Math.abs(pos / total), 3), compound: round(compound, 4) };
}
