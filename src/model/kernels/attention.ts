/**
 * Causal multi-head self-attention over packed rows (Vaswani et al. 2017, eq. 1):
 *   P = softmax(q·kᵀ/√D + mask),  y = P·v
 * Layouts: q, k, v, y are [B·T, H·D] (the projections' natural output); P is [B, H, T, T].
 * `start[b·T + t]` is the row offset where token t's example begins: a token attends only to
 * positions start..t of its own row, so packed examples never see each other and a packed
 * batch computes exactly what separate, unpacked examples would.
 *
 * Each (row, head) is gathered into contiguous [T, D] blocks and its products run through
 * the matmul kernels (SIMD where selected): the full T×T score block costs twice the causal
 * half, but the vector kernel is several times faster than scalar loops over the triangle.
 * Masked entries of P are exactly 0, so they contribute nothing forward or backward.
 */
import { kernelThreads, matmulNN, matmulNT, matmulTN, nativeOps, scratchOf, type Vec } from './matmul.ts';

const f32 = (x: Vec) => x as Float32Array;

export interface AttnShape { B: number; T: number; H: number; D: number }

/** Copies head h of row b out of x[B·T, H·D] into dst[T, D] (or back, with `toX`). */
function headCopy(x: Vec, dst: Vec, b: number, h: number, s: AttnShape, toX = false): void {
  const { T, H, D } = s, C = H * D;
  for (let t = 0; t < T; t++) {
    const xo = (b * T + t) * C + h * D, o = t * D;
    if (toX) for (let e = 0; e < D; e++) x[xo + e] = dst[o + e];
    else for (let e = 0; e < D; e++) dst[o + e] = x[xo + e];
  }
}

export function attentionForward(y: Vec, P: Vec, q: Vec, k: Vec, v: Vec, start: Int32Array, s: AttnShape): void {
  const { B, T, H, D } = s, scale = 1 / Math.sqrt(D);
  // The native kernel runs each (row, head) as one task on its blocked matmul, reading the heads in place.
  const nat = nativeOps(y, P, q, k, v);
  if (nat) return nat.attnForward(f32(y), f32(P), f32(q), f32(k), f32(v), start, B, T, H, D, kernelThreads());
  const qh = scratchOf(q, 'att.q', T * D), kh = scratchOf(q, 'att.k', T * D), vh = scratchOf(q, 'att.v', T * D);
  const yh = scratchOf(q, 'att.y', T * D);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) {
    headCopy(q, qh, b, h, s); headCopy(k, kh, b, h, s); headCopy(v, vh, b, h, s);
    const Pb = P.subarray(((b * H + h) * T) * T, ((b * H + h) * T + T) * T);
    matmulNT(Pb, qh, kh, T, D, T); // raw scores, masked below
    for (let t = 0; t < T; t++) {
      const po = t * T, j0 = start[b * T + t];
      let m = -Infinity;
      for (let j = j0; j <= t; j++) { const z = Pb[po + j] * scale; Pb[po + j] = z; if (z > m) m = z; }
      let sum = 0;
      for (let j = j0; j <= t; j++) { const e = Math.exp(Pb[po + j] - m); Pb[po + j] = e; sum += e; }
      const inv = 1 / sum;
      for (let j = j0; j <= t; j++) Pb[po + j] *= inv;
      Pb.fill(0, po, po + j0);
      Pb.fill(0, po + t + 1, po + T);
    }
    matmulNN(yh, Pb, vh, T, T, D);
    headCopy(y, yh, b, h, s, true);
  }
}

/**
 * dv = Pᵀ·dy;  dP = dy·vᵀ;  dS_tj = P_tj(dP_tj − Σ_j' P_tj'·dP_tj');
 * dq = dS·k/√D;  dk = dSᵀ·q/√D.  Overwrites dq, dk, dv.
 */
export function attentionBackward(
  dq: Vec, dk: Vec, dv: Vec, dy: Vec, P: Vec, q: Vec, k: Vec, v: Vec, start: Int32Array, s: AttnShape,
): void {
  const { B, T, H, D } = s, scale = 1 / Math.sqrt(D);
  const nat = nativeOps(dq, dk, dv, dy, P, q, k, v);
  if (nat) return nat.attnBackward(f32(dq), f32(dk), f32(dv), f32(dy), f32(P), f32(q), f32(k), f32(v), start, B, T, H, D, kernelThreads());
  const qh = scratchOf(q, 'att.q', T * D), kh = scratchOf(q, 'att.k', T * D), vh = scratchOf(q, 'att.v', T * D);
  const dyh = scratchOf(q, 'att.y', T * D), gh = scratchOf(q, 'att.g', T * D), dS = scratchOf(q, 'att.dS', T * T);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) {
    headCopy(q, qh, b, h, s); headCopy(k, kh, b, h, s); headCopy(v, vh, b, h, s); headCopy(dy, dyh, b, h, s);
    const Pb = P.subarray(((b * H + h) * T) * T, ((b * H + h) * T + T) * T);
    matmulTN(gh, Pb, dyh, T, T, D); // dv
    headCopy(dv, gh, b, h, s, true);
    matmulNT(dS, dyh, vh, T, D, T); // dP
    for (let t = 0; t < T; t++) {
      const po = t * T, j0 = start[b * T + t];
      let acc = 0;
      for (let j = j0; j <= t; j++) acc += Pb[po + j] * dS[po + j];
      for (let j = j0; j <= t; j++) dS[po + j] = Pb[po + j] * (dS[po + j] - acc) * scale;
      dS.fill(0, po, po + j0);
      dS.fill(0, po + t + 1, po + T);
    }
    matmulNN(gh, dS, kh, T, T, D); // dq
    headCopy(dq, gh, b, h, s, true);
    matmulTN(gh, dS, qh, T, T, D); // dk
    headCopy(dk, gh, b, h, s, true);
  }
}
