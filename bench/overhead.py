"""bench/run overhead: what a call costs around its kernel, ours vs eager vs Inductor, in one run.

LayerNorm(768) in inference (no_grad), on a [4, 768] tensor (the kernel is ~1 us: the time is the call) and on
[1024, 768] (the kernel is most of it), on 1 and 2 threads. Per call, best of --rounds rounds of --calls calls:

- eager: the module itself;
- dynamo floor: torch.compile with a backend whose compiled function returns a ready tensor, i.e. what
  Dynamo's guards and frame handling cost every backend;
- inductor: torch.compile with the default backend;
- ours (torch.compile): backend="inductor_mlir";
- ours (compile): inductor_mlir.compile, through torch.export, without Dynamo.

One line per shape and thread count:

    RESULT overhead shape=<rows>x768 threads=<n> ours_us=<t> inductor_us=<t> dynamo_floor_us=<t> eager_us=<t> ours_compile_us=<t>
"""
from __future__ import annotations

import argparse
import time

import torch

import inductor_mlir


def per_call_us(fn, x, calls: int, rounds: int) -> float:
    for _ in range(max(10, calls // 10)):
        fn(x)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            fn(x)
        best = min(best, (time.perf_counter() - start) / calls)
    return best * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer calls per round")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    torch.manual_seed(0)
    print(f"{'shape':>10} {'threads':>7} | {'eager':>8} {'dynamo floor':>12} {'inductor':>9} "
          f"{'ours (torch.compile)':>20} {'ours (compile)':>14}  [us per call]")
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        for rows in (4, 1024):
            x = torch.randn(rows, 768)
            calls = (300 if args.quick else 3000) if rows == 4 else (50 if args.quick else 400)
            model = torch.nn.LayerNorm(768).eval()
            ready = torch.empty(rows, 768)
            torch._dynamo.reset()
            with torch.no_grad():
                floor = torch.compile(model, backend=lambda gm, example_inputs: (lambda *a: ready))
                inductor = torch.compile(model)
                ours = torch.compile(model, backend="inductor_mlir")
                direct = inductor_mlir.compile(model, (x,))
                torch.testing.assert_close(ours(x), model(x), rtol=1e-5, atol=1e-5)
                torch.testing.assert_close(direct(x), model(x), rtol=1e-5, atol=1e-5)
                t = {name: per_call_us(fn, x, calls, args.rounds)
                     for name, fn in (("eager", model), ("floor", floor), ("inductor", inductor),
                                      ("ours", ours), ("direct", direct))}
            print(f"{rows:>6}x768 {threads:>7} | {t['eager']:8.1f} {t['floor']:12.1f} {t['inductor']:9.1f} "
                  f"{t['ours']:20.1f} {t['direct']:14.1f}", flush=True)
            print(f"RESULT overhead shape={rows}x768 threads={threads} ours_us={t['ours']:.1f} "
                  f"inductor_us={t['inductor']:.1f} dynamo_floor_us={t['floor']:.1f} eager_us={t['eager']:.1f} "
                  f"ours_compile_us={t['direct']:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
