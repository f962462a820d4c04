/**
 * Export to the llama.cpp ecosystem: a model directory → one GGUF v3 file of the `llama`
 * architecture (weights F32, byte-level BPE tokenizer as `tokenizer.ggml.model = "gpt2"`),
 * which llama.cpp, Ollama and node-llama-cpp load as is.
 *
 * GGUF (ggml's docs/gguf.md), all little-endian:
 *   magic "GGUF" · u32 version (3) · u64 tensor_count · u64 kv_count
 *   kv_count × { string key · u32 value_type · value }   (string = u64 byte length + UTF-8;
 *                                                        array = u32 item type · u64 n · items)
 *   tensor_count × { string name · u32 n_dims · u64 ne[n_dims] · u32 ggml_type · u64 offset }
 *   padding to `general.alignment` (default 32) · tensor data, each tensor at an aligned offset
 *   from the start of the data section.
 * ne[0] is the fastest-varying dimension, so a PyTorch [out, in] matrix is ne = [in, out]
 * with the same bytes.
 *
 * RoPE: this model rotates element i of a head with i + D/2 (Hugging Face "rotate_half");
 * llama.cpp's `llama` architecture rotates adjacent pairs (2i, 2i + 1). As in llama.cpp's
 * convert_hf_to_gguf.py, the rows of attn_q and attn_k are permuted within each head so that
 * the adjacent-pair rotation of the permuted projection equals the permuted half-split rotation
 * of the original; q·k is unchanged because q and k get the same permutation.
 */
import { writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { loadModel } from './checkpoint.ts';
import type { Transformer } from './model.ts';
import { SPECIAL, type Tokenizer } from './tokenizer.ts';

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** gguf_type: how a metadata value is stored. */
export const GgufType = {
  UINT8: 0, INT8: 1, UINT16: 2, INT16: 3, UINT32: 4, INT32: 5, FLOAT32: 6, BOOL: 7,
  STRING: 8, ARRAY: 9, UINT64: 10, INT64: 11, FLOAT64: 12,
} as const;
type ScalarType = Exclude<(typeof GgufType)[keyof typeof GgufType], 9>;

export type GgufValue =
  | { type: Exclude<ScalarType, 7 | 8>; value: number }
  | { type: 7; value: boolean }
  | { type: 8; value: string }
  | { type: 9; itemType: ScalarType; value: (number | boolean | string)[] };

/** ggml_type of a tensor; only F32 is written here. */
export const GGML_TYPE_F32 = 0;
/** llama_token_type as llama.cpp reads `tokenizer.ggml.token_type`. */
export const TokenType = { NORMAL: 1, CONTROL: 3 } as const;
/** llama_ftype: every tensor F32. */
const LLAMA_FTYPE_ALL_F32 = 0;

export const gguf = {
  u32: (value: number): GgufValue => ({ type: GgufType.UINT32, value }),
  i32: (value: number): GgufValue => ({ type: GgufType.INT32, value }),
  f32: (value: number): GgufValue => ({ type: GgufType.FLOAT32, value }),
  bool: (value: boolean): GgufValue => ({ type: GgufType.BOOL, value }),
  str: (value: string): GgufValue => ({ type: GgufType.STRING, value }),
  arr: (itemType: ScalarType, value: (number | boolean | string)[]): GgufValue => ({ type: GgufType.ARRAY, itemType, value }),
};

export interface GgufTensor {
  name: string;
  ne: number[]; // ggml order: ne[0] fastest
  data: Float32Array;
}

export interface GgufFile {
  metadata: [key: string, value: GgufValue][]; // written in this order
  tensors: GgufTensor[];
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Byte size of each fixed-size gguf_type. */
const SCALAR_BYTES: Record<Exclude<ScalarType, 8>, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

class Writer {
  readonly parts: Buffer[] = [];
  length = 0;
  private push(b: Buffer): void { this.parts.push(b); this.length += b.length; }
  u32(n: number): void { const b = Buffer.alloc(4); b.writeUInt32LE(n); this.push(b); }
  u64(n: number): void { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); this.push(b); }
  str(s: string): void { const b = Buffer.from(s, 'utf8'); this.u64(b.length); this.push(b); }
  pad(to: number): void { const n = (to - (this.length % to)) % to; if (n) this.push(Buffer.alloc(n)); }
  bytes(b: Buffer): void { this.push(b); }
  scalar(type: ScalarType, v: number | boolean | string): void {
    if (type === GgufType.STRING) return this.str(v as string);
    const b = Buffer.alloc(SCALAR_BYTES[type]);
    switch (type) {
      case GgufType.UINT8: b.writeUInt8(v as number); break;
      case GgufType.INT8: b.writeInt8(v as number); break;
      case GgufType.UINT16: b.writeUInt16LE(v as number); break;
      case GgufType.INT16: b.writeInt16LE(v as number); break;
      case GgufType.UINT32: b.writeUInt32LE(v as number); break;
      case GgufType.INT32: b.writeInt32LE(v as number); break;
      case GgufType.FLOAT32: b.writeFloatLE(v as number); break;
      case GgufType.BOOL: b.writeUInt8(v ? 1 : 0); break; // one byte
      case GgufType.UINT64: b.writeBigUInt64LE(BigInt(v as number)); break;
      case GgufType.INT64: b.writeBigInt64LE(BigInt(v as number)); break;
      case GgufType.FLOAT64: b.writeDoubleLE(v as number); break;
    }
    this.push(b);
  }
}

function f32Bytes(data: Float32Array): Buffer {
  if (endianness() === 'LE') return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const b = Buffer.alloc(data.byteLength);
  data.forEach((x, i) => b.writeFloatLE(x, 4 * i));
  return b;
}

export function encodeGguf(file: GgufFile): Buffer {
  const align = alignmentOf(file.metadata);
  const w = new Writer();
  w.u32(GGUF_MAGIC);
  w.u32(GGUF_VERSION);
  w.u64(file.tensors.length);
  w.u64(file.metadata.length);
  for (const [key, v] of file.metadata) {
    w.str(key);
    w.u32(v.type);
    if (v.type === GgufType.ARRAY) {
      w.u32(v.itemType);
      w.u64(v.value.length);
      for (const x of v.value) w.scalar(v.itemType, x);
    } else w.scalar(v.type, v.value);
  }
  let offset = 0;
  for (const t of file.tensors) {
    const n = t.ne.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new Error(`${t.name}: ne ${t.ne} holds ${n} values, data has ${t.data.length}`);
    w.str(t.name);
    w.u32(t.ne.length);
    for (const d of t.ne) w.u64(d);
    w.u32(GGML_TYPE_F32);
    w.u64(offset);
    offset += Math.ceil(t.data.byteLength / align) * align;
  }
  w.pad(align);
  const dataStart = w.length;
  for (const t of file.tensors) {
    w.bytes(f32Bytes(t.data));
    w.pad(align);
  }
  if (w.length - dataStart !== offset) throw new Error('gguf: tensor data size does not match the offsets written');
  return Buffer.concat(w.parts, w.length);
}

function alignmentOf(metadata: GgufFile['metadata']): number {
  const a = metadata.find(([k]) => k === 'general.alignment')?.[1];
  if (!a) return GGUF_DEFAULT_ALIGNMENT;
  if (a.type !== GgufType.UINT32 || !(a.value > 0) || (a.value & (a.value - 1)) !== 0) throw new Error('general.alignment must be a u32 power of two');
  return a.value;
}

// ---------------------------------------------------------------------------------------------
// Decoding: an independent reader of the layout above, for tests and `satprep model export` checks.

export interface GgufTensorInfo { name: string; ne: number[]; type: number; offset: number }
export interface DecodedGguf {
  version: number;
  alignment: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  dataStart: number;
  /** The F32 values of a tensor. */
  tensor(name: string): Float32Array;
}

export function decodeGguf(buf: Buffer): DecodedGguf {
  let at = 0;
  const need = (n: number) => { if (at + n > buf.length) throw new Error(`gguf: truncated at byte ${at}`); };
  const u32 = () => { need(4); const v = buf.readUInt32LE(at); at += 4; return v; };
  const u64 = () => { need(8); const v = buf.readBigUInt64LE(at); at += 8; if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('gguf: u64 too large'); return Number(v); };
  const str = () => { const n = u64(); need(n); const s = buf.toString('utf8', at, at + n); at += n; return s; };
  const scalar = (type: number): number | boolean | string => {
    if (type === GgufType.STRING) return str();
    const n = SCALAR_BYTES[type as Exclude<ScalarType, 8>];
    if (n === undefined) throw new Error(`gguf: unknown value type ${type}`);
    need(n);
    const o = at;
    at += n;
    switch (type) {
      case GgufType.UINT8: return buf.readUInt8(o);
      case GgufType.INT8: return buf.readInt8(o);
      case GgufType.UINT16: return buf.readUInt16LE(o);
      case GgufType.INT16: return buf.readInt16LE(o);
      case GgufType.UINT32: return buf.readUInt32LE(o);
      case GgufType.INT32: return buf.readInt32LE(o);
      case GgufType.FLOAT32: return buf.readFloatLE(o);
      case GgufType.BOOL: return buf.readUInt8(o) !== 0;
      case GgufType.UINT64: return Number(buf.readBigUInt64LE(o));
      case GgufType.INT64: return Number(buf.readBigInt64LE(o));
      default: return buf.readDoubleLE(o);
    }
  };

  if (u32() !== GGUF_MAGIC) throw new Error('gguf: bad magic');
  const version = u32();
  if (version !== GGUF_VERSION) throw new Error(`gguf: version ${version}, expected ${GGUF_VERSION}`);
  const nTensors = u64(), nKv = u64();
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < nKv; i++) {
    const key = str();
    if (metadata.has(key)) throw new Error(`gguf: duplicate key ${key}`);
    const type = u32();
    if (type === GgufType.ARRAY) {
      const itemType = u32() as ScalarType, n = u64();
      const value: (number | boolean | string)[] = [];
      for (let j = 0; j < n; j++) value.push(scalar(itemType));
      metadata.set(key, { type, itemType, value });
    } else metadata.set(key, { type, value: scalar(type) } as GgufValue);
  }
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < nTensors; i++) {
    const name = str(), nd = u32();
    const ne = Array.from({ length: nd }, u64);
    tensors.push({ name, ne, type: u32(), offset: u64() });
  }
  const a = metadata.get('general.alignment');
  const alignment = a ? Number(a.value) : GGUF_DEFAULT_ALIGNMENT;
  const dataStart = Math.ceil(at / alignment) * alignment;
  for (const t of tensors) {
    if (t.offset % alignment !== 0) throw new Error(`gguf: ${t.name} at offset ${t.offset} is not ${alignment}-aligned`);
    const bytes = t.type === GGML_TYPE_F32 ? 4 * t.ne.reduce((x, y) => x * y, 1) : 0;
    if (dataStart + t.offset + bytes > buf.length) throw new Error(`gguf: ${t.name} runs past the end of the file`);
  }
  return {
    version, alignment, metadata, tensors, dataStart,
    tensor(name) {
      const t = tensors.find((x) => x.name === name);
      if (!t) throw new Error(`gguf: no tensor ${name}`);
      if (t.type !== GGML_TYPE_F32) throw new Error(`gguf: ${name} has ggml type ${t.type}; only F32 is read`);
      const n = t.ne.reduce((x, y) => x * y, 1), o = dataStart + t.offset, out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = buf.readFloatLE(o + 4 * i);
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The llama mapping

/** Hugging Face Llama parameter name → llama.cpp tensor name. */
export function ggufTensorName(hf: string): string {
  if (hf === 'model.embed_tokens.weight') return 'token_embd.weight';
  if (hf === 'model.norm.weight') return 'output_norm.weight';
  const m = /^model\.layers\.(\d+)\.(.+)\.weight$/.exec(hf);
  const parts: Record<string, string> = {
    input_layernorm: 'attn_norm', 'self_attn.q_proj': 'attn_q', 'self_attn.k_proj': 'attn_k', 'self_attn.v_proj': 'attn_v',
    'self_attn.o_proj': 'attn_output', post_attention_layernorm: 'ffn_norm', 'mlp.gate_proj': 'ffn_gate', 'mlp.up_proj': 'ffn_up', 'mlp.down_proj': 'ffn_down',
  };
  if (!m || !parts[m[2]]) throw new Error(`no GGUF name for ${hf}`);
  return `blk.${m[1]}.${parts[m[2]]}.weight`;
}

/**
 * Rows of a [heads·D, cols] projection reordered from half-split to interleaved RoPE pairing:
 * out row h·D + 2i + j = in row h·D + j·D/2 + i (j ∈ {0, 1}, i < D/2) — convert_hf_to_gguf's
 * `permute` (reshape (H, 2, D/2, cols) → swap axes 1, 2).
 */
export function permuteRopeRows(w: Float32Array, heads: number, headDim: number, cols: number): Float32Array {
  if (w.length !== heads * headDim * cols) throw new Error(`permuteRopeRows: ${w.length} values, expected ${heads * headDim * cols}`);
  const half = headDim / 2, out = new Float32Array(w.length);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < half; i++) {
      for (let j = 0; j < 2; j++) {
        const src = (h * headDim + j * half + i) * cols, dst = (h * headDim + 2 * i + j) * cols;
        out.set(w.subarray(src, src + cols), dst);
      }
    }
  }
  return out;
}

/**
 * The GGUF content for a model and its tokenizer. The output head is tied: llama.cpp uses
 * token_embd when output.weight is absent, so it is not written twice.
 */
export function ggufFromModel(model: Transformer, tok: Tokenizer, opts: { name?: string } = {}): GgufFile {
  const c = model.config, D = model.headDim;
  if (!(model.params instanceof Float32Array)) throw new Error('GGUF export needs a float32 model');
  if (tok.vocabSize !== c.vocabSize) throw new Error(`tokenizer has ${tok.vocabSize} tokens, the model ${c.vocabSize}`);
  const end = tok.special(SPECIAL.end), pad = tok.special(SPECIAL.pad);
  const ids = Array.from({ length: tok.vocabSize }, (_, i) => i);
  const metadata: GgufFile['metadata'] = [
    ['general.architecture', gguf.str('llama')],
    ['general.name', gguf.str(opts.name ?? 'satprep-lm')],
    ['general.alignment', gguf.u32(GGUF_DEFAULT_ALIGNMENT)],
    ['general.file_type', gguf.u32(LLAMA_FTYPE_ALL_F32)],
    ['llama.context_length', gguf.u32(c.maxSeq)],
    ['llama.embedding_length', gguf.u32(c.dim)],
    ['llama.block_count', gguf.u32(c.layers)],
    ['llama.feed_forward_length', gguf.u32(c.hidden)],
    ['llama.attention.head_count', gguf.u32(c.heads)],
    ['llama.attention.head_count_kv', gguf.u32(c.heads)],
    ['llama.rope.freq_base', gguf.f32(c.ropeTheta)],
    ['llama.attention.layer_norm_rms_epsilon', gguf.f32(c.normEps)],
    ['llama.rope.dimension_count', gguf.u32(D)],
    ['llama.vocab_size', gguf.u32(c.vocabSize)],
    // Byte-level BPE with GPT-2's pre-tokenizer regex, which is exactly tokenizer.ts's PRE_TOKEN.
    ['tokenizer.ggml.model', gguf.str('gpt2')],
    ['tokenizer.ggml.pre', gguf.str('gpt-2')],
    ['tokenizer.ggml.tokens', gguf.arr(GgufType.STRING, ids.map((i) => tok.tokenString(i)))],
    ['tokenizer.ggml.token_type', gguf.arr(GgufType.INT32, ids.map((i) => (tok.isSpecial(i) ? TokenType.CONTROL : TokenType.NORMAL)))],
    ['tokenizer.ggml.merges', gguf.arr(GgufType.STRING, tok.merges.map(([a, b]) => `${tok.tokenString(a)} ${tok.tokenString(b)}`))],
    // No BOS token is trained; as in GPT-2, <|end|> stands in and is never added.
    ['tokenizer.ggml.bos_token_id', gguf.u32(end)],
    ['tokenizer.ggml.eos_token_id', gguf.u32(end)],
    ['tokenizer.ggml.padding_token_id', gguf.u32(pad)],
    ['tokenizer.ggml.add_bos_token', gguf.bool(false)],
    ['tokenizer.ggml.add_eos_token', gguf.bool(false)],
  ];
  const tensors = model.specs.map((s): GgufTensor => {
    let data = model.view(s.name) as Float32Array;
    if (/self_attn\.[qk]_proj/.test(s.name)) data = permuteRopeRows(data, c.heads, D, c.dim);
    return { name: ggufTensorName(s.name), ne: [...s.shape].reverse(), data };
  });
  return { metadata, tensors };
}

export interface ExportResult { file: string; bytes: number; tensors: number; metadataKeys: number }

/** Reads a model directory (model.safetensors, config.json, tokenizer.json) and writes `out` (default `<dir>/model.gguf`). */
export function exportGguf(dir: string, out = path.join(dir, 'model.gguf')): ExportResult {
  const { model, tokenizer } = loadModel(dir);
  const g = ggufFromModel(model, tokenizer, { name: path.basename(path.resolve(dir)) });
  const buf = encodeGguf(g);
  writeFileSync(out, buf);
  return { file: out, bytes: buf.length, tensors: g.tensors.length, metadataKeys: g.metadata.length };
}

// ---------------------------------------------------------------------------------------------
// Running an export in llama.cpp through node-llama-cpp (an optional dependency)

/** The slice of node-llama-cpp's API used here, typed locally so that type checking does not need the optional package. */
interface NlcSequence {
  evaluate(tokens: number[], o: { temperature: number; yieldEogToken: boolean }): AsyncGenerator<number, void, undefined>;
  clearHistory(): Promise<void>;
}
interface NlcContext { getSequence(): NlcSequence; dispose(): Promise<void> }
interface NlcModel {
  createContext(o: Record<string, unknown>): Promise<NlcContext>;
  tokenize(text: string, specialTokens?: boolean): number[];
  dispose(): Promise<void>;
}
interface NlcLlama { loadModel(o: { modelPath: string }): Promise<NlcModel> }
interface NlcModule { getLlama(o: Record<string, unknown>): Promise<NlcLlama>; LlamaLogLevel: Record<string, unknown> }

let nlc: Promise<NlcLlama> | undefined;
/**
 * node-llama-cpp's CPU build, loaded once per process. `build: 'never'` and `gpu: false`: only
 * the prebuilt binary that npm installed (@node-llama-cpp/linux-x64) is used; nothing is
 * compiled or downloaded. Rejects when the package or its binary is not there.
 */
export function llamaCpp(): Promise<NlcLlama> {
  nlc ??= (async () => {
    const spec = 'node-llama-cpp'; // a variable: the optional package must not be needed by the type check
    const mod = (await import(spec)) as NlcModule;
    return mod.getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: mod.LlamaLogLevel.error });
  })();
  return nlc;
}

export interface LlamaCppSession {
  /** Greedy tokens after `prompt` from an empty context: at most `maxTokens`, ending early with (and including) `stopId`. */
  greedy(prompt: readonly number[], maxTokens: number, stopId?: number): Promise<number[]>;
  /** llama.cpp's own tokenization of `text`, special tokens recognised. */
  tokenize(text: string): number[];
  close(): Promise<void>;
}

export interface LlamaCppOptions {
  contextSize: number;
  /**
   * 1 by default: ggml's CPU thread pool spin-waits at a barrier after every op, so on a
   * 2-core machine that is also running other work, 2 threads measured ~1.2 s per token
   * where 1 thread took ~1 ms (a 40K-parameter model, load average ~8).
   */
  threads?: number;
  /** 'F32' (default) keeps llama.cpp's cached keys/values at the precision this project uses; llama.cpp's own default is F16. */
  kvCache?: 'F32' | 'F16';
}

/** Opens a GGUF file in llama.cpp with one sequence. */
export async function openLlamaCpp(file: string, opts: LlamaCppOptions): Promise<LlamaCppSession> {
  const llama = await llamaCpp();
  const model = await llama.loadModel({ modelPath: file });
  const kv = opts.kvCache ?? 'F32';
  const ctx = await model.createContext({
    contextSize: opts.contextSize, sequences: 1, threads: opts.threads ?? 1, flashAttention: false,
    experimentalKvCacheKeyType: kv, experimentalKvCacheValueType: kv,
  });
  const seq = ctx.getSequence();
  return {
    async greedy(prompt, maxTokens, stopId) {
      await seq.clearHistory();
      const out: number[] = [];
      if (maxTokens <= 0) return out;
      for await (const t of seq.evaluate([...prompt], { temperature: 0, yieldEogToken: true })) {
        out.push(t);
        if (t === stopId || out.length >= maxTokens) break;
      }
      return out;
    },
    tokenize: (text) => model.tokenize(text, true),
    async close() {
      await ctx.dispose();
      await model.dispose();
    },
  };
}
