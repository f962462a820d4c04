/**
 * A small frame for the Problem-Solving/Data and Geometry generators: a family builds a
 * `Core` (stem, steps, spec, key value and modelled wrong values) and separately knows how
 * to re-derive its key from the spec alone (`solve`). The frame turns a Core into an MCQ or
 * a grid-in, and `verify` compares the item's key with `solve(spec)` rendered the same way.
 */
import type { Rng } from '../../../lib/rng.ts';
import { parseRational, rat, ratToString, toNumber, type Rational } from '../../../lib/rational.ts';
import { OPTION_LETTERS, type Difficulty, type Item, type SkillGenerator, type VerifyResult } from '../../item.ts';
import { isGriddable } from '../../spr.ts';
import type { SkillId } from '../../taxonomy.ts';
import { buildMcq, buildSpr, DuplicateOptionError, type Distractor } from '../build.ts';

/** How a numeric value is written in an option. */
export type Fmt = 'num' | 'frac' | 'usd' | 'pct' | 'pi' | 'deg';

export type Value = Rational | string;
export interface Wrong {
  v: Value;
  /** The modelled mistake. */
  why: string;
}

export interface Core<S extends object> {
  stem: string;
  passage?: string;
  steps: string[];
  spec: S;
  key: Value;
  fmt?: Fmt;
  /** Unit written after numeric options ("miles", "square meters"). */
  unit?: string;
  /** Candidate wrong answers, most tempting first; the first three distinct ones are used. */
  wrong: Wrong[];
  /** The stem to use when the item is asked as a grid-in (numeric keys only). */
  spr?: string;
  /** Drop non-integer wrong values (the quantity is a count). */
  intOnly?: boolean;
  bShift?: number;
}

export interface Family<S extends object = object> {
  readonly name: string;
  readonly bands: readonly Difficulty[];
  build(rng: Rng, d: Difficulty): Core<S>;
  /** Re-derives the key from the stored spec by another route than `build`. */
  solve(spec: S): Value;
}

/** Erases a family's spec type so families of one skill can share an array. */
export function family<S extends object>(f: Family<S>): Family {
  return f as unknown as Family;
}

export const R = (n: number, d = 1): Rational => rat(n, d);

/** Rationals are stored in specs as "a/b" text so the spec stays plain JSON. */
export function q(text: unknown): Rational {
  const r = typeof text === 'number' ? rat(text) : parseRational(String(text));
  if (!r) throw new Error(`spec: not a number: ${String(text)}`);
  return r;
}
export const qs = (x: Rational): string => ratToString(x);

function commas(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Plain number: integer with thousands commas, a short terminating decimal, or a fraction. */
export function numText(x: Rational): string {
  const sign = x.n < 0 ? '-' : '';
  const a = Math.abs(x.n);
  if (x.d === 1) return sign + commas(String(a));
  for (const digits of [1, 2, 3]) {
    const scaled = a * 10 ** digits;
    if (scaled % x.d === 0) {
      const v = scaled / x.d;
      const whole = Math.floor(v / 10 ** digits);
      return `${sign}${commas(String(whole))}.${String(v % 10 ** digits).padStart(digits, '0')}`;
    }
  }
  return ratToString(x);
}

export function render(v: Value, fmt: Fmt = 'num', unit = ''): string {
  if (typeof v === 'string') return v;
  let t: string;
  switch (fmt) {
    case 'frac':
      t = ratToString(v);
      break;
    case 'usd': {
      const cents = (v.n * 100) / v.d;
      t = Number.isInteger(cents) && cents % 100 !== 0
        ? `$${commas(String(Math.floor(cents / 100)))}.${String(Math.abs(cents) % 100).padStart(2, '0')}`
        : `$${numText(v)}`;
      break;
    }
    case 'pct':
      t = `${numText(v)}%`;
      break;
    case 'deg':
      t = `${numText(v)}°`;
      break;
    case 'pi':
      t = piText(v);
      break;
    default:
      t = numText(v);
  }
  return unit ? `${t} ${unit}` : t;
}

/** 36π, π, 9π/2, π/2, -4π: the way the SAT prints multiples of π. */
export function piText(c: Rational): string {
  if (c.n === 0) return '0';
  const coef = c.n === 1 ? '' : c.n === -1 ? '-' : String(c.n);
  return c.d === 1 ? `${coef}π` : `${coef}π/${c.d}`;
}

/** a√b written the SAT way (1√b → √b; b = 1 → a). */
export function rootText(a: number, b: number): string {
  if (b === 1) return String(a);
  return a === 1 ? `√${b}` : `${a}√${b}`;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Is the gridded form an accepted writing of `x` (exact, or a decimal filling the grid)? */
function formDenotes(form: string, x: Rational): boolean {
  const v = parseRational(form);
  if (!v) return false;
  if (v.n === x.n && v.d === x.d) return true;
  // A non-exact decimal must fill the grid (5 characters, 6 with a minus sign).
  const m = /\.(\d+)$/.exec(form);
  if (!m || form.length < (form.startsWith('-') ? 6 : 5)) return false;
  return Math.abs(toNumber(v) - toNumber(x)) < 10 ** -m[1].length;
}

/**
 * Grid-in keys are kept to values whose every accepted form is within 0.001 of the exact
 * value and of the first form (what the contract test checks): terminating decimals, or
 * repeating ones below 10 whose fraction fits the grid. spr.ts also accepts 2-decimal fills
 * such as 32.66 for 98/3, and truncated/rounded pairs such as 4.814/4.815 for 130/27,
 * which the test's 0.001 tolerance against the first form rejects.
 */
function gridFriendly(x: Rational): boolean {
  if (!isGriddable(x)) return false;
  let d = x.d;
  for (const p of [2, 5]) while (d % p === 0) d /= p;
  if (d === 1) return true;
  // The first accepted form must be exact (the test compares the others with it).
  return Math.abs(x.n / x.d) < 10 && ratToString(x).length <= (x.n < 0 ? 6 : 5);
}

export interface GeneratorOptions {
  /** Chance that a grid-in-capable Core is asked as a grid-in. */
  sprRate: number;
}

export function makeGenerator(skill: SkillId, families: readonly Family[], opts: GeneratorOptions): SkillGenerator {
  const byName = new Map(families.map((f) => [f.name, f]));
  if (byName.size !== families.length) throw new Error(`${skill}: duplicate family names`);
  const generatorId = `${skill}@1`;

  return {
    skill,
    families: families.map((f) => f.name),
    generate(rng: Rng, difficulty: Difficulty): Item {
      const fam = rng.pick(families.filter((f) => f.bands.includes(difficulty)));
      const c = fam.build(rng, difficulty);
      const fmt = c.fmt ?? 'num';
      const unit = c.unit ?? '';
      const common = {
        skill,
        family: fam.name,
        difficulty,
        passage: c.passage,
        steps: c.steps,
        generatorId,
        bShift: c.bShift,
      };
      if (c.spr !== undefined && typeof c.key !== 'string' && gridFriendly(c.key) && rng.chance(opts.sprRate)) {
        return buildSpr({ ...common, stem: c.spr, spec: { ...c.spec, fmt, unit }, value: c.key }, rng);
      }
      const correct = render(c.key, fmt, unit);
      const seen = new Set([norm(correct)]);
      const distractors: Distractor[] = [];
      for (const w of c.wrong) {
        if (typeof w.v !== 'string' && w.v.n < 0 && typeof c.key !== 'string' && c.key.n >= 0) continue;
        if (typeof w.v !== 'string' && c.intOnly && w.v.d !== 1) continue;
        const text = render(w.v, fmt, unit);
        if ((fmt === 'usd' || fmt === 'pct' || fmt === 'deg') && text.includes('/')) continue;
        if (seen.has(norm(text))) continue;
        seen.add(norm(text));
        distractors.push({ text, reason: w.why });
        if (distractors.length === 3) break;
      }
      if (distractors.length < 3) throw new DuplicateOptionError(fam.name, [correct, ...distractors.map((x) => x.text)]);
      return buildMcq({ ...common, stem: c.stem, spec: { ...c.spec, fmt, unit }, correct, distractors }, rng);
    },
    verify(item: Item): VerifyResult {
      const fam = byName.get(item.family);
      if (!fam) return { ok: false, reason: `unknown family ${item.family}` };
      let expected: Value;
      try {
        expected = fam.solve(item.spec);
      } catch (err) {
        return { ok: false, reason: `spec does not solve: ${(err as Error).message}` };
      }
      if (item.type === 'spr') {
        if (typeof expected === 'string') return { ok: false, reason: 'grid-in with a text key' };
        const forms = [item.answer, ...(item.acceptedAnswers ?? [])];
        const bad = forms.find((f) => !formDenotes(f, expected as Rational));
        if (bad !== undefined) return { ok: false, reason: `grid-in form ${bad} ≠ ${ratToString(expected)}` };
        return { ok: true };
      }
      const spec = item.spec as { fmt?: Fmt; unit?: string };
      const want = norm(render(expected, spec.fmt ?? 'num', spec.unit ?? ''));
      const options = item.options ?? [];
      const keyIdx = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
      if (keyIdx < 0 || norm(options[keyIdx] ?? '') !== want) {
        return { ok: false, reason: `keyed option "${options[keyIdx] ?? '?'}" ≠ "${want}"` };
      }
      const dup = options.findIndex((o, i) => i !== keyIdx && norm(o) === want);
      if (dup >= 0) return { ok: false, reason: `distractor ${OPTION_LETTERS[dup]} equals the key` };
      return { ok: true };
    },
  };
}

/** Small helpers shared by families. */
export const pickN = <T>(rng: Rng, items: readonly T[], k: number): T[] => rng.sample(items, k);
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
export const list = (xs: readonly (string | number)[]) => xs.join(', ');
/** "a, b, and c". */
export function series(xs: readonly string[]): string {
  return xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')}, and ${xs.at(-1)}`;
}
