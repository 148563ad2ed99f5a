#!/usr/bin/env python3
"""Runs the bundled BERT-base encoder layer (examples/bert_encoder_layer.mlir) through inductor-run and checks
it against eager PyTorch on the same random weights.

    python3 examples/run_bert_encoder.py [--build-dir build] [--batch 1] [--repeat 10]

Prints the compile time, the time per call (best of --repeat) next to eager PyTorch's, and the relative error
max|ours - eager| / max|eager|, which must stay below 1e-4 (fp32); exits 1 otherwise.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
HIDDEN, HEADS, SEQ, FFN = 768, 12, 128, 3072


def make_inputs(batch, seed):
    g = torch.Generator().manual_seed(seed)
    def w(*shape, scale=0.02):
        return torch.randn(*shape, generator=g) * scale
    x = torch.randn(batch, SEQ, HIDDEN, generator=g)
    # Additive mask as HF builds it: 0 for tokens to attend, a large negative for padding (last 16 tokens of batch 0).
    mask = torch.zeros(batch, 1, 1, SEQ)
    mask[0, ..., SEQ - 16:] = torch.finfo(torch.float32).min
    params = {"x": x, "mask": mask}
    for n in "qkvo":
        params[f"w{n}"], params[f"b{n}"] = w(HIDDEN, HIDDEN), w(HIDDEN)
    params["ln1_w"], params["ln1_b"] = 1 + w(HIDDEN), w(HIDDEN)
    params["w1"], params["b1"], params["w2"], params["b2"] = w(FFN, HIDDEN), w(FFN), w(HIDDEN, FFN), w(HIDDEN)
    params["ln2_w"], params["ln2_b"] = 1 + w(HIDDEN), w(HIDDEN)
    return params


def eager_encoder(p):
    """The same layer in eager PyTorch (what HF BertLayer computes in inference)."""
    b = p["x"].shape[0]
    def heads(t):
        return t.view(b, SEQ, HEADS, HIDDEN // HEADS).permute(0, 2, 1, 3)
    q, k, v = (heads(F.linear(p["x"], p[f"w{n}"], p[f"b{n}"])) for n in "qkv")
    ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=p["mask"])
    ctx = ctx.permute(0, 2, 1, 3).reshape(b, SEQ, HIDDEN)
    h = F.layer_norm(F.linear(ctx, p["wo"], p["bo"]) + p["x"], (HIDDEN,), p["ln1_w"], p["ln1_b"], eps=1e-12)
    f = F.linear(F.gelu(F.linear(h, p["w1"], p["b1"])), p["w2"], p["b2"])
    return F.layer_norm(f + h, (HIDDEN,), p["ln2_w"], p["ln2_b"], eps=1e-12)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    params = make_inputs(args.batch, args.seed)
    with torch.no_grad():
        ref = eager_encoder(params)
        eager_times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            eager_encoder(params)
            eager_times.append(time.perf_counter() - t0)

    tool = os.path.join(args.build_dir, "bin", "inductor-run")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [tool, os.path.join(HERE, "bert_encoder_layer.mlir"), "--function=bert_encoder_layer",
               f"--output-dir={tmp}", "--print-time", f"--repeat={args.repeat}"]
        for name, t in params.items():  # argument order of the MLIR function = insertion order
            path = os.path.join(tmp, f"{name}.npy")
            np.save(path, t.numpy())
            cmd.append(f"--input={path}")
        proc = subprocess.run(cmd, capture_output=True, text=True)
        sys.stderr.write(proc.stderr)
        if proc.returncode != 0:
            print(f"inductor-run failed ({proc.returncode})")
            return 1
        out = torch.from_numpy(np.load(os.path.join(tmp, "result0.npy")))

    rel = ((out - ref).abs().max() / ref.abs().max()).item()
    compile_ms = re.search(r"compile_ms=([\d.]+)", proc.stdout)
    best_us = re.search(r"best=([\d.]+)", proc.stdout)
    flops = 2 * args.batch * SEQ * (4 * HIDDEN * HIDDEN + 2 * HIDDEN * FFN) + 4 * args.batch * SEQ * SEQ * HIDDEN
    print(f"BERT-base encoder layer: batch {args.batch}, seq {SEQ}, hidden {HIDDEN}, {HEADS} heads (fp32)")
    print(proc.stdout.strip())
    if compile_ms:
        print(f"compile time (aten IR -> machine code): {float(compile_ms.group(1)):.0f} ms")
    if best_us:
        ours = float(best_us.group(1)) / 1e6
        eager = min(eager_times)
        print(f"time per call: ours {ours * 1e3:.2f} ms ({flops / ours / 1e9:.1f} GFLOP/s), "
              f"eager PyTorch {eager * 1e3:.2f} ms ({flops / eager / 1e9:.1f} GFLOP/s), ours/eager speed "
              f"{eager / ours:.3f}x")
    print(f"max relative error vs eager PyTorch: {rel:.2e} (limit 1e-4)")
    if not rel <= 1e-4:
        print("FAILED: result differs from eager PyTorch")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
