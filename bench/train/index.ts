/**
 * bench/train — `npm run bench -- train [--steps N]`: the matmul kernels' GFLOP/s on
 * 1024×256×768 and training tokens/s of one step of the `test` and `small` presets (B=16,
 * T=128, the issue's reference shape), for each kernel backend in the same process:
 * `ts` (the TypeScript kernels: the baseline), `simd` on one thread, and `simd` with the
 * worker threads (both cores). The machine is shared with other work, so compare rows of
 * one run, not figures across runs.
 * PyTorch is compared only when `/usr/bin/python3 -c "import torch"` works (not on this machine yet).
 */
import { spawnSync } from 'node:child_process';
import { compare } from '../harness.ts';
import { PRESETS, paramCount, type PresetName } from '../../src/model/config.ts';
import { matmulBackend, matmulNT, setMatmulBackend, type MatmulBackend } from '../../src/model/kernels/matmul.ts';
import { setSimdThreads } from '../../src/model/kernels/simd-threads.ts';
import { Transformer } from '../../src/model/model.ts';
import { AdamW, clipGradNorm } from '../../src/model/adamw.ts';
import { createRng } from '../../src/lib/rng.ts';

const steps = Number(process.argv[process.argv.indexOf('--steps') + 1]) || 3;
const simd = matmulBackend() === 'simd';
const variants: { name: string; backend: MatmulBackend; threads: boolean; steps: number }[] = [
  { name: 'ts', backend: 'ts', threads: false, steps: 1 }, // seconds per step on `small`: one timed step is plenty
  ...(simd ? [{ name: 'simd 1 thread', backend: 'simd' as const, threads: false, steps }, { name: 'simd threads', backend: 'simd' as const, threads: true, steps }] : []),
];
const use = (v: (typeof variants)[number]) => { setMatmulBackend(v.backend); setSimdThreads(v.threads); };

const [M, K, N] = [1024, 256, 768];
const rng = createRng('bench-train');
const a = Float32Array.from({ length: M * K }, () => rng.normal());
const b = Float32Array.from({ length: N * K }, () => rng.normal());
const c = new Float32Array(M * N);
const flops = 2 * M * K * N;
const gflops = (ms: number) => (flops / ms / 1e6).toFixed(2);
const run = (v: (typeof variants)[number]) => () => { use(v); matmulNT(c, a, b, M, K, N); };
if (simd) {
  await new Promise((r) => setTimeout(r, 200)); // the workers start in the background
  const [ts, one, par] = variants;
  const r1 = await compare({ name: 'matmul 1024×256×768: SIMD, one thread', baseline: { name: 'ts 4×4 tile', fn: run(ts) }, candidate: { name: 'wasm simd 4×8 tile', fn: run(one) }, repeats: 9, warmup: 2 });
  const r2 = await compare({ name: 'matmul 1024×256×768: SIMD, worker threads', baseline: { name: 'wasm simd 1 thread', fn: run(one) }, candidate: { name: 'wasm simd threads', fn: run(par) }, repeats: 9, warmup: 2 });
  console.log(`matmulNT GFLOP/s: ts ${gflops(r1.baseline.medianMs)}, simd 1 thread ${gflops(r1.candidate.medianMs)} / ${gflops(r2.baseline.medianMs)}, simd threads ${gflops(r2.candidate.medianMs)}`);
} else {
  console.log('this runtime has no WebAssembly SIMD: TypeScript kernels only');
}

for (const name of ['test', 'small'] as PresetName[]) {
  const cfg = PRESETS[name], B = 16, T = 128;
  const idx = Int32Array.from({ length: B * T }, () => rng.int(0, cfg.vocabSize - 1));
  const targets = Int32Array.from({ length: B * T }, () => rng.int(0, cfg.vocabSize - 1)); // every position carries loss: the worst case
  for (const v of variants) {
    use(v);
    const model = Transformer.init(cfg, 1);
    const opt = new AdamW({ beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 }, model.specs, model.params.length);
    const times: number[] = [];
    for (let s = 0; s <= v.steps; s++) {
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
    console.log(`${name} (${(paramCount(cfg) / 1e6).toFixed(2)}M params, B=${B} T=${T}) [${v.name}]: ${ms.toFixed(0)} ms/step, ${Math.round((B * T) / (ms / 1000))} tokens/s, ${(modelFlops / ms / 1e6).toFixed(2)} model GFLOP/s`);
  }
}
const torch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
console.log(torch.status === 0 ? 'torch is importable: the PyTorch side is not written yet' : 'PyTorch not installed: no PyTorch comparison in this run');
