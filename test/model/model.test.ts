import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paramCount, PRESETS, type ModelConfig } from '../../src/model/config.ts';
import { createRng } from '../../src/lib/rng.ts';
import { matmulBackend, setMatmulBackend } from '../../src/model/kernels/matmul.ts';
import { nativeKernels } from '../../src/model/kernels/native.ts';
import { simdKernel } from '../../src/model/kernels/wasm-simd.ts';
import { Transformer } from '../../src/model/model.ts';

const tiny: ModelConfig = { vocabSize: 11, dim: 8, layers: 2, heads: 2, hidden: 12, maxSeq: 16, ropeTheta: 10000, normEps: 1e-5 };

test('presets have the sizes the issue asks for', () => {
  const p = (n: keyof typeof PRESETS) => paramCount(PRESETS[n]) / 1e6;
  assert.ok(p('test') > 0.4 && p('test') < 0.7, `test ${p('test')}M`);
  assert.ok(p('small') >= 3 && p('small') <= 10, `small ${p('small')}M`);
  assert.ok(p('base') >= 25 && p('base') <= 40, `base ${p('base')}M`);
});

test('gradient check: every parameter tensor matches central differences in float64 (rel. error ≤ 1e-3)', () => {
  const m = Transformer.init(tiny, 1, 'float64');
  for (let i = 0; i < m.params.length; i++) m.params[i] *= 20; // larger weights, so every path carries gradient
  const B = 2, T = 6;
  const batch = {
    B, T,
    idx: Int32Array.from({ length: B * T }, (_, i) => (i * 7 + 3) % 11),
    targets: Int32Array.from({ length: B * T }, (_, i) => (i % 5 === 0 ? -1 : (i * 5 + 1) % 11)),
    start: Int32Array.from({ length: B * T }, (_, i) => (i % T < 3 ? 0 : 3)), // two packed examples per row
  };
  m.zeroGrad(); m.forward(batch); m.backward();
  const report: string[] = [];
  for (const s of m.specs) {
    let d2 = 0, n2 = 0;
    for (let i = s.offset; i < s.offset + s.size; i++) {
      const o = m.params[i], h = 1e-6;
      m.params[i] = o + h; const lp = m.forward(batch).loss!;
      m.params[i] = o - h; const lm = m.forward(batch).loss!;
      m.params[i] = o;
      const num = (lp - lm) / (2 * h);
      d2 += (num - m.grads[i]) ** 2; n2 += num * num + m.grads[i] ** 2;
    }
    const rel = Math.sqrt(d2) / Math.sqrt(n2);
    report.push(`${s.name} ${rel.toExponential(1)}`);
    assert.ok(n2 > 0, `${s.name} has zero gradient: the check would be vacuous`);
    assert.ok(rel <= 1e-3, `${s.name}: relative error ${rel}`);
  }
  console.log(report.join('\n'));
});

test('float32 and float64 agree on the loss; packing equals running examples separately', () => {
  const m64 = Transformer.init(tiny, 2, 'float64');
  const m32 = new Transformer(tiny, 'float32', Float32Array.from(m64.params));
  const idx = Int32Array.of(1, 2, 3, 4, 5, 6), targets = Int32Array.of(2, 3, -1, 5, 6, 7);
  const packed = { B: 1, T: 6, idx, targets, start: Int32Array.of(0, 0, 0, 3, 3, 3) };
  const l64 = m64.forward(packed).loss!;
  assert.ok(Math.abs(m32.forward(packed).loss! - l64) < 1e-5);
  const a = m64.forward({ B: 1, T: 3, idx: idx.slice(0, 3), targets: targets.slice(0, 3) }).loss!;
  const b = m64.forward({ B: 1, T: 3, idx: idx.slice(3), targets: targets.slice(3) }).loss!;
  assert.ok(Math.abs(l64 - (2 * a + 3 * b) / 5) < 1e-12, 'token-weighted mean of the two examples');
});

for (const [fast, skip] of [['simd', simdKernel() ? false : 'no WebAssembly SIMD here'], ['native', nativeKernels() ? false : 'native kernels not built']] as const) test(`float32 training step: ${fast} and TypeScript kernels give the same loss and gradients within rounding, each deterministic`, { skip }, () => {
  const cfg = { ...tiny, dim: 24, heads: 3, hidden: 40 }; // odd-ish widths exercise the padding
  const params = Float32Array.from(Transformer.init(cfg, 5).params);
  const rng = createRng('backends');
  const B = 2, T = 9, idx = Int32Array.from({ length: B * T }, () => rng.int(0, cfg.vocabSize - 1));
  const targets = Int32Array.from({ length: B * T }, (_, i) => (i % 4 === 0 ? -1 : rng.int(0, cfg.vocabSize - 1)));
  const start = Int32Array.from({ length: B * T }, (_, i) => (i % T >= 5 ? 5 : 0));
  const step = (backend: 'ts' | typeof fast) => {
    setMatmulBackend(backend);
    const m = new Transformer(cfg, 'float32', Float32Array.from(params));
    const loss = m.forward({ B, T, idx, targets, start }).loss!;
    m.backward();
    return { loss, grads: Float32Array.from(m.grads) };
  };
  const before = matmulBackend();
  try {
    const ts = step('ts'), simd = step(fast), again = step(fast);
    assert.equal(again.loss, simd.loss);
    assert.deepEqual(again.grads, simd.grads, 'same inputs, same bits');
    assert.ok(Math.abs(ts.loss - simd.loss) < 1e-5 * ts.loss);
    let d2 = 0, n2 = 0;
    for (let i = 0; i < ts.grads.length; i++) { d2 += (ts.grads[i] - simd.grads[i]) ** 2; n2 += ts.grads[i] ** 2; }
    assert.ok(n2 > 0 && Math.sqrt(d2 / n2) < 1e-4, `relative gradient difference ${Math.sqrt(d2 / n2)}`);
  } finally {
    setMatmulBackend(before);
  }
});
