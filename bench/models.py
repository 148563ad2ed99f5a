"""bench/run models [--quick]: the four reference models, ours vs eager vs torch.compile (default Inductor).

For every case (model, dtype, batch, threads) the three are timed in this process, interleaved, on the same
inputs: median of --reps calls after warm-up. Printed per case:

    RESULT models model=<name> dtype=<f32|bf16> batch=<b> threads=<n> vs_eager=<ratio> vs_inductor=<ratio>

where a ratio > 1 means ours is faster. Also printed: the compile time of each model (first call, including
graph capture) for ours and for torch.compile, and the peak resident memory of a process that runs the model
eagerly against one that runs it with ours (each in a fresh subprocess). A PNG plot of the speedups goes to
--out (default bench/out/models.png).

bf16 means torch.autocast("cpu", dtype=torch.bfloat16) around the call, for all three.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

import model_zoo  # noqa: E402

MODELS = ["bert", "gpt2", "llama", "resnet"]


def import_ours():
    import inductor_mlir  # noqa: F401  (registers the backend)
    return inductor_mlir


def context(dtype: str):
    return torch.autocast("cpu", dtype=torch.bfloat16, enabled=(dtype == "bf16"))


def time_calls(fn, args, kwargs, dtype, reps, min_seconds=0.0):
    """Median of at least `reps` calls, and of as many more as fit in `min_seconds` (sub-millisecond ops:
    the median of 3 calls swung 4x between runs)."""
    times = []
    with torch.no_grad(), context(dtype):
        begin = time.perf_counter()
        while len(times) < reps or time.perf_counter() - begin < min_seconds:
            start = time.perf_counter()
            fn(*args, **kwargs)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def first_call(fn, args, kwargs, dtype):
    with torch.no_grad(), context(dtype):
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        return time.perf_counter() - start, model_zoo.first_tensor(out)


def relative_error(out, ref):
    return ((out.float() - ref.float()).abs().max() / ref.float().abs().max()).item()


def memory_probe(name: str, mode: str, batch: int) -> None:
    """Runs one model once (eagerly or with ours) and prints the process's peak RSS in MiB as JSON."""
    model, args, kwargs = model_zoo.MODELS[name](batch=batch)
    fn = model
    if mode == "ours":
        import_ours()
        fn = torch.compile(model, backend="inductor_mlir")
    with torch.no_grad():
        for _ in range(2):
            fn(*args, **kwargs)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so every probe reported the (large)
    # benchmark parent's peak instead of its own.
    with open("/proc/self/status") as status:
        peak_mib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    params_mib = sum(p.numel() * p.element_size() for p in model.parameters()) / 2**20
    print(json.dumps({"peak_mib": peak_mib, "params_mib": params_mib}))


def measure_memory(name: str, batch: int) -> dict:
    result = {}
    for mode in ("eager", "ours"):
        proc = subprocess.run([sys.executable, __file__, "--memory-probe", name, mode, str(batch)],
                              capture_output=True, text=True, env=os.environ.copy())
        if proc.returncode != 0:
            raise RuntimeError(f"memory probe {name}/{mode} failed:\n{proc.stderr[-2000:]}")
        result[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{r['model']}\n{r['dtype']} b{r['batch']} t{r['threads']}" for r in rows]
    xs = range(len(rows))
    fig, ax = plt.subplots(figsize=(max(8, len(rows) * 0.7), 4.5))
    width = 0.4
    ax.bar([x - width / 2 for x in xs], [r["vs_eager"] for r in rows], width, label="ours vs eager")
    ax.bar([x + width / 2 for x in xs], [r["vs_inductor"] for r in rows], width, label="ours vs torch.compile")
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_ylabel("speedup (>1: ours faster)")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(labels, fontsize=7)
    ax.legend()
    ax.set_title("inductor_mlir on the reference models (higher is better)")
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="batch 1 only, fewer repetitions, no memory probes of batch 8")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--dtypes", default="f32,bf16")
    parser.add_argument("--batches", default=None, help="default 1,8 (1 with --quick)")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--reps", type=int, default=None, help="timed calls per case (default 5, 3 with --quick)")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-RSS subprocesses")
    parser.add_argument("--out", default=os.path.join(HERE, "out", "models.png"))
    parser.add_argument("--memory-probe", nargs=3, metavar=("MODEL", "MODE", "BATCH"), help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.memory_probe:
        memory_probe(opts.memory_probe[0], opts.memory_probe[1], int(opts.memory_probe[2]))
        return

    import_ours()
    models = opts.models.split(",")
    dtypes = opts.dtypes.split(",")
    batches = [int(b) for b in (opts.batches or ("1" if opts.quick else "1,8")).split(",")]
    threads_list = [int(t) for t in opts.threads.split(",")]
    reps = opts.reps or (3 if opts.quick else 5)
    print(f"torch {torch.__version__}, {os.cpu_count()} CPUs; torch.set_num_threads(n) sets the threads of all "
          f"three (ours follow it); median of {reps} calls after warm-up")

    rows, compile_rows = [], []
    for name in models:
        for dtype in dtypes:
            for batch in batches:
                model, args, kwargs = model_zoo.MODELS[name](batch=batch)
                torch._dynamo.reset()
                torch.set_num_threads(max(threads_list))
                ours = torch.compile(model, backend="inductor_mlir")
                inductor = torch.compile(model)
                ours_compile, ours_out = first_call(ours, args, kwargs, dtype)
                inductor_compile, inductor_out = first_call(inductor, args, kwargs, dtype)
                with torch.no_grad(), context(dtype):
                    eager_out = model_zoo.first_tensor(model(*args, **kwargs))
                error = relative_error(ours_out, eager_out)
                compile_rows.append((name, dtype, batch, ours_compile, inductor_compile, error))
                print(f"compile model={name} dtype={dtype} batch={batch} ours_s={ours_compile:.1f} "
                      f"inductor_s={inductor_compile:.1f} rel_err_vs_eager={error:.2e}", flush=True)
                for threads in threads_list:
                    torch.set_num_threads(threads)
                    for fn in (model, ours, inductor):  # warm-up at this thread count
                        time_calls(fn, args, kwargs, dtype, 1)
                    t_eager = time_calls(model, args, kwargs, dtype, reps)
                    t_ours = time_calls(ours, args, kwargs, dtype, reps)
                    t_inductor = time_calls(inductor, args, kwargs, dtype, reps)
                    row = dict(model=name, dtype=dtype, batch=batch, threads=threads, ours_ms=t_ours * 1e3,
                               eager_ms=t_eager * 1e3, inductor_ms=t_inductor * 1e3,
                               vs_eager=t_eager / t_ours, vs_inductor=t_inductor / t_ours)
                    rows.append(row)
                    print(f"  threads={threads} ours={row['ours_ms']:.1f} ms eager={row['eager_ms']:.1f} ms "
                          f"torch.compile={row['inductor_ms']:.1f} ms", flush=True)
                    print(f"RESULT models model={name} dtype={dtype} batch={batch} threads={threads} "
                          f"vs_eager={row['vs_eager']:.3f} vs_inductor={row['vs_inductor']:.3f}", flush=True)

    print("\n%-7s %-5s %5s %7s %10s %10s %14s %9s %12s" % ("model", "dtype", "batch", "threads", "ours ms",
                                                          "eager ms", "torch.compile", "vs eager",
                                                          "vs t.compile"))
    for r in rows:
        print("%-7s %-5s %5d %7d %10.1f %10.1f %14.1f %9.3f %12.3f" % (
            r["model"], r["dtype"], r["batch"], r["threads"], r["ours_ms"], r["eager_ms"], r["inductor_ms"],
            r["vs_eager"], r["vs_inductor"]))
    print("\ncompile time (first call, incl. graph capture):")
    for name, dtype, batch, ours_s, inductor_s, error in compile_rows:
        print(f"  {name:7s} {dtype:5s} batch={batch}: ours {ours_s:6.1f} s   torch.compile {inductor_s:6.1f} s   "
              f"max rel err vs eager {error:.1e}")

    if not opts.no_memory:
        print("\npeak resident memory of one process running the model (batch 1, fp32):")
        for name in models:
            memory = measure_memory(name, 1)
            eager, ours_mem = memory["eager"], memory["ours"]
            print(f"  {name:7s} eager {eager['peak_mib']:7.0f} MiB   ours {ours_mem['peak_mib']:7.0f} MiB   "
                  f"(parameters {eager['params_mib']:.0f} MiB; ours/eager {ours_mem['peak_mib'] / eager['peak_mib']:.2f})")
    plot(rows, opts.out)
    print(f"\nplot: {opts.out}")


if __name__ == "__main__":
    main()
