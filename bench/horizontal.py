"""bench/run horizontal: does horizontal fusion of GEMMs that share an input pay on this machine?

Each case compiles two modules with inductor_mlir.compile(freeze=True), so their weights are constants packed
at compile time, and times both in the same run:

- separate: the model's own layers, one GEMM per projection;
- fused: the same projections as one Linear whose weight is the concatenation along N (the layout a horizontal
  fusion would produce), its output split with chunk() (gate/up: silu(gate) * up of the two halves).

Cases: BERT's Q/K/V projections (3 x [768 -> 768] with bias, 128 tokens) and LLaMA's gate/up projections
(2 x [4096 -> 11008], 1 and 128 tokens). Per call, best of --rounds rounds, the two interleaved. One line per
case and thread count:

    RESULT horizontal case=<name> threads=<n> separate_ms=<t> fused_ms=<t> fused_speedup=<separate / fused>
"""
from __future__ import annotations

import argparse
import time

import torch
from torch import nn

import inductor_mlir


class SeparateQKV(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.q, self.k, self.v = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)

    def forward(self, x):
        return self.q(x), self.k(x), self.v(x)


class FusedQKV(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.qkv = nn.Linear(hidden, 3 * hidden)

    def forward(self, x):
        return self.qkv(x).chunk(3, dim=-1)


class SeparateGateUp(nn.Module):
    def __init__(self, hidden, intermediate):
        super().__init__()
        self.gate = nn.Linear(hidden, intermediate, bias=False)
        self.up = nn.Linear(hidden, intermediate, bias=False)

    def forward(self, x):
        return nn.functional.silu(self.gate(x)) * self.up(x)


class FusedGateUp(nn.Module):
    def __init__(self, hidden, intermediate):
        super().__init__()
        self.gate_up = nn.Linear(hidden, 2 * intermediate, bias=False)

    def forward(self, x):
        gate, up = self.gate_up(x).chunk(2, dim=-1)
        return nn.functional.silu(gate) * up


# name -> (separate, fused, input shape, calls per round (full, quick))
CASES = {
    "qkv_m128": (lambda: SeparateQKV(768), lambda: FusedQKV(768), (128, 768), (50, 10)),
    "gate_up_m1": (lambda: SeparateGateUp(4096, 11008), lambda: FusedGateUp(4096, 11008), (1, 4096), (10, 3)),
    "gate_up_m128": (lambda: SeparateGateUp(4096, 11008), lambda: FusedGateUp(4096, 11008), (128, 4096), (3, 1)),
}


def per_call_ms(fn, x, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn(x)
    return (time.perf_counter() - start) / calls * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench/run horizontal", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer calls per round")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of {', '.join(CASES)}")
    opts = parser.parse_args()
    for name in opts.cases.split(","):
        if name not in CASES:
            parser.error(f"unknown case {name!r} (known: {', '.join(CASES)})")
        make_separate, make_fused, shape, (calls, quick_calls) = CASES[name]
        calls = quick_calls if opts.quick else calls
        torch.manual_seed(0)
        x = torch.randn(*shape)
        with torch.no_grad():
            separate = inductor_mlir.compile(make_separate().eval(), (x,), freeze=True)
            fused = inductor_mlir.compile(make_fused().eval(), (x,), freeze=True)
            for threads in [int(t) for t in opts.threads.split(",")]:
                torch.set_num_threads(threads)
                separate(x), fused(x)
                best = [float("inf"), float("inf")]
                # Interleaved rounds: a burst of noise on this shared machine hits one round, not the ratio.
                for _ in range(opts.rounds):
                    best[0] = min(best[0], per_call_ms(separate, x, calls))
                    best[1] = min(best[1], per_call_ms(fused, x, calls))
                print(f"RESULT horizontal case={name} threads={threads} separate_ms={best[0]:.3f} "
                      f"fused_ms={best[1]:.3f} fused_speedup={best[0] / best[1]:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
