import type { Rng } from '../../../lib/rng.ts';
import { add, cmp, div, mul, sub, type Rational } from '../../../lib/rational.ts';
import { family, list, makeGenerator, numText, q, qs, R, sum } from './kit.ts';

const DATA_CONTEXTS = [
  { what: 'scores, in points, of the students in a small class on a 20-point quiz', lo: 8, hi: 20 },
  { what: 'daily high temperatures, in degrees Fahrenheit, recorded in a city over several days', lo: 58, hi: 84 },
  { what: 'numbers of books read last summer by the members of a book club', lo: 2, hi: 15 },
  { what: 'heights, in inches, of the plants in a greenhouse tray', lo: 6, hi: 24 },
  { what: 'numbers of customers served per hour at a food truck', lo: 12, hi: 40 },
  { what: 'ages, in years, of the players on a youth soccer team', lo: 9, hi: 14 },
  { what: 'masses, in grams, of the apples in a sample', lo: 140, hi: 210 },
  { what: 'numbers of goals scored by a hockey team in its games this month', lo: 0, hi: 7 },
] as const;

function draw(rng: Rng, n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, () => rng.int(lo, hi)).sort((a, b) => a - b);
}

function median(xs: readonly number[]): Rational {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? R(s[m]) : R(s[m - 1] + s[m], 2);
}

/** Median by counting: the smallest value with at least half the data at or below it (odd n). */
function medianByCount(xs: readonly number[]): Rational {
  const n = xs.length;
  const below = (v: number) => xs.filter((x) => x <= v).length;
  const cands = [...new Set(xs)].sort((a, b) => a - b);
  if (n % 2 === 1) return R(cands.find((v) => 2 * below(v) >= n)!);
  const lo = cands.find((v) => below(v) >= n / 2)!;
  const hi = cands.find((v) => below(v) >= n / 2 + 1)!;
  return R(lo + hi, 2);
}

const meanList = family({
  name: 'mean-from-list',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const c = rng.pick(DATA_CONTEXTS);
    for (;;) {
      const n = d === 'easy' ? rng.int(5, 7) : rng.int(7, 10);
      const xs = rng.shuffle(draw(rng, n, c.lo, c.hi));
      const mean = R(sum(xs), n);
      if (d === 'easy' && mean.d !== 1) continue;
      if (numText(mean).includes('/')) continue;
      const stem = `The ${c.what} are listed: ${list(xs)}. What is the mean of these data?`;
      return {
        stem,
        spr: stem,
        steps: [`The sum is ${xs.join(' + ')} = ${sum(xs)}.`, `There are ${n} values, so the mean is ${sum(xs)} ÷ ${n} = ${numText(mean)}.`],
        spec: { xs },
        key: mean,
        wrong: [
          { v: median(xs), why: 'Found the median instead of the mean.' },
          { v: R(sum(xs), n - 1), why: 'Divided by one less than the number of values.' },
          { v: R(Math.max(...xs) + Math.min(...xs), 2), why: 'Averaged only the largest and smallest values.' },
          { v: R(Math.max(...xs) - Math.min(...xs)), why: 'Found the range instead of the mean.' },
          { v: R(sum(xs), n + 1), why: 'Divided by one more than the number of values.' },
        ],
      };
    }
  },
  solve: (s: { xs: number[] }) => s.xs.reduce<Rational>((m, x, i) => add(m, div(sub(R(x), m), R(i + 1))), R(0)),
});

const medianTable = family({
  name: 'median-frequency-table',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const ctx = rng.pick([
      ['Number of siblings', 'students in a class', 0],
      ['Number of pets', 'households on a street', 0],
      ['Number of days of rain', 'weeks of a season', 0],
      ['Shoe size', 'members of a running club', 5],
      ['Number of visits', 'members of a gym last month', 1],
      ['Rating (stars)', 'reviews of a restaurant', 1],
    ] as const);
    for (;;) {
      const k = d === 'hard' ? 6 : 5;
      const values = Array.from({ length: k }, (_, i) => (ctx[2] as number) + i);
      const freqs = values.map(() => rng.int(1, d === 'hard' ? 12 : 8));
      const xs = values.flatMap((v, i) => Array<number>(freqs[i]).fill(v));
      const med = median(xs);
      const distinctMed = median(values);
      if (med.n === distinctMed.n && med.d === distinctMed.d) continue;
      const mean = R(sum(xs), xs.length);
      const table = [`| ${ctx[0]} | Frequency |`, '|---|---|', ...values.map((v, i) => `| ${v} | ${freqs[i]} |`)].join('\n');
      const stem = `The frequency table summarizes data about ${xs.length} ${ctx[1]}. What is the median of the data?`;
      return {
        passage: table,
        stem,
        spr: stem,
        steps: [
          `There are ${xs.length} values, so the median is ${xs.length % 2 ? `value number ${(xs.length + 1) / 2}` : `the average of values ${xs.length / 2} and ${xs.length / 2 + 1}`} in order.`,
          `Counting up the cumulative frequencies (${freqs.map((_, i) => sum(freqs.slice(0, i + 1))).join(', ')}) locates the median at ${numText(med)}.`,
        ],
        spec: { values, freqs },
        key: med,
        wrong: [
          { v: distinctMed, why: 'Took the median of the listed values, ignoring the frequencies.' },
          { v: R(values[freqs.indexOf(Math.max(...freqs))]), why: 'Gave the mode (the most frequent value).' },
          { v: median(freqs), why: 'Took the median of the frequencies.' },
          { v: mean, why: 'Computed the mean instead of the median.' },
        ],
      };
    }
  },
  solve: (s: { values: number[]; freqs: number[] }) => medianByCount(s.values.flatMap((v, i) => Array<number>(s.freqs[i]).fill(v))),
});

const missingValue = family({
  name: 'missing-value-from-mean',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const c = rng.pick(DATA_CONTEXTS);
    for (;;) {
      const n = rng.int(5, 8);
      const known = draw(rng, n - 1, c.lo, c.hi);
      const target = d === 'hard' ? R(rng.int(c.lo * 2 + 1, c.hi * 2 - 1), 2) : R(rng.int(c.lo + 1, c.hi - 1));
      const x = sub(mul(target, R(n)), R(sum(known)));
      if (x.d !== 1 || x.n < c.lo || x.n > c.hi + 5) continue;
      const stem = `A data set of ${n} ${c.what.split(',')[0]} has a mean of ${numText(target)}. ${n - 1} of the values are ${list(rng.shuffle(known))}. What is the remaining value?`;
      return {
        stem,
        spr: stem,
        steps: [`The total of all ${n} values is ${n} × ${numText(target)} = ${numText(mul(target, R(n)))}.`, `The known values add to ${sum(known)}, so the missing value is ${numText(mul(target, R(n)))} − ${sum(known)} = ${x.n}.`],
        spec: { n, mean: qs(target), known },
        key: x,
        wrong: [
          { v: sub(mul(target, R(n - 1)), R(sum(known))), why: 'Multiplied the mean by the number of known values instead of all values.' },
          { v: target, why: 'Assumed the missing value equals the mean.' },
          { v: R(sum(known), n - 1), why: 'Found the mean of the known values.' },
          { v: add(x, R(n)), why: 'Made an arithmetic slip adding one extra per value.' },
        ],
      };
    }
  },
  // Substitute: a missing value x is right when (sum + x) / n equals the mean.
  solve(s: { n: number; mean: string; known: number[] }) {
    const x = sub(mul(q(s.mean), R(s.n)), R(sum(s.known)));
    const back = div(add(R(sum(s.known)), x), R(s.n));
    if (cmp(back, q(s.mean)) !== 0) throw new Error('mean does not check');
    return x;
  },
});

const CHANGE_WORDS = ['decreases', 'increases', 'stays the same'] as const;
const changeWord = (a: Rational, b: Rational) => CHANGE_WORDS[cmp(b, a) < 0 ? 0 : cmp(b, a) > 0 ? 1 : 2];
const claim = (m: string, md: string) =>
  m === md ? `Both the mean and the median ${m === 'stays the same' ? 'stay the same' : m.replace(/s$/, '')}.` : `The mean ${m}, and the median ${md}.`;

const outlierEffect = family({
  name: 'outlier-effect',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const c = rng.pick(DATA_CONTEXTS);
    for (;;) {
      const xs = draw(rng, rng.int(6, 9), c.lo, c.hi);
      const add_ = d === 'hard' && rng.chance(0.5);
      const extreme = add_ ? c.hi * 2 + rng.int(1, 10) : rng.chance(0.4) ? xs[0] : xs.at(-1)!;
      const after = add_ ? [...xs, extreme] : xs.filter((_, i) => i !== xs.indexOf(extreme));
      const [m0, m1] = [R(sum(xs), xs.length), R(sum(after), after.length)];
      const [d0, d1] = [median(xs), median(after)];
      const key = claim(changeWord(m0, m1), changeWord(d0, d1));
      const others = CHANGE_WORDS.flatMap((a) => CHANGE_WORDS.map((b) => claim(a, b))).filter((t) => t !== key);
      const action = add_ ? `the value ${extreme} is added to the data set` : `the value ${extreme} is removed from the data set`;
      const stem = `The ${c.what} are ${list(rng.shuffle(xs))}. If ${action}, which statement about the mean and the median is true?`;
      return {
        stem,
        steps: [
          `Before: mean ${numText(m0)}, median ${numText(d0)}.`,
          `After: mean ${numText(m1)}, median ${numText(d1)}.`,
          `So the mean ${changeWord(m0, m1)} and the median ${changeWord(d0, d1)}.`,
        ],
        spec: { xs, extreme, added: add_ },
        key,
        wrong: rng.shuffle(others).slice(0, 3).map((t) => ({ v: t, why: t.includes('median stays') || t.includes('Both') ? 'Judged the change without recomputing both measures (an extreme value moves the mean more than the median).' : 'Assumed the median moves as much as the mean.' })),
      };
    }
  },
  solve(s: { xs: number[]; extreme: number; added: boolean }) {
    const after = s.added ? [...s.xs, s.extreme] : [...s.xs];
    if (!s.added) after.splice(after.indexOf(s.extreme), 1);
    const mean = (a: number[]) => R(sum(a), a.length);
    return claim(changeWord(mean(s.xs), mean(after)), changeWord(medianByCount(s.xs), medianByCount(after)));
  },
});

const rangeMode = family({
  name: 'range-mode',
  bands: ['easy'],
  build(rng) {
    const c = rng.pick(DATA_CONTEXTS);
    for (;;) {
      const base = draw(rng, rng.int(6, 9), c.lo, c.hi);
      const mode = rng.pick(base);
      const xs = [...base, mode].sort((a, b) => a - b);
      const counts = new Map<number, number>();
      for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
      const top = Math.max(...counts.values());
      if ([...counts.values()].filter((v) => v === top).length !== 1) continue;
      const askRange = rng.chance(0.5);
      const range = xs.at(-1)! - xs[0];
      const stem = `The ${c.what} are ${list(rng.shuffle(xs))}. What is the ${askRange ? 'range' : 'mode'} of these data?`;
      return {
        stem,
        spr: stem,
        steps: askRange
          ? [`The largest value is ${xs.at(-1)} and the smallest is ${xs[0]}.`, `Range = ${xs.at(-1)} − ${xs[0]} = ${range}.`]
          : [`Count each value: ${mode} appears ${top} times, more than any other value.`, `The mode is ${mode}.`],
        spec: { xs, ask: askRange ? 'range' : 'mode' },
        key: R(askRange ? range : mode),
        wrong: [
          { v: R(xs.at(-1)!), why: 'Gave the largest value.' },
          { v: median(xs), why: 'Found the median.' },
          { v: R(askRange ? mode : range), why: `Found the ${askRange ? 'mode' : 'range'} instead.` },
          { v: R(xs.at(-1)! + xs[0]), why: 'Added the extreme values.' },
          { v: R(xs[0]), why: 'Gave the smallest value.' },
        ],
      };
    }
  },
  solve(s: { xs: number[]; ask: string }) {
    if (s.ask === 'range') return R(s.xs.reduce((a, b) => Math.max(a, b)) - s.xs.reduce((a, b) => Math.min(a, b)));
    let best = s.xs[0];
    for (const x of s.xs) if (s.xs.filter((y) => y === x).length > s.xs.filter((y) => y === best).length) best = x;
    return R(best);
  },
});

/** Sum of squared deviations (n × variance): compares spreads exactly. */
function ssd(xs: readonly number[]): Rational {
  const m = R(sum(xs), xs.length);
  return xs.reduce<Rational>((acc, x) => add(acc, mul(sub(R(x), m), sub(R(x), m))), R(0));
}

const SD_STATEMENTS = [
  'The standard deviation of data set A is greater than the standard deviation of data set B.',
  'The standard deviation of data set B is greater than the standard deviation of data set A.',
  'The standard deviations of data sets A and B are equal.',
  'There is not enough information to compare the standard deviations.',
] as const;

const sdCompare = family({
  name: 'sd-comparison',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const c = rng.pick(DATA_CONTEXTS.filter((x) => x.hi - x.lo >= 18));
    const n = rng.int(5, 7);
    const center = rng.int(c.lo + 9, c.hi - 9);
    const tight = Array.from({ length: n }, () => center + rng.int(-2, 2)).sort((a, b) => a - b);
    const shift = d === 'hard' && rng.chance(0.45);
    const wide = shift ? tight.map((x) => x + rng.pick([3, 5, 10, -2])) : Array.from({ length: n }, () => center + rng.int(-9, 9)).sort((a, b) => a - b);
    const aTight = rng.chance(0.5);
    const [A, B] = aTight ? [tight, wide] : [wide, tight];
    const cmpv = cmp(ssd(A), ssd(B));
    const key = SD_STATEMENTS[cmpv > 0 ? 0 : cmpv < 0 ? 1 : 2];
    const stem = `Two data sets of ${c.what.split(',')[0]} are shown. Data set A: ${list(A)}. Data set B: ${list(B)}. Which statement best compares the standard deviations of the two data sets?`;
    return {
      stem,
      steps: [
        shift ? 'Each value of one set is the other set shifted by the same amount, and a shift does not change spread.' : `Data set ${aTight ? 'A' : 'B'} is clustered within a few units of its mean; data set ${aTight ? 'B' : 'A'} is spread farther from its mean.`,
        `Standard deviation measures spread about the mean, so: ${key}`,
      ],
      spec: { A, B },
      key,
      wrong: SD_STATEMENTS.filter((t) => t !== key).map((t) => ({
        v: t,
        why: t.includes('not enough') ? 'Thought standard deviation needs a formula computation that cannot be done here.' : t.includes('equal') ? 'Assumed equal sizes or equal means imply equal spread.' : 'Compared the sizes of the values instead of their spread.',
      })),
    };
  },
  solve(s: { A: number[]; B: number[] }) {
    const va = div(ssd(s.A), R(s.A.length));
    const vb = div(ssd(s.B), R(s.B.length));
    return SD_STATEMENTS[cmp(va, vb) > 0 ? 0 : cmp(va, vb) < 0 ? 1 : 2];
  },
});

const combinedMean = family({
  name: 'combined-mean',
  bands: ['hard'],
  build(rng) {
    const ctx = rng.pick([
      ['class', 'students', 'test score', 'points'],
      ['team', 'players', 'height', 'inches'],
      ['shift', 'workers', 'number of hours worked', 'hours'],
      ['orchard row', 'trees', 'yield', 'kilograms of fruit'],
    ] as const);
    for (;;) {
      const n1 = rng.int(8, 30);
      const n2 = rng.int(8, 30);
      const m1 = rng.int(60, 95);
      const m2 = rng.int(60, 95);
      if (n1 === n2 || m1 === m2) continue;
      const key = R(n1 * m1 + n2 * m2, n1 + n2);
      if (numText(key).includes('/')) continue;
      const stem = `A ${ctx[0]} of ${n1} ${ctx[1]} has a mean ${ctx[2]} of ${m1} ${ctx[3]}. A second ${ctx[0]} of ${n2} ${ctx[1]} has a mean ${ctx[2]} of ${m2} ${ctx[3]}. What is the mean ${ctx[2]}, in ${ctx[3]}, of all ${n1 + n2} ${ctx[1]} combined?`;
      return {
        stem,
        spr: stem,
        steps: [`The totals are ${n1} × ${m1} = ${n1 * m1} and ${n2} × ${m2} = ${n2 * m2}.`, `Combined mean = (${n1 * m1} + ${n2 * m2}) ÷ ${n1 + n2} = ${numText(key)}.`],
        spec: { n1, m1, n2, m2 },
        key,
        wrong: [
          { v: R(m1 + m2, 2), why: 'Averaged the two means without weighting by group size.' },
          { v: R(n1 * m2 + n2 * m1, n1 + n2), why: 'Weighted each mean by the other group’s size.' },
          { v: R(n1 * m1 + n2 * m2, 2), why: 'Divided the combined total by 2 instead of by the combined count.' },
          { v: R(n1 > n2 ? m1 : m2), why: 'Used only the mean of the larger group.' },
        ],
      };
    }
  },
  // Weighted mean as the first mean plus the second group's pull: m1 + n2(m2 − m1)/(n1 + n2).
  solve: (s: { n1: number; m1: number; n2: number; m2: number }) => add(R(s.m1), R(s.n2 * (s.m2 - s.m1), s.n1 + s.n2)),
});

export const oneVarData = makeGenerator(
  'math.psda.one-var-data',
  [meanList, medianTable, missingValue, outlierEffect, rangeMode, sdCompare, combinedMean],
  { sprRate: 0.4 },
);
