/**
 * Incremental decoding with a key/value cache: each call runs only the new tokens through
 * the network and attends over the cached keys and values of all earlier positions, so a
 * token costs O(params + pos·dim) instead of a full forward over the prefix. Prefill (many
 * tokens) and decode (one token) are the same code path, batched through the matmul kernel.
 */
import { attentionForward } from './kernels/attention.ts';
import { matmulNT, nativeOps } from './kernels/matmul.ts';
import { pinWeights } from './kernels/simd-matmul.ts';
import { rmsnormForward, ropeApply, swigluForward } from './kernels/ops.ts';
import type { Transformer } from './model.ts';

export class KvSession {
  private readonly k: Float32Array[];
  private readonly v: Float32Array[];
  /** Positions filled so far. */
  length = 0;

  constructor(readonly model: Transformer) {
    const { layers, maxSeq, dim } = model.config;
    this.k = Array.from({ length: layers }, () => new Float32Array(maxSeq * dim));
    this.v = Array.from({ length: layers }, () => new Float32Array(maxSeq * dim));
  }

  /**
   * Feeds `ids` after the cached prefix; returns the next-token logits (V) after the last of them.
   * The weights must not change during a session (the cached keys and values would be stale);
   * that is also what lets the SIMD kernels read them pinned, without a copy per token.
   */
  feed(ids: readonly number[]): Float32Array {
    const params = this.model.params;
    if (!(params instanceof Float32Array)) return this.run(ids);
    pinWeights(this, params, true);
    try {
      return this.run(ids);
    } finally {
      pinWeights(this, params, false);
    }
  }

  private run(ids: readonly number[]): Float32Array {
    const m = this.model, c = m.config, d = c.dim, ff = c.hidden, n = ids.length, p0 = this.length;
    const H = c.heads, D = m.headDim, scale = 1 / Math.sqrt(D);
    if (n === 0) throw new Error('feed() needs at least one token');
    if (p0 + n > c.maxSeq) throw new Error(`context of ${p0 + n} tokens exceeds maxSeq ${c.maxSeq}`);
    const emb = m.view('model.embed_tokens.weight') as Float32Array;
    const x = new Float32Array(n * d), xn = new Float32Array(n * d), rstd = new Float32Array(n);
    const q = new Float32Array(n * d), y = new Float32Array(n * d), tmp = new Float32Array(n * d);
    const g = new Float32Array(n * ff), u = new Float32Array(n * ff), h = new Float32Array(n * ff);
    const pos = Int32Array.from({ length: n }, (_, i) => p0 + i);
    const scores = new Float32Array(p0 + n);
    let probs: Float32Array | undefined;
    ids.forEach((t, i) => x.set(emb.subarray(t * d, t * d + d), i * d));
    const nat = nativeOps(emb, this.k[0], this.v[0]);

    for (let l = 0; l < c.layers; l++) {
      const p = m.layer(l), K = this.k[l], V = this.v[l];
      rmsnormForward(xn, rstd, x, p.attnNorm, n, d, c.normEps);
      matmulNT(q, xn, p.wq, n, d, d);
      const kNew = K.subarray(p0 * d, (p0 + n) * d), vNew = V.subarray(p0 * d, (p0 + n) * d);
      matmulNT(kNew, xn, p.wk, n, d, d); // written straight into the cache
      matmulNT(vNew, xn, p.wv, n, d, d);
      ropeApply(q, pos, n, H, D, m.rope.cos, m.rope.sin);
      ropeApply(kNew, pos, n, H, D, m.rope.cos, m.rope.sin);
      // A fresh session's prefill is ordinary causal attention over the prompt: the gathered,
      // matmul-kernel path of training, instead of the per-token loop below (O(n²·d) scalar work).
      if (p0 === 0 && n > 1) attentionForward(y, probs ??= new Float32Array(H * n * n), q, kNew, vNew, new Int32Array(n), { B: 1, T: n, H, D });
      else if (nat) nat.attnDecode(y, q, K, V, n, p0, H, D);
      else for (let i = 0; i < n; i++) for (let hh = 0; hh < H; hh++) {
        const qo = i * d + hh * D, last = p0 + i;
        let mx = -Infinity;
        for (let j = 0; j <= last; j++) {
          // Four partial sums: one running sum is a chain of dependent adds, latency-bound.
          const ko = j * d + hh * D;
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0, e = 0;
          for (; e + 3 < D; e += 4) {
            s0 += q[qo + e] * K[ko + e]; s1 += q[qo + e + 1] * K[ko + e + 1];
            s2 += q[qo + e + 2] * K[ko + e + 2]; s3 += q[qo + e + 3] * K[ko + e + 3];
          }
          for (; e < D; e++) s0 += q[qo + e] * K[ko + e];
          const z = (s0 + s1 + s2 + s3) * scale;
          scores[j] = z;
          if (z > mx) mx = z;
        }
        let sum = 0;
        for (let j = 0; j <= last; j++) { scores[j] = Math.exp(scores[j] - mx); sum += scores[j]; }
        for (let e = 0; e < D; e++) y[qo + e] = 0;
        for (let j = 0; j <= last; j++) {
          const w = scores[j] / sum, vo = j * d + hh * D;
          for (let e = 0; e < D; e++) y[qo + e] += w * V[vo + e];
        }
      }
      matmulNT(tmp, y, p.wo, n, d, d);
      for (let i = 0; i < n * d; i++) x[i] += tmp[i];
      rmsnormForward(xn, rstd, x, p.mlpNorm, n, d, c.normEps);
      matmulNT(g, xn, p.wg, n, d, ff);
      matmulNT(u, xn, p.wu, n, d, ff);
      swigluForward(h, g, u, n * ff);
      matmulNT(tmp, h, p.wd, n, ff, d);
      for (let i = 0; i < n * d; i++) x[i] += tmp[i];
    }
    this.length += n;
    const lastRow = x.subarray((n - 1) * d, n * d), out = new Float32Array(d), r = new Float32Array(1);
    rmsnormForward(out, r, lastRow, m.view('model.norm.weight'), 1, d, c.normEps);
    const logits = new Float32Array(c.vocabSize);
    matmulNT(logits, out, emb, 1, d, c.vocabSize);
    return logits;
  }
}
