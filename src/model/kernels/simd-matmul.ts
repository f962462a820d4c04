/**
 * Drives the WebAssembly SIMD micro-kernel (wasm-simd.ts) from Float32Arrays: copies the
 * operands into the module's memory in the layout the kernel wants, pads M to a multiple of 4
 * and N to a multiple of 8, runs it, and copies (or adds) the result back.
 *
 * The copies cost O(MK + KN + MN) against the product's O(MKN), a few percent at the
 * model's shapes. Pad rows and columns are never zeroed: output (i, j) reads only row i of
 * A and column j of B, so whatever the padding holds lands only in outputs that are dropped.
 */
import { CONTROL_FLOATS, mmParallel, mvParallel } from './simd-threads.ts';
import { simdKernel, type SimdKernel } from './wasm-simd.ts';

/** How A is stored: `rows` is A[M,K] row-major; `cols` is Aᵀ stored, i.e. [K,M] row-major. */
export type ALayout = 'rows' | 'cols';
/** How B is stored: `kn` is B[K,N] row-major; `nk` is Bᵀ stored, i.e. [N,K] (a Linear weight). */
export type BLayout = 'kn' | 'nk';

let view = new Float32Array(0);

/**
 * Memory map, in floats: the threads' control block, then weights pinned for decoding (see
 * `pinWeights`), then the scratch regions of the product in hand.
 */
let pin: { src: Float32Array; floats: number; active: boolean; owner: object } | null = null;
const PIN_AT = CONTROL_FLOATS;
const base = () => PIN_AT + (pin ? up(pin.floats, 4) : 0);

/**
 * Makes `src` (a whole parameter buffer) readable in place by the one-row kernel while
 * `active`: a KV-cached decode step would otherwise copy every weight into the module's
 * memory for each token. `owner` identifies the holder: a second holder re-copies, so two
 * decoding sessions may alternate. Copies are taken when ownership changes, so the caller
 * promises the weights do not change while it holds them (a KV cache is invalid then anyway).
 */
export function pinWeights(owner: object, src: Float32Array, active: boolean): void {
  const k = simdKernel();
  if (!k) return;
  if (!active) { if (pin?.owner === owner) pin.active = false; return; }
  if (pin?.owner === owner && pin.src === src) { pin.active = true; return; }
  pin = null; // the scratch base moves to 0 while the copy is made
  heap(k, PIN_AT + src.length).set(src, PIN_AT);
  pin = { src, floats: src.length, active: true, owner };
}

/** Float offset of `w` inside the active pinned buffer, or −1. */
function pinnedOffset(w: Float32Array): number {
  if (!pin?.active || w.buffer !== pin.src.buffer) return -1;
  const o = (w.byteOffset - pin.src.byteOffset) / 4;
  return o >= 0 && o + w.length <= pin.floats ? PIN_AT + o : -1;
}

function heap(k: SimdKernel, floats: number): Float32Array {
  const need = floats * 4, have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  if (view.buffer !== k.memory.buffer) view = new Float32Array(k.memory.buffer);
  return view;
}

const up = (n: number, m: number) => Math.ceil(n / m) * m;

/** C[M,N] (+)= A·B on the SIMD kernel; false (nothing done) where the runtime lacks WebAssembly SIMD. */
export function simdMatmul(
  c: Float32Array, a: Float32Array, aLayout: ALayout, b: Float32Array, bLayout: BLayout,
  M: number, K: number, N: number, accumulate: boolean,
): boolean {
  const k = simdKernel();
  if (!k) return false;
  if (M === 0 || N === 0) return true;
  if (M < 4 && bLayout === 'nk' && aLayout === 'rows' && K % 4 === 0 && N % 4 === 0) return matvecRows(k, c, a, b, M, K, N, accumulate);
  const Mp = up(M, 4), Np = up(N, 8);
  // Regions, in floats, each starting on a 16-byte boundary.
  const aOff = base(), bOff = up(aOff + Mp * K, 4), cOff = up(bOff + K * Np, 4);
  const f = heap(k, cOff + Mp * Np);

  if (aLayout === 'rows' || M === Mp) f.set(a.subarray(0, M * K), aOff);
  else for (let kk = 0; kk < K; kk++) f.set(a.subarray(kk * M, kk * M + M), aOff + kk * Mp);

  if (bLayout === 'kn') {
    if (N === Np) f.set(b.subarray(0, K * N), bOff);
    else for (let kk = 0; kk < K; kk++) f.set(b.subarray(kk * N, kk * N + N), bOff + kk * Np);
  } else {
    // Transpose [N,K] → [K,Np] in 8×8 blocks so reads and writes both stay in cache lines.
    for (let j0 = 0; j0 < N; j0 += 8) {
      const j1 = Math.min(j0 + 8, N);
      for (let k0 = 0; k0 < K; k0 += 8) {
        const k1 = Math.min(k0 + 8, K);
        for (let j = j0; j < j1; j++) for (let kk = k0; kk < k1; kk++) f[bOff + kk * Np + j] = b[j * K + kk];
      }
    }
  }

  const sAi = aLayout === 'rows' ? 4 * K : 4, sAk = aLayout === 'rows' ? 4 : 4 * Mp;
  mmParallel(k, aOff * 4, sAi, sAk, bOff * 4, cOff * 4, Mp, K, Np);

  if (!accumulate && N === Np) c.set(f.subarray(cOff, cOff + M * N));
  else if (!accumulate) for (let i = 0; i < M; i++) c.set(f.subarray(cOff + i * Np, cOff + i * Np + N), i * N);
  else {
    for (let i = 0; i < M; i++) {
      const o = i * N, p = cOff + i * Np;
      for (let j = 0; j < N; j++) c[o + j] += f[p + j];
    }
  }
  return true;
}

/** The few-row case of C = A·Bᵀ (decoding): one `mv` per row of A, W read in place. */
function matvecRows(k: SimdKernel, c: Float32Array, a: Float32Array, w: Float32Array, M: number, K: number, N: number, accumulate: boolean): boolean {
  const pinned = pinnedOffset(w.subarray(0, N * K));
  const wOff = pinned >= 0 ? pinned : base(), xOff = up(pinned >= 0 ? base() : wOff + N * K, 4), yOff = xOff + K; // K % 4 == 0: yOff stays 16-byte aligned
  const f = heap(k, yOff + N);
  if (pinned < 0) f.set(w.subarray(0, N * K), wOff);
  for (let i = 0; i < M; i++) {
    f.set(a.subarray(i * K, i * K + K), xOff);
    mvParallel(k, xOff * 4, wOff * 4, yOff * 4, N, K);
    if (!accumulate) c.set(f.subarray(yOff, yOff + N), i * N);
    else for (let j = 0; j < N; j++) c[i * N + j] += f[yOff + j];
  }
  return true;
}
