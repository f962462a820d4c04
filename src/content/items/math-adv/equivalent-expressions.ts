import { add, div, mul, rat, sub, type Rational } from '../../../lib/rational.ts';
import type { Rng } from '../../../lib/rng.ts';
import { quadCoeffs, sameFunction } from '../math-alg/expr.ts';
import {
  dt, fmt, intExcept, makeGenerator, num, nums, nz, poly, shift, sup, type Expect, type Family, type Format,
} from '../math-alg/kit.ts';


const lin = (a: number, b: number) => poly([[a, 1], [b, 0]]);
/** "(2x - 3)", "(x + 5)". */
const f = (a: number, b: number) => `(${lin(a, b)})`;
const ax = (a: number, b: number) => (x: Rational) => add(mul(rat(a), x), rat(b));
const powR = (x: Rational, n: number) => Array.from({ length: n }).reduce<Rational>((p) => mul(p, x), rat(1));

/** For a grid-in, a polynomial item asks for one coefficient of the simplified result. */
const coefficientAsk = (rng: Rng, format: Format) => (format === 'spr' ? rng.pick([1, 0] as const) : null);

function expectPoly(s: Record<string, unknown>, ref: (x: Rational) => Rational): Expect {
  if (s.format === 'spr') {
    const c = quadCoeffs(ref);
    return s.which === 1 ? c[1] : s.which === 2 ? c[0] : c[2];
  }
  return { test: (o) => sameFunction(o, ref) };
}

const coefStem = (expr: string, which: number) =>
  `The expression ${expr} is equivalent to ax² + bx + c, where a, b, and c are constants. What is the value of ${which === 1 ? 'b' : which === 2 ? 'a' : 'c'}?`;

const expand: Family = {
  id: 'expand-product',
  weight: 0.7,
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d, format) {
    const a = d === 'easy' ? 1 : rng.int(2, 5);
    const c = d === 'easy' ? 1 : rng.int(1, 4);
    const b = nz(rng, -9, 9);
    const e = intExcept(rng, -9, 9, 0, -b);
    const expr = `${f(a, b)}${f(c, e)}`;
    const [A, B, C] = [a * c, a * e + b * c, b * e];
    const which = coefficientAsk(rng, format);
    const key = poly([[A, 2], [B, 1], [C, 0]]);
    return {
      stem: which === null ? `Which expression is equivalent to ${expr}?` : coefStem(expr, which),
      steps: [
        `Multiply each term of the first factor by each term of the second: ${poly([[A, 2], [a * e, 1]])} ${b * c < 0 ? '-' : '+'} ${poly([[Math.abs(b * c), 1]])} ${C < 0 ? '-' : '+'} ${Math.abs(C)}.`,
        `Combine like terms: ${key}.`,
      ],
      spec: { a, b, c, e, which },
      key: which === null ? key : rat(which === 1 ? B : C),
      distractors: [
        dt(poly([[A, 2], [C, 0]]), 'multiplies only the first terms and the last terms, leaving out the middle term'),
        dt(poly([[A, 2], [a * e - b * c, 1], [C, 0]]), 'makes a sign error in one of the middle products'),
        dt(poly([[A, 2], [B, 1], [b + e, 0]]), 'adds the constant terms instead of multiplying them'),
      ],
    };
  },
  solve: (s) => expectPoly(s, (x) => mul(ax(num(s, 'a'), num(s, 'b'))(x), ax(num(s, 'c'), num(s, 'e'))(x))),
};

const factor: Family = {
  id: 'factor-quadratic',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const a = d === 'medium' ? 1 : rng.pick([2, 3, 5]);
    const p = nz(rng, -9, 9);
    const q = intExcept(rng, -9, 9, 0, p, -p);
    // (a x + p)(x + q) = a x² + (aq + p)x + pq
    const expr = poly([[a, 2], [a * q + p, 1], [p * q, 0]]);
    if (a * q + p === 0) throw new RangeError('no middle term');
    const used = new Set([p, q, -p, -q]);
    const alt = [...Array(19).keys()].map((i) => i - 9).find((r) => r !== 0 && !used.has(r) && (p * q) % r === 0 && !used.has((p * q) / r));
    return {
      stem: `Which expression is equivalent to ${expr}?`,
      steps: [
        a === 1
          ? `Find two numbers whose product is ${p * q} and whose sum is ${p + q}: ${p} and ${q}.`
          : `Find factors (${a}x + m)(x + n) with mn = ${p * q} and ${a}n + m = ${a * q + p}: m = ${p}, n = ${q}.`,
        `So ${expr} = ${f(a, p)}${f(1, q)}.`,
      ],
      spec: { a, p, q },
      key: `${f(a, p)}${f(1, q)}`,
      distractors: [
        dt(`${f(a, -p)}${f(1, -q)}`, 'uses the right numbers with the wrong signs'),
        dt(a === 1 ? `${f(1, p)}${f(1, -q)}` : `${f(a, q)}${f(1, p)}`, a === 1 ? 'gets the sign of one factor wrong' : 'places the constants in the wrong factors'),
        dt(alt === undefined ? `${f(a, -q)}${f(1, -p)}` : `${f(a, alt)}${f(1, (p * q) / alt)}`, 'chooses numbers with the right product but the wrong sum'),
      ],
      ...(d === 'hard' ? { bShift: 0.2 } : {}),
    };
  },
  solve: (s) => {
    const [a, p, q] = [num(s, 'a'), num(s, 'p'), num(s, 'q')];
    // Reference: the expanded quadratic the stem shows, evaluated directly.
    return { test: (o) => sameFunction(o, (x) => add(add(mul(rat(a), mul(x, x)), mul(rat(a * q + p), x)), rat(p * q))) };
  },
};

const squares: Family = {
  id: 'difference-of-squares',
  bands: ['easy', 'medium', 'hard'],
  spr: false,
  build(rng, d) {
    const a = d === 'easy' ? 1 : rng.int(2, 7);
    const b = rng.int(1, 9);
    if (d === 'hard') {
      // x⁴ − b⁴ factors twice.
      const bb = rng.int(1, 4);
      const c2 = bb * bb;
      const expr = `x⁴ - ${c2 * c2}`;
      return {
        stem: `Which expression is equivalent to ${expr}?`,
        steps: [`x⁴ - ${c2 * c2} = (x²)² - ${c2}² = (x² - ${c2})(x² + ${c2}).`, `x² - ${c2} is itself a difference of squares: (x - ${bb})(x + ${bb}). So ${expr} = (x² + ${c2})(x - ${bb})(x + ${bb}).`],
        spec: { kind: 4, b: bb },
        key: `(x² + ${c2})(x - ${bb})(x + ${bb})`,
        distractors: [
          dt(`(x² - ${c2})²`, 'writes the difference of squares as a perfect square'),
          dt(`(x² + ${c2})(x - ${bb})²`, `factors x² - ${c2} as a perfect square`),
          dt(`(x² + ${c2})(x² + ${c2})`, 'uses the same sign in both factors'),
        ],
        bShift: 0.2,
      };
    }
    const expr = poly([[a * a, 2], [-(b * b), 0]]);
    return {
      stem: `Which expression is equivalent to ${expr}?`,
      steps: [`${expr} = (${poly([[a, 1]])})² - ${b}², a difference of squares.`, `So ${expr} = ${f(a, -b)}${f(a, b)}.`],
      spec: { kind: 2, a, b },
      key: `${f(a, -b)}${f(a, b)}`,
      distractors: [
        dt(`${f(a, -b)}²`, 'writes the difference of squares as a perfect square'),
        dt(`${f(a * a, -b)}${f(1, b)}`, `keeps ${a * a} as the coefficient instead of taking its square root`),
        dt(`${f(a, -b * b)}${f(a, b * b)}`, `uses ${b * b} instead of its square root, ${b}`),
      ],
    };
  },
  solve(s) {
    const b = num(s, 'b');
    if (s.kind === 4) return { test: (o) => sameFunction(o, (x) => sub(powR(x, 4), rat(b ** 4))) };
    const a = num(s, 'a');
    return { test: (o) => sameFunction(o, (x) => sub(mul(rat(a * a), mul(x, x)), rat(b * b))) };
  },
};

const exponents: Family = {
  id: 'exponent-rules',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng, d) {
    const k = rng.int(2, 5);
    const m = rng.int(2, 4);
    const n = d === 'easy' ? 2 : rng.int(2, 3);
    const p = rng.int(1, 3);
    const q = d === 'easy' ? 0 : rng.int(1, m * n + p - 1);
    const num2 = `(${k}x${sup(m)})${sup(n)}·x${p === 1 ? '' : sup(p)}`;
    const expr = q === 0 ? num2 : `(${num2})/x${q === 1 ? '' : sup(q)}`;
    const e = m * n + p - q;
    const coef = k ** n;
    return {
      stem: `Which expression is equivalent to ${expr}, where x ≠ 0?`,
      steps: [
        `A power of a product raises each factor: (${k}x${sup(m)})${sup(n)} = ${k}${sup(n)}x${sup(m * n)} = ${coef}x${sup(m * n)}.`,
        `Multiplying adds exponents${q ? ' and dividing subtracts them' : ''}: ${m * n} + ${p}${q ? ` - ${q}` : ''} = ${e}, so the expression is ${coef}x${e === 1 ? '' : sup(e)}.`,
      ],
      spec: { k, m, n, p, q },
      key: `${coef}x${e === 1 ? '' : sup(e)}`,
      distractors: [
        dt(`${k}x${sup(e)}`, `raises x${sup(m)} to the power ${n} but not the coefficient ${k}`),
        dt(`${coef}x${sup(m + n + p - q)}`, 'adds the exponents in the power of a power instead of multiplying them'),
        dt(`${k * n}x${e === 1 ? '' : sup(e)}`, `multiplies ${k} by ${n} instead of raising it to the power ${n}`),
      ],
    };
  },
  solve(s) {
    const [k, m, n, p, q] = ['k', 'm', 'n', 'p', 'q'].map((x) => num(s, x));
    return { test: (o) => sameFunction(o, (x) => div(mul(powR(mul(rat(k), powR(x, m)), n), powR(x, p)), powR(x, q))) };
  },
};

const combine: Family = {
  id: 'add-subtract-polynomials',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d, format) {
    const P = [nz(rng, -9, 9), nz(rng, -9, 9), nz(rng, -12, 12)];
    const Q = [nz(rng, -9, 9), nz(rng, -9, 9), nz(rng, -12, 12)];
    const minus = d === 'medium' || rng.chance(0.5);
    const k = d === 'medium' ? rng.pick([1, 2, 3]) : 1;
    const sgn = minus ? -1 : 1;
    const R = P.map((v, i) => v + sgn * k * Q[i]);
    if (R[0] === 0) throw new RangeError('no x² term');
    const p = poly([[P[0], 2], [P[1], 1], [P[2], 0]]);
    const q = poly([[Q[0], 2], [Q[1], 1], [Q[2], 0]]);
    const expr = `(${p}) ${minus ? '-' : '+'} ${k === 1 ? '' : k}(${q})`;
    const scaled = poly([[sgn * k * Q[0], 2], [sgn * k * Q[1], 1], [sgn * k * Q[2], 0]]);
    const which = coefficientAsk(rng, format);
    const key = poly([[R[0], 2], [R[1], 1], [R[2], 0]]);
    return {
      stem: which === null ? `Which expression is equivalent to ${expr}?` : coefStem(expr, which),
      steps: [
        `${minus ? 'Distribute the subtraction' : 'Remove the parentheses'}${k === 1 ? '' : ` and multiply by ${k}`}: the second polynomial contributes ${scaled}.`,
        `Combine like terms: ${key}.`,
      ],
      spec: { P, Q, sk: sgn * k, which },
      key: which === null ? key : rat(which === 1 ? R[1] : R[2]),
      distractors: [
        dt(poly([[R[0], 2], [P[1] - sgn * k * Q[1], 1], [P[2] - sgn * k * Q[2], 0]]), minus ? 'subtracts only the first term of the second polynomial' : 'makes a sign error in the last two terms'),
        dt(poly([[P[0] - sgn * k * Q[0], 2], [P[1] - sgn * k * Q[1], 1], [P[2] - sgn * k * Q[2], 0]]), minus ? 'adds the polynomials instead of subtracting' : 'subtracts the polynomials instead of adding'),
        k === 1
          ? dt(poly([[R[0], 2], [P[1], 1], [R[2], 0]]), 'drops the x-term of the second polynomial')
          : dt(poly([[P[0] + sgn * Q[0], 2], [P[1] + sgn * Q[1], 1], [P[2] + sgn * Q[2], 0]]), `forgets to multiply the second polynomial by ${k}`),
      ],
    };
  },
  solve(s) {
    const [P, Q, sk] = [nums(s, 'P'), nums(s, 'Q'), num(s, 'sk')];
    const ev = (c: number[], x: Rational) => add(add(mul(rat(c[0]), mul(x, x)), mul(rat(c[1]), x)), rat(c[2]));
    return expectPoly(s, (x) => add(ev(P, x), mul(rat(sk), ev(Q, x))));
  },
};

const rational: Family = {
  id: 'combine-rational-expressions',
  bands: ['hard'],
  spr: false,
  build(rng) {
    const a = nz(rng, -6, 7);
    const b = nz(rng, -6, 7);
    const p = nz(rng, -7, 7);
    const q = intExcept(rng, -7, 7, 0, p);
    if (a + b === 0) throw new RangeError('degenerate numerator');
    const den = `(${shift('x', p)})(${shift('x', q)})`;
    const numr = lin(a + b, a * q + b * p);
    const expr = `${a}/(${shift('x', p)}) ${b < 0 ? '-' : '+'} ${Math.abs(b)}/(${shift('x', q)})`;
    return {
      stem: `Which expression is equivalent to ${expr}, for x > ${Math.max(-p, -q)}?`,
      steps: [
        `Use the common denominator ${den}: ${a}(${shift('x', q)}) ${b < 0 ? '-' : '+'} ${Math.abs(b)}(${shift('x', p)}) over ${den}.`,
        `The numerator is ${lin(a, a * q)} ${b < 0 ? '-' : '+'} (${lin(Math.abs(b), Math.abs(b) * p)}) = ${numr}. So the expression is (${numr})/(${den}).`,
      ],
      spec: { a, b, p, q },
      key: `(${numr})/(${den})`,
      distractors: [
        dt(`${a + b}/(${lin(2, p + q)})`, 'adds the numerators and adds the denominators'),
        dt(`${a + b}/(${den})`, 'adds the numerators over the common denominator without multiplying them by the missing factors'),
        dt(`(${lin(a + b, a * p + b * q)})/(${den})`, 'multiplies each numerator by its own denominator\'s factor instead of the other one'),
      ],
      bShift: 0.3,
    };
  },
  solve(s) {
    const [a, b, p, q] = ['a', 'b', 'p', 'q'].map((k) => num(s, k));
    return { test: (o) => sameFunction(o, (x) => add(div(rat(a), add(x, rat(p))), div(rat(b), add(x, rat(q))))) };
  },
};

const coefficientMatch: Family = {
  id: 'match-coefficients',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const a = rng.int(2, 5);
    const b = nz(rng, -9, 9);
    const c = d === 'medium' ? 1 : rng.int(2, 4);
    const e = nz(rng, -9, 9);
    const [A, B, C] = [a * c, a * e + b * c, b * e];
    if (B === 0) throw new RangeError('no middle term');
    // Hide one of the factor constants: the student finds it from the constant term, then uses it.
    const hidden = d === 'hard';
    const tail = `${C < 0 ? '-' : '+'} ${Math.abs(C)}`;
    const stem = hidden
      ? `(${lin(a, b)})(${c === 1 ? '' : c}x + k) = ${poly([[A, 2]])} + px ${tail}\nIn the given equation, k and p are constants, and the equation is true for all values of x. What is the value of p?`
      : `(${lin(a, b)})(${lin(c, e)}) = ${poly([[A, 2]])} + kx ${tail}\nIn the given equation, k is a constant, and the equation is true for all values of x. What is the value of k?`;
    return {
      stem,
      steps: hidden
        ? [`The constant terms must match: ${b}·k = ${C}, so k = ${e}.`, `The x-terms: ${a}(${e}) + ${b}(${c}) = ${B}, so p = ${B}.`]
        : [`Expand: ${poly([[A, 2], [a * e, 1]])} ${b * c < 0 ? '-' : '+'} ${poly([[Math.abs(b * c), 1]])} ${C < 0 ? '-' : '+'} ${Math.abs(C)} = ${poly([[A, 2], [B, 1], [C, 0]])}.`, `Matching the x-coefficients, k = ${B}.`],
      spec: { a, b, c, e: hidden ? null : e, C, hidden },
      key: rat(B),
      distractors: [
        dt(String(a * e - b * c), 'makes a sign error in one of the middle products'),
        dt(String(a * e), 'keeps only one of the two middle products'),
        dt(String(hidden ? e : b + e), hidden ? 'gives the value of k instead of p' : 'adds the constants of the factors'),
      ],
      bShift: hidden ? 0.3 : 0,
    };
  },
  solve(s) {
    const [a, b, c, C] = [num(s, 'a'), num(s, 'b'), num(s, 'c'), num(s, 'C')];
    // The constant term fixes e when it is hidden; then read the x-coefficient from values at ±1.
    const e = s.hidden === true ? C / b : num(s, 'e');
    if (!Number.isInteger(e)) throw new Error('constant does not factor');
    return quadCoeffs((x) => mul(add(mul(rat(a), x), rat(b)), add(mul(rat(c), x), rat(e))))[1];
  },
};

const division: Family = {
  id: 'polynomial-division',
  bands: ['hard'],
  spr: false,
  build(rng) {
    const p = nz(rng, -6, 6);
    const q = nz(rng, -8, 8);
    const r = nz(rng, -9, 9);
    if (p * q + r === 0) throw new RangeError('no constant term');
    // (x + p)(x + q) + r = x² + (p + q)x + (pq + r)
    const numr = poly([[1, 2], [p + q, 1], [p * q + r, 0]]);
    const quotient = lin(1, q);
    const rem = (v: number) => `${v < 0 ? '-' : '+'} ${Math.abs(v)}/(${shift('x', p)})`;
    return {
      stem: `Which expression is equivalent to (${numr})/(${shift('x', p)}), for x ≠ ${-p}?`,
      steps: [
        `Divide: x times (${shift('x', p)}) is ${poly([[1, 2], [p, 1]])}; subtracting leaves ${lin(q, p * q + r)}.`,
        `${q} times (${shift('x', p)}) is ${lin(q, p * q)}; subtracting leaves the remainder ${r}.`,
        `So the expression equals ${quotient} ${rem(r)}.`,
      ],
      spec: { p, q, r },
      key: `${quotient} ${rem(r)}`,
      distractors: [
        dt(`${quotient} ${rem(-r)}`, 'subtracts the wrong way and flips the sign of the remainder'),
        dt(`${lin(1, p + q)} ${rem(r)}`, 'adds the divisor\'s constant to the quotient instead of subtracting its product'),
        dt(`${quotient} ${rem(p * q + r)}`, 'uses the original constant term as the remainder'),
      ],
      bShift: 0.3,
    };
  },
  solve(s) {
    const [p, q, r] = ['p', 'q', 'r'].map((k) => num(s, k));
    return { test: (o) => sameFunction(o, (x) => div(add(add(mul(x, x), mul(rat(p + q), x)), rat(p * q + r)), add(x, rat(p)))) };
  },
};

const RADICAL_INDEX = [2, 3, 4, 5] as const;

const radicals: Family = {
  id: 'radicals-rational-exponents',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const n = rng.pick(RADICAL_INDEX);
    const m = intExcept(rng, 1, 9, n, 2 * n);
    const root = n === 2 ? '√' : `${sup(n).replace(/./g, (c) => c)}√`;
    const expr = d === 'medium' ? `${root}(x${m === 1 ? '' : sup(m)})` : `(${root}x)${sup(m)}·x`;
    const e = d === 'medium' ? rat(m, n) : add(rat(m, n), rat(1));
    const show = (r: Rational) => (r.d === 1 ? `x${sup(r.n)}` : `x^(${fmt(r)})`);
    return {
      stem: `Which expression is equivalent to ${expr}, where x > 0?`,
      steps: [
        `The ${n === 2 ? 'square' : `${n}th`} root is the power 1/${n}, so ${d === 'medium' ? `${expr} = x^(${m}/${n})` : `(x^(1/${n}))${sup(m)} = x^(${m}/${n})`}.`,
        d === 'medium' ? `Simplified, the exponent is ${fmt(e)}: ${show(e)}.` : `Multiplying by x adds 1 to the exponent: ${m}/${n} + 1 = ${fmt(e)}, so the expression is ${show(e)}.`,
      ],
      spec: { n, m, plusOne: d !== 'medium' },
      key: show(e),
      distractors: [
        dt(show(d === 'medium' ? rat(n, m) : add(rat(n, m), rat(1))), 'puts the index of the root in the numerator of the exponent'),
        dt(show(d === 'medium' ? rat(m * n) : rat(m * n + 1)), 'multiplies by the index instead of dividing'),
        dt(show(d === 'medium' ? rat(m - n === 0 ? m + 1 : Math.abs(m - n)) : rat(m, n + 1)), d === 'medium' ? 'subtracts the index from the power' : 'adds 1 to the denominator instead of to the exponent'),
      ],
    };
  },
  solve(s) {
    // Re-derive the exponent: the root index divides, the extra factor of x adds 1.
    const n = num(s, 'n');
    const m = num(s, 'm');
    const e = s.plusOne === true ? rat(m + n, n) : rat(m, n);
    const sup2 = (k: number) => String(k).split('').map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]).join('');
    return { text: e.d === 1 ? `x${sup2(e.n)}` : `x^(${e.n}/${e.d})` };
  },
};

export const equivalentExpressions = makeGenerator('math.adv.equivalent-expressions', [
  expand, factor, squares, exponents, combine, rational, coefficientMatch, division, radicals,
]);
