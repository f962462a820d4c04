/**
 * `JSON.stringify(record)` as UTF-8 bytes, for the records of one pair in every format at
 * once. A pair's long texts (the rendered prompt, the output, each message) appear in up to
 * six formats; `JSON.stringify` would escape and encode each of them once per format. Here a
 * long string is escaped and encoded once per pair into a reused arena (remembered until
 * `forget`), and every line is assembled by copying bytes into one reused scratch buffer — no
 * per-line string, no rope to flatten, no allocation per string. The bytes equal `Buffer.from(JSON.stringify(record))` for the plain
 * records formats.ts builds (objects, arrays, strings, finite numbers, booleans, null;
 * `undefined` properties are skipped as JSON.stringify skips them); test/dataset/json-bytes.test.ts
 * checks that against JSON.stringify.
 */

/** Below this many UTF-16 units a string is escaped in place: remembering it would cost more than it saves. */
const MEMO_MIN = 48;

const encoder = new TextEncoder();

export class JsonBytes {
  private buf = Buffer.allocUnsafe(1 << 16);
  private len = 0;
  /** Escaped and encoded long strings of the current pair (`"…"` included), end to end. */
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaLen = 0;
  /** Long string → where its escaped bytes are in the arena. */
  private readonly escaped = new Map<string, { at: number; size: number }>();
  /**
   * Plain UTF-8 bytes of long strings of the current pair, for Parquet's byte-array columns.
   * Each is its own allocation: a row group holds them until it is written, and a slice of a
   * shared pool would hold the whole pool.
   */
  private readonly raw = new Map<string, Uint8Array>();
  /** `"key":` of every key seen (the formats' few column names). */
  private readonly keys = new Map<string, Buffer>();

  /** Drop what was remembered for the last pair; call between pairs so memory stays at one pair's texts. */
  forget(): void {
    this.escaped.clear();
    this.raw.clear();
    this.arenaLen = 0;
  }

  /** The record as one JSONL line (a newline at the end); valid until the next call. */
  line(record: object): Buffer {
    this.len = 0;
    this.value(record);
    this.ascii('\n');
    return this.buf.subarray(0, this.len);
  }

  /** UTF-8 bytes of a string, shared across formats for the current pair when it is long. */
  utf8(s: string): Uint8Array {
    if (s.length < MEMO_MIN) return encoder.encode(s);
    let b = this.raw.get(s);
    if (!b) this.raw.set(s, (b = encoder.encode(s)));
    return b;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** A string known to be ASCII (structure, numbers, literals). */
  private ascii(s: string): void {
    this.ensure(s.length);
    this.len += this.buf.write(s, this.len, 'latin1');
  }

  private bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  private string(s: string): void {
    if (s.length >= MEMO_MIN) {
      let e = this.escaped.get(s);
      if (!e) {
        const j = JSON.stringify(s);
        if (this.arenaLen + j.length * 3 > this.arena.length) {
          const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaLen + j.length * 3));
          this.arena.copy(next, 0, 0, this.arenaLen);
          this.arena = next;
        }
        const size = this.arena.write(j, this.arenaLen, 'utf8');
        this.escaped.set(s, (e = { at: this.arenaLen, size }));
        this.arenaLen += size;
      }
      this.ensure(e.size);
      this.arena.copy(this.buf, this.len, e.at, e.at + e.size);
      this.len += e.size;
      return;
    }
    const j = JSON.stringify(s);
    // Escaped JSON is at most 3 UTF-8 bytes per UTF-16 unit.
    this.ensure(j.length * 3);
    this.len += this.buf.write(j, this.len, 'utf8');
  }

  private key(k: string): void {
    let b = this.keys.get(k);
    if (!b) this.keys.set(k, (b = Buffer.from(`${JSON.stringify(k)}:`, 'utf8')));
    this.bytes(b);
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case 'string': return this.string(v);
      case 'number': return this.ascii(Number.isFinite(v) ? String(v) : 'null');
      case 'boolean': return this.ascii(v ? 'true' : 'false');
      case 'object': {
        if (v === null) return this.ascii('null');
        if (Array.isArray(v)) {
          this.ascii('[');
          for (let i = 0; i < v.length; i++) {
            if (i) this.ascii(',');
            const x = v[i] as unknown;
            if (x === undefined || typeof x === 'function' || typeof x === 'symbol') this.ascii('null');
            else this.value(x);
          }
          this.ascii(']');
          return;
        }
        if (typeof (v as { toJSON?: unknown }).toJSON === 'function') throw new Error('JsonBytes: objects with toJSON are not supported');
        this.ascii('{');
        let first = true;
        for (const k of Object.keys(v)) {
          const x = (v as Record<string, unknown>)[k];
          if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
          if (!first) this.ascii(',');
          first = false;
          this.key(k);
          this.value(x);
        }
        this.ascii('}');
        return;
      }
      default:
        throw new Error(`JsonBytes: cannot serialise a ${typeof v}`);
    }
  }
}
