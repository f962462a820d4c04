import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/lib/rng.ts';
import { attentionBackward, attentionForward } from '../../src/model/kernels/attention.ts';
import { matmulBackend, matmulNaive, matmulNN, matmulNT, matmulTN, setMatmulBackend, transpose } from '../../src/model/kernels/matmul.ts';
import { simdKernel } from '../../src/model/kernels/wasm-simd.ts';
import { nativeKernels } from '../../src/model/kernels/native.ts';
import { setKernelThreads } from '../../src/model/kernels/matmul.ts';
import { crossEntropy, rmsnormBackwardAdd, rmsnormForward, ropeApply, ropeTables, swigluBackward, swigluForward } from '../../src/model/kernels/ops.ts';

const rng = createRng('kernels');
const rand = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => { let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; };

/** Relative error ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) of ∂f/∂x by central differences. */
function gradError(x: Float64Array, analytic: Float64Array, f: () => number, h = 1e-6): number {
  let d2 = 0, n2 = 0;
  for (let i = 0; i < x.length; i++) {
    const o = x[i];
    x[i] = o + h; const fp = f();
    x[i] = o - h; const fm = f();
    x[i] = o;
    const num = (fp - fm) / (2 * h);
    d2 += (num - analytic[i]) ** 2; n2 += num * num + analytic[i] ** 2;
  }
  return Math.sqrt(d2) / Math.sqrt(n2);
}

test('matmul in all three layouts equals the triple loop, odd shapes included', () => {
  for (const [M, K, N] of [[1, 1, 1], [5, 7, 3], [9, 16, 13], [32, 33, 31]]) {
    const a = Float32Array.from(rand(M * K)), b = Float32Array.from(rand(K * N));
    const ref = matmulNaive(a, b, M, K, N);
    const c = new Float32Array(M * N);
    matmulNN(c, a, b, M, K, N);
    assert.ok(maxAbs(c, ref) < 1e-4, `NN ${M}x${K}x${N}`);
    const bt = new Float32Array(N * K); transpose(bt, b, K, N);
    matmulNT(c, a, bt, M, K, N);
    assert.ok(maxAbs(c, ref) < 1e-4, `NT ${M}x${K}x${N}`);
    const at = new Float32Array(K * M); transpose(at, a, M, K);
    const acc = Float32Array.from(c);
    matmulTN(acc, at, b, M, K, N, true); // accumulate: 2·ref
    assert.ok(maxAbs(acc, ref.map((v) => 2 * v)) < 2e-4, `TN ${M}x${K}x${N}`);
  }
});

const fastBackends = [
  { name: 'simd', skip: simdKernel() ? false : 'no WebAssembly SIMD here' },
  { name: 'native', skip: nativeKernels() ? false : 'native kernels not built (npm run build:native)' },
] as const;

for (const { name: fast, skip } of fastBackends) test(`${fast} and TypeScript matmul backends agree on odd shapes, in every layout, overwriting and accumulating`, { skip }, () => {
  const before = matmulBackend();
  try {
    // 1–3 rows take the matrix-vector path; the rest pad M to 4 and N to 8.
    for (const [M, K, N] of [[1, 4, 4], [1, 8, 12], [3, 16, 20], [1, 5, 3], [5, 7, 3], [9, 16, 13], [33, 37, 31], [64, 128, 72], [97, 400, 50], [130, 70, 300]]) {
      const a = Float32Array.from(rand(M * K)), b = Float32Array.from(rand(K * N)), bt = new Float32Array(N * K), at = new Float32Array(K * M);
      transpose(bt, b, K, N); transpose(at, a, M, K);
      const base = Float32Array.from(rand(M * N));
      const run = (backend: 'ts' | typeof fast) => {
        setMatmulBackend(backend);
        const out: Float32Array[] = [];
        for (const acc of [false, true]) {
          const nn = Float32Array.from(base), nt = Float32Array.from(base), tn = Float32Array.from(base);
          matmulNN(nn, a, b, M, K, N, acc); matmulNT(nt, a, bt, M, K, N, acc); matmulTN(tn, at, b, M, K, N, acc);
          out.push(nn, nt, tn);
        }
        return out;
      };
      const ts = run('ts'), simd = run(fast);
      const ref = matmulNaive(a, b, M, K, N);
      ts.forEach((t, i) => {
        const tol = 1e-5 * Math.sqrt(K) * 10;
        assert.ok(maxAbs(t, simd[i]) < tol, `${M}x${K}x${N} case ${i}: ts vs simd ${maxAbs(t, simd[i])}`);
        const want = i < 3 ? ref : ref.map((v, j) => v + base[j]);
        assert.ok(maxAbs(simd[i], want) < tol, `${M}x${K}x${N} case ${i}: simd vs reference`);
      });
    }
  } finally {
    setMatmulBackend(before);
  }
});

test('RMSNorm backward matches finite differences', () => {
  const rows = 3, n = 6, x = rand(rows * n), w = rand(n), dy = rand(rows * n);
  const y = new Float64Array(rows * n), r = new Float64Array(rows);
  const f = () => { rmsnormForward(y, r, x, w, rows, n, 1e-5); return y.reduce((s, v, i) => s + v * dy[i], 0); };
  f();
  const dx = new Float64Array(rows * n), dw = new Float64Array(n);
  rmsnormBackwardAdd(dx, dw, dy, x, w, r, rows, n);
  assert.ok(gradError(x, dx, f) < 1e-6);
  assert.ok(gradError(w, dw, f) < 1e-6);
});

test('RoPE preserves norms, is undone by its inverse, and makes q·k depend on relative position only', () => {
  const { cos, sin } = ropeTables(32, 8, 10000);
  const q = rand(8), k = rand(8);
  const rot = (v: Float64Array, p: number) => { const c = Float64Array.from(v); ropeApply(c, Int32Array.of(p), 1, 1, 8, cos, sin); return c; };
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
  assert.ok(Math.abs(dot(rot(q, 5), rot(q, 5)) - dot(q, q)) < 1e-9);
  assert.ok(Math.abs(dot(rot(q, 7), rot(k, 3)) - dot(rot(q, 14), rot(k, 10))) < 1e-9);
  const back = rot(q, 9); ropeApply(back, Int32Array.of(9), 1, 1, 8, cos, sin, true);
  assert.ok(maxAbs(back, q) < 1e-12);
});

test('SwiGLU backward matches finite differences', () => {
  const n = 10, g = rand(n), u = rand(n), dh = rand(n), h = new Float64Array(n);
  const f = () => { swigluForward(h, g, u, n); return h.reduce((s, v, i) => s + v * dh[i], 0); };
  const dg = new Float64Array(n), du = new Float64Array(n);
  swigluBackward(dg, du, dh, g, u, n);
  assert.ok(gradError(g, dg, f) < 1e-6);
  assert.ok(gradError(u, du, f) < 1e-6);
});

test('cross-entropy: loss of uniform logits is ln V, masked rows are ignored, gradient matches', () => {
  const V = 7, z = new Float64Array(3 * V);
  assert.ok(Math.abs(crossEntropy(z, Int32Array.of(1, -1, 4), 3, V).loss - Math.log(V)) < 1e-12);
  const logits = rand(3 * V), t = Int32Array.of(2, -1, 6), dz = new Float64Array(3 * V);
  crossEntropy(logits, t, 3, V, dz);
  assert.ok(dz.slice(V, 2 * V).every((v) => v === 0));
  assert.ok(gradError(logits, dz, () => crossEntropy(logits, t, 3, V).loss) < 1e-6);
});

test('attention: causal, packed examples isolated, backward matches finite differences', () => {
  const s = { B: 2, T: 5, H: 2, D: 4 }, C = s.H * s.D, N = s.B * s.T;
  const q = rand(N * C), k = rand(N * C), v = rand(N * C), dy = rand(N * C);
  const start = Int32Array.of(0, 0, 0, 3, 3, 0, 0, 0, 0, 0); // row 0 packs two examples
  const y = new Float64Array(N * C), P = new Float64Array(s.B * s.H * s.T * s.T);
  const f = () => { attentionForward(y, P, q, k, v, start, s); return y.reduce((a, val, i) => a + val * dy[i], 0); };
  f();
  for (let h = 0; h < s.H; h++) for (let t = 0; t < s.T; t++) for (let j = 0; j < s.T; j++) {
    const p = P[(h * s.T + t) * s.T + j];
    if (j > t || j < start[t]) assert.equal(p, 0, `row 0 head ${h}: ${t} must not see ${j}`);
  }
  const y0 = Float64Array.from(y);
  v[1 * C] += 10; f(); // token 1 of example A changes; example B (tokens 3, 4) must not notice
  assert.ok(maxAbs(y.subarray(3 * C, 5 * C), y0.subarray(3 * C, 5 * C)) === 0);
  v[1 * C] -= 10; f();
  const dq = new Float64Array(N * C), dk = new Float64Array(N * C), dv = new Float64Array(N * C);
  attentionBackward(dq, dk, dv, dy, P, q, k, v, start, s);
  for (const [x, g] of [[q, dq], [k, dk], [v, dv]] as const) assert.ok(gradError(x, g, f) < 1e-6);
});

test('native attention, cross-entropy and SwiGLU equal the TypeScript kernels, on one thread or two, bit for bit across thread counts', { skip: fastBackends[1].skip }, () => {
  const before = matmulBackend();
  const f32 = (n: number) => Float32Array.from(rand(n));
  try {
    // D = 12 and T = 37 leave vector tails; packed rows restart their window mid-row. The large
    // shape is big enough to be split over the threads.
    for (const [B, T, H, D] of [[2, 37, 3, 12], [4, 96, 4, 32]]) {
      const n = B * T * H * D, q = f32(n), k = f32(n), v = f32(n), dy = f32(n);
      const start = Int32Array.from({ length: B * T }, (_, i) => (i % T >= 20 ? 20 : 0));
      const run = (backend: 'ts' | 'native', threads: boolean) => {
        setMatmulBackend(backend); setKernelThreads(threads);
        const y = new Float32Array(n), P = new Float32Array(B * H * T * T), dq = new Float32Array(n), dk = new Float32Array(n), dv = new Float32Array(n);
        attentionForward(y, P, q, k, v, start, { B, T, H, D });
        attentionBackward(dq, dk, dv, dy, P, q, k, v, start, { B, T, H, D });
        return [y, P, dq, dk, dv];
      };
      const ts = run('ts', false), one = run('native', false), two = run('native', true);
      ['y', 'P', 'dq', 'dk', 'dv'].forEach((what, i) => {
        assert.ok(maxAbs(ts[i], one[i]) < 1e-5, `${what} ${B}×${T}×${H}×${D}: ts vs native ${maxAbs(ts[i], one[i])}`);
        assert.deepEqual(two[i], one[i], `${what}: the thread count changes no bit`);
      });
    }
    // A product large enough to be split over the threads, split by rows and by columns.
    for (const [M, K, N] of [[300, 200, 40], [20, 500, 400]]) {
      const a = f32(M * K), b = f32(K * N);
      const mm = (threads: boolean) => { setMatmulBackend('native'); setKernelThreads(threads); const c = new Float32Array(M * N); matmulNN(c, a, b, M, K, N); return c; };
      assert.deepEqual(mm(true), mm(false), `matmul ${M}×${K}×${N}: the thread count changes no bit`);
    }
    const rows = 70, V = 509, logits = Float32Array.from(rand(rows * V).map((x) => 4 * x));
    const targets = Int32Array.from({ length: rows }, (_, r) => (r % 5 === 0 ? -1 : (r * 37) % V));
    const ce = (backend: 'ts' | 'native', threads: boolean) => {
      setMatmulBackend(backend); setKernelThreads(threads);
      const d = new Float32Array(rows * V).fill(9);
      return { ...crossEntropy(logits, targets, rows, V, d), d };
    };
    const cts = ce('ts', false), c1 = ce('native', false), c2 = ce('native', true);
    assert.ok(Math.abs(cts.loss - c1.loss) < 1e-5 * cts.loss, `loss ${cts.loss} vs ${c1.loss}`);
    assert.equal(c1.count, cts.count);
    assert.ok(maxAbs(cts.d, c1.d) < 1e-7, `dlogits ${maxAbs(cts.d, c1.d)}`);
    assert.equal(c2.loss, c1.loss);
    const m = 100_003, g = Float32Array.from(rand(m).map((x) => 6 * x)), u = f32(m), dh = f32(m);
    const sw = (backend: 'ts' | 'native', threads: boolean) => {
      setMatmulBackend(backend); setKernelThreads(threads);
      const h = new Float32Array(m), dg = new Float32Array(m), du = new Float32Array(m);
      swigluForward(h, g, u, m); swigluBackward(dg, du, dh, g, u, m);
      return [h, dg, du];
    };
    const sts = sw('ts', false), s1 = sw('native', false), s2 = sw('native', true);
    sts.forEach((x, i) => {
      assert.ok(maxAbs(x, s1[i]) < 1e-5, `swiglu part ${i}: ${maxAbs(x, s1[i])}`);
      assert.deepEqual(s2[i], s1[i]);
    });
  } finally {
    setMatmulBackend(before); setKernelThreads(true);
  }
});

test('native kernels refuse operands that do not match their shapes instead of reading past them', { skip: fastBackends[1].skip }, () => {
  const nat = nativeKernels()!;
  const a = new Float32Array(6), b = new Float32Array(6), c = new Float32Array(4);
  assert.throws(() => nat.gemm(c, a, true, b, true, 2, 3, 3, false, true), RangeError); // C needs 6
  assert.throws(() => nat.gemm(c, new Float64Array(6) as unknown as Float32Array, true, b, true, 2, 3, 2, false, true), TypeError);
  const x = new Float32Array(8), P = new Float32Array(16);
  assert.throws(() => nat.attnForward(x, P, x, x, x, Int32Array.of(0, 2, 0, 0), 1, 4, 1, 2, false), RangeError); // start[1] = 2 > t = 1
  assert.throws(() => nat.crossEntropy(new Float32Array(8), Int32Array.of(0, 9), 2, 4, null, 0.5, false), RangeError); // target 9 ≥ V
  assert.throws(() => nat.attnDecode(x, x, x, x, 1, 4, 2, 4), RangeError); // the cache holds 1 row of 8, not p0 + n = 5
});

test('native AdamW step and gradient norm equal the TypeScript ones within float rounding', { skip: fastBackends[1].skip }, async () => {
  const { AdamW, clipGradNorm } = await import('../../src/model/adamw.ts');
  const before = matmulBackend();
  const n = 300_001, specs = [{ name: 'w', shape: [n - 1], offset: 0, size: n - 1, kind: 'matrix' as const }, { name: 'g', shape: [1], offset: n - 1, size: 1, kind: 'norm' as const }];
  const p0 = Float32Array.from(rand(n)), g0 = Float32Array.from(rand(n).map((x) => 3 * x));
  const run = (backend: 'ts' | 'native') => {
    setMatmulBackend(backend);
    const p = Float32Array.from(p0), g = Float32Array.from(g0);
    const opt = new AdamW({ beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 }, specs as never, n);
    const norm = clipGradNorm(g, 1);
    for (let t = 1; t <= 3; t++) opt.step(p, g, 1e-2, t);
    return { p, norm };
  };
  try {
    const ts = run('ts'), nat = run('native');
    assert.ok(Math.abs(ts.norm - nat.norm) < 1e-6 * ts.norm, `norm ${ts.norm} vs ${nat.norm}`);
    assert.ok(maxAbs(ts.p, nat.p) < 1e-5, `params after 3 steps differ by ${maxAbs(ts.p, nat.p)}`);
    assert.ok(maxAbs(ts.p, p0) > 1e-3, 'the step moved the parameters');
  } finally {
    setMatmulBackend(before);
  }
});
