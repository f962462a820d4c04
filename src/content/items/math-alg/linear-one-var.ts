import { add, div, mul, rat, sub, type Rational } from '../../../lib/rational.ts';
import { evaluate } from './expr.ts';
import { literal, wordSetup } from './linear-one-var/word.ts';
import {
  dn, dt, fmt, fmtFactor, intExcept, lin, makeGenerator, num, nz, par, pickBand, shift, str,
  type Family,
} from './kit.ts';

const VARS = ['x', 'n', 't', 'w', 'p', 'z', 'r', 'm'] as const;

/** The SAT's three ways of asking for the solution of a displayed equation. */
function solveStem(eq: string, v: string, k: number): string {
  return [
    `${eq}\nWhat value of ${v} is the solution to the given equation?`,
    `If ${eq}, what is the value of ${v}?`,
    `What is the solution to the equation ${eq}?`,
  ][k % 3];
}

const twoStep: Family = {
  id: 'two-step',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const v = rng.pick(VARS);
    const q = d === 'easy' ? 1 : rng.pick([2, 3, 4, 5]);
    const p = d === 'easy' ? rng.int(2, 9) : intExcept(rng, 1, 7, q, 2 * q, 3 * q);
    const a = rat(p, q);
    const x = d === 'easy' ? rng.int(-6, 14) : q * rng.int(-4, 8) || q;
    const b = nz(rng, -20, 20);
    const c = add(mul(a, rat(x)), rat(b));
    const eq = `${lin(a, b, v)} = ${fmt(c)}`;
    const bb = rat(b);
    return {
      stem: solveStem(eq, v, rng.int(0, 2)),
      steps: [
        `${b > 0 ? 'Subtract' : 'Add'} ${Math.abs(b)} ${b > 0 ? 'from' : 'to'} both sides: ${lin(a, 0, v)} = ${fmt(sub(c, bb))}.`,
        `${a.d === 1 ? `Divide both sides by ${fmt(a)}` : `Multiply both sides by ${fmt(rat(a.d, a.n))}`}: ${v} = ${x}.`,
      ],
      spec: { a: [a.n, a.d], b, c: [c.n, c.d], v },
      key: rat(x),
      distractors: [
        dn(div(add(c, bb), a), `moves ${b} to the other side without changing its sign`),
        dn(sub(div(c, a), bb), `divides only the ${v}-term by ${fmt(a)}, then subtracts ${b}`),
        dn(sub(c, bb), `stops after isolating ${lin(a, 0, v)}, forgetting to divide by the coefficient`),
      ],
    };
  },
  solve(s) {
    const [an, ad] = s.a as number[];
    const [cn, cd] = s.c as number[];
    return div(sub(rat(cn, cd), rat(num(s, 'b'))), rat(an, ad));
  },
};

const bothSides: Family = {
  id: 'variables-both-sides',
  weight: 0.7,
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    const v = rng.pick(VARS);
    // Hard: a fractional solution (denominator q dividing a − c), so guessing integers does not help.
    const q = d === 'hard' ? rng.pick([2, 3, 4]) : 1;
    const c = nz(rng, -9, 12);
    const a = c + (q > 1 ? q * nz(rng, -3, 3) : nz(rng, -8, 8));
    if (a === 0 || a === -c) throw new RangeError('degenerate coefficients');
    const b = nz(rng, -25, 25);
    const x = q > 1 ? rat(q * rng.int(-3, 3) + rng.int(1, q - 1), q) : rat(rng.int(-8, 10));
    const dd = add(mul(rat(a - c), x), rat(b));
    if (dd.d !== 1) throw new RangeError('non-integer constant');
    const eq = `${lin(a, b, v)} = ${lin(c, dd, v)}`;
    return {
      stem: solveStem(eq, v, rng.int(0, 2)),
      steps: [
        `Collect the ${v}-terms on one side: ${lin(a - c, b, v)} = ${fmt(dd)}.`,
        `So ${lin(a - c, 0, v)} = ${fmt(sub(dd, rat(b)))}, and ${v} = ${fmt(sub(dd, rat(b)))}/${par(a - c)} = ${fmt(x)}.`,
      ],
      spec: { a, b, c, d: dd.n, v },
      key: x,
      distractors: [
        dn(div(sub(dd, rat(b)), rat(a + c)), `adds the ${v}-coefficients instead of subtracting ${c}${v} from both sides`),
        dn(div(add(dd, rat(b)), rat(a - c)), `changes the side of ${b} without changing its sign`),
        dn(div(sub(rat(b), dd), rat(a - c)), 'subtracts the constants in the wrong order (sign error)'),
      ],
    };
  },
  solve(s) {
    // Substitution check on a linear function: f(v) = lhs − rhs is zero at v = −f(0)/(f(1) − f(0)).
    const f = (t: number) => (num(s, 'a') - num(s, 'c')) * t + num(s, 'b') - num(s, 'd');
    return div(rat(-f(0)), rat(f(1) - f(0)));
  },
};

const distribute: Family = {
  id: 'distribution',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const v = rng.pick(VARS);
    const q = d === 'hard' ? rng.pick([2, 3]) : 1;
    const c = intExcept(rng, -5, 6, 0, 1);
    const a = c + (q > 1 ? q * nz(rng, -2, 2) : nz(rng, -5, 5));
    if (a === 0 || a === 1) throw new RangeError('trivial coefficient');
    const b = nz(rng, -9, 9);
    const e = nz(rng, -9, 9);
    const x = q > 1 ? rat(q * rng.int(-3, 3) + rng.int(1, q - 1), q) : rat(rng.int(-7, 9));
    // a(v + b) = c(v + e) + f  ⇒  f = (a − c)x + ab − ce
    const f = add(mul(rat(a - c), x), rat(a * b - c * e));
    if (f.d !== 1 || f.n === 0) throw new RangeError('bad constant');
    const left = `${a === 1 ? '' : a === -1 ? '-' : a}(${shift(v, b)})`;
    const right = `${c === 1 ? '' : c === -1 ? '-' : c}(${shift(v, e)})${f.n > 0 ? ` + ${f.n}` : ` - ${-f.n}`}`;
    const eq = `${left} = ${right}`;
    return {
      stem: solveStem(eq, v, rng.int(0, 2)),
      steps: [
        `Distribute: ${lin(a, a * b, v)} = ${lin(c, c * e + f.n, v)}.`,
        `Collect terms: ${lin(a - c, 0, v)} = ${c * e + f.n - a * b}.`,
        `Divide by ${a - c}: ${v} = ${fmt(x)}.`,
      ],
      spec: { a, b, c, e, f: f.n, v },
      key: x,
      distractors: [
        dn(div(rat(e + f.n - b), rat(a - c)), `multiplies only the ${v}-terms, not the constants inside the parentheses`),
        dn(div(rat(a * b - c * e - f.n), rat(a - c)), 'moves the constants with the wrong sign'),
        dn(div(rat(c * e + f.n - a * b), rat(a + c)), `adds the ${v}-coefficients instead of subtracting`),
      ],
    };
  },
  solve(s) {
    const [a, b, c, e, f] = ['a', 'b', 'c', 'e', 'f'].map((k) => num(s, k));
    // Evaluate both sides at 0 and 1 and find where the difference (a line) is zero.
    const g = (t: number) => a * (t + b) - c * (t + e) - f;
    return rat(-g(0), g(1) - g(0));
  },
};

const fractions: Family = {
  id: 'fractional-coefficients',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const v = rng.pick(VARS);
    if (d === 'medium' || rng.chance(0.4)) {
      // v/a + v/b = c
      const [a, b] = rng.sample([2, 3, 4, 5, 6, 8], 2);
      const x = rat(a * b * rng.int(1, 4) * rng.pick([1, 1, -1]));
      const c = add(div(x, rat(a)), div(x, rat(b)));
      const eq = `${v}/${a} + ${v}/${b} = ${fmt(c)}`;
      return {
        stem: solveStem(eq, v, rng.int(0, 2)),
        steps: [
          `Multiply both sides by ${a * b}: ${b}${v} + ${a}${v} = ${fmt(mul(c, rat(a * b)))}.`,
          `So ${a + b}${v} = ${fmt(mul(c, rat(a * b)))}, and ${v} = ${fmt(x)}.`,
        ],
        spec: { variant: 'sum', a, b, c: [c.n, c.d], v },
        key: x,
        distractors: [
          dn(mul(c, rat(a + b)), `adds the fractions as ${v}/${a + b}`),
          dn(mul(c, rat(a * b)), `multiplies by ${a * b} but forgets to combine into ${a + b}${v}`),
          dn(div(c, rat(a + b)), `multiplies the left side by ${a * b} but not the right side`),
        ],
      };
    }
    // (v + a)/b = (v + c)/e, cross-multiplied.
    const [b, e] = rng.sample([2, 3, 4, 5, 6, 7], 2);
    const a = nz(rng, -9, 9);
    const c = intExcept(rng, -9, 9, a, 0);
    const x = rat(b * c - e * a, e - b);
    return {
      stem: solveStem(`(${shift(v, a)})/${b} = (${shift(v, c)})/${e}`, v, rng.int(0, 2)),
      steps: [
        `Cross-multiply: ${e}(${shift(v, a)}) = ${b}(${shift(v, c)}), so ${lin(e, e * a, v)} = ${lin(b, b * c, v)}.`,
        `Then ${lin(e - b, 0, v)} = ${b * c - e * a}, so ${v} = ${fmt(x)}.`,
      ],
      spec: { variant: 'cross', a, b, c, e, v },
      key: x,
      distractors: [
        dn(rat(e * c - b * a, b - e), 'cross-multiplies each numerator by its own denominator'),
        dn(rat(c - a, e - b), 'multiplies only the variable terms by the denominators'),
        dn(rat(e * a - b * c, e - b), 'moves the constants with the wrong sign'),
      ],
      bShift: 0.3,
    };
  },
  solve(s) {
    const v = str(s, 'v');
    if (s.variant === 'sum') {
      const [a, b] = [num(s, 'a'), num(s, 'b')];
      const [cn, cd] = s.c as number[];
      // v(1/a + 1/b) = c
      return div(rat(cn, cd), add(rat(1, a), rat(1, b)));
    }
    const [a, b, c, e] = ['a', 'b', 'c', 'e'].map((k) => num(s, k));
    const f = (t: Rational) => sub(evaluate(`(${v} + ${a})/${b}`, { [v]: t }), evaluate(`(${v} + ${c})/${e}`, { [v]: t }));
    const f0 = f(rat(0));
    return div(f0, sub(f0, f(rat(1))));
  },
};

const exprValue: Family = {
  id: 'value-of-expression',
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    const v = rng.pick(VARS);
    const a = rng.int(2, 7);
    const b = nz(rng, -12, 12);
    // Hard: the target is a fractional multiple of the given expression.
    const kr = pickBand(d, rat(rng.pick([2, 3, 5, -1])), rat(rng.pick([2, 3, 4, -2])), rng.pick([rat(1, 2), rat(3, 2), rat(-1, 2), rat(2, 3)]));
    const m = d === 'easy' ? 0 : nz(rng, -9, 9);
    const c = nz(rng, -30, 40);
    // Ask for (k·a)v + (k·b + m) = k(av + b) + m.
    const A = mul(kr, rat(a));
    const B = add(mul(kr, rat(b)), rat(m));
    if (A.d !== 1 || B.d !== 1) throw new RangeError('fractional target');
    const target = lin(A, B, v);
    const key = add(mul(kr, rat(c)), rat(m));
    const x = div(sub(rat(c), rat(b)), rat(a));
    return {
      stem: `If ${lin(a, b, v)} = ${c}, what is the value of ${target}?`,
      steps: [
        `Notice that ${target} = ${fmtFactor(kr)}(${lin(a, b, v)})${m === 0 ? '' : m > 0 ? ` + ${m}` : ` - ${-m}`}.`,
        `Substitute ${lin(a, b, v)} = ${c}: ${fmtFactor(kr)}(${c})${m === 0 ? '' : m > 0 ? ` + ${m}` : ` - ${-m}`} = ${fmt(key)}.`,
      ],
      spec: { a, b, c, A: A.n, B: B.n, v },
      key,
      distractors: [
        dn(x, `gives the value of ${v} instead of the value of the expression`),
        dn(m === 0 ? add(rat(c), rat(b)) : mul(kr, rat(c)), m === 0 ? `adds ${b} back instead of scaling the whole equation` : `scales the equation but ignores the extra constant ${m}`),
        dn(add(rat(c), rat(B.n - b)), `changes only the constant term, forgetting that the ${v}-coefficient also changed`),
      ],
    };
  },
  solve(s) {
    const x = div(sub(rat(num(s, 'c')), rat(num(s, 'b'))), rat(num(s, 'a')));
    return add(mul(rat(num(s, 'A')), x), rat(num(s, 'B')));
  },
};

const COUNT_TEXT = { one: 'Exactly one solution', none: 'No solution', many: 'Infinitely many solutions', two: 'Exactly two solutions' } as const;
type Count = keyof typeof COUNT_TEXT;

const solutionCount: Family = {
  id: 'number-of-solutions',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng) {
    const kind = rng.pick(['one', 'none', 'many'] as const);
    // a(v + b) + c·v = e·v + f
    const a = nz(rng, -5, 6);
    const b = nz(rng, -8, 8);
    const c = nz(rng, -6, 6);
    const e = kind === 'one' ? intExcept(rng, -9, 12, a + c) : a + c;
    const f = kind === 'many' ? a * b : intExcept(rng, -20, 20, a * b);
    const eq = `${a === 1 ? '' : a === -1 ? '-' : a}(${shift('x', b)}) ${c > 0 ? '+' : '-'} ${Math.abs(c) === 1 ? '' : Math.abs(c)}x = ${lin(e, f)}`;
    const reasons: Record<Count, string> = {
      one: 'assumes any linear equation has exactly one solution without comparing coefficients',
      none: 'sees equal x-coefficients and concludes there is no solution without checking the constants',
      many: 'sees equal x-coefficients and concludes the sides are identical without checking the constants',
      two: 'counts the two x-terms on the left as two solutions',
    };
    const others = (['one', 'none', 'many', 'two'] as Count[]).filter((k) => k !== kind);
    return {
      stem: `${eq}\nHow many solutions does the given equation have?`,
      steps: [
        `Distribute and combine: the left side is ${lin(a + c, a * b)}; the right side is ${lin(e, f)}.`,
        kind === 'one'
          ? `The x-coefficients differ (${a + c} and ${e}), so the lines cross once: exactly one solution.`
          : kind === 'none'
            ? `The x-coefficients are equal but the constants differ (${a * b} and ${f}), so no value of x works: no solution.`
            : 'Both sides are the same expression, so every x works: infinitely many solutions.',
      ],
      spec: { a, b, c, e, f },
      key: COUNT_TEXT[kind],
      distractors: others.map((k) => dt(COUNT_TEXT[k], reasons[k])),
    };
  },
  solve(s) {
    const [a, b, c, e, f] = ['a', 'b', 'c', 'e', 'f'].map((k) => num(s, k));
    const g = (x: number) => a * (x + b) + c * x - (e * x + f);
    const slope = g(1) - g(0);
    return { text: COUNT_TEXT[slope !== 0 ? 'one' : g(0) === 0 ? 'many' : 'none'] };
  },
};

const noSolutionParam: Family = {
  id: 'constant-for-no-solution',
  bands: ['hard'],
  spr: true,
  build(rng) {
    const a = nz(rng, -5, 6);
    const b = rng.int(2, 6);
    const c = nz(rng, -9, 9);
    const e = nz(rng, -12, 14);
    const f = intExcept(rng, -20, 20, a * c);
    const k = e - a * b;
    if (k === 0) throw new RangeError('k = 0');
    const eq = `${a === 1 ? '' : a === -1 ? '-' : a}(${lin(b, c)}) + kx = ${lin(e, f)}`;
    return {
      stem: `${eq}\nIn the given equation, k is a constant. If the equation has no solution, what is the value of k?`,
      steps: [
        `Distribute: ${lin(a * b, a * c)} + kx = ${lin(e, f)}, so (${a * b} + k)x ${a * c > 0 ? '+' : '-'} ${Math.abs(a * c)} = ${lin(e, f)}.`,
        `A linear equation has no solution when the x-coefficients are equal and the constants differ: ${a * b} + k = ${e}, and ${a * c} ≠ ${f}.`,
        `So k = ${k}.`,
      ],
      spec: { a, b, c, e, f },
      key: rat(k),
      distractors: [
        dn(e + a * b, `adds ${a * b} instead of subtracting it`),
        dn(e - b, `forgets to multiply ${b}x by ${a}`),
        dn(a * b - e, 'subtracts in the wrong order'),
      ],
    };
  },
  solve(s) {
    const [a, b, c, e, f] = ['a', 'b', 'c', 'e', 'f'].map((k) => num(s, k));
    const left = (x: number) => a * (b * x + c);
    const k = e - (left(1) - left(0));
    // With that k both sides must be parallel and distinct.
    if (left(0) === f) throw new Error('equation would be an identity');
    return rat(k);
  },
};

export const linearOneVar = makeGenerator('math.alg.linear-one-var', [
  twoStep, bothSides, distribute, fractions, exprValue, solutionCount, noSolutionParam, wordSetup, literal,
]);
