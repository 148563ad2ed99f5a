"""bench/run blocks [--quick]: model building blocks, ours vs eager vs torch.compile (default Inductor).

Blocks: a BERT-base encoder layer (seq 128), a LLaMA-style MLP (hidden 4096, intermediate 11008, gate/up/SiLU/
down; M = 1 and 128 tokens), a ResNet-50 bottleneck block (256 channels, 56x56), and standalone softmax and
layer_norm on [1024, 768]. Each in fp32 and bf16 (torch.autocast for the layers; bf16 tensors for the
standalone ops), on 1 and 2 threads. The three are timed in this process, interleaved, on the same inputs:
the better of two interleaved rounds, each the median of
--reps calls (and of as many as fit in 0.05 s, 0.2 s without --quick) after warm-up. One line per case:

    RESULT blocks block=<name> dtype=<f32|bf16> threads=<n> vs_eager=<ratio> vs_inductor=<ratio> [pct_bandwidth=<p>]

where a ratio > 1 means ours is faster. pct_bandwidth (standalone ops) is the bytes read and written once
(input + output) per second over the DRAM triad bandwidth measured by `inductor-bench-gemm --impl=peak` in the
same run; a [1024, 768] tensor fits the L2/L3 caches, so it can exceed 100. A PNG plot goes to --out.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

import model_zoo  # noqa: E402
from models import context, first_call, import_ours, relative_error, time_calls  # noqa: E402


class LlamaMLP(nn.Module):
    def __init__(self, hidden: int = 4096, intermediate: int = 11008):
        super().__init__()
        self.gate = nn.Linear(hidden, intermediate, bias=False)
        self.up = nn.Linear(hidden, intermediate, bias=False)
        self.down = nn.Linear(intermediate, hidden, bias=False)

    def forward(self, x):
        return self.down(nn.functional.silu(self.gate(x)) * self.up(x))


class Softmax(nn.Module):
    def forward(self, x):
        return torch.softmax(x, dim=-1)


class LayerNorm(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(768)

    def forward(self, x):
        return self.norm(x)


def bert_layer():
    from transformers import BertConfig
    from transformers.models.bert.modeling_bert import BertLayer
    torch.manual_seed(0)
    config = BertConfig()
    # A standalone layer does not go through from_pretrained's dispatch: without this the attention
    # interface is looked up at run time, which breaks the graph into four.
    config._attn_implementation = "sdpa"
    return BertLayer(config).eval(), (torch.randn(1, 128, 768),)


def llama_mlp(tokens):
    def build():
        torch.manual_seed(1)
        return LlamaMLP().eval(), (torch.randn(tokens, 4096),)
    return build


def bottleneck():
    torch.manual_seed(2)
    return model_zoo.Bottleneck(256, 64).eval(), (torch.randn(1, 256, 56, 56),)


def standalone(module):
    def build():
        torch.manual_seed(3)
        return module().eval(), (torch.randn(1024, 768),)
    return build


# name -> (builder, memory-bound standalone op)
BLOCKS = {
    "bert_layer": (bert_layer, False),
    "llama_mlp_m1": (llama_mlp(1), False),
    "llama_mlp_m128": (llama_mlp(128), False),
    "resnet_bottleneck": (bottleneck, False),
    "softmax": (standalone(Softmax), True),
    "layer_norm": (standalone(LayerNorm), True),
}


def triad_bandwidth(build: str, threads: int) -> float:
    """GB/s of the DRAM triad from inductor-bench-gemm --impl=peak (nan if the tool is not built)."""
    tool = os.path.join(build, "bin", "inductor-bench-gemm")
    if not os.path.exists(tool):
        return float("nan")
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    out = subprocess.run([tool, "--impl=peak", f"--num-threads={threads}"], env=env, capture_output=True,
                         text=True)
    for item in out.stdout.split():
        if item.startswith("bandwidth_gbs="):
            return float(item.split("=", 1)[1])
    return float("nan")


def plot(rows, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench/blocks: matplotlib not installed, no plot")
        return
    labels = [f"{r['block']}\n{r['dtype']} {r['threads']}t" for r in rows]
    x = range(len(rows))
    fig, ax = plt.subplots(figsize=(max(8, len(rows) * 0.6), 4.5))
    ax.bar([v - 0.2 for v in x], [r["vs_eager"] for r in rows], 0.4, label="vs eager")
    ax.bar([v + 0.2 for v in x], [r["vs_inductor"] for r in rows], 0.4, label="vs torch.compile")
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_ylabel("speedup of ours (>1: faster)")
    ax.set_xticks(list(x))
    ax.set_xticklabels(labels, rotation=90, fontsize=6)
    ax.legend(fontsize=7)
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=110)


def main():
    parser = argparse.ArgumentParser(prog="bench/run blocks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--blocks", default=",".join(BLOCKS))
    parser.add_argument("--dtypes", default="f32,bf16")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--reps", type=int, default=None, help="timed calls per case (default 10, 3 with --quick)")
    parser.add_argument("--build", default=os.environ.get("INDUCTOR_BUILD_DIR", os.path.join(ROOT, "build")))
    parser.add_argument("--out", default=os.path.join(HERE, "out", "blocks.png"))
    opts = parser.parse_args()
    unknown = [b for b in opts.blocks.split(",") if b not in BLOCKS]
    if unknown:
        sys.exit(f"bench/blocks: unknown block(s) {', '.join(unknown)} (known: {', '.join(BLOCKS)})")

    import_ours()
    threads_list = [int(t) for t in opts.threads.split(",")]
    reps = opts.reps or (3 if opts.quick else 10)
    min_seconds = 0.05 if opts.quick else 0.2
    bandwidth = {t: triad_bandwidth(opts.build, t) for t in threads_list}
    print(f"torch {torch.__version__}, {os.cpu_count()} CPUs; better of 2 rounds of the median of {reps}+ calls ({min_seconds} s); triad "
          + ", ".join(f"{bandwidth[t]:.1f} GB/s ({t} thread(s))" for t in threads_list))
    rows = []
    for name in opts.blocks.split(","):
        builder, memory_bound = BLOCKS[name]
        for dtype in opts.dtypes.split(","):
            model, args = builder()
            if memory_bound and dtype == "bf16":  # standalone ops on bf16 tensors, not autocast
                model, args = model.to(torch.bfloat16), tuple(a.to(torch.bfloat16) for a in args)
                run_dtype = "f32"
            else:
                run_dtype = dtype
            torch._dynamo.reset()
            torch.set_num_threads(max(threads_list))
            ours = torch.compile(model, backend="inductor_mlir")
            inductor = torch.compile(model)
            ours_s, ours_out = first_call(ours, args, {}, run_dtype)
            inductor_s, _ = first_call(inductor, args, {}, run_dtype)
            with torch.no_grad(), context(run_dtype):
                eager_out = model_zoo.first_tensor(model(*args))
            error = relative_error(ours_out, eager_out)
            print(f"compile block={name} dtype={dtype} ours_s={ours_s:.1f} inductor_s={inductor_s:.1f} "
                  f"rel_err_vs_eager={error:.2e}", flush=True)
            for threads in threads_list:
                torch.set_num_threads(threads)
                for fn in (model, ours, inductor):
                    time_calls(fn, args, {}, run_dtype, 1)
                # Two interleaved rounds, the better median of each: a burst of noise on this shared machine
                # then hits one round of one implementation, not the ratio.
                best = [float("inf")] * 3
                for _ in range(2):
                    for i, fn in enumerate((model, ours, inductor)):
                        best[i] = min(best[i], time_calls(fn, args, {}, run_dtype, reps, min_seconds))
                t_eager, t_ours, t_inductor = best
                row = dict(block=name, dtype=dtype, threads=threads, vs_eager=t_eager / t_ours,
                           vs_inductor=t_inductor / t_ours)
                rows.append(row)
                extra = ""
                if memory_bound:
                    moved = 2 * args[0].numel() * args[0].element_size()
                    extra = f" pct_bandwidth={moved / t_ours / 1e9 / bandwidth[threads] * 100:.0f}"
                print(f"  threads={threads} ours={t_ours * 1e3:.3f} ms eager={t_eager * 1e3:.3f} ms "
                      f"torch.compile={t_inductor * 1e3:.3f} ms", flush=True)
                print(f"RESULT blocks block={name} dtype={dtype} threads={threads} vs_eager={row['vs_eager']:.3f} "
                      f"vs_inductor={row['vs_inductor']:.3f}{extra}", flush=True)
    plot(rows, opts.out)
    print(f"\nplot: {opts.out}")


if __name__ == "__main__":
    main()
