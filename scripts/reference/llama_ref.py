#!/usr/bin/env python3
"""Independent PyTorch reference forward pass for the in-house Llama model.

Usage:
    /usr/bin/python3 scripts/reference/llama_ref.py MODEL_DIR TOKENS_JSON

MODEL_DIR holds `model.safetensors` and `config.json` as src/model/checkpoint.ts writes them
(Hugging Face LlamaForCausalLM names and fields). TOKENS_JSON is either a JSON literal or a
path to a file holding one: a list of token ids (one sequence) or a list of such lists.
Prints `{"logits": [[[...V floats] per position] per sequence]}` to stdout.

Written from the architecture (Touvron et al. 2023), not from the TypeScript code or from
transformers, so the two implementations can only agree if both follow the published model:
  x0 = E[ids]
  per layer:  h = x + Wo · Attn(RoPE(Wq·n1(x)), RoPE(Wk·n1(x)), Wv·n1(x))      (causal, 1/sqrt(D))
              x = h + Wd · (silu(Wg·n2(h)) * (Wu·n2(h)))                      (SwiGLU)
  logits = W_head · n_f(x),  W_head = E when embeddings are tied
  RMSNorm n(x) = w * x / sqrt(mean(x^2) + eps)                                 (Zhang & Sennrich 2019)
  RoPE ("rotate_half", as HF Llama): inv_freq_i = theta^(-2i/D), i < D/2; element i pairs
  with i + D/2: [a, b] -> [a cos - b sin, b cos + a sin] at angle pos * inv_freq_i.
All arithmetic runs in float64 so the reference's own rounding is negligible next to float32.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

# safetensors dtype tag -> numpy dtype (little-endian). BF16 is handled separately.
_NP_DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}


def read_safetensors(path):
    """Parses the safetensors format (huggingface/safetensors README, "Format"): an 8-byte
    little-endian header length N, an N-byte JSON header {name: {dtype, shape, data_offsets}},
    then the raw tensor bytes, offsets relative to the end of the header."""
    with open(path, "rb") as f:
        buf = f.read()
    (n,) = struct.unpack("<Q", buf[:8])
    header = json.loads(buf[8 : 8 + n].decode("utf-8"))
    base = 8 + n
    tensors = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        begin, end = e["data_offsets"]
        raw = buf[base + begin : base + end]
        shape = tuple(e["shape"])
        count = int(np.prod(shape)) if shape else 1
        if e["dtype"] == "BF16":
            # bfloat16 is the top half of a float32: widen by shifting into the high bits.
            arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        elif e["dtype"] in _NP_DTYPES:
            arr = np.frombuffer(raw, dtype=_NP_DTYPES[e["dtype"]])
        else:
            raise ValueError(f"{name}: unsupported dtype {e['dtype']}")
        if arr.size != count:
            raise ValueError(f"{name}: {arr.size} values for shape {shape}")
        tensors[name] = torch.from_numpy(arr.astype(np.float64).reshape(shape))
    return tensors


def rms_norm(x, w, eps):
    return w * x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps)


def rope(x, theta):
    """x: (heads, T, D), positions 0..T-1."""
    _, T, D = x.shape
    half = D // 2
    inv_freq = theta ** (-torch.arange(0, half, dtype=torch.float64) * 2 / D)
    angle = torch.arange(T, dtype=torch.float64)[:, None] * inv_freq[None, :]  # (T, half)
    cos, sin = torch.cos(angle), torch.sin(angle)
    a, b = x[..., :half], x[..., half:]
    return torch.cat([a * cos - b * sin, b * cos + a * sin], dim=-1)


def forward(w, cfg, ids):
    d = cfg["hidden_size"]
    H = cfg["num_attention_heads"]
    kvH = cfg.get("num_key_value_heads", H)
    D = d // H
    eps = cfg.get("rms_norm_eps", 1e-6)
    theta = cfg.get("rope_theta", 10000.0)
    T = len(ids)
    emb = w["model.embed_tokens.weight"]
    x = emb[torch.tensor(ids, dtype=torch.long)]  # (T, d)
    causal = torch.ones(T, T, dtype=torch.bool).tril()
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}."
        n1 = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = (n1 @ w[p + "self_attn.q_proj.weight"].T).view(T, H, D).transpose(0, 1)
        k = (n1 @ w[p + "self_attn.k_proj.weight"].T).view(T, kvH, D).transpose(0, 1)
        v = (n1 @ w[p + "self_attn.v_proj.weight"].T).view(T, kvH, D).transpose(0, 1)
        q, k = rope(q, theta), rope(k, theta)
        if kvH != H:  # grouped-query attention: each kv head serves H/kvH query heads
            k = k.repeat_interleave(H // kvH, dim=0)
            v = v.repeat_interleave(H // kvH, dim=0)
        scores = (q @ k.transpose(1, 2)) / D**0.5  # (H, T, T)
        scores = scores.masked_fill(~causal, float("-inf"))
        y = torch.softmax(scores, dim=-1) @ v  # (H, T, D)
        x = x + y.transpose(0, 1).reshape(T, d) @ w[p + "self_attn.o_proj.weight"].T
        n2 = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        g = n2 @ w[p + "mlp.gate_proj.weight"].T
        u = n2 @ w[p + "mlp.up_proj.weight"].T
        x = x + (g * torch.sigmoid(g) * u) @ w[p + "mlp.down_proj.weight"].T
    xf = rms_norm(x, w["model.norm.weight"], eps)
    head = w.get("lm_head.weight")
    if head is None:
        if cfg.get("tie_word_embeddings", True) is False:
            raise ValueError("config says untied embeddings but model.safetensors has no lm_head.weight")
        head = emb
    return xf @ head.T  # (T, V)


def parse_tokens(arg):
    text = open(arg, encoding="utf-8").read() if os.path.isfile(arg) else arg
    data = json.loads(text)
    seqs = [data] if data and all(isinstance(t, int) for t in data) else data
    if not seqs or not all(isinstance(s, list) and s and all(isinstance(t, int) for t in s) for s in seqs):
        raise ValueError("TOKENS_JSON must be a non-empty list of ids or a list of non-empty lists of ids")
    return seqs


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    model_dir, tokens_arg = argv[1], argv[2]
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        cfg = json.load(f)
    if cfg.get("hidden_act", "silu") != "silu":
        raise ValueError(f"hidden_act {cfg['hidden_act']} is not supported")
    if cfg.get("attention_bias") or cfg.get("mlp_bias"):
        raise ValueError("bias terms are not supported")
    weights = read_safetensors(os.path.join(model_dir, "model.safetensors"))
    seqs = parse_tokens(tokens_arg)
    V = cfg["vocab_size"]
    for s in seqs:
        if any(t < 0 or t >= V for t in s):
            raise ValueError(f"token id out of range [0, {V})")
        if len(s) > cfg.get("max_position_embeddings", len(s)):
            raise ValueError("sequence longer than max_position_embeddings")
    with torch.no_grad():
        logits = [forward(weights, cfg, s).tolist() for s in seqs]
    json.dump({"logits": logits}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
