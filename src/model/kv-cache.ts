/**
 * Incremental decoding with a key/value cache: each call runs only the new tokens through
 * the network and attends over the cached keys and values of all earlier positions, so a
 * token costs O(params + pos·dim) instead of a full forward over the prefix. Prefill (many
 * tokens) and decode (one token) are the same code path, batched through the matmul kernel.
 */
import { matmulNT } from './kernels/matmul.ts';
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

  /** Feeds `ids` after the cached prefix; returns the next-token logits (V) after the last of them. */
  feed(ids: readonly number[]): Float32Array {
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
    ids.forEach((t, i) => x.set(emb.subarray(t * d, t * d + d), i * d));

    for (let l = 0; l < c.layers; l++) {
      const p = m.layer(l), K = this.k[l], V = this.v[l];
      rmsnormForward(xn, rstd, x, p.attnNorm, n, d, c.normEps);
      matmulNT(q, xn, p.wq, n, d, d);
      const kNew = K.subarray(p0 * d, (p0 + n) * d), vNew = V.subarray(p0 * d, (p0 + n) * d);
      matmulNT(kNew, xn, p.wk, n, d, d); // written straight into the cache
      matmulNT(vNew, xn, p.wv, n, d, d);
      ropeApply(q, pos, n, H, D, m.rope.cos, m.rope.sin);
      ropeApply(kNew, pos, n, H, D, m.rope.cos, m.rope.sin);
      for (let i = 0; i < n; i++) for (let hh = 0; hh < H; hh++) {
        const qo = i * d + hh * D, last = p0 + i;
        let mx = -Infinity;
        for (let j = 0; j <= last; j++) {
          let s = 0;
          for (let e = 0; e < D; e++) s += q[qo + e] * K[j * d + hh * D + e];
          scores[j] = s * scale;
          if (scores[j] > mx) mx = scores[j];
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
