import { add, div, mul, sub } from '../../../lib/rational.ts';
import { family, gcd, makeGenerator, numText, q, qs, R } from './kit.ts';

const PCT_NOTE = '(Disregard the % sign when entering your answer.)';

const POPULATIONS = [
  ['students at a high school', 'take the bus to school', 'students'],
  ['employees at a company', 'work remotely at least one day a week', 'employees'],
  ['trees in an orchard', 'are apple trees', 'trees'],
  ['registered voters in a town', 'voted in the last election', 'registered voters'],
  ['books in a library collection', 'are paperbacks', 'books'],
  ['seats in a stadium', 'are in the upper deck', 'seats'],
  ['animals at a shelter', 'were adopted within a month', 'animals'],
  ['tickets sold for a concert', 'were sold online', 'tickets'],
  ['phones tested by a lab', 'passed the drop test', 'phones'],
  ['runners in a marathon', 'finished in under four hours', 'runners'],
] as const;

const percentOf = family({
  name: 'percent-of',
  bands: ['easy'],
  build(rng) {
    const [pop, trait] = rng.pick(POPULATIONS);
    const p = rng.pick([5, 12, 15, 24, 35, 45, 55, 64, 72, 85, 8, 16]);
    const n = rng.int(2, 40) * (100 / gcdHundred(p));
    const key = R(n * p, 100);
    const stem = `There are ${numText(R(n))} ${pop}. If ${p}% of them ${trait}, how many of them ${trait}?`;
    return {
      stem,
      spr: stem,
      steps: [`${p}% means ${p}/100.`, `${p}/100 × ${numText(R(n))} = ${numText(key)}.`],
      spec: { n, p },
      key,
      intOnly: true,
      wrong: [
        { v: R(n - key.n), why: 'Found the number that do not have the trait.' },
        { v: R(n * p, 10), why: 'Moved the decimal point one place too few (used p/10).' },
        { v: R(n + p), why: 'Added the percent to the total.' },
        { v: R(n * p, 1000), why: 'Moved the decimal point one place too many.' },
      ],
    };
  },
  // Solve p/100 = x/n for x.
  solve: (s: { n: number; p: number }) => div(R(s.p * s.n), R(100)),
});

const gcdHundred = (p: number) => gcd(p, 100);

const partAsPercent = family({
  name: 'part-as-percent',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const [pop, trait, short] = rng.pick(POPULATIONS);
    const total = rng.pick([20, 25, 40, 50, 80, 125, 160, 200, 250, 400, 500, 800]) * (d === 'easy' ? 1 : rng.int(1, 3));
    let part = rng.int(1, total - 1);
    while ((part * 100) % total !== 0 || part * 2 === total) part = rng.int(1, total - 1);
    const key = R(part * 100, total);
    const stem = `Of ${numText(R(total))} ${pop}, ${numText(R(part))} ${trait}. What percent of these ${short} ${trait}?`;
    return {
      stem,
      spr: `${stem} ${PCT_NOTE}`,
      fmt: 'pct',
      steps: [`The fraction is ${part}/${total}.`, `${part}/${total} × 100 = ${numText(key)}, so the answer is ${numText(key)}%.`],
      spec: { part, total },
      key,
      wrong: [
        { v: sub(R(100), key), why: 'Found the percent that do not have the trait.' },
        { v: R(part, total), why: 'Wrote the decimal fraction as if it were the percent.' },
        { v: R(total * 100, part), why: 'Divided the whole by the part.' },
        { v: R(part, 10), why: 'Treated the count as the percent.' },
      ],
    };
  },
  solve: (s: { part: number; total: number }) => mul(R(100), R(s.part, s.total)),
});

const ITEMS_PRICED = ['a jacket', 'a bicycle', 'a concert ticket', 'a laptop', 'a pair of boots', 'a lamp', 'a tent', 'a guitar'] as const;

const percentChange = family({
  name: 'percent-change',
  bands: ['medium'],
  build(rng) {
    const up = rng.chance(0.5);
    const p = rng.pick([5, 10, 15, 20, 25, 30, 35, 40, 60, 75, 12, 8]);
    const old = rng.int(3, 40) * (100 / gcdHundred(p));
    const nw = (old * (up ? 100 + p : 100 - p)) / 100;
    const ctx = rng.pick([
      (a: string, b: string) => `The number of members of a hiking club changed from ${a} last year to ${b} this year.`,
      (a: string, b: string) => `A city's recycling program collected ${a} tons of material in its first year and ${b} tons in its second year.`,
      (a: string, b: string) => `A store sold ${a} umbrellas in March and ${b} umbrellas in April.`,
      (a: string, b: string) => `The attendance at a science fair was ${a} in 2022 and ${b} in 2023.`,
      (a: string, b: string) => `A farm harvested ${a} bushels of corn last season and ${b} bushels this season.`,
    ]);
    const dir = up ? 'increase' : 'decrease';
    const stem = `${ctx(numText(R(old)), numText(R(nw)))} What was the percent ${dir}?`;
    const diff = Math.abs(nw - old);
    return {
      stem,
      spr: `${stem} ${PCT_NOTE}`,
      fmt: 'pct',
      steps: [`The change is |${nw} − ${old}| = ${diff}.`, `Percent ${dir} = ${diff} ÷ ${old} × 100 = ${p}%.`],
      spec: { old, nw },
      key: R(p),
      wrong: [
        { v: R(diff * 100, nw), why: 'Divided the change by the new value instead of the original value.' },
        { v: R(nw * 100, old), why: 'Gave the new value as a percent of the original instead of the change.' },
        { v: R(diff), why: 'Gave the raw change instead of the percent change.' },
        { v: R(100 - p), why: 'Found the complement of the percent change.' },
      ],
    };
  },
  solve: (s: { old: number; nw: number }) => {
    const ratio = R(s.nw, s.old);
    const change = sub(ratio, R(1));
    return mul(R(100), change.n < 0 ? R(-change.n, change.d) : change);
  },
});

const reversePercent = family({
  name: 'reverse-percent',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const thing = rng.pick(ITEMS_PRICED);
    const discount = d === 'hard' ? rng.chance(0.5) : true;
    const p = rng.pick([10, 15, 20, 25, 30, 40, 12, 35]);
    const orig = rng.int(4, 50) * (100 / gcdHundred(p));
    const after = R(orig * (discount ? 100 - p : 100 + p), 100);
    const stem = discount
      ? `During a sale, the price of ${thing} was reduced by ${p}%. The sale price was $${numText(after)}. What was the price, in dollars, before the sale?`
      : `After a sales tax of ${p}% was added, the total cost of ${thing} was $${numText(after)}. What was the cost, in dollars, before tax?`;
    const m = R(discount ? 100 - p : 100 + p, 100);
    return {
      stem,
      spr: stem,
      fmt: 'usd',
      steps: [
        `${discount ? 'A reduction' : 'An increase'} of ${p}% leaves ${numText(mul(m, R(100)))}% of the original: ${numText(m)} × x = ${numText(after)}.`,
        `x = ${numText(after)} ÷ ${numText(m)} = ${numText(R(orig))}.`,
      ],
      spec: { after: qs(after), p, discount },
      key: R(orig),
      wrong: [
        { v: mul(after, R(discount ? 100 + p : 100 - p, 100)), why: `${discount ? 'Added' : 'Subtracted'} ${p}% of the final price instead of undoing the change.` },
        { v: div(after, R(p, 100)), why: `Divided by ${p}% instead of by the remaining percent.` },
        { v: discount ? add(after, R(p)) : sub(after, R(p)), why: 'Treated the percent as a dollar amount.' },
        { v: mul(after, m), why: 'Applied the change a second time.' },
      ],
    };
  },
  // Check: x − (p/100)x = after ⇒ x = after / (1 ∓ p/100); computed as after·100 / (100 ∓ p).
  solve: (s: { after: string; p: number; discount: boolean }) => div(mul(q(s.after), R(100)), R(s.discount ? 100 - s.p : 100 + s.p)),
});

const successiveChanges = family({
  name: 'successive-changes',
  bands: ['hard'],
  build(rng) {
    const a = rng.pick([10, 20, 25, 30, 40, 50, 15]);
    let b = rng.pick([10, 20, 25, 30, 40, 50, 15]);
    if (b === a) b = a === 20 ? 25 : 20;
    const upFirst = rng.chance(0.6);
    const m1 = upFirst ? 100 + a : 100 - a;
    const m2 = upFirst ? 100 - b : 100 + b;
    const key = R(m1 * m2, 100);
    const ctx = rng.pick([
      ['The price of a stock', 'on Monday', 'on Tuesday', 'its price at the start of Monday'],
      ['The population of a town', 'in the first decade', 'in the second decade', 'its original population'],
      ['The number of subscribers to a podcast', 'in January', 'in February', 'the number at the start of January'],
      ['The price of a used car', 'in its first year for sale', 'in its second year for sale', 'its original price'],
    ]);
    const w1 = upFirst ? 'increased' : 'decreased';
    const w2 = upFirst ? 'decreased' : 'increased';
    const stem = `${ctx[0]} ${w1} by ${a}% ${ctx[1]} and then ${w2} by ${b}% ${ctx[2]}. The final value is what percent of ${ctx[3]}?`;
    return {
      stem,
      spr: `${stem} ${PCT_NOTE}`,
      fmt: 'pct',
      steps: [
        `${upFirst ? 'An increase' : 'A decrease'} of ${a}% multiplies by ${numText(R(m1, 100))}; ${upFirst ? 'a decrease' : 'an increase'} of ${b}% then multiplies by ${numText(R(m2, 100))}.`,
        `${numText(R(m1, 100))} × ${numText(R(m2, 100))} = ${numText(R(m1 * m2, 10000))}, which is ${numText(key)}% of the original.`,
      ],
      spec: { a, b, upFirst },
      key,
      wrong: [
        { v: R(m1 + m2 - 100), why: 'Added the percent changes as if they applied to the same base.' },
        { v: R(100 - Math.abs(a - b)), why: 'Subtracted the smaller change from the larger and took it as a decrease.' },
        { v: R(Math.abs(100 * 100 - m1 * m2), 100), why: 'Found the percent change rather than the percent of the original.' },
        { v: R(m1 * (upFirst ? b : a), 100), why: 'Multiplied by the second percent instead of by 100% minus it.' },
      ],
    };
  },
  solve: (s: { a: number; b: number; upFirst: boolean }) => {
    // Track a start value of 100 through both changes.
    let v = R(100);
    v = add(v, mul(v, R(s.upFirst ? s.a : -s.a, 100)));
    v = add(v, mul(v, R(s.upFirst ? -s.b : s.b, 100)));
    return v;
  },
});

const percentOfPercent = family({
  name: 'percent-of-percent',
  bands: ['medium', 'hard'],
  build(rng) {
    const ctx = rng.pick([
      ['members of a swim club', 'are on the competitive team', 'of the competitive team members swim butterfly', 'competitive team members swim butterfly'],
      ['visitors to a museum on Saturday', 'bought a special-exhibit ticket', 'of those visitors also took a guided tour', 'visitors bought a special-exhibit ticket and took a guided tour'],
      ['seniors at a school', 'applied to college early', 'of those students were accepted early', 'seniors applied early and were accepted early'],
      ['households in a survey', 'own a pet', 'of the pet-owning households own a cat', 'surveyed households own a cat'],
    ]);
    const p = rng.pick([20, 25, 40, 50, 60, 75, 30, 80]);
    let r = rng.pick([10, 20, 25, 40, 50, 60, 75]);
    if (r === p) r = p === 50 ? 40 : 50;
    const unitN = rng.int(2, 9) * (10000 / gcd(p * r, 10000));
    const key = R(unitN * p * r, 10000);
    const stem = `There are ${numText(R(unitN))} ${ctx[0]}. Of these, ${p}% ${ctx[1]}, and ${r}% ${ctx[2]}. How many ${ctx[3]}?`;
    return {
      stem,
      spr: stem,
      steps: [`${p}% of ${numText(R(unitN))} is ${numText(R(unitN * p, 100))}.`, `${r}% of ${numText(R(unitN * p, 100))} is ${numText(key)}.`],
      spec: { n: unitN, p, r },
      key,
      intOnly: true,
      wrong: [
        { v: R(unitN * r, 100), why: `Took ${r}% of the whole group instead of ${r}% of the subgroup.` },
        { v: R(unitN * p, 100), why: 'Stopped after the first percent.' },
        { v: R(unitN * Math.abs(p - r), 100), why: 'Subtracted the percents.' },
        { v: R(unitN * (p + r), 200), why: 'Averaged the two percents.' },
      ],
    };
  },
  solve: (s: { n: number; p: number; r: number }) => mul(mul(R(s.n), R(s.p, 100)), R(s.r, 100)),
});

function multiplierText(p: number, up: boolean): string {
  return numText(R(up ? 100 + p : 100 - p, 100));
}

const percentExpression = family({
  name: 'percent-expression',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const ctx = rng.pick([
      ['The price of a sweater is x dollars.', 'the new price, in dollars', 'The price'],
      ['A town has a population of x.', 'the new population', 'The population'],
      ['A savings account has a balance of x dollars.', 'the new balance, in dollars', 'The balance'],
      ['A gym has x members.', 'the new number of members', 'The number of members'],
      ['A bakery sells x loaves of bread per week.', 'the new number of loaves sold per week', 'The weekly number of loaves sold'],
      ['A factory uses x kilowatt-hours of electricity per day.', 'the new daily electricity use, in kilowatt-hours', 'The daily electricity use'],
    ]);
    const p = rng.pick([3, 4, 6, 7, 8, 12, 15, 18, 22, 35]);
    const up = rng.chance(0.5);
    const two = d === 'hard';
    const r = rng.pick([5, 10, 20, 25, 30].filter((x) => x !== p));
    const m1 = multiplierText(p, up);
    const m2 = multiplierText(r, !up);
    const change = (pp: number, u: boolean) => `${u ? 'increases' : 'decreases'} by ${pp}%`;
    const stem = two
      ? `${ctx[0]} ${ctx[2]} ${change(p, up)}, and then the result ${change(r, !up)}. Which expression represents ${ctx[1]}?`
      : `${ctx[0]} ${ctx[2]} ${change(p, up)}. Which expression represents ${ctx[1]}?`;
    const key = two ? `(${m1})(${m2})x` : `${m1}x`;
    const wrong = two
      ? [
          { v: `(${multiplierText(p, !up)})(${multiplierText(r, up)})x`, why: 'Reversed the direction of both changes.' },
          { v: `(0.${String(p).padStart(2, '0')})(0.${String(r).padStart(2, '0')})x`, why: 'Multiplied by the percents themselves instead of by the multipliers.' },
          { v: `x ${up ? '+' : '−'} ${p} ${up ? '−' : '+'} ${r}`, why: 'Added and subtracted the percents as amounts.' },
          { v: `${numText(R(100 + (up ? p - r : r - p), 100))}x`, why: 'Combined the two percents by adding them.' },
        ]
      : [
          { v: `${multiplierText(p, !up)}x`, why: up ? 'Used a decrease instead of an increase.' : 'Used an increase instead of a decrease.' },
          { v: `0.${String(p).padStart(2, '0')}x`, why: 'Multiplied by the percent change alone, which gives only the amount of change.' },
          { v: `x ${up ? '+' : '−'} ${p}`, why: 'Treated the percent as an amount.' },
          { v: `(1 ${up ? '+' : '−'} ${p})x`, why: 'Did not convert the percent to a decimal before combining it with 1.' },
        ];
    return {
      stem,
      steps: two
        ? [`A change that ${change(p, up)} multiplies by ${m1}.`, `A change that ${change(r, !up)} multiplies the result by ${m2}.`, `So the expression is (${m1})(${m2})x.`]
        : [`A change that ${change(p, up)} keeps 100% and ${up ? 'adds' : 'removes'} ${p}%, a multiplier of ${m1}.`, `So the expression is ${m1}x.`],
      spec: { p, up, r: two ? r : null },
      key,
      wrong,
    };
  },
  solve(s: { p: number; up: boolean; r: number | null }) {
    const mult = (pp: number, u: boolean) => numText(add(R(1), R(u ? pp : -pp, 100)));
    return s.r === null ? `${mult(s.p, s.up)}x` : `(${mult(s.p, s.up)})(${mult(s.r, !s.up)})x`;
  },
});

export const percentages = makeGenerator(
  'math.psda.percentages',
  [percentOf, partAsPercent, percentChange, reversePercent, successiveChanges, percentOfPercent, percentExpression],
  { sprRate: 0.36 },
);
