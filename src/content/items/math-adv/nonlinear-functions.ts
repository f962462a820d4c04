import { add, div, mul, rat, sub, type Rational } from '../../../lib/rational.ts';
import { evaluate, quadCoeffs, splitRelation, tryEvaluate } from '../math-alg/expr.ts';
import {
  dn, dt, fmt, intExcept, makeGenerator, money, num, nz, par, parsePoint, poly, pt, shift, str, type Family,
} from '../math-alg/kit.ts';

const FN = ['f', 'g', 'h', 'p'] as const;
const quad = (a: number, b: number, c: number) => poly([[a, 2], [b, 1], [c, 0]]);

const evaluateQuad: Family = {
  id: 'evaluate-nonlinear-function',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const f = rng.pick(FN);
    const a = nz(rng, -4, 5);
    const b = rng.int(-9, 9);
    const c = nz(rng, -15, 15);
    const k = nz(rng, -5, 5);
    const cube = d === 'medium' && rng.chance(0.5);
    const def = cube ? poly([[a, 3], [b, 1], [c, 0]]) : quad(a, b, c);
    const val = cube ? a * k ** 3 + b * k + c : a * k * k + b * k + c;
    const pw = cube ? 3 : 2;
    return {
      stem: rng.pick([
        `The function ${f} is defined by ${f}(x) = ${def}. What is the value of ${f}(${k})?`,
        `${f}(x) = ${def}\nFor the function ${f} defined above, what is the value of ${f}(${k})?`,
      ]),
      steps: [`Substitute x = ${k}: ${f}(${k}) = ${a === 1 ? '' : a === -1 ? '-' : a}(${k})${pw === 2 ? '²' : '³'}${b === 0 ? '' : ` + ${par(b)}(${k})`} + ${par(c)}.`, `= ${a * k ** pw} + ${par(b * k)} + ${par(c)} = ${val}.`],
      spec: { def, k },
      key: rat(val),
      distractors: [
        k < 0 && pw === 2 ? dn(-a * k * k + b * k + c, `treats (${k})² as ${-(k * k)}`) : dn(a * (pw * k) + b * k + c, `multiplies ${k} by ${pw} instead of raising it to the power ${pw}`),
        dn((a * k) ** pw + b * k + c, `raises the coefficient to the power along with x (computes (${a}·${par(k)})${pw === 2 ? '²' : '³'})`),
        dn(a * k ** pw - b * k + c, 'makes a sign error in the x-term'),
      ],
    };
  },
  solve: (s) => evaluate(str(s, 'def'), { x: rat(num(s, 'k')) }),
};

const vertex: Family = {
  id: 'vertex-and-extreme-value',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const f = rng.pick(FN);
    const a = rng.pick([1, 2, 3, -1, -2]);
    const h = nz(rng, -8, 8);
    const k = rng.int(-15, 15);
    const ask = rng.pick(['x', 'value'] as const);
    const standard = d === 'hard';
    const def = standard ? quad(a, -2 * a * h, a * h * h + k) : `${a === 1 ? '' : a === -1 ? '-' : a}(${shift('x', -h)})² ${k < 0 ? '-' : '+'} ${Math.abs(k)}`;
    const extreme = a > 0 ? 'minimum' : 'maximum';
    const key = rat(ask === 'x' ? h : k);
    return {
      stem: ask === 'x'
        ? `The function ${f} is defined by ${f}(x) = ${def}. For what value of x does ${f}(x) reach its ${extreme} value?`
        : `The function ${f} is defined by ${f}(x) = ${def}. What is the ${extreme} value of ${f}(x)?`,
      steps: standard
        ? [`The vertex of ax² + bx + c is at x = -b/(2a) = ${-(-2 * a * h)}/${par(2 * a)} = ${h}.`, `${f}(${h}) = ${k}, so the ${extreme} value ${k} occurs at x = ${h}.`]
        : [`In vertex form a(x - h)² + k, the vertex is (h, k) = (${h}, ${k}).`, `Since a = ${a} is ${a > 0 ? 'positive, the parabola opens up' : 'negative, the parabola opens down'}, the ${extreme} value ${k} occurs at x = ${h}.`],
      spec: { def, ask },
      key,
      distractors: ask === 'x'
        ? [dn(-h, 'takes h with the wrong sign from the factor (x - h)'), dn(k, 'gives the extreme value instead of where it occurs'), dn(standard ? 2 * a * h : h * a === h ? -k : a * h, standard ? 'forgets to divide by 2a' : 'multiplies h by the leading coefficient')]
        : [dn(h, 'gives the x-coordinate of the vertex instead of the value'), dn(standard ? a * h * h + k : -k, standard ? 'gives the y-intercept (the constant term) instead' : 'flips the sign of k'), dn(standard ? k + a : k - a, standard ? 'evaluates at the wrong point' : 'combines k with the leading coefficient')],
    };
  },
  solve(s) {
    const def = str(s, 'def');
    const [A, B] = quadCoeffs((x) => evaluate(def, { x }));
    const h = div(B, mul(rat(-2), A));
    return s.ask === 'x' ? h : evaluate(def, { x: h });
  },
};

const GROWTH = [
  { what: 'The number of members of an online club', unit: 'months', t: 'm' },
  { what: 'The value, in dollars, of a collectible card', unit: 'years', t: 't' },
  { what: 'The number of bacteria in a sample', unit: 'hours', t: 'h' },
  { what: 'The population of a town', unit: 'years', t: 'y' },
  { what: 'The number of visitors to a website per day', unit: 'weeks', t: 'w' },
] as const;

const RATES = [3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60] as const;

const interpretExponential: Family = {
  id: 'exponential-percent-change',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng, d) {
    const gi = rng.int(0, GROWTH.length - 1);
    const G = GROWTH[gi];
    const r = rng.pick(RATES);
    const grow = d === 'easy' ? true : rng.chance(0.5);
    const base = grow ? 100 + r : 100 - r;
    const P0 = rng.int(2, 90) * 50;
    const baseText = (base / 100).toString();
    return {
      stem: `${G.what} can be modeled by the function N(${G.t}) = ${money(P0)}(${baseText})^${G.t}, where ${G.t} is the number of ${G.unit} since the first measurement. Which statement best describes how the quantity changes?`,
      steps: [
        `In N = a(b)^${G.t}, each ${G.unit.replace(/s$/, '')} multiplies the quantity by b = ${baseText}.`,
        grow ? `${baseText} = 1 + ${r / 100}, so the quantity increases by ${r}% each ${G.unit.replace(/s$/, '')}.` : `${baseText} = 1 - ${r / 100}, so the quantity decreases by ${r}% each ${G.unit.replace(/s$/, '')}.`,
      ],
      spec: { gi, base, P0 },
      key: `It ${grow ? 'increases' : 'decreases'} by ${r}% each ${G.unit.replace(/s$/, '')}.`,
      distractors: [
        dt(`It ${grow ? 'increases' : 'decreases'} by ${base}% each ${G.unit.replace(/s$/, '')}.`, 'reads the growth factor itself as the percent change'),
        dt(`It ${grow ? 'decreases' : 'increases'} by ${r}% each ${G.unit.replace(/s$/, '')}.`, grow ? 'reads the factor above 1 as a decrease' : 'reads the factor below 1 as an increase'),
        dt(`It ${grow ? 'increases' : 'decreases'} by ${money(Math.round((P0 * r) / 100))} each ${G.unit.replace(/s$/, '')}.`, 'treats the percent change as a constant amount each period (linear change)'),
      ],
    };
  },
  solve(s) {
    const G = GROWTH[num(s, 'gi')];
    const base = num(s, 'base');
    // Compare one period's value with the start: the ratio minus 1 is the percent change.
    const ratio = div(mul(rat(num(s, 'P0')), rat(base, 100)), rat(num(s, 'P0')));
    const pct = mul(sub(ratio, rat(1)), rat(100));
    const unit = G.unit.replace(/s$/, '');
    return { text: `It ${pct.n > 0 ? 'increases' : 'decreases'} by ${fmt(rat(Math.abs(pct.n), pct.d))}% each ${unit}.` };
  },
};

const MODEL_TEXT = [
  { text: 'A town had a population of {P} in 2020. The population is expected to {dir} by {r}% each year.', t: 't', unit: 'years after 2020', fn: 'P' },
  { text: 'A new car is worth ${P}. Its value is expected to {dir} by {r}% each year.', t: 't', unit: 'years from now', fn: 'V' },
  { text: 'A lake contains about {P} fish. Each year the number of fish is expected to {dir} by {r}%.', t: 'n', unit: 'years from now', fn: 'F' },
  { text: 'A scientist measures {P} milligrams of a substance. The amount will {dir} by {r}% each hour.', t: 'h', unit: 'hours from now', fn: 'A' },
] as const;

const percentModel: Family = {
  id: 'exponential-model-from-description',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng) {
    const mi = rng.int(0, MODEL_TEXT.length - 1);
    const M = MODEL_TEXT[mi];
    const r = rng.pick(RATES);
    const grow = mi === 1 ? false : rng.chance(0.5);
    const P = rng.int(4, 90) * 100;
    const factor = (grow ? 100 + r : 100 - r) / 100;
    const fill = M.text.replace('{P}', money(P)).replace('{dir}', grow ? 'increase' : 'decrease').replace('{r}', String(r));
    const lhs = `${M.fn}(${M.t}) = `;
    return {
      stem: `${fill} Which function ${M.fn} models this quantity ${M.t} ${M.unit}?`,
      steps: [`A ${r}% ${grow ? 'increase' : 'decrease'} each period multiplies the quantity by 1 ${grow ? '+' : '-'} ${r / 100} = ${factor}.`, `After ${M.t} periods: ${lhs}${money(P)}(${factor})^${M.t}.`],
      spec: { P, r, grow, fn: M.fn, t: M.t },
      key: `${lhs}${money(P)}(${factor})^${M.t}`,
      distractors: [
        dt(`${lhs}${money(P)}(${r / 100})^${M.t}`, 'uses the percent change itself as the growth factor'),
        dt(`${lhs}${money(P)}(${(grow ? 100 - r : 100 + r) / 100})^${M.t}`, grow ? 'models a decrease instead of an increase' : 'models an increase instead of a decrease'),
        dt(`${lhs}${money(P)} ${grow ? '+' : '-'} ${money((P * r) / 100)}${M.t}`, 'models the change as a constant amount each period (linear)'),
      ],
    };
  },
  solve(s) {
    const [P, r] = [num(s, 'P'), num(s, 'r')];
    const [fn, t] = [str(s, 'fn'), str(s, 't')];
    // Step the description forward period by period and compare the option's values.
    const values: Rational[] = [rat(P)];
    for (let i = 1; i <= 3; i++) {
      const prev = values[i - 1];
      const change = mul(prev, rat(r, 100));
      values.push(s.grow === true ? add(prev, change) : sub(prev, change));
    }
    return {
      test(o) {
        const rel = splitRelation(o);
        if (!rel || rel.op !== '=' || rel.lhs.replace(/\s/g, '') !== `${fn}(${t})`) return false;
        return values.every((v, i) => {
          const got = tryEvaluate(rel.rhs, { [t]: rat(i) });
          return got !== null && got.n === v.n && got.d === v.d;
        });
      },
    };
  },
};

const DOUBLING = [
  { text: 'A culture starts with {S} bacteria, and the number of bacteria doubles every {p} hours.', ask: 'How many bacteria will there be {T} hours after the start?', factor: 2, unit: 'hours' },
  { text: 'A sample contains {S} grams of a radioactive isotope whose half-life is {p} days.', ask: 'How many grams of the isotope will remain after {T} days?', factor: 0.5, unit: 'days' },
  { text: 'The number of users of an app was {S} at launch and tripled every {p} months.', ask: 'How many users did the app have {T} months after launch?', factor: 3, unit: 'months' },
  { text: 'A ball is dropped from a height of {S} centimeters. After each bounce it reaches half of its previous height.', ask: 'What height, in centimeters, does it reach after bounce number {T}?', factor: 0.5, unit: 'bounces' },
] as const;

const doubling: Family = {
  id: 'exponential-growth-decay-value',
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    const di = rng.int(0, DOUBLING.length - 1);
    const D = DOUBLING[di];
    const p = D.unit === 'bounces' ? 1 : rng.int(2, 6);
    const periods = d === 'easy' ? 2 : d === 'medium' ? 3 : rng.int(4, 5);
    const T = p * periods;
    const S = D.factor < 1 ? 2 ** periods * rng.int(3, 40) : rng.int(2, 60) * 10;
    const key = mul(rat(S), D.factor === 0.5 ? rat(1, 2 ** periods) : rat(D.factor ** periods));
    const fill = (x: string) => x.replace('{S}', money(S)).replace('{p}', String(p)).replace('{T}', String(T));
    const f = D.factor === 0.5 ? rat(1, 2) : rat(D.factor);
    const power = (n: number) => Array.from({ length: n }).reduce<Rational>((acc) => mul(acc, f), rat(S));
    return {
      stem: `${fill(D.text)} ${fill(D.ask)}`,
      steps: [
        D.unit === 'bounces' ? `Each bounce multiplies the height by 1/2, and there are ${periods} bounces.` : `${T} ${D.unit} is ${T}/${p} = ${periods} periods of ${p} ${D.unit}.`,
        `So the amount is ${money(S)}·(${D.factor === 0.5 ? '1/2' : D.factor})^${periods} = ${fmt(key)}.`,
      ],
      spec: { di, S, p, T },
      key,
      distractors: [
        dn(power(periods - 1), 'counts one period too few'),
        D.factor < 1
          ? dn(power(periods + 1), 'counts one halving too many')
          : dn(S + S * (D.factor - 1) * periods, "adds the first period's increase every period (linear instead of exponential)"),
        dn(mul(rat(S), D.factor === 0.5 ? rat(1, 2 * periods) : rat(D.factor * periods)), `multiplies by ${D.factor === 0.5 ? '1/2' : D.factor} × ${periods} instead of raising to the power ${periods}`),
      ],
    };
  },
  solve(s) {
    const D = DOUBLING[num(s, 'di')];
    const [S, p, T] = [num(s, 'S'), num(s, 'p'), num(s, 'T')];
    // Simulate the process one period at a time.
    let amount = rat(S);
    const f = D.factor === 0.5 ? rat(1, 2) : rat(D.factor);
    for (let elapsed = p; elapsed <= T; elapsed += p) amount = mul(amount, f);
    return amount;
  },
};

const zeros: Family = {
  id: 'zeros-and-intercepts',
  bands: ['easy', 'medium', 'hard'],
  spr: false,
  build(rng, d) {
    const f = rng.pick(FN);
    const a = nz(rng, -9, 9);
    const b = intExcept(rng, -9, 9, 0, a, -a);
    const c = d === 'hard' ? rng.pick([2, 3, 5]) : 1;
    if (d === 'hard' && b % c === 0) throw new RangeError('want a fractional zero');
    const second = poly([[c, 1], [-b, 0]]);
    const def = `${d === 'medium' ? 'x' : ''}(${shift('x', -a)})(${second})`;
    const useA = d !== 'hard' && rng.chance(0.5);
    const zero = useA ? rat(a) : rat(b, c);
    const other = useA ? rat(b, c) : rat(a);
    const flip = (r: Rational) => rat(-r.n, r.d);
    return {
      stem: d === 'easy'
        ? `The function ${f} is defined by ${f}(x) = ${def}. At which point does the graph of y = ${f}(x) cross the x-axis in the xy-plane?`
        : `The function ${f} is defined by ${f}(x) = ${def}. Which of the following is an x-intercept of the graph of y = ${f}(x) in the xy-plane?`,
      steps: [
        `The graph meets the x-axis where ${f}(x) = 0, that is, where one of the factors is 0.`,
        `${useA ? shift('x', -a) : second} = 0 gives x = ${fmt(zero)}, so ${pt(zero, 0)} is an x-intercept.`,
      ],
      spec: { def },
      key: pt(zero, 0),
      distractors: [
        dt(pt(flip(zero), 0), 'takes the zero from a factor with the wrong sign'),
        d === 'easy' ? dt(pt(0, a * b), 'gives the y-intercept instead of an x-intercept') : d === 'hard' ? dt(pt(b, 0), `forgets to divide by ${c}`) : dt(pt(a * b, 0), 'multiplies the constants of the factors'),
        dt(pt(flip(other), 0), 'takes the other zero with the wrong sign'),
      ],
    };
  },
  solve(s) {
    const def = str(s, 'def');
    return {
      test(o) {
        const p = parsePoint(o);
        if (!p || p[1].n !== 0) return false;
        const v = tryEvaluate(def, { x: p[0] });
        return v !== null && v.n === 0;
      },
    };
  },
};

const composition: Family = {
  id: 'composition',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const a = nz(rng, -5, 6);
    const b = nz(rng, -9, 9);
    const c = nz(rng, -9, 9);
    const k = nz(rng, -4, 5);
    const fDef = poly([[a, 1], [b, 0]]);
    const gDef = d === 'hard' ? poly([[1, 2], [c, 0]]) : poly([[rng.int(2, 4), 1], [c, 0]]);
    const order = rng.pick(['fg', 'gf'] as const);
    const F = (x: Rational) => evaluate(fDef, { x });
    const G = (x: Rational) => evaluate(gDef, { x });
    const inner = order === 'fg' ? G(rat(k)) : F(rat(k));
    const key = order === 'fg' ? F(inner) : G(inner);
    const [outerName, innerName] = order === 'fg' ? ['f', 'g'] : ['g', 'f'];
    return {
      stem: `The functions f and g are defined by f(x) = ${fDef} and g(x) = ${gDef}. What is the value of ${outerName}(${innerName}(${k}))?`,
      steps: [`First ${innerName}(${k}) = ${fmt(inner)}.`, `Then ${outerName}(${fmt(inner)}) = ${fmt(key)}.`],
      spec: { fDef, gDef, order, k },
      key,
      distractors: [
        dn(order === 'fg' ? G(F(rat(k))) : F(G(rat(k))), 'applies the functions in the wrong order'),
        dn(inner, `stops after finding ${innerName}(${k})`),
        dn(mul(F(rat(k)), G(rat(k))), 'multiplies f(' + k + ') and g(' + k + ') instead of composing'),
      ],
    };
  },
  solve(s) {
    // Build the composed expression as text and evaluate it once.
    const [fDef, gDef] = [str(s, 'fDef'), str(s, 'gDef')];
    const [outer, inner] = s.order === 'fg' ? [fDef, gDef] : [gDef, fDef];
    const composed = outer.replace(/x/g, `(${inner})`);
    return evaluate(composed, { x: rat(num(s, 'k')) });
  },
};

const twoPoints: Family = {
  id: 'exponential-from-two-values',
  bands: ['hard'],
  spr: true,
  build(rng) {
    const f = rng.pick(FN);
    const a = rng.int(2, 9);
    const b = rng.pick([2, 3, 4, 5]);
    const x1 = rng.int(0, 1);
    const x2 = x1 + 2;
    const x3 = x2 + 1;
    const val = (x: number) => a * b ** x;
    return {
      stem: `For the exponential function ${f}, ${f}(x) = a·b^x, where a and b are positive constants. If ${f}(${x1}) = ${val(x1)} and ${f}(${x2}) = ${val(x2)}, what is the value of ${f}(${x3})?`,
      steps: [`${f}(${x2})/${f}(${x1}) = b² = ${val(x2)}/${val(x1)} = ${b * b}, so b = ${b}.`, `${f}(${x3}) = ${f}(${x2})·b = ${val(x2)}·${b} = ${val(x3)}.`],
      spec: { x: [x1, x2, x3], y1: val(x1), y2: val(x2) },
      key: rat(val(x3)),
      distractors: [
        dn(val(x2) + (val(x2) - val(x1)) / 2, 'assumes the function grows by a constant amount (linear)'),
        dn(val(x2) * b * b, 'uses b² as the factor for one step'),
        dn(val(x2) + b, `adds ${b} instead of multiplying by ${b}`),
      ],
    };
  },
  solve(s) {
    const [x1, x2, x3] = s.x as number[];
    const [y1, y2] = [num(s, 'y1'), num(s, 'y2')];
    // Search for the positive integer base that fits both values, then evaluate.
    for (let b = 2; b <= 20; b++) {
      const a = rat(y1, b ** x1);
      if (mul(a, rat(b ** x2)).n === y2 && mul(a, rat(b ** x2)).d === 1) return mul(a, rat(b ** x3));
    }
    throw new Error('no integer base fits');
  },
};

const transform: Family = {
  id: 'graph-transformation',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const a = rng.pick([1, 2, -1, 3]);
    const p = nz(rng, -6, 6);
    const q = rng.int(-8, 8);
    const h = nz(rng, -5, 5);
    const k = nz(rng, -7, 7);
    const fDef = d === 'medium' ? `${a === 1 ? '' : a === -1 ? '-' : a}(${shift('x', -p)})² ${q < 0 ? '-' : '+'} ${Math.abs(q)}` : quad(a, -2 * a * p, a * p * p + q);
    const g = `f(${shift('x', h)}) ${k < 0 ? '-' : '+'} ${Math.abs(k)}`;
    return {
      stem: `The function f is defined by f(x) = ${fDef}. The function g is defined by g(x) = ${g}. What is the vertex of the graph of y = g(x) in the xy-plane?`,
      steps: [
        d === 'medium' ? `The vertex of f is (${p}, ${q}).` : `The vertex of f is at x = -b/(2a) = ${p}, and f(${p}) = ${q}, so it is (${p}, ${q}).`,
        `Replacing x with ${shift('x', h)} shifts the graph ${h > 0 ? 'left' : 'right'} ${Math.abs(h)}; ${k > 0 ? 'adding' : 'subtracting'} ${Math.abs(k)} shifts it ${k > 0 ? 'up' : 'down'} ${Math.abs(k)}.`,
        `So the vertex of g is (${p - h}, ${q + k}).`,
      ],
      spec: { fDef, h, k },
      key: pt(p - h, q + k),
      distractors: [
        dt(pt(p + h, q + k), `shifts ${h > 0 ? 'right' : 'left'} instead of ${h > 0 ? 'left' : 'right'}`),
        dt(pt(p - h, q - k), 'shifts vertically in the wrong direction'),
        dt(pt(p + h, q - k), 'reverses both shifts'),
      ],
    };
  },
  solve(s) {
    const [fDef, h, k] = [str(s, 'fDef'), num(s, 'h'), num(s, 'k')];
    const g = (x: Rational) => add(evaluate(fDef, { x: add(x, rat(h)) }), rat(k));
    const [A, B] = quadCoeffs(g);
    const vx = div(B, mul(rat(-2), A));
    const vy = g(vx);
    return {
      test(o) {
        const pnt = parsePoint(o);
        return pnt !== null && pnt[0].n === vx.n && pnt[0].d === vx.d && pnt[1].n === vy.n && pnt[1].d === vy.d;
      },
    };
  },
};

export const nonlinearFunctions = makeGenerator('math.adv.nonlinear-functions', [
  evaluateQuad, vertex, interpretExponential, percentModel, doubling, zeros, composition, twoPoints, transform,
]);
