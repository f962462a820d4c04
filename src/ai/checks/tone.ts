import type { CheckResult } from '../task.ts';
import { PhraseSet } from './phrases.ts';
import { escapeRe } from './pii.ts';

/**
 * Words and phrases a tutor for teenagers must not use: insults, sarcasm markers and
 * condescension. Matched as whole words, case-insensitively.
 */
export const BANNED_TONE = [
  'stupid', 'dumb', 'idiot', 'idiotic', 'moron', 'loser', 'lazy', 'pathetic', 'useless', 'hopeless',
  'worthless', 'ridiculous', 'embarrassing', 'clueless', 'obviously', 'duh', 'lol', 'shut up',
  'even a child', 'not smart', 'give up', 'careless', 'yeah right', 'nice try', 'seriously?',
  'what were you thinking', 'terrible', 'awful', 'bad at',
] as const;

const patterns = BANNED_TONE.map((w) => ({
  word: w,
  re: new RegExp(`(?<![\\p{L}])${escapeRe(w)}(?![\\p{L}])`, 'iu'),
}));
/** All the words in one case-insensitive scan: most texts have none, and then no pattern runs. */
const anyBanned = new PhraseSet(BANNED_TONE, 'iu');

/** `source` may be given as a function: it is only needed when a banned word turns up. */
export function bannedToneWords(text: string, source: string | (() => string) = ''): string[] {
  if (!anyBanned.any(text)) return [];
  const hits = patterns.filter((p) => p.re.test(text));
  if (hits.length === 0) return [];
  // Normalised only when needed: the source can be long (several items and lessons).
  const src = (typeof source === 'function' ? source() : source).toLowerCase().replace(/\s+/g, ' ');
  return hits.filter((p) => !quotedFromSource(text, p.re, src)).map((p) => p.word);
}

/**
 * A banned word the text quotes from its source material ("Emeka finds the clock useless",
 * taken from the passage) is content, not tone: it is allowed when the word and up to
 * three words either side of it appear verbatim in the source. An inserted insult has no
 * such context in the source, so it is still caught.
 */
function quotedFromSource(text: string, re: RegExp, src: string): boolean {
  if (!src) return false;
  const global = new RegExp(re.source, 'giu');
  for (const m of text.matchAll(global)) {
    const before = text.slice(0, m.index).split(/\s+/).filter(Boolean).slice(-3).join(' ');
    const after = text.slice((m.index ?? 0) + m[0].length).split(/\s+/).filter(Boolean).slice(0, 3).join(' ');
    const window = `${before} ${m[0]} ${after}`.toLowerCase().replace(/[.,;:!?"“”]+(\s|$)/g, '$1').replace(/\s+/g, ' ').trim();
    const core = `${before.split(' ').slice(-1)[0] ?? ''} ${m[0]}`.toLowerCase().trim();
    if (!src.includes(window) && !src.includes(core)) return false;
  }
  return true;
}

/** `source`: the material the text may quote (an item's passage and rationale). */
export function noBannedTone(text: string, source?: string | (() => string)): CheckResult {
  const found = bannedToneWords(text, source);
  return {
    name: 'no-banned-tone',
    pass: found.length === 0,
    critical: true,
    reason: found.length ? `banned tone: ${found.join(', ')}` : undefined,
  };
}
