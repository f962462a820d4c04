/**
 * AdamW (Loshchilov & Hutter 2019, Algorithm 2) over the flat parameter buffer:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
 *   θ ← θ − lr·( m̂/(√v̂ + ε) + λ·θ )  with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ),
 * decay λ applied only where `decayMask` is 1 (matrices, not norm gains).
 */
import { kernelThreads, nativeOps, type Vec } from './kernels/matmul.ts';
import type { ParamSpec } from './config.ts';

export interface AdamWConfig { beta1: number; beta2: number; eps: number; weightDecay: number }

export class AdamW {
  readonly m: Float32Array;
  readonly v: Float32Array;
  private readonly decayMask: Uint8Array;
  constructor(readonly cfg: AdamWConfig, specs: readonly ParamSpec[], total: number) {
    this.m = new Float32Array(total);
    this.v = new Float32Array(total);
    this.decayMask = new Uint8Array(total);
    for (const s of specs) if (s.kind === 'matrix') this.decayMask.fill(1, s.offset, s.offset + s.size);
  }

  /** One update; `t` is the 1-based step number (for bias correction). */
  step(params: Vec, grads: Vec, lr: number, t: number): void {
    const { beta1, beta2, eps, weightDecay } = this.cfg, m = this.m, v = this.v, mask = this.decayMask;
    const c1 = 1 / (1 - Math.pow(beta1, t)), c2 = 1 / (1 - Math.pow(beta2, t));
    const nat = nativeOps(params, grads);
    if (nat) return nat.adamw(params as Float32Array, grads as Float32Array, m, v, mask, lr, beta1, beta2, eps, weightDecay, c1, c2, kernelThreads());
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      const update = (m[i] * c1) / (Math.sqrt(v[i] * c2) + eps) + (mask[i] ? weightDecay * params[i] : 0);
      params[i] -= lr * update;
    }
  }
}

/** Scales grads in place so their global L2 norm is at most `maxNorm`; returns the norm before clipping. */
export function clipGradNorm(grads: Vec, maxNorm: number): number {
  const nat = nativeOps(grads);
  let ss = 0;
  if (nat) ss = nat.sumSquares(grads as Float32Array, kernelThreads());
  else for (let i = 0; i < grads.length; i++) ss += grads[i] * grads[i];
  const norm = Math.sqrt(ss);
  if (norm > maxNorm) {
    const s = maxNorm / (norm + 1e-6);
    for (let i = 0; i < grads.length; i++) grads[i] *= s;
  }
  return norm;
}

/** Linear warm-up to `maxLr` over `warmup` steps, then cosine decay to `minLr` at `total` (0-based step). */
export function learningRate(step: number, warmup: number, total: number, maxLr: number, minLr: number): number {
  if (step < warmup) return (maxLr * (step + 1)) / warmup;
  if (step >= total) return minLr;
  const progress = (step - warmup) / Math.max(1, total - warmup);
  return minLr + 0.5 * (maxLr - minLr) * (1 + Math.cos(Math.PI * progress));
}
