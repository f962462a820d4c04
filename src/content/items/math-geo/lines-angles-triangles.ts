import type { Rng } from '../../../lib/rng.ts';
import { add, div, mul, sub } from '../../../lib/rational.ts';
import { family, makeGenerator, numText, q, qs, R } from '../math-psda/kit.ts';

/** "(4x + 12)°" from slope a and constant b. */
const angleExpr = (a: number, b: number) => (b === 0 ? `${a}x°` : `(${a === 1 ? '' : a}x ${b < 0 ? '−' : '+'} ${Math.abs(b)})°`);

/** "6x − 61" (no degree sign). */
const lin = (a: number, b: number) => `${a === 1 ? '' : a}x${b === 0 ? '' : ` ${b < 0 ? '−' : '+'} ${Math.abs(b)}`}`;

/** Draw a·x + b with a given value at x. */
function exprAt(rng: Rng, x: number, value: number): [number, number] {
  const a = rng.int(2, 7);
  return [a, value - a * x];
}

const intersecting = family({
  name: 'intersecting-lines',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const x = rng.int(5, 25);
    const vertical = rng.chance(0.5);
    const v1 = rng.int(35, 145);
    const v2 = vertical ? v1 : 180 - v1;
    const [a1, b1] = exprAt(rng, x, v1);
    let [a2, b2] = exprAt(rng, x, v2);
    while (a2 === a1) [a2, b2] = exprAt(rng, x, v2);
    const askAngle = d === 'medium';
    const [L1, L2] = rng.pick([['ℓ', 'm'], ['j', 'k'], ['p', 'q']] as const);
    const rel = vertical ? 'are vertical angles' : 'form a linear pair';
    const stem = `Lines ${L1} and ${L2} intersect at a point. Two of the angles formed, with measures ${angleExpr(a1, b1)} and ${angleExpr(a2, b2)}, ${rel}. What is the ${askAngle ? `measure, in degrees, of the angle with measure ${angleExpr(a1, b1)}` : 'value of x'}?`;
    const key = R(askAngle ? v1 : x);
    return {
      stem,
      spr: stem,
      steps: [
        vertical ? `Vertical angles are equal: ${lin(a1, b1)} = ${lin(a2, b2)}.` : `Angles in a linear pair add to 180°: (${lin(a1, b1)}) + (${lin(a2, b2)}) = 180.`,
        `So x = ${x}${askAngle ? `, and the angle measures ${a1}(${x}) ${b1 < 0 ? '−' : '+'} ${Math.abs(b1)} = ${v1}°` : ''}.`,
      ],
      spec: { a1, b1, a2, b2, vertical, ask: askAngle ? 'angle' : 'x' },
      key,
      wrong: vertical
        ? [
            { v: R(180 - a1 * x - b1), why: 'Treated vertical angles as supplementary.' },
            { v: div(R(180 - b1 - b2), R(a1 + a2)), why: 'Set the sum equal to 180 instead of setting the angles equal.' },
            { v: askAngle ? R(x) : R(v1), why: askAngle ? 'Stopped at x.' : 'Gave the angle measure instead of x.' },
            { v: R(90), why: 'Assumed the lines are perpendicular.' },
          ]
        : [
            { v: div(R(b2 - b1), R(a1 - a2)), why: 'Set the angles equal, as if they were vertical angles.' },
            { v: div(R(90 - b1 - b2), R(a1 + a2)), why: 'Set the sum equal to 90.' },
            { v: askAngle ? R(x) : R(v1), why: askAngle ? 'Stopped at x.' : 'Gave an angle measure instead of x.' },
            { v: R(v2), why: 'Gave the other angle of the pair.' },
          ],
    };
  },
  solve(s: { a1: number; b1: number; a2: number; b2: number; vertical: boolean; ask: string }) {
    // Scan integer x for the defining relationship.
    for (let x = -90; x <= 180; x++) {
      const [u, v] = [s.a1 * x + s.b1, s.a2 * x + s.b2];
      if (s.vertical ? u === v : u + v === 180) return R(s.ask === 'x' ? x : u);
    }
    throw new Error('no solution');
  },
});

const PAIRS = {
  'alternate interior angles': 'equal',
  'corresponding angles': 'equal',
  'alternate exterior angles': 'equal',
  'same-side interior angles': 'supplementary',
} as const;
type Pair = keyof typeof PAIRS;

const parallel = family({
  name: 'parallel-transversal',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const pair = rng.pick(Object.keys(PAIRS) as Pair[]);
    const eq = PAIRS[pair] === 'equal';
    const x = rng.int(6, 30);
    const v1 = rng.int(40, 140);
    const v2 = eq ? v1 : 180 - v1;
    const [a1, b1] = exprAt(rng, x, v1);
    let [a2, b2] = exprAt(rng, x, v2);
    while (a2 === a1) [a2, b2] = exprAt(rng, x, v2);
    const askOther = d === 'hard';
    const stem = `Parallel lines r and s are cut by transversal t. Two of the angles formed are ${pair}; one measures ${angleExpr(a1, b1)} and the other measures ${angleExpr(a2, b2)}. ${askOther ? `What is the measure, in degrees, of an angle that forms a linear pair with the angle measuring ${angleExpr(a1, b1)}?` : 'What is the value of x?'}`;
    const key = R(askOther ? 180 - v1 : x);
    return {
      stem,
      spr: stem,
      steps: [
        eq ? `With parallel lines, ${pair} are congruent: ${lin(a1, b1)} = ${lin(a2, b2)}.` : `With parallel lines, ${pair} are supplementary: (${lin(a1, b1)}) + (${lin(a2, b2)}) = 180.`,
        `Solving gives x = ${x}.${askOther ? ` The angle is ${v1}°, so its linear-pair partner is 180 − ${v1} = ${180 - v1}°.` : ''}`,
      ],
      spec: { a1, b1, a2, b2, eq, askOther },
      key,
      wrong: [
        { v: eq ? div(R(180 - b1 - b2), R(a1 + a2)) : div(R(b2 - b1), R(a1 - a2)), why: eq ? `Treated ${pair} as supplementary.` : `Treated ${pair} as congruent.` },
        { v: R(v1), why: askOther ? 'Gave the angle itself, not its supplement.' : 'Gave the angle measure instead of x.' },
        { v: askOther ? R(x) : R(v2 === v1 ? 180 - v1 : v2), why: askOther ? 'Stopped at x.' : 'Gave the other angle measure.' },
        { v: askOther ? R(90 - (v1 % 90)) : R(x + 10), why: 'Made an arithmetic slip solving the equation.' },
      ],
    };
  },
  solve(s: { a1: number; b1: number; a2: number; b2: number; eq: boolean; askOther: boolean }) {
    const x = s.eq ? div(R(s.b2 - s.b1), R(s.a1 - s.a2)) : div(R(180 - s.b1 - s.b2), R(s.a1 + s.a2));
    const v1 = add(mul(R(s.a1), x), R(s.b1));
    return s.askOther ? sub(R(180), v1) : x;
  },
});

const triangleSum = family({
  name: 'triangle-angle-sum',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const names = rng.pick([['A', 'B', 'C'], ['P', 'Q', 'R'], ['D', 'E', 'F'], ['J', 'K', 'L'], ['X', 'Y', 'Z'], ['R', 'S', 'T'], ['M', 'N', 'O']] as const);
    if (d === 'easy') {
      const a = rng.int(25, 100);
      const b = rng.int(20, 150 - a);
      const stem = `In triangle ${names.join('')}, the measure of angle ${names[0]} is ${a}° and the measure of angle ${names[1]} is ${b}°. What is the measure, in degrees, of angle ${names[2]}?`;
      return {
        stem,
        spr: stem,
        steps: ['The angles of a triangle add to 180°.', `${180} − ${a} − ${b} = ${180 - a - b}.`],
        spec: { kind: 'two', a, b },
        key: R(180 - a - b),
        wrong: [
          { v: R(360 - a - b), why: 'Used 360° as the angle sum.' },
          { v: R(a + b), why: 'Added the two given angles.' },
          { v: R(Math.abs(180 - a - b - 90) || 45), why: 'Assumed a right triangle.' },
          { v: R(180 - a), why: 'Subtracted only one angle.' },
        ],
      };
    }
    for (;;) {
      const r = [rng.int(1, 7), rng.int(1, 7), rng.int(1, 9)];
      const tot = r[0] + r[1] + r[2];
      if (180 % tot || new Set(r).size < 2) continue;
      const k = 180 / tot;
      const largest = Math.max(...r) * k;
      const stem = `The measures of the angles of triangle ${names.join('')} are in the ratio ${r.join(':')}. What is the measure, in degrees, of the largest angle?`;
      return {
        stem,
        spr: stem,
        steps: [`Write the angles as ${r.map((x) => `${x}k`).join(', ')}; they add to ${tot}k = 180, so k = ${k}.`, `The largest angle is ${Math.max(...r)}k = ${largest}°.`],
        spec: { kind: 'ratio', r },
        key: R(largest),
        wrong: [
          { v: R(k), why: 'Stopped at the value of one ratio part.' },
          { v: R(Math.min(...r) * k), why: 'Gave the smallest angle.' },
          { v: R((Math.max(...r) * 360) / tot), why: 'Used 360° as the angle sum.' },
          { v: R(Math.max(...r) * 10), why: 'Multiplied the ratio term by 10.' },
        ],
      };
    }
  },
  solve(s: { kind: string; a?: number; b?: number; r?: number[] }) {
    if (s.kind === 'two') return sub(sub(R(180), R(s.a!)), R(s.b!));
    const r = s.r!;
    return div(mul(R(180), R(Math.max(...r))), R(r.reduce((x, y) => x + y, 0)));
  },
});

const exterior = family({
  name: 'exterior-angle',
  bands: ['medium', 'hard'],
  build(rng) {
    const a = rng.int(25, 80);
    const b = rng.int(25, 150 - a);
    const ext = a + b;
    const stem = `In triangle ABC, side BC is extended past C to point D. Angle ACD measures ${ext}°, and angle A measures ${a}°. What is the measure, in degrees, of angle B?`;
    return {
      stem,
      spr: stem,
      steps: ['An exterior angle equals the sum of the two remote interior angles: m∠ACD = m∠A + m∠B.', `m∠B = ${ext} − ${a} = ${b}.`],
      spec: { ext, a },
      key: R(b),
      wrong: [
        { v: R(180 - ext), why: 'Found angle ACB (the interior angle at C) instead.' },
        { v: R(ext + a - 180), why: 'Added the angles and subtracted 180.' },
        { v: R(ext + a), why: 'Added the exterior angle and angle A.' },
        { v: R(180 - a), why: 'Subtracted angle A from 180.' },
      ],
    };
  },
  // Through the interior angle at C and the triangle sum.
  solve: (s: { ext: number; a: number }) => R(180 - s.a - (180 - s.ext)),
});

const similar = family({
  name: 'similar-triangles',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const k = R(rng.int(2, 7), rng.pick([1, 2, 3]));
    if (k.n === k.d) throw new RangeError('trivial scale');
    const ab = rng.int(2, 12) * k.d;
    const bc = rng.int(2, 12) * k.d;
    const [de, ef] = [mul(R(ab), k), mul(R(bc), k)];
    if (d === 'hard') {
      // Segment DE parallel to BC inside triangle ABC, D on AB, E on AC.
      const ad = ab;
      const abFull = de; // AB of the big triangle
      const dbLen = sub(abFull, R(ad));
      if (dbLen.n <= 0) throw new RangeError('bad configuration');
      const stem = `In triangle ABC, point D lies on side AB and point E lies on side AC so that segment DE is parallel to BC. AD = ${ad}, DB = ${numText(dbLen)}, and DE = ${bc}. What is the length of BC?`;
      const key = mul(R(bc), div(abFull, R(ad)));
      return {
        stem,
        spr: stem,
        steps: ['DE ∥ BC makes triangle ADE similar to triangle ABC, with AB corresponding to AD.', `AB = ${ad} + ${numText(dbLen)} = ${numText(abFull)}, so BC = ${bc} × ${numText(abFull)}/${ad} = ${numText(key)}.`],
        spec: { kind: 'parallel', ad, db: qs(dbLen), de: bc },
        key,
        wrong: [
          { v: mul(R(bc), div(dbLen, R(ad))), why: 'Used DB instead of AB as the corresponding side.' },
          { v: add(R(bc), dbLen), why: 'Added the extra length instead of scaling.' },
          { v: mul(R(bc), div(R(ad), abFull)), why: 'Inverted the scale factor.' },
          { v: mul(R(bc), div(R(ad), dbLen)), why: 'Compared AD to DB as the scale.' },
        ],
      };
    }
    const stem = `Triangle ABC is similar to triangle DEF, where A, B, and C correspond to D, E, and F, respectively. AB = ${ab}, BC = ${bc}, and DE = ${numText(de)}. What is the length of EF?`;
    return {
      stem,
      spr: stem,
      steps: [`The scale factor from ABC to DEF is DE/AB = ${numText(de)}/${ab} = ${numText(k)}.`, `EF = ${bc} × ${numText(k)} = ${numText(ef)}.`],
      spec: { kind: 'plain', ab, bc, de: qs(de) },
      key: ef,
      wrong: [
        { v: div(R(bc), k), why: 'Divided by the scale factor instead of multiplying.' },
        { v: add(R(bc), sub(de, R(ab))), why: 'Added the difference DE − AB instead of scaling.' },
        { v: div(mul(R(ab), de), R(bc)), why: 'Matched the wrong sides in the proportion.' },
        { v: mul(R(ab), k), why: 'Scaled the wrong side.' },
      ],
    };
  },
  solve(s: { kind: string; ab?: number; bc?: number; de: string | number; ad?: number; db?: string }) {
    if (s.kind === 'plain') return div(mul(R(s.bc!), q(s.de)), R(s.ab!));
    // BC / DE = AB / AD with AB = AD + DB.
    return div(mul(q(s.de), add(R(s.ad!), q(s.db))), R(s.ad!));
  },
});

const isosceles = family({
  name: 'isosceles-triangle',
  bands: ['easy', 'medium', 'hard'],
  build(rng, d) {
    const base = rng.int(20, 85);
    const vertex = 180 - 2 * base;
    const fromVertex = d === 'easy' ? true : rng.chance(0.5);
    const [P, Q, R_] = rng.pick([['P', 'Q', 'R'], ['A', 'B', 'C'], ['K', 'L', 'M'], ['D', 'E', 'F'], ['X', 'Y', 'Z'], ['S', 'T', 'U']] as const);
    const stem = fromVertex
      ? `In isosceles triangle ${P}${Q}${R_}, ${P}${Q} = ${P}${R_} and the measure of angle ${P} is ${vertex}°. What is the measure, in degrees, of angle ${Q}?`
      : `In triangle ${P}${Q}${R_}, ${P}${Q} = ${P}${R_} and the measure of angle ${Q} is ${base}°. What is the measure, in degrees, of angle ${P}?`;
    return {
      stem,
      spr: stem,
      steps: [`${P}${Q} = ${P}${R_}, so the angles opposite them, ${R_} and ${Q}, are equal.`, fromVertex ? `2·m∠${Q} = 180 − ${vertex}, so m∠${Q} = ${base}.` : `m∠${P} = 180 − 2(${base}) = ${vertex}.`],
      spec: { given: fromVertex ? vertex : base, fromVertex },
      key: R(fromVertex ? base : vertex),
      wrong: fromVertex
        ? [
            { v: R(vertex), why: 'Assumed all three angles equal angle P.' },
            { v: R(180 - vertex), why: 'Forgot to split the remaining angle between Q and R.' },
            { v: R(60), why: 'Assumed the triangle is equilateral.' },
            { v: R(90 - vertex), why: 'Used 90° in place of 180°.' },
          ]
        : [
            { v: R(180 - base), why: 'Subtracted only one base angle.' },
            { v: R(base), why: 'Assumed angle P equals angle Q.' },
            { v: R(180 - base, 2), why: 'Treated angle Q as the vertex angle.' },
            { v: R(90 - base), why: 'Used 90° in place of 180°.' },
          ],
    };
  },
  // The base angles equal (180 − vertex)/2; equivalently, vertex = 180 − 2·base.
  solve: (s: { given: number; fromVertex: boolean }) => (s.fromVertex ? R(180 - s.given, 2) : R(180 - 2 * s.given)),
});

const POLY: Record<number, string> = { 5: 'pentagon', 6: 'hexagon', 7: 'heptagon', 8: 'octagon', 9: 'nonagon', 10: 'decagon', 12: 'dodecagon', 15: '15-sided polygon', 18: '18-sided polygon', 20: '20-sided polygon' };

const polygon = family({
  name: 'polygon-angles',
  bands: ['hard'],
  build(rng) {
    const n = rng.pick([5, 6, 7, 8, 9, 10, 12, 15, 18, 20]);
    const ask = rng.pick(['interior', 'sum', 'exterior'] as const);
    const key = ask === 'sum' ? R((n - 2) * 180) : ask === 'interior' ? R((n - 2) * 180, n) : R(360, n);
    const stem = ask === 'sum'
      ? `What is the sum, in degrees, of the measures of the interior angles of a ${POLY[n]}${POLY[n].includes('sided') ? '' : ` (a polygon with ${n} sides)`}?`
      : `What is the measure, in degrees, of each ${ask} angle of a regular ${POLY[n]}${POLY[n].includes('sided') ? '' : ` (a regular polygon with ${n} sides)`}?`;
    return {
      stem,
      spr: stem,
      steps: [
        `A polygon with ${n} sides splits into ${n - 2} triangles, so its interior angles sum to ${(n - 2) * 180}°.`,
        ask === 'sum' ? `The sum is ${(n - 2) * 180}°.` : ask === 'interior' ? `Each of the ${n} equal angles is ${(n - 2) * 180} ÷ ${n} = ${numText(key)}°.` : `The exterior angles sum to 360°, so each is 360 ÷ ${n} = ${numText(key)}°.`,
      ],
      spec: { n, ask },
      key,
      wrong: [
        { v: R(n * 180), why: 'Used n × 180 instead of (n − 2) × 180.' },
        { v: ask === 'exterior' ? R((n - 2) * 180, n) : R(360, n), why: ask === 'exterior' ? 'Gave the interior angle.' : 'Gave the exterior angle.' },
        { v: ask === 'sum' ? R((n - 1) * 180) : R(180 * n, n + 2), why: 'Counted the triangles incorrectly.' },
        { v: ask === 'sum' ? R(360) : R((n - 2) * 180), why: ask === 'sum' ? 'Gave the exterior-angle sum.' : 'Gave the interior angle sum instead of one angle.' },
      ],
    };
  },
  // Walk around the polygon: each exterior turn is 360/n; interior = 180 − exterior.
  solve(s: { n: number; ask: string }) {
    const ext = R(360, s.n);
    if (s.ask === 'exterior') return ext;
    const interior = sub(R(180), ext);
    return s.ask === 'interior' ? interior : mul(interior, R(s.n));
  },
});

export const linesAnglesTriangles = makeGenerator(
  'math.geo.lines-angles-triangles',
  [intersecting, parallel, triangleSum, exterior, similar, isosceles, polygon],
  { sprRate: 0.3 },
);
