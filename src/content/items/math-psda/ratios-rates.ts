import { add, div, mul, sub } from '../../../lib/rational.ts';
import { family, gcd, makeGenerator, numText, q, qs, R } from './kit.ts';

const an = (w: string) => (/^[aeio8]|^11-|^18-/.test(w) ? `an ${w}` : `a ${w}`);

const RATE_CONTEXTS = [
  { noun: 'car', one: 'gallon', verb: 'travels', base: 'travel', qty: 'miles', per: 'gallons of gasoline', prep: 'on' },
  { noun: 'printer', one: 'minute', verb: 'prints', base: 'print', qty: 'pages', per: 'minutes', prep: 'in' },
  { noun: 'bottling machine', one: 'minute', verb: 'fills', base: 'fill', qty: 'bottles', per: 'minutes', prep: 'in' },
  { noun: 'cyclist', one: 'hour', verb: 'rides', base: 'ride', qty: 'kilometers', per: 'hours', prep: 'in' },
  { noun: 'faucet', one: 'minute', verb: 'releases', base: 'release', qty: 'liters of water', per: 'minutes', prep: 'in' },
  { noun: 'court reporter', one: 'minute', verb: 'types', base: 'type', qty: 'words', per: 'minutes', prep: 'in' },
  { noun: 'bakery oven', one: 'hour', verb: 'bakes', base: 'bake', qty: 'loaves of bread', per: 'hours', prep: 'in' },
  { noun: 'solar panel', one: 'hour of sunlight', verb: 'generates', base: 'generate', qty: 'watt-hours', per: 'hours of sunlight', prep: 'in' },
  { noun: 'hiker', one: 'hour', verb: 'walks', base: 'walk', qty: 'miles', per: 'hours', prep: 'in' },
] as const;

const unitRate = family({
  name: 'unit-rate',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const c = rng.pick(RATE_CONTEXTS);
    const r = rng.int(12, 48);
    const a = rng.int(3, 9);
    let b = rng.int(a + 2, d === 'easy' ? 15 : 24);
    if (d === 'medium' && b % a === 0) b += 1;
    const total = r * a;
    const key = R(r * b);
    return {
      stem: `A ${c.noun} ${c.verb} ${numText(R(total))} ${c.qty} ${c.prep} ${a} ${c.per}. At this rate, how many ${c.qty} will the ${c.noun} ${c.base} ${c.prep} ${b} ${c.per}?`,
      spr: `A ${c.noun} ${c.verb} ${numText(R(total))} ${c.qty} ${c.prep} ${a} ${c.per}. At this rate, how many ${c.qty} will the ${c.noun} ${c.base} ${c.prep} ${b} ${c.per}?`,
      steps: [
        `The unit rate is ${total} ÷ ${a} = ${r} ${c.qty} per ${c.one}.`,
        `Multiply the rate by ${b}: ${r} × ${b} = ${r * b}.`,
      ],
      spec: { total, a, b },
      key,
      intOnly: true,
      wrong: [
        { v: R(total + (b - a)), why: 'Added the change in the input to the output instead of scaling.' },
        { v: R(r * (b - a)), why: `Found only the extra amount for the additional ${b - a} units.` },
        { v: div(R(total * a), R(b)), why: 'Set up the proportion upside down.' },
        { v: R(r * b + r), why: 'Used one unit too many.' },
      ],
    };
  },
  // Cross-multiplication: total / a = x / b.
  solve: (s: { total: number; a: number; b: number }) => div(mul(R(s.total), R(s.b)), R(s.a)),
});

const GROUPS = [
  ['red marbles', 'blue marbles', 'a bag'],
  ['adults', 'children', 'a museum tour group'],
  ['fiction books', 'nonfiction books', 'a library display'],
  ['sedans', 'trucks', 'a parking lot'],
  ['cats', 'dogs', 'an animal shelter'],
  ['sophomores', 'juniors', 'a robotics club'],
  ['oak trees', 'maple trees', 'a park'],
  ['tulips', 'daffodils', 'a flower bed'],
] as const;

const ratioParts = family({
  name: 'ratio-parts',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const [A, B, place] = rng.pick(GROUPS);
    let a = rng.int(2, 7);
    let b = rng.int(2, 9);
    while (b === a || gcd(a, b) !== 1) b = rng.int(2, 9);
    if (b < a) [a, b] = [b, a];
    const k = rng.int(3, d === 'easy' ? 12 : 25);
    const ask = d === 'easy' ? 'b' : rng.pick(['b', 'a', 'total'] as const);
    const given = ask === 'total' ? `there are ${(b - a) * k} more ${B} than ${A}` : `there are ${(a + b) * k} ${A} and ${B} in all`;
    const question = ask === 'total' ? `How many ${A} and ${B} are there in all?` : `How many ${ask === 'b' ? B : A} are there?`;
    const key = R(ask === 'total' ? (a + b) * k : (ask === 'b' ? b : a) * k);
    const stem = `In ${place}, the ratio of ${A} to ${B} is ${a} to ${b}. If ${given}, ${question.charAt(0).toLowerCase()}${question.slice(1)}`;
    return {
      stem,
      spr: stem,
      steps: [
        `Write the groups as ${a}k ${A} and ${b}k ${B}.`,
        ask === 'total'
          ? `The difference is ${b}k − ${a}k = ${b - a}k = ${(b - a) * k}, so k = ${k}; the total is ${a + b}k = ${(a + b) * k}.`
          : `The total is ${a + b}k = ${(a + b) * k}, so k = ${k}; the ${ask === 'b' ? B : A} number ${ask === 'b' ? b : a}k = ${key.n}.`,
      ],
      spec: { a, b, ask, given: ask === 'total' ? (b - a) * k : (a + b) * k },
      key,
      wrong: [
        { v: R((ask === 'b' ? a : b) * k), why: 'Found the other group instead of the one asked for.' },
        { v: R(k), why: 'Stopped at the value of one ratio part.' },
        ask === 'total'
          ? { v: R(b * k), why: `Found only the number of ${B}.` }
          : { v: R((a + b) * k), why: 'Gave the total instead of one group.' },
        { v: R((b - a) * k), why: 'Subtracted the ratio terms instead of adding them.' },
        { v: R((ask === 'a' ? a : b) * k + a + b), why: 'Added the ratio terms to the count.' },
      ],
    };
  },
  solve(s: { a: number; b: number; ask: 'a' | 'b' | 'total'; given: number }) {
    // Check every candidate count k: the given relationship must hold.
    for (let k = 1; k <= s.given; k++) {
      const ok = s.ask === 'total' ? (s.b - s.a) * k === s.given : (s.a + s.b) * k === s.given;
      if (ok) return R(s.ask === 'total' ? s.a * k + s.b * k : s.ask === 'b' ? s.b * k : s.a * k);
    }
    throw new Error('no integer scale');
  },
});

const mapScale = family({
  name: 'map-scale',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const [mu, ru, mu1] = rng.pick([['centimeters', 'kilometers', 'centimeter'], ['inches', 'miles', 'inch'], ['centimeters', 'meters', 'centimeter']] as const);
    const mapUnit = R(rng.pick([1, 2, 5, 3]), rng.pick([1, 2]));
    const real = rng.pick([10, 20, 25, 40, 50, 75, 12, 15]);
    const mult = d === 'easy' ? R(rng.int(2, 9)) : R(rng.int(5, 29), 2);
    const mapDist = mul(mapUnit, mult);
    const reverse = d === 'medium' && rng.chance(0.5);
    const realDist = mul(mult, R(real));
    const key = reverse ? mapDist : realDist;
    const one = mapUnit.n === mapUnit.d;
    const scale = `On a map, ${numText(mapUnit)} ${one ? mu1 : mu} ${one ? 'represents' : 'represent'} an actual distance of ${real} ${ru}.`;
    const stem = reverse
      ? `${scale} Two landmarks are an actual distance of ${numText(realDist)} ${ru} apart. How far apart, in ${mu}, are the landmarks on the map?`
      : `${scale} Two towns are ${numText(mapDist)} ${mu} apart on the map. What is the actual distance, in ${ru}, between the towns?`;
    return {
      stem,
      spr: stem,
      steps: [
        `Each ${mu1} on the map stands for ${real} ÷ ${numText(mapUnit)} = ${numText(div(R(real), mapUnit))} ${ru}.`,
        reverse
          ? `Divide: ${numText(realDist)} ÷ ${numText(div(R(real), mapUnit))} = ${numText(key)} ${mu}.`
          : `Multiply: ${numText(mapDist)} × ${numText(div(R(real), mapUnit))} = ${numText(key)} ${ru}.`,
      ],
      spec: { mapUnit: qs(mapUnit), real, reverse, dist: qs(reverse ? realDist : mapDist) },
      key,
      wrong: reverse
        ? [
            { v: div(realDist, R(real)), why: 'Ignored the map length in the scale and divided by the actual distance only.' },
            { v: div(mul(realDist, R(real)), mapUnit), why: 'Multiplied by the scale instead of dividing.' },
            { v: mul(realDist, mapUnit), why: 'Multiplied by the map length of the scale and forgot to divide by its actual distance.' },
            { v: add(mapDist, R(1)), why: 'Rounded the scale before dividing.' },
          ]
        : [
            { v: mul(mapDist, R(real)), why: 'Multiplied the map distance by the actual distance without dividing by the map length.' },
            { v: div(mul(mapDist, mapUnit), R(1, real)), why: 'Multiplied by both numbers in the scale.' },
            { v: div(R(real), mapDist), why: 'Divided the scale distance by the map distance.' },
            { v: add(realDist, R(real)), why: 'Added one extra scale unit.' },
          ],
    };
  },
  solve(s: { mapUnit: string; real: number; reverse: boolean; dist: string }) {
    const ratio = div(q(s.mapUnit), R(s.real)); // map length per unit of actual distance
    return s.reverse ? mul(q(s.dist), ratio) : div(q(s.dist), ratio);
  },
});

const QTY = [
  { one: 'foot', big: 'feet', small: 'inches', k: 12, what: 'A conveyor belt moves at a constant speed of' },
  { one: 'yard', big: 'yards', small: 'feet', k: 3, what: 'A roll of fabric is fed through a loom at a constant rate of' },
  { one: 'gallon', big: 'gallons', small: 'quarts', k: 4, what: 'Water flows through a pipe at a constant rate of' },
  { one: 'kilometer', big: 'kilometers', small: 'meters', k: 1000, what: 'A glacier monitoring station records that the ice front advances at a constant rate of' },
  { one: 'pound', big: 'pounds', small: 'ounces', k: 16, what: 'A mill grinds grain at a constant rate of' },
  { one: 'liter', big: 'liters', small: 'milliliters', k: 1000, what: 'An intravenous pump delivers saline at a constant rate of' },
  { one: 'gallon', big: 'gallons', small: 'cups', k: 16, what: 'A juice dispenser pours juice at a constant rate of' },
] as const;
const TIME = [
  { big: 'minute', small: 'second', k: 60 },
  { big: 'hour', small: 'minute', k: 60 },
  { big: 'day', small: 'hour', k: 24 },
  { big: 'week', small: 'day', k: 7 },
] as const;

const unitConversion = family({
  name: 'unit-conversion',
  bands: ['medium', 'hard'],
  build(rng, d) {
    for (;;) {
      const u = rng.pick(QTY);
      const t = rng.pick(TIME);
      const qtyDown = rng.chance(0.5); // big unit → small unit
      const timeUp = d === 'hard' ? rng.chance(0.5) : !qtyDown; // per small time → per big time
      const qf = qtyDown ? R(u.k) : R(1, u.k);
      const tf = timeUp ? R(t.k) : R(1, t.k);
      const factor = mul(qf, tf);
      if (factor.d > 1000 || factor.n > 20000) continue;
      const v = mul(R(rng.int(1, 9) * (factor.d > 100 ? 1 : rng.pick([1, 2, 3]))), R(factor.d));
      if (v.n > 50000) continue;
      const key = mul(v, factor);
      const from = `${qtyDown ? u.big : u.small} per ${timeUp ? t.small : t.big}`;
      const to = `${qtyDown ? u.small : u.big} per ${timeUp ? t.big : t.small}`;
      const facts = `(1 ${u.one} = ${numText(R(u.k))} ${u.small} and 1 ${t.big} = ${t.k} ${t.small}s)`;
      const stem = `${u.what} ${numText(v)} ${from}. What is this rate in ${to}? ${facts}`;
      return {
        stem,
        spr: stem,
        steps: [
          `Convert the amount: multiply by ${qtyDown ? `${u.k} ${u.small} per ${u.one}` : `1/${u.k} ${u.one} per ${u.small.replace(/s$/, '')}`}.`,
          `Convert the time: ${timeUp ? `there are ${t.k} ${t.small}s in a ${t.big}, so multiply by ${t.k}` : `a ${t.small} is 1/${t.k} of a ${t.big}, so divide by ${t.k}`}.`,
          `${numText(v)} × ${numText(factor)} = ${numText(key)} ${to}.`,
        ],
        spec: { v: qs(v), k: u.k, qtyDown, tk: t.k, timeUp },
        key,
        wrong: [
          { v: div(mul(v, qf), tf), why: 'Converted the time unit in the wrong direction.' },
          { v: div(mul(v, tf), qf), why: 'Converted the amount unit in the wrong direction.' },
          { v: mul(v, qf), why: 'Forgot to convert the time unit.' },
          { v: mul(v, tf), why: 'Forgot to convert the amount unit.' },
          { v: div(v, factor), why: 'Divided by both conversion factors.' },
        ],
        bShift: factor.n > 1000 || factor.d > 100 ? 0.2 : 0,
      };
    }
  },
  solve(s: { v: string; k: number; qtyDown: boolean; tk: number; timeUp: boolean }) {
    // Amount in one new time unit, then relabel the amount.
    const perNewTime = s.timeUp ? mul(q(s.v), R(s.tk)) : div(q(s.v), R(s.tk));
    return s.qtyDown ? mul(perNewTime, R(s.k)) : div(perNewTime, R(s.k));
  },
});

const SCALE_CONTEXTS = [
  { k: 1, s: (x: string, n: number) => `A recipe uses ${x} cups of flour to make ${n} muffins.`, ask: (n: number) => `How many cups of flour are needed to make ${n} muffins?`, u: 'cups' },
  { k: 10, s: (x: string, n: number) => `A painter uses ${x} gallons of paint to cover ${n} square feet of wall.`, ask: (n: number) => `How many gallons of paint are needed to cover ${n} square feet?`, u: 'gallons' },
  { k: 1, s: (x: string, n: number) => `A gardener spreads ${x} pounds of fertilizer over ${n} square meters of lawn.`, ask: (n: number) => `At the same rate, how many pounds are needed for ${n} square meters?`, u: 'pounds' },
  { k: 2, s: (x: string, n: number) => `A dosage chart calls for ${x} milliliters of a medicine for a patient with a mass of ${n} kilograms.`, ask: (n: number) => `At the same rate, how many milliliters are called for when the mass is ${n} kilograms?`, u: 'milliliters' },
] as const;

const proportionalScaling = family({
  name: 'proportional-scaling',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const c = rng.pick(SCALE_CONTEXTS);
    const den = rng.pick([2, 4, 3]);
    let x = R(rng.int(den + 1, 4 * den), den);
    if (x.d === 1) x = add(x, R(1, den));
    const a = rng.pick([6, 8, 9, 12, 15, 16, 18, 20, 24]);
    let b = rng.int(a + 2, d === 'hard' ? 3 * a : 2 * a);
    if (b % a === 0) b += 1;
    const key = div(mul(x, R(b)), R(a));
    const xt = numText(x);
    return {
      // Shown quantities are a·k and b·k (k scales to realistic units); the ratio, and so the key, is unchanged.
      stem: `${c.s(xt, a * c.k)} ${c.ask(b * c.k)}`,
      spr: `${c.s(xt, a * c.k)} ${c.ask(b * c.k)}`,
      steps: [
        `The amount is proportional: x / ${b * c.k} = ${xt} / ${a * c.k}.`,
        `x = ${xt} × ${b * c.k} / ${a * c.k} = ${numText(key)} ${c.u}.`,
      ],
      spec: { x: qs(x), a, b },
      key,
      wrong: [
        { v: add(x, R(b - a)), why: 'Added the increase in quantity instead of scaling.' },
        { v: div(mul(x, R(a)), R(b)), why: 'Set up the proportion upside down.' },
        { v: div(mul(x, R(b - a)), R(a)), why: 'Computed only the additional amount.' },
        { v: mul(x, R(Math.round(b / a))), why: 'Rounded the scale factor to a whole number.' },
      ],
    };
  },
  solve: (s: { x: string; a: number; b: number }) => mul(R(s.b), div(q(s.x), R(s.a))),
});

const density = family({
  name: 'density',
  bands: ['medium', 'hard'],
  build(rng, d) {
    if (d === 'medium' || rng.chance(0.4)) {
      const [l, w, h] = [rng.int(2, 8), rng.int(2, 8), rng.int(2, 10)];
      const dens = R(rng.int(11, 95), 10);
      const vol = l * w * h;
      const mass = mul(dens, R(vol));
      const material = rng.pick(['metal', 'wax', 'stone', 'hardwood', 'glass', 'plastic']);
      const stem = `A solid rectangular block of ${material} measures ${l} centimeters by ${w} centimeters by ${h} centimeters and has a mass of ${numText(mass)} grams. What is the density of the block, in grams per cubic centimeter?`;
      return {
        stem,
        spr: stem,
        steps: [`The volume is ${l} × ${w} × ${h} = ${vol} cubic centimeters.`, `Density = mass ÷ volume = ${numText(mass)} ÷ ${vol} = ${numText(dens)}.`],
        spec: { kind: 'block', dims: [l, w, h], mass: qs(mass) },
        key: dens,
        wrong: [
          { v: div(mass, R(l + w + h)), why: 'Divided by the sum of the dimensions instead of their product.' },
          { v: div(mass, R(l * w)), why: 'Divided by the area of one face instead of the volume.' },
          { v: div(R(vol), mass), why: 'Divided volume by mass.' },
          { v: div(mass, R(2 * (l * w + l * h + w * h))), why: 'Divided by the surface area.' },
        ],
      };
    }
    const dens = rng.int(35, 480);
    const area1 = rng.int(12, 90) * 5;
    const area2 = rng.int(12, 90) * 5;
    const pop1 = dens * area1;
    const county = rng.pick(['County A', 'Lake County', 'The western district', 'Region P', 'Marsh County', 'The island']);
    const stem = `${county} has a population of ${numText(R(pop1))} and an area of ${area1} square miles. A second region has the same population density and an area of ${area2} square miles. What is the population of the second region?`;
    return {
      stem,
      spr: stem,
      steps: [`Population density = ${numText(R(pop1))} ÷ ${area1} = ${dens} people per square mile.`, `Population = ${dens} × ${area2} = ${numText(R(dens * area2))}.`],
      spec: { kind: 'population', pop1, area1, area2 },
      key: R(dens * area2),
      wrong: [
        { v: R(pop1 + (area2 - area1) * 1), why: 'Added the difference in areas to the population.' },
        { v: R(pop1 + dens * area2), why: 'Added the populations of both regions.' },
        { v: R(dens), why: 'Stopped at the population density.' },
        { v: R(dens * (area2 + area1)), why: 'Used the combined area of both regions.' },
      ],
    };
  },
  solve(s: { kind: string; dims?: number[]; mass?: string; pop1?: number; area1?: number; area2?: number }) {
    if (s.kind === 'block') return div(q(s.mass), s.dims!.reduce((p, x) => mul(p, R(x)), R(1)));
    return div(mul(R(s.pop1!), R(s.area2!)), R(s.area1!));
  },
});

const rateComparison = family({
  name: 'rate-comparison',
  bands: ['medium', 'hard'],
  build(rng) {
    const item = rng.pick([['ounces', 'cereal'], ['ounces', 'coffee'], ['fluid ounces', 'juice'], ['pounds', 'rice'], ['sheets', 'paper towels']] as const);
    const pa = rng.int(15, 60);
    let pb = rng.int(12, pa - 2);
    if (pb === pa) pb -= 1;
    const sa = rng.pick([8, 10, 12, 16, 20, 24]);
    let sb = rng.pick([10, 15, 18, 25, 30, 32, 40]);
    if (sb === sa) sb += 5;
    const ta = pa * sa;
    const tb = pb * sb;
    const cents = (x: number) => `$${Math.floor(x / 100)}.${String(x % 100).padStart(2, '0')}`;
    const stem = `Store X sells ${an(`${sa}-${item[0].replace(/s$/, '')}`)} package of ${item[1]} for ${cents(ta)}. Store Y sells ${an(`${sb}-${item[0].replace(/s$/, '')}`)} package of the same ${item[1]} for ${cents(tb)}. How many cents less per ${item[0].replace(/s$/, '')} is the price at Store Y than at Store X?`;
    return {
      stem,
      spr: stem,
      steps: [
        `Store X: ${ta} cents ÷ ${sa} = ${pa} cents per ${item[0].replace(/s$/, '')}.`,
        `Store Y: ${tb} cents ÷ ${sb} = ${pb} cents per ${item[0].replace(/s$/, '')}.`,
        `The difference is ${pa} − ${pb} = ${pa - pb} cents.`,
      ],
      spec: { ta, sa, tb, sb },
      key: R(pa - pb),
      wrong: [
        { v: R(Math.abs(ta - tb)), why: 'Compared the package prices instead of the unit prices.' },
        { v: R(pb), why: "Gave Store Y's unit price instead of the difference." },
        { v: R(pa), why: "Gave Store X's unit price instead of the difference." },
        { v: R(pa + pb), why: 'Added the unit prices.' },
      ],
    };
  },
  solve: (s: { ta: number; sa: number; tb: number; sb: number }) => sub(R(s.ta, s.sa), R(s.tb, s.sb)),
});

const averageSpeed = family({
  name: 'average-speed',
  bands: ['hard'],
  build(rng) {
    const mover = rng.pick([['drives', 'miles per hour', 'miles'], ['cycles', 'kilometers per hour', 'kilometers'], ['sails', 'knots', 'nautical miles']] as const);
    const s1 = rng.int(4, 14) * 5;
    let s2 = rng.int(4, 14) * 5;
    if (s2 === s1) s2 += 10;
    const t1 = rng.int(1, 4);
    let t2 = rng.int(1, 5);
    if (t2 === t1) t2 += 1;
    const d1 = s1 * t1;
    const d2 = s2 * t2;
    const key = R(d1 + d2, t1 + t2);
    const who = rng.pick(['Ana', 'Marcus', 'Priya', 'Diego', 'Lena', 'Kofi']);
    const stem = `${who} ${mover[0]} ${d1} ${mover[2]} at an average speed of ${s1} ${mover[1]} and then ${d2} ${mover[2]} at an average speed of ${s2} ${mover[1]}. What is ${who}'s average speed, in ${mover[1]}, for the entire trip?`;
    return {
      stem,
      spr: stem,
      steps: [
        `Time for each part: ${d1} ÷ ${s1} = ${t1} and ${d2} ÷ ${s2} = ${t2}, so the total time is ${t1 + t2}.`,
        `Average speed = total distance ÷ total time = ${d1 + d2} ÷ ${t1 + t2} = ${numText(key)}.`,
      ],
      spec: { d1, s1, d2, s2 },
      key,
      wrong: [
        { v: R(s1 + s2, 2), why: 'Averaged the two speeds instead of dividing total distance by total time.' },
        { v: R(d1 * s1 + d2 * s2, d1 + d2), why: 'Weighted the speeds by distance instead of by time.' },
        { v: R(d1 > d2 ? s1 : s2), why: 'Used only the speed of the longer part of the trip.' },
        { v: R(d1 + d2, 2), why: 'Divided the total distance by the number of parts.' },
      ],
    };
  },
  solve: (s: { d1: number; s1: number; d2: number; s2: number }) =>
    div(R(s.d1 + s.d2), add(R(s.d1, s.s1), R(s.d2, s.s2))),
});

export const ratiosRates = makeGenerator(
  'math.psda.ratios-rates',
  [unitRate, ratioParts, mapScale, unitConversion, proportionalScaling, density, rateComparison, averageSpeed],
  { sprRate: 0.33 },
);
