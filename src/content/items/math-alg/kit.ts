/**
 * The shared frame of the Algebra and Advanced Math generators: a skill is a list of
 * families; each family builds a draft (stem, steps, spec, key, modelled distractors) and
 * independently solves its own spec into an expectation that the verifier checks the
 * printed key against. Formatting helpers keep the printed math consistent.
 */
import type { Difficulty, Item, SkillGenerator, VerifyResult } from '../../item.ts';
import { OPTION_LETTERS } from '../../item.ts';
import { ratToString, rat, parseRational, type Rational } from '../../../lib/rational.ts';
import type { Rng } from '../../../lib/rng.ts';
import type { SkillId } from '../../taxonomy.ts';
import { buildMcq, buildSpr, DuplicateOptionError, type Distractor } from '../build.ts';

export type Format = 'mcq' | 'spr';

export interface Draft {
  stem: string;
  passage?: string;
  steps: string[];
  spec: Record<string, unknown>;
  /** A number (printed with `fmt` in MCQ, gridded in SPR) or an option text (MCQ only). */
  key: Rational | string;
  /** Exactly three modelled mistakes (ignored for grid-ins). */
  distractors: Distractor[];
  bShift?: number;
}

/**
 * What the verifier re-derived: the exact value, the exact option text, or a predicate on
 * an option's text (for options checked by substitution or evaluation).
 */
export type Expect = Rational | { text: string } | { test: (option: string) => boolean };

export interface Family {
  readonly id: string;
  readonly bands: readonly Difficulty[];
  /** True when the family's key is a number a student could grid. */
  readonly spr: boolean;
  /** Relative chance of being drawn among the families of a band (default 1). */
  readonly weight?: number;
  build(rng: Rng, difficulty: Difficulty, format: Format): Draft;
  /** Re-derives the answer from `spec` alone, by a different route than `build`. */
  solve(spec: Record<string, unknown>): Expect;
}

/** Share of items built as grid-ins when the chosen difficulty has a family that allows it. */
const SPR_SHARE = 0.27;

const isRational = (e: unknown): e is Rational =>
  typeof e === 'object' && e !== null && 'n' in e && 'd' in e && typeof (e as Rational).n === 'number';

const norm = (s: string) => s.replace(/[−–]/g, '-').replace(/\s+/g, '').toLowerCase();

function matcher(e: Expect): (option: string) => boolean {
  if (isRational(e)) {
    return (o) => {
      const v = parseRational(o.replace(/[−–]/g, '-').replace(/,/g, ''));
      return v !== null && v.n === e.n && v.d === e.d;
    };
  }
  if ('text' in e) return (o) => norm(o) === norm(e.text);
  return e.test;
}

export function makeGenerator(skill: SkillId, families: readonly Family[]): SkillGenerator {
  const byId = new Map(families.map((f) => [f.id, f]));
  const generatorId = `${skill}@1`;
  function assemble(fam: Family, d: Draft, format: Format, difficulty: Difficulty, rng: Rng): Item {
    const common = {
      skill,
      family: fam.id,
      difficulty,
      stem: d.stem,
      ...(d.passage !== undefined ? { passage: d.passage } : {}),
      steps: d.steps,
      spec: { ...d.spec, format },
      generatorId,
      ...(d.bShift !== undefined ? { bShift: d.bShift } : {}),
    };
    if (format === 'spr') {
      if (!isRational(d.key)) throw new Error(`${fam.id}: a grid-in needs a numeric key`);
      const item = buildSpr({ ...common, value: d.key }, rng);
      // Repeating decimals of size ≥ 10 only fit the grid to 2 places (e.g. -10.66 for -32/3);
      // the bank keeps grid-ins whose every accepted form is within 0.001 of the key.
      const key = d.key;
      if ((item.acceptedAnswers ?? []).some((f) => {
        const v = parseRational(f);
        return !v || Math.abs(v.n / v.d - key.n / key.d) >= 1e-3;
      })) throw new RangeError('grid-in decimal too coarse');
      return item;
    }
    const correct = isRational(d.key) ? fmt(d.key) : d.key;
    return buildMcq({ ...common, correct, distractors: d.distractors }, rng);
  }
  const gen: SkillGenerator = {
    skill,
    families: families.map((f) => f.id),
    generate(rng, difficulty) {
      const inBand = families.filter((f) => f.bands.includes(difficulty));
      const sprPool = inBand.filter((f) => f.spr);
      // The format is drawn once and kept through redraws, so degenerate MCQ drafts
      // (which are retried more often than grid-ins) do not tilt the grid-in share.
      const format: Format = sprPool.length > 0 && rng.chance(SPR_SHARE) ? 'spr' : 'mcq';
      let lastError: unknown;
      for (let attempt = 0; attempt < 40; attempt++) {
        const fam = weightedPick(rng, format === 'spr' ? sprPool : inBand);
        try {
          const item = assemble(fam, fam.build(rng, difficulty, format), format, difficulty, rng);
          const v = gen.verify(item);
          if (v.ok) return item;
          // A distractor that happens to equal the key is a degenerate draw; any other
          // failure means the family's builder and solver disagree, which is a bug.
          if (!v.reason?.startsWith('distractor')) throw new Error(`${fam.id}: built key fails verification: ${v.reason}`);
          lastError = new RangeError(v.reason);
        } catch (err) {
          if (!(err instanceof RangeError || err instanceof DuplicateOptionError)) throw err;
          lastError = err;
        }
      }
      throw lastError;
    },
    verify(item: Item): VerifyResult {
      const fam = byId.get(item.family);
      if (item.skill !== skill || !fam) return { ok: false, reason: `not a ${skill} family: ${item.family}` };
      let expect: Expect;
      try {
        expect = fam.solve(item.spec);
      } catch (err) {
        return { ok: false, reason: `spec cannot be solved: ${(err as Error).message}` };
      }
      if (item.type === 'spr') {
        if (!isRational(expect)) return { ok: false, reason: 'grid-in without a numeric answer' };
        const key = parseRational(item.answer);
        if (!key || key.n !== expect.n || key.d !== expect.d) {
          return { ok: false, reason: `key ${item.answer} ≠ ${ratToString(expect)}` };
        }
        for (const f of item.acceptedAnswers ?? []) {
          const v = parseRational(f);
          if (!v || Math.abs(v.n / v.d - expect.n / expect.d) >= 1e-3) {
            return { ok: false, reason: `accepted form ${f} ≠ ${ratToString(expect)}` };
          }
        }
        return { ok: true };
      }
      const options = item.options ?? [];
      const keyIdx = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
      if (keyIdx < 0 || options.length !== 4) return { ok: false, reason: 'malformed MCQ' };
      const isRight = matcher(expect);
      if (!isRight(options[keyIdx])) return { ok: false, reason: `keyed option "${options[keyIdx]}" is not the answer` };
      for (let i = 0; i < 4; i++) {
        if (i !== keyIdx && isRight(options[i])) return { ok: false, reason: `distractor "${options[i]}" is also right` };
      }
      return { ok: true };
    },
  };
  return gen;
}

// ---------- drawing ----------

function weightedPick(rng: Rng, fams: readonly Family[]): Family {
  const total = fams.reduce((t, f) => t + (f.weight ?? 1), 0);
  let u = rng.next() * total;
  for (const f of fams) {
    u -= f.weight ?? 1;
    if (u < 0) return f;
  }
  return fams[fams.length - 1];
}

/** A nonzero integer in [lo, hi]. */
export function nz(rng: Rng, lo: number, hi: number): number {
  for (;;) {
    const v = rng.int(lo, hi);
    if (v !== 0) return v;
  }
}

/** An integer in [lo, hi] other than those listed. */
export function intExcept(rng: Rng, lo: number, hi: number, ...not: number[]): number {
  for (;;) {
    const v = rng.int(lo, hi);
    if (!not.includes(v)) return v;
  }
}

export const pickBand = <T>(d: Difficulty, easy: T, medium: T, hard: T): T =>
  d === 'easy' ? easy : d === 'medium' ? medium : hard;

// ---------- formatting ----------

/** "7", "-3/4". */
export const fmt = (r: Rational) => ratToString(r);

/** "7", "-3/4", "(3/4)" when the fraction sits next to a variable or another factor. */
export const fmtFactor = (r: Rational) => (r.d === 1 ? ratToString(r) : `(${ratToString(r)})`);

/** A number as an operand after a sign or as a factor: "5", "(-5)", "(3/4)". */
export const par = (r: Rational | number) => {
  const x = typeof r === 'number' ? rat(r) : r;
  return x.n < 0 || x.d !== 1 ? `(${fmt(x)})` : fmt(x);
};

/** Thousands separators for money and counts: 2400 → "2,400". */
export const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
export const sup = (n: number) => String(n).split('').map((c) => SUP[c]).join('');

/**
 * A polynomial from [coefficient, power] terms, highest power first as given:
 * poly([[3,2],[-5,1],[2,0]]) → "3x² - 5x + 2". Zero terms are dropped; 1 and -1
 * coefficients are implicit. Rational coefficients print as "(1/2)x".
 */
export function poly(terms: ReadonlyArray<readonly [number | Rational, number]>, v = 'x'): string {
  let out = '';
  for (const [c0, p] of terms) {
    const c = typeof c0 === 'number' ? rat(c0) : c0;
    if (c.n === 0) continue;
    const abs = rat(Math.abs(c.n), c.d);
    const body = p === 0 ? fmt(abs) : `${abs.n === 1 && abs.d === 1 ? '' : fmtFactor(abs)}${v}${p === 1 ? '' : sup(p)}`;
    if (out === '') out = c.n < 0 ? `-${body}` : body;
    else out += c.n < 0 ? ` - ${body}` : ` + ${body}`;
  }
  return out === '' ? '0' : out;
}

/** a·v + b as text: lin(3, -5) → "3x - 5". */
export const lin = (a: number | Rational, b: number | Rational, v = 'x') => poly([[a, 1], [b, 0]], v);

/** Terms in several variables: terms([[3,'x'],[-2,'y']]) → "3x - 2y". */
export function terms(ts: ReadonlyArray<readonly [number | Rational, string]>): string {
  let out = '';
  for (const [c0, v] of ts) {
    const c = typeof c0 === 'number' ? rat(c0) : c0;
    if (c.n === 0) continue;
    const abs = rat(Math.abs(c.n), c.d);
    const body = v === '' ? fmt(abs) : `${abs.n === 1 && abs.d === 1 ? '' : fmtFactor(abs)}${v}`;
    if (out === '') out = c.n < 0 ? `-${body}` : body;
    else out += c.n < 0 ? ` - ${body}` : ` + ${body}`;
  }
  return out === '' ? '0' : out;
}

/** "x + 3" or "x - 3" for a shift by +3/-3 (written inside parentheses by the caller). */
export const shift = (v: string, k: number) => (k === 0 ? v : k > 0 ? `${v} + ${k}` : `${v} - ${-k}`);

/** "(2, -3)". */
export const pt = (x: Rational | number, y: Rational | number) =>
  `(${typeof x === 'number' ? x : fmt(x)}, ${typeof y === 'number' ? y : fmt(y)})`;

/** Parses "(a, b)" into two rationals, or null. */
export function parsePoint(s: string): [Rational, Rational] | null {
  const m = /^\(\s*([^,]+),\s*([^)]+)\)$/.exec(s.trim().replace(/[−–]/g, '-'));
  if (!m) return null;
  const x = parseRational(m[1]);
  const y = parseRational(m[2]);
  return x && y ? [x, y] : null;
}

/** A distractor from a number. */
export const dn = (r: Rational | number, reason: string): Distractor => ({
  text: typeof r === 'number' ? String(r) : fmt(r),
  reason,
});

/** A distractor from text. */
export const dt = (text: string, reason: string): Distractor => ({ text, reason });

/** Reads a number field of a spec (throws on absence, so a corrupted spec never verifies). */
export function num(spec: Record<string, unknown>, key: string): number {
  const v = spec[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`spec.${key} missing`);
  return v;
}

export function str(spec: Record<string, unknown>, key: string): string {
  const v = spec[key];
  if (typeof v !== 'string') throw new Error(`spec.${key} missing`);
  return v;
}

export function nums(spec: Record<string, unknown>, key: string): number[] {
  const v = spec[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw new Error(`spec.${key} missing`);
  return v as number[];
}

export type { Distractor };
