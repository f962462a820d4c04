import { div, mul, sub } from '../../../lib/rational.ts';
import { family, makeGenerator, numText, q, qs, R, rootText } from '../math-psda/kit.ts';

const TRIPLES = [[3, 4, 5], [5, 12, 13], [8, 15, 17], [7, 24, 25], [20, 21, 29], [9, 40, 41], [12, 35, 37]] as const;

/** Integer square root, or null when n is not a perfect square. */
function isqrt(n: number): number | null {
  const r = Math.round(Math.sqrt(n));
  return r * r === n ? r : null;
}

const pythagorean = family({
  name: 'pythagorean',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const mult = d === 'easy' ? rng.int(1, 3) : rng.int(1, 4);
    const [a, b, c] = rng.pick(d === 'easy' ? TRIPLES.slice(0, 3) : TRIPLES).map((x) => x * mult);
    const askHyp = d === 'easy' ? rng.chance(0.6) : rng.chance(0.3);
    const tri = rng.pick(['ABC', 'PQR', 'XYZ', 'DEF', 'JKL', 'RST', 'MNO', 'UVW']);
    const [p, r1, r2] = [tri[2], tri[0], tri[1]];
    const stem = askHyp
      ? `In right triangle ${tri}, angle ${p} is a right angle, ${r1}${p} = ${a}, and ${r2}${p} = ${b}. What is the length of ${r1}${r2}?`
      : `In right triangle ${tri}, angle ${p} is a right angle, ${r1}${r2} = ${c}, and ${r1}${p} = ${a}. What is the length of ${r2}${p}?`;
    const key = R(askHyp ? c : b);
    return {
      stem,
      spr: stem,
      steps: askHyp
        ? [`${r1}${r2} is the hypotenuse: ${r1}${r2}² = ${a}² + ${b}² = ${a * a + b * b}.`, `${r1}${r2} = √${a * a + b * b} = ${c}.`]
        : [`${r1}${r2} is the hypotenuse: ${r2}${p}² = ${c}² − ${a}² = ${c * c - a * a}.`, `${r2}${p} = √${c * c - a * a} = ${b}.`],
      spec: askHyp ? { legs: [a, b] } : { hyp: c, leg: a },
      key,
      wrong: askHyp
        ? [
            { v: R(a + b), why: 'Added the legs instead of using the Pythagorean theorem.' },
            { v: R(a * a + b * b), why: 'Forgot to take the square root.' },
            { v: R(Math.abs(b - a)), why: 'Subtracted the legs.' },
            { v: R(Math.max(a, b) + 1), why: 'Guessed the hypotenuse is just longer than the longest leg.' },
          ]
        : [
            { v: R(c - a), why: 'Subtracted the lengths instead of their squares.' },
            { v: isqrt(c * c + a * a) !== null ? R(isqrt(c * c + a * a)!) : R(c + a), why: 'Added the squares, treating the hypotenuse as a leg.' },
            { v: R(c * c - a * a), why: 'Forgot to take the square root.' },
            { v: R(c + a), why: 'Added the two given sides.' },
          ],
    };
  },
  solve(s: { legs?: number[]; hyp?: number; leg?: number }) {
    const sq = s.legs ? s.legs[0] ** 2 + s.legs[1] ** 2 : s.hyp! ** 2 - s.leg! ** 2;
    const r = isqrt(sq);
    if (r === null) throw new Error('not a perfect square');
    return R(r);
  },
});

const ladder = family({
  name: 'pythagorean-context',
  bands: ['medium', 'hard'],
  build(rng) {
    const mult = rng.int(1, 4);
    const [a, b, c] = rng.pick(TRIPLES).map((x) => x * mult);
    const ctx = rng.pick([
      [`A ${c}-foot ladder leans against a vertical wall. The bottom of the ladder is ${a} feet from the base of the wall on level ground.`, 'How high up the wall, in feet, does the top of the ladder reach?'],
      [`A rectangular television screen has a diagonal of ${c} inches and a width of ${a} inches.`, 'What is the height, in inches, of the screen?'],
      [`A straight wheelchair ramp is ${c} feet long and covers a horizontal distance of ${a} feet.`, 'How high, in feet, does the ramp rise?'],
      [`A kite string is ${c} meters long and pulled tight. The kite is directly above a point ${a} meters from the person holding the string, at the same ground level as the person's hand.`, 'How high, in meters, is the kite above the person’s hand?'],
      [`A rectangular park is ${a} meters wide, and a straight diagonal path across it is ${c} meters long.`, 'What is the length, in meters, of the park?'],
    ] as const);
    const stem = `${ctx[0]} ${ctx[1]}`;
    return {
      stem,
      spr: stem,
      steps: [`The ${c} is the hypotenuse of a right triangle with one leg ${a}.`, `Other leg = √(${c}² − ${a}²) = √${c * c - a * a} = ${b}.`],
      spec: { hyp: c, leg: a },
      key: R(b),
      wrong: [
        { v: R(c - a), why: 'Subtracted the lengths instead of their squares.' },
        { v: R(c * c - a * a), why: 'Forgot to take the square root.' },
        { v: R(c + a), why: 'Added the lengths.' },
        { v: R(a), why: 'Assumed the triangle has two equal legs.' },
      ],
    };
  },
  solve: (s: { hyp: number; leg: number }) => R(isqrt(s.hyp ** 2 - s.leg ** 2) ?? NaN),
});

const special = family({
  name: 'special-right-triangles',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const k = rng.int(2, 12);
    const kind = rng.pick(['45', '30-short', '30-hyp', '30-long'] as const);
    // Sides as [coefficient, radicand]: 45-45-90 → k, k, k√2; 30-60-90 → k, k√3, 2k.
    let given: string;
    let key: string;
    let steps: string[];
    let wrong: string[];
    let keyNum: number | null = null;
    if (kind === '45') {
      const fromHyp = d === 'hard';
      given = fromHyp ? `the hypotenuse has length ${rootText(k, 2)}. What is the length of one leg` : `each leg has length ${k}. What is the length of the hypotenuse`;
      key = fromHyp ? String(k) : rootText(k, 2);
      keyNum = fromHyp ? k : null;
      steps = ['In a 45°-45°-90° triangle, the hypotenuse is √2 times each leg.', fromHyp ? `Leg = ${rootText(k, 2)} ÷ √2 = ${k}.` : `Hypotenuse = ${k}√2.`];
      wrong = fromHyp ? [rootText(k, 2), `${k * 2}`, rootText(k, 3)] : [String(2 * k), rootText(k, 3), `${k}√2/2`];
      return {
        stem: `In a right triangle with two 45° angles, ${given}?`,
        spr: keyNum !== null ? `In a right triangle with two 45° angles, ${given}?` : undefined,
        steps,
        spec: { kind, k, fromHyp },
        key: keyNum !== null ? R(keyNum) : key,
        wrong: wrong.map((v, i) => ({ v, why: ['Did not divide by √2.', 'Doubled the leg, as for a 30°-60°-90° triangle.', 'Used √3 instead of √2.'][i] ?? 'Mixed up the side ratios.' })),
      };
    }
    if (kind === '30-short') {
      given = `the side opposite the 30° angle has length ${k}. What is the length of the side opposite the 60° angle`;
      key = rootText(k, 3);
      steps = ['In a 30°-60°-90° triangle, the sides are in the ratio 1 : √3 : 2.', `The side opposite 60° is ${k}√3.`];
      wrong = [String(2 * k), rootText(k, 2), rootText(2 * k, 3)];
    } else if (kind === '30-hyp') {
      given = `the hypotenuse has length ${2 * k}. What is the length of the side opposite the 60° angle`;
      key = rootText(k, 3);
      steps = ['In a 30°-60°-90° triangle, the short leg is half the hypotenuse and the long leg is √3 times the short leg.', `Short leg = ${k}, so the long leg = ${k}√3.`];
      wrong = [String(k), rootText(2 * k, 3), rootText(k, 2)];
    } else {
      given = `the side opposite the 60° angle has length ${rootText(k, 3)}. What is the length of the hypotenuse`;
      key = String(2 * k);
      keyNum = 2 * k;
      steps = ['In a 30°-60°-90° triangle, the long leg is √3 times the short leg, and the hypotenuse is twice the short leg.', `Short leg = ${k}, so the hypotenuse = ${2 * k}.`];
      wrong = [String(k), rootText(2 * k, 3), rootText(k, 2)];
    }
    const whys = ['Used the wrong side of the 1 : √3 : 2 ratio.', 'Mixed up which side is opposite which angle.', 'Used the 45°-45°-90° ratio.'];
    const stem = `In a right triangle with a 30° angle, ${given}?`;
    return {
      stem,
      spr: keyNum !== null ? stem : undefined,
      steps,
      spec: { kind, k, fromHyp: false },
      key: keyNum !== null ? R(keyNum) : key,
      wrong: wrong.map((v, i) => ({ v, why: whys[i] })),
    };
  },
  // Rebuild the side lengths from the short leg (or leg) and read off the asked side.
  solve(s: { kind: string; k: number; fromHyp: boolean }) {
    if (s.kind === '45') return s.fromHyp ? R(s.k) : rootText(s.k, 2);
    const short = s.k;
    if (s.kind === '30-long') return R(2 * short);
    return rootText(short, 3);
  },
});

const RATIOS = ['sin', 'cos', 'tan'] as const;
type Ratio = (typeof RATIOS)[number];

/** The ratio for angle A of a right triangle with legs opp (opposite A), adj and hypotenuse hyp. */
function ratioOf(r: Ratio, opp: number, adj: number, hyp: number) {
  return r === 'sin' ? R(opp, hyp) : r === 'cos' ? R(adj, hyp) : R(opp, adj);
}

const trigRatio = family({
  name: 'trig-ratio-from-sides',
  bands: ['easy', 'medium'],
  build(rng) {
    const [a, b, c] = rng.pick(TRIPLES);
    const r = rng.pick(RATIOS);
    const m = rng.int(1, 5);
    const [A, B, C] = rng.pick([['A', 'B', 'C'], ['P', 'Q', 'R'], ['D', 'E', 'F'], ['J', 'K', 'L'], ['X', 'Y', 'Z'], ['M', 'N', 'O']] as const);
    const stem = `In right triangle ${A}${B}${C}, angle ${C} is a right angle, ${B}${C} = ${a * m}, ${A}${C} = ${b * m}, and ${A}${B} = ${c * m}. What is the value of ${r} ${A}?`;
    const key = ratioOf(r, a, b, c);
    return {
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`For angle ${A}, the opposite side is ${B}${C} = ${a * m}, the adjacent side is ${A}${C} = ${b * m}, and the hypotenuse is ${A}${B} = ${c * m}.`, `${r} ${A} = ${r === 'sin' ? 'opposite/hypotenuse' : r === 'cos' ? 'adjacent/hypotenuse' : 'opposite/adjacent'} = ${numText(key)}.`],
      spec: { opp: a * m, adj: b * m, hyp: c * m, r },
      key,
      wrong: [
        { v: ratioOf(r, b, a, c), why: `Used the ratio for angle ${B} (swapped opposite and adjacent).` },
        ...RATIOS.filter((x) => x !== r).map((x) => ({ v: ratioOf(x, a, b, c), why: `Used the ${x} ratio instead of ${r}.` })),
        { v: div(R(1), key), why: 'Inverted the ratio.' },
      ],
    };
  },
  // Recover the angle’s sides from the Pythagorean check, then form the ratio.
  solve(s: { opp: number; adj: number; hyp: number; r: Ratio }) {
    if (s.opp ** 2 + s.adj ** 2 !== s.hyp ** 2) throw new Error('not a right triangle');
    return ratioOf(s.r, s.opp, s.adj, s.hyp);
  },
});

const cofunction = family({
  name: 'cofunction',
  bands: ['medium', 'hard'],
  build(rng, d) {
    if (d === 'medium') {
      const [a, , c] = rng.pick(TRIPLES);
      const v = R(a, c);
      const useSin = rng.chance(0.5);
      const stem = `In right triangle RST, angle T is a right angle and ${useSin ? 'sin' : 'cos'} R = ${numText(v)}. What is the value of ${useSin ? 'cos' : 'sin'} S?`;
      return {
        stem,
        spr: stem,
        fmt: 'frac',
        steps: ['Angles R and S are complementary (they add to 90°).', `The ${useSin ? 'sine' : 'cosine'} of an angle equals the ${useSin ? 'cosine' : 'sine'} of its complement, so the value is ${numText(v)}.`],
        spec: { kind: 'value', v: qs(v) },
        key: v,
        wrong: [
          { v: sub(R(1), v), why: 'Subtracted from 1 as if the values were complementary.' },
          { v: div(R(1), v), why: 'Took the reciprocal.' },
          { v: R(isqrt(c * c - a * a) ?? 1, c), why: `Found ${useSin ? 'cos R' : 'sin R'} instead.` },
          { v: R(a, isqrt(c * c - a * a) ?? 1), why: 'Found a tangent.' },
        ],
      };
    }
    for (;;) {
      const x = rng.int(4, 20);
      const [p, r] = [rng.int(1, 5), rng.int(1, 5)];
      const A = p * x + rng.int(-10, 15);
      const B = 90 - A;
      const s2 = B - r * x;
      const s1 = A - p * x;
      if (A <= 0 || B <= 0) continue;
      const e = (m: number, c: number) => `${m === 1 ? '' : m}x ${c < 0 ? '−' : '+'} ${Math.abs(c)}`;
      const stem = `In a right triangle, the two acute angles measure (${e(p, s1)})° and (${e(r, s2)})°, so that sin((${e(p, s1)})°) = cos((${e(r, s2)})°). What is the value of x?`;
      return {
        stem,
        spr: stem,
        steps: ['sin a° = cos b° for acute angles exactly when a + b = 90.', `(${e(p, s1)}) + (${e(r, s2)}) = 90 gives ${p + r}x ${s1 + s2 < 0 ? '−' : '+'} ${Math.abs(s1 + s2)} = 90, so x = ${x}.`],
        spec: { kind: 'solve', p, s1, r, s2 },
        key: R(x),
        wrong: [
          { v: div(R(s2 - s1), R(p - r || 1)), why: 'Set the angles equal instead of complementary.' },
          { v: div(R(180 - s1 - s2), R(p + r)), why: 'Set the sum to 180 instead of 90.' },
          { v: R(A), why: 'Gave an angle measure instead of x.' },
          { v: div(R(90 - s1 + s2), R(p + r)), why: 'Made a sign error combining the constants.' },
        ],
      };
    }
  },
  solve(s: { kind: string; v?: string; p?: number; s1?: number; r?: number; s2?: number }) {
    if (s.kind === 'value') return q(s.v);
    // Substitute integer x until the two angles are complementary.
    for (let x = -50; x <= 200; x++) if (s.p! * x + s.s1! + s.r! * x + s.s2! === 90) return R(x);
    throw new Error('no integer x');
  },
});

const sideFromRatio = family({
  name: 'side-from-ratio',
  bands: ['hard'],
  build(rng) {
    const [a0, b0, c] = rng.pick(TRIPLES);
    const [a, b] = rng.chance(0.5) ? [a0, b0] : [b0, a0];
    const m = rng.int(2, 6);
    const r = rng.pick(RATIOS);
    const know = r === 'tan' ? 'adjacent' : 'hyp';
    const ratio = ratioOf(r, a, b, c);
    const stem = r === 'tan'
      ? `In right triangle ABC, angle C is a right angle and tan A = ${numText(ratio)}. If AC = ${b * m}, what is the length of AB?`
      : `In right triangle ABC, angle C is a right angle and ${r} A = ${numText(ratio)}. If AB = ${c * m}, what is the length of ${r === 'sin' ? 'AC' : 'BC'}?`;
    const key = R(r === 'tan' ? c * m : r === 'sin' ? b * m : a * m);
    return {
      stem,
      spr: stem,
      steps: r === 'tan'
        ? [`tan A = BC/AC, so BC = ${numText(ratio)} × ${b * m} = ${a * m}.`, `AB = √(${a * m}² + ${b * m}²) = ${c * m}.`]
        : [`${r} A = ${r === 'sin' ? 'BC' : 'AC'}/AB, so ${r === 'sin' ? 'BC' : 'AC'} = ${numText(ratio)} × ${c * m} = ${(r === 'sin' ? a : b) * m}.`, `${r === 'sin' ? 'AC' : 'BC'} = √(${c * m}² − ${(r === 'sin' ? a : b) * m}²) = ${key.n}.`],
      spec: { r, ratio: qs(ratio), known: r === 'tan' ? b * m : c * m, know },
      key,
      wrong: [
        { v: R(r === 'tan' ? a * m : r === 'sin' ? a * m : b * m), why: 'Stopped at the side given directly by the ratio.' },
        { v: r === 'tan' ? R(a * m + b * m) : R(c * m - (r === 'sin' ? a : b) * m), why: 'Added or subtracted sides instead of using the Pythagorean theorem.' },
        { v: R(r === 'tan' ? c : r === 'sin' ? b : a), why: 'Forgot to scale the ratio to the given side.' },
        { v: R((r === 'tan' ? c : r === 'sin' ? b : a) * (m + 1)), why: 'Used the wrong scale factor.' },
      ],
    };
  },
  solve(s: { r: Ratio; ratio: string; known: number; know: string }) {
    const ratio = q(s.ratio);
    if (s.r === 'tan') {
      const opp = mul(ratio, R(s.known));
      return R(isqrt(opp.n ** 2 / opp.d ** 2 + s.known ** 2) ?? NaN);
    }
    const side = mul(ratio, R(s.known));
    return R(isqrt(s.known ** 2 - (side.n / side.d) ** 2) ?? NaN);
  },
});

const otherRatio = family({
  name: 'ratio-from-ratio',
  bands: ['medium', 'hard'],
  build(rng) {
    const [a0, b0, c] = rng.pick(TRIPLES);
    const [a, b] = rng.chance(0.5) ? [a0, b0] : [b0, a0];
    const [given, ask] = rng.pick([['sin', 'tan'], ['cos', 'tan'], ['sin', 'cos'], ['tan', 'sin'], ['tan', 'cos'], ['cos', 'sin']] as const);
    const gv = ratioOf(given, a, b, c);
    const key = ratioOf(ask, a, b, c);
    const th = rng.pick(['θ', 'x', 'A', 'B', 'β']);
    const stem = rng.pick([
      `For an acute angle ${th} in a right triangle, ${given} ${th} = ${numText(gv)}. What is the value of ${ask} ${th}?`,
      `Angle ${th} is one of the acute angles of a right triangle, and ${given} ${th} = ${numText(gv)}. What is ${ask} ${th}?`,
    ]);
    return {
      stem,
      spr: stem,
      fmt: 'frac',
      steps: [`Draw a right triangle with legs ${a} (opposite ${th}) and ${b}, and hypotenuse ${c}, which matches ${given} ${th} = ${numText(gv)}.`, `${ask} ${th} = ${numText(key)}.`],
      spec: { given, gv: qs(gv), ask },
      key,
      wrong: [
        { v: div(R(1), key), why: 'Inverted the ratio.' },
        { v: gv, why: 'Assumed the two ratios are equal.' },
        { v: sub(R(1), gv), why: 'Subtracted the given ratio from 1.' },
        ...RATIOS.filter((x) => x !== ask && x !== given).map((x) => ({ v: ratioOf(x, a, b, c), why: `Found ${x} θ instead.` })),
        { v: ratioOf(ask, b, a, c), why: 'Used the other acute angle.' },
      ],
    };
  },
  // Use sin² + cos² = 1 with exact squares instead of redrawing the triangle.
  solve(s: { given: Ratio; gv: string; ask: Ratio }) {
    const g = q(s.gv);
    let sin;
    let cos;
    if (s.given === 'tan') {
      const h = isqrt(g.n ** 2 + g.d ** 2)!;
      [sin, cos] = [R(g.n, h), R(g.d, h)];
    } else {
      const other = R(isqrt(g.d ** 2 - g.n ** 2)!, g.d);
      [sin, cos] = s.given === 'sin' ? [g, other] : [other, g];
    }
    return s.ask === 'sin' ? sin : s.ask === 'cos' ? cos : div(sin, cos);
  },
});

export const rightTrianglesTrig = makeGenerator(
  'math.geo.right-triangles-trig',
  [pythagorean, ladder, special, trigRatio, cofunction, sideFromRatio, otherRatio],
  { sprRate: 0.3 },
);
