import { add, mul, rat, sub, type Rational } from '../../../lib/rational.ts';
import { evaluate } from '../math-alg/expr.ts';
import { radical, rationalEq } from './nonlinear-equations/radical-rational.ts';
import {
  dn, dt, fmt, intExcept, makeGenerator, num, nz, par, poly, shift, type Family,
} from '../math-alg/kit.ts';

const quad = (a: number, b: number, c: number) => poly([[a, 2], [b, 1], [c, 0]]);

/** Every rational root p/q of a·x² + b·x + c (integer coefficients), by the rational root theorem. */
function rationalRoots(a: number, b: number, c: number): Rational[] {
  if (c === 0) return b === 0 ? [rat(0)] : [rat(0), rat(-b, a)];
  const divisors = (n: number) => [...Array(Math.abs(n)).keys()].map((i) => i + 1).filter((k) => n % k === 0);
  const out: Rational[] = [];
  for (const p of divisors(c)) {
    for (const q of divisors(a)) {
      for (const s of [1, -1]) {
        const r = rat(s * p, q);
        const v = add(add(mul(rat(a), mul(r, r)), mul(rat(b), r)), rat(c));
        if (v.n === 0 && !out.some((t) => t.n === r.n && t.d === r.d)) out.push(r);
      }
    }
  }
  return out;
}

const byValue = (xs: Rational[]) => xs.slice().sort((p, q) => p.n * q.d - q.n * p.d);

const factoring: Family = {
  id: 'quadratic-by-factoring',
  weight: 0.7,
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const a = d === 'easy' ? 1 : rng.pick([1, 2, 3]);
    const r1 = rng.int(1, 12);
    const r2 = -rng.int(1, 12);
    // a(x − r1)(x − r2), moved around in medium items.
    const [A, B, C] = [a, -a * (r1 + r2), a * r1 * r2];
    if (B === 0) throw new RangeError('no middle term');
    const eq = d === 'easy' ? `${quad(A, B, C)} = 0` : `${poly([[A, 2], [B, 1]])} = ${-C}`;
    return {
      stem: d === 'easy'
        ? `${eq}\nWhat is the positive solution to the given equation?`
        : `${eq}\nIf x is a solution to the given equation and x > 0, what is the value of x?`,
      steps: [
        d === 'easy' ? `Factor: ${quad(A, B, C)} = (${shift('x', -r1)})(${shift('x', -r2)}).` : `Move every term to one side: ${quad(A, B, C)} = 0${a > 1 ? `, and divide by ${a}: ${quad(1, B / a, C / a)} = 0` : ''}. Factor: (${shift('x', -r1)})(${shift('x', -r2)}) = 0.`,
        `The solutions are ${r1} and ${r2}; the positive one is ${r1}.`,
      ],
      spec: { A, B, C },
      key: rat(r1),
      distractors: [dn(-r1, 'takes the number in the factor (x - ' + r1 + ') as the solution without changing its sign'), dn(r2, 'gives the negative solution'), dn(-r2, 'reads the solution off the factor with the wrong sign')],
    };
  },
  solve(s) {
    const pos = rationalRoots(num(s, 'A'), num(s, 'B'), num(s, 'C')).filter((r) => r.n > 0);
    if (pos.length !== 1) throw new Error(`${pos.length} positive roots`);
    return pos[0];
  },
};

const SQUAREFREE = [2, 3, 5, 6, 7, 10, 11, 13] as const;

/** Parses "p ± k√r" (k may be absent) into its parts, or null. */
function parsePlusMinus(o: string): { p: number; k: number; r: number } | null {
  const m = /^(-?\d+) ± (\d*)√(\d+)$/.exec(o.replace(/[−–]/g, '-').trim());
  return m ? { p: Number(m[1]), k: m[2] ? Number(m[2]) : 1, r: Number(m[3]) } : null;
}

const formula: Family = {
  id: 'quadratic-formula',
  bands: ['hard'],
  spr: false,
  build(rng) {
    const p = nz(rng, -7, 7);
    const k = rng.pick([1, 1, 2, 3]);
    const r = rng.pick(SQUAREFREE);
    // Roots p ± k√r: x² − 2p·x + (p² − k²r) = 0.
    const [B, C] = [-2 * p, p * p - k * k * r];
    const form = (pp: number, kk: number) => `${pp} ± ${kk === 1 ? '' : kk}√${r}`;
    return {
      stem: `${quad(1, B, C)} = 0\nWhat are the solutions to the given equation?`,
      steps: [
        `Use the quadratic formula: x = (${-B} ± √(${par(B)}² - 4(1)(${C})))/2 = (${-B} ± √${B * B - 4 * C})/2.`,
        `√${B * B - 4 * C} = ${2 * k === 1 ? '' : 2 * k}√${r}, so x = (${-B} ± ${2 * k}√${r})/2 = ${form(p, k)}.`,
      ],
      spec: { B, C },
      key: form(p, k),
      distractors: [
        dt(form(-p, k), 'uses b instead of -b in the quadratic formula'),
        dt(form(2 * p, 2 * k), 'forgets to divide by 2a'),
        dt(form(p, 2 * k), 'divides -b by 2 but not the square root'),
      ],
    };
  },
  solve(s) {
    const [B, C] = [num(s, 'B'), num(s, 'C')];
    return {
      // Substitute x = p + k√r exactly: rational part p² + k²r + Bp + C and √r part 2pk + Bk must both vanish.
      test(o) {
        const x = parsePlusMinus(o);
        if (!x) return false;
        const { p, k, r } = x;
        return p * p + k * k * r + B * p + C === 0 && 2 * p * k + B * k === 0;
      },
    };
  },
};

const sumProduct: Family = {
  id: 'sum-or-product-of-solutions',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const a = rng.pick([2, 3, 4, 5]);
    const p = nz(rng, -9, 9);
    const q = nz(rng, -9, 9);
    // (a x − p)(x − q): roots p/a and q.
    const [A, B, C] = [a, -(p + a * q), p * q];
    if (p === a * q) throw new RangeError('double root');
    const askSum = d === 'medium' || rng.chance(0.5);
    const key = askSum ? rat(-B, A) : rat(C, A);
    return {
      stem: `${quad(A, B, C)} = 0\nWhat is the ${askSum ? 'sum' : 'product'} of the solutions to the given equation?`,
      steps: [
        `Factor: ${quad(A, B, C)} = (${poly([[a, 1], [-p, 0]])})(${shift('x', -q)}), so the solutions are ${fmt(rat(p, a))} and ${q}.`,
        askSum ? `Their sum is ${fmt(rat(p, a))} + ${par(q)} = ${fmt(key)} (equal to -b/a).` : `Their product is ${fmt(rat(p, a))}·${par(q)} = ${fmt(key)} (equal to c/a).`,
      ],
      spec: { A, B, C, askSum },
      key,
      distractors: askSum
        ? [dn(rat(B, A), 'uses b/a instead of -b/a'), dn(-B, 'forgets to divide by the leading coefficient'), dn(rat(C, A), 'gives the product instead of the sum')]
        : [dn(rat(-C, A), 'uses -c/a instead of c/a'), dn(C, 'forgets to divide by the leading coefficient'), dn(rat(-B, A), 'gives the sum instead of the product')],
      bShift: 0.2,
    };
  },
  solve(s) {
    const roots = rationalRoots(num(s, 'A'), num(s, 'B'), num(s, 'C'));
    if (roots.length !== 2) throw new Error('expected two rational roots');
    return s.askSum === true ? add(roots[0], roots[1]) : mul(roots[0], roots[1]);
  },
};

const lineParabola: Family = {
  id: 'line-and-parabola',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const r1 = rng.int(1, 8);
    const r2 = -rng.int(1, 8);
    const m = nz(rng, -5, 5);
    const k = rng.int(-10, 10);
    // x² + px + q − (mx + k) = (x − r1)(x − r2)
    const p = m - (r1 + r2);
    const q = k + r1 * r2;
    const askY = d === 'hard';
    const key = askY ? rat(m * r1 + k) : rat(r1);
    return {
      stem: `y = ${quad(1, p, q)}\ny = ${poly([[m, 1], [k, 0]])}\nThe graphs of the given equations in the xy-plane intersect at the point (x, y), where x > 0. What is the value of ${askY ? 'y' : 'x'}?`,
      steps: [
        `Set the expressions equal: ${quad(1, p, q)} = ${poly([[m, 1], [k, 0]])}, so ${quad(1, p - m, q - k)} = 0.`,
        `Factor: (${shift('x', -r1)})(${shift('x', -r2)}) = 0, so x = ${r1} or x = ${r2}; with x > 0, x = ${r1}.`,
        askY ? `Then y = ${m}(${r1}) + ${par(k)} = ${m * r1 + k}.` : `So x = ${r1}.`,
      ],
      spec: { p, q, m, k, askY },
      key,
      distractors: askY
        ? [dn(r1, 'gives the x-coordinate instead of the y-coordinate'), dn(m * r2 + k, 'uses the negative x-coordinate'), dn(r1 * r1 + q, 'leaves out the x-term when substituting into the parabola')]
        : [dn(r2, 'gives the negative x-coordinate'), dn(-r2, 'reads a solution off a factor with the wrong sign'), dn(m * r1 + k, 'gives the y-coordinate instead of the x-coordinate')],
    };
  },
  solve(s) {
    const [p, q, m, k] = ['p', 'q', 'm', 'k'].map((key) => num(s, key));
    // Scan integer x for points common to both graphs.
    const xs: number[] = [];
    for (let x = -60; x <= 60; x++) if (x * x + p * x + q === m * x + k) xs.push(x);
    const pos = xs.filter((x) => x > 0);
    if (pos.length !== 1) throw new Error('no unique positive intersection');
    return rat(s.askY === true ? m * pos[0] + k : pos[0]);
  },
};

const absolute: Family = {
  id: 'absolute-value-equation',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const k = d === 'easy' ? 1 : rng.pick([2, 3, 4]);
    const x1 = rng.int(-10, 12);
    const x2 = intExcept(rng, -12, 10, x1);
    // |k x − c| = b with solutions x1, x2: c = k(x1 + x2)/2, b = k|x1 − x2|/2.
    if ((k * (x1 + x2)) % 2 !== 0) throw new RangeError('non-integer center');
    const c = (k * (x1 + x2)) / 2;
    const b = Math.abs(k * (x1 - x2)) / 2;
    const ask = rng.pick(['sum', 'greatest'] as const);
    const key = ask === 'sum' ? rat(x1 + x2) : rat(Math.max(x1, x2));
    const inner = poly([[k, 1], [-c, 0]]);
    return {
      stem: `|${inner}| = ${b}\nWhat is the ${ask === 'sum' ? 'sum of the solutions' : 'greatest solution'} to the given equation?`,
      steps: [
        `Either ${inner} = ${b} or ${inner} = -${b}.`,
        `So x = ${fmt(rat(c + b, k))} or x = ${fmt(rat(c - b, k))}; ${ask === 'sum' ? `their sum is ${fmt(key)}` : `the greater is ${fmt(key)}`}.`,
      ],
      spec: { k, c, b, ask },
      key,
      distractors: ask === 'sum'
        ? [
            dn(rat(c + b, k), 'finds only the solution from the positive case'),
            k === 1 ? dn(b, 'gives the right side of the equation') : dn(rat(-2 * c, k), `solves |${k}x + ${c}| = ${b} instead (sign error inside the bars)`),
            k === 1 ? dn(-2 * c, `solves |x + ${c}| = ${b} instead (sign error inside the bars)`) : dn(2 * c, `forgets to divide by ${k}`),
          ]
        : [
            dn(rat(c - b, k), 'gives the lesser solution'),
            dn(rat(b - c, k), 'solves the negative case with a sign error'),
            k === 1 ? dn(b, 'gives the right side of the equation') : dn(c + b, `forgets to divide by ${k}`),
          ],
    };
  },
  solve(s) {
    const [k, c, b] = [num(s, 'k'), num(s, 'c'), num(s, 'b')];
    // Scan the candidates p/k: |kx − c| = b has its solutions on that grid.
    const sols: Rational[] = [];
    for (let p = -80; p <= 80; p++) {
      const x = rat(p, k);
      const v = sub(mul(rat(k), x), rat(c));
      if (Math.abs(v.n) === b * v.d && !sols.some((t) => t.n === x.n && t.d === x.d)) sols.push(x);
    }
    if (sols.length !== 2) throw new Error(`${sols.length} solutions`);
    return s.ask === 'sum' ? add(sols[0], sols[1]) : byValue(sols)[1];
  },
};

const squareRoot: Family = {
  id: 'square-root-property',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const a = rng.pick([1, 2, 3, 4, 5]);
    const h = d === 'easy' ? 0 : nz(rng, -9, 9);
    const s = rng.int(1, 9);
    const m = a * s * s;
    const lhs = d === 'easy' ? `${a === 1 ? '' : a}x²` : `${a === 1 ? '' : a}(${shift('x', h)})²`;
    return {
      stem: `${lhs} = ${m}\nWhat is the ${d === 'easy' ? 'positive' : 'greater'} solution to the given equation?`,
      steps: [
        `${a === 1 ? '' : `Divide by ${a}: `}${d === 'easy' ? 'x²' : `(${shift('x', h)})²`} = ${s * s}, so ${d === 'easy' ? 'x' : shift('x', h)} = ${s} or ${-s}.`,
        d === 'easy' ? `The positive solution is ${s}.` : `So x = ${s - h} or x = ${-s - h}; the greater is ${s - h}.`,
      ],
      spec: { a, h, m },
      key: rat(s - h),
      distractors: [
        dn(d === 'easy' ? m / 2 : s + h, d === 'easy' ? 'divides by 2 instead of taking the square root' : 'shifts the solution the wrong way'),
        dn(d === 'easy' ? s * s : -s - h, d === 'easy' ? `${a === 1 ? '' : `divides by ${a} but `}forgets to take the square root` : 'gives the lesser solution'),
        dn(d === 'easy' ? -s : s * s - h, d === 'easy' ? 'gives the negative solution' : 'forgets to take the square root'),
      ],
    };
  },
  solve(s) {
    const [a, h, m] = [num(s, 'a'), num(s, 'h'), num(s, 'm')];
    let best: number | null = null;
    for (let x = -60; x <= 60; x++) if (a * (x + h) * (x + h) === m) best = x;
    if (best === null) throw new Error('no integer solution');
    return rat(best);
  },
};

const COUNT = { 0: 'Zero', 1: 'Exactly one', 2: 'Exactly two', inf: 'Infinitely many' } as const;

const discriminant: Family = {
  id: 'number-of-real-solutions',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d, format) {
    if (format === 'spr' || (d === 'hard' && rng.chance(0.5))) {
      // a·x² + b·x + c = 0 has exactly one real solution when b² = 4ac; one coefficient is the unknown k.
      const u = rng.int(1, 4);
      const v = rng.int(1, 12) * rng.pick([1, -1]);
      const a = u * u;
      const c = v * v;
      const askB = rng.chance(0.5);
      if (askB) {
        const k = 2 * u * Math.abs(v);
        return {
          stem: `${a === 1 ? '' : a}x² + kx + ${c} = 0\nIn the given equation, k is a positive constant. If the equation has exactly one real solution, what is the value of k?`,
          steps: [`Exactly one real solution means the discriminant is zero: k² - 4(${a})(${c}) = 0.`, `So k² = ${4 * a * c} and, since k > 0, k = ${k}.`],
          spec: { variant: 'param-b', a, c },
          key: rat(k),
          distractors: [dn(u * Math.abs(v), 'forgets the factor 2 in 2√(ac)'), dn(4 * a * c, 'gives k² instead of k'), dn(-k, 'takes the negative square root')],
          bShift: 0.3,
        };
      }
      const b = 2 * u * v;
      return {
        stem: `${a === 1 ? '' : a}x² ${b < 0 ? '-' : '+'} ${Math.abs(b)}x + k = 0\nIn the given equation, k is a constant. If the equation has exactly one real solution, what is the value of k?`,
        steps: [`Exactly one real solution means the discriminant is zero: (${b})² - 4(${a})k = 0.`, `So ${4 * a}k = ${b * b}, and k = ${c}.`],
        spec: { variant: 'param-c', a, b },
        key: rat(c),
        distractors: [dn(rat(b * b, 2 * a), 'divides by 2a instead of 4a'), dn(b * b, 'forgets to divide by 4a'), dn(rat(b, 2 * a), 'gives the solution x (up to sign) instead of k')],
        bShift: 0.3,
      };
    }
    const a = nz(rng, -4, 5);
    const b = rng.int(-9, 9);
    const want = rng.pick([0, 1, 2] as const);
    let c: number;
    if (want === 1) {
      if (b % 2 !== 0 || (b * b) % (4 * a) !== 0) throw new RangeError('no integer c for a double root');
      c = (b * b) / (4 * a);
    } else {
      c = rng.int(-12, 12);
      const D = b * b - 4 * a * c;
      if ((want === 2 && D <= 0) || (want === 0 && D >= 0)) throw new RangeError('wrong discriminant sign');
    }
    const D = b * b - 4 * a * c;
    return {
      stem: `${quad(a, b, c)} = 0\nHow many distinct real solutions does the given equation have?`,
      steps: [`The discriminant is b² - 4ac = ${par(b)}² - 4(${a})(${c}) = ${D}.`, D > 0 ? 'A positive discriminant gives exactly two real solutions.' : D === 0 ? 'A zero discriminant gives exactly one real solution.' : 'A negative discriminant gives no real solutions.'],
      spec: { variant: 'count', a, b, c },
      key: COUNT[want],
      distractors: ([0, 1, 2, 'inf'] as const).filter((k) => k !== want).map((k) => dt(COUNT[k], k === 'inf' ? 'confuses a quadratic with an identity' : k === 2 ? 'assumes every quadratic has two real solutions' : k === 0 ? 'reverses the meaning of the discriminant\'s sign' : 'miscomputes the discriminant as zero')),
    };
  },
  solve(s) {
    const a = num(s, 'a');
    const c = s.variant === 'param-c' ? 0 : num(s, 'c');
    if (s.variant === 'param-b') {
      // k makes the vertex touch the x-axis: try positive integers until the vertex value is 0.
      for (let k = 1; k <= 400; k++) {
        const vx = rat(-k, 2 * a);
        if (add(add(mul(rat(a), mul(vx, vx)), mul(rat(k), vx)), rat(c)).n === 0) return rat(k);
      }
      throw new Error('no positive k');
    }
    if (s.variant === 'param-c') {
      // The constant that makes the vertex value zero is minus the vertex value of a·x² + b·x.
      const b = num(s, 'b');
      const vx = rat(-b, 2 * a);
      return mul(rat(-1), add(mul(rat(a), mul(vx, vx)), mul(rat(b), vx)));
    }
    // The sign of the vertex value relative to the opening direction decides the count.
    const b = num(s, 'b');
    const vx = rat(-b, 2 * a);
    const v = evaluate(`${a}x^2 + ${b}x + ${c}`.replace(/\+ -/g, '- '), { x: vx });
    const count = v.n === 0 ? 1 : Math.sign(v.n) === Math.sign(a) ? 0 : 2;
    return { text: COUNT[count] };
  },
};

export const nonlinearEquations = makeGenerator('math.adv.nonlinear-equations', [
  factoring, formula, sumProduct, radical, lineParabola, absolute, squareRoot, rationalEq, discriminant,
]);
