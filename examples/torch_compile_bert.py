#!/usr/bin/env python3
"""A PyTorch user's view: Hugging Face BertModel (bert-base config, random weights, sequence 128) through
torch.compile(model, backend="inductor_mlir"), checked against eager PyTorch.

    PYTHONPATH=build/python_packages python3 examples/torch_compile_bert.py [--layers 12] [--repeat 3]

Prints what compiled and what fell back to eager, the compile time, the time per call next to eager's, and the
relative error max|ours - eager| / max|eager| (must stay below 1e-4 in fp32; exits 1 otherwise).
"""
import argparse
import logging
import sys
import time

import torch
from transformers import BertConfig, BertModel

import inductor_mlir


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--layers", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")

    torch.manual_seed(0)
    model = BertModel(BertConfig(num_hidden_layers=opts.layers)).eval()
    ids = torch.randint(0, model.config.vocab_size, (1, 128))
    compiled = torch.compile(model, backend="inductor_mlir")
    with torch.no_grad():
        expected = model(ids).last_hidden_state
        start = time.perf_counter()
        out = compiled(ids).last_hidden_state
        first = time.perf_counter() - start
        print(inductor_mlir.compile_stats[-1].report().splitlines()[0])
        times = {"ours": [], "eager": []}
        for _ in range(opts.repeat):
            for name, fn in (("ours", compiled), ("eager", model)):
                start = time.perf_counter()
                fn(ids)
                times[name].append(time.perf_counter() - start)
    error = ((out - expected).abs().max() / expected.abs().max()).item()
    print(f"first call (capture + compile + run): {first:.1f} s")
    print(f"time per call (best of {opts.repeat}): ours {min(times['ours']) * 1e3:.0f} ms, "
          f"eager {min(times['eager']) * 1e3:.0f} ms")
    print(f"max relative error vs eager: {error:.2e} (limit 1e-4)")
    if error > 1e-4:
        print("FAILED")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
