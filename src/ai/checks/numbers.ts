import type { CheckResult } from '../task.ts';

/** Thousands separators and the typographic minus, normalised before any number is read. */
export function normaliseNumerals(text: string): string {
  // Most texts have neither a comma nor the minus sign: nothing to rewrite, no regex pass.
  if (text.indexOf(',') < 0 && text.indexOf('\u2212') < 0) return text;
  return text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1').replace(/\u2212/g, '-');
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Every numeral in the text, as an absolute value. Signs are dropped because a hyphen is
 * as often punctuation ("1–7", "2-step") as a minus, and the faithfulness question is
 * whether the quantity came from the input, not which side of zero it was written on.
 * Reads `\d+(?:\.\d+)?` runs in one pass (the regex's matches, without its match objects).
 */
export function extractNumbers(text: string): number[] {
  const s = normaliseNumerals(text);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!isDigit(s.charCodeAt(i))) continue;
    const start = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) {
      i++;
      while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    }
    out.push(Number(s.slice(start, i)));
    i--;
  }
  return out;
}

export function numbersOf(...texts: (string | undefined)[]): number[] {
  const out: number[] = [];
  for (const t of texts) if (t) for (const n of extractNumbers(t)) out.push(n);
  return out;
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Every number stated in `text` is one of `allowed` (compared as absolute values). */
export function numbersDerivable(text: string, allowed: Iterable<number>, critical = true): CheckResult {
  const pool = [...allowed].map(Math.abs);
  // Equal values are the usual case and `includes` finds them without the tolerance arithmetic;
  // an infinite numeral is never `same` as anything, so only finite ones take the shortcut.
  const bad = extractNumbers(text).filter((n) => !(Number.isFinite(n) && pool.includes(n)) && !pool.some((a) => same(a, n)));
  return {
    name: 'numbers-derivable',
    pass: bad.length === 0,
    critical,
    reason: bad.length ? `not derivable from the input: ${[...new Set(bad)].join(', ')}` : undefined,
  };
}
