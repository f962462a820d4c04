/**
 * Rule-based paraphrase (seeds/02 "Rule-Based Augmentation: vary phrasing"): phrase-level
 * synonyms and clause-order swaps from curated lists. The rules never touch numbers or skill
 * names by construction of the lists, and the generator keeps a paraphrase only when the
 * task's checks still pass, so a rule that misfires costs a fallback, never a bad pair.
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
  ['quickly', 'fast'],
  ['worth a look', 'worth checking'],
  ['after that', 'next'],
  ['so the answer is', 'so the correct answer is'],
  ['look at', 'check'],
  ['a great result', 'an excellent result'],
  ['lots of', 'plenty of'],
  ['tricky', 'challenging'],
  ['boost', 'lift'],
  ['spot', 'catch'],
  ['go back to', 'return to', 'revisit'],
];

interface Rule { re: RegExp; options: readonly string[] }

const RULES: Rule[] = SYNONYM_GROUPS.map((g) => ({
  re: new RegExp(`\\b(?:${[...g].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})\\b`, 'gi'),
  options: g,
}));
/** The first word of every phrase → the groups with a phrase starting with it. */
const FIRST_WORDS = new Map<string, number[]>();
SYNONYM_GROUPS.forEach((g, k) => {
  for (const phrase of g) {
    const w = phrase.split(' ')[0];
    const groups = FIRST_WORDS.get(w) ?? [];
    if (!groups.includes(k)) groups.push(k);
    FIRST_WORDS.set(w, groups);
  }
});
/** Every phrase → the groups any of its words starts a phrase of (what inserting it can enable). */
const ENABLES = new Map(SYNONYM_GROUPS.flat().map((p) => [p, [...new Set(p.split(' ').flatMap((w) => FIRST_WORDS.get(w) ?? []))]]));
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

/** Replace each phrase of a group, with probability p, by another member of its group. */
export function swapSynonyms(text: string, rng: Rng, p = 0.6): string {
  let out = text;
  const present = groupsIn(out);
  for (let k = 0; k < RULES.length; k++) {
    if (!present[k]) continue;
    const r = RULES[k];
    r.re.lastIndex = 0;
    if (!r.re.test(out)) continue;
    r.re.lastIndex = 0;
    out = out.replace(r.re, (m) => {
      if (!rng.chance(p)) return m;
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

export function reorderClauses(text: string, rng: Rng, p = 0.5): string {
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  let changed = false;
  const out = sentences.map((s) => {
    if (/[\d:=()"“”]/.test(s) || !rng.chance(p)) return s;
    for (const r of CLAUSE_RULES) {
      const m = s.match(r.re);
      if (m) { changed = true; return r.to(m); }
    }
    return s;
  });
  return changed ? out.join(' ') : text;
}

/** Both kinds of variation; returns the input unchanged when no rule fired. */
export function paraphrase(text: string, rng: Rng): string {
  return reorderClauses(swapSynonyms(text, rng), rng);
}
