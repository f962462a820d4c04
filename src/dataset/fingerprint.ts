/**
 * A set of 64-bit content fingerprints in two typed arrays (open addressing, linear
 * probing, load ≤ 0.5): 9 bytes a slot, no per-entry objects, so a million records cost
 * 18–36 MiB instead of the ~100 MiB of a Set of hex strings. Two different texts share a
 * fingerprint with probability about n²/2⁶⁵ (≈ 3·10⁻⁸ for a million).
 */
import { createHash } from 'node:crypto';

/** The first 64 bits of SHA-256 of the text, as two 32-bit halves. */
export function fingerprint(text: string): [number, number] {
  const d = createHash('sha256').update(text).digest();
  return [d.readUInt32BE(0), d.readUInt32BE(4)];
}

export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** Slot taken; a separate bitmap so the all-zero fingerprint is a valid key. */
  private used: Uint8Array;
  size = 0;

  constructor(capacity = 1 << 12) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.used = new Uint8Array(n);
  }

  private slot(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.used[i] && (this.hi[i] !== hi || this.lo[i] !== lo)) i = (i + 1) & mask;
    return i;
  }

  has([hi, lo]: [number, number]): boolean {
    return this.used[this.slot(hi, lo)] === 1;
  }

  /** Adds the fingerprint; false when it was already there. */
  add([hi, lo]: [number, number]): boolean {
    const i = this.slot(hi, lo);
    if (this.used[i]) return false;
    this.used[i] = 1;
    this.hi[i] = hi;
    this.lo[i] = lo;
    if (++this.size * 2 > this.hi.length) this.grow();
    return true;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.used = new Uint8Array(hi.length * 2);
    for (let i = 0; i < hi.length; i++) {
      if (!used[i]) continue;
      const j = this.slot(hi[i], lo[i]);
      this.used[j] = 1;
      this.hi[j] = hi[i];
      this.lo[j] = lo[i];
    }
  }
}
