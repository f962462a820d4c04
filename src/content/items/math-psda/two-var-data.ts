import { add, div, mul, sub, type Rational } from '../../../lib/rational.ts';
import { family, makeGenerator, numText, q, qs, R } from './kit.ts';

const MODELS = [
  { x: 'the number of hours a student studied', xu: 'hour', y: 'the student’s test score', yu: 'points', yName: 'score' },
  { x: 'the age of a used car, in years', xu: 'year', y: 'the car’s value, in thousands of dollars', yu: 'thousand dollars', yName: 'value' },
  { x: 'the daily high temperature, in degrees Fahrenheit', xu: 'degree Fahrenheit', y: 'the number of iced drinks a café sold', yu: 'drinks', yName: 'number of drinks' },
  { x: 'the number of weeks since a plant was potted', xu: 'week', y: 'the plant’s height, in centimeters', yu: 'centimeters', yName: 'height' },
  { x: 'the elevation of a town, in hundreds of meters', xu: 'hundred meters', y: 'the town’s average July temperature, in degrees Celsius', yu: 'degrees Celsius', yName: 'temperature' },
  { x: 'the number of employees at a store', xu: 'employee', y: 'the store’s weekly sales, in thousands of dollars', yu: 'thousand dollars', yName: 'weekly sales' },
  { x: 'the distance a customer lives from a gym, in miles', xu: 'mile', y: 'the customer’s number of gym visits per month', yu: 'visits', yName: 'number of visits' },
] as const;

const slopeFor = (i: number, decreasing: boolean, rng: { int(a: number, b: number): number }) =>
  R((decreasing ? -1 : 1) * rng.int(3, 40), i % 2 ? 10 : 4);

const lineText = (m: Rational, b: Rational) =>
  `y = ${m.n === m.d ? '' : m.n === -m.d ? '-' : numText(m)}x${b.n === 0 ? '' : ` ${b.n < 0 ? '−' : '+'} ${numText(R(Math.abs(b.n), b.d))}`}`;

const predict = family({
  name: 'predict-from-line',
  bands: ['easy'],
  build(rng) {
    const i = rng.int(0, MODELS.length - 1);
    const M = MODELS[i];
    const m = slopeFor(i, i === 1 || i === 4 || i === 6, rng);
    const b = R(rng.int(20, 90));
    const x = R(rng.int(2, 12));
    const key = add(mul(m, x), b);
    if (key.n <= 0) throw new RangeError('negative prediction');
    const stem = `A scatterplot shows ${M.x}, x, and ${M.y}, y. The line of best fit is ${lineText(m, b)}. What ${M.yName} does the line of best fit predict when x = ${x.n}?`;
    return {
      stem,
      spr: stem,
      steps: [`Substitute x = ${x.n}: y = ${numText(m)}(${x.n}) + ${numText(b)}.`, `y = ${numText(mul(m, x))} + ${numText(b)} = ${numText(key)}.`],
      spec: { m: qs(m), b: qs(b), x: x.n },
      key,
      wrong: [
        { v: mul(m, x), why: 'Forgot to add the y-intercept.' },
        { v: add(m, mul(b, x)), why: 'Swapped the roles of the slope and the intercept.' },
        { v: div(sub(x, b), m), why: 'Solved for x as if the given value were y.' },
        { v: add(mul(m, add(x, R(1))), b), why: 'Substituted one more than the given x.' },
      ],
    };
  },
  // Evaluate from the intercept in x unit steps (repeated addition of the slope).
  solve(s: { m: string; b: string; x: number }) {
    let y = q(s.b);
    for (let k = 0; k < s.x; k++) y = add(y, q(s.m));
    return y;
  },
});

function slopeClaim(xu: string, yName: string, yu: string, m: Rational): string {
  const mag = numText(R(Math.abs(m.n), m.d));
  return `For each increase of 1 ${xu} in x, the predicted ${yName} ${m.n < 0 ? 'decreases' : 'increases'} by ${mag} ${yu}.`;
}

const interpret = family({
  name: 'interpret-slope-intercept',
  bands: ['medium', 'hard'],
  build(rng) {
    const i = rng.int(0, MODELS.length - 1);
    const M = MODELS[i];
    const dec = i === 1 || i === 4 || i === 6;
    const m = slopeFor(i, dec, rng);
    const b = R(rng.int(20, 90));
    const askSlope = rng.chance(0.6);
    const magM = numText(R(Math.abs(m.n), m.d));
    const key = askSlope ? slopeClaim(M.xu, M.yName, M.yu, m) : `The predicted ${M.yName} is ${numText(b)} ${M.yu} when x = 0.`;
    const wrong = askSlope
      ? [
          { v: slopeClaim(M.xu, M.yName, M.yu, R(-m.n, m.d)), why: 'Read the sign of the slope backwards.' },
          { v: `The predicted ${M.yName} is ${magM} ${M.yu} when x = 0.`, why: 'Confused the slope with the y-intercept.' },
          { v: `For each increase of 1 in the ${M.yName}, x ${dec ? 'decreases' : 'increases'} by ${magM}.`, why: 'Swapped the roles of x and y.' },
          { v: slopeClaim(M.xu, M.yName, M.yu, m.n < 0 ? R(m.n * 10, m.d) : R(m.n * 10, m.d)), why: 'Misplaced the decimal point of the slope.' },
        ]
      : [
          { v: `The predicted ${M.yName} is ${magM} ${M.yu} when x = 0.`, why: 'Confused the y-intercept with the slope.' },
          { v: slopeClaim(M.xu, M.yName, M.yu, b), why: 'Read the intercept as a rate of change.' },
          { v: `The predicted value of x is ${numText(b)} when the ${M.yName} is 0.`, why: 'Confused the y-intercept with the x-intercept.' },
        ];
    const stem = `A scatterplot shows ${M.x}, x, and ${M.y}, y. The line of best fit is ${lineText(m, b)}. Which statement is the best interpretation of the ${askSlope ? `number ${numText(m)}` : `number ${numText(b)}`} in this context?`;
    return {
      stem,
      steps: askSlope
        ? [`The coefficient of x, ${numText(m)}, is the slope: the change in predicted y per 1-unit increase in x.`, `Its sign is ${m.n < 0 ? 'negative, so the prediction decreases' : 'positive, so the prediction increases'}.`]
        : [`The constant ${numText(b)} is the y-intercept: the predicted y when x = 0.`, `So the predicted ${M.yName} is ${numText(b)} ${M.yu} when x = 0.`],
      spec: { i, m: qs(m), b: qs(b), ask: askSlope ? 'slope' : 'intercept' },
      key,
      wrong,
    };
  },
  solve(s: { i: number; m: string; b: string; ask: string }) {
    const M = MODELS[s.i];
    return s.ask === 'slope' ? slopeClaim(M.xu, M.yName, M.yu, q(s.m)) : `The predicted ${M.yName} is ${numText(q(s.b))} ${M.yu} when x = 0.`;
  },
});

const residual = family({
  name: 'residual',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const i = rng.int(0, MODELS.length - 1);
    const M = MODELS[i];
    const m = slopeFor(i, i === 1 || i === 4 || i === 6, rng);
    const b = R(rng.int(30, 90));
    const x = rng.int(2, 10);
    const pred = add(mul(m, R(x)), b);
    const actual = add(pred, R(rng.int(-12, 12) || 3, d === 'hard' ? 2 : 1));
    const stem = `A line of best fit for data about ${M.x}, x, and ${M.y}, y, is ${lineText(m, b)}. One data point is (${x}, ${numText(actual)}). What is the residual for this data point (actual y minus predicted y)?`;
    return {
      stem,
      spr: stem,
      steps: [`The predicted value is ${numText(m)}(${x}) + ${numText(b)} = ${numText(pred)}.`, `Residual = actual − predicted = ${numText(actual)} − ${numText(pred)} = ${numText(sub(actual, pred))}.`],
      spec: { m: qs(m), b: qs(b), x, y: qs(actual) },
      key: sub(actual, pred),
      wrong: [
        { v: sub(pred, actual), why: 'Subtracted in the wrong order (predicted minus actual).' },
        { v: pred, why: 'Gave the predicted value instead of the residual.' },
        { v: sub(actual, mul(m, R(x))), why: 'Forgot the intercept when computing the prediction.' },
        { v: add(actual, pred), why: 'Added the actual and predicted values.' },
      ],
    };
  },
  solve(s: { m: string; b: string; x: number; y: string }) {
    return sub(sub(q(s.y), q(s.b)), mul(R(s.x), q(s.m)));
  },
});

const MODEL_CLAIMS = ['linear', 'exponential'].flatMap((k) => ['increasing', 'decreasing'].map((dir) => `${dir === 'increasing' ? 'An increasing' : 'A decreasing'} ${k} function`));

const modelType = family({
  name: 'model-type-from-table',
  bands: ['easy', 'hard'],
  build(rng, d) {
    const exp = rng.chance(0.5);
    const up = rng.chance(0.5);
    const y0 = exp ? (up ? rng.int(3, 40) : rng.pick([64, 128, 192, 256, 320, 512, 1024])) : rng.int(20, 80);
    const ys: Rational[] = [R(y0)];
    const ratio = exp ? (up ? R(rng.pick([2, 3])) : R(1, 2)) : R(0);
    const step = exp ? R(0) : R((up ? 1 : -1) * rng.int(3, 12));
    const n = d === 'hard' ? 5 : 4;
    for (let k = 1; k < n; k++) ys.push(exp ? mul(ys[k - 1], ratio) : add(ys[k - 1], step));
    const x0 = rng.pick([0, 1, 2]);
    const table = ['| x | y |', '|---|---|', ...ys.map((y, k) => `| ${x0 + k} | ${numText(y)} |`)].join('\n');
    const key = `${up ? 'An increasing' : 'A decreasing'} ${exp ? 'exponential' : 'linear'} function`;
    const ctx = rng.pick(['a quantity measured in a lab experiment', 'the number of members of an online forum', 'the value of an investment', 'the number of bacteria in a culture', 'the amount of a medication in a patient’s bloodstream', 'the number of downloads of an app']);
    return {
      passage: table,
      stem: `The table shows values of ${ctx}, y, at ${n} times, x. Which of the following best describes the relationship between x and y?`,
      steps: exp
        ? [`Each y-value is ${numText(ratio)} times the one before it, a constant ratio, not a constant difference.`, `A constant ratio ${up ? 'greater than 1' : 'between 0 and 1'} means ${key.toLowerCase()}.`]
        : [`Each y-value changes by ${numText(step)} from the one before it, a constant difference.`, `A constant difference means a linear function, ${up ? 'increasing' : 'decreasing'}.`],
      spec: { ys: ys.map(qs) },
      key,
      wrong: MODEL_CLAIMS.filter((t) => t !== key).map((t) => ({
        v: t,
        why: t.includes(exp ? 'linear' : 'exponential')
          ? exp
            ? 'Saw the values change steadily and assumed a constant difference.'
            : 'Mistook a constant difference for a constant ratio.'
          : 'Read the direction of change backwards.',
      })),
    };
  },
  solve(s: { ys: string[] }) {
    const ys = s.ys.map(q);
    const diffs = ys.slice(1).map((y, k) => sub(y, ys[k]));
    const linear = diffs.every((dd) => dd.n === diffs[0].n && dd.d === diffs[0].d);
    const up = ys.at(-1)!.n * ys[0].d > ys[0].n * ys.at(-1)!.d;
    return `${up ? 'An increasing' : 'A decreasing'} ${linear ? 'linear' : 'exponential'} function`;
  },
});

const avgRate = family({
  name: 'average-rate-of-change',
  bands: ['easy', 'medium'],
  build(rng) {
    const ctx = rng.pick([
      ['Year', 'Population of a town', 'people per year'],
      ['Year', 'Enrollment at a college', 'students per year'],
      ['Month', 'Subscribers to a newsletter', 'subscribers per month'],
      ['Day', 'Height of a sunflower (cm)', 'centimeters per day'],
      ['Year', 'Number of electric cars registered in a county', 'cars per year'],
    ] as const);
    const x0 = ctx[0] === 'Year' ? rng.int(2005, 2015) : rng.int(1, 5);
    const gaps = [rng.int(1, 3), rng.int(2, 4), rng.int(1, 3), rng.int(2, 3)];
    const xs = gaps.reduce<number[]>((acc, g) => [...acc, acc.at(-1)! + g], [x0]);
    const ys = xs.map((_, k) => (k === 0 ? rng.int(200, 900) : 0));
    for (let k = 1; k < xs.length; k++) ys[k] = ys[k - 1] + (xs[k] - xs[k - 1]) * rng.int(-5, 40);
    const [i, j] = rng.pick([[0, 2], [1, 3], [0, 3], [2, 4], [1, 4], [0, 4]] as const);
    const key = R(ys[j] - ys[i], xs[j] - xs[i]);
    const table = [`| ${ctx[0]} | ${ctx[1]} |`, '|---|---|', ...xs.map((x, k) => `| ${x} | ${ys[k]} |`)].join('\n');
    const stem = `According to the table, what is the average rate of change, in ${ctx[2]}, from ${ctx[0].toLowerCase()} ${xs[i]} to ${ctx[0].toLowerCase()} ${xs[j]}?`;
    return {
      passage: table,
      stem,
      spr: stem,
      steps: [`The change in the quantity is ${ys[j]} − ${ys[i]} = ${ys[j] - ys[i]} over ${xs[j]} − ${xs[i]} = ${xs[j] - xs[i]}.`, `Average rate of change = ${ys[j] - ys[i]} ÷ ${xs[j] - xs[i]} = ${numText(key)}.`],
      spec: { xs, ys, i, j },
      key,
      wrong: [
        { v: R(ys[j] - ys[i]), why: 'Gave the total change without dividing by the elapsed time.' },
        { v: R(ys[j] - ys[i], j - i), why: 'Divided by the number of table rows apart instead of the elapsed time.' },
        { v: R(ys[i + 1] - ys[i], xs[i + 1] - xs[i]), why: 'Used only the first interval.' },
        { v: R(ys[j] + ys[i], xs[j] - xs[i]), why: 'Added the values instead of subtracting them.' },
      ],
    };
  },
  // Sum the rates of the consecutive intervals weighted by their lengths, over the whole span.
  solve(s: { xs: number[]; ys: number[]; i: number; j: number }) {
    let total = R(0);
    for (let k = s.i; k < s.j; k++) total = add(total, mul(R(s.ys[k + 1] - s.ys[k], s.xs[k + 1] - s.xs[k]), R(s.xs[k + 1] - s.xs[k])));
    return div(total, R(s.xs[s.j] - s.xs[s.i]));
  },
});

const expPercent = family({
  name: 'exponential-model-percent',
  bands: ['hard', 'medium'],
  build(rng) {
    const ctx = rng.pick([
      ['the estimated number of fish in a lake', 't years after 2020'],
      ['the value, in dollars, of a collectible', 't years after it was purchased'],
      ['the number of users of a website', 't months after launch'],
      ['the mass, in grams, of a radioactive sample', 't days after it was measured'],
      ['the price, in dollars, of a piece of equipment', 't years after it was bought'],
    ]);
    const up = rng.chance(0.5);
    const p = rng.pick([2, 3, 4, 5, 6, 8, 12, 15, 20, 25]);
    const a = rng.pick([500, 1200, 2400, 800, 15000, 350]);
    const base = numText(R(up ? 100 + p : 100 - p, 100));
    const per = ctx[1].split(' ')[1].replace(/s$/, '');
    const stem = `The function f(t) = ${numText(R(a))}(${base})^t models ${ctx[0]} ${ctx[1]}. According to the model, by what percent does the quantity ${up ? 'increase' : 'decrease'} each ${per}?`;
    return {
      stem,
      spr: `${stem} (Disregard the % sign when entering your answer.)`,
      fmt: 'pct',
      steps: [`Each ${per} the quantity is multiplied by ${base}.`, `${base} = 1 ${up ? '+' : '−'} ${numText(R(p, 100))}, so it ${up ? 'increases' : 'decreases'} by ${p}% each ${per}.`],
      spec: { base: qs(R(up ? 100 + p : 100 - p, 100)) },
      key: R(p),
      wrong: [
        { v: R(up ? 100 + p : 100 - p), why: 'Converted the whole growth factor to a percent.' },
        { v: R(p, 100), why: 'Gave the decimal rate as a percent.' },
        { v: R(up ? 100 + p : 100 - p, 100), why: 'Gave the growth factor itself.' },
        { v: R(100 - p), why: 'Found the complement of the rate.' },
      ],
    };
  },
  solve(s: { base: string }) {
    const r = sub(q(s.base), R(1));
    return mul(R(100), r.n < 0 ? R(-r.n, r.d) : r);
  },
});

const lineThroughPoints = family({
  name: 'line-through-points',
  bands: ['hard'],
  build(rng) {
    const M = rng.pick(MODELS);
    for (;;) {
      const x1 = rng.int(0, 6);
      const x2 = x1 + rng.pick([2, 4, 5, 10]);
      const m = R(rng.int(-9, 9) || 2, rng.pick([1, 2]));
      const b = R(rng.int(5, 60));
      const y1 = add(mul(m, R(x1)), b);
      const y2 = add(mul(m, R(x2)), b);
      if (y1.d !== 1 || y2.d !== 1 || y1.n <= 0 || y2.n <= 0) continue;
      const key = lineText(m, b);
      return {
        stem: `For data about ${M.x}, x, and ${M.y}, y, the line of best fit passes through the points (${x1}, ${y1.n}) and (${x2}, ${y2.n}). Which equation represents this line?`,
        steps: [`Slope = (${y2.n} − ${y1.n}) ÷ (${x2} − ${x1}) = ${numText(m)}.`, `Intercept: ${y1.n} = ${numText(m)}(${x1}) + b, so b = ${numText(b)}.`],
        spec: { x1, y1: y1.n, x2, y2: y2.n },
        key,
        wrong: [
          { v: lineText(div(R(1), m), sub(R(y1.n), div(R(x1), m))), why: 'Computed the slope as change in x over change in y.' },
          { v: lineText(m, R(y1.n)), why: 'Used the first y-value as the intercept.' },
          { v: lineText(R(-m.n, m.d), add(R(y1.n), mul(m, R(x1)))), why: 'Made a sign error in the slope.' },
          { v: lineText(m, add(b, R(x1 || 1))), why: 'Made an arithmetic slip solving for the intercept.' },
        ],
      };
    }
  },
  // Cramer's rule on m·x + b = y at both points.
  solve(s: { x1: number; y1: number; x2: number; y2: number }) {
    const det = s.x1 - s.x2;
    return lineText(R(s.y1 - s.y2, det), R(s.x1 * s.y2 - s.x2 * s.y1, det));
  },
});

export const twoVarData = makeGenerator(
  'math.psda.two-var-data',
  [predict, interpret, residual, modelType, avgRate, expPercent, lineThroughPoints],
  { sprRate: 0.45 },
);
