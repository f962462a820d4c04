/** Linear equations in one variable from contexts: setting up the equation, and literal equations. */
import { rat } from '../../../../lib/rational.ts';
import { holds, splitRelation, tryEvaluate } from '../expr.ts';
import { dn, dt, money, num, str, type Family } from '../kit.ts';

const CONTEXTS = [
  { who: 'A plumber', fixed: 'a service fee of $F', rate: '$R per hour of work', total: 'A customer was billed $T for one visit.', ask: 'For how many hours did the plumber work?', unit: 'hours' },
  { who: 'A gym', fixed: 'a one-time joining fee of $F', rate: '$R per month', total: 'Dana has paid the gym $T in total.', ask: 'For how many months has Dana been a member?', unit: 'months' },
  { who: 'A bike rental shop', fixed: 'a flat fee of $F', rate: '$R per hour', total: 'Luis paid $T for one rental.', ask: 'For how many hours did Luis rent the bike?', unit: 'hours' },
  { who: 'An online course', fixed: 'an enrollment fee of $F', rate: '$R for each module taken', total: 'A student paid $T in all.', ask: 'How many modules did the student take?', unit: 'modules' },
  { who: 'A moving company', fixed: 'a base charge of $F', rate: '$R per mile driven', total: 'One move cost $T.', ask: 'How many miles was the truck driven for this move?', unit: 'miles' },
  { who: 'A print shop', fixed: 'a setup fee of $F', rate: '$R per poster', total: 'A club paid $T for one order of posters.', ask: 'How many posters were in the order?', unit: 'posters' },
] as const;

export const wordSetup: Family = {
  id: 'word-problem',
  bands: ['easy', 'medium'],
  spr: true,
  build(rng, d) {
    const ctx = rng.pick(CONTEXTS);
    const R = d === 'easy' ? rng.int(3, 15) * 5 : rng.pick([12, 15, 18, 24, 35, 45, 55, 65]);
    const m = rng.int(1, 4);
    const F = R * m;
    const n = rng.int(3, 16);
    const T = F + R * n;
    const fill = (s: string) => s.replace('$F', `$${money(F)}`).replace('$R', `$${money(R)}`).replace('$T', `$${money(T)}`);
    return {
      stem: `${ctx.who} charges ${fill(ctx.fixed)} plus ${fill(ctx.rate)}. ${fill(ctx.total)} ${ctx.ask}`,
      steps: [
        `Let n be the number of ${ctx.unit}. Then ${F} + ${R}n = ${T}.`,
        `Subtract ${F}: ${R}n = ${T - F}. Divide by ${R}: n = ${n}.`,
      ],
      spec: { F, R, T },
      key: rat(n),
      distractors: [
        dn(T / R, `divides the total by the rate without removing the $${F} fee`),
        dn((T + F) / R, `adds the $${F} fee to the total instead of subtracting it`),
        dn(n + 1, `counts the fee as one extra ${ctx.unit.replace(/s$/, '')}`),
      ],
    };
  },
  solve(s) {
    // Count up from the fee until the total is reached.
    const [F, R, T] = [num(s, 'F'), num(s, 'R'), num(s, 'T')];
    for (let n = 0; n <= 1000; n++) if (F + R * n === T) return rat(n);
    throw new Error('no whole-number solution');
  },
};

const LITERAL = [
  { q: 'C', t: 'h', text: 'The equation C = {A}h + {B} gives the total cost C, in dollars, of renting a kayak for h hours.' },
  { q: 'L', t: 'w', text: 'The equation L = {A}w + {B} gives the length L, in millimeters, of a spring when an object of w grams hangs from it.' },
  { q: 'T', t: 'm', text: 'The equation T = {A}m + {B} gives the temperature T, in degrees Fahrenheit, of an oven m minutes after it is turned on.' },
  { q: 'S', t: 'd', text: 'The equation S = {A}d + {B} gives the number of songs S in a playlist d days after it was created.' },
  { q: 'P', t: 'k', text: 'The equation P = {A}k + {B} gives the pressure P, in kilopascals, at a depth of k meters in a test tank.' },
] as const;

const TWO_VAR = [
  { q: 'R', u: 'c', w: 'p', text: 'A bakery sells cakes for ${A} each and pies for ${B} each. Its revenue R, in dollars, from selling c cakes and p pies is R = {A}c + {B}p.' },
  { q: 'W', u: 'b', w: 'j', text: 'A shipping box holds b books that weigh {A} ounces each and j journals that weigh {B} ounces each. The contents weigh W = {A}b + {B}j ounces.' },
  { q: 'E', u: 'h', w: 's', text: 'A tutor earns ${A} per hour of lessons and ${B} per graded essay. Last month the tutor earned E = {A}h + {B}s dollars for h hours and s essays.' },
  { q: 'V', u: 'a', w: 'c', text: 'A theater sold a adult tickets at ${A} each and c child tickets at ${B} each. The total ticket revenue V, in dollars, is V = {A}a + {B}c.' },
] as const;

export const literal: Family = {
  id: 'literal-equation',
  bands: ['medium', 'hard'],
  spr: false,
  build(rng, d) {
    if (d === 'medium') {
      const ctx = rng.pick(LITERAL);
      const A = rng.int(2, 25);
      const B = rng.int(3, 90);
      const { q, t } = ctx;
      return {
        stem: `${ctx.text.replace('{A}', String(A)).replace('{B}', String(B))} Which equation gives ${t} in terms of ${q}?`,
        steps: [`Subtract ${B} from both sides: ${q} - ${B} = ${A}${t}.`, `Divide both sides by ${A}: ${t} = (${q} - ${B})/${A}.`],
        spec: { variant: 'one', q, t, A, B },
        key: `${t} = (${q} - ${B})/${A}`,
        distractors: [
          dt(`${t} = (${q} + ${B})/${A}`, `adds ${B} instead of subtracting it`),
          dt(`${t} = ${q}/${A} - ${B}`, `divides only ${q} by ${A}, not the whole difference`),
          dt(`${t} = ${A}(${q} - ${B})`, `multiplies by ${A} instead of dividing`),
        ],
      };
    }
    const ctx = rng.pick(TWO_VAR);
    const [A, B] = rng.sample([3, 4, 5, 6, 8, 9, 12, 15, 18, 24], 2);
    const { q, u, w } = ctx;
    return {
      stem: `${ctx.text.replaceAll('{A}', String(A)).replaceAll('{B}', String(B))} Which equation expresses ${w} in terms of ${q} and ${u}?`,
      steps: [`Subtract ${A}${u}: ${q} - ${A}${u} = ${B}${w}.`, `Divide by ${B}: ${w} = (${q} - ${A}${u})/${B}.`],
      spec: { variant: 'two', q, u, w, A, B },
      key: `${w} = (${q} - ${A}${u})/${B}`,
      distractors: [
        dt(`${w} = (${q} + ${A}${u})/${B}`, `adds ${A}${u} instead of subtracting it`),
        dt(`${w} = ${q}/${B} - ${A}${u}`, `divides only ${q} by ${B}`),
        dt(`${w} = (${q} - ${B}${u})/${A}`, 'swaps the two rates'),
      ],
      bShift: 0.2,
    };
  },
  solve(s) {
    const A = num(s, 'A');
    const B = num(s, 'B');
    const target = s.variant === 'one' ? str(s, 't') : str(s, 'w');
    const relation = s.variant === 'one' ? `${str(s, 'q')} = ${A}${str(s, 't')} + ${B}` : `${str(s, 'q')} = ${A}${str(s, 'u')} + ${B}${str(s, 'w')}`;
    const others = s.variant === 'one' ? [str(s, 'q')] : [str(s, 'q'), str(s, 'u')];
    return {
      // Substitute the option's formula for the target into the relation at several points.
      test: (option) => {
        const r = splitRelation(option);
        if (!r || r.op !== '=' || r.lhs !== target) return false;
        const points = [[7, 2], [-3, 5], [50, 1], [13, -4]];
        return points.every(([p1, p2]) => {
          const env = Object.fromEntries(others.map((o, i) => [o, rat(i === 0 ? p1 : p2)]));
          const val = tryEvaluate(r.rhs, env);
          return val !== null && holds(relation, { ...env, [target]: val }) === true;
        });
      },
    };
  },
};
