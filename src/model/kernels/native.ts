/**
 * The native kernels: a small C++ N-API addon (native/kernels.cc, AVX2 + FMA, a thread pool
 * inside) built on this machine by `npm run build:native` (scripts/build-native.mjs, run by
 * `npm install` / `npm ci` and by .ci/run). It is optional: where it was not built (no
 * compiler, no AVX2) this returns null and matmul.ts uses the WebAssembly SIMD kernels, and
 * the TypeScript kernels remain the reference and the float64 path.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface NativeKernels {
  /** C[M,N] (+)= op(A)·op(B); A is [M,K] (`aRows`) or [K,M]; B is [K,N] (`bKn`) or [N,K]. */
  gemm(c: Float32Array, a: Float32Array, aRows: boolean, b: Float32Array, bKn: boolean, M: number, K: number, N: number, accumulate: boolean, threads: boolean): void;
  /** Σ over rows with a target ≥ 0 of (logsumexp − logit[target]); fills dlogits (softmax·inv, −inv at the target) when given. */
  crossEntropy(logits: Float32Array, targets: Int32Array, rows: number, V: number, dlogits: Float32Array | null, inv: number, threads: boolean): number;
  swigluForward(h: Float32Array, g: Float32Array, u: Float32Array, n: number, threads: boolean): void;
  swigluBackward(dg: Float32Array, du: Float32Array, dh: Float32Array, g: Float32Array, u: Float32Array, n: number, threads: boolean): void;
  /** As attention.ts, one (row, head) per task. */
  attnForward(y: Float32Array, P: Float32Array, q: Float32Array, k: Float32Array, v: Float32Array, start: Int32Array, B: number, T: number, H: number, D: number, threads: boolean): void;
  attnBackward(
    dq: Float32Array, dk: Float32Array, dv: Float32Array, dy: Float32Array, P: Float32Array, q: Float32Array, k: Float32Array, v: Float32Array,
    start: Int32Array, B: number, T: number, H: number, D: number, threads: boolean,
  ): void;
  /** Attention of query rows at positions p0… against cached K, V rows 0…p0+i (kv-cache.ts's decoding loop). */
  attnDecode(y: Float32Array, q: Float32Array, K: Float32Array, V: Float32Array, n: number, p0: number, H: number, D: number): void;
  /** As adamw.ts, in float arithmetic; c1, c2 are the bias corrections 1/(1 − βᵗ). */
  adamw(params: Float32Array, grads: Float32Array, m: Float32Array, v: Float32Array, decayMask: Uint8Array, lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, c1: number, c2: number, threads: boolean): void;
  /** Σ x², the same bits on any thread count. */
  sumSquares(x: Float32Array, threads: boolean): number;
  rmsnormForward(y: Float32Array, rstd: Float32Array, x: Float32Array, w: Float32Array, rows: number, n: number, eps: number): void;
  rmsnormBackwardAdd(dx: Float32Array, dw: Float32Array, dy: Float32Array, x: Float32Array, w: Float32Array, rstd: Float32Array, rows: number, n: number): void;
  /** Threads of the addon's pool, the caller included (SATPREP_MODEL_THREADS, else the cores, at most 8). */
  threads(): number;
}

export const NATIVE_ADDON_PATH = fileURLToPath(new URL('../../../native/build/Release/satprep_kernels.node', import.meta.url));

let loaded: NativeKernels | null | undefined;

/** The addon, loaded once per thread; null where it is not built or SATPREP_MODEL_KERNELS asks for another backend. */
export function nativeKernels(): NativeKernels | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  const want = process.env.SATPREP_MODEL_KERNELS;
  if (want === 'ts' || want === 'simd' || !existsSync(NATIVE_ADDON_PATH)) return loaded;
  try {
    loaded = createRequire(import.meta.url)(NATIVE_ADDON_PATH) as NativeKernels;
  } catch (err) {
    // A stale build for another Node ABI, say: fall back rather than fail, but say why once.
    process.emitWarning(`native model kernels not loaded (${(err as Error).message}); using WebAssembly SIMD`);
  }
  return loaded;
}
