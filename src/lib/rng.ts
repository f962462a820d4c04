/**
 * Seeded randomness. Every random choice in the project goes through an `Rng` made from
 * a seed, so the same seed gives the same bytes on every machine.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * passes PractRand to 2^40+), seeded by hashing the seed string with a 32-bit mixing
 * hash (a MurmurHash3-style finaliser applied four ways). Not for cryptography.
 */

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
  /** One element, uniformly. Throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new array in random order (Fisher–Yates); the input is untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /** `k` distinct elements in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** Standard normal draw (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An independent stream derived from this seed and a label (does not advance this one). */
  fork(label: string | number): Rng;
  readonly seed: string;
}

function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * The sfc32 stream behind `createRng`. A class rather than an object of closures: pair
 * generation makes several Rngs per pair (forks), and a class instance is one small object
 * where the closures were a dozen function objects each.
 */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = hashSeed(seed);
    // Discard the first outputs: sfc32's early stream is weakly mixed.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  private nextU32(): number {
    const a = this.a >>> 0, b = this.b >>> 0;
    let c = this.c >>> 0;
    const d = this.d >>> 0;
    let t = (a + b) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    this.d = (d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextU32() / 4294967296;
  }

  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`rng.int: bad range [${lo}, ${hi}]`);
    }
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('rng.pick: empty array');
    return items[Math.floor(this.next() * items.length)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const x = out[i];
      out[i] = out[j];
      out[j] = x;
    }
    return out;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    if (k > items.length) throw new RangeError(`rng.sample: k=${k} > ${items.length}`);
    return this.shuffle(items).slice(0, k);
  }

  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  fork(label: string | number): Rng {
    return new Sfc32(`${this.seed}/${label}`);
  }
}

export function createRng(seed: string | number): Rng {
  return new Sfc32(String(seed));
}
