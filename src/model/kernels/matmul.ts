/**
 * Dense matrix products over row-major Float32Array (or Float64Array, for gradient checks).
 *
 * One core kernel, `matmulNT` (C = A·Bᵀ), does the arithmetic: both operands are read along
 * contiguous rows, and a 4×4 register tile of dot products makes each loaded value feed four
 * multiply-adds, which is what lifts a JIT-compiled loop from ~1 to several GFLOP/s. The
 * other layouts transpose an operand into scratch first: that costs O(MK + KN) against the
 * product's O(MKN), so one well-tuned kernel beats three half-tuned ones.
 *
 * Conventions: a Linear layer's weight is W[out, in] (PyTorch/Llama layout), so
 *   forward   y  = x·Wᵀ      → matmulNT(y, x, W)
 *   backward  dx = dy·W      → matmulNN(dx, dy, W)
 *             dW += dyᵀ·x    → matmulTN(dW, dy, x, accumulate)
 *
 * Three backends give the same results within float32 rounding: `native` (the default where
 * the C++ addon is built: native.ts, AVX2 + FMA on a thread pool, ~10× the TypeScript kernel),
 * `simd` (WebAssembly SIMD, simd-matmul.ts, ~3×; the default where the addon is not built) and
 * `ts` (the TypeScript kernels below, always used for Float64Array gradient checks). Select
 * with `setMatmulBackend` or SATPREP_MODEL_KERNELS=ts|simd|native. All are deterministic: a
 * given product always sums in the same order whatever the thread count, so training replays
 * bit for bit on one backend.
 */
import { nativeKernels, type NativeKernels } from './native.ts';
import { simdMatmul, type ALayout, type BLayout } from './simd-matmul.ts';
import { setSimdThreads } from './simd-threads.ts';
import { simdKernel } from './wasm-simd.ts';

export type Vec = Float32Array | Float64Array;
export type MatmulBackend = 'ts' | 'simd' | 'native';

const available = (b: MatmulBackend): boolean => b === 'ts' || (b === 'simd' ? !!simdKernel() : !!nativeKernels());
const wanted = process.env.SATPREP_MODEL_KERNELS as MatmulBackend | undefined;
let backend: MatmulBackend = wanted && available(wanted) ? wanted : (['native', 'simd', 'ts'] as const).find(available)!;
let threads = true;

/** Chooses the kernels for Float32 products; asking for one that is unavailable throws. */
export function setMatmulBackend(b: MatmulBackend): void {
  if (!available(b)) throw new Error(b === 'simd' ? 'this runtime has no WebAssembly SIMD' : 'the native kernels are not built (npm run build:native)');
  backend = b;
}
export function matmulBackend(): MatmulBackend {
  return backend;
}

/** Lets large products use the other cores (the default) or keeps them on this thread; both give the same bits. */
export function setKernelThreads(on: boolean): void {
  threads = on;
  setSimdThreads(on);
}

/** Whether kernels may use the other cores (`setKernelThreads`). */
export const kernelThreads = (): boolean => threads;

/** The native addon when it is the selected backend and every operand is float32; else null (use the TypeScript kernel). */
export function nativeOps(...xs: Vec[]): NativeKernels | null {
  if (backend !== 'native') return null;
  for (const x of xs) if (!(x instanceof Float32Array)) return null;
  return nativeKernels();
}

/** Runs the product on the native or SIMD backend when one is selected and every operand is float32. */
function trySimd(c: Vec, a: Vec, al: ALayout, b: Vec, bl: BLayout, M: number, K: number, N: number, acc: boolean): boolean {
  if (backend === 'ts' || !(c instanceof Float32Array && a instanceof Float32Array && b instanceof Float32Array)) return false;
  if (backend === 'native') {
    nativeKernels()!.gemm(c, a, al === 'rows', b, bl === 'kn', M, K, N, acc, threads);
    return true;
  }
  return simdMatmul(c, a, al, b, bl, M, K, N, acc);
}

/**
 * C[M,N] (+)= A[M,K] · B[N,K]ᵀ, for rows `rowStart..rowEnd` of C (so callers can split rows
 * across threads). `accumulate` adds into C instead of overwriting it.
 */
export function matmulNT(
  c: Vec, a: Vec, b: Vec, M: number, K: number, N: number,
  accumulate = false, rowStart = 0, rowEnd = M,
): void {
  if (rowStart === 0 && rowEnd === M && trySimd(c, a, 'rows', b, 'nk', M, K, N, accumulate)) return;
  matmulNTts(c, a, b, M, K, N, accumulate, rowStart, rowEnd);
}

/** The TypeScript kernel behind `matmulNT`. */
function matmulNTts(
  c: Vec, a: Vec, b: Vec, M: number, K: number, N: number, accumulate: boolean, rowStart: number, rowEnd: number,
): void {
  const N4 = N - (N % 4);
  let i = rowStart;
  for (; i + 3 < rowEnd; i += 4) {
    const a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      const b0 = j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
        const y0 = b[b0 + k], y1 = b[b1 + k], y2 = b[b2 + k], y3 = b[b3 + k];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const o0 = i * N + j, o1 = o0 + N, o2 = o1 + N, o3 = o2 + N;
      if (accumulate) {
        c[o0] += c00; c[o0 + 1] += c01; c[o0 + 2] += c02; c[o0 + 3] += c03;
        c[o1] += c10; c[o1 + 1] += c11; c[o1 + 2] += c12; c[o1 + 3] += c13;
        c[o2] += c20; c[o2 + 1] += c21; c[o2 + 2] += c22; c[o2 + 3] += c23;
        c[o3] += c30; c[o3 + 1] += c31; c[o3 + 2] += c32; c[o3 + 3] += c33;
      } else {
        c[o0] = c00; c[o0 + 1] = c01; c[o0 + 2] = c02; c[o0 + 3] = c03;
        c[o1] = c10; c[o1 + 1] = c11; c[o1 + 2] = c12; c[o1 + 3] = c13;
        c[o2] = c20; c[o2 + 1] = c21; c[o2 + 2] = c22; c[o2 + 3] = c23;
        c[o3] = c30; c[o3 + 1] = c31; c[o3 + 2] = c32; c[o3 + 3] = c33;
      }
    }
    for (let j = N4; j < N; j++) {
      for (let r = 0; r < 4; r++) dotInto(c, a, b, i + r, j, K, N, accumulate);
    }
  }
  for (; i < rowEnd; i++) {
    for (let j = 0; j < N; j++) dotInto(c, a, b, i, j, K, N, accumulate);
  }
}

function dotInto(c: Vec, a: Vec, b: Vec, i: number, j: number, K: number, N: number, accumulate: boolean): void {
  const ao = i * K, bo = j * K;
  let s = 0;
  for (let k = 0; k < K; k++) s += a[ao + k] * b[bo + k];
  c[i * N + j] = accumulate ? c[i * N + j] + s : s;
}

/** out[C,R] = in[R,C]ᵀ. */
export function transpose(out: Vec, src: Vec, R: number, C: number): void {
  // 8×8 blocks keep both the read and the write side within a few cache lines.
  for (let r0 = 0; r0 < R; r0 += 8) {
    const r1 = Math.min(r0 + 8, R);
    for (let c0 = 0; c0 < C; c0 += 8) {
      const c1 = Math.min(c0 + 8, C);
      for (let r = r0; r < r1; r++) for (let cc = c0; cc < c1; cc++) out[cc * R + r] = src[r * C + cc];
    }
  }
}

const scratch = new Map<string, Vec>();
/** Grow-only scratch buffers, one per (name, element type), so the hot loop allocates nothing. */
export function scratchOf(like: Vec, name: string, n: number): Vec {
  const key = `${name}:${like instanceof Float64Array ? 64 : 32}`;
  let s = scratch.get(key);
  if (!s || s.length < n) {
    s = like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
    scratch.set(key, s);
  }
  return s;
}

/** C[M,N] (+)= A[M,K] · B[K,N]. */
export function matmulNN(c: Vec, a: Vec, b: Vec, M: number, K: number, N: number, accumulate = false): void {
  if (trySimd(c, a, 'rows', b, 'kn', M, K, N, accumulate)) return;
  const bt = scratchOf(b, 'nn.bt', K * N);
  transpose(bt, b, K, N);
  matmulNTts(c, a, bt, M, K, N, accumulate, 0, M);
}

/** C[M,N] (+)= A[K,M]ᵀ · B[K,N]: the weight gradient dW = dyᵀ·x with dy[K,M], x[K,N]. */
export function matmulTN(c: Vec, a: Vec, b: Vec, M: number, K: number, N: number, accumulate = false): void {
  if (trySimd(c, a, 'cols', b, 'kn', M, K, N, accumulate)) return;
  const at = scratchOf(a, 'tn.at', K * M);
  const bt = scratchOf(b, 'tn.bt', K * N);
  transpose(at, a, K, M);
  transpose(bt, b, K, N);
  matmulNTts(c, at, bt, M, K, N, accumulate, 0, M);
}

/** Reference triple loop (tests only): C = A·B with A[M,K], B[K,N], in float64. */
export function matmulNaive(a: ArrayLike<number>, b: ArrayLike<number>, M: number, K: number, N: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += a[i * K + k] * b[k * N + j];
    c[i * N + j] = s;
  }
  return c;
}
