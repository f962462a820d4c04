import type { CheckResult } from '../task.ts';

/** Thousands separators and the typographic minus, normalised before any number is read. */
export function normaliseNumerals(text: string): string {
  return text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1').replace(/\u2212/g, '-');
}

/**
 * Every numeral in the text, as an absolute value. Signs are dropped because a hyphen is
 * as often punctuation ("1–7", "2-step") as a minus, and the faithfulness question is
 * whether the quantity came from the input, not which side of zero it was written on.
 */
export function extractNumbers(text: string): number[] {
  return [...normaliseNumerals(text).matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

export function numbersOf(...texts: (string | undefined)[]): number[] {
  return texts.flatMap((t) => (t ? extractNumbers(t) : []));
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Every number stated in `text` is one of `allowed` (compared as absolute values). */
export function numbersDerivable(text: string, allowed: Iterable<number>, critical = true): CheckResult {
  const pool = [...allowed].map(Math.abs);
  const bad = extractNumbers(text).filter((n) => !pool.some((a) => same(a, n)));
  return {
    name: 'numbers-derivable',
    pass: bad.length === 0,
    critical,
    reason: bad.length ? `not derivable from the input: ${[...new Set(bad)].join(', ')}` : undefined,
  };
}
