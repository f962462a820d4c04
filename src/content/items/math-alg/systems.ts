import { add, div, mul, neg, rat, sub, type Rational } from '../../../lib/rational.ts';
import { holds } from './expr.ts';
import { dn, dt, fmt, intExcept, lin, makeGenerator, money, num, nums, nz, par, parsePoint, pt, terms, type Family } from './kit.ts';
import type { Rng } from '../../../lib/rng.ts';

type Sys = [number, number, number, number, number, number]; // a1 b1 c1 a2 b2 c2

const eqText = (a: number, b: number, c: number) => `${terms([[a, 'x'], [b, 'y']])} = ${c}`;
const sysText = (s: Sys) => `${eqText(s[0], s[1], s[2])}\n${eqText(s[3], s[4], s[5])}`;

/** Cramer's rule: the verifier's solver (generation builds systems around a chosen solution). */
function cramer(s: readonly number[]): [Rational, Rational] {
  const [a1, b1, c1, a2, b2, c2] = s;
  const det = a1 * b2 - a2 * b1;
  if (det === 0) throw new RangeError('singular system');
  return [rat(c1 * b2 - c2 * b1, det), rat(a1 * c2 - a2 * c1, det)];
}

/** A system with the chosen solution and a nonzero determinant. */
function drawSystem(rng: Rng, x: number, y: number, range = 7): Sys {
  for (;;) {
    const a1 = nz(rng, -range, range);
    const b1 = nz(rng, -range, range);
    const a2 = nz(rng, -range, range);
    const b2 = nz(rng, -range, range);
    if (a1 * b2 - a2 * b1 !== 0 && !(a1 === a2 && b1 === b2)) return [a1, b1, a1 * x + b1 * y, a2, b2, a2 * x + b2 * y];
  }
}

const STEM_SOLVE = [
  (sys: string, v: string) => `${sys}\nThe solution to the given system of equations is (x, y). What is the value of ${v}?`,
  (sys: string, v: string) => `${sys}\nIf (x, y) is the solution to the system of equations above, what is the value of ${v}?`,
];

const elimination: Family = {
  id: 'solve-by-elimination',
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    const x = rng.int(-6, 9);
    const y = rng.int(-6, 9);
    let s: Sys;
    if (d === 'easy') {
      // One variable cancels when the equations are added.
      const a1 = nz(rng, 1, 6);
      const a2 = nz(rng, 1, 5);
      const b = nz(rng, 1, 6);
      s = [a1, b, a1 * x + b * y, a2, -b, a2 * x - b * y];
    } else s = drawSystem(rng, x, y, d === 'medium' ? 6 : 9);
    const ask = rng.pick(['x', 'y'] as const);
    const [a1, b1, c1, a2, b2, c2] = s;
    const key = rat(ask === 'x' ? x : y);
    const other = ask === 'x' ? y : x;
    // Eliminate the other variable: multiply to match its coefficients.
    const [p, q] = ask === 'x' ? [b2, b1] : [a2, a1];
    const coef = ask === 'x' ? a1 * p - a2 * q : b1 * p - b2 * q;
    const rhs = c1 * p - c2 * q;
    return {
      stem: rng.pick(STEM_SOLVE)(sysText(s), ask),
      steps: [
        `Multiply the first equation by ${par(p)} and the second by ${par(q)}, then subtract to eliminate ${ask === 'x' ? 'y' : 'x'}: ${lin(coef, 0, ask)} = ${rhs}.`,
        `So ${ask} = ${rhs}/${par(coef)} = ${fmt(key)}.`,
        `Check in the first equation: ${a1}(${x}) + ${par(b1)}(${y}) = ${c1}, and in the second: ${a2}(${x}) + ${par(b2)}(${y}) = ${c2}.`,
      ],
      spec: { s, ask },
      key,
      distractors: [
        dn(other, `gives the value of ${ask === 'x' ? 'y' : 'x'} instead`),
        dn(neg(key), 'makes a sign error when subtracting the equations'),
        dn(rat(c1, ask === 'x' ? a1 : b1), `ignores the ${ask === 'x' ? 'y' : 'x'}-term of the first equation`),
      ],
    };
  },
  solve(s) {
    const sys = nums(s, 's');
    const [x, y] = cramer(sys);
    return s.ask === 'y' ? y : x;
  },
};

const substitution: Family = {
  id: 'solve-by-substitution',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const x = rng.int(-6, 9);
    const m = nz(rng, -5, 5);
    const k = nz(rng, -12, 12);
    const y = m * x + k;
    const a = nz(rng, -6, 6);
    const b = nz(rng, -6, 6);
    if (a + b * m === 0) throw new RangeError('parallel lines');
    const c = a * x + b * y;
    const ask = d === 'easy' ? 'x' : rng.pick(['x', 'y'] as const);
    const key = rat(ask === 'x' ? x : y);
    const withX = (xw: Rational) => (ask === 'x' ? xw : add(mul(rat(m), xw), rat(k)));
    return {
      stem: rng.pick(STEM_SOLVE)(`y = ${lin(m, k)}\n${eqText(a, b, c)}`, ask),
      steps: [
        `Substitute y = ${lin(m, k)} into the second equation: ${a === 1 ? '' : a === -1 ? '-' : a}x + ${par(b)}(${lin(m, k)}) = ${c}.`,
        `Then ${lin(a + b * m, b * k)} = ${c}, so x = ${x}.`,
        ask === 'y' ? `Then y = ${m}(${x}) + ${par(k)} = ${y}.` : `(Check: y = ${y}, and ${a}(${x}) + ${par(b)}(${y}) = ${c}.)`,
      ],
      spec: { s: [-m, 1, k, a, b, c], ask },
      key,
      distractors: [
        dn(ask === 'x' ? y : x, `gives the value of ${ask === 'x' ? 'y' : 'x'} instead`),
        dn(withX(rat(c - k, a + m)), `substitutes without multiplying the expression by ${b}, the coefficient of y`),
        dn(withX(rat(c + b * k, a + b * m)), `moves ${par(b * k)} to the right side with the wrong sign`),
      ],
    };
  },
  solve: (s) => {
    const [x, y] = cramer(nums(s, 's'));
    return s.ask === 'y' ? y : x;
  },
};

const combination: Family = {
  id: 'value-of-combination',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    // Adding (or subtracting) the equations gives a multiple of the asked combination directly.
    const x = rat(rng.int(-9, 9), d === 'hard' ? rng.pick([1, 2, 3]) : 1);
    const y = rat(rng.int(-9, 9), d === 'hard' ? rng.pick([1, 2, 3]) : 1);
    const p = rng.int(1, 4);
    const q = nz(rng, -4, 4);
    const g = rng.pick([1, 2, 3]);
    const subtract = rng.chance(0.4);
    const a1 = nz(rng, -6, 9);
    const b1 = nz(rng, -6, 9);
    const a2 = subtract ? a1 - g * p : g * p - a1;
    const b2 = subtract ? b1 - g * q : g * q - b1;
    const c1 = add(mul(rat(a1), x), mul(rat(b1), y));
    const c2 = add(mul(rat(a2), x), mul(rat(b2), y));
    if (c1.d !== 1 || c2.d !== 1 || a2 === 0 || b2 === 0 || a1 * b2 - a2 * b1 === 0) throw new RangeError('unusable system');
    const s: Sys = [a1, b1, c1.n, a2, b2, c2.n];
    const target = terms([[p, 'x'], [q, 'y']]);
    const key = add(mul(rat(p), x), mul(rat(q), y));
    return {
      stem: `${sysText(s)}\nIf (x, y) is the solution to the system of equations above, what is the value of ${target}?`,
      steps: [
        `${subtract ? 'Subtract the second equation from the first' : 'Add the two equations'}: ${terms([[g * p, 'x'], [g * q, 'y']])} = ${subtract ? c1.n - c2.n : c1.n + c2.n}.`,
        g === 1 ? `This is ${target} directly, so ${target} = ${fmt(key)}.` : `Divide by ${g}: ${target} = ${fmt(key)}.`,
      ],
      spec: { s, pq: [p, q] },
      key,
      distractors: [
        g === 1
          ? dn(subtract ? c1.n + c2.n : c1.n - c2.n, `${subtract ? 'adds' : 'subtracts'} the equations instead, which does not isolate ${target}`)
          : dn(mul(rat(g), key), `forgets to divide by ${g}`),
        dn(x, 'gives the value of x alone'),
        dn(y, 'gives the value of y alone'),
      ],
      bShift: 0.2,
    };
  },
  solve(s) {
    const [x, y] = cramer(nums(s, 's'));
    const [p, q] = nums(s, 'pq');
    return add(mul(rat(p), x), mul(rat(q), y));
  },
};

const COUNT = { one: 'Exactly one', none: 'Zero', many: 'Infinitely many', two: 'Exactly two' } as const;
type CountKey = keyof typeof COUNT;

const solutionCount: Family = {
  id: 'number-of-solutions',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const kind = rng.pick(['one', 'none', 'many'] as const);
    const a = nz(rng, -6, 6);
    const b = nz(rng, -6, 6);
    const c = nz(rng, -15, 15);
    const k = rng.pick([2, 3, -2, 4, -3]);
    let s: Sys;
    if (kind === 'one') s = [a, b, c, a * k, intExcept(rng, -9, 9, 0, b * k), c * k];
    else if (kind === 'many') s = [a, b, c, a * k, b * k, c * k];
    else s = [a, b, c, a * k, b * k, intExcept(rng, -40, 40, c * k)];
    // Hard: the second equation is written in another arrangement.
    const second = d === 'hard' ? `${terms([[s[4], 'y']])} = ${terms([[-s[3], 'x'], [s[5], '']])}` : eqText(s[3], s[4], s[5]);
    const reasons: Record<CountKey, string> = {
      one: 'assumes two different-looking equations always cross once',
      none: 'sees proportional x- and y-coefficients and stops before comparing the constants',
      many: 'sees proportional x- and y-coefficients and concludes the lines coincide without checking the constants',
      two: 'counts one solution per equation',
    };
    return {
      stem: `${eqText(s[0], s[1], s[2])}\n${second}\nHow many solutions does the given system of equations have?`,
      steps: [
        `Compare the second equation with ${k} times the first: ${k}(${eqText(a, b, c)}) gives ${eqText(a * k, b * k, c * k)}.`,
        kind === 'one'
          ? 'The y-coefficients are not in the same ratio as the x-coefficients, so the lines have different slopes and cross once: exactly one solution.'
          : kind === 'many'
            ? 'The second equation is exactly that multiple, so both describe the same line: infinitely many solutions.'
            : `The coefficients match that multiple but the constants do not (${c * k} ≠ ${s[5]}), so the lines are parallel and distinct: zero solutions.`,
      ],
      spec: { s },
      key: COUNT[kind],
      distractors: (['one', 'none', 'many', 'two'] as CountKey[]).filter((x) => x !== kind).map((x) => dt(COUNT[x], reasons[x])),
    };
  },
  solve(s) {
    const [a1, b1, c1, a2, b2, c2] = nums(s, 's');
    if (a1 * b2 - a2 * b1 !== 0) return { text: COUNT.one };
    // Parallel: consistent exactly when the constants follow the same ratio.
    return { text: a1 * c2 === a2 * c1 && b1 * c2 === b2 * c1 ? COUNT.many : COUNT.none };
  },
};

const parameter: Family = {
  id: 'constant-for-no-or-infinite-solutions',
  bands: ['hard'],
  spr: true,
  build(rng) {
    const a = nz(rng, -6, 7);
    const b = nz(rng, -6, 7);
    const c = nz(rng, -12, 12);
    const m = rng.pick([2, 3, 4, -2, rat(1, 2), rat(3, 2)].map((v) => (typeof v === 'number' ? rat(v) : v)));
    const A2 = mul(rat(a), m);
    const B2 = mul(rat(b), m);
    const C2 = mul(rat(c), m);
    if (A2.d !== 1 || B2.d !== 1 || C2.d !== 1) throw new RangeError('fractional coefficients');
    const variant = rng.pick(['none-x', 'many-c'] as const);
    if (variant === 'none-x') {
      const cc = intExcept(rng, -30, 30, C2.n);
      return {
        stem: `${eqText(a, b, c)}\nkx ${B2.n < 0 ? '-' : '+'} ${Math.abs(B2.n) === 1 ? '' : Math.abs(B2.n)}y = ${cc}\nIn the given system of equations, k is a constant. If the system has no solution, what is the value of k?`,
        steps: [
          'A system of two linear equations has no solution when the lines are parallel and distinct: the coefficients are proportional but the constants are not.',
          `The y-coefficients give the ratio ${B2.n}/${par(b)} = ${fmt(m)}, so k = ${fmt(m)}·${par(a)} = ${A2.n}.`,
          `Then ${fmt(m)}·${par(c)} = ${C2.n} ≠ ${cc}, so the lines are distinct.`,
        ],
        spec: { variant, a, b, c, B2: B2.n, cc },
        key: A2,
        distractors: [dn(rat(a), 'copies the x-coefficient of the first equation'), dn(neg(A2), 'makes a sign error in the ratio'), dn(div(rat(a), m), 'applies the ratio upside down')],
      };
    }
    return {
      stem: `${eqText(a, b, c)}\n${eqText(A2.n, B2.n, 0).replace(/= 0$/, '= k')}\nIn the given system of equations, k is a constant. If the system has infinitely many solutions, what is the value of k?`,
      steps: [
        'Infinitely many solutions means both equations describe the same line: the second is a multiple of the first.',
        `The x-coefficients give the multiple ${A2.n}/${par(a)} = ${fmt(m)}, and the y-coefficients agree (${B2.n} = ${fmt(m)}·${par(b)}).`,
        `So k = ${fmt(m)}·${par(c)} = ${C2.n}.`,
      ],
      spec: { variant, a, b, c, A2: A2.n, B2: B2.n },
      key: C2,
      distractors: [dn(rat(c), 'copies the constant of the first equation'), dn(div(rat(c), m), 'applies the multiple upside down'), dn(add(rat(c), sub(A2, rat(a))), 'adds the difference of coefficients instead of multiplying')],
    };
  },
  solve(s) {
    const [a, b, c] = [num(s, 'a'), num(s, 'b'), num(s, 'c')];
    if (s.variant === 'none-x') {
      const [B2, cc] = [num(s, 'B2'), num(s, 'cc')];
      // Determinant zero: a·B2 − k·b = 0; and inconsistent constants.
      const k = rat(a * B2, b);
      if (b * cc === B2 * c) throw new Error('coincident lines');
      return k;
    }
    const [A2, B2] = [num(s, 'A2'), num(s, 'B2')];
    if (a * B2 !== A2 * b) throw new Error('lines not parallel');
    return rat(c * A2, a);
  },
};

const WORD = [
  { setup: 'A theater sold {N} tickets for one show. Adult tickets cost ${A} each and student tickets cost ${B} each, and ticket sales totaled ${V}.', u: 'adult tickets', v: 'student tickets' },
  { setup: 'A jar holds {N} coins, all of them quarters and dimes, worth ${V} in total.', u: 'quarters', v: 'dimes', coins: true },
  { setup: 'A farm stand sold {N} baskets of fruit, some of peaches at ${A} a basket and the rest of plums at ${B} a basket, for a total of ${V}.', u: 'baskets of peaches', v: 'baskets of plums' },
  { setup: 'A quiz has {N} questions. Each multiple-choice question is worth {A} points and each open-response question is worth {B} points, for {V} points in all.', u: 'multiple-choice questions', v: 'open-response questions' },
  { setup: 'A club ordered {N} shirts, some small at ${A} each and the rest large at ${B} each. The order cost ${V}.', u: 'small shirts', v: 'large shirts' },
] as const;

const wordProblem: Family = {
  id: 'word-problem',
  weight: 0.7,
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    const wi = rng.int(0, WORD.length - 1);
    const w = WORD[wi];
    const coins = 'coins' in w;
    const [A, B] = coins ? [25, 10] : rng.sample([2, 3, 4, 5, 6, 8, 9, 12, 15], 2);
    const u = rng.int(3, d === 'easy' ? 20 : 60);
    const v = rng.int(3, d === 'easy' ? 20 : 60);
    const N = u + v;
    const V = A * u + B * v;
    const ask = d === 'hard' ? 'v' : 'u';
    const fill = (t: string) => t.replace('{N}', String(N)).replace('{A}', money(A)).replace('{B}', money(B)).replace('{V}', coins ? (V / 100).toFixed(2) : money(V));
    const key = rat(ask === 'u' ? u : v);
    return {
      stem: `${fill(w.setup)} How many ${ask === 'u' ? w.u : w.v} were there?`,
      steps: [
        `Let u be the number of ${w.u} and v the number of ${w.v}: u + v = ${N} and ${A}u + ${B}v = ${V}${coins ? ' (in cents)' : ''}.`,
        `Substitute v = ${N} - u: ${A}u + ${B}(${N} - u) = ${V}, so ${lin(A - B, 0, 'u')} = ${V - B * N}${A - B === 1 ? '' : ` and u = ${u}`}.`,
        ask === 'v' ? `Then v = ${N} - ${u} = ${v}.` : `(Check: ${A}(${u}) + ${B}(${v}) = ${V}.)`,
      ],
      spec: { wi, A, B, N, V, ask },
      key,
      distractors: [
        dn(ask === 'u' ? v : u, `gives the number of ${ask === 'u' ? w.v : w.u} instead`),
        dn(rat(V, A + B), 'divides the total value by the sum of the two prices'),
        dn(ask === 'u' ? rat(V - B * N, A - 1) : sub(rat(N), rat(V - B * N, A - 1)), `forgets to distribute ${B} over (${N} - u)`),
      ],
      ...(d === 'hard' ? { bShift: 0.2 } : {}),
    };
  },
  solve(s) {
    const [A, B, N, V] = [num(s, 'A'), num(s, 'B'), num(s, 'N'), num(s, 'V')];
    // Search every split of N items for the one that gives the stated total.
    const found: number[] = [];
    for (let u = 0; u <= N; u++) if (A * u + B * (N - u) === V) found.push(u);
    if (found.length !== 1) throw new Error(`${found.length} splits fit`);
    return rat(s.ask === 'u' ? found[0] : N - found[0]);
  },
};

const pointCheck: Family = {
  id: 'solution-point',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng, d) {
    const x = rng.int(-5, 8);
    const y = intExcept(rng, -5, 8, x);
    const s = drawSystem(rng, x, y, d === 'easy' ? 5 : 8);
    const [a1, b1, c1, a2, b2, c2] = s;
    // A point on the first line only, and one on the second line only.
    const on1 = pt(x + b1, y - a1);
    const on2 = pt(x - b2, y + a2);
    return {
      stem: `${sysText(s)}\nWhich ordered pair (x, y) is a solution to the given system of equations?`,
      steps: [
        `A solution must satisfy both equations. Test ${pt(x, y)}.`,
        `First: ${a1}(${x}) + ${par(b1)}(${y}) = ${c1}. Second: ${a2}(${x}) + ${par(b2)}(${y}) = ${c2}. Both hold.`,
      ],
      spec: { s },
      key: pt(x, y),
      distractors: [
        dt(on1, 'checks only the first equation'),
        dt(on2, 'checks only the second equation'),
        dt(pt(y, x), 'swaps the coordinates of the solution'),
      ],
    };
  },
  solve(s) {
    const [a1, b1, c1, a2, b2, c2] = nums(s, 's');
    return {
      test(o) {
        const p = parsePoint(o);
        if (!p) return false;
        const env = { x: p[0], y: p[1] };
        return holds(eqText(a1, b1, c1), env) === true && holds(eqText(a2, b2, c2), env) === true;
      },
    };
  },
};

export const systems = makeGenerator('math.alg.systems', [
  elimination, substitution, combination, solutionCount, parameter, wordProblem, pointCheck,
]);
