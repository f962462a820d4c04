#!/usr/bin/env python3
"""PyTorch side of the training benchmark (bench/train/index.ts).

Usage:
    /usr/bin/python3 bench/train/torch_train.py SIZES_JSON [--batch B] [--seq T]
        [--threads N] [--seconds S] [--warmup W] [--seed SEED]

SIZES_JSON: {"vocab", "dim", "layers", "heads", "hidden", "seq"} (a preset's sizes; optional
"rope_theta", "norm_eps"). Trains float32 on random B x T token batches drawn once from a fixed
seed (inputs and targets independent, so every position carries loss, as in ours) with the
step ours takes: zero grads, forward + cross-entropy, backward, clip grad norm to 1, AdamW
(betas 0.9/0.95, eps 1e-8, weight decay 0.1 on matrices only, lr 1e-3). W warm-up steps are
untimed; then whole steps run until S seconds have passed. Prints one JSON line:
    {"tokens_per_sec", "steps", "seconds", "threads", "params"}
tokens_per_sec = steps * B * T / seconds (total over the timed window, not a median).

The module mirrors scripts/reference/llama_ref.py's forward (Touvron et al. 2023: pre-norm
RMSNorm, RoPE "rotate_half", causal softmax attention with 1/sqrt(D), SwiGLU MLP, tied head),
batched, in float32 and as nn.Modules so autograd and the optimizer see the parameters. Its
parameter count must equal paramCount() in src/model/config.ts; index.ts checks "params".
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "reference"))
from llama_ref import rms_norm  # noqa: E402  (dtype-agnostic: w * x / sqrt(mean(x^2) + eps))


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return rms_norm(x, self.weight, self.eps)


def rope_tables(T, D, theta):
    """cos/sin (T, D/2) for positions 0..T-1, inv_freq_i = theta^(-2i/D): computed once, as
    our model keeps its RoPE table, so the timed step does not rebuild it."""
    half = D // 2
    inv_freq = theta ** (-torch.arange(0, half, dtype=torch.float64) * 2 / D)
    angle = torch.arange(T, dtype=torch.float64)[:, None] * inv_freq[None, :]
    return torch.cos(angle).float(), torch.sin(angle).float()


def rope(x, cos, sin):
    """x: (B, H, T, D); element i pairs with i + D/2: [a, b] -> [a cos - b sin, b cos + a sin]."""
    half = x.shape[-1] // 2
    a, b = x[..., :half], x[..., half:]
    return torch.cat([a * cos - b * sin, b * cos + a * sin], dim=-1)


class Layer(nn.Module):
    def __init__(self, dim, heads, hidden, eps):
        super().__init__()
        self.heads = heads
        self.input_layernorm = RMSNorm(dim, eps)
        self.q_proj = nn.Linear(dim, dim, bias=False)
        self.k_proj = nn.Linear(dim, dim, bias=False)
        self.v_proj = nn.Linear(dim, dim, bias=False)
        self.o_proj = nn.Linear(dim, dim, bias=False)
        self.post_attention_layernorm = RMSNorm(dim, eps)
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x, cos, sin, causal):
        B, T, d = x.shape
        H, D = self.heads, d // self.heads
        n1 = self.input_layernorm(x)
        split = lambda t: t.view(B, T, H, D).transpose(1, 2)  # noqa: E731
        q, k, v = split(self.q_proj(n1)), split(self.k_proj(n1)), split(self.v_proj(n1))
        q, k = rope(q, cos, sin), rope(k, cos, sin)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(D)  # (B, H, T, T)
        scores = scores.masked_fill(~causal, float("-inf"))
        y = torch.softmax(scores, dim=-1) @ v
        x = x + self.o_proj(y.transpose(1, 2).reshape(B, T, d))
        n2 = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(n2)) * self.up_proj(n2))


class Llama(nn.Module):
    def __init__(self, s):
        super().__init__()
        eps = s.get("norm_eps", 1e-5)
        self.embed_tokens = nn.Embedding(s["vocab"], s["dim"])
        self.layers = nn.ModuleList(Layer(s["dim"], s["heads"], s["hidden"], eps) for _ in range(s["layers"]))
        self.norm = RMSNorm(s["dim"], eps)
        cos, sin = rope_tables(s["seq"], s["dim"] // s["heads"], s.get("rope_theta", 10000.0))
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        for p in self.parameters():
            if p.dim() == 2:
                nn.init.normal_(p, std=0.02)

    def forward(self, idx, targets):
        T = idx.shape[1]
        cos, sin = self.cos[:T], self.sin[:T]
        causal = torch.ones(T, T, dtype=torch.bool).tril()
        x = self.embed_tokens(idx)
        for layer in self.layers:
            x = layer(x, cos, sin, causal)
        logits = self.norm(x) @ self.embed_tokens.weight.T  # tied head
        return F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1))


def main(argv):
    ap = argparse.ArgumentParser(description="PyTorch training tokens/s for one preset's sizes")
    ap.add_argument("sizes", help='JSON: {"vocab","dim","layers","heads","hidden","seq"}')
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seq", type=int, default=128, help="T of each batch (<= sizes.seq)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv[1:])
    s = json.loads(a.sizes)
    if a.seq > s["seq"]:
        raise SystemExit(f"--seq {a.seq} exceeds the RoPE table length {s['seq']}")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = Llama(s)
    decay = [p for p in model.parameters() if p.dim() == 2]
    no_decay = [p for p in model.parameters() if p.dim() != 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
        lr=1e-3, betas=(0.9, 0.95), eps=1e-8,
    )
    g = torch.Generator().manual_seed(a.seed)
    idx = torch.randint(0, s["vocab"], (a.batch, a.seq), generator=g)
    targets = torch.randint(0, s["vocab"], (a.batch, a.seq), generator=g)

    def step():
        opt.zero_grad(set_to_none=False)
        loss = model(idx, targets)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss

    for _ in range(a.warmup):
        step()
    steps, t0 = 0, time.perf_counter()
    while True:
        loss = step()
        steps += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= a.seconds:
            break
    out = {
        "tokens_per_sec": steps * a.batch * a.seq / elapsed,
        "steps": steps,
        "seconds": elapsed,
        "threads": torch.get_num_threads(),
        "params": sum(p.numel() for p in model.parameters()),
        "loss": float(loss),
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
