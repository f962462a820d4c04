import { div, mul, sub } from '../../../lib/rational.ts';
import { family, makeGenerator, numText, piText, q, qs, R } from '../math-psda/kit.ts';

const UNITS = ['centimeters', 'inches', 'meters', 'feet'] as const;

const areaCirc = family({
  name: 'area-circumference',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const u = rng.pick(UNITS);
    const r = rng.int(2, 15);
    const obj = rng.pick(['A circle', 'A circular garden', 'A circular tabletop', 'A round clock face', 'A circular pond']);
    const from = d === 'easy' ? rng.pick(['radius', 'diameter'] as const) : 'circumference';
    const ask = d === 'easy' ? rng.pick(['area', 'circumference'] as const) : 'area';
    const given = from === 'radius' ? `a radius of ${r} ${u}` : from === 'diameter' ? `a diameter of ${2 * r} ${u}` : `a circumference of ${piText(R(2 * r))} ${u}`;
    const key = ask === 'area' ? R(r * r) : R(2 * r);
    const unitWord = ask === 'area' ? `square ${u}` : u;
    return {
      stem: `${obj} has ${given}. What is its ${ask}, in ${unitWord}?`,
      spr: `${obj} has ${given}. Its ${ask} is kπ ${unitWord}. What is the value of k?`,
      fmt: 'pi',
      steps: [
        from === 'radius' ? `r = ${r}.` : from === 'diameter' ? `r = ${2 * r} ÷ 2 = ${r}.` : `C = 2πr = ${2 * r}π, so r = ${r}.`,
        ask === 'area' ? `A = πr² = π(${r})² = ${piText(key)}.` : `C = 2πr = 2π(${r}) = ${piText(key)}.`,
      ],
      spec: { from, ask, given: from === 'circumference' ? 2 * r : from === 'diameter' ? 2 * r : r },
      key,
      wrong: ask === 'area'
        ? [
            { v: R(4 * r * r), why: 'Used the diameter as the radius.' },
            { v: R(2 * r), why: 'Found the circumference instead of the area.' },
            { v: R(r), why: 'Forgot to square the radius.' },
            { v: R(r * r * 2), why: 'Computed 2πr² instead of πr².' },
          ]
        : [
            { v: R(r * r), why: 'Found the area instead of the circumference.' },
            { v: R(4 * r), why: 'Used the diameter as the radius in 2πr.' },
            { v: R(r), why: 'Forgot the factor 2.' },
            { v: R(r * r * 4), why: 'Squared the diameter.' },
          ],
    };
  },
  solve(s: { from: string; ask: string; given: number }) {
    const d = s.from === 'radius' ? R(2 * s.given) : R(s.given); // diameter (circumference = πd)
    return s.ask === 'area' ? div(mul(d, d), R(4)) : d;
  },
});

const arcLength = family({
  name: 'arc-length',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const r = rng.int(3, 18);
    const theta = rng.pick([20, 30, 36, 40, 45, 60, 72, 80, 90, 120, 135, 150, 160, 225, 240, 270]);
    const radians = d === 'hard' && rng.chance(0.5);
    const key = R(2 * r * theta, 360);
    const angleText = radians ? `${piText(R(theta, 180))} radians` : `${theta}°`;
    const u = rng.pick(UNITS);
    return {
      stem: `In a circle with center O and radius ${r} ${u}, central angle AOB measures ${angleText}. What is the length, in ${u}, of minor arc AB?`.replace('minor arc', theta > 180 ? 'arc' : 'minor arc'),
      spr: `In a circle with center O and radius ${r} ${u}, central angle AOB measures ${angleText}. The length of the arc AB intercepted by this angle is kπ ${u}. What is the value of k?`,
      fmt: 'pi',
      steps: [
        radians ? `Arc length = rθ with θ in radians: ${r} × ${piText(R(theta, 180))}.` : `The arc is ${theta}/360 of the circumference 2π(${r}) = ${2 * r}π.`,
        `Arc length = ${piText(key)}.`,
      ],
      spec: { r, theta },
      key,
      wrong: [
        { v: R(r * r * theta, 360), why: 'Found the sector area instead of the arc length.' },
        { v: R(r * theta, 360), why: 'Used πr instead of 2πr for the circumference.' },
        { v: R(2 * r * (360 - theta), 360), why: 'Found the other (major/minor) arc.' },
        { v: R(2 * r * theta, 180), why: 'Divided by 180 instead of 360.' },
      ],
    };
  },
  // s = rθ with θ converted to radians.
  solve: (s: { r: number; theta: number }) => mul(R(s.r), R(s.theta, 180)),
});

const sector = family({
  name: 'sector-area',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const r = rng.int(2, 12);
    const theta = rng.pick([30, 40, 45, 60, 72, 90, 120, 135, 144, 150, 216, 240, 270]);
    const area = R(r * r * theta, 360);
    const u = rng.pick(UNITS);
    if (d === 'hard' && rng.chance(0.5)) {
      const stem = `A sector of a circle with radius ${r} ${u} has an area of ${piText(area)} square ${u}. What is the measure, in degrees, of the sector's central angle?`;
      return {
        stem,
        spr: stem,
        steps: [`The whole circle has area π(${r})² = ${r * r}π.`, `The sector is ${numText(area)}/${r * r} of the circle, so the angle is ${numText(div(area, R(r * r)))} × 360 = ${theta}°.`],
        spec: { r, area: qs(area), ask: 'angle' },
        key: R(theta),
        wrong: [
          { v: div(mul(area, R(180)), R(r * r)), why: 'Used 180° for the whole circle.' },
          { v: div(mul(area, R(360)), R(4 * r * r)), why: 'Used the diameter as the radius.' },
          { v: div(mul(area, R(360)), R(2 * r)), why: 'Compared the area with the circumference.' },
          { v: R(360 - theta), why: 'Found the angle of the rest of the circle.' },
        ],
      };
    }
    return {
      stem: `A circle has radius ${r} ${u}. What is the area, in square ${u}, of a sector of this circle with a central angle of ${theta}°?`,
      spr: `A circle has radius ${r} ${u}. A sector of this circle with a central angle of ${theta}° has an area of kπ square ${u}. What is the value of k?`,
      fmt: 'pi',
      steps: [`The sector is ${theta}/360 of the circle, whose area is ${r * r}π.`, `Sector area = ${theta}/360 × ${r * r}π = ${piText(area)}.`],
      spec: { r, theta, ask: 'area' },
      key: area,
      wrong: [
        { v: R(2 * r * theta, 360), why: 'Found the arc length instead of the area.' },
        { v: R(r * r * (360 - theta), 360), why: 'Found the area of the rest of the circle.' },
        { v: R(r * r * theta, 180), why: 'Divided by 180 instead of 360.' },
        { v: R(r * r), why: 'Gave the area of the whole circle.' },
      ],
    };
  },
  solve(s: { r: number; theta?: number; area?: string; ask: string }) {
    // Sector area = ½ r² θ (θ in radians).
    if (s.ask === 'area') return mul(R(s.r * s.r, 2), R(s.theta!, 180));
    return div(mul(q(s.area), R(360)), R(s.r * s.r));
  },
});

const radians = family({
  name: 'radians-degrees',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const deg = rng.pick([5, 10, 12, 15, 18, 20, 24, 30, 36, 40, 45, 54, 60, 72, 75, 80, 90, 100, 105, 108, 120, 135, 144, 150, 160, 165, 200, 210, 225, 240, 252, 270, 288, 300, 315, 330]);
    const toRad = rng.chance(0.5);
    const rad = R(deg, 180);
    if (toRad) {
      return {
        stem: rng.pick([`What is the measure, in radians, of an angle of ${deg}°?`, `An angle measures ${deg}°. What is the measure of this angle in radians?`, `A wheel turns through an angle of ${deg}°. What is this angle in radians?`]),
        spr: `An angle measures ${deg}°. Its measure in radians is kπ. What is the value of k?`,
        fmt: 'pi',
        steps: ['Multiply degrees by π/180.', `${deg} × π/180 = ${piText(rad)}.`],
        spec: { deg, dir: 'toRad' },
        key: rad,
        wrong: [
          { v: R(deg, 360), why: 'Multiplied by π/360.' },
          { v: R(180, deg), why: 'Multiplied by 180/π instead (inverted the factor).' },
          { v: R(deg, 90), why: 'Multiplied by π/90.' },
          { v: R(2 * deg, 180), why: 'Doubled the result.' },
        ],
        bShift: d === 'medium' ? 0.2 : 0,
      };
    }
    const stem = rng.pick([`What is the measure, in degrees, of an angle of ${piText(rad)} radians?`, `An angle measures ${piText(rad)} radians. What is the measure of this angle in degrees?`, `A wheel turns through an angle of ${piText(rad)} radians. What is this angle in degrees?`]);
    return {
      stem,
      spr: stem,
      fmt: 'deg',
      steps: ['Multiply radians by 180/π.', `${piText(rad)} × 180/π = ${deg}°.`],
      spec: { rad: qs(rad), dir: 'toDeg' },
      key: R(deg),
      wrong: [
        { v: R(deg * 2), why: 'Used 360/π instead of 180/π.' },
        { v: R(deg, 2), why: 'Used 90/π instead of 180/π.' },
        { v: R(360 - deg), why: 'Found the reflex (remaining) angle.' },
      ],
    };
  },
  solve(s: { deg?: number; rad?: string; dir: string }) {
    // A full turn is 2π radians = 360°.
    return s.dir === 'toRad' ? div(mul(R(2), R(s.deg!)), R(360)) : div(mul(q(s.rad), R(360)), R(2));
  },
});

const sgn = (n: number) => (n < 0 ? `+ ${-n}` : `− ${n}`);
const sq = (v: string, c: number) => (c === 0 ? `${v}²` : `(${v} ${sgn(c)})²`);

const equationRead = family({
  name: 'circle-equation',
  bands: ['easy', 'medium'],
  build(rng, d) {
    const h = rng.int(-9, 9);
    const k = rng.int(-9, 9);
    const r = rng.int(2, 11);
    const eq = `${sq('x', h)} + ${sq('y', k)} = ${r * r}`;
    const askR = d === 'easy' ? rng.chance(0.5) : false;
    if (askR) {
      const stem = `A circle in the xy-plane has equation ${eq}. What is the radius of the circle?`;
      return {
        stem,
        spr: stem,
        steps: ['In (x − h)² + (y − k)² = r², the right side is r².', `r² = ${r * r}, so r = ${r}.`],
        spec: { h, k, rr: r * r, ask: 'r' },
        key: R(r),
        wrong: [
          { v: R(r * r), why: 'Gave r² instead of r.' },
          { v: R(r * r, 2), why: 'Halved the constant instead of taking the square root.' },
          { v: R(2 * r), why: 'Gave the diameter.' },
        ],
      };
    }
    return {
      stem: `A circle in the xy-plane has equation ${eq}. What are the coordinates of the center of the circle?`,
      steps: ['In (x − h)² + (y − k)² = r², the center is (h, k).', `Here h = ${h} and k = ${k}, so the center is (${h}, ${k}).`],
      spec: { h, k, rr: r * r, ask: 'center' },
      key: `(${h}, ${k})`,
      wrong: [
        { v: `(${-h}, ${-k})`, why: 'Took the signs inside the parentheses at face value.' },
        { v: `(${k}, ${h})`, why: 'Swapped the coordinates.' },
        { v: `(${-h}, ${k})`, why: 'Changed the sign of only one coordinate.' },
        { v: `(${h}, ${-k})`, why: 'Changed the sign of only one coordinate.' },
        { v: `(${h + 1}, ${k + 1})`, why: 'Misread the equation.' },
      ],
    };
  },
  // Substitute: the center is the point where both squared terms vanish; test the four points at distance r.
  solve(s: { h: number; k: number; rr: number; ask: string }) {
    if (s.ask === 'center') return `(${s.h}, ${s.k})`;
    for (let r = 1; r * r <= s.rr; r++) if (r * r === s.rr) return R(r);
    throw new Error('radius not an integer');
  },
});

const completeSquare = family({
  name: 'completing-the-square',
  bands: ['hard'],
  build(rng) {
    for (;;) {
      const h = rng.int(-8, 8);
      const k = rng.int(-8, 8);
      const r = rng.int(2, 10);
      const [D, E, F] = [-2 * h, -2 * k, h * h + k * k - r * r];
      if (D === 0 || E === 0) continue;
      const term = (c: number, v: string) => (c === 0 ? '' : ` ${c < 0 ? '−' : '+'} ${Math.abs(c)}${v}`);
      const eq = `x² + y²${term(D, 'x')}${term(E, 'y')}${term(F, '')} = 0`;
      const askR = rng.chance(0.6);
      const stem = `The equation ${eq} defines a circle in the xy-plane. What is the ${askR ? 'radius' : 'x-coordinate of the center'} of the circle?`;
      return {
        stem,
        spr: stem,
        steps: [`Complete the square: ${sq('x', h)} + ${sq('y', k)} = ${-F} + ${h * h} + ${k * k} = ${r * r}.`, askR ? `r = √${r * r} = ${r}.` : `The center is (${h}, ${k}), so the x-coordinate is ${h}.`],
        spec: { D, E, F, ask: askR ? 'r' : 'h' },
        key: R(askR ? r : h),
        wrong: askR
          ? [
              { v: R(r * r), why: 'Gave r² instead of r.' },
              { v: R(Math.abs(F)), why: 'Took the constant term as r.' },
              { v: R(Math.round(Math.sqrt(Math.abs(F))) || 1), why: 'Took the square root of the constant without completing the square.' },
              { v: R(r + 1), why: 'Made an arithmetic slip adding the completed squares.' },
            ]
          : [
              { v: R(-h), why: 'Forgot that (x − h)² has center x = h (sign error).' },
              { v: R(D), why: 'Took the x-coefficient as the center.' },
              { v: R(k), why: 'Gave the y-coordinate.' },
              { v: R(-D), why: 'Did not halve the coefficient.' },
            ],
      };
    }
  },
  // Center (−D/2, −E/2), r² = (D² + E²)/4 − F.
  solve(s: { D: number; E: number; F: number; ask: string }) {
    if (s.ask === 'h') return R(-s.D, 2);
    const rr = sub(R(s.D * s.D + s.E * s.E, 4), R(s.F));
    const r = Math.round(Math.sqrt(rr.n / rr.d));
    if (r * r * rr.d !== rr.n) throw new Error('radius not rational');
    return R(r);
  },
});

const inscribed = family({
  name: 'inscribed-angle',
  bands: ['medium', 'hard'],
  build(rng, d) {
    const arc = rng.int(15, 85) * 2;
    const fromArc = rng.chance(0.5);
    const useCentral = d === 'hard';
    const stem = fromArc
      ? `Points A, B, and C lie on a circle${useCentral ? ' with center O' : ''}. ${useCentral ? `Central angle AOC measures ${arc}°` : `Arc AC, not containing B, measures ${arc}°`}. What is the measure, in degrees, of inscribed angle ABC?`
      : `Points A, B, and C lie on a circle${useCentral ? ' with center O' : ''}. Inscribed angle ABC measures ${arc / 2}°. What is the measure, in degrees, of ${useCentral ? 'central angle AOC' : 'arc AC, not containing B'}?`;
    const key = R(fromArc ? arc / 2 : arc);
    return {
      stem,
      spr: stem,
      steps: ['An inscribed angle is half the central angle (or arc) that it intercepts.', fromArc ? `${arc} ÷ 2 = ${arc / 2}.` : `${arc / 2} × 2 = ${arc}.`],
      spec: { given: fromArc ? arc : arc / 2, fromArc },
      key,
      wrong: [
        { v: R(fromArc ? arc : arc / 2), why: 'Assumed the inscribed and central angles are equal.' },
        { v: fromArc ? R(arc * 2) : R(arc, 4), why: 'Applied the factor of 2 in the wrong direction.' },
        { v: R(fromArc ? 180 - arc / 2 : 360 - arc), why: 'Subtracted from 180° or 360° as if angles were supplementary.' },
        { v: fromArc ? R(360 - arc, 4) : R(180 - arc / 2), why: 'Confused the inscribed angle theorem with the triangle sum.' },
      ],
    };
  },
  solve: (s: { given: number; fromArc: boolean }) => (s.fromArc ? div(R(s.given), R(2)) : mul(R(s.given), R(2))),
});

const tangent = family({
  name: 'tangent-radius',
  bands: ['hard'],
  build(rng) {
    const mult = rng.int(1, 4);
    const [a, b, c] = rng.pick([[3, 4, 5], [4, 3, 5], [5, 12, 13], [12, 5, 13], [8, 15, 17], [15, 8, 17], [7, 24, 25], [24, 7, 25], [20, 21, 29]] as const).map((x) => x * mult);
    const askOP = rng.chance(0.4);
    const stem = askOP
      ? `Line PA is tangent to a circle with center O at point A. The radius of the circle is ${a}, and PA = ${b}. What is the length of segment OP?`
      : `Line PA is tangent to a circle with center O at point A. The radius of the circle is ${a}, and OP = ${c}. What is the length of PA?`;
    return {
      stem,
      spr: stem,
      steps: ['A tangent is perpendicular to the radius at the point of tangency, so triangle OAP has a right angle at A.', askOP ? `OP = √(${a}² + ${b}²) = ${c}.` : `PA = √(${c}² − ${a}²) = ${b}.`],
      spec: askOP ? { r: a, pa: b } : { r: a, op: c },
      key: R(askOP ? c : b),
      wrong: askOP
        ? [
            { v: R(a + b), why: 'Added the lengths instead of using the Pythagorean theorem.' },
            { v: R(a * a + b * b), why: 'Forgot the square root.' },
            { v: R(b - a), why: 'Subtracted the lengths.' },
            { v: R(2 * a), why: 'Assumed OP equals the diameter.' },
          ]
        : [
            { v: R(c - a), why: 'Subtracted the lengths instead of their squares.' },
            { v: R(c + a), why: 'Added the lengths.' },
            { v: R(c * c - a * a), why: 'Forgot the square root.' },
            { v: R(a), why: 'Assumed PA equals the radius.' },
          ],
    };
  },
  solve(s: { r: number; pa?: number; op?: number }) {
    const sq2 = s.pa !== undefined ? s.r ** 2 + s.pa ** 2 : s.op! ** 2 - s.r ** 2;
    const x = Math.round(Math.sqrt(sq2));
    if (x * x !== sq2) throw new Error('not a perfect square');
    return R(x);
  },
});

export const circles = makeGenerator(
  'math.geo.circles',
  [areaCirc, arcLength, sector, radians, equationRead, completeSquare, inscribed, tangent],
  { sprRate: 0.36 },
);

