/**
 * Rule-based paraphrase (seeds/02 "Rule-Based Augmentation: vary phrasing"): phrase-level
 * synonyms and clause-order swaps from curated lists. The rules never touch numbers or skill
 * names by construction of the lists, and the generator keeps a paraphrase only when the
 * task's checks still pass, so a rule that misfires costs a fallback, never a bad pair.
 *
 * Only the template's own words vary: a phrase inside text copied from the input (a lesson
 * sentence, a passage, a choice's reason) is left as written, since a quotation that is
 * reworded is no longer one. Each group lists phrases that are interchangeable wherever they
 * occur: "next" is not "after that" in "a good next stop", so that pair is listed only as the
 * sentence adverbs "Next," and "After that,".
 */
import { escapeRe } from '../ai/checks/pii.ts';
import type { Rng } from '../lib/rng.ts';

/** Interchangeable phrases: any member may replace any other. Lower-case; case is carried over. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['step by step', 'one step at a time'],
  ['a bit', 'a little', 'slightly'],
  ['right now', 'at the moment', 'for now'],
  ['focus on', 'concentrate on', 'zero in on'],
  ['keep going', 'keep at it', 'stay with it'],
  ['nicely done', 'well done', 'good work'],
  ['make sure', 'be sure'],
  ['happy to help', 'glad to help'],
  ['good question', 'great question', 'fair question'],
  ['therefore', 'thus', 'hence'],
  ['extra', 'additional'],
  ['biggest', 'largest'],
  ['a few', 'a handful of'],
  ['practice questions', 'practice problems'],
  ['it helps to', 'it pays to'],
  ['remember', 'keep in mind'],
  ['start from', 'begin with'],
  ['to start', 'to begin'],
  ['moving quickly', 'moving fast'],
  ['up quickly', 'up fast'],
  ['it quickly', 'it fast'],
  ['worth a look', 'worth checking'],
  ['after that,', 'next,'],
  ['so the answer is', 'so the correct answer is'],
  ["let's look at", "let's check"],
  ['check your work', 'look over your work'],
  ['a great result', 'an excellent result'],
  ['lots of', 'plenty of'],
  ['tricky', 'challenging'],
  ['boost', 'lift'],
  ['can spot', 'can catch'],
  ['go back to', 'return to', 'revisit'],
];

interface Rule { re: RegExp; options: readonly string[] }

// A phrase is whole words: not part of a longer word, nor of a hyphenated one ("check-your-work page").
const RULES: Rule[] = SYNONYM_GROUPS.map((g) => ({
  re: new RegExp(`(?<![\\w'-])(?:${[...g].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})(?![\\w-])`, 'gi'),
  options: g,
}));
/** A phrase's words as the scan below sees them: runs of \w, so "let's" is "let" and "next," is "next". */
const wordsOf = (phrase: string) => phrase.split(/[^\w]+/).filter(Boolean);
/** The first word of every phrase → the groups with a phrase starting with it. */
const FIRST_WORDS = new Map<string, number[]>();
SYNONYM_GROUPS.forEach((g, k) => {
  for (const phrase of g) {
    const w = wordsOf(phrase)[0];
    const groups = FIRST_WORDS.get(w) ?? [];
    if (!groups.includes(k)) groups.push(k);
    FIRST_WORDS.set(w, groups);
  }
});
/** Every phrase → the groups any of its words starts a phrase of (what inserting it can enable). */
const ENABLES = new Map(SYNONYM_GROUPS.flat().map((p) => [p, [...new Set(wordsOf(p).flatMap((w) => FIRST_WORDS.get(w) ?? []))]]));
const MAX_FIRST = Math.max(...[...FIRST_WORDS.keys()].map((w) => w.length));

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * Which groups can fire on the text. A rule's match starts at a word boundary and its first
 * word ends at a space or a boundary, so that word is a whole `\w` run of the text; one pass
 * over the runs rules out the groups whose first words are absent, before any pattern runs.
 */
function groupsIn(text: string): boolean[] {
  const out = new Array<boolean>(SYNONYM_GROUPS.length).fill(false);
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isWordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start <= MAX_FIRST) {
        const groups = FIRST_WORDS.get(text.slice(start, i).toLowerCase());
        if (groups) for (const k of groups) out[k] = true;
      }
      start = -1;
    }
  }
  return out;
}

function matchCase(src: string, rep: string): string {
  return src[0] !== src[0].toLowerCase() ? rep[0].toUpperCase() + rep.slice(1) : rep;
}

/** How much text either side of a phrase must match the input for the phrase to count as quoted. */
const QUOTE_CONTEXT = 12;

/**
 * Whether text[start, end) lies in a passage copied from the input: the phrase with the words
 * before it, or with the words after it, occurs there (lower-cased, since a reply lower-cases a
 * quoted sentence's first letter after "Here is the idea:").
 */
function isQuoted(text: string, start: number, end: number, copiedFrom: () => string): boolean {
  const copied = copiedFrom();
  if (!copied) return false;
  const left = text.slice(Math.max(0, start - QUOTE_CONTEXT), end).toLowerCase();
  if (copied.includes(left)) return true;
  return copied.includes(text.slice(start, end + QUOTE_CONTEXT).toLowerCase());
}

/**
 * Replace each phrase of a group, with probability p, by another member of its group; not a
 * phrase inside text copied from the input (`copied`: its texts, lower-cased, asked for only
 * when a phrase is about to change).
 */
export function swapSynonyms(text: string, rng: Rng, p = 0.6, copied: () => string = () => ''): string {
  let out = text;
  const present = groupsIn(out);
  for (let k = 0; k < RULES.length; k++) {
    if (!present[k]) continue;
    const r = RULES[k];
    r.re.lastIndex = 0;
    if (!r.re.test(out)) continue;
    r.re.lastIndex = 0;
    const before = out;
    out = out.replace(r.re, (m, at: number) => {
      if (!rng.chance(p) || isQuoted(before, at, at + m.length, copied)) return m;
      const others = r.options.filter((o) => o !== m.toLowerCase());
      const rep = rng.pick(others);
      // The inserted words may start a phrase of a later group; words replaced only ever over-count.
      for (const g of ENABLES.get(rep)!) present[g] = true;
      return matchCase(m, rep);
    });
  }
  return out;
}

/** Words that may be lower-cased when a clause moves away from the sentence start. */
const LOWERABLE = new Set(['your', 'you', 'you\'re', 'the', 'this', 'that', 'it', "it's", 'a', 'an', 'with', 'each', 'every', 'one', 'there', 'we', 'i', 'time', 'pacing', 'speed']);

const lowerStart = (s: string) => {
  const first = s.split(/\s/, 1)[0].toLowerCase();
  if (first === 'i') return s;
  return LOWERABLE.has(first) ? s[0].toLowerCase() + s.slice(1) : s;
};
const upperStart = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * Clause-order variants of one sentence. Only prose sentences qualify: no digits, colons,
 * equals signs, quotes or parentheses, so calculations and quoted material keep their order.
 */
const CLAUSE_RULES: { re: RegExp; to: (m: RegExpMatchArray) => string }[] = [
  { re: /^If ([^,]+), ([^,]+)([.!])$/, to: (m) => `${upperStart(m[2])} if ${lowerStart(m[1])}${m[3]}` },
  { re: /^When ([^,]+), ([^,]+)([.!])$/, to: (m) => `${upperStart(m[2])} when ${lowerStart(m[1])}${m[3]}` },
  { re: /^Once ([^,]+), ([^,]+)([.!])$/, to: (m) => `${upperStart(m[2])} once ${lowerStart(m[1])}${m[3]}` },
  { re: /^([^,]+) if ([^,]+)([.!])$/, to: (m) => `If ${lowerStart(m[2])}, ${lowerStart(m[1])}${m[3]}` },
  { re: /^([^,]+) because ([^,]+)([.!])$/, to: (m) => `Because ${lowerStart(m[2])}, ${lowerStart(m[1])}${m[3]}` },
  { re: /^([^,]+) before ([^,]+)([.!])$/, to: (m) => `Before ${lowerStart(m[2])}, ${lowerStart(m[1])}${m[3]}` },
  { re: /^Before ([^,]+), ([^,]+)([.!])$/, to: (m) => `${upperStart(m[2])} before ${lowerStart(m[1])}${m[3]}` },
];

/** Clause-order variants of the sentences of `text`, except those copied from `copied` (lower-cased). */
export function reorderClauses(text: string, rng: Rng, p = 0.5, copied: () => string = () => ''): string {
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  let changed = false;
  const out = sentences.map((s) => {
    if (/[\d:=()"“”]/.test(s) || !rng.chance(p)) return s;
    for (const r of CLAUSE_RULES) {
      const m = s.match(r.re);
      if (!m) continue;
      if (copied().includes(s.slice(0, -1).toLowerCase())) return s;
      changed = true;
      return r.to(m);
    }
    return s;
  });
  return changed ? out.join(' ') : text;
}

/**
 * Both kinds of variation, on the template's own words only (`input`: what the text was written
 * from; its texts are gathered by `copiedText` the first time a rule is about to fire); returns
 * the text unchanged when no rule fired.
 */
export function paraphrase(text: string, rng: Rng, input?: unknown): string {
  let copied: string | undefined;
  const copiedFrom = () => (copied ??= input === undefined ? '' : copiedText(input));
  return reorderClauses(swapSynonyms(text, rng, 0.6, copiedFrom), rng, 0.5, copiedFrom);
}

/** Every string in an input (its lesson passages, item, messages), lower-cased, for `paraphrase`. */
export function copiedText(input: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(input);
  return parts.join('\n').toLowerCase();
}
