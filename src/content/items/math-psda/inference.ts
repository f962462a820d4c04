import { add, cmp, div, mul, sub } from '../../../lib/rational.ts';
import { family, makeGenerator, numText, q, qs, R } from './kit.ts';

const SURVEYS = [
  { pop: 'residents of Cedar Falls', unit: 'resident', trait: 'support building a new library' },
  { pop: 'students at Westbrook University', unit: 'student', trait: 'live off campus' },
  { pop: 'employees of the Norcom company', unit: 'employee', trait: 'commute by public transit' },
  { pop: 'registered voters in Polk County', unit: 'voter', trait: 'favor the proposed park tax' },
  { pop: 'customers of an online bookstore', unit: 'customer', trait: 'would recommend the store' },
  { pop: 'households in the state', unit: 'household', trait: 'own at least one bicycle' },
  { pop: 'farms in the Red River region', unit: 'farm', trait: 'use drip irrigation' },
] as const;

const MEANS = [
  // moe: the step of a realistic margin of error for the measure (a few steps at most).
  { pop: 'apartments in Harbor City', unit: 'apartment', what: 'monthly rent, in dollars', lo: 900, hi: 2400, moe: 10 },
  { pop: 'adult men in the region', unit: 'man', what: 'height, in centimeters', lo: 168, hi: 182, moe: 0.5 },
  { pop: 'commuters in the metro area', unit: 'commuter', what: 'commute time, in minutes', lo: 18, hi: 55, moe: 0.5 },
  { pop: 'high school students in the district', unit: 'student', what: 'number of hours of sleep per night', lo: 6, hi: 9, moe: 0.125 },
  { pop: 'trout in Clear Lake', unit: 'trout', what: 'length, in inches', lo: 9, hi: 16, moe: 0.25 },
] as const;

const moeBound = family({
  name: 'plausible-bound',
  bands: ['easy', 'medium'],
  build(rng) {
    const S = rng.pick(SURVEYS);
    const n = rng.int(4, 30) * 50;
    const p = rng.int(18, 76);
    const e = rng.int(2, 7);
    const upper = rng.chance(0.5);
    const key = R(upper ? p + e : p - e);
    const stem = `A random sample of ${numText(R(n))} ${S.pop} found that ${p}% ${S.trait}, with an associated margin of error of ${e} percentage points. Based on these results, what is the ${upper ? 'greatest' : 'least'} plausible percent of all ${S.pop} who ${S.trait}?`;
    return {
      stem,
      spr: `${stem} (Disregard the % sign when entering your answer.)`,
      fmt: 'pct',
      steps: [`Plausible values run from ${p} − ${e} to ${p} + ${e}, that is, ${p - e}% to ${p + e}%.`, `The ${upper ? 'greatest' : 'least'} plausible value is ${key.n}%.`],
      spec: { p, e, upper },
      key,
      wrong: [
        { v: R(p), why: 'Gave the sample estimate itself, ignoring the margin of error.' },
        { v: R(upper ? p - e : p + e), why: `Gave the ${upper ? 'least' : 'greatest'} plausible value instead.` },
        { v: R(upper ? p + 2 * e : p - 2 * e), why: 'Applied the margin of error twice.' },
        { v: R(e), why: 'Gave the margin of error as the answer.' },
      ],
    };
  },
  solve: (s: { p: number; e: number; upper: boolean }) => add(R(s.p), R(s.upper ? s.e : -s.e)),
});

const populationTotal = family({
  name: 'estimate-population-count',
  bands: ['easy', 'medium'],
  build(rng) {
    const S = rng.pick(SURVEYS);
    const n = rng.pick([40, 50, 80, 100, 120, 150, 200, 250, 300, 400]);
    const k = rng.int(Math.ceil(n / 10), Math.floor((n * 9) / 10));
    const p = R(k, n);
    const N = p.d * rng.int(Math.ceil(1000 / p.d), Math.ceil(1000 / p.d) + 40);
    const key = mul(p, R(N));
    const stem = `There are ${numText(R(N))} ${S.pop}. In a random sample of ${n} of them, ${k} ${S.trait}. Based on the sample, about how many of the ${numText(R(N))} ${S.pop} ${S.trait}?`;
    return {
      stem,
      spr: stem,
      steps: [`The sample proportion is ${k}/${n}${p.d !== n ? ` = ${numText(p)}` : ''}.`, `Estimate: ${k}/${n} × ${numText(R(N))} = ${numText(key)}.`],
      spec: { n, k, N },
      key,
      intOnly: true,
      wrong: [
        { v: sub(R(N), key), why: 'Estimated the number who do not have the trait.' },
        { v: R(k), why: 'Gave the sample count instead of scaling it up.' },
        { v: div(R(N * n), R(k)), why: 'Scaled by the reciprocal of the sample proportion.' },
        { v: R(N - n + k), why: 'Added the sample count to the rest of the population.' },
      ],
    };
  },
  // k/n = x/N solved by cross-multiplication.
  solve: (s: { n: number; k: number; N: number }) => div(R(s.k * s.N), R(s.n)),
});

const SIZE_CLAIMS = ['smaller than', 'larger than', 'equal to', 'zero, unlike'] as const;
const sizeClaim = (w: string) =>
  w.startsWith('zero') ? 'The margin of error of the second survey will be zero, unlike that of the first.' : `The margin of error of the second survey will most likely be ${w} that of the first survey.`;

const sampleSize = family({
  name: 'sample-size-effect',
  bands: ['medium'],
  build(rng) {
    const S = rng.pick(SURVEYS);
    const n1 = rng.int(4, 20) * 50;
    const larger = rng.chance(0.6);
    const n2 = larger ? n1 * rng.pick([2, 3, 4]) : n1 / rng.pick([2, 5]);
    const key = sizeClaim(larger ? 'smaller than' : 'larger than');
    const stem = `A researcher surveyed a random sample of ${numText(R(n1))} ${S.pop} to estimate the percent who ${S.trait}. A second random sample of ${numText(R(n2))} ${S.pop} will be surveyed with the same method and confidence level. Which statement about the margins of error is most likely true?`;
    return {
      stem,
      steps: [`The margin of error shrinks as the sample size grows (roughly in proportion to 1/√n).`, `The second sample is ${larger ? 'larger' : 'smaller'}, so its margin of error is most likely ${larger ? 'smaller' : 'larger'}.`],
      spec: { n1, n2 },
      key,
      wrong: SIZE_CLAIMS.map(sizeClaim)
        .filter((t) => t !== key)
        .map((t) => ({ v: t, why: t.includes('zero') ? 'Thought a large random sample removes all sampling error.' : t.includes('equal') ? 'Thought the margin of error depends only on the confidence level.' : 'Reversed the relationship between sample size and margin of error.' })),
    };
  },
  solve: (s: { n1: number; n2: number }) => sizeClaim(s.n2 > s.n1 ? 'smaller than' : s.n2 < s.n1 ? 'larger than' : 'equal to'),
});

const conclusion = family({
  name: 'supported-conclusion',
  bands: ['medium', 'hard'],
  build(rng) {
    const M = rng.pick(MEANS);
    const n = rng.int(3, 20) * 20;
    const m = rng.int(M.lo, M.hi);
    const e = Math.max(1, Math.round((M.hi - M.lo) / rng.int(8, 20)));
    const stem = `A random sample of ${n} ${M.pop} had a mean ${M.what}${M.what.includes(',') ? ',' : ''} of ${numText(R(m))}, with an associated margin of error of ${e}. Which is the most appropriate conclusion?`;
    const key = `It is plausible that the mean ${M.what.split(',')[0]} of all ${M.pop} is between ${numText(R(m - e))} and ${numText(R(m + e))}.`;
    return {
      stem,
      steps: [`A sample mean with a margin of error gives an interval of plausible values for the population mean: ${numText(R(m))} ± ${e}.`, `So the population mean is plausibly between ${numText(R(m - e))} and ${numText(R(m + e))}; the interval says nothing about individual ${M.unit}s.`],
      spec: { m, e, mi: MEANS.indexOf(M) },
      key,
      wrong: [
        { v: `The mean ${M.what.split(',')[0]} of all ${M.pop} is exactly ${numText(R(m))}.`, why: 'Treated the sample mean as the exact population mean.' },
        { v: `The ${M.what.split(',')[0]} of every ${M.unit} in the population is between ${numText(R(m - e))} and ${numText(R(m + e))}.`, why: 'Applied an interval for the mean to individual values.' },
        { v: `It is plausible that the mean ${M.what.split(',')[0]} of all ${M.pop} is between ${numText(R(m - 2 * e))} and ${numText(R(m))}.`, why: 'Built the interval on one side of the estimate only.' },
        { v: `The mean ${M.what.split(',')[0]} of all ${M.pop} is greater than ${numText(R(m + e))}.`, why: 'Read the margin of error as a minimum.' },
      ],
    };
  },
  solve(s: { m: number; e: number; mi: number }) {
    const M = MEANS[s.mi];
    const [lo, hi] = [sub(R(s.m), R(s.e)), add(R(s.m), R(s.e))];
    return `It is plausible that the mean ${M.what.split(',')[0]} of all ${M.pop} is between ${numText(lo)} and ${numText(hi)}.`;
  },
});

const COMPARE = [
  'The percent for Group A is greater than the percent for Group B.',
  'The percent for Group B is greater than the percent for Group A.',
  'No conclusion about which group has the greater percent is supported, because the intervals overlap.',
  'The two groups have exactly the same percent.',
] as const;

const compareIntervals = family({
  name: 'compare-intervals',
  bands: ['hard'],
  build(rng) {
    const S = rng.pick(SURVEYS);
    const pa = rng.int(30, 70);
    const overlap = rng.chance(0.5);
    const ea = rng.int(2, 5);
    const eb = rng.int(2, 5);
    const gap = overlap ? rng.int(1, ea + eb - 1) : rng.int(ea + eb + 1, ea + eb + 8);
    const pb = rng.chance(0.5) ? pa + gap : pa - gap;
    const [ga, gb] = rng.pick([['north', 'south'], ['urban', 'rural'], ['under 40', '40 or older'], ['first-year', 'final-year']] as const);
    const stem = `Two independent random samples of ${S.pop} were surveyed. In Group A (${ga}), ${pa}% ${S.trait}, with a margin of error of ${ea} percentage points. In Group B (${gb}), ${pb}% ${S.trait}, with a margin of error of ${eb} percentage points. Which conclusion is best supported about the percent of all ${S.pop} in each group who ${S.trait}?`;
    const key = overlap ? COMPARE[2] : pa > pb ? COMPARE[0] : COMPARE[1];
    return {
      stem,
      steps: [`Group A: ${pa - ea}% to ${pa + ea}%. Group B: ${pb - eb}% to ${pb + eb}%.`, overlap ? 'The intervals overlap, so either group could have the greater true percent.' : `The intervals do not overlap, so Group ${pa > pb ? 'A' : 'B'}'s percent is greater.`],
      spec: { pa, ea, pb, eb },
      key,
      wrong: COMPARE.filter((t) => t !== key).map((t) => ({
        v: t,
        why: t.includes('exactly') ? 'Took overlapping intervals to mean the percents are equal.' : t.includes('overlap') ? 'Thought margins of error always prevent a comparison.' : 'Compared the point estimates and ignored the margins of error.',
      })),
    };
  },
  solve(s: { pa: number; ea: number; pb: number; eb: number }) {
    const [aLo, aHi, bLo, bHi] = [s.pa - s.ea, s.pa + s.ea, s.pb - s.eb, s.pb + s.eb];
    if (aLo > bHi) return COMPARE[0];
    if (bLo > aHi) return COMPARE[1];
    return COMPARE[2];
  },
});

const meanToTotal = family({
  name: 'estimate-total-from-mean',
  bands: ['medium', 'hard'],
  build(rng) {
    const ctx = rng.pick([
      ['households in Elm Grove', 'number of pets per household', 'number of pets'],
      ['fields on a large farm', 'yield per field, in tons of wheat,', 'yield, in tons of wheat,'],
      ['classrooms in the district', 'number of books per classroom library', 'number of classroom-library books'],
      ['beehives in a beekeepers’ cooperative', 'honey production per hive, in pounds,', 'honey production, in pounds,'],
    ] as const);
    const N = rng.int(12, 90) * 50;
    const mean = R(rng.int(11, 60), rng.pick([10, 5, 4]));
    const key = mul(mean, R(N));
    if (key.d !== 1) throw new RangeError('non-integer total');
    const n = rng.int(3, 12) * 10;
    const stem = `A random sample of ${n} of the ${numText(R(N))} ${ctx[0]} had a mean ${ctx[1]} of ${numText(mean)}. Based on the sample, what is the best estimate of the total ${ctx[2]} for all ${numText(R(N))} ${ctx[0]}?`;
    return {
      stem,
      spr: stem,
      steps: [`The sample mean estimates the population mean: ${numText(mean)} per unit.`, `Total ≈ ${numText(mean)} × ${numText(R(N))} = ${numText(key)}.`],
      spec: { N, mean: qs(mean), n },
      key,
      intOnly: true,
      wrong: [
        { v: mul(mean, R(n)), why: 'Multiplied by the sample size instead of the population size.' },
        { v: div(R(N), mean), why: 'Divided the population size by the mean.' },
        { v: mul(mean, R(N - n)), why: 'Left the sampled units out of the total.' },
        { v: add(mean, R(N)), why: 'Added the mean to the population size.' },
      ],
    };
  },
  solve: (s: { N: number; mean: string }) => div(R(s.N), div(R(1), q(s.mean))),
});

const moeFromInterval = family({
  name: 'margin-from-interval',
  bands: ['easy', 'hard'],
  build(rng, d) {
    const M = rng.pick(MEANS);
    const m = d === 'hard' ? R(rng.int(M.lo * 2, M.hi * 2), 2) : R(rng.int(M.lo, M.hi));
    const e = mul(d === 'hard' ? R(rng.int(3, 13), 4) : R(rng.int(1, 6)), R(M.moe * 8, 8));
    const [lo, hi] = [sub(m, e), add(m, e)];
    const askE = rng.chance(0.6);
    const stem = `Based on a random sample, researchers report that plausible values for the mean ${M.what}${M.what.includes(',') ? ',' : ''} of all ${M.pop} lie in the interval from ${numText(lo)} to ${numText(hi)}. The interval is centered at the sample mean. What is the ${askE ? 'margin of error' : 'sample mean'}?`;
    const key = askE ? e : m;
    return {
      stem,
      spr: stem,
      steps: [`The sample mean is the midpoint: (${numText(lo)} + ${numText(hi)}) ÷ 2 = ${numText(m)}.`, `The margin of error is half the width: (${numText(hi)} − ${numText(lo)}) ÷ 2 = ${numText(e)}.`],
      spec: { lo: qs(lo), hi: qs(hi), ask: askE ? 'e' : 'm' },
      key,
      wrong: askE
        ? [
            { v: sub(hi, lo), why: 'Gave the full width of the interval instead of half of it.' },
            { v: m, why: 'Gave the sample mean instead.' },
            { v: div(sub(hi, lo), R(4)), why: 'Halved the width twice.' },
          ]
        : [
            { v: e, why: 'Gave the margin of error instead.' },
            { v: sub(hi, lo), why: 'Gave the width of the interval.' },
            { v: add(hi, lo), why: 'Added the endpoints without halving.' },
            { v: hi, why: 'Gave the upper endpoint.' },
          ],
    };
  },
  solve(s: { lo: string; hi: string; ask: string }) {
    // The unknowns (m, e) satisfy m − e = lo and m + e = hi; check the sign of e.
    const e = div(sub(q(s.hi), q(s.lo)), R(2));
    if (cmp(e, R(0)) <= 0) throw new Error('empty interval');
    return s.ask === 'e' ? e : sub(q(s.hi), e);
  },
});

export const inference = makeGenerator(
  'math.psda.inference',
  [moeBound, populationTotal, sampleSize, conclusion, compareIntervals, meanToTotal, moeFromInterval],
  { sprRate: 0.45 },
);
