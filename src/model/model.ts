/**
 * A Llama-style decoder-only transformer, forward and backward by hand over one flat
 * parameter buffer (Touvron et al. 2023): token embeddings → L × [RMSNorm → causal MHA with
 * RoPE → residual → RMSNorm → SwiGLU MLP → residual] → RMSNorm → tied output head.
 *
 * `forward(batch)` returns `{logits, loss}` and keeps the activations; `backward()` then
 * adds ∂loss/∂θ into `grads`. Float64 mode exists for gradient checks; training runs float32.
 */
import { createRng } from '../lib/rng.ts';
import { attentionBackward, attentionForward } from './kernels/attention.ts';
import { matmulNN, matmulNT, matmulTN, type Vec } from './kernels/matmul.ts';
import {
  crossEntropy, rmsnormBackwardAdd, rmsnormForward, ropeApply, ropeTables, swigluBackward, swigluForward,
} from './kernels/ops.ts';
import { paramLayout, validateConfig, type ModelConfig, type ParamSpec } from './config.ts';

export type DType = 'float32' | 'float64';

export interface Batch {
  B: number;
  T: number;
  idx: Int32Array; // (B·T) token ids
  targets?: Int32Array; // (B·T) next-token ids, −1 where no loss is taken
  /** (B·T) row offset where each token's packed example starts; all zeros when omitted. */
  start?: Int32Array;
}

interface LayerParams { attnNorm: Vec; wq: Vec; wk: Vec; wv: Vec; wo: Vec; mlpNorm: Vec; wg: Vec; wu: Vec; wd: Vec }
interface LayerActs { xn1: Vec; rstd1: Vec; q: Vec; k: Vec; v: Vec; y: Vec; P: Vec; xMid: Vec; xn2: Vec; rstd2: Vec; g: Vec; u: Vec; h: Vec }

export class Transformer {
  readonly config: ModelConfig;
  readonly specs: ParamSpec[];
  readonly params: Vec;
  readonly grads: Vec;
  readonly headDim: number;
  readonly rope: { cos: Float64Array; sin: Float64Array };
  private readonly alloc: (n: number) => Vec;
  private acts?: ReturnType<Transformer['allocActs']>;
  private last?: { batch: Batch; start: Int32Array; pos: Int32Array; rows: number[] };

  constructor(config: ModelConfig, dtype: DType = 'float32', params?: Vec) {
    validateConfig(config);
    this.config = config;
    this.alloc = dtype === 'float64' ? (n) => new Float64Array(n) : (n) => new Float32Array(n);
    const { specs, total } = paramLayout(config);
    this.specs = specs;
    if (params && params.length !== total) throw new Error(`params: ${params.length} values, layout needs ${total}`);
    this.params = params ?? this.alloc(total);
    this.grads = this.alloc(total);
    this.headDim = config.dim / config.heads;
    this.rope = ropeTables(config.maxSeq, this.headDim, config.ropeTheta);
  }

  /** GPT-2/nanoGPT init: N(0, 0.02), residual projections scaled by 1/√(2L), norm gains 1. */
  static init(config: ModelConfig, seed: string | number, dtype: DType = 'float32'): Transformer {
    const m = new Transformer(config, dtype);
    const rng = createRng(`init/${seed}`);
    for (const s of m.specs) {
      const view = m.view(s.name);
      if (s.kind === 'norm') { view.fill(1); continue; }
      const residual = s.name.endsWith('o_proj.weight') || s.name.endsWith('down_proj.weight');
      const sd = residual ? 0.02 / Math.sqrt(2 * config.layers) : 0.02;
      for (let i = 0; i < view.length; i++) view[i] = rng.normal(0, sd);
    }
    return m;
  }

  view(name: string, of: 'params' | 'grads' = 'params'): Vec {
    const s = this.specs.find((x) => x.name === name);
    if (!s) throw new Error(`no parameter ${name}`);
    return (of === 'params' ? this.params : this.grads).subarray(s.offset, s.offset + s.size);
  }

  layer(l: number, of: 'params' | 'grads' = 'params'): LayerParams {
    const p = `model.layers.${l}`;
    const v = (n: string) => this.view(`${p}.${n}.weight`, of);
    return {
      attnNorm: v('input_layernorm'), wq: v('self_attn.q_proj'), wk: v('self_attn.k_proj'), wv: v('self_attn.v_proj'),
      wo: v('self_attn.o_proj'), mlpNorm: v('post_attention_layernorm'), wg: v('mlp.gate_proj'), wu: v('mlp.up_proj'), wd: v('mlp.down_proj'),
    };
  }

  zeroGrad(): void {
    this.grads.fill(0);
  }

  private allocActs(B: number, T: number) {
    const { dim: d, hidden: ff, heads: H, vocabSize: V, layers } = this.config, N = B * T, a = this.alloc;
    const layer = (): LayerActs => ({
      xn1: a(N * d), rstd1: a(N), q: a(N * d), k: a(N * d), v: a(N * d), y: a(N * d), P: a(B * H * T * T),
      xMid: a(N * d), xn2: a(N * d), rstd2: a(N), g: a(N * ff), u: a(N * ff), h: a(N * ff),
    });
    return {
      B, T,
      xs: Array.from({ length: layers + 1 }, () => a(N * d)), // residual stream entering each layer, and the final one
      layers: Array.from({ length: layers }, layer),
      xnF: a(N * d), rstdF: a(N), headX: a(N * d), dHeadX: a(N * d), logits: a(N * V), dlogits: a(N * V),
      // backward scratch
      dx: a(N * d), dxn: a(N * d), dy: a(N * d), dq: a(N * d), dk: a(N * d), dv: a(N * d),
      dg: a(N * ff), du: a(N * ff), dh: a(N * ff),
    };
  }

  /**
   * logits: (B·T, V) without targets; with targets, (n, V) for the n positions whose target
   * is ≥ 0, in order. loss: mean cross-entropy over those positions (undefined without targets). Keeps activations for `backward`; `grad: false` skips ∂loss/∂logits (evaluation).
   */
  forward(batch: Batch, opts: { grad?: boolean } = {}): { logits: Vec; loss: number | undefined } {
    const { B, T, idx, targets } = batch;
    const c = this.config, d = c.dim, ff = c.hidden, N = B * T, shape = { B, T, H: c.heads, D: this.headDim };
    if (T > c.maxSeq) throw new Error(`sequence length ${T} exceeds maxSeq ${c.maxSeq}`);
    if (!this.acts || this.acts.B !== B || this.acts.T !== T) this.acts = this.allocActs(B, T);
    const A = this.acts;
    const start = batch.start ?? new Int32Array(N);
    const pos = new Int32Array(N);
    for (let i = 0; i < N; i++) pos[i] = (i % T) - start[i];

    const emb = this.view('model.embed_tokens.weight');
    const x0 = A.xs[0];
    for (let i = 0; i < N; i++) {
      const t = idx[i];
      if (!(t >= 0 && t < c.vocabSize)) throw new Error(`token id ${t} out of range`);
      x0.set(emb.subarray(t * d, t * d + d), i * d);
    }
    for (let l = 0; l < c.layers; l++) {
      const p = this.layer(l), L = A.layers[l], x = A.xs[l], out = A.xs[l + 1];
      rmsnormForward(L.xn1, L.rstd1, x, p.attnNorm, N, d, c.normEps);
      matmulNT(L.q, L.xn1, p.wq, N, d, d); // (N, H·D)
      matmulNT(L.k, L.xn1, p.wk, N, d, d);
      matmulNT(L.v, L.xn1, p.wv, N, d, d);
      ropeApply(L.q, pos, N, c.heads, this.headDim, this.rope.cos, this.rope.sin);
      ropeApply(L.k, pos, N, c.heads, this.headDim, this.rope.cos, this.rope.sin);
      attentionForward(L.y, L.P, L.q, L.k, L.v, start, shape);
      matmulNT(L.xMid, L.y, p.wo, N, d, d);
      for (let i = 0; i < N * d; i++) L.xMid[i] += x[i];
      rmsnormForward(L.xn2, L.rstd2, L.xMid, p.mlpNorm, N, d, c.normEps);
      matmulNT(L.g, L.xn2, p.wg, N, d, ff); // (N, ff)
      matmulNT(L.u, L.xn2, p.wu, N, d, ff);
      swigluForward(L.h, L.g, L.u, N * ff);
      matmulNT(out, L.h, p.wd, N, ff, d); // (N, d)
      for (let i = 0; i < N * d; i++) out[i] += L.xMid[i];
    }
    rmsnormForward(A.xnF, A.rstdF, A.xs[c.layers], this.view('model.norm.weight'), N, d, c.normEps);
    // With targets, the head runs only on rows that carry a loss: in SFT most positions are
    // prompt, and the (N, V) head would otherwise be the largest matmul of the step.
    const rows: number[] = [];
    for (let i = 0; i < N; i++) if (!targets || targets[i] >= 0) rows.push(i);
    const n = rows.length, hx = targets ? A.headX : A.xnF, ht = new Int32Array(n);
    if (targets) rows.forEach((r, i) => { hx.set(A.xnF.subarray(r * d, r * d + d), i * d); ht[i] = targets[r]; });
    matmulNT(A.logits, hx, emb, n, d, c.vocabSize); // (n, V): the tied head
    this.last = { batch, start, pos, rows };
    const logits = A.logits.subarray(0, n * c.vocabSize);
    if (!targets) return { logits, loss: undefined };
    const { loss } = crossEntropy(logits, ht, n, c.vocabSize, opts.grad === false ? undefined : A.dlogits);
    return { logits, loss };
  }

  /** Adds ∂loss/∂θ of the last forward (which must have had targets) into `grads`. */
  backward(): void {
    const A = this.acts, last = this.last;
    if (!A || !last?.batch.targets) throw new Error('backward() needs a forward() with targets first');
    const c = this.config, d = c.dim, ff = c.hidden, { B, T, idx } = last.batch, N = B * T;
    const shape = { B, T, H: c.heads, D: this.headDim };
    const emb = this.view('model.embed_tokens.weight'), dEmb = this.view('model.embed_tokens.weight', 'grads');

    const n = last.rows.length;
    matmulNN(A.dHeadX, A.dlogits, emb, n, c.vocabSize, d); // (n, d)
    matmulTN(dEmb, A.dlogits, A.headX, c.vocabSize, n, d, true); // (V, d)
    A.dxn.fill(0);
    last.rows.forEach((r, i) => A.dxn.set(A.dHeadX.subarray(i * d, i * d + d), r * d));
    A.dx.fill(0);
    rmsnormBackwardAdd(A.dx, this.view('model.norm.weight', 'grads'), A.dxn, A.xs[c.layers], this.view('model.norm.weight'), A.rstdF, N, d);

    for (let l = c.layers - 1; l >= 0; l--) {
      const p = this.layer(l), g = this.layer(l, 'grads'), L = A.layers[l];
      // MLP: dx holds ∂/∂(layer output); the residual passes it straight to xMid.
      matmulNN(A.dh, A.dx, p.wd, N, d, ff);
      matmulTN(g.wd, A.dx, L.h, d, N, ff, true);
      swigluBackward(A.dg, A.du, A.dh, L.g, L.u, N * ff);
      matmulNN(A.dxn, A.dg, p.wg, N, ff, d);
      matmulNN(A.dxn, A.du, p.wu, N, ff, d, true);
      matmulTN(g.wg, A.dg, L.xn2, ff, N, d, true);
      matmulTN(g.wu, A.du, L.xn2, ff, N, d, true);
      rmsnormBackwardAdd(A.dx, g.mlpNorm, A.dxn, L.xMid, p.mlpNorm, L.rstd2, N, d);
      // Attention: dx now holds ∂/∂xMid.
      matmulNN(A.dy, A.dx, p.wo, N, d, d);
      matmulTN(g.wo, A.dx, L.y, d, N, d, true);
      attentionBackward(A.dq, A.dk, A.dv, A.dy, L.P, L.q, L.k, L.v, last.start, shape);
      ropeApply(A.dq, last.pos, N, c.heads, this.headDim, this.rope.cos, this.rope.sin, true);
      ropeApply(A.dk, last.pos, N, c.heads, this.headDim, this.rope.cos, this.rope.sin, true);
      matmulNN(A.dxn, A.dq, p.wq, N, d, d);
      matmulNN(A.dxn, A.dk, p.wk, N, d, d, true);
      matmulNN(A.dxn, A.dv, p.wv, N, d, d, true);
      matmulTN(g.wq, A.dq, L.xn1, d, N, d, true);
      matmulTN(g.wk, A.dk, L.xn1, d, N, d, true);
      matmulTN(g.wv, A.dv, L.xn1, d, N, d, true);
      rmsnormBackwardAdd(A.dx, g.attnNorm, A.dxn, A.xs[l], p.attnNorm, L.rstd1, N, d);
    }
    for (let i = 0; i < N; i++) {
      const o = idx[i] * d;
      for (let j = 0; j < d; j++) dEmb[o + j] += A.dx[i * d + j];
    }
  }
}
