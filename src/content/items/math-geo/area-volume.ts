import { add, div, mul, sub } from '../../../lib/rational.ts';
import { family, makeGenerator, numText, piText, q, qs, R } from '../math-psda/kit.ts';

const LENGTH_UNITS = ['centimeters', 'inches', 'feet', 'meters'] as const;
const sq = (u: string) => `square ${u}`;
const cu = (u: string) => `cubic ${u}`;

const planeArea = family({
  name: 'plane-area',
  bands: ['easy'],
  build(rng) {
    const u = rng.pick(LENGTH_UNITS);
    const shape = rng.pick(['rectangle', 'triangle', 'parallelogram', 'trapezoid'] as const);
    const a = rng.int(3, 18);
    let b = rng.int(3, 18);
    if (shape === 'triangle' && (a * b) % 2) b += 1;
    const c = rng.int(2, 12);
    const area = shape === 'rectangle' || shape === 'parallelogram' ? R(a * b) : shape === 'triangle' ? R(a * b, 2) : R((a + c) * b, 2);
    const desc =
      shape === 'rectangle'
        ? `A rectangle has a length of ${a} ${u} and a width of ${b} ${u}.`
        : shape === 'triangle'
          ? `A triangle has a base of ${a} ${u} and a height of ${b} ${u}.`
          : shape === 'parallelogram'
            ? `A parallelogram has a base of ${a} ${u} and a height of ${b} ${u}. Its slanted sides are each ${b + rng.int(1, 4)} ${u} long.`
            : `A trapezoid has parallel bases of lengths ${a} ${u} and ${c} ${u}, and the distance between the bases is ${b} ${u}.`;
    const stem = `${desc} What is the area, in ${sq(u)}, of the ${shape}?`;
    return {
      stem,
      spr: stem,
      steps: [
        shape === 'rectangle' || shape === 'parallelogram' ? 'Area = base × height.' : shape === 'triangle' ? 'Area = ½ × base × height.' : 'Area = ½ × (sum of the bases) × height.',
        `Area = ${numText(area)} ${sq(u)}.`,
      ],
      spec: { shape, a, b, c },
      key: area,
      wrong: [
        { v: shape === 'triangle' ? R(a * b) : shape === 'trapezoid' ? R((a + c) * b) : R(a * b, 2), why: shape === 'triangle' || shape === 'trapezoid' ? 'Forgot the factor ½.' : 'Used the triangle formula.' },
        { v: R(2 * (a + b)), why: 'Found the perimeter instead of the area.' },
        { v: R(a + b + (shape === 'trapezoid' ? c : 0)), why: 'Added the dimensions instead of multiplying.' },
        { v: shape === 'trapezoid' ? R(a * c * b, 2) : R(a * b + b), why: 'Combined the dimensions incorrectly.' },
      ],
    };
  },
  // Area by decomposition into a rectangle plus right triangles (shoelace on a placed figure).
  solve(s: { shape: string; a: number; b: number; c: number }) {
    const pts: [number, number][] =
      s.shape === 'rectangle' ? [[0, 0], [s.a, 0], [s.a, s.b], [0, s.b]]
        : s.shape === 'triangle' ? [[0, 0], [s.a, 0], [1, s.b]]
          : s.shape === 'parallelogram' ? [[0, 0], [s.a, 0], [s.a + 2, s.b], [2, s.b]]
            : [[0, 0], [s.a, 0], [1 + s.c, s.b], [1, s.b]];
    let twice = 0;
    pts.forEach(([x1, y1], i) => {
      const [x2, y2] = pts[(i + 1) % pts.length];
      twice += x1 * y2 - x2 * y1;
    });
    return R(Math.abs(twice), 2);
  },
});

const SOLIDS = {
  cylinder: { f: '(1)πr²h', c: R(1) },
  cone: { f: '(1/3)πr²h', c: R(1, 3) },
  sphere: { f: '(4/3)πr³', c: R(4, 3) },
  hemisphere: { f: '(2/3)πr³', c: R(2, 3) },
} as const;
type Solid = keyof typeof SOLIDS;

const roundSolids = family({
  name: 'round-solid-volume',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const u = rng.pick(LENGTH_UNITS);
    const solid: Solid = d === 'medium' ? rng.pick(['cylinder', 'cone'] as const) : rng.pick(['cone', 'sphere', 'hemisphere'] as const);
    const r = rng.int(2, 9);
    const h = solid === 'cone' ? rng.int(1, 5) * 3 : rng.int(2, 15);
    const giveDiameter = d === 'hard' && rng.chance(0.6);
    const round = solid === 'sphere' || solid === 'hemisphere';
    const key = round ? mul(SOLIDS[solid].c, R(r ** 3)) : mul(SOLIDS[solid].c, R(r * r * h));
    const size = giveDiameter ? `a diameter of ${2 * r} ${u}` : `a radius of ${r} ${u}`;
    const desc = round ? `A ${solid} has ${size}.` : `A right circular ${solid} has ${size} and a height of ${h} ${u}.`;
    return {
      stem: `${desc} What is the volume, in ${cu(u)}, of the ${solid}?`,
      spr: `${desc} The volume of the ${solid} is kπ ${cu(u)}. What is the value of k?`,
      fmt: 'pi',
      unit: '',
      steps: [`V = ${SOLIDS[solid].f.replace('(1)', '')}${giveDiameter ? `, with r = ${2 * r} ÷ 2 = ${r}` : ''}.`, `V = ${round ? `${numText(SOLIDS[solid].c)} × π × ${r}³` : `${numText(SOLIDS[solid].c)} × π × ${r}² × ${h}`} = ${piText(key)}.`],
      spec: { solid, r, h },
      key,
      wrong: round
        ? [
            { v: mul(SOLIDS[solid].c, R(8 * r ** 3)), why: 'Used the diameter as the radius.' },
            { v: R(4 * r * r), why: 'Used the sphere surface-area formula 4πr².' },
            { v: R(r ** 3), why: 'Left out the constant factor in the volume formula.' },
            { v: mul(SOLIDS[solid].c, R(r * r)), why: 'Squared the radius instead of cubing it.' },
          ]
        : [
            { v: R(r * r * h), why: 'Used the cylinder formula (forgot the factor ⅓).' },
            { v: mul(SOLIDS[solid].c, R(4 * r * r * h)), why: 'Used the diameter as the radius.' },
            { v: mul(SOLIDS[solid].c, R(2 * r * h)), why: 'Used 2r instead of r².' },
            { v: mul(SOLIDS[solid].c, R(r * h * h)), why: 'Squared the height instead of the radius.' },
            { v: R(2 * r * h), why: 'Found the lateral surface area 2πrh.' },
          ],
    };
  },
  solve(s: { solid: Solid; r: number; h: number }) {
    // Cavalieri: cone = ⅓ cylinder; sphere = cylinder of height 2r minus a double cone (2πr³ − ⅔πr³).
    const cyl = (h: number) => R(s.r * s.r * h);
    if (s.solid === 'cylinder') return cyl(s.h);
    if (s.solid === 'cone') return div(cyl(s.h), R(3));
    const sphere = sub(cyl(2 * s.r), mul(R(2, 3), cyl(s.r)));
    return s.solid === 'sphere' ? sphere : div(sphere, R(2));
  },
});

const scaleFactor = family({
  name: 'scale-factor',
  bands: ['easy', 'hard'],
  build(rng, d) {
    const k = d === 'hard' ? rng.pick([R(3, 2), R(1, 2), R(2, 3), R(5, 2), R(3)]) : R(rng.pick([2, 3, 4]));
    const dim = d === 'hard' ? 3 : 2;
    const thing = dim === 3 ? rng.pick(['rectangular box', 'cylindrical tank', 'cone-shaped funnel', 'model pyramid']) : rng.pick(['rectangular garden', 'triangular sail', 'circular rug', 'photograph']);
    const base = dim === 3 ? rng.int(2, 30) * 8 : rng.int(3, 40) * 9;
    const kPow = dim === 3 ? mul(mul(k, k), k) : mul(k, k);
    const key = mul(R(base), kPow);
    if (key.d !== 1) throw new RangeError('non-integer scaled measure');
    const what = dim === 3 ? 'volume' : 'area';
    const u = dim === 3 ? 'cubic feet' : 'square feet';
    const stem = `A ${thing} has a${what === 'area' ? 'n' : ''} ${what} of ${base} ${u}. A similar ${thing} is made with every length multiplied by ${numText(k)}. What is the ${what}, in ${u}, of the new ${thing}?`;
    return {
      stem,
      spr: stem,
      steps: [`Scaling every length by ${numText(k)} scales ${what} by (${numText(k)})^${dim} = ${numText(kPow)}.`, `${base} × ${numText(kPow)} = ${numText(key)}.`],
      spec: { base, k: qs(k), dim },
      key,
      intOnly: true,
      wrong: [
        { v: mul(R(base), k), why: `Multiplied the ${what} by the length factor itself.` },
        { v: mul(R(base), dim === 3 ? mul(k, k) : mul(mul(k, k), k)), why: `Used the ${dim === 3 ? 'area' : 'volume'} scaling power.` },
        { v: mul(R(base), mul(k, R(dim))), why: `Multiplied the factor by ${dim} instead of raising it to the power ${dim}.` },
        { v: add(R(base), k), why: 'Added the factor.' },
      ],
    };
  },
  solve(s: { base: number; k: string; dim: number }) {
    let v = R(s.base);
    for (let i = 0; i < s.dim; i++) v = mul(v, q(s.k));
    return v;
  },
});

const frame = family({
  name: 'composite-region',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const u = rng.pick(['inches', 'feet', 'meters'] as const);
    const l = rng.int(6, 30);
    const w = rng.int(4, l - 1);
    const t = rng.int(1, 4);
    const ctx = rng.pick([
      [`A rectangular photo measuring ${l} ${u} by ${w} ${u} is surrounded by a frame of uniform width ${t} ${u}.`, 'the frame alone'],
      [`A rectangular pool measuring ${l} ${u} by ${w} ${u} is surrounded by a tiled walkway of uniform width ${t} ${u}.`, 'the walkway'],
      [`A rectangular rug measuring ${l} ${u} by ${w} ${u} is centered in a room so that a strip of bare floor ${t} ${u} wide surrounds it on all sides, reaching the walls.`, 'the bare strip of floor'],
    ] as const);
    const outer = (l + 2 * t) * (w + 2 * t);
    const key = R(outer - l * w);
    const stem = `${ctx[0]} What is the area, in square ${u}, of ${ctx[1]}?`;
    return {
      stem,
      spr: stem,
      steps: [`The outer rectangle measures ${l + 2 * t} by ${w + 2 * t}, with area ${outer}.`, `Subtract the inner area ${l * w}: ${outer} − ${l * w} = ${key.n}.`],
      spec: { l, w, t },
      key,
      bShift: d === 'hard' ? 0.2 : 0,
      wrong: [
        { v: R((l + t) * (w + t) - l * w), why: 'Added the width to each dimension only once.' },
        { v: R(2 * (l + w) * t), why: 'Multiplied the perimeter by the width, missing the four corners.' },
        { v: R(outer), why: 'Gave the area of the whole outer rectangle.' },
        { v: R(l * w), why: 'Gave the area of the inner rectangle.' },
      ],
    };
  },
  // Decompose the border into two long strips and two short strips (corners in the long ones).
  solve: (s: { l: number; w: number; t: number }) => R(2 * s.t * (s.l + 2 * s.t) + 2 * s.t * s.w),
});

const surfaceArea = family({
  name: 'surface-area',
  bands: ['hard', 'medium'],
  build(rng, d) {
    const u = rng.pick(LENGTH_UNITS);
    if (d === 'hard' && rng.chance(0.5)) {
      const s = rng.int(2, 20);
      const stem = `A cube has a volume of ${s ** 3} ${cu(u)}. What is the total surface area, in ${sq(u)}, of the cube?`;
      return {
        stem,
        spr: stem,
        steps: [`The edge length is the cube root of ${s ** 3}, which is ${s}.`, `Surface area = 6 × ${s}² = ${6 * s * s}.`],
        spec: { kind: 'cube', v: s ** 3 },
        key: R(6 * s * s),
        wrong: [
          { v: R(s * s), why: 'Found the area of only one face.' },
          { v: R(4 * s * s), why: 'Counted only four faces.' },
          { v: R(6 * s), why: 'Multiplied the edge by 6 without squaring.' },
          { v: R(s ** 3), why: 'Gave the volume.' },
        ],
      };
    }
    const [l, w, h] = [rng.int(2, 12), rng.int(2, 12), rng.int(2, 12)];
    const stem = `A closed rectangular box has a length of ${l} ${u}, a width of ${w} ${u}, and a height of ${h} ${u}. What is the total surface area, in ${sq(u)}, of the box?`;
    return {
      stem,
      spr: stem,
      steps: [`The three pairs of faces have areas ${l * w}, ${l * h}, and ${w * h}.`, `Surface area = 2(${l * w} + ${l * h} + ${w * h}) = ${2 * (l * w + l * h + w * h)}.`],
      spec: { kind: 'box', dims: [l, w, h] },
      key: R(2 * (l * w + l * h + w * h)),
      wrong: [
        { v: R(l * w + l * h + w * h), why: 'Counted each pair of faces once.' },
        { v: R(l * w * h), why: 'Found the volume.' },
        { v: R(2 * (l * w + l * h + w * h) - l * w), why: 'Left out the top (treated the box as open).' },
        { v: R(4 * (l + w + h)), why: 'Added the edge lengths.' },
      ],
    };
  },
  solve(s: { kind: string; v?: number; dims?: number[] }) {
    if (s.kind === 'cube') {
      let e = 1;
      while (e ** 3 < s.v!) e++;
      return R(6 * e * e);
    }
    const [l, w, h] = s.dims!;
    // Unfold the box into a net: a band around the sides plus top and bottom.
    return R(2 * (l + w) * h + 2 * l * w);
  },
});

const missingDim = family({
  name: 'missing-dimension',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const u = rng.pick(LENGTH_UNITS);
    if (d === 'medium' && rng.chance(0.6)) {
      const r = rng.int(2, 8);
      const h = rng.int(2, 14);
      const stem = `A right circular cylinder has a volume of ${piText(R(r * r * h))} ${cu(u)} and a radius of ${r} ${u}. What is the height, in ${u}, of the cylinder?`;
      return {
        stem,
        spr: stem,
        steps: [`V = πr²h, so ${piText(R(r * r * h))} = π(${r})²h = ${r * r}πh.`, `h = ${r * r * h} ÷ ${r * r} = ${h}.`],
        spec: { kind: 'cyl', v: r * r * h, r },
        key: R(h),
        wrong: [
          { v: R(r * h), why: 'Divided by the radius instead of its square.' },
          { v: R(r * r * h, 2 * r), why: 'Divided by 2r instead of r².' },
          { v: R(r * r * h, r * r * r), why: 'Divided by r³.' },
          { v: R(h * 2), why: 'Used the diameter in place of the radius incorrectly.' },
        ],
      };
    }
    const [l, w, h] = [rng.int(2, 15), rng.int(2, 12), rng.int(2, 12)];
    const thing = rng.pick(['rectangular aquarium', 'rectangular storage bin', 'rectangular planter', 'shipping box']);
    const stem = `A ${thing} has a volume of ${l * w * h} ${cu(u)}. Its base is ${l} ${u} long and ${w} ${u} wide. What is its height, in ${u}?`;
    return {
      stem,
      spr: stem,
      steps: [`V = length × width × height, so ${l * w * h} = ${l} × ${w} × h = ${l * w}h.`, `h = ${l * w * h} ÷ ${l * w} = ${h}.`],
      spec: { kind: 'box', v: l * w * h, l, w },
      key: R(h),
      wrong: [
        { v: R(l * w * h - l * w), why: 'Subtracted the base area instead of dividing.' },
        { v: R(l * w * h, l + w), why: 'Divided by the sum of the base dimensions.' },
        { v: R(l * w), why: 'Gave the base area.' },
        { v: R(l * w * h, 2 * (l + w)), why: 'Divided by the base perimeter.' },
      ],
    };
  },
  // Substitute candidate heights until the volume matches.
  solve(s: { kind: string; v: number; r?: number; l?: number; w?: number }) {
    const base = s.kind === 'cyl' ? s.r! * s.r! : s.l! * s.w!;
    for (let h = 1; h <= s.v; h++) if (base * h === s.v) return R(h);
    throw new Error('no height fits');
  },
});

export const areaVolume = makeGenerator(
  'math.geo.area-volume',
  [planeArea, roundSolids, scaleFactor, frame, surfaceArea, missingDim],
  { sprRate: 0.32 },
);
