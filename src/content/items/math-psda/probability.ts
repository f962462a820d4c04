import type { Rng } from '../../../lib/rng.ts';
import { add, div, mul, sub } from '../../../lib/rational.ts';
import { family, makeGenerator, numText, R, sum } from './kit.ts';

/** Two-way table settings: who was counted, row groups, column outcomes, and a noun for one unit. */
const TABLES = [
  { who: 'students surveyed about their preferred elective', unit: 'student', rows: ['Grade 10', 'Grade 11'], cols: ['Art', 'Music', 'Drama'] },
  { who: 'items produced at a factory in one day', unit: 'item', rows: ['Morning shift', 'Evening shift'], cols: ['Defective', 'Not defective'] },
  { who: 'participants in a clinical trial', unit: 'participant', rows: ['Treatment', 'Placebo'], cols: ['Improved', 'Did not improve'] },
  { who: 'adults in a town survey about car ownership', unit: 'adult', rows: ['Under 30', '30 and older'], cols: ['Owns a car', 'Does not own a car'] },
  { who: 'students asked whether they play a sport', unit: 'student', rows: ['Freshmen', 'Seniors'], cols: ['Plays a sport', 'Does not play a sport'] },
  { who: 'school days recorded by a bus company', unit: 'day', rows: ['Clear weather', 'Rain or snow'], cols: ['Bus on time', 'Bus late'] },
  { who: 'visitors to a park, by ticket type and visit day', unit: 'visitor', rows: ['Weekday', 'Weekend'], cols: ['Single-day pass', 'Annual pass', 'Group pass'] },
  { who: 'trees in a forest plot, by species and health', unit: 'tree', rows: ['Pine', 'Birch'], cols: ['Healthy', 'Diseased'] },
] as const;

interface TableSpec {
  t: number;
  counts: number[][];
}

function drawTable(rng: Rng): TableSpec {
  const t = rng.int(0, TABLES.length - 1);
  const counts = TABLES[t].rows.map(() => TABLES[t].cols.map(() => rng.int(6, 90)));
  return { t, counts };
}

function renderTable({ t, counts }: TableSpec): string {
  const T = TABLES[t];
  const colTot = T.cols.map((_, j) => sum(counts.map((r) => r[j])));
  return [
    `| | ${T.cols.join(' | ')} | Total |`,
    `|---|${T.cols.map(() => '---|').join('')}---|`,
    ...T.rows.map((r, i) => `| ${r} | ${counts[i].join(' | ')} | ${sum(counts[i])} |`),
    `| Total | ${colTot.join(' | ')} | ${sum(colTot)} |`,
  ].join('\n');
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const rowTotal = (c: number[][], i: number) => c[i].reduce((a, b) => a + b, 0);
const colTotal = (c: number[][], j: number) => c.reduce((a, r) => a + r[j], 0);
const grand = (c: number[][]) => c.flat().reduce((a, b) => a + b, 0);

function intro(ts: TableSpec): string {
  return `The table summarizes data on ${grand(ts.counts)} ${TABLES[ts.t].who}.`;
}

const simple = family({
  name: 'table-simple',
  bands: ['easy'],
  build(rng) {
    const ts = drawTable(rng);
    const T = TABLES[ts.t];
    const j = rng.int(0, T.cols.length - 1);
    const N = grand(ts.counts);
    const cj = colTotal(ts.counts, j);
    const stem = `${intro(ts)} If one ${T.unit} is selected at random, what is the probability that the ${T.unit} is in the "${T.cols[j]}" category?`;
    return {
      passage: renderTable(ts),
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`${cj} of the ${N} ${T.unit}s are in "${T.cols[j]}".`, `The probability is ${cj}/${N}${R(cj, N).d !== N ? ` = ${numText(R(cj, N))}` : ''}.`],
      spec: { ...ts, j },
      key: R(cj, N),
      wrong: [
        { v: R(cj, N - cj), why: 'Divided by the number not in the category instead of the total.' },
        { v: R(N - cj, N), why: 'Found the probability of not being in the category.' },
        { v: R(ts.counts[0][j], N), why: 'Used only the first row’s count.' },
        { v: R(ts.counts[0][j], cj), why: 'Found a conditional probability instead.' },
      ],
    };
  },
  // Sum the cells of column j over every row, divide by the sum of all cells.
  solve: (s: TableSpec & { j: number }) => R(s.counts.reduce((a, r) => a + r[s.j], 0), s.counts.flat().reduce((a, b) => a + b, 0)),
});

const joint = family({
  name: 'table-joint',
  bands: ['easy', 'medium'],
  build(rng) {
    const ts = drawTable(rng);
    const T = TABLES[ts.t];
    const i = rng.int(0, 1);
    const j = rng.int(0, T.cols.length - 1);
    const N = grand(ts.counts);
    const c = ts.counts[i][j];
    const stem = `${intro(ts)} If one of these ${T.unit}s is selected at random, what is the probability that the ${T.unit} is in the "${T.rows[i]}" group and the "${T.cols[j]}" category?`;
    return {
      passage: renderTable(ts),
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`The cell for "${T.rows[i]}" and "${T.cols[j]}" contains ${c}.`, `Out of all ${N}, the probability is ${c}/${N}${R(c, N).d !== N ? ` = ${numText(R(c, N))}` : ''}.`],
      spec: { ...ts, i, j },
      key: R(c, N),
      wrong: [
        { v: R(c, rowTotal(ts.counts, i)), why: `Divided by the "${T.rows[i]}" total instead of the grand total.` },
        { v: R(c, colTotal(ts.counts, j)), why: `Divided by the "${T.cols[j]}" total instead of the grand total.` },
        { v: R(rowTotal(ts.counts, i) + colTotal(ts.counts, j) - c, N), why: 'Found the probability of "or" instead of "and".' },
        { v: R(rowTotal(ts.counts, i), N), why: 'Used the whole row total.' },
      ],
    };
  },
  solve: (s: TableSpec & { i: number; j: number }) => div(R(s.counts[s.i][s.j]), R(grand(s.counts))),
});

const conditional = family({
  name: 'table-conditional',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const ts = drawTable(rng);
    const T = TABLES[ts.t];
    const i = rng.int(0, 1);
    const j = rng.int(0, T.cols.length - 1);
    const byCol = d === 'hard' && rng.chance(0.6);
    const c = ts.counts[i][j];
    const den = byCol ? colTotal(ts.counts, j) : rowTotal(ts.counts, i);
    const given = byCol ? `"${T.cols[j]}" category` : `"${T.rows[i]}" group`;
    const target = byCol ? `"${T.rows[i]}" group` : `"${T.cols[j]}" category`;
    const stem = `${intro(ts)} A ${T.unit} will be selected at random from the ${given}. What is the probability that the ${T.unit} is in the ${target}?`;
    return {
      passage: renderTable(ts),
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`Restrict to the ${given}: ${den} ${T.unit}s.`, `Of these, ${c} are in the ${target}, so the probability is ${c}/${den}${R(c, den).d !== den ? ` = ${numText(R(c, den))}` : ''}.`],
      spec: { ...ts, i, j, byCol },
      key: R(c, den),
      wrong: [
        { v: R(c, byCol ? rowTotal(ts.counts, i) : colTotal(ts.counts, j)), why: 'Conditioned on the wrong group (reversed the condition).' },
        { v: R(c, grand(ts.counts)), why: 'Divided by the grand total instead of the given group’s total.' },
        { v: R(den - c, den), why: 'Found the complement within the given group.' },
        { v: R(byCol ? rowTotal(ts.counts, i) : colTotal(ts.counts, j), grand(ts.counts)), why: 'Ignored the condition entirely.' },
      ],
    };
  },
  // P(A | B) = P(A and B) / P(B), each as a fraction of the grand total.
  solve(s: TableSpec & { i: number; j: number; byCol: boolean }) {
    const N = R(grand(s.counts));
    const pAB = div(R(s.counts[s.i][s.j]), N);
    const pB = div(R(s.byCol ? colTotal(s.counts, s.j) : rowTotal(s.counts, s.i)), N);
    return div(pAB, pB);
  },
});

const complement = family({
  name: 'table-complement',
  bands: ['easy', 'medium'],
  build(rng) {
    const ts = drawTable(rng);
    const T = TABLES[ts.t];
    const i = rng.int(0, 1);
    const j = rng.int(0, T.cols.length - 1);
    const rt = rowTotal(ts.counts, i);
    const key = R(rt - ts.counts[i][j], rt);
    const stem = `${intro(ts)} If a ${T.unit} is selected at random from the "${T.rows[i]}" group, what is the probability that the ${T.unit} is NOT in the "${T.cols[j]}" category?`;
    return {
      passage: renderTable(ts),
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`In the "${T.rows[i]}" group, ${ts.counts[i][j]} of ${rt} are in "${T.cols[j]}".`, `P(not) = 1 − ${ts.counts[i][j]}/${rt} = ${numText(key)}.`],
      spec: { ...ts, i, j },
      key,
      wrong: [
        { v: R(ts.counts[i][j], rt), why: 'Found the probability of being in the category, not of not being in it.' },
        { v: R(rt - ts.counts[i][j], grand(ts.counts)), why: 'Divided by the grand total instead of the group total.' },
        { v: R(grand(ts.counts) - colTotal(ts.counts, j), grand(ts.counts)), why: 'Ignored the group restriction.' },
        { v: R(rt - ts.counts[i][j], ts.counts[i][j]), why: 'Wrote a ratio of outcomes (odds) instead of a probability.' },
      ],
    };
  },
  // Count the complement directly: the other cells of the row.
  solve: (s: TableSpec & { i: number; j: number }) => R(s.counts[s.i].filter((_, k) => k !== s.j).reduce((a, b) => a + b, 0), rowTotal(s.counts, s.i)),
});

const expected = family({
  name: 'expected-count',
  bands: ['medium', 'hard'],
  build(rng) {
    const ts = drawTable(rng);
    const T = TABLES[ts.t];
    const i = rng.int(0, 1);
    const j = rng.int(0, T.cols.length - 1);
    const rt = rowTotal(ts.counts, i);
    const p = R(ts.counts[i][j], rt);
    const M = p.d * rng.int(Math.ceil(100 / p.d), Math.ceil(100 / p.d) + 12);
    const key = mul(p, R(M));
    const stem = `${intro(ts)} Suppose ${numText(R(M))} more ${T.unit}s from the "${T.rows[i]}" group are observed under the same conditions. Based on the table, how many of them would be expected to be in the "${T.cols[j]}" category?`;
    return {
      passage: renderTable(ts),
      stem,
      spr: stem,
      steps: [`In the table, the proportion of "${T.rows[i]}" ${T.unit}s in "${T.cols[j]}" is ${ts.counts[i][j]}/${rt}.`, `Expected count = ${ts.counts[i][j]}/${rt} × ${M} = ${numText(key)}.`],
      spec: { ...ts, i, j, M },
      key,
      intOnly: true,
      wrong: [
        { v: mul(R(ts.counts[i][j], grand(ts.counts)), R(M)), why: 'Used the proportion of the whole table instead of the group.' },
        { v: mul(R(colTotal(ts.counts, j), grand(ts.counts)), R(M)), why: 'Used the column proportion and ignored the group.' },
        { v: sub(R(M), key), why: 'Found the expected number not in the category.' },
        { v: R(ts.counts[i][j] + M), why: 'Added the new count to the table count.' },
      ],
    };
  },
  // Scale the whole row up to M and read off the cell.
  solve: (s: TableSpec & { i: number; j: number; M: number }) => div(mul(R(s.M), R(s.counts[s.i][s.j])), R(rowTotal(s.counts, s.i))),
});

const union = family({
  name: 'table-union',
  bands: ['hard'],
  build(rng) {
    const ts = drawTable(rng);
    const T = TABLES[ts.t];
    const i = rng.int(0, 1);
    const j = rng.int(0, T.cols.length - 1);
    const N = grand(ts.counts);
    const [rt, ct, c] = [rowTotal(ts.counts, i), colTotal(ts.counts, j), ts.counts[i][j]];
    const key = R(rt + ct - c, N);
    const stem = `${intro(ts)} If one ${T.unit} is selected at random, what is the probability that the ${T.unit} is in the "${T.rows[i]}" group or in the "${T.cols[j]}" category (or both)?`;
    return {
      passage: renderTable(ts),
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`P(A or B) = P(A) + P(B) − P(A and B) = (${rt} + ${ct} − ${c}) / ${N}.`, `= ${rt + ct - c}/${N}${key.d !== N ? ` = ${numText(key)}` : ''}.`],
      spec: { ...ts, i, j },
      key,
      wrong: [
        { v: R(rt + ct, N), why: 'Added the two totals without subtracting the overlap.' },
        { v: R(c, N), why: 'Found the probability of "and" instead of "or".' },
        { v: R(rt + ct - 2 * c, N), why: 'Removed the overlap twice ("exactly one" instead of "or").' },
        { v: R(rt, N), why: 'Used only the row total.' },
      ],
    };
  },
  // Count outcomes directly: every cell in row i or column j, each once.
  solve(s: TableSpec & { i: number; j: number }) {
    let n = 0;
    s.counts.forEach((row, r) => row.forEach((v, k) => (n += r === s.i || k === s.j ? v : 0)));
    return R(n, grand(s.counts));
  },
});

const COLORS = ['red', 'blue', 'green', 'yellow', 'white', 'black'] as const;

const bag = family({
  name: 'random-selection',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const colors = rng.sample(COLORS, 3);
    const n = colors.map(() => rng.int(2, 15));
    const what = rng.pick([['marbles', 'a bag'], ['tiles', 'a box'], ['beads', 'a jar'], ['cards', 'a stack']] as const);
    const total = sum(n);
    const ask = d === 'easy' ? rng.pick(['one', 'not'] as const) : rng.pick(['not', 'either'] as const);
    const [x, y] = [0, 1];
    const num = ask === 'one' ? n[x] : ask === 'not' ? total - n[x] : n[x] + n[y];
    const phrase = ask === 'one' ? colors[x] : ask === 'not' ? `not ${colors[x]}` : `${colors[x]} or ${colors[y]}`;
    const stem = `${what[1].replace(/^a/, 'A')} contains ${n[0]} ${colors[0]}, ${n[1]} ${colors[1]}, and ${n[2]} ${colors[2]} ${what[0]}. If one ${what[0].replace(/s$/, '')} is chosen at random, what is the probability that it is ${phrase}?`;
    return {
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`There are ${n.join(' + ')} = ${total} ${what[0]} in all.`, `${num} of them are ${phrase}, so the probability is ${num}/${total}${R(num, total).d !== total ? ` = ${numText(R(num, total))}` : ''}.`],
      spec: { n, ask },
      key: R(num, total),
      wrong: [
        { v: R(num, total - num), why: 'Compared favorable to unfavorable outcomes (odds).' },
        { v: R(total - num, total), why: 'Found the probability of the opposite event.' },
        ...(ask === 'one' ? [] : [{ v: R(n[x], total), why: 'Counted only one color.' }]),
        { v: R(1, 3), why: 'Treated each color as equally likely.' },
        { v: R(num, total + 1), why: 'Miscounted the total by one.' },
      ],
    };
  },
  solve(s: { n: number[]; ask: string }) {
    const p = s.n.map((k) => R(k, sum(s.n)));
    return s.ask === 'one' ? p[0] : s.ask === 'not' ? sub(R(1), p[0]) : add(p[0], p[1]);
  },
});

export const probability = makeGenerator(
  'math.psda.probability',
  [simple, joint, conditional, complement, expected, union, bag],
  { sprRate: 0.24 },
);
