/**
 * Lesson passages as plain sentences a reply may quote. Lessons are Markdown with fixed
 * sections (content/lessons: The idea, Worked example, Common traps, Check yourself); only
 * "The idea" speaks about the topic in general. The worked example and the check-yourself
 * problem are other problems with their own answers ("Answer: **$110**"), and quoting them in
 * a reply about this item would state an answer that is not this item's key, so they are
 * never used. A text with no headings (a plain passage) is used whole.
 */
import { arithmeticStepsEvaluate } from '../checks/arithmetic.ts';
import { splitSentences, statedAnswers } from '../checks/answer.ts';
import { wordCount } from '../checks/length.ts';
import { BoundedMap } from '../../lib/bounded-map.ts';

const IDEA_HEADING = /^##\s+The idea\s*$/im;

/** The "The idea" section of a sectioned lesson, or the whole text when it has no headings. */
export function ideaSection(text: string): string {
  if (!/^#{1,6}\s/m.test(text)) return text;
  const m = IDEA_HEADING.exec(text);
  if (!m) return '';
  const rest = text.slice(m.index + m[0].length);
  const next = /^#{1,6}\s/m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** One Markdown line as plain prose: no list marker, emphasis, code ticks or link syntax. */
export function plainLine(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(?<![\p{L}\p{N}*])\*([^*\s][^*]*)\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A sentence worth quoting on its own: a whole statement (not a lead-in to a list ending in
 * ":", not a question), of readable length, stating no answer, and with every numeric
 * equation true. Lessons illustrate a false statement on purpose ("a false statement such as
 * 7 = 3"); out of context that reads as wrong arithmetic.
 */
function quotable(s: string): boolean {
  const n = wordCount(s);
  if (n < 5 || n > 45) return false;
  if (/[:?]$/.test(s) || s.includes('?')) return false;
  if (!/^[\p{Lu}\p{N}"“(]/u.test(s)) return false;
  if (/\bAnswer\s*:/i.test(s) || statedAnswers(s).length > 0) return false;
  return arithmeticStepsEvaluate(s).pass;
}

/**
 * Whether a sentence opens by pointing back to the one before it ("That is why…", "It goes one
 * small step…", "So read…"): quoted, it needs that sentence just before it.
 */
export const pointsBack = (sentence: string) => /^(?:that|this|these|those|it|they|so|then|but|and|also|here|such)\b/i.test(sentence);

const cache = new BoundedMap<string, string[]>(512);

/** The quotable plain sentences of a lesson's idea section, in order. Memoised: lessons repeat. */
export function lessonSentences(text: string): string[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const out: string[] = [];
  for (const raw of ideaSection(text).split(/\n/)) {
    if (/^\s*#/.test(raw) || raw.trim() === '') continue;
    // A list item ("Contrast: however, nevertheless…") is quoted as a sentence, so it ends like one.
    for (const s of splitSentences(plainLine(raw))) if (quotable(s)) out.push(/[.!]["”)]?$/.test(s) ? s : `${s}.`);
  }
  cache.set(text, out);
  return out;
}
