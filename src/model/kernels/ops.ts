/**
 * Row-wise kernels of a Llama block, forward and backward, over row-major buffers of
 * `rows × width`. Backward kernels add into parameter gradients (they accumulate over the
 * batch) and overwrite input gradients unless a name says otherwise.
 */
import { kernelThreads, nativeOps, type Vec } from './matmul.ts';

/**
 * RMSNorm (Zhang & Sennrich 2019): y = x · r · w with r = 1/√(mean(x²) + ε).
 * Stores r per row in `rstd` for the backward pass.
 */
export function rmsnormForward(y: Vec, rstd: Vec, x: Vec, w: Vec, rows: number, n: number, eps: number): void {
  const nat = nativeOps(y, rstd, x, w);
  if (nat) return nat.rmsnormForward(y as Float32Array, rstd as Float32Array, x as Float32Array, w as Float32Array, rows, n, eps);
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += x[o + i] * x[o + i];
    const s = 1 / Math.sqrt(ss / n + eps);
    rstd[r] = s;
    for (let i = 0; i < n; i++) y[o + i] = x[o + i] * s * w[i];
  }
}

/**
 * ∂L/∂x_j = r·w_j·dy_j − (r³/n)·x_j·Σ_i dy_i·w_i·x_i;  ∂L/∂w_i += dy_i·x_i·r.
 * `dx` is added to (the residual stream's gradient already sits there).
 */
export function rmsnormBackwardAdd(dx: Vec, dw: Vec, dy: Vec, x: Vec, w: Vec, rstd: Vec, rows: number, n: number): void {
  const nat = nativeOps(dx, dw, dy, x, w, rstd);
  if (nat) return nat.rmsnormBackwardAdd(dx as Float32Array, dw as Float32Array, dy as Float32Array, x as Float32Array, w as Float32Array, rstd as Float32Array, rows, n);
  for (let r = 0; r < rows; r++) {
    const o = r * n, s = rstd[r];
    let dot = 0;
    for (let i = 0; i < n; i++) {
      dot += dy[o + i] * w[i] * x[o + i];
      dw[i] += dy[o + i] * x[o + i] * s;
    }
    const c = (s * s * s * dot) / n;
    for (let i = 0; i < n; i++) dx[o + i] += s * w[i] * dy[o + i] - c * x[o + i];
  }
}

/**
 * Rotary tables (Su et al. 2021, RoFormer), in the Hugging Face Llama convention:
 * inv_freq_i = θ^(−2i/D), angle = pos·inv_freq_i, for i < D/2.
 */
export function ropeTables(maxPos: number, headDim: number, theta: number): { cos: Float64Array; sin: Float64Array } {
  const half = headDim / 2;
  const cos = new Float64Array(maxPos * half), sin = new Float64Array(maxPos * half);
  for (let p = 0; p < maxPos; p++) {
    for (let i = 0; i < half; i++) {
      const a = p * Math.pow(theta, (-2 * i) / headDim);
      cos[p * half + i] = Math.cos(a);
      sin[p * half + i] = Math.sin(a);
    }
  }
  return { cos, sin };
}

/**
 * Rotates each head of x[rows, heads·D] in place by its row's position, pairing element i
 * with i + D/2 ("rotate_half", as in HF LlamaForCausalLM). `inverse` rotates by −angle,
 * which is the backward pass (a rotation's transpose is its inverse).
 */
export function ropeApply(
  x: Vec, pos: Int32Array, rows: number, heads: number, headDim: number,
  cos: Float64Array, sin: Float64Array, inverse = false,
): void {
  const half = headDim / 2, sign = inverse ? -1 : 1;
  for (let r = 0; r < rows; r++) {
    const t = pos[r] * half;
    for (let h = 0; h < heads; h++) {
      const o = r * heads * headDim + h * headDim;
      for (let i = 0; i < half; i++) {
        const c = cos[t + i], s = sign * sin[t + i];
        const a = x[o + i], b = x[o + i + half];
        x[o + i] = a * c - b * s;
        x[o + i + half] = b * c + a * s;
      }
    }
  }
}

/** SwiGLU (Shazeer 2020): h = silu(g) ⊙ u with silu(g) = g·σ(g). */
export function swigluForward(h: Vec, g: Vec, u: Vec, n: number): void {
  const nat = nativeOps(h, g, u);
  if (nat) return nat.swigluForward(h as Float32Array, g as Float32Array, u as Float32Array, n, kernelThreads());
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    h[i] = (gi / (1 + Math.exp(-gi))) * u[i];
  }
}

/** dg = dh·u·σ(g)(1 + g(1 − σ(g))),  du = dh·silu(g). */
export function swigluBackward(dg: Vec, du: Vec, dh: Vec, g: Vec, u: Vec, n: number): void {
  const nat = nativeOps(dg, du, dh, g, u);
  if (nat) return nat.swigluBackward(dg as Float32Array, du as Float32Array, dh as Float32Array, g as Float32Array, u as Float32Array, n, kernelThreads());
  for (let i = 0; i < n; i++) {
    const gi = g[i], sg = 1 / (1 + Math.exp(-gi));
    du[i] = dh[i] * gi * sg;
    dg[i] = dh[i] * u[i] * sg * (1 + gi * (1 - sg));
  }
}

/** Numerically stable softmax of each row of x[rows, n], in place. */
export function softmaxRows(x: Vec, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    let m = -Infinity;
    for (let i = 0; i < n; i++) if (x[o + i] > m) m = x[o + i];
    let s = 0;
    for (let i = 0; i < n; i++) { const e = Math.exp(x[o + i] - m); x[o + i] = e; s += e; }
    const inv = 1 / s;
    for (let i = 0; i < n; i++) x[o + i] *= inv;
  }
}

/**
 * Mean cross-entropy over the rows whose target is ≥ 0 (−1 marks a masked position):
 * L = (1/N) Σ (logsumexp(z) − z_target). Writes ∂L/∂z = (softmax(z) − onehot)/N into
 * `dlogits` (zeros on masked rows) when given; returns L and N.
 */
export function crossEntropy(
  logits: Vec, targets: Int32Array, rows: number, V: number, dlogits?: Vec,
): { loss: number; count: number } {
  let count = 0;
  for (let r = 0; r < rows; r++) if (targets[r] >= 0) count++;
  const inv = count > 0 ? 1 / count : 0;
  const nat = nativeOps(logits, ...(dlogits ? [dlogits] : []));
  if (nat) {
    const total = nat.crossEntropy(logits as Float32Array, targets, rows, V, (dlogits as Float32Array | undefined) ?? null, inv, kernelThreads());
    return { loss: count > 0 ? total * inv : 0, count };
  }
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * V, t = targets[r];
    if (t < 0) {
      if (dlogits) dlogits.fill(0, o, o + V);
      continue;
    }
    let m = -Infinity;
    for (let i = 0; i < V; i++) if (logits[o + i] > m) m = logits[o + i];
    let s = 0;
    for (let i = 0; i < V; i++) s += Math.exp(logits[o + i] - m);
    const lse = m + Math.log(s);
    total += lse - logits[o + t];
    if (dlogits) {
      for (let i = 0; i < V; i++) dlogits[o + i] = Math.exp(logits[o + i] - lse) * inv;
      dlogits[o + t] -= inv;
    }
  }
  return { loss: count > 0 ? total * inv : 0, count };
}
