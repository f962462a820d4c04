/** Equations whose solving step can create or hide solutions: radical and rational equations. */
import { add, div, mul, rat, sub, type Rational } from '../../../../lib/rational.ts';
import { holds } from '../../math-alg/expr.ts';
import { dn, fmt, intExcept, num, nz, poly, shift, str, type Family } from '../../math-alg/kit.ts';

const quad = (a: number, b: number, c: number) => poly([[a, 2], [b, 1], [c, 0]]);

export const radical: Family = {
  id: 'radical-equation',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    // √(x + a) = x − b with solution r = b + t (t ≥ 2) and extraneous root s = b + 1 − t.
    const b = rng.int(-3, 6);
    const t = rng.int(2, d === 'medium' ? 4 : 7);
    const r = b + t;
    const a = t * t - r;
    const s = b + 1 - t;
    const eq = `√(${shift('x', a)}) = ${shift('x', -b)}`;
    return {
      stem: d === 'medium'
        ? `${eq}\nWhat is the solution to the given equation?`
        : `${eq}\nWhat value of x satisfies the given equation?`,
      steps: [
        `Square both sides: ${shift('x', a)} = ${b === 0 ? 'x²' : `(${shift('x', -b)})² = ${quad(1, -2 * b, b * b)}`}.`,
        `So ${quad(1, -2 * b - 1, b * b - a)} = 0, which gives x = ${r} or x = ${s}.`,
        `Check: x = ${s} makes the right side ${s - b}, which is negative, while a square root is never negative, so ${s} is extraneous. x = ${r} works: √${r + a} = ${t}.`,
      ],
      spec: { a, b },
      key: rat(r),
      distractors: [dn(s, 'keeps the extraneous solution created by squaring'), dn(b, 'sets the right side equal to zero'), dn(r + s, 'adds the two solutions of the squared equation')],
      bShift: d === 'hard' ? 0.2 : 0,
    };
  },
  solve(s) {
    const [a, b] = [num(s, 'a'), num(s, 'b')];
    // Substitute whole numbers: x + a must be the square of x − b, with x − b ≥ 0.
    const found: number[] = [];
    for (let x = Math.max(-a, b); x <= 100; x++) if ((x - b) * (x - b) === x + a) found.push(x);
    if (found.length !== 1) throw new Error(`${found.length} solutions`);
    return rat(found[0]);
  },
};

export const rationalEq: Family = {
  id: 'rational-equation',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    // a/(x + p) = b/(x + q)  ⇒  a(x + q) = b(x + p)  ⇒  x = (bp − aq)/(a − b)
    const a = rng.int(1, 9);
    const b = intExcept(rng, 1, 9, a);
    const p = nz(rng, -8, 8);
    const q = intExcept(rng, -8, 8, p);
    const x = rat(b * p - a * q, a - b);
    if (d === 'medium' && x.d !== 1) throw new RangeError('medium wants an integer');
    const eq = `${a}/(${shift('x', p)}) = ${b}/(${shift('x', q)})`;
    return {
      stem: `${eq}\nWhat is the solution to the given equation?`,
      steps: [
        `Cross-multiply: ${a}(${shift('x', q)}) = ${b}(${shift('x', p)}), so ${poly([[a, 1], [a * q, 0]])} = ${poly([[b, 1], [b * p, 0]])}.`,
        `Then ${poly([[a - b, 1]])} = ${b * p - a * q}, so x = ${fmt(x)}. (It does not make a denominator zero.)`,
      ],
      spec: { eq, a, b, p, q },
      key: x,
      distractors: [
        dn(rat(a * p - b * q, b - a), 'cross-multiplies each numerator by its own denominator'),
        dn(rat(p - q, a - b), 'drops the numerators\' factors on the constants'),
        dn(rat(a * q - b * p, a - b), 'moves the constants with the wrong sign'),
      ],
      ...(d === 'hard' ? { bShift: 0.2 } : {}),
    };
  },
  solve(s) {
    const eq = str(s, 'eq');
    const [a, b, p, q] = ['a', 'b', 'p', 'q'].map((k) => num(s, k));
    // Clear denominators: a(x + q) − b(x + p) is linear; find its root from two values.
    const g = (x: Rational) => sub(mul(rat(a), add(x, rat(q))), mul(rat(b), add(x, rat(p))));
    const g0 = g(rat(0));
    const x = div(g0, sub(g0, g(rat(1))));
    // Substitute back into the printed equation (this also rules out a zero denominator).
    if (holds(eq, { x }) !== true) throw new Error('root does not satisfy the original equation');
    return x;
  },
};
