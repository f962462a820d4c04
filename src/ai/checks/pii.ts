import type { CheckResult } from '../task.ts';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[A-Za-z]{2,}/u;
/** North-American forms (555-123-4567, (555) 123 4567, 555.123.4567) and +CC international runs. */
const PHONE = /(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)|\+\d{1,3}(?:[\s.-]?\d){8,12}(?!\d)/;

const EMAIL_G = new RegExp(EMAIL.source, 'gu');
const PHONE_G = new RegExp(PHONE.source, 'g');
const FOUR_DIGITS = /\d{4}/;

export function findEmails(text: string): string[] {
  // Every address has an @; scanning a long text for the pattern is the costly part.
  if (text.indexOf('@') < 0) return [];
  return [...text.matchAll(EMAIL_G)].map((m) => m[0]);
}

export function findPhones(text: string): string[] {
  // The North-American forms end in four digits in a row; the international form starts with +.
  if (text.indexOf('+') < 0 && !FOUR_DIGITS.test(text)) return [];
  return [...text.matchAll(PHONE_G)].map((m) => m[0]);
}

/**
 * No email address, phone number, or full name taken from the input. A first name alone is
 * allowed (a tutor greets by first name); the full name or the family name is not, because
 * outputs become training data.
 */
export function noPii(text: string, fullNames: readonly string[] = []): CheckResult {
  const found: string[] = [...findEmails(text).map((e) => `email ${e}`), ...findPhones(text).map((p) => `phone ${p}`)];
  for (const full of fullNames) {
    const parts = full.trim().split(/\s+/).filter(Boolean);
    if (parts.length < 2) continue;
    const family = parts.slice(1).join(' ');
    if (text.toLowerCase().includes(full.trim().toLowerCase())) found.push(`full name ${full}`);
    else if (familyPattern(family).test(text)) found.push(`family name ${family}`);
  }
  return { name: 'no-pii', pass: found.length === 0, critical: true, reason: found.length ? found.join('; ') : undefined };
}

const familyPatterns = new Map<string, RegExp>();

/** The family-name pattern, compiled once per name (the same few names recur across many texts). */
function familyPattern(family: string): RegExp {
  let re = familyPatterns.get(family);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}])${escapeRe(family)}(?![\\p{L}])`, 'u');
    if (familyPatterns.size >= 512) familyPatterns.clear();
    familyPatterns.set(family, re);
  }
  return re;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
