/**
 * Causal multi-head self-attention over packed rows (Vaswani et al. 2017, eq. 1):
 *   P = softmax(q·kᵀ/√D + mask),  y = P·v
 * Layouts: q, k, v, y are [B·T, H·D] (the projections' natural output); P is [B, H, T, T].
 * `start[b·T + t]` is the row offset where token t's example begins: a token attends only to
 * positions start..t of its own row, so packed examples never see each other and a packed
 * batch computes exactly what separate, unpacked examples would.
 */
import type { Vec } from './matmul.ts';

export interface AttnShape { B: number; T: number; H: number; D: number }

export function attentionForward(y: Vec, P: Vec, q: Vec, k: Vec, v: Vec, start: Int32Array, s: AttnShape): void {
  const { B, T, H, D } = s, C = H * D, scale = 1 / Math.sqrt(D);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) {
    for (let t = 0; t < T; t++) {
      const qo = (b * T + t) * C + h * D, po = ((b * H + h) * T + t) * T;
      const j0 = start[b * T + t];
      P.fill(0, po, po + T);
      let m = -Infinity;
      for (let j = j0; j <= t; j++) {
        const ko = (b * T + j) * C + h * D;
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[qo + d] * k[ko + d];
        dot *= scale;
        P[po + j] = dot;
        if (dot > m) m = dot;
      }
      let sum = 0;
      for (let j = j0; j <= t; j++) { const e = Math.exp(P[po + j] - m); P[po + j] = e; sum += e; }
      const inv = 1 / sum;
      for (let d = 0; d < D; d++) y[qo + d] = 0;
      for (let j = j0; j <= t; j++) {
        const p = (P[po + j] *= inv), vo = (b * T + j) * C + h * D;
        for (let d = 0; d < D; d++) y[qo + d] += p * v[vo + d];
      }
    }
  }
}

/**
 * dv_j = Σ_t P_tj·dy_t;  dP_tj = dy_t·v_j;  dS_tj = P_tj(dP_tj − Σ_j' P_tj'·dP_tj');
 * dq_t = Σ_j dS_tj·k_j/√D;  dk_j = Σ_t dS_tj·q_t/√D.  Overwrites dq, dk, dv.
 */
export function attentionBackward(
  dq: Vec, dk: Vec, dv: Vec, dy: Vec, P: Vec, q: Vec, k: Vec, v: Vec, start: Int32Array, s: AttnShape, dS: Vec,
): void {
  const { B, T, H, D } = s, C = H * D, scale = 1 / Math.sqrt(D);
  dq.fill(0, 0, B * T * C); dk.fill(0, 0, B * T * C); dv.fill(0, 0, B * T * C);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) {
    for (let t = 0; t < T; t++) {
      const qo = (b * T + t) * C + h * D, po = ((b * H + h) * T + t) * T;
      const j0 = start[b * T + t];
      let acc = 0;
      for (let j = j0; j <= t; j++) {
        const vo = (b * T + j) * C + h * D, p = P[po + j];
        let dp = 0;
        for (let d = 0; d < D; d++) { dp += dy[qo + d] * v[vo + d]; dv[vo + d] += p * dy[qo + d]; }
        dS[j] = dp;
        acc += p * dp;
      }
      for (let j = j0; j <= t; j++) {
        const ds = P[po + j] * (dS[j] - acc) * scale, ko = (b * T + j) * C + h * D;
        for (let d = 0; d < D; d++) { dq[qo + d] += ds * k[ko + d]; dk[ko + d] += ds * q[qo + d]; }
      }
    }
  }
}
