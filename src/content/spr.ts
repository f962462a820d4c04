/**
 * Student-produced responses (the SAT's grid-in): which typed answers are accepted.
 *
 * Digital SAT rules (College Board, "Student-produced response directions"): up to 5
 * characters for a positive answer, 6 for a negative one (the minus sign); fractions are
 * accepted when they fit, mixed numbers are not; a decimal that does not fit must fill the
 * space, truncated or rounded (2/3 → .6666, .6667, 0.666, 0.667).
 */
import { parseRational, ratToString, type Rational } from '../lib/rational.ts';

/** Characters a typed answer may have: the minus sign of a negative answer takes the sixth. */
export const SPR_MAX_CHARS = { positive: 5, negative: 6 } as const;

function maxLen(x: Rational): number {
  return x.n < 0 ? SPR_MAX_CHARS.negative : SPR_MAX_CHARS.positive;
}

/** Characters a typed answer may have, by its sign: a leading minus earns the sixth. */
export const sprMaxChars = (typed: string): number => (typed.startsWith('-') ? SPR_MAX_CHARS.negative : SPR_MAX_CHARS.positive);

/**
 * Is `typed` (spaces ignored) a response the grid can hold: digits, "." and "/", an optional
 * leading minus, within `sprMaxChars`? The server refuses anything else as malformed and the
 * answer box never produces it, so what a student can type is exactly what can be graded.
 */
export function isSprResponse(typed: string): boolean {
  const r = typed.replace(/\s+/g, '');
  return /^-?[0-9./]+$/.test(r) && r.length <= sprMaxChars(r);
}

/**
 * What the answer box keeps of what was typed or pasted: the grid's characters only, a minus
 * only in front, cut to the length its sign allows (so "123456" stays "12345", "-12345" fits).
 */
export function sprInput(raw: string): string {
  const kept = raw.replace(/[^0-9./-]/g, '');
  const signed = (kept.startsWith('-') ? '-' : '') + kept.replace(/-/g, '');
  return signed.slice(0, sprMaxChars(signed));
}

function decimalForms(x: Rational): string[] {
  const sign = x.n < 0 ? '-' : '';
  const absN = Math.abs(x.n);
  const whole = Math.floor(absN / x.d);
  const wholeStr = String(whole);
  const forms = new Set<string>();
  // Terminating decimals are written exactly when they fit.
  for (let digits = 0; digits <= 6; digits++) {
    const scaled = absN * 10 ** digits;
    if (scaled % x.d === 0) {
      const v = scaled / x.d;
      const str = digits === 0 ? String(v) : `${Math.floor(v / 10 ** digits)}.${String(v % 10 ** digits).padStart(digits, '0')}`;
      const full = sign + str;
      if (full.length <= maxLen(x)) {
        forms.add(full);
        if (whole === 0 && digits > 0) forms.add(sign + str.slice(1));
      }
      return [...forms];
    }
  }
  // Non-terminating: fill the grid, truncated or rounded; with and without a leading 0.
  for (const lead of whole === 0 ? ['', '0'] : [wholeStr]) {
    const room = maxLen(x) - sign.length - lead.length - 1;
    if (room < 1) continue;
    const scale = 10 ** room;
    const fracScaled = ((absN % x.d) * scale) / x.d;
    const trunc = Math.floor(fracScaled);
    const round = Math.round(fracScaled);
    for (const f of [trunc, round]) {
      if (f >= scale) continue; // rounding carried into the whole part; the truncated form stands
      forms.add(`${sign}${lead}.${String(f).padStart(room, '0')}`);
    }
  }
  return [...forms];
}

/** Every accepted form of the value; the first is the canonical one shown as the key. */
export function sprForms(x: Rational): string[] {
  const forms: string[] = [];
  const frac = ratToString(x);
  if (frac.length <= maxLen(x)) forms.push(frac);
  for (const f of decimalForms(x)) if (!forms.includes(f)) forms.push(f);
  if (forms.length === 0) throw new RangeError(`value ${frac} cannot be gridded`);
  return forms;
}

/** True if the value has at least one form that fits the grid. */
export function isGriddable(x: Rational): boolean {
  try {
    return sprForms(x).length > 0;
  } catch {
    return false;
  }
}

/**
 * Does a typed response score as correct? Whitespace is ignored. Besides the listed forms,
 * any response that fits the grid and equals the exact key by value counts (4/6 for 2/3,
 * 0.50 for 1/2), as the SAT scores grid-ins by value.
 */
export function sprAccepts(accepted: readonly string[], response: string): boolean {
  const r = response.replace(/\s+/g, '');
  if (accepted.includes(r)) return true;
  if (!isSprResponse(r)) return false;
  const key = parseRational(accepted[0] ?? '');
  const given = parseRational(r);
  return key !== null && given !== null && key.n === given.n && key.d === given.d;
}

/** Exact value an accepted form denotes (for verification), or null. */
export function sprValue(form: string): Rational | null {
  return parseRational(form);
}

