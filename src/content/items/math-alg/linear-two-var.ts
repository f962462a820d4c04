import { add, mul, neg, rat, sub, type Rational } from '../../../lib/rational.ts';
import { holds, residual, rootOfLinear, splitRelation, tryEvaluate } from './expr.ts';
import { dn, dt, fmt, fmtFactor, intExcept, lin, makeGenerator, money, num, nz, par, parsePoint, pt, str, terms, type Family } from './kit.ts';

const std = (a: number, b: number, c: number, u = 'x', v = 'y') => `${terms([[a, u], [b, v]])} = ${c}`;

/** y on the line `eq` at the given x, found from the equation text (linear in y). */
const yOn = (eq: string, x: Rational) => rootOfLinear((y) => residual(eq, { x, y }));
const xOn = (eq: string, y: Rational) => rootOfLinear((x) => residual(eq, { x, y }));

/** Two points of a line with integer-friendly coordinates: a·x + b·y = c with (x0, y0) on it. */
function drawLine(rng: Parameters<Family['build']>[0], big = false) {
  const a = nz(rng, -9, 9);
  const b = intExcept(rng, -9, 9, 0);
  const x0 = rng.int(-6, 8);
  const y0 = rng.int(-6, 8);
  const c = a * x0 + b * y0;
  if (c === 0 && !big) throw new RangeError('line through the origin');
  return { a, b, c, x0, y0 };
}

const intercept: Family = {
  id: 'intercepts',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const a = nz(rng, -8, 9);
    const b = intExcept(rng, -8, 9, 0, a);
    const axis = rng.pick(['x', 'y'] as const);
    const k = nz(rng, -9, 12);
    // Make the asked intercept an integer (medium: the other one need not be).
    const c = (axis === 'x' ? a : b) * k * (d === 'easy' ? (axis === 'x' ? Math.abs(b) : Math.abs(a)) : 1);
    const eq = std(a, b, c);
    const key = rat(c, axis === 'x' ? a : b);
    return {
      stem: axis === 'x'
        ? `The graph of ${eq} in the xy-plane crosses the x-axis at the point (r, 0). What is the value of r?`
        : `The graph of ${eq} in the xy-plane has a y-intercept at (0, s). What is the value of s?`,
      steps: [
        `On the ${axis}-axis the other coordinate is 0, so ${axis === 'x' ? `${lin(a, 0)} = ${c}` : `${lin(b, 0, 'y')} = ${c}`}.`,
        `Divide by ${axis === 'x' ? par(a) : par(b)}: ${axis === 'x' ? 'r' : 's'} = ${fmt(key)}.`,
      ],
      spec: { eq, axis },
      key,
      distractors: [
        dn(rat(c, axis === 'x' ? b : a), `finds the ${axis === 'x' ? 'y' : 'x'}-intercept instead`),
        dn(neg(key), 'makes a sign error when dividing'),
        dn(c, 'forgets to divide by the coefficient'),
      ],
    };
  },
  solve(s) {
    const eq = str(s, 'eq');
    return s.axis === 'x' ? xOn(eq, rat(0)) : yOn(eq, rat(0));
  },
};

const pointOnLine: Family = {
  id: 'point-on-line',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng) {
    const { a, b, c, x0, y0 } = drawLine(rng);
    const eq = std(a, b, c);
    return {
      stem: rng.pick([
        `Which point lies on the graph of ${eq} in the xy-plane?`,
        `Which ordered pair (x, y) is a solution to the equation ${eq}?`,
      ]),
      steps: [`Substitute each point into ${eq}.`, `For ${pt(x0, y0)}: ${a}(${x0}) + ${par(b)}(${y0}) = ${a * x0} + ${par(b * y0)} = ${c}, which matches.`],
      spec: { eq },
      key: pt(x0, y0),
      distractors: [
        dt(pt(y0, x0), 'swaps the x- and y-coordinates'),
        dt(pt(x0, -y0), 'makes a sign error in the y-coordinate'),
        dt(pt(-x0, y0), 'makes a sign error in the x-coordinate'),
      ],
    };
  },
  solve(s) {
    const eq = str(s, 'eq');
    return {
      test(o) {
        const p = parsePoint(o);
        return p !== null && holds(eq, { x: p[0], y: p[1] }) === true;
      },
    };
  },
};

const missingCoordinate: Family = {
  id: 'missing-coordinate',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const { a, b, c, x0, y0 } = drawLine(rng, true);
    const askX = rng.chance(0.5);
    const eq = std(a, b, c);
    const given = askX ? y0 : x0;
    const key = rat(askX ? x0 : y0);
    const point = askX ? `(k, ${y0})` : `(${x0}, k)`;
    return {
      stem: d === 'easy'
        ? `The point ${point} lies on the line ${eq} in the xy-plane. What is the value of k?`
        : `In the xy-plane, the graph of ${eq} passes through the point ${point}, where k is a constant. What is the value of k?`,
      steps: [
        `Substitute ${askX ? `y = ${given}` : `x = ${given}`}: ${askX ? terms([[a, 'k'], [b * given, '']]) : terms([[a * given, ''], [b, 'k']])} = ${c}.`,
        `So ${askX ? lin(a, 0, 'k') : lin(b, 0, 'k')} = ${c - (askX ? b : a) * given}${Math.abs(askX ? a : b) === 1 && (askX ? a : b) > 0 ? '' : `, and k = ${fmt(key)}`}.`,
      ],
      spec: { eq, askX, given },
      key,
      distractors: [
        dn(rat(c + (askX ? b : a) * given, askX ? a : b), `adds the ${askX ? 'y' : 'x'}-term's value instead of subtracting it`),
        dn(rat(c - (askX ? a : b) * given, askX ? b : a), `substitutes ${given} for the wrong variable`),
        dn(c - (askX ? b : a) * given, 'forgets to divide by the coefficient of k'),
      ],
    };
  },
  solve(s) {
    const eq = str(s, 'eq');
    const g = rat(num(s, 'given'));
    return s.askX === true ? xOn(eq, g) : yOn(eq, g);
  },
};

const slopeInterceptForm: Family = {
  id: 'slope-intercept-form',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const b = d === 'medium' ? rng.pick([2, 3, 4, 5, -2, -3]) : rng.pick([3, 4, 6, -4, -6]);
    const m = rat(nz(rng, -6, 6), d === 'medium' ? 1 : rng.pick([1, 2, 3]));
    const k = nz(rng, -8, 8);
    // a x + b y = c with y = m x + k  ⇒  a = −b·m, c = b·k
    const a = neg(mul(rat(b), m));
    if (a.d !== 1) throw new RangeError('fractional x-coefficient');
    const eq = std(a.n, b, b * k);
    return {
      stem: `Which equation is equivalent to ${eq}?`,
      steps: [`Move the x-term to the right side: ${lin(b, 0, 'y')} = ${lin(neg(a), b * k)}.`, `Divide every term by ${par(b)}: y = ${lin(m, k)}.`],
      spec: { eq },
      key: `y = ${lin(m, k)}`,
      distractors: [
        dt(`y = ${lin(neg(m), k)}`, 'moves the x-term without changing its sign'),
        dt(`y = ${lin(m, b * k)}`, `divides the x-term by ${b} but not the constant`),
        dt(`y = ${lin(neg(a), b * k)}`, `forgets to divide by the coefficient of y, ${b}`),
      ],
    };
  },
  solve(s) {
    const eq = str(s, 'eq');
    return {
      test(o) {
        const r = splitRelation(o);
        if (!r || r.op !== '=' || r.lhs !== 'y') return false;
        return [rat(0), rat(1), rat(-4), rat(7)].every((x) => {
          const y = tryEvaluate(r.rhs, { x });
          return y !== null && holds(eq, { x, y }) === true;
        });
      },
    };
  },
};

const slopeOfEquation: Family = {
  id: 'slope-from-equation',
  weight: 0.7,
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    if (d !== 'hard') {
      const a = nz(rng, -9, 9);
      const b = intExcept(rng, -9, 9, 0, a, -a);
      const c = nz(rng, -30, 30);
      const eq = std(a, b, c);
      const m = rat(-a, b);
      return {
        stem: `What is the slope of the graph of ${eq} in the xy-plane?`,
        steps: [`Solve for y: ${lin(b, 0, 'y')} = ${lin(-a, c)}, so y = ${lin(m, rat(c, b))}.`, `The slope is the coefficient of x: ${fmt(m)}.`],
        spec: { eq },
        key: m,
        distractors: [
          dn(rat(a, b), 'keeps the sign of the x-coefficient when moving it across the equals sign'),
          dn(rat(-b, a), 'divides the coefficients in the wrong order'),
          dn(rat(c, b), 'gives the y-intercept instead of the slope'),
        ],
      };
    }
    // p(x + q·y) = r·x + s: rearranging needed before the slope can be read.
    const p = rng.pick([2, 3, 4, -2]);
    const q = nz(rng, -4, 4);
    const r = intExcept(rng, -6, 8, p);
    const s = nz(rng, -15, 15);
    const eq = `${p}(${terms([[1, 'x'], [q, 'y']])}) = ${lin(r, s)}`;
    const m = rat(r - p, p * q);
    return {
      stem: `In the xy-plane, what is the slope of the line with equation ${eq}?`,
      steps: [`Distribute: ${terms([[p, 'x'], [p * q, 'y']])} = ${lin(r, s)}.`, `Isolate the y-term: ${lin(p * q, 0, 'y')} = ${lin(r - p, s)}.`, `Divide by ${par(p * q)}: the slope is ${fmt(m)}.`],
      spec: { eq },
      key: m,
      distractors: [
        dn(rat(r, p * q), `ignores the ${p}x on the left side`),
        dn(rat(r - p, q), `forgets to distribute ${p} to the y-term`),
        dn(rat(p - r, p * q), 'moves the x-terms with the wrong sign'),
      ],
      bShift: 0.2,
    };
  },
  solve(s) {
    const eq = str(s, 'eq');
    return sub(yOn(eq, rat(1)), yOn(eq, rat(0)));
  },
};

const CONTEXTS = [
  { setup: 'A bakery sells muffins for ${A} each and loaves of bread for ${B} each. One morning it took in exactly ${T} from these two items.', u: 'm', v: 'b', uName: 'muffins', vName: 'loaves of bread' },
  { setup: 'In a basketball game, a team scored {T} points using only {A}-point and {B}-point baskets.', u: 'x', v: 'y', uName: '{A}-point baskets', vName: '{B}-point baskets' },
  { setup: 'Priya works two jobs. She earns ${A} per hour tutoring and ${B} per hour at a bookstore. Last month she earned ${T} in total from the two jobs.', u: 't', v: 'h', uName: 'hours tutoring', vName: 'hours at the bookstore' },
  { setup: 'A school bought calculators for ${A} each and rulers for ${B} each, spending exactly ${T} in all.', u: 'c', v: 'r', uName: 'calculators', vName: 'rulers' },
  { setup: 'A recipe uses cups of oats, each with {A} grams of fiber, and cups of bran, each with {B} grams of fiber. A batch has {T} grams of fiber from these two ingredients.', u: 'p', v: 'q', uName: 'cups of oats', vName: 'cups of bran' },
  { setup: 'A theater sold balcony tickets for ${A} each and floor tickets for ${B} each. Ticket sales for one show totaled ${T}.', u: 'x', v: 'y', uName: 'balcony tickets', vName: 'floor tickets' },
] as const;

function drawContext(rng: Parameters<Family['build']>[0]) {
  const ci = rng.int(0, CONTEXTS.length - 1);
  const [A, B] = ci === 1 ? rng.pick([[2, 3], [3, 2]]) : rng.sample([3, 4, 5, 6, 8, 9, 12, 15, 18, 20, 25], 2);
  const u0 = rng.int(2, 30);
  const v0 = rng.int(2, 30);
  const T = A * u0 + B * v0;
  const c = CONTEXTS[ci];
  const fill = (s: string) => s.replaceAll('{A}', money(A)).replaceAll('{B}', money(B)).replaceAll('{T}', money(T));
  return { ci, A, B, T, u0, v0, c, fill };
}

const contextEquation: Family = {
  id: 'context-equation',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng) {
    const { ci, A, B, T, c, fill } = drawContext(rng);
    return {
      stem: `${fill(c.setup)} Which equation represents this situation, where ${c.u} is the number of ${fill(c.uName)} and ${c.v} is the number of ${fill(c.vName)}?`,
      steps: [`${c.u} ${fill(c.uName)} contribute ${A}${c.u} and ${c.v} ${fill(c.vName)} contribute ${B}${c.v}.`, `Together they make ${T}: ${A}${c.u} + ${B}${c.v} = ${T}.`],
      spec: { ci, A, B, T },
      key: `${A}${c.u} + ${B}${c.v} = ${T}`,
      distractors: [
        dt(`${B}${c.u} + ${A}${c.v} = ${T}`, 'attaches each rate to the wrong quantity'),
        dt(`${c.u} + ${c.v} = ${T}`, 'counts items instead of their values'),
        dt(`${A + B}(${c.u} + ${c.v}) = ${T}`, 'adds the two rates and applies the sum to both quantities'),
      ],
    };
  },
  solve(s) {
    const c = CONTEXTS[num(s, 'ci')];
    const [A, B, T] = [num(s, 'A'), num(s, 'B'), num(s, 'T')];
    // Two combinations that meet the context exactly: all of one kind, or all of the other.
    const sols = [
      { [c.u]: rat(T, A), [c.v]: rat(0) },
      { [c.u]: rat(0), [c.v]: rat(T, B) },
    ];
    return { test: (o) => sols.every((env) => holds(o, env) === true) };
  },
};

const contextSolve: Family = {
  id: 'context-solve',
  weight: 0.7,
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    const { ci, A, B, T, u0, v0, c, fill } = drawContext(rng);
    if (d === 'hard') {
      // How much must one quantity change to offset a change in the other?
      const dv = A * rng.int(1, 3);
      const du = (B * dv) / A;
      if (!Number.isInteger(du)) throw new RangeError('non-integer change');
      return {
        stem: `${fill(c.setup)} The equation ${A}${c.u} + ${B}${c.v} = ${T} represents this situation, where ${c.u} is the number of ${fill(c.uName)} and ${c.v} is the number of ${fill(c.vName)}. If ${c.v} increases by ${dv} and the total stays ${T}, by how much must ${c.u} decrease?`,
        steps: [`Each added unit of ${c.v} adds ${B} to the total, so ${dv} more add ${B * dv}.`, `To keep the total the same, ${A}${c.u} must drop by ${B * dv}, so ${c.u} decreases by ${B * dv}/${A} = ${du}.`],
        spec: { ci, A, B, T, mode: 'change', dv },
        key: rat(du),
        distractors: [dn(rat(A * dv, B), 'divides by the wrong rate'), dn(dv, 'assumes the two quantities trade one for one'), dn(B * dv, `forgets to divide by ${A}`)],
        bShift: 0.3,
      };
    }
    return {
      stem: `${fill(c.setup)} If the number of ${fill(c.vName)} was ${v0}, what was the number of ${fill(c.uName)}?`,
      steps: [`Write ${A}${c.u} + ${B}(${v0}) = ${T}, so ${A}${c.u} = ${T - B * v0}.`, `Divide by ${A}: ${c.u} = ${u0}.`],
      spec: { ci, A, B, T, mode: 'solve', v0 },
      key: rat(u0),
      distractors: [dn(rat(T - A * v0, B), 'multiplies the given count by the wrong rate'), dn(T - B * v0, `forgets to divide by ${A}`), dn(rat(T, A), 'ignores the other quantity')],
    };
  },
  solve(s) {
    const [A, B, T] = [num(s, 'A'), num(s, 'B'), num(s, 'T')];
    const eq = `${A}x + ${B}y = ${T}`;
    if (s.mode === 'change') {
      const y0 = rat(1);
      return sub(xOn(eq, y0), xOn(eq, add(y0, rat(num(s, 'dv')))));
    }
    return xOn(eq, rat(num(s, 'v0')));
  },
};

const lineThroughPoints: Family = {
  id: 'equation-through-points',
  bands: ['hard'],
  spr: false,
  build(rng) {
    const x1 = rng.int(-6, 6);
    const x2 = intExcept(rng, -6, 8, x1);
    const y1 = rng.int(-8, 8);
    const y2 = intExcept(rng, -8, 8, y1);
    // Through both points: (y2 − y1)x − (x2 − x1)y = (y2 − y1)x1 − (x2 − x1)y1, reduced.
    let a = y2 - y1;
    let b = -(x2 - x1);
    let c = a * x1 + b * y1;
    const g = [a, b, c].reduce((p, q) => {
      let [m, n] = [Math.abs(p), Math.abs(q)];
      while (n) [m, n] = [n, m % n];
      return m;
    });
    [a, b, c] = [a / g, b / g, c / g];
    if (a < 0) [a, b, c] = [-a, -b, -c];
    const m = rat(y2 - y1, x2 - x1);
    return {
      stem: `A line in the xy-plane passes through the points ${pt(x1, y1)} and ${pt(x2, y2)}. Which equation represents this line?`,
      steps: [
        `Slope = (${y2} - ${par(y1)})/(${x2} - ${par(x1)}) = ${fmt(m)}.`,
        `Point-slope form: y - ${par(y1)} = ${fmtFactor(m)}(x - ${par(x1)}). Clearing fractions and collecting terms gives ${std(a, b, c)}.`,
        `Check the second point: ${a}(${x2}) + ${par(b)}(${y2}) = ${c}.`,
      ],
      spec: { p: [x1, y1, x2, y2] },
      key: std(a, b, c),
      distractors: [
        dt(std(a, -b, a * x1 - b * y1), 'uses the wrong sign for the slope, then fits the first point'),
        dt(std(b, a, b * x1 + a * y1), 'uses change in x over change in y as the slope'),
        dt(std(a, b, a * y1 + b * x1), 'finds the correct slope but swaps the coordinates of the point when finding the constant'),
      ],
    };
  },
  solve(s) {
    const [x1, y1, x2, y2] = s.p as number[];
    return { test: (o) => holds(o, { x: rat(x1), y: rat(y1) }) === true && holds(o, { x: rat(x2), y: rat(y2) }) === true };
  },
};

export const linearTwoVar = makeGenerator('math.alg.linear-two-var', [
  intercept, pointOnLine, missingCoordinate, slopeInterceptForm, slopeOfEquation, contextEquation, contextSolve, lineThroughPoints,
]);
