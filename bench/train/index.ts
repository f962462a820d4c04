/**
 * bench/train — `npm run bench -- train [--steps N]`: the matmul kernel's GFLOP/s on
 * 1024×256×768 and training tokens/s of one step of the `test` and `small` presets (B=16,
 * T=128, the reference shape). Baseline: the same product as a plain i-k-j loop.
 * PyTorch is compared only when `/usr/bin/python3 -c "import torch"` works (not on this machine yet).
 */
import { spawnSync } from 'node:child_process';
import { compare } from '../harness.ts';
import { PRESETS, paramCount, type PresetName } from '../../src/model/config.ts';
import { matmulNT } from '../../src/model/kernels/matmul.ts';
import { Transformer } from '../../src/model/model.ts';
import { AdamW, clipGradNorm } from '../../src/model/adamw.ts';
import { createRng } from '../../src/lib/rng.ts';

const steps = Number(process.argv[process.argv.indexOf('--steps') + 1]) || 3;
const [M, K, N] = [1024, 256, 768];
const rng = createRng('bench-train');
const a = Float32Array.from({ length: M * K }, () => rng.normal());
const b = Float32Array.from({ length: N * K }, () => rng.normal());
const c = new Float32Array(M * N);
const naive = () => {
  c.fill(0);
  for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) {
    const x = a[i * K + k];
    for (let j = 0; j < N; j++) c[i * N + j] += x * b[j * K + k];
  }
};
const r = await compare({ name: 'matmul 1024×256×768', baseline: { name: 'i-k-j loop', fn: naive }, candidate: { name: 'matmulNT 4×4 tile', fn: () => matmulNT(c, a, b, M, K, N) }, repeats: 5, warmup: 1 });
const flops = 2 * M * K * N;
console.log(`matmulNT: ${(flops / r.candidate.medianMs / 1e6).toFixed(2)} GFLOP/s (baseline ${(flops / r.baseline.medianMs / 1e6).toFixed(2)})`);

for (const name of ['test', 'small'] as PresetName[]) {
  const cfg = PRESETS[name], B = 16, T = 128;
  const model = Transformer.init(cfg, 1);
  const opt = new AdamW({ beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 }, model.specs, model.params.length);
  const idx = Int32Array.from({ length: B * T }, () => rng.int(0, cfg.vocabSize - 1));
  const targets = Int32Array.from({ length: B * T }, () => rng.int(0, cfg.vocabSize - 1)); // every position carries loss: the worst case
  const times: number[] = [];
  for (let s = 0; s <= steps; s++) {
    const t0 = performance.now();
    model.zeroGrad();
    model.forward({ B, T, idx, targets });
    model.backward();
    clipGradNorm(model.grads, 1);
    opt.step(model.params, model.grads, 1e-3, s + 1);
    if (s > 0) times.push(performance.now() - t0); // step 0 is JIT warm-up
  }
  times.sort((x, y) => x - y);
  const ms = times[Math.floor(times.length / 2)];
  const modelFlops = 6 * paramCount(cfg) * B * T; // ≈ forward + backward matmul FLOPs (Kaplan et al. 2020)
  console.log(`${name} (${(paramCount(cfg) / 1e6).toFixed(2)}M params, B=${B} T=${T}): ${ms.toFixed(0)} ms/step, ${Math.round((B * T) / (ms / 1000))} tokens/s, ${(modelFlops / ms / 1e6).toFixed(2)} model GFLOP/s`);
}
const torch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
console.log(torch.status === 0 ? 'torch is importable: the PyTorch side is not written yet' : 'PyTorch not installed: no PyTorch comparison in this run');
