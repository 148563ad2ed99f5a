"""bench/run math: the f32 transcendental functions, approximated (inductor-approximate-math, the default) vs.
the C library (approximate-math=false) vs. eager PyTorch, in one run.

Accuracy: the maximum and mean error in ulps of the correctly rounded result (float64 reference) on 2,000,001
points per function over its useful range (the table of docs/pipeline.md; test_approximations.py checks the
bounds). Speed: best of --repeat calls of the op on a [1024, 3072] f32 tensor on one thread, ours through
inductor-run, eager through torch.
"""
from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "Integration"))

import torch  # noqa: E402

import harness  # noqa: E402
from aten_exec import op_ir, ttype  # noqa: E402
from test_approximations import afn_exp_ir, ulp_errors  # noqa: E402

F = torch.float32
CASES = {  # op -> (float64 reference, accuracy grid)
    "aten.exp": (torch.exp, torch.linspace(-87.0, 88.0, 2_000_001)),
    # math.exp with approximate functions allowed: the exp of softmax and of values stored in bf16 or f16.
    "exp afn": (torch.exp, torch.linspace(-87.0, 88.0, 2_000_001)),
    "exp afn, small x": (torch.exp, torch.linspace(-20.0, 20.0, 2_000_001)),
    "aten.tanh": (torch.tanh, torch.linspace(-10.0, 10.0, 2_000_001)),
    "aten.erf": (torch.erf, torch.linspace(-5.0, 5.0, 2_000_001)),
    "aten.log": (torch.log, torch.logspace(-37.0, 38.0, 2_000_001)),
    "aten.sigmoid": (torch.sigmoid, torch.linspace(-80.0, 80.0, 2_000_001)),
    "aten.silu": (torch.nn.functional.silu, torch.linspace(-80.0, 80.0, 2_000_001)),
    "aten.gelu": (torch.nn.functional.gelu, None),
}
MODES = {"approximate": "num-threads=1", "libm": "num-threads=1 approximate-math=false"}


def case_ir(op: str, shape) -> str:
    if op.startswith("exp afn"):  # no aten op spells it: a flat generic over as many elements
        return afn_exp_ir(math.prod(shape))
    return op_ir(op, [ttype(shape, F)], ttype(shape, F))


def time_ours(build: str, op: str, repeat: int, options: str) -> float:
    shape = (1024, 3072)
    with tempfile.NamedTemporaryFile("w", suffix=".mlir", delete=False) as f:
        f.write(case_ir(op, shape))
    try:
        out = subprocess.run([os.path.join(build, "bin", "inductor-run"), f.name, f"--repeat={repeat}",
                              "--print-time", "--quiet", f"--pipeline-options={options}"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    best = next(item for item in out.split() if item.startswith("best="))
    return float(best.split("=")[1]) / 1e3


def time_eager(fn, repeat: int) -> float:
    torch.set_num_threads(1)
    x = torch.randn(1024, 3072)
    fn(x)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(x)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main():
    parser = argparse.ArgumentParser(prog="bench/run math", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--build", default=os.environ.get("INDUCTOR_BUILD_DIR", os.path.join(ROOT, "build")))
    opts = parser.parse_args()
    os.environ.setdefault("INDUCTOR_BUILD_DIR", opts.build)
    print(f"{'op':16s} {'mode':12s} {'range':>10s} {'max ulp':>8s} {'mean ulp':>9s} {'ms [1024,3072]':>15s}")
    for op, (fn, grid) in CASES.items():
        rows = {}
        for mode, options in MODES.items():
            err = None
            if grid is not None:
                x = grid.to(F)
                ir = case_ir(op, x.shape)
                (out,) = harness.run_mlir(ir, "f", [x], [f"--pipeline-options={options}"])
                ref = fn(x.double())
                finite = torch.isfinite(out) & torch.isfinite(ref)
                err = ulp_errors(out[finite], ref[finite])
            rows[mode] = (err, time_ours(opts.build, op, opts.repeat, options))
        if grid is not None:
            x = grid.to(F)
            ref = fn(x.double())
            eager = fn(x)
            finite = torch.isfinite(eager) & torch.isfinite(ref)
            rows["eager"] = (ulp_errors(eager[finite], ref[finite]), time_eager(fn, opts.repeat))
        else:
            rows["eager"] = (None, time_eager(fn, opts.repeat))
        for mode, (err, ms) in rows.items():
            acc = f"{err.max().item():8.2f} {err.mean().item():9.3f}" if err is not None else f"{'-':>8s} {'-':>9s}"
            span = f"[{grid[0].item():g}, {grid[-1].item():g}]" if grid is not None else "-"
            print(f"{op:16s} {mode:12s} {span:>10s} {acc} {ms:15.2f}", flush=True)


if __name__ == "__main__":
    main()
