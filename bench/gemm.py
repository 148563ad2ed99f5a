"""bench/run gemm [--quick]: our GEMM against oneDNN's matmul and eager PyTorch, in one run.

Every (implementation, dtype, thread count) runs in its own process over all shapes, one after the other, so
two OpenMP runtimes (LLVM's for our code, GNU's for oneDNN and PyTorch) never spin against each other:
    ours    build/bin/inductor-bench-gemm --impl=ours    (aten.linear, weights frozen: packed at compile time)
    oneDNN  build/bin/inductor-bench-gemm --impl=onednn  (weights reordered once to the layout it prefers)
    eager   torch.nn.functional.linear, torch.set_num_threads(n) (f32 and bf16; eager PyTorch has no u8s8s32
            GEMM on CPU outside quantized modules)
Weights are [N, K] as in nn.Linear; each result is the best of repeated calls, over --rounds rounds that
alternate the implementations (the machines are shared and noisy: the same build varies up to 2x between
runs, so only best-of numbers taken close together are compared). The peaks of this machine
(AVX-512 FMA, AVX512-BF16 and AVX512-VNNI dot products, AMX bf16 and int8 with register-resident tiles,
triad memory bandwidth) are measured in the same run; '% peak' is against the fastest unit for the dtype.

Printed: a table per dtype and thread count (GFLOP/s, ratio to oneDNN, % of peak; for M = 1 the weight bytes
streamed per second as % of the measured bandwidth), and one line per dtype and thread count:

    RESULT gemm dtype=<f32|bf16|u8s8s32> threads=<n> geomean_vs_onednn=<ratio>

plus a PNG plot (--out). u8s8s32 (u8 activations, s8 weights, s32 results) has no aten op: ours compiles the
linalg contraction that quantize/dequantize fusion produces (u8 zero-extended, s8 sign-extended), oneDNN runs
its u8 x s8 -> s32 matmul.
"""
from __future__ import annotations

import argparse
import math
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SQUARE = [256, 512, 1024, 2048, 4096]
TOKENS = [1, 32, 128, 512, 2048]
KN = [(768, 768), (768, 3072), (3072, 768), (4096, 4096), (4096, 11008), (11008, 4096)]
QUICK_SHAPES = [(512, 512, 512), (2048, 2048, 2048), (1, 3072, 768), (128, 3072, 768), (1, 4096, 4096),
                (128, 4096, 4096)]


def all_shapes():
    shapes = [(s, s, s) for s in SQUARE]
    shapes += [(m, n, k) for m in TOKENS for (k, n) in KN]
    return shapes


def parse_line(line):
    return dict(kv.split("=", 1) for kv in line.split() if "=" in kv)


def run_tool(build, impl, dtype, threads, shapes, min_time_ms):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    cmd = [os.path.join(build, "bin", "inductor-bench-gemm"), f"--impl={impl}", f"--dtype={dtype}",
           f"--num-threads={threads}", f"--min-time-ms={min_time_ms}",
           "--shapes=" + ",".join(f"{m}x{n}x{k}" for m, n, k in shapes)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"bench/gemm: {' '.join(cmd)} failed:\n{out.stderr}")
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith("impl="):
            d = parse_line(line)
            results[(int(d["m"]), int(d["n"]), int(d["k"]))] = d
    return results


def run_peak(build, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    cmd = [os.path.join(build, "bin", "inductor-bench-gemm"), "--impl=peak", f"--num-threads={threads}"]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return parse_line(out.stdout.strip().splitlines()[-1])


EAGER = r"""
import sys, time, torch
dtype = {"f32": torch.float32, "bf16": torch.bfloat16}[sys.argv[1]]
torch.set_num_threads(int(sys.argv[2]))
min_time = float(sys.argv[3]) / 1000
torch.manual_seed(0)
for item in sys.argv[4].split(","):
    m, n, k = map(int, item.split("x"))
    a = torch.rand(m, k).to(dtype) * 2 - 1
    w = torch.rand(n, k).to(dtype) * 2 - 1
    with torch.no_grad():
        # As the C++ tool times: a call longer than the budget is warm after one and gets 2 timed calls.
        t = time.perf_counter(); torch.nn.functional.linear(a, w); t = time.perf_counter() - t
        min_calls = 2 if t > min_time else 5
        if min_calls == 5:
            torch.nn.functional.linear(a, w)
        best, total, calls = 1e30, 0.0, 0
        while total < min_time or calls < min_calls:
            t = time.perf_counter(); torch.nn.functional.linear(a, w); t = time.perf_counter() - t
            best = min(best, t); total += t; calls += 1
    us = best * 1e6
    print(f"impl=eager m={m} n={n} k={k} best_us={us:.2f} gflops={2*m*n*k/us/1e3:.2f}", flush=True)
"""


def run_eager(dtype, threads, shapes, min_time_ms):
    if dtype not in ("f32", "bf16"):
        return None
    try:
        import torch  # noqa: F401
    except ImportError:
        return None
    cmd = [sys.executable, "-c", EAGER, dtype, str(threads), str(min_time_ms),
           ",".join(f"{m}x{n}x{k}" for m, n, k in shapes)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"bench/gemm: eager PyTorch failed, left out:\n{out.stderr}", file=sys.stderr)
        return None
    results = {}
    for line in out.stdout.splitlines():
        d = parse_line(line)
        results[(int(d["m"]), int(d["n"]), int(d["k"]))] = d
    return results


def best_of(best, results):
    """Keeps, per shape, the fastest of the results seen so far."""
    for key, d in (results or {}).items():
        if key not in best or float(d.get("gflops", "nan")) > float(best[key].get("gflops", "nan")):
            best[key] = d


def geomean(values):
    values = [v for v in values if v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(prog="bench/run gemm", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="6 shapes, shorter timing (under two minutes)")
    parser.add_argument("--dtypes", default="f32,bf16,u8s8s32")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--min-time-ms", type=float, default=None, help="time per shape and implementation")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of them counts")
    parser.add_argument("--build", default=os.environ.get("INDUCTOR_BUILD_DIR", os.path.join(ROOT, "build")))
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "gemm.png"))
    args = parser.parse_args()
    shapes = QUICK_SHAPES if args.quick else all_shapes()
    min_time = args.min_time_ms or (50 if args.quick else 250)
    dtypes = args.dtypes.split(",")
    thread_counts = [int(t) for t in args.threads.split(",")]
    start = time.time()
    rows = {}
    for threads in thread_counts:
        peak = run_peak(args.build, threads)
        print(f"# peaks, {threads} thread(s) (0: no such unit): {peak.get('fma_isa', '')} FMA "
              f"{float(peak['fma_f32_gflops']):.0f} GFLOP/s, "
              f"AVX512-BF16 dot {float(peak['avx512_bf16_gflops']):.0f} GFLOP/s, "
              f"AVX512-VNNI dot {float(peak['avx512_vnni_gops']):.0f} GOP/s, "
              f"AVX2 int8 pairs {float(peak['avx2_int8_gops']):.0f} GOP/s, "
              f"AMX bf16 {float(peak['amx_bf16_gflops']):.0f} GFLOP/s, "
              f"AMX int8 {float(peak['amx_int8_gops']):.0f} GOP/s, "
              f"memory {float(peak['bandwidth_gbs']):.1f} GB/s (triad)")
        for dtype in dtypes:
            ours, onednn, eager = {}, {}, {}
            for r in range(args.rounds):
                best_of(ours, run_tool(args.build, "ours", dtype, threads, shapes, min_time))
                best_of(onednn, run_tool(args.build, "onednn", dtype, threads, shapes, min_time))
                # Eager is context, not a target: --quick times it in one round (bf16 on a CPU without bf16
                # units takes seconds per call, a quarter of the run).
                if r == 0 or not args.quick:
                    best_of(eager, run_eager(dtype, threads, shapes, min_time))
            # % peak is against the fastest unit the host has for the dtype (the one our kernels select):
            # AMX, else the AVX-512 dot products, else (bf16) the f32 FMAs, (int8) the AVX2 pair products.
            units = {"f32": ["fma_f32_gflops"], "bf16": ["amx_bf16_gflops", "avx512_bf16_gflops", "fma_f32_gflops"],
                     "u8s8s32": ["amx_int8_gops", "avx512_vnni_gops", "avx2_int8_gops"]}[dtype]
            peak_gflops = next((float(peak[u]) for u in units if float(peak.get(u, 0))), 0.0)
            bandwidth = float(peak["bandwidth_gbs"])
            elt = {"bf16": 2, "u8s8s32": 1}.get(dtype, 4)
            print(f"\n## {dtype}, {threads} thread(s)")
            print(f"{'M':>5} {'N':>6} {'K':>6} | {'ours':>8} {'oneDNN':>8} {'eager':>8} G(FL)OP/s | "
                  f"{'vs oneDNN':>9} {'vs eager':>8} | {'% peak':>6} {'% bw':>5}  max_rel_err  oneDNN kernel")
            ratios = []
            for (m, n, k) in shapes:
                # oneDNN reports 'unsupported' for a dtype this CPU has no kernel for (bf16 without AVX512-BF16).
                o, d = float(ours[(m, n, k)]["gflops"]), float(onednn[(m, n, k)].get("gflops", "nan"))
                e = float(eager[(m, n, k)]["gflops"]) if eager else float("nan")
                ratio = o / d
                if not math.isnan(ratio):
                    ratios.append(ratio)
                us = float(ours[(m, n, k)]["best_us"])
                bw = n * k * elt / us / 1e3 / bandwidth * 100 if m == 1 else float("nan")
                bw_text = f"{bw:5.0f}" if m == 1 else f"{'':>5}"
                print(f"{m:>5} {n:>6} {k:>6} | {o:8.1f} {d:8.1f} {e:8.1f}           | {ratio:9.2f} "
                      f"{o / e if eager else float('nan'):8.2f} | {o / peak_gflops * 100 if peak_gflops else float('nan'):6.1f} {bw_text}  "
                      f"{ours[(m, n, k)].get('max_rel_err', '-'):>11}  {onednn[(m, n, k)].get('kernel', '')}")
                rows[(dtype, threads, m, n, k)] = (o, d, e)
            g = geomean(ratios)
            if not ratios:
                print(f"# oneDNN has no {dtype} matmul on this CPU: no ratio")
            print(f"RESULT gemm dtype={dtype} threads={threads} geomean_vs_onednn={g:.3f}")
            if any(m == 1 for m, _, _ in shapes):
                print("# M = 1: '% bw' is weight bytes per second over the DRAM triad bandwidth; weights that fit "
                      "the L3 are served from it on repeated calls, so it can exceed 100")
    print(f"\n# bench/gemm took {time.time() - start:.0f} s")
    plot(rows, shapes, dtypes, thread_counts, args.out)


def plot(rows, shapes, dtypes, thread_counts, out):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench/gemm: matplotlib not installed, no plot")
        return
    fig, axes = plt.subplots(len(dtypes), len(thread_counts), figsize=(6 * len(thread_counts) + 4,
                                                                        3.5 * len(dtypes)), squeeze=False)
    labels = [f"{m}x{n}x{k}" for m, n, k in shapes]
    for i, dtype in enumerate(dtypes):
        for j, threads in enumerate(thread_counts):
            ax = axes[i][j]
            vals = [rows[(dtype, threads, m, n, k)] for m, n, k in shapes]
            x = range(len(shapes))
            width = 0.28
            ax.bar([v - width for v in x], [v[0] for v in vals], width, label="ours")
            ax.bar(list(x), [v[1] for v in vals], width, label="oneDNN")
            if not all(math.isnan(v[2]) for v in vals):
                ax.bar([v + width for v in x], [v[2] for v in vals], width, label="eager torch")
            ax.set_yscale("log")
            ax.set_title(f"{dtype}, {threads} thread(s): G(FL)OP/s (MxNxK)")
            ax.set_xticks(list(x))
            ax.set_xticklabels(labels, rotation=90, fontsize=6)
            ax.legend(fontsize=7)
    fig.tight_layout()
    os.makedirs(os.path.dirname(out), exist_ok=True)
    fig.savefig(out, dpi=110)
    print(f"# plot: {out}")


if __name__ == "__main__":
    main()
