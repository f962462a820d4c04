/**
 * Item calibration by marginal maximum likelihood with the EM algorithm of Bock & Aitkin
 * (1981), with Bayesian priors on the item parameters (Mislevy, 1986; BILOG's defaults):
 *
 * E-step: for every examinee, the posterior over Q fixed quadrature nodes of N(μ, σ²);
 *   summed into expected counts n̄_jq (examinees at node q who answered item j) and
 *   r̄_jq (of them, answered right). Missing answers (−1) contribute nothing.
 * M-step: per free item, Fisher scoring of Σ_q [r̄ log P + (n̄ − r̄) log(1 − P)] + log prior,
 *   priors log a ~ N(μ_a, σ_a²), b ~ N(0, σ_b²) (weak, for stability), c ~ Beta(α, β).
 *
 * Scale: with no anchors the population is fixed at N(0, 1). Anchored (operational) items
 * keep their parameters; then the population mean and SD are re-estimated from the
 * posterior every cycle, so free (pretest) items land on the anchors' scale.
 *
 * Standard errors come from the inverse of the expected information of the final M-step
 * plus the prior curvature (the "complete-data" approximation; it slightly understates SEs).
 * Item fit: RMSD (the RMSD of PISA 2015 and R's TAM/mirt) between the posterior-expected
 * observed proportion r̄/n̄ and the model curve, weighted by n̄ over the nodes; flagged above
 * `rmsdFlag` (default 0.10).
 */
import { D_NORMAL } from './irt.ts';
import type { IrtParams } from './types.ts';

export interface ResponseMatrix {
  readonly persons: number;
  readonly items: number;
  /** Row-major persons × items: 1 right, 0 wrong, −1 not presented. */
  readonly data: Int8Array;
}

export interface CalibrationOptions {
  readonly model?: '2pl' | '3pl';
  readonly D?: number;
  /** Quadrature nodes on [-range, range]; default 41 on [-4, 4]. */
  readonly points?: number;
  readonly range?: number;
  readonly priors?: { logA?: { mean: number; sd: number }; bSd?: number; c?: { alpha: number; beta: number } };
  /** Item index → fixed parameters. */
  readonly anchors?: ReadonlyMap<number, IrtParams>;
  readonly maxIter?: number;
  /** Stop when no parameter moves more than this in a cycle; default 1e-3. */
  readonly tol?: number;
  readonly rmsdFlag?: number;
}

export interface ItemCalibration extends IrtParams {
  readonly seA: number;
  readonly seB: number;
  readonly seC: number;
  readonly rmsd: number;
  readonly flagged: boolean;
  readonly anchored: boolean;
  /** Answers observed for this item. */
  readonly n: number;
}

export interface CalibrationResult {
  readonly items: ItemCalibration[];
  readonly iterations: number;
  readonly converged: boolean;
  readonly population: { mean: number; sd: number };
  readonly logLik: number;
}

/** A pretest item graduates to operational once its difficulty is pinned down this well. */
export function graduates(item: Pick<ItemCalibration, 'seB' | 'flagged'>, maxSeB = 0.2): boolean {
  return item.seB <= maxSeB && !item.flagged;
}

interface Work { a: number; b: number; c: number }

/** Fisher-scoring M-step for one item; returns the final information matrix (with prior). */
function mStep(
  w: Work, r: Float64Array, n: Float64Array, off: number, nodes: Float64Array, D: number, threePl: boolean,
  pr: { mA: number; sA: number; sB: number; al: number; be: number },
): number[][] {
  const k = threePl ? 3 : 2;
  const objective = (a: number, b: number, c: number) => {
    let s = 0;
    for (let q = 0; q < nodes.length; q++) {
      const p = c + (1 - c) / (1 + Math.exp(-D * a * (nodes[q] - b)));
      s += r[off + q] * Math.log(p) + (n[off + q] - r[off + q]) * Math.log(1 - p);
    }
    const la = Math.log(a);
    s += -la - ((la - pr.mA) ** 2) / (2 * pr.sA ** 2) - (b * b) / (2 * pr.sB ** 2);
    if (threePl) s += (pr.al - 1) * Math.log(c) + (pr.be - 1) * Math.log(1 - c);
    return s;
  };
  let F: number[][] = [];
  for (let iter = 0; iter < 8; iter++) {
    const g = new Array(k).fill(0);
    F = Array.from({ length: k }, () => new Array(k).fill(0));
    for (let q = 0; q < nodes.length; q++) {
      const L = 1 / (1 + Math.exp(-D * w.a * (nodes[q] - w.b)));
      const p = w.c + (1 - w.c) * L;
      const pq = p * (1 - p);
      const dl = (1 - w.c) * L * (1 - L) * D;
      const dP = [dl * (nodes[q] - w.b), -dl * w.a, 1 - L];
      const resid = (r[off + q] - n[off + q] * p) / pq;
      for (let i = 0; i < k; i++) {
        g[i] += resid * dP[i];
        for (let j = 0; j < k; j++) F[i][j] += (n[off + q] * dP[i] * dP[j]) / pq;
      }
    }
    const la = Math.log(w.a);
    g[0] += -1 / w.a - (la - pr.mA) / (pr.sA ** 2 * w.a);
    F[0][0] += 1 / (pr.sA ** 2 * w.a * w.a);
    g[1] += -w.b / pr.sB ** 2;
    F[1][1] += 1 / pr.sB ** 2;
    if (threePl) {
      g[2] += (pr.al - 1) / w.c - (pr.be - 1) / (1 - w.c);
      F[2][2] += (pr.al - 1) / w.c ** 2 + (pr.be - 1) / (1 - w.c) ** 2;
    }
    const step = solve(F, g);
    if (!step) break;
    const f0 = objective(w.a, w.b, w.c);
    let t = 1, moved = 0;
    for (let h = 0; h < 20; h++, t /= 2) {
      const a = Math.min(5, Math.max(0.05, w.a + t * step[0]));
      const b = Math.min(6, Math.max(-6, w.b + t * step[1]));
      const c = threePl ? Math.min(0.5, Math.max(1e-4, w.c + t * step[2])) : 0;
      if (objective(a, b, c) >= f0 - 1e-12) {
        moved = Math.max(Math.abs(a - w.a), Math.abs(b - w.b), Math.abs(c - w.c));
        w.a = a; w.b = b; w.c = c;
        break;
      }
    }
    if (moved < 1e-6) break;
  }
  return F;
}

/** Solve A x = y by Gaussian elimination with partial pivoting (k ≤ 3); null if singular. */
function solve(A: number[][], y: number[]): number[] | null {
  const k = y.length;
  const M = A.map((row, i) => [...row, y[i]]);
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let i = col + 1; i < k; i++) if (Math.abs(M[i][col]) > Math.abs(M[piv][col])) piv = i;
    if (Math.abs(M[piv][col]) < 1e-300) return null;
    [M[col], M[piv]] = [M[piv], M[col]];
    for (let i = col + 1; i < k; i++) {
      const f = M[i][col] / M[col][col];
      for (let j = col; j <= k; j++) M[i][j] -= f * M[col][j];
    }
  }
  const x = new Array(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = M[i][k];
    for (let j = i + 1; j < k; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

function inverseDiag(F: number[][]): number[] {
  return F.map((_, i) => {
    const e = F.map((__, j) => (i === j ? 1 : 0));
    const col = solve(F, e);
    return col ? col[i] : Infinity;
  });
}

export function calibrate(resp: ResponseMatrix, opts: CalibrationOptions = {}): CalibrationResult {
  const D = opts.D ?? D_NORMAL;
  const threePl = (opts.model ?? '3pl') === '3pl';
  const Q = opts.points ?? 41;
  const R = opts.range ?? 4;
  const { persons: N, items: J, data } = resp;
  const anchors = opts.anchors ?? new Map<number, IrtParams>();
  const pr = {
    mA: opts.priors?.logA?.mean ?? 0, sA: opts.priors?.logA?.sd ?? 0.5, sB: opts.priors?.bSd ?? 3,
    al: opts.priors?.c?.alpha ?? 5, be: opts.priors?.c?.beta ?? 17,
  };
  const nodes = Float64Array.from({ length: Q }, (_, q) => -R + (2 * R * q) / (Q - 1));
  // Starting values: b from the logit of the proportion right, a = 1, c at its prior mean.
  const work: Work[] = [];
  for (let j = 0; j < J; j++) {
    const fixed = anchors.get(j);
    if (fixed) { work.push({ ...fixed }); continue; }
    let right = 0, seen = 0;
    for (let p = 0; p < N; p++) { const u = data[p * J + j]; if (u >= 0) { seen++; right += u; } }
    const c0 = threePl ? pr.al / (pr.al + pr.be) : 0;
    const pv = Math.min(0.98, Math.max(0.02, (right + 0.5) / (seen + 1)));
    const adj = Math.min(0.98, Math.max(0.02, (pv - c0) / (1 - c0)));
    work.push({ a: 1, b: Math.max(-3, Math.min(3, -Math.log(adj / (1 - adj)) / D)), c: c0 });
  }
  let mu = 0, sigma = 1, iterations = 0, converged = false, logLik = 0;
  const logP = new Float64Array(J * Q), logQ = new Float64Array(J * Q);
  const r = new Float64Array(J * Q), n = new Float64Array(J * Q);
  const acc = new Float64Array(Q), logW = new Float64Array(Q), pooled = new Float64Array(Q);
  let lastF: number[][][] = [];
  const maxIter = opts.maxIter ?? 300;
  for (iterations = 1; iterations <= maxIter; iterations++) {
    for (let j = 0; j < J; j++) {
      const { a, b, c } = work[j];
      for (let q = 0; q < Q; q++) {
        const p = c + (1 - c) / (1 + Math.exp(-D * a * (nodes[q] - b)));
        logP[j * Q + q] = Math.log(p);
        logQ[j * Q + q] = Math.log(1 - p);
      }
    }
    let wsum = 0;
    for (let q = 0; q < Q; q++) { logW[q] = -0.5 * ((nodes[q] - mu) / sigma) ** 2; wsum += Math.exp(logW[q]); }
    for (let q = 0; q < Q; q++) logW[q] -= Math.log(wsum);
    r.fill(0); n.fill(0); pooled.fill(0); logLik = 0;
    // E-step, O(N·J·Q): the dominant cost.
    for (let p = 0; p < N; p++) {
      acc.set(logW);
      const row = p * J;
      for (let j = 0; j < J; j++) {
        const u = data[row + j];
        if (u < 0) continue;
        const src = u === 1 ? logP : logQ;
        const o = j * Q;
        for (let q = 0; q < Q; q++) acc[q] += src[o + q];
      }
      let max = -Infinity;
      for (let q = 0; q < Q; q++) if (acc[q] > max) max = acc[q];
      let s = 0;
      for (let q = 0; q < Q; q++) { acc[q] = Math.exp(acc[q] - max); s += acc[q]; }
      logLik += max + Math.log(s);
      for (let q = 0; q < Q; q++) { acc[q] /= s; pooled[q] += acc[q]; }
      for (let j = 0; j < J; j++) {
        const u = data[row + j];
        if (u < 0) continue;
        const o = j * Q;
        for (let q = 0; q < Q; q++) n[o + q] += acc[q];
        if (u === 1) for (let q = 0; q < Q; q++) r[o + q] += acc[q];
      }
    }
    let moved = 0;
    lastF = [];
    for (let j = 0; j < J; j++) {
      if (anchors.has(j)) { lastF.push([]); continue; }
      const before = { ...work[j] };
      lastF.push(mStep(work[j], r, n, j * Q, nodes, D, threePl, pr));
      moved = Math.max(moved, Math.abs(work[j].a - before.a), Math.abs(work[j].b - before.b), Math.abs(work[j].c - before.c));
    }
    if (anchors.size > 0) {
      let m1 = 0, m2 = 0;
      for (let q = 0; q < Q; q++) { m1 += pooled[q] * nodes[q]; m2 += pooled[q] * nodes[q] ** 2; }
      const newMu = m1 / N;
      const newSigma = Math.sqrt(Math.max(1e-6, m2 / N - newMu * newMu));
      moved = Math.max(moved, Math.abs(newMu - mu), Math.abs(newSigma - sigma));
      mu = newMu; sigma = newSigma;
    }
    if (moved < (opts.tol ?? 1e-3)) { converged = true; break; }
  }
  const flag = opts.rmsdFlag ?? 0.1;
  const items = work.map((w, j): ItemCalibration => {
    let tot = 0, ss = 0;
    for (let q = 0; q < Q; q++) {
      const nq = n[j * Q + q];
      if (nq <= 0) continue;
      const p = w.c + (1 - w.c) / (1 + Math.exp(-D * w.a * (nodes[q] - w.b)));
      ss += nq * (r[j * Q + q] / nq - p) ** 2;
      tot += nq;
    }
    const rmsd = tot > 0 ? Math.sqrt(ss / tot) : NaN;
    let obs = 0;
    for (let p = 0; p < N; p++) if (data[p * J + j] >= 0) obs++;
    const anchored = anchors.has(j);
    const v = anchored ? [0, 0, 0] : inverseDiag(lastF[j]);
    return {
      a: w.a, b: w.b, c: w.c, seA: Math.sqrt(v[0]), seB: Math.sqrt(v[1]), seC: threePl && !anchored ? Math.sqrt(v[2]) : 0,
      rmsd, flagged: rmsd > flag, anchored, n: obs,
    };
  });
  return { items, iterations: Math.min(iterations, maxIter), converged, population: { mean: mu, sd: sigma }, logLik };
}
