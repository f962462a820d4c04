/**
 * A WebAssembly SIMD (128-bit) matmul micro-kernel, assembled byte by byte here so the
 * project needs no WAT compiler and nothing built on install. The module is ~300 bytes.
 *
 * The kernel computes C[M,N] = A·B with B row-major [K,N] and A addressed through two byte
 * strides, A(i,k) at a + i·sAi + k·sAk — so the same code reads A row-major (sAi = 4K,
 * sAk = 4) or transposed (sAi = 4, sAk = 4M), which covers dW = dyᵀ·x with no transpose.
 * Each 4×8 tile of C lives in eight f32x4 registers; per k it loads two vectors of B's row k,
 * splats four scalars of A and does eight multiply-adds (the classic broadcast "outer
 * product" micro-kernel of BLIS, Van Zee & van de Geijn 2015, at SSE width). Eleven live
 * vectors fit x64's sixteen XMM registers, so nothing spills.
 *
 * A second function, `mv`, is the one-row case (see matvecBody).
 *
 * Preconditions (the caller in matmul.ts pads to meet them): M % 4 == 0, N % 8 == 0.
 * Sums run k = 0…K−1 in order with separate mul and add (no FMA), so results are
 * deterministic and independent of the tiling.
 */

// ── a tiny assembler ──────────────────────────────────────────────────────────────────────
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const str = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

const memarg = (alignLog2: number, offset: number) => [...uleb(alignLog2), ...uleb(offset)];
const I32 = 0x7f, V128 = 0x7b, VOID = 0x40;
const op = {
  block: [0x02, VOID], loop: [0x03, VOID], end: [0x0b], br: (d: number) => [0x0c, ...uleb(d)], brIf: (d: number) => [0x0d, ...uleb(d)],
  get: (i: number) => [0x20, ...uleb(i)], set: (i: number) => [0x21, ...uleb(i)], tee: (i: number) => [0x22, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n)], add: [0x6a], sub: [0x6b], mul: [0x6c], geU: [0x4f], eqz: [0x45], f32Add: [0x92],
  f32Store: (offset: number) => [0x38, ...memarg(2, offset)],
  simd: (code: number, ...imm: number[]) => [0xfd, ...uleb(code), ...imm],
};
const v128Load = (offset: number) => op.simd(0x00, ...memarg(2, offset)); // align hint 4: buffers are 16-aligned but the hint need not promise it
const v128Store = (offset: number) => op.simd(0x0b, ...memarg(2, offset));
const loadSplat = op.simd(0x09, ...memarg(2, 0)); // v128.load32_splat
const f32x4Add = op.simd(0xe4), f32x4Mul = op.simd(0xe6);
const extractLane = (l: number) => op.simd(0x1f, l);
const v128Zero = op.simd(0x0c, ...new Array(16).fill(0));

// ── the kernel: mm(a, sAi, sAk, b, c, M, K, N) ────────────────────────────────────────────
function kernelBody(): number[] {
  // params 0…7; i32 locals 8…; v128 locals after them
  const [a, sAi, sAk, b, c, M, K, N] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [i0, j0, k, pa, pb, sB, pc] = [8, 9, 10, 11, 12, 13, 14];
  const acc = [15, 16, 17, 18, 19, 20, 21, 22]; // acc[2r + h]: row r, half h of the 8 columns
  const [b0, b1, x] = [23, 24, 25];
  const code: number[] = [];
  const emit = (...parts: number[][]) => { for (const p of parts) code.push(...p); };

  emit(op.get(N), op.i32(4), op.mul, op.set(sB)); // B and C row stride in bytes
  emit(op.i32(0), op.set(i0));
  emit(op.block, op.loop); // rows of tiles
  emit(op.get(i0), op.get(M), op.geU, op.brIf(1));
  emit(op.i32(0), op.set(j0));
  emit(op.block, op.loop); // columns of tiles
  emit(op.get(j0), op.get(N), op.geU, op.brIf(1));
  emit(v128Zero);
  for (let t = 0; t < 7; t++) emit(op.tee(acc[t]));
  emit(op.set(acc[7]));
  emit(op.get(a), op.get(i0), op.get(sAi), op.mul, op.add, op.set(pa));
  emit(op.get(b), op.get(j0), op.i32(4), op.mul, op.add, op.set(pb));
  emit(op.get(K), op.set(k));
  emit(op.block, op.loop); // k
  emit(op.get(k), op.eqz, op.brIf(1));
  emit(op.get(pb), v128Load(0), op.set(b0), op.get(pb), v128Load(16), op.set(b1));
  for (let r = 0; r < 4; r++) {
    emit(op.get(pa));
    for (let s = 0; s < r; s++) emit(op.get(sAi), op.add); // pa + r·sAi, without a multiply
    emit(loadSplat, op.set(x));
    for (let h = 0; h < 2; h++) {
      const t = acc[2 * r + h];
      emit(op.get(t), op.get(x), op.get(h === 0 ? b0 : b1), f32x4Mul, f32x4Add, op.set(t));
    }
  }
  emit(op.get(pa), op.get(sAk), op.add, op.set(pa));
  emit(op.get(pb), op.get(sB), op.add, op.set(pb));
  emit(op.get(k), op.i32(1), op.sub, op.set(k));
  emit(op.br(0), op.end, op.end);
  // store the tile
  emit(op.get(c), op.get(i0), op.get(sB), op.mul, op.add, op.get(j0), op.i32(4), op.mul, op.add, op.set(pc));
  for (let r = 0; r < 4; r++) {
    emit(op.get(pc), op.get(acc[2 * r]), v128Store(0));
    emit(op.get(pc), op.get(acc[2 * r + 1]), v128Store(16));
    if (r < 3) emit(op.get(pc), op.get(sB), op.add, op.set(pc));
  }
  emit(op.get(j0), op.i32(8), op.add, op.set(j0), op.br(0), op.end, op.end);
  emit(op.get(i0), op.i32(4), op.add, op.set(i0), op.br(0), op.end, op.end);
  emit(op.end);
  const locals = vec([[...uleb(7), I32], [...uleb(11), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/**
 * mv(x, w, y, N, K): y[j] = Σ_k x[k]·W[j,k] for W[N,K] row-major, N % 4 == 0, K % 4 == 0 —
 * the one-row product of KV-cached decoding, where the broadcast kernel would pad M from 1
 * to 4 and need Wᵀ. Four rows of W share each vector of x; lanes are summed at the end in
 * the fixed order (l0 + l1) + (l2 + l3).
 */
function matvecBody(): number[] {
  const [x, w, y, N, K] = [0, 1, 2, 3, 4];
  const [j, k, pw, sW, px] = [5, 6, 7, 8, 9];
  const acc = [10, 11, 12, 13], xv = 14;
  const code: number[] = [];
  const emit = (...parts: number[][]) => { for (const p of parts) code.push(...p); };
  emit(op.get(K), op.i32(4), op.mul, op.set(sW));
  emit(op.i32(0), op.set(j));
  emit(op.block, op.loop);
  emit(op.get(j), op.get(N), op.geU, op.brIf(1));
  emit(v128Zero, op.tee(acc[0]), op.tee(acc[1]), op.tee(acc[2]), op.set(acc[3]));
  emit(op.get(w), op.get(j), op.get(sW), op.mul, op.add, op.set(pw));
  emit(op.get(x), op.set(px), op.i32(0), op.set(k));
  emit(op.block, op.loop);
  emit(op.get(k), op.get(K), op.geU, op.brIf(1));
  emit(op.get(px), v128Load(0), op.set(xv));
  for (let r = 0; r < 4; r++) {
    emit(op.get(acc[r]), op.get(pw));
    for (let s = 0; s < r; s++) emit(op.get(sW), op.add);
    emit(v128Load(0), op.get(xv), f32x4Mul, f32x4Add, op.set(acc[r]));
  }
  emit(op.get(px), op.i32(16), op.add, op.set(px), op.get(pw), op.i32(16), op.add, op.set(pw));
  emit(op.get(k), op.i32(4), op.add, op.set(k), op.br(0), op.end, op.end);
  for (let r = 0; r < 4; r++) {
    emit(op.get(y), op.get(j), op.i32(4), op.mul, op.add); // address of y[j]
    emit(op.get(acc[r]), extractLane(0), op.get(acc[r]), extractLane(1), op.f32Add);
    emit(op.get(acc[r]), extractLane(2), op.get(acc[r]), extractLane(3), op.f32Add, op.f32Add);
    emit(op.f32Store(4 * r));
  }
  emit(op.get(j), op.i32(4), op.add, op.set(j), op.br(0), op.end, op.end);
  emit(op.end);
  const body = [...vec([[...uleb(5), I32], [...uleb(5), V128]]), ...code];
  return [...uleb(body.length), ...body];
}

/** Most pages the memory may grow to (1 GiB): a shared memory must declare a maximum. */
export const MAX_PAGES = 16384;

/**
 * The module's bytes: functions `mm` and `mv`, over a memory imported as env.mem — shared
 * (so worker threads can run the same kernel on the same data) or, where the runtime lacks
 * shared memories, plain.
 */
export function matmulModuleBytes(shared = true): Uint8Array<ArrayBuffer> {
  const types = vec([[0x60, ...vec(new Array(8).fill([I32])), 0x00], [0x60, ...vec(new Array(5).fill([I32])), 0x00]]);
  const memLimits = [shared ? 0x03 : 0x01, ...uleb(16), ...uleb(MAX_PAGES)];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types),
    ...section(2, vec([[...str('env'), ...str('mem'), 0x02, ...memLimits]])),
    ...section(3, vec([uleb(0), uleb(1)])), // mm has type 0, mv type 1
    ...section(7, vec([[...str('mm'), 0x00, 0x00], [...str('mv'), 0x00, 0x01]])),
    ...section(10, vec([kernelBody(), matvecBody()])),
  ];
  return Uint8Array.from(bytes);
}

export interface SimdKernel {
  /** C[M,N] = A·B in the module's memory; byte offsets and strides as described above. */
  mm(a: number, sAi: number, sAk: number, b: number, c: number, M: number, K: number, N: number): void;
  /** y[N] = W[N,K]·x[K]; byte offsets; N % 4 == 0, K % 4 == 0. */
  mv(x: number, w: number, y: number, N: number, K: number): void;
  memory: WebAssembly.Memory;
  /** Compiled once; worker threads instantiate it over the same `memory` when it is shared. */
  module: WebAssembly.Module;
  shared: boolean;
}

let cached: SimdKernel | null | undefined;
/** The compiled kernel, or null where this runtime has no WebAssembly SIMD. */
export function simdKernel(): SimdKernel | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const shared of [true, false]) {
    try {
      const module = new WebAssembly.Module(matmulModuleBytes(shared));
      const memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared });
      const e = new WebAssembly.Instance(module, { env: { mem: memory } }).exports as unknown as Pick<SimdKernel, 'mm' | 'mv'>;
      cached = { mm: e.mm, mv: e.mv, memory, module, shared };
      break;
    } catch {
      // no SIMD (or no shared memory): try the next variant, else stay on TypeScript
    }
  }
  return cached;
}
