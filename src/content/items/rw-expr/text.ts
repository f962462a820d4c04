/**
 * Small text helpers shared by the Expression of Ideas and Conventions generators.
 */
import type { Rng } from '../../../lib/rng.ts';

/** The blank as the digital SAT prints it. */
export const BLANK = '______';

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "a" or "an" before a noun phrase (by its first letter; the role nouns used here have no silent h). */
export const withArticle = (np: string): string => (/^[aeiou]/i.test(np) ? `an ${np}` : `a ${np}`);

export const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /[A-Za-z0-9_]/.test(w)).length;

/** The last word of a phrase and everything before it ("how sea turtles navigate" → ["how sea turtles", "navigate"]). */
export function splitLast(phrase: string): [string, string] {
  const i = phrase.lastIndexOf(' ');
  return i < 0 ? ['', phrase] : [phrase.slice(0, i), phrase.slice(i + 1)];
}

/** The first word of a phrase and the rest. */
export function splitFirst(phrase: string): [string, string] {
  const i = phrase.indexOf(' ');
  return i < 0 ? [phrase, ''] : [phrase.slice(0, i), phrase.slice(i + 1)];
}

/** A year in a plausible range for a topic's era, drawn through the rng. */
export const recentYear = (rng: Rng): number => rng.int(1998, 2021);

/** Masks proper names (capitalised words) and numbers, the near-duplicate key of issue 4. */
export const maskNamesAndNumbers = (s: string): string => s.replace(/\b[A-Z][\w'’-]*/g, 'N').replace(/\d[\d,.]*/g, '#');
