import { add, div, mul, neg, rat, sub, type Rational } from '../../../lib/rational.ts';
import { evaluate, sameFunction, splitRelation, tryEvaluate } from './expr.ts';
import { dn, dt, fmt, fmtFactor, intExcept, lin, makeGenerator, money, num, nz, par, pt, str, type Family } from './kit.ts';

const FN = ['f', 'g', 'h', 'p', 'k'] as const;

/** Reads "[n, d]" pairs stored in a spec. */
const ratOf = (v: unknown): Rational => {
  const [n, d] = v as number[];
  return rat(n, d);
};

const evaluateFn: Family = {
  id: 'evaluate-function',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const f = rng.pick(FN);
    const a = d === 'easy' ? rat(nz(rng, -8, 9)) : rat(nz(rng, -7, 7), rng.pick([2, 3, 4]));
    const b = nz(rng, -15, 15);
    const k = d === 'easy' ? nz(rng, -6, 9) : a.d * nz(rng, -4, 5);
    const def = lin(a, b);
    const val = add(mul(a, rat(k)), rat(b));
    const stem = rng.pick([
      `The function ${f} is defined by ${f}(x) = ${def}. What is the value of ${f}(${k})?`,
      `${f}(x) = ${def}\nFor the function ${f} defined above, what is the value of ${f}(${k})?`,
      `For the linear function ${f}, ${f}(x) = ${def}. What is ${f}(${k})?`,
    ]);
    return {
      stem,
      steps: [`Substitute x = ${k}: ${f}(${k}) = ${fmtFactor(a)}(${k}) ${b > 0 ? '+' : '-'} ${Math.abs(b)}.`, `= ${fmt(mul(a, rat(k)))} ${b > 0 ? '+' : '-'} ${Math.abs(b)} = ${fmt(val)}.`],
      spec: { def, k },
      key: val,
      distractors: [
        dn(sub(mul(a, rat(k)), rat(b)), `uses the wrong sign for the constant ${b}`),
        dn(mul(a, rat(k + b)), `multiplies ${fmt(a)} by (${k} + ${b}) instead of by ${k} alone`),
        dn(div(rat(k - b), a), `solves ${f}(x) = ${k} instead of evaluating ${f}(${k})`),
      ],
    };
  },
  solve: (s) => evaluate(str(s, 'def'), { x: rat(num(s, 'k')) }),
};

const inputForOutput: Family = {
  id: 'input-for-output',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const f = rng.pick(FN);
    const a = d === 'easy' ? nz(rng, 2, 9) * rng.pick([1, 1, -1]) : nz(rng, -9, 9);
    const b = nz(rng, -20, 20);
    const k = d === 'easy' ? rng.int(-5, 10) : nz(rng, -12, 12);
    const v = a * k + b;
    const def = lin(a, b);
    return {
      stem: rng.pick([
        `The function ${f} is defined by ${f}(x) = ${def}. For what value of x does ${f}(x) = ${v}?`,
        `${f}(x) = ${def}\nFor the function ${f} defined above, if ${f}(t) = ${v}, what is the value of t?`,
      ]),
      steps: [`Set ${def} = ${v}.`, `Then ${lin(a, 0)} = ${v - b}, so x = ${v - b}/${par(a)} = ${k}.`],
      spec: { def, v },
      key: rat(k),
      distractors: [
        dn(a * v + b, `evaluates ${f}(${v}) instead of solving ${f}(x) = ${v}`),
        dn(rat(v + b, a), `moves ${b} without changing its sign`),
        dn(sub(rat(v, a), rat(b)), `divides only ${v} by ${a}, then subtracts ${b}`),
      ],
    };
  },
  solve(s) {
    const def = str(s, 'def');
    const f0 = evaluate(def, { x: rat(0) });
    const slope = sub(evaluate(def, { x: rat(1) }), f0);
    return div(sub(rat(num(s, 'v')), f0), slope);
  },
};

const slopeTwoPoints: Family = {
  id: 'slope-from-two-points',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const x1 = rng.int(-8, 8);
    const x2 = intExcept(rng, -9, 10, x1, 0);
    const m = d === 'easy' ? rat(nz(rng, -6, 6)) : rat(nz(rng, -9, 9), rng.pick([2, 3, 4, 5]));
    const y1 = rng.int(-12, 12);
    const y2 = add(rat(y1), mul(m, rat(x2 - x1)));
    if (y2.d !== 1) throw new RangeError('non-integer point');
    const f = rng.pick(FN);
    const stem = rng.pick([
      `A line in the xy-plane passes through the points ${pt(x1, y1)} and ${pt(x2, y2)}. What is the slope of the line?`,
      `For the linear function ${f}, ${f}(${x1}) = ${y1} and ${f}(${x2}) = ${fmt(y2)}. What is the slope of the graph of y = ${f}(x) in the xy-plane?`,
    ]);
    return {
      stem,
      steps: [`Slope = (change in y)/(change in x) = (${fmt(y2)} - ${par(y1)})/(${x2} - ${par(x1)}) = ${fmt(sub(y2, rat(y1)))}/${par(x2 - x1)}.`, `This simplifies to ${fmt(m)}.`],
      spec: { p1: [x1, y1], p2: [x2, y2.n] },
      key: m,
      distractors: [
        dn(div(rat(x2 - x1), sub(y2, rat(y1))), 'divides the change in x by the change in y'),
        dn(neg(m), 'subtracts the coordinates in opposite orders (sign error)'),
        dn(div(y2, rat(x2)), 'divides one point\'s y-coordinate by its x-coordinate, as if the line passed through the origin'),
      ],
    };
  },
  solve(s) {
    const [x1, y1] = s.p1 as number[];
    const [x2, y2] = s.p2 as number[];
    // The slope m makes y1 + m(x − x1) pass through the second point: m = (y1 − y2)/(x1 − x2).
    return rat(y1 - y2, x1 - x2);
  },
};

function tableText(f: string, rows: [number, Rational][]): string {
  return [`| x | ${f}(x) |`, '|---|---|', ...rows.map(([x, y]) => `| ${x} | ${fmt(y)} |`)].join('\n');
}

const equationFromTable: Family = {
  id: 'equation-from-table',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const f = rng.pick(FN);
    const m = d === 'medium' ? rat(nz(rng, -6, 7)) : rat(nz(rng, -7, 7), rng.pick([2, 3]));
    const b = nz(rng, -12, 12);
    const step = m.d * rng.pick([1, 2]);
    const x0 = m.d * nz(rng, -2, 2);
    const xs = [0, 1, 2, 3].map((i) => x0 + i * step);
    const rows = xs.map((x): [number, Rational] => [x, add(mul(m, rat(x)), rat(b))]);
    if (rows.some(([, y]) => y.d !== 1)) throw new RangeError('non-integer table');
    const [xa, ya] = rows[0];
    const [xb, yb] = rows[1];
    const dm = div(rat(xb - xa), sub(yb, ya));
    return {
      stem: `The table shows four values of x and their corresponding values of ${f}(x), where ${f} is a linear function. Which equation defines ${f}?`,
      passage: tableText(f, rows),
      steps: [
        `Slope = (${fmt(yb)} - ${par(ya)})/(${xb} - ${par(xa)}) = ${fmt(m)}.`,
        `Use (${xa}, ${fmt(ya)}): ${fmt(ya)} = ${fmtFactor(m)}(${xa}) + b, so b = ${b}.`,
        `So ${f}(x) = ${lin(m, b)}.`,
      ],
      spec: { f, rows: rows.map(([x, y]) => [x, y.n]) },
      key: `${f}(x) = ${lin(m, b)}`,
      distractors: [
        dt(`${f}(x) = ${lin(m, ya)}`, `uses the first output in the table, ${fmt(ya)}, as the y-intercept`),
        dt(`${f}(x) = ${lin(dm, sub(ya, mul(dm, rat(xa))))}`, 'computes the slope as change in x over change in y'),
        dt(`${f}(x) = ${lin(neg(m), add(rat(b), mul(m, rat(2 * xa))))}`, 'gets the sign of the slope wrong, then fits the first row'),
      ],
    };
  },
  solve(s) {
    const f = str(s, 'f');
    const rows = s.rows as number[][];
    return {
      test(option) {
        const r = splitRelation(option);
        if (!r || r.op !== '=' || r.lhs.replace(/\s/g, '') !== `${f}(x)`) return false;
        return rows.every(([x, y]) => {
          const v = tryEvaluate(r.rhs, { x: rat(x) });
          return v !== null && v.n === y && v.d === 1;
        });
      },
    };
  },
};

const CONTEXTS = [
  { fn: 'C', v: 'm', model: 'gives the total cost C(m), in dollars, of a gym membership for m months', slope: 'The monthly cost of the membership, in dollars', intercept: 'The one-time cost to join the gym, in dollars', input: 'The number of months of membership', other: 'The total cost of the membership, in dollars, after one month', sign: 1 },
  { fn: 'V', v: 't', model: 'gives the volume V(t), in liters, of water left in a tank t minutes after it starts draining', slope: 'The number of liters drained from the tank each minute', intercept: 'The volume of water, in liters, in the tank before it starts draining', input: 'The number of minutes it takes the tank to empty', other: 'The volume of water, in liters, left in the tank after one minute', sign: -1 },
  { fn: 'H', v: 'w', model: 'estimates the height H(w), in centimeters, of a sunflower w weeks after it was measured for the first time', slope: 'The number of centimeters the sunflower grows each week', intercept: 'The height of the sunflower, in centimeters, when it was first measured', input: 'The number of weeks the sunflower was observed', other: 'The height of the sunflower, in centimeters, one week after it was first measured', sign: 1 },
  { fn: 'B', v: 'd', model: 'gives the balance B(d), in dollars, on a transit card after d days of commuting', slope: 'The amount, in dollars, spent on commuting each day', intercept: 'The amount, in dollars, first loaded onto the card', input: 'The number of days the card can be used', other: 'The balance on the card, in dollars, after one day', sign: -1 },
  { fn: 'P', v: 'n', model: 'gives the profit P(n), in dollars, a food truck makes on a day it sells n meals', slope: 'The profit, in dollars, made on each meal sold', intercept: 'The fixed daily costs, in dollars, of running the truck', input: 'The number of meals sold in a day', other: 'The profit, in dollars, from selling one meal after daily costs', sign: 1 },
  { fn: 'D', v: 'h', model: 'gives the distance D(h), in miles, a cyclist is from home h hours after passing a rest stop', slope: 'The cyclist\'s speed, in miles per hour', intercept: 'The distance, in miles, from home to the rest stop', input: 'The number of hours the cyclist rode in all', other: 'The distance, in miles, from home one hour after passing the rest stop', sign: 1 },
  { fn: 'F', v: 'k', model: 'gives the amount of fuel F(k), in gallons, in a truck\'s tank after it has been driven k miles since its last refill', slope: 'The number of gallons of fuel used per mile', intercept: 'The amount of fuel, in gallons, in the tank right after the refill', input: 'The number of miles the truck can be driven on a full tank', other: 'The amount of fuel, in gallons, in the tank after one mile', sign: -1 },
] as const;

const interpret: Family = {
  id: 'interpret-in-context',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng, d) {
    const ci = rng.int(0, CONTEXTS.length - 1);
    const c = CONTEXTS[ci];
    // Fuel and per-mile costs are small decimals; other contexts use whole numbers.
    const rate = c.fn === 'F' ? rng.pick([0.04, 0.05, 0.06, 0.08]) : rng.int(3, 60);
    const start = c.fn === 'F' ? rng.int(12, 30) : c.fn === 'P' ? -rng.int(150, 600) : rng.int(20, 900);
    const role = d === 'easy' ? 'slope' : rng.pick(['slope', 'intercept'] as const);
    const model = c.fn === 'P'
      ? `${c.fn}(${c.v}) = ${rate}${c.v} - ${-start}`
      : c.sign > 0 ? `${c.fn}(${c.v}) = ${rate}${c.v} + ${start}` : `${c.fn}(${c.v}) = ${start} - ${rate}${c.v}`;
    const asked = role === 'slope' ? rate : Math.abs(start);
    return {
      stem: `The function ${model} ${c.model}. What is the best interpretation of ${asked} in this context?`,
      steps: [
        `In a linear model, the number multiplied by ${c.v} is the rate of change of ${c.fn} per unit of ${c.v}; the constant term is the value of ${c.fn} when ${c.v} = 0.`,
        role === 'slope'
          ? `${asked} multiplies ${c.v}, so it is the rate: ${c.slope.charAt(0).toLowerCase()}${c.slope.slice(1)}.`
          : `${asked} is the constant term, the value when ${c.v} = 0: ${c.intercept.charAt(0).toLowerCase()}${c.intercept.slice(1)}.`,
      ],
      spec: { ci, role, rate, start },
      key: role === 'slope' ? c.slope : c.intercept,
      distractors: [
        dt(role === 'slope' ? c.intercept : c.slope, role === 'slope' ? 'confuses the rate of change with the starting value' : 'confuses the starting value with the rate of change'),
        dt(c.input, `reads the number as a value of the input ${c.v}`),
        dt(c.other, `treats the number as the output when ${c.v} = 1`),
      ],
    };
  },
  solve(s) {
    const c = CONTEXTS[num(s, 'ci')];
    if (!c) throw new Error('unknown context');
    return { text: s.role === 'slope' ? c.slope : c.intercept };
  },
};

const twoValues: Family = {
  id: 'value-from-two-values',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const f = rng.pick(FN);
    const m = d === 'medium' ? rat(nz(rng, -6, 8)) : rat(nz(rng, -9, 9), rng.pick([2, 3, 4]));
    const b = nz(rng, -15, 15);
    const x1 = m.d * rng.int(-2, 3);
    const x2 = x1 + m.d * rng.int(1, 3);
    const x3 = d === 'medium' ? intExcept(rng, -5, 12, x1, x2) : rng.pick([0, m.d * rng.int(4, 6), -m.d * rng.int(1, 3)]);
    const F = (x: number) => add(mul(m, rat(x)), rat(b));
    if (x3 === x1 || x3 === x2) throw new RangeError('asked a given value');
    return {
      stem: `For the linear function ${f}, ${f}(${x1}) = ${fmt(F(x1))} and ${f}(${x2}) = ${fmt(F(x2))}. What is the value of ${f}(${x3})?`,
      steps: [
        `Slope = (${fmt(F(x2))} - ${par(F(x1))})/(${x2} - ${par(x1)}) = ${fmt(m)}.`,
        `Then ${f}(${x3}) = ${f}(${x1}) + ${fmtFactor(m)}(${x3} - ${par(x1)}) = ${fmt(F(x1))} + ${par(mul(m, rat(x3 - x1)))} = ${fmt(F(x3))}.`,
      ],
      spec: { f, x1, y1: [F(x1).n, F(x1).d], x2, y2: [F(x2).n, F(x2).d], x3 },
      key: F(x3),
      distractors: [
        dn(mul(m, rat(x3)), `multiplies the slope by ${x3} but leaves out the y-intercept`),
        dn(add(F(x1), mul(div(rat(x2 - x1), sub(F(x2), F(x1))), rat(x3 - x1))), 'uses change in x over change in y as the slope'),
        dn(add(F(x2), mul(m, rat(x3))), `adds ${fmtFactor(m)}·${x3} to ${f}(${x2}) instead of to the y-intercept`),
      ],
    };
  },
  solve(s) {
    // Lagrange form: f(t) = y1(t − x2)/(x1 − x2) + y2(t − x1)/(x2 − x1).
    const [x1, x2, t] = [num(s, 'x1'), num(s, 'x2'), num(s, 'x3')];
    const y1 = ratOf(s.y1);
    const y2 = ratOf(s.y2);
    return add(mul(y1, rat(t - x2, x1 - x2)), mul(y2, rat(t - x1, x2 - x1)));
  },
};

const MODELS = [
  { text: 'A candle is {S} centimeters tall when it is lit and burns down at a constant rate of {R} centimeters per hour.', q: 'how many hours after it is lit will the candle be {T} centimeters tall', val: 'what will the height of the candle be, in centimeters, {t} hours after it is lit', dir: -1, unit: 'hours' },
  { text: 'A water tank holds {S} gallons and is being filled at a constant rate of {R} gallons per minute.', q: 'after how many minutes will the tank hold {T} gallons', val: 'how many gallons will the tank hold after {t} minutes', dir: 1, unit: 'minutes' },
  { text: 'A hiker starts at an elevation of {S} feet and descends at a constant rate of {R} feet per minute.', q: 'after how many minutes will the hiker be at an elevation of {T} feet', val: 'what will the hiker\'s elevation be, in feet, after {t} minutes', dir: -1, unit: 'minutes' },
  { text: 'A savings account has ${S} in it, and ${R} is deposited into it at the end of each week, with no withdrawals.', q: 'after how many weeks will the account hold ${T}', val: 'how many dollars will the account hold after {t} weeks', dir: 1, unit: 'weeks' },
  { text: 'A phone battery is at {S} percent and loses charge at a constant rate of {R} percentage points per hour of video.', q: 'after how many hours of video will the battery be at {T} percent', val: 'at what percent will the battery be after {t} hours of video', dir: -1, unit: 'hours' },
] as const;

const modelValue: Family = {
  id: 'linear-model-word-problem',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const mi = rng.int(0, MODELS.length - 1);
    const M = MODELS[mi];
    const R = M.unit === 'hours' && M.dir < 0 ? rng.pick([2, 3, 4, 5, 6, 1.5, 2.5]) : rng.int(2, 40) * (M.text.includes('feet') ? 5 : 1);
    const t = rng.int(2, 14);
    const S = M.dir < 0 ? Math.ceil((R * (t + rng.int(1, 8))) / 5) * 5 : rng.int(10, 400);
    if (M.text.includes('percent') && S > 100) throw new RangeError('battery above 100%');
    const T = S + M.dir * R * t;
    const askTime = d === 'hard' || rng.chance(0.5);
    const fill = (s: string) => s.replaceAll('{S}', money(S)).replaceAll('{R}', money(R)).replaceAll('{T}', money(T)).replaceAll('{t}', String(t));
    const q = fill(askTime ? M.q : M.val);
    const tenth = (x: number) => rat(Math.round(x * 10), 10);
    const key = askTime ? rat(t) : add(tenth(S), mul(tenth(M.dir * R), rat(t)));
    const eq = `${money(S)} ${M.dir > 0 ? '+' : '-'} ${money(R)}x`;
    return {
      stem: `${fill(M.text)} If the rate stays constant, ${q}?`,
      steps: askTime
        ? [`After x ${M.unit} the amount is ${eq}.`, `Set ${eq} = ${money(T)}: ${money(R)}x = ${money(Math.abs(T - S))}, so x = ${t}.`]
        : [`After x ${M.unit} the amount is ${eq}.`, `Substitute x = ${t}: ${money(S)} ${M.dir > 0 ? '+' : '-'} ${money(R)}(${t}) = ${money(T)}.`],
      spec: { mi, S: [Math.round(S * 10), 10], R: [Math.round(R * 10), 10], dir: M.dir, askTime, t, T: [Math.round(T * 10), 10] },
      key,
      distractors: askTime
        ? [dn(rat(Math.round(T * 10), Math.round(R * 10)), `divides the target amount by the rate, ignoring the starting amount`), dn(rat(Math.round((S + T) * 10), Math.round(R * 10)), 'adds the starting and target amounts before dividing'), dn(t + 1, 'counts the starting moment as one more unit of time')]
        : [dn(rat(Math.round((S - M.dir * R * t) * 10), 10), 'changes the amount in the wrong direction'), dn(rat(Math.round(R * t * 10), 10), 'gives only the change, not the resulting amount'), dn(rat(Math.round((S + M.dir * R * (t - 1)) * 10), 10), `applies the rate for ${t - 1} ${M.unit} instead of ${t}`)],
    };
  },
  solve(s) {
    const S = ratOf(s.S);
    const R = mul(ratOf(s.R), rat(num(s, 'dir')));
    if (s.askTime === true) {
      // Step forward one unit at a time until the target amount is reached.
      const T = ratOf(s.T);
      let amount = S;
      for (let x = 0; x <= 200; x++, amount = add(amount, R)) if (amount.n === T.n && amount.d === T.d) return rat(x);
      throw new Error('target never reached');
    }
    let amount = S;
    for (let x = 0; x < num(s, 't'); x++) amount = add(amount, R);
    return amount;
  },
};

const parallelPerp: Family = {
  id: 'parallel-perpendicular',
  bands: ['hard'],
  spr: true,
  build(rng) {
    // Line ℓ: ax + by = c; line k through (x0, y0), parallel or perpendicular to ℓ.
    const a = nz(rng, -6, 6);
    const b = intExcept(rng, -6, 6, 0, a, -a);
    const c = nz(rng, -20, 20);
    const perp = rng.chance(0.6);
    const mL = rat(-a, b);
    const mK = perp ? rat(b, a) : mL;
    const x0 = mK.d * nz(rng, -3, 3);
    const y0 = rng.int(-9, 9);
    const B = sub(rat(y0), mul(mK, rat(x0)));
    const rel = perp ? 'perpendicular' : 'parallel';
    return {
      stem: `In the xy-plane, line ℓ has equation ${lin(a, 0)} ${b > 0 ? '+' : '-'} ${Math.abs(b) === 1 ? '' : Math.abs(b)}y = ${c}. Line k is ${rel} to line ℓ and passes through the point ${pt(x0, y0)}. What is the y-coordinate of the y-intercept of line k?`,
      steps: [
        `Solve for y: line ℓ has slope ${fmt(mL)}.`,
        perp ? `A perpendicular line has the negative reciprocal slope, ${fmt(mK)}.` : `A parallel line has the same slope, ${fmt(mK)}.`,
        `Line k: y = ${fmtFactor(mK)}x + b through ${pt(x0, y0)} gives ${y0} = ${fmt(mul(mK, rat(x0)))} + b, so b = ${fmt(B)}.`,
      ],
      spec: { a, b, c, perp, x0, y0 },
      key: B,
      distractors: [
        dn(sub(rat(y0), mul(perp ? mL : neg(mL), rat(x0))), perp ? 'uses the slope of ℓ instead of the perpendicular slope' : 'uses the negative of the slope of ℓ'),
        dn(rat(c, b), 'gives the y-intercept of line ℓ instead of line k'),
        dn(add(rat(y0), mul(mK, rat(x0))), `adds the slope times ${x0} instead of subtracting it`),
      ],
    };
  },
  solve(s) {
    const [a, b, c, x0, y0] = ['a', 'b', 'c', 'x0', 'y0'].map((k) => num(s, k));
    // Two points on ℓ give its slope; k's slope follows; intercept from the point.
    const yAt = (x: number) => rat(c - a * x, b);
    const mL = sub(yAt(1), yAt(0));
    const mK = s.perp === true ? div(rat(-1), mL) : mL;
    return sub(rat(y0), mul(mK, rat(x0)));
  },
};

const ofExpression: Family = {
  id: 'function-of-expression',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const f = rng.pick(FN);
    const a = nz(rng, -7, 8);
    const b = nz(rng, -12, 12);
    const p = d === 'medium' ? rng.pick([2, 3, 4, -1]) : rng.pick([2, 3, 5, -2, -3]);
    const q = nz(rng, -9, 9);
    const def = lin(a, b);
    const inner = lin(p, q, 'u');
    return {
      stem: `The function ${f} is defined by ${f}(x) = ${def}. Which expression is equivalent to ${f}(${inner})?`,
      steps: [`Replace x with ${inner}: ${f}(${inner}) = ${a === 1 ? '' : a === -1 ? '-' : a}(${inner}) ${b > 0 ? '+' : '-'} ${Math.abs(b)}.`, `Distribute: ${lin(a * p, a * q, 'u')} ${b > 0 ? '+' : '-'} ${Math.abs(b)} = ${lin(a * p, a * q + b, 'u')}.`],
      spec: { def, p, q },
      key: lin(a * p, a * q + b, 'u'),
      distractors: [
        dt(lin(a * p, q + b, 'u'), `multiplies only ${p}u by ${a}, not ${q}`),
        dt(lin(a * p, p * b + q, 'u'), `substitutes ${f}(u) into ${inner} (computes ${p}·${f}(u) ${q > 0 ? '+' : '-'} ${Math.abs(q)}) instead of substituting ${inner} into ${f}`),
        dt(lin(a * p, a * q - b, 'u'), `changes the sign of ${b}`),
      ],
      ...(d === 'hard' ? { bShift: 0.2 } : {}),
    };
  },
  solve(s) {
    const def = str(s, 'def');
    const [p, q] = [num(s, 'p'), num(s, 'q')];
    return { test: (o) => sameFunction(o, (u) => evaluate(def, { x: add(mul(rat(p), u), rat(q)) }), 'u') };
  },
};

export const linearFunctions = makeGenerator('math.alg.linear-functions', [
  evaluateFn, inputForOutput, slopeTwoPoints, equationFromTable, interpret, twoValues, modelValue, parallelPerp, ofExpression,
]);
