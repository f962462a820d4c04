/**
 * The model's shape: presets, the flat parameter layout (names as in Hugging Face
 * LlamaForCausalLM, so `model.safetensors` loads there as it is) and the `config.json`
 * written next to the weights, in Llama field names.
 */

export interface ModelConfig {
  vocabSize: number;
  dim: number; // hidden_size
  layers: number;
  heads: number;
  hidden: number; // intermediate_size of the SwiGLU MLP
  maxSeq: number; // max_position_embeddings: the RoPE table length
  ropeTheta: number;
  normEps: number;
}

export const PRESETS = {
  /** ~0.53M parameters: CI-sized; a 1K vocabulary because a 200-pair corpus cannot fill 4K merges. */
  test: { vocabSize: 1024, dim: 128, layers: 2, heads: 4, hidden: 352, maxSeq: 256, ropeTheta: 10000, normEps: 1e-5 },
  /**
   * ~4.2M parameters, the default. Training FLOPs are ~6·params per token, so on a 2-core CPU
   * at a few GFLOP/s this trains at a few hundred tokens/s — one pass over ~10M tokens of task
   * pairs in well under a day; wider or deeper multiplies that directly. The context (384) is
   * what training uses as its row length: a digital-SAT passage, question, rationale and a
   * 100-word answer fit, and generation never reaches positions training did not see.
   */
  small: { vocabSize: 4096, dim: 256, layers: 4, heads: 8, hidden: 688, maxSeq: 384, ropeTheta: 10000, normEps: 1e-5 },
  /** ~27M parameters, for a bigger machine. */
  base: { vocabSize: 4096, dim: 512, layers: 8, heads: 8, hidden: 1376, maxSeq: 1024, ropeTheta: 10000, normEps: 1e-5 },
} as const satisfies Record<string, ModelConfig>;
export type PresetName = keyof typeof PRESETS;

export interface ParamSpec {
  name: string;
  shape: number[];
  offset: number;
  size: number;
  /** Matrices get random init and weight decay; norm gains start at 1 and are not decayed. */
  kind: 'matrix' | 'norm';
}

/**
 * Every parameter, in storage order, inside one flat buffer. Linear weights are [out, in]
 * (PyTorch layout); the output head is tied to `model.embed_tokens.weight`.
 */
export function paramLayout(c: ModelConfig): { specs: ParamSpec[]; total: number } {
  const specs: ParamSpec[] = [];
  let offset = 0;
  const add = (name: string, shape: number[], kind: ParamSpec['kind']) => {
    const size = shape.reduce((a, b) => a * b, 1);
    specs.push({ name, shape, offset, size, kind });
    offset += size;
  };
  add('model.embed_tokens.weight', [c.vocabSize, c.dim], 'matrix');
  for (let l = 0; l < c.layers; l++) {
    const p = `model.layers.${l}`;
    add(`${p}.input_layernorm.weight`, [c.dim], 'norm');
    add(`${p}.self_attn.q_proj.weight`, [c.dim, c.dim], 'matrix');
    add(`${p}.self_attn.k_proj.weight`, [c.dim, c.dim], 'matrix');
    add(`${p}.self_attn.v_proj.weight`, [c.dim, c.dim], 'matrix');
    add(`${p}.self_attn.o_proj.weight`, [c.dim, c.dim], 'matrix');
    add(`${p}.post_attention_layernorm.weight`, [c.dim], 'norm');
    add(`${p}.mlp.gate_proj.weight`, [c.hidden, c.dim], 'matrix');
    add(`${p}.mlp.up_proj.weight`, [c.hidden, c.dim], 'matrix');
    add(`${p}.mlp.down_proj.weight`, [c.dim, c.hidden], 'matrix');
  }
  add('model.norm.weight', [c.dim], 'norm');
  return { specs, total: offset };
}

export function paramCount(c: ModelConfig): number {
  return paramLayout(c).total;
}

export function validateConfig(c: ModelConfig): void {
  if (c.dim % c.heads !== 0) throw new Error(`dim ${c.dim} is not divisible by heads ${c.heads}`);
  if ((c.dim / c.heads) % 2 !== 0) throw new Error(`head dim ${c.dim / c.heads} must be even for RoPE`);
  for (const [k, v] of Object.entries(c)) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new Error(`config.${k} must be a positive number`);
  }
}

/** Hugging Face `config.json` for LlamaForCausalLM (field names as transformers reads them). */
export interface LlamaConfigJson {
  architectures: ['LlamaForCausalLM'];
  model_type: 'llama';
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads: number;
  intermediate_size: number;
  hidden_act: 'silu';
  rope_theta: number;
  vocab_size: number;
  rms_norm_eps: number;
  max_position_embeddings: number;
  tie_word_embeddings: true;
  attention_bias: false;
  mlp_bias: false;
  torch_dtype: 'float32';
  bos_token_id?: number;
  eos_token_id?: number;
  pad_token_id?: number;
}

export function toLlamaConfig(c: ModelConfig, special: { eos?: number; pad?: number } = {}): LlamaConfigJson {
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_size: c.dim,
    num_hidden_layers: c.layers,
    num_attention_heads: c.heads,
    num_key_value_heads: c.heads,
    intermediate_size: c.hidden,
    hidden_act: 'silu',
    rope_theta: c.ropeTheta,
    vocab_size: c.vocabSize,
    rms_norm_eps: c.normEps,
    max_position_embeddings: c.maxSeq,
    tie_word_embeddings: true,
    attention_bias: false,
    mlp_bias: false,
    torch_dtype: 'float32',
    ...(special.eos !== undefined ? { eos_token_id: special.eos } : {}),
    ...(special.pad !== undefined ? { pad_token_id: special.pad } : {}),
  };
}

export function fromLlamaConfig(j: Partial<LlamaConfigJson>): ModelConfig {
  if (j.model_type !== 'llama') throw new Error(`config.json: model_type ${String(j.model_type)}, expected llama`);
  if (j.tie_word_embeddings !== true) throw new Error('config.json: only tied embeddings are supported');
  if (j.num_key_value_heads !== undefined && j.num_key_value_heads !== j.num_attention_heads) {
    throw new Error('config.json: grouped-query attention is not supported');
  }
  const c: ModelConfig = {
    vocabSize: Number(j.vocab_size),
    dim: Number(j.hidden_size),
    layers: Number(j.num_hidden_layers),
    heads: Number(j.num_attention_heads),
    hidden: Number(j.intermediate_size),
    maxSeq: Number(j.max_position_embeddings),
    ropeTheta: Number(j.rope_theta ?? 10000),
    normEps: Number(j.rms_norm_eps ?? 1e-6),
  };
  validateConfig(c);
  return c;
}
