/**
 * bench/gguf — `npm run bench -- gguf [--requests N] [--tokens N]`: greedy decoding speed of the
 * same model and prompts in this project's inference (KV cache, WebAssembly SIMD kernels) and in
 * llama.cpp through node-llama-cpp on the GGUF export (issue 11, acceptance 5: "its tokens/s is
 * reported next to ours").
 *
 * The model is `models/small/` when it is there; otherwise the `small` preset with UNTRAINED
 * seeded weights and a SYNTHETIC 4K tokenizer (byte-pair merges), which is enough because speed
 * depends only on the shapes. Prompts are seeded random token ids, 150–300 long; every request
 * produces exactly `--tokens` tokens (the end token does not stop either side). Prefill is the
 * prompt up to the first output token; decode is the rest. llama.cpp runs with 1 and 2 threads,
 * F32 weights, and F32 (as in the equality test) or F16 (its default) cached keys/values.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createRng } from '../../src/lib/rng.ts';
import { loadModel, saveModel } from '../../src/model/checkpoint.ts';
import { PRESETS } from '../../src/model/config.ts';
import { exportGguf, openLlamaCpp, type LlamaCppOptions } from '../../src/model/gguf.ts';
import { matmulBackend } from '../../src/model/kernels/matmul.ts';
import { KvSession } from '../../src/model/kv-cache.ts';
import { Transformer } from '../../src/model/model.ts';
import { SPECIAL_TOKENS, Tokenizer } from '../../src/model/tokenizer.ts';
import { quantile } from '../harness.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const requests = arg('--requests', 10), outTokens = arg('--tokens', 80);

const work = mkdtempSync(path.join(tmpdir(), 'bench-gguf-'));
const shipped = path.resolve('models/small');
let dir = shipped, label = 'models/small (trained)';
if (!existsSync(path.join(shipped, 'model.safetensors'))) {
  const cfg = PRESETS.small;
  const merges: [number, number][] = [];
  for (let a = 32; a < 256 && merges.length < cfg.vocabSize - 256 - SPECIAL_TOKENS.length; a++) {
    for (let b = 32; b < 256 && merges.length < cfg.vocabSize - 256 - SPECIAL_TOKENS.length; b++) merges.push([a, b]);
  }
  dir = path.join(work, 'model');
  saveModel(dir, Transformer.init(cfg, 'bench-gguf'), new Tokenizer(merges));
  label = 'small preset, UNTRAINED seeded weights, synthetic tokenizer';
}
const lm = loadModel(dir), cfg = lm.model.config;
const gguf = exportGguf(dir, path.join(work, 'model.gguf'));
const rng = createRng('bench-gguf');
const prompts = Array.from({ length: requests }, () => Array.from({ length: rng.int(150, 300) }, () => rng.int(0, 255 + lm.tokenizer.merges.length)));

const argmax = (z: Float32Array) => {
  let best = 0;
  for (let i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
  return best;
};

interface Run { tokens: number[]; prefillMs: number; totalMs: number }
interface System { name: string; run(prompt: number[]): Promise<Run> }

const ours: System = {
  name: `ours (${matmulBackend()}, SATPREP_MODEL_THREADS=${process.env.SATPREP_MODEL_THREADS ?? 'default'})`,
  async run(prompt) {
    const t0 = performance.now(), s = new KvSession(lm.model), tokens: number[] = [];
    let logits = s.feed(prompt);
    tokens.push(argmax(logits));
    const prefillMs = performance.now() - t0;
    while (tokens.length < outTokens) {
      logits = s.feed([tokens.at(-1)!]);
      tokens.push(argmax(logits));
    }
    return { tokens, prefillMs, totalMs: performance.now() - t0 };
  },
};

async function llamaSystem(opts: LlamaCppOptions): Promise<System & { close(): Promise<void> }> {
  const s = await openLlamaCpp(gguf.file, opts);
  return {
    name: `llama.cpp (node-llama-cpp, ${opts.threads} thread${opts.threads === 1 ? '' : 's'}, KV ${opts.kvCache})`,
    async run(prompt) {
      // greedy() times the whole request; a 1-token call gives the prefill alone on the same prompt.
      const p0 = performance.now();
      await s.greedy(prompt, 1);
      const prefillMs = performance.now() - p0;
      const t0 = performance.now();
      const tokens = await s.greedy(prompt, outTokens);
      return { tokens, prefillMs, totalMs: performance.now() - t0 };
    },
    close: () => s.close(),
  };
}

async function measure(sys: System): Promise<number[][]> {
  await sys.run(prompts[0]); // warm-up
  const lat: number[] = [], outs: number[][] = [];
  let prefill = 0, total = 0, promptTokens = 0;
  for (const p of prompts) {
    const r = await sys.run(p);
    outs.push(r.tokens);
    lat.push(r.totalMs);
    prefill += r.prefillMs;
    total += r.totalMs;
    promptTokens += p.length;
  }
  lat.sort((a, b) => a - b);
  const decodeTps = (requests * (outTokens - 1)) / ((total - prefill) / 1000);
  console.log(
    `${sys.name.padEnd(58)} ${(requests * outTokens / (total / 1000)).toFixed(0).padStart(6)} tok/s end-to-end` +
    `  decode ${decodeTps.toFixed(0).padStart(5)} tok/s  prefill ${(promptTokens / (prefill / 1000)).toFixed(0).padStart(6)} tok/s` +
    `  latency p50 ${quantile(lat, 0.5).toFixed(0)} ms, p95 ${quantile(lat, 0.95).toFixed(0)} ms`,
  );
  return outs;
}

console.log(`${label}: ${cfg.dim} dim, ${cfg.layers} layers, ${cfg.heads} heads, vocab ${cfg.vocabSize}; GGUF ${(gguf.bytes / 1e6).toFixed(1)} MB (F32)`);
console.log(`${requests} requests, prompts 150–300 tokens, ${outTokens} greedy output tokens each; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const mine = await measure(ours);
for (const opts of [{ threads: 1, kvCache: 'F32' }, { threads: 2, kvCache: 'F32' }, { threads: 1, kvCache: 'F16' }] as const) {
  const sys = await llamaSystem({ contextSize: cfg.maxSeq, ...opts });
  try {
    const theirs = await measure(sys);
    const same = theirs.filter((t, i) => t.join() === mine[i].join()).length;
    const firstDiff = theirs.map((t, i) => t.findIndex((x, j) => x !== mine[i][j])).filter((j) => j >= 0);
    console.log(`  identical greedy outputs: ${same}/${requests}${firstDiff.length ? ` (others first differ at token ${firstDiff.join(', ')})` : ''}`);
  } finally {
    await sys.close();
  }
}
rmSync(work, { recursive: true, force: true });
