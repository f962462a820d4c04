/**
 * Exact rational arithmetic on safe integers: item keys are computed and verified with
 * these, never with floating point, so 1/3 + 1/6 is exactly 1/2.
 */
export interface Rational {
  readonly n: number;
  readonly d: number;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function checkSafe(x: number): number {
  if (!Number.isSafeInteger(x)) throw new RangeError(`rational overflow: ${x}`);
  return x;
}

export function rat(n: number, d = 1): Rational {
  if (!Number.isInteger(n) || !Number.isInteger(d)) throw new RangeError(`rat(${n}, ${d}): integers only`);
  if (d === 0) throw new RangeError('rat: zero denominator');
  const g = gcd(n, d) || 1;
  const s = d < 0 ? -1 : 1;
  // `+ 0` turns -0 into 0 so equal values are also equal objects field by field.
  return { n: checkSafe((s * n) / g) + 0, d: checkSafe((s * d) / g) };
}

export const add = (x: Rational, y: Rational) => rat(x.n * y.d + y.n * x.d, x.d * y.d);
export const sub = (x: Rational, y: Rational) => rat(x.n * y.d - y.n * x.d, x.d * y.d);
export const mul = (x: Rational, y: Rational) => rat(x.n * y.n, x.d * y.d);
export const div = (x: Rational, y: Rational) => {
  if (y.n === 0) throw new RangeError('rational division by zero');
  return rat(x.n * y.d, x.d * y.n);
};
export const neg = (x: Rational) => rat(-x.n, x.d);
export const eq = (x: Rational, y: Rational) => x.n === y.n && x.d === y.d;
export const cmp = (x: Rational, y: Rational) => Math.sign(x.n * y.d - y.n * x.d);
export const isInt = (x: Rational) => x.d === 1;
export const toNumber = (x: Rational) => x.n / x.d;

/** "7", "-3/4" — the reduced fraction form. */
export function ratToString(x: Rational): string {
  return x.d === 1 ? String(x.n) : `${x.n}/${x.d}`;
}

/** Parse "3", "-3/4", "0.75", ".5", "-1.25"; null if not a number. Decimals are exact. */
export function parseRational(text: string): Rational | null {
  const s = text.trim();
  let m = /^(-?)(\d+)\/(\d+)$/.exec(s);
  if (m) {
    const d = Number(m[3]);
    return d === 0 ? null : rat((m[1] ? -1 : 1) * Number(m[2]), d);
  }
  m = /^(-?)(\d*)(?:\.(\d+))?$/.exec(s);
  if (m && (m[2] || m[3])) {
    const frac = m[3] ?? '';
    const scale = 10 ** frac.length;
    const whole = Number(m[2] || '0') * scale + Number(frac || '0');
    return rat((m[1] ? -1 : 1) * whole, scale);
  }
  return null;
}
