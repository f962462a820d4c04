import type { CheckResult } from '../task.ts';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[A-Za-z]{2,}/u;
/** North-American forms (555-123-4567, (555) 123 4567, 555.123.4567) and +CC international runs. */
const PHONE = /(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)|\+\d{1,3}(?:[\s.-]?\d){8,12}(?!\d)/;

export function findEmails(text: string): string[] {
  return [...text.matchAll(new RegExp(EMAIL.source, 'gu'))].map((m) => m[0]);
}

export function findPhones(text: string): string[] {
  return [...text.matchAll(new RegExp(PHONE.source, 'g'))].map((m) => m[0]);
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
    else if (new RegExp(`(?<![\\p{L}])${escapeRe(family)}(?![\\p{L}])`, 'u').test(text)) found.push(`family name ${family}`);
  }
  return { name: 'no-pii', pass: found.length === 0, critical: true, reason: found.length ? found.join('; ') : undefined };
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
