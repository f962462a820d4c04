/**
 * What training leaves on disk, in a model directory:
 *   model.safetensors  weights by their Llama names (F32)       — readable by transformers
 *   config.json        Llama field names                          — readable by transformers
 *   tokenizer.json     Hugging Face tokenizers format
 *   train-state.safetensors  weights + AdamW moments + `{step, history}` metadata in one
 *                      file, written atomically, so a resume never mixes two steps' state
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromLlamaConfig, toLlamaConfig, type LlamaConfigJson } from './config.ts';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { Transformer } from './model.ts';
import { readSafetensors, readSafetensorsMetadata, writeSafetensors, type NamedTensor } from './safetensors.ts';
import { SPECIAL, Tokenizer } from './tokenizer.ts';

export function saveModel(dir: string, model: Transformer, tok: Tokenizer): void {
  mkdirSync(dir, { recursive: true });
  const tensors: NamedTensor[] = model.specs.map((s) => ({ name: s.name, shape: s.shape, data: model.view(s.name) }));
  writeFileAtomic(path.join(dir, 'model.safetensors'), (f) => writeSafetensors(f, tensors, { format: 'pt' }));
  const cfg = toLlamaConfig(model.config, { eos: tok.special(SPECIAL.end), pad: tok.special(SPECIAL.pad) });
  writeFileAtomic(path.join(dir, 'config.json'), JSON.stringify(cfg, null, 2));
  writeFileAtomic(path.join(dir, 'tokenizer.json'), (f) => tok.save(f));
}

export function loadModel(dir: string): { model: Transformer; tokenizer: Tokenizer } {
  const cfg = fromLlamaConfig(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as LlamaConfigJson);
  const tokenizer = Tokenizer.load(path.join(dir, 'tokenizer.json'));
  if (tokenizer.vocabSize !== cfg.vocabSize) throw new Error(`tokenizer has ${tokenizer.vocabSize} tokens, config says ${cfg.vocabSize}`);
  const model = new Transformer(cfg, 'float32');
  const { tensors } = readSafetensors(path.join(dir, 'model.safetensors'));
  for (const s of model.specs) {
    const t = tensors.get(s.name);
    if (!t) throw new Error(`model.safetensors lacks ${s.name}`);
    if (t.shape.join() !== s.shape.join()) throw new Error(`${s.name}: shape ${t.shape}, expected ${s.shape}`);
    model.view(s.name).set(t.data);
  }
  return { model, tokenizer };
}

export interface TrainState<H> { step: number; history: H }

export function saveTrainState<H>(dir: string, params: Float32Array, m: Float32Array, v: Float32Array, state: TrainState<H>): void {
  mkdirSync(dir, { recursive: true });
  const flat = (name: string, data: Float32Array): NamedTensor => ({ name, shape: [data.length], data });
  writeFileAtomic(path.join(dir, 'train-state.safetensors'), (f) =>
    writeSafetensors(f, [flat('params', params), flat('adam.m', m), flat('adam.v', v)], { state: JSON.stringify(state) }));
}

/** The step of `dir`'s checkpoint, read from its header only; undefined when the folder has none. */
export function checkpointStep(dir: string): number | undefined {
  const file = path.join(dir, 'train-state.safetensors');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readSafetensorsMetadata(file).state) as TrainState<unknown>).step;
}

export function loadTrainState<H>(dir: string): { params: Float32Array; m: Float32Array; v: Float32Array; state: TrainState<H> } | undefined {
  const file = path.join(dir, 'train-state.safetensors');
  if (!existsSync(file)) return undefined;
  const { tensors, metadata } = readSafetensors(file);
  return {
    params: tensors.get('params')!.data as Float32Array,
    m: tensors.get('adam.m')!.data as Float32Array,
    v: tensors.get('adam.v')!.data as Float32Array,
    state: JSON.parse(metadata.state) as TrainState<H>,
  };
}
