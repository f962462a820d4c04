import { add, div, mul, neg, rat, sub, type Rational } from '../../../lib/rational.ts';
import { holds, splitRelation, type RelOp } from './expr.ts';
import { dn, dt, fmt, intExcept, lin, makeGenerator, money, num, nums, nz, parsePoint, pt, str, terms, type Family } from './kit.ts';
import { parseRational } from '../../../lib/rational.ts';

const FLIP: Record<string, RelOp> = { '<': '>', '>': '<', '≤': '≥', '≥': '≤' };
const STRICT = ['<', '>'] as const;
const WEAK = ['≤', '≥'] as const;

/**
 * Does the option "v op r" describe the same solution set as `ineq` (in variable v)?
 * Compared on points around and at the option's boundary and far away on both sides.
 */
function sameSolutionSet(option: string, ineq: string, v: string): boolean {
  const r = splitRelation(option);
  if (!r || r.lhs !== v || r.op === '=') return false;
  const b = parseRational(r.rhs.replace(/[−–]/g, '-'));
  if (!b) return false;
  const probes = [rat(0), rat(-1000), rat(1000), b, add(b, rat(1, 97)), sub(b, rat(1, 97)), add(b, rat(1)), sub(b, rat(1))];
  return probes.every((t) => holds(option, { [v]: t }) === holds(ineq, { [v]: t }));
}

const solveIneq: Family = {
  id: 'solve-inequality',
  bands: ['easy', 'medium', 'hard'],
  spr: false,
  build(rng, d) {
    const v = rng.pick(['x', 'n', 't', 'p']);
    const op = rng.pick([...STRICT, ...WEAK]);
    let ineq: string;
    let a: number; // net coefficient of v after collecting
    let rhs: number; // net constant on the right after collecting
    let wrongRhs: number; // the same, with the left constant moved without changing its sign
    if (d === 'hard') {
      const a1 = nz(rng, -6, 6);
      const a2 = intExcept(rng, -6, 6, a1);
      const b1 = nz(rng, -15, 15);
      const b2 = nz(rng, -15, 15);
      ineq = `${lin(a1, b1, v)} ${op} ${lin(a2, b2, v)}`;
      a = a1 - a2;
      rhs = b2 - b1;
      wrongRhs = b2 + b1;
    } else {
      a = d === 'easy' ? rng.int(2, 9) : -rng.int(2, 9);
      const b = nz(rng, -20, 20);
      const x0 = rng.int(-8, 10);
      rhs = a * x0 + (d === 'easy' ? 0 : rng.int(0, 1) * rng.int(1, Math.abs(a) - 1));
      ineq = `${lin(a, b, v)} ${op} ${rhs + b}`;
      wrongRhs = rhs + 2 * b;
    }
    const bound = rat(rhs, a);
    const finalOp = a < 0 ? FLIP[op] : op;
    const show = (o: string, r: Rational) => `${v} ${o} ${fmt(r)}`;
    return {
      stem: rng.pick([
        `Which inequality describes all solutions to ${ineq}?`,
        `${ineq}\nWhich of the following is equivalent to the given inequality?`,
      ]),
      steps: [
        `Collect the ${v}-terms on the left and the constants on the right: ${lin(a, 0, v)} ${op} ${rhs}.`,
        a < 0
          ? `Divide both sides by ${a}; dividing by a negative number reverses the inequality: ${show(finalOp, bound)}.`
          : `Divide both sides by ${a}: ${show(finalOp, bound)}.`,
      ],
      spec: { ineq, v },
      key: show(finalOp, bound),
      distractors: [
        a < 0
          ? dt(show(op, bound), 'divides by a negative number without reversing the inequality')
          : dt(show(FLIP[op], bound), 'reverses the inequality although the divisor is positive'),
        dt(show(finalOp, neg(bound)), 'makes a sign error when dividing'),
        dt(show(finalOp, rat(wrongRhs, a)), 'moves the constant term across the inequality without changing its sign'),
      ],
    };
  },
  solve: (s) => ({ test: (o) => sameSolutionSet(o, str(s, 'ineq'), str(s, 'v')) }),
};

const whichValue: Family = {
  id: 'value-satisfying-inequality',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng, d) {
    const a = d === 'easy' ? rng.int(2, 8) : -rng.int(2, 8);
    const b = nz(rng, -15, 15);
    const x0 = rng.int(-6, 9);
    const op = rng.pick(['<', '>', '≤', '≥'] as const);
    const ineq = `${lin(a, b)} ${op} ${a * x0 + b}`;
    const finalOp = a < 0 ? FLIP[op] : op;
    const inSet = finalOp === '<' || finalOp === '≤';
    // Key: 2 past the boundary inside the set; distractors on the boundary (for strict) or outside.
    const key = x0 + (inSet ? -rng.int(2, 5) : rng.int(2, 5));
    const out = (k: number) => x0 + (inSet ? k : -k);
    const strict = op === '<' || op === '>';
    return {
      stem: `Which of the following values of x satisfies the inequality ${ineq}?`,
      steps: [`Solve: ${lin(a, 0)} ${op} ${a * x0}, so x ${finalOp} ${x0}${a < 0 ? ' (the inequality reverses when dividing by a negative number)' : ''}.`, `Of the choices, only ${key} is ${inSet ? 'less' : 'greater'} than ${strict ? '' : 'or equal to '}${x0}.`],
      spec: { ineq },
      key: rat(key),
      distractors: [
        dn(strict ? x0 : out(1), strict ? 'includes the boundary value although the inequality is strict' : 'picks a value just past the boundary'),
        dn(out(rng.int(2, 4)), a < 0 ? 'forgets to reverse the inequality when dividing by a negative number' : 'reads the inequality in the wrong direction'),
        dn(out(rng.int(5, 8)), 'solves correctly but tests the values against the wrong side'),
      ],
    };
  },
  solve(s) {
    const ineq = str(s, 'ineq');
    return {
      test(o) {
        const v = parseRational(o.replace(/[−–]/g, '-'));
        return v !== null && holds(ineq, { x: v }) === true;
      },
    };
  },
};

const CAPACITY = [
  { text: 'An elevator can carry at most {L} pounds. A worker who weighs {F} pounds is loading boxes that weigh {R} pounds each into the elevator, and will ride in it with them.', ask: 'What is the greatest number of boxes the worker can load?', kind: 'max' },
  { text: 'Mia has ${L} to spend on a school trip. The bus ticket costs ${F}, and each museum pass costs ${R}.', ask: 'What is the greatest number of museum passes she can buy?', kind: 'max' },
  { text: 'A phone plan allows at most {L} megabytes of data per month. Jordan has already used {F} megabytes and each video call uses {R} megabytes.', ask: 'What is the greatest number of video calls Jordan can make without going over the limit?', kind: 'max' },
  { text: 'A club needs to raise at least ${L} for a trip. It has already raised ${F} and earns ${R} for each car it washes.', ask: 'What is the least number of cars the club must wash to reach its goal?', kind: 'min' },
  { text: 'Omar wants to have at least {L} points in a reading challenge. He has {F} points and earns {R} points for each book he finishes.', ask: 'What is the least number of books Omar must finish?', kind: 'min' },
] as const;

const capacityWord: Family = {
  id: 'word-problem-max-min',
  weight: 0.7,
  bands: ['easy', 'medium', 'hard'],
  spr: true,
  build(rng, d) {
    const ci = rng.int(0, CAPACITY.length - 1);
    const c = CAPACITY[ci];
    const R = d === 'easy' ? rng.pick([5, 10, 20, 25]) : rng.int(6, 45);
    const F = rng.int(2, 30) * (d === 'easy' ? 5 : 3);
    const n = rng.int(4, 30);
    // Hard: the limit is not an exact multiple, so the answer needs rounding the right way.
    const L = F + R * n + (d === 'easy' ? 0 : c.kind === 'max' ? rng.int(1, R - 1) : -rng.int(1, R - 1));
    const fill = (t: string) => t.replace('{L}', money(L)).replace('{F}', money(F)).replace('{R}', money(R));
    const exact = rat(L - F, R);
    return {
      stem: `${fill(c.text)} ${c.ask}`,
      steps: [
        `With k ${c.kind === 'max' ? 'items' : 'units'}, the condition is ${F} + ${R}k ${c.kind === 'max' ? '≤' : '≥'} ${L}, so ${R}k ${c.kind === 'max' ? '≤' : '≥'} ${L - F} and k ${c.kind === 'max' ? '≤' : '≥'} ${fmt(exact)}.`,
        exact.d === 1 ? `So k = ${n}.` : `k must be a whole number, so k = ${n} (${c.kind === 'max' ? `${n + 1} would exceed the limit` : `${n - 1} would fall short`}).`,
      ],
      spec: { ci, L, F, R },
      key: rat(n),
      distractors: [
        dn(Math.floor(L / R), `forgets to account for the ${F} already ${c.kind === 'max' ? 'used' : 'in hand'}`),
        dn(exact.d === 1 ? (c.kind === 'max' ? n - 1 : n + 1) : c.kind === 'max' ? n + 1 : n - 1, exact.d === 1 ? 'treats the inequality as strict' : 'rounds in the wrong direction'),
        dn(Math.floor((L + F) / R), `adds ${F} to the limit instead of subtracting it`),
      ],
    };
  },
  solve(s) {
    const [L, F, R] = [num(s, 'L'), num(s, 'F'), num(s, 'R')];
    const ok = (k: number) => (CAPACITY[num(s, 'ci')].kind === 'max' ? F + R * k <= L : F + R * k >= L);
    if (CAPACITY[num(s, 'ci')].kind === 'max') {
      let k = 0;
      while (ok(k + 1)) k++;
      return rat(k);
    }
    let k = 0;
    while (!ok(k)) k++;
    return rat(k);
  },
};

const regionPoint: Family = {
  id: 'system-of-inequalities-point',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    const m1 = nz(rng, -4, 4);
    const m2 = intExcept(rng, -4, 4, m1);
    const b1 = rng.int(-6, 8);
    const b2 = rng.int(-6, 8);
    const o1 = rng.pick(['<', '≤', '>', '≥'] as const);
    const o2 = rng.pick(['<', '≤', '>', '≥'] as const);
    const i1 = `y ${o1} ${lin(m1, b1)}`;
    const i2 = d === 'hard' ? `${terms([[-m2, 'x'], [1, 'y']])} ${o2} ${b2}` : `y ${o2} ${lin(m2, b2)}`;
    const above = (o: string) => o === '>' || o === '≥';
    // Pick x, then a y that satisfies both; distractors break one or both.
    const x = rng.int(-4, 5);
    const l1 = m1 * x + b1;
    const l2 = m2 * x + b2;
    const lo = Math.max(above(o1) ? l1 + 1 : -Infinity, above(o2) ? l2 + 1 : -Infinity);
    const hi = Math.min(above(o1) ? Infinity : l1 - 1, above(o2) ? Infinity : l2 - 1);
    const y = Number.isFinite(lo) && Number.isFinite(hi) ? (lo <= hi ? rng.int(lo, hi) : NaN) : Number.isFinite(lo) ? lo + rng.int(0, 3) : hi - rng.int(0, 3);
    if (Number.isNaN(y)) throw new RangeError('empty at this x');
    const breakFirst = above(o1) ? l1 - rng.int(1, 3) : l1 + rng.int(1, 3);
    const breakSecond = above(o2) ? l2 - rng.int(1, 3) : l2 + rng.int(1, 3);
    return {
      stem: `${i1}\n${i2}\nWhich point (x, y) is a solution to the given system of inequalities in the xy-plane?`,
      steps: [`A solution must make both inequalities true. Test ${pt(x, y)}.`, `First: ${y} ${o1} ${l1} is true. Second: ${y} ${o2} ${l2} (at x = ${x}) is true.`],
      spec: { i1, i2 },
      key: pt(x, y),
      distractors: [
        dt(pt(x, breakFirst), 'satisfies only the second inequality'),
        dt(pt(x, breakSecond), 'satisfies only the first inequality'),
        dt(pt(y, x), 'swaps the coordinates of a solution'),
      ],
    };
  },
  solve(s) {
    const [i1, i2] = [str(s, 'i1'), str(s, 'i2')];
    return {
      test(o) {
        const p = parsePoint(o);
        return p !== null && holds(i1, { x: p[0], y: p[1] }) === true && holds(i2, { x: p[0], y: p[1] }) === true;
      },
    };
  },
};

const MODELS = [
  { text: 'A delivery van can carry at most {L} pounds of cargo. It is loaded with boxes that weigh {A} pounds each and crates that weigh {B} pounds each.', u: 'b', v: 'c', uName: 'boxes', vName: 'crates', op: '≤' },
  { text: 'To earn a badge, a camper must log at least {L} minutes of activity. Each swim session lasts {A} minutes and each hike lasts {B} minutes.', u: 's', v: 'h', uName: 'swim sessions', vName: 'hikes', op: '≥' },
  { text: 'A student council can spend no more than ${L} on snacks. Bags of pretzels cost ${A} each and boxes of granola bars cost ${B} each.', u: 'p', v: 'g', uName: 'bags of pretzels', vName: 'boxes of granola bars', op: '≤' },
  { text: 'A farmer needs at least {L} pounds of feed. Small sacks hold {A} pounds and large sacks hold {B} pounds.', u: 'm', v: 'n', uName: 'small sacks', vName: 'large sacks', op: '≥' },
] as const;

const modelIneq: Family = {
  id: 'inequality-model',
  bands: ['easy', 'medium'],
  spr: false,
  build(rng) {
    const mi = rng.int(0, MODELS.length - 1);
    const M = MODELS[mi];
    const [A, B] = rng.sample([3, 4, 5, 6, 8, 12, 15, 20, 25, 30, 40], 2);
    const L = rng.int(8, 60) * 10;
    const fill = (t: string) => t.replace('{L}', money(L)).replace('{A}', money(A)).replace('{B}', money(B));
    const lhs = `${A}${M.u} + ${B}${M.v}`;
    return {
      stem: `${fill(M.text)} Which inequality represents this situation, where ${M.u} is the number of ${M.uName} and ${M.v} is the number of ${M.vName}?`,
      steps: [`The ${M.uName} contribute ${A}${M.u} and the ${M.vName} contribute ${B}${M.v}, for a total of ${lhs}.`, `"${M.op === '≤' ? 'At most / no more than' : 'At least'}" means ${M.op}: ${lhs} ${M.op} ${L}.`],
      spec: { mi, A, B, L },
      key: `${lhs} ${M.op} ${L}`,
      distractors: [
        dt(`${lhs} ${FLIP[M.op]} ${L}`, `reads "${M.op === '≤' ? 'at most' : 'at least'}" in the wrong direction`),
        dt(`${B}${M.u} + ${A}${M.v} ${M.op} ${L}`, 'attaches each amount to the wrong variable'),
        dt(`${M.u} + ${M.v} ${M.op} ${L}`, 'counts items instead of their amounts'),
      ],
    };
  },
  solve(s) {
    const M = MODELS[num(s, 'mi')];
    const [A, B, L] = [num(s, 'A'), num(s, 'B'), num(s, 'L')];
    const truth = (u: Rational, v: Rational) => {
      const total = add(mul(rat(A), u), mul(rat(B), v));
      const c = Math.sign(total.n - L * total.d);
      return M.op === '≤' ? c <= 0 : c >= 0;
    };
    const probes: [Rational, Rational][] = [
      [rat(0), rat(0)], [rat(L, A), rat(0)], [rat(0), rat(L, B)], [add(rat(L, A), rat(1)), rat(0)], [rat(0), add(rat(L, B), rat(1))],
      [rat(1), rat(1)], [rat(L, 2 * A), rat(L, 2 * B)], [rat(L, A + B), rat(L, A + B)], [rat(L, A), rat(1)],
    ];
    return { test: (o) => probes.every(([u, v]) => holds(o, { [M.u]: u, [M.v]: v }) === truth(u, v)) };
  },
};

const compound: Family = {
  id: 'compound-inequality-integer',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const a = d === 'medium' ? rng.int(2, 5) : rng.pick([-2, -3, -4, 3, 4]);
    const b = nz(rng, -9, 9);
    const lo = rng.int(-20, 5);
    const hi = lo + rng.int(Math.abs(a) * 2, Math.abs(a) * 6);
    const lop = rng.pick(['<', '≤'] as const);
    const hop = rng.pick(['<', '≤'] as const);
    const ask = rng.pick(['greatest', 'least'] as const);
    const ineq = `${lo} ${lop} ${lin(a, b)} ${hop} ${hi}`;
    const ints: number[] = [];
    for (let x = -200; x <= 200; x++) {
      const v = a * x + b;
      if ((lop === '<' ? lo < v : lo <= v) && (hop === '<' ? v < hi : v <= hi)) ints.push(x);
    }
    if (ints.length < 2) throw new RangeError('too few integers');
    const key = ask === 'greatest' ? Math.max(...ints) : Math.min(...ints);
    const loX = rat(lo - b, a);
    const hiX = rat(hi - b, a);
    const [left, right] = a > 0 ? [loX, hiX] : [hiX, loX];
    return {
      stem: `${ineq}\nWhat is the ${ask} integer value of x that satisfies the given inequality?`,
      steps: [
        `${b < 0 ? `Add ${-b} to` : `Subtract ${b} from`} all three parts, then divide by ${a}${a < 0 ? ', reversing both inequality signs' : ''}: x lies between ${fmt(left)} and ${fmt(right)}.`,
        `Checking the endpoints (included only where the sign allows equality), the ${ask} integer in that interval is ${key}.`,
      ],
      spec: { a, b, lo, hi, lop, hop, ask },
      key: rat(key),
      distractors: [
        dn(ask === 'greatest' ? Math.max(...ints) + 1 : Math.min(...ints) - 1, 'includes an endpoint that the strict inequality excludes, or rounds the wrong way'),
        dn(ask === 'greatest' ? Math.min(...ints) : Math.max(...ints), `gives the ${ask === 'greatest' ? 'least' : 'greatest'} integer instead`),
        dn(ask === 'greatest' ? hi : lo, 'reads the bound of the expression as the bound of x'),
      ],
    };
  },
  solve(s) {
    const [a, b, lo, hi] = [num(s, 'a'), num(s, 'b'), num(s, 'lo'), num(s, 'hi')];
    const ineq = `${lo} ${s.lop} ${a}x + ${b}`;
    const ineq2 = `${a}x + ${b} ${s.hop} ${hi}`;
    // Scan outward from the exact interval's endpoints with the evaluator.
    const ends = [div(rat(lo - b), rat(a)), div(rat(hi - b), rat(a))].map((r) => r.n / r.d);
    const from = Math.floor(Math.min(...ends)) - 2;
    const to = Math.ceil(Math.max(...ends)) + 2;
    const ok: number[] = [];
    for (let x = from; x <= to; x++) if (holds(ineq, { x: rat(x) }) && holds(ineq2, { x: rat(x) })) ok.push(x);
    if (ok.length === 0) throw new Error('no integer solution');
    return rat(s.ask === 'greatest' ? Math.max(...ok) : Math.min(...ok));
  },
};

const average: Family = {
  id: 'average-threshold',
  bands: ['medium', 'hard'],
  spr: true,
  build(rng, d) {
    const k = d === 'medium' ? 3 : rng.int(4, 5);
    const target = rng.int(75, 92);
    const scores = Array.from({ length: k }, () => rng.int(Math.max(60, target - 15), Math.min(100, target + 10)));
    const sum = scores.reduce((p, q) => p + q, 0);
    const need = target * (k + 1) - sum;
    if (need < 40 || need > 100) throw new RangeError('needed score out of range');
    const who = rng.pick(['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fatima', 'Grace', 'Hiro']);
    return {
      stem: `${who}'s scores on the first ${k} tests of a course are ${scores.slice(0, -1).join(', ')}, and ${scores.at(-1)}. What is the least score ${who} can earn on the next test so that the mean of all ${k + 1} scores is at least ${target}?`,
      steps: [
        `Let s be the next score. The mean is at least ${target} when (${sum} + s)/${k + 1} ≥ ${target}.`,
        `So ${sum} + s ≥ ${target * (k + 1)}, and s ≥ ${need}.`,
      ],
      spec: { scores, target },
      key: rat(need),
      distractors: [
        dn(target, `assumes scoring the target mean, ${target}, on the next test is enough`),
        dn(Math.ceil(2 * target - sum / k), 'averages the new score with the current mean as if both had equal weight'),
        dn(Math.round(sum / k), 'gives the mean of the scores so far'),
      ],
    };
  },
  solve(s) {
    const scores = nums(s, 'scores');
    const target = num(s, 'target');
    // Try every whole score from 0 to 100 and keep the least that meets the mean.
    for (let x = 0; x <= 100; x++) {
      const all = [...scores, x];
      if (all.reduce((p, q) => p + q, 0) >= target * all.length) return rat(x);
    }
    throw new Error('unreachable target');
  },
};

export const inequalities = makeGenerator('math.alg.inequalities', [
  solveIneq, whichValue, capacityWord, regionPoint, modelIneq, compound, average,
]);
