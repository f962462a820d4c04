/**
 * Text PostgreSQL cannot keep as sent. U+0000: text refuses it, so the query fails. A lone
 * UTF-16 surrogate (half of a pair, which JSON's "\ud800" yields): json refuses it, so the
 * query fails, and text stores U+FFFD in its place, so two different strings (two
 * idempotency keys) become one. Refused at the edges (HTTP, the tutor socket) instead.
 */

export type Unstorable = 'nul' | 'lone_surrogate';

export const UNSTORABLE_MESSAGE: Readonly<Record<Unstorable, string>> = {
  nul: 'text may not contain the NUL character (U+0000)',
  lone_surrogate: 'text may not contain half of a UTF-16 surrogate pair (U+D800-U+DFFF) without the other half',
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_CHARS = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, 'g');

export function unstorable(s: string): Unstorable | null {
  if (s.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(s) ? 'lone_surrogate' : null;
}

/** `s` with each unstorable character written as its `\uXXXX` escape, so an error can quote it. */
export const escapeUnstorable = (s: string): string => s.replace(UNSTORABLE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
