"""The torch.compile backend: torch.compile(model, backend="inductor_mlir").

Dynamo captures the graph; aot_autograd lowers it to ATen (functional, with our decomposition table) and
hands the forward (and, when gradients are needed, the backward) graph to compile_graph, which compiles what
it supports and leaves the rest to eager PyTorch."""
from __future__ import annotations

import logging

import torch
from functorch.compile import make_boxed_func
from torch._dynamo.backends.common import aot_autograd

from .compiler import CompileOptions, compile_graph, decompositions

log = logging.getLogger("inductor_mlir")

#: CompileStats of every graph the backend compiled in this process, newest last.
compile_stats: list = []


def inductor_mlir_backend(gm: torch.fx.GraphModule, example_inputs, options: dict | None = None):
    """Backend entry point. `options` (torch.compile(..., options={...})): strict, opt_level,
    fuse_elementwise, pipeline_options; see CompileOptions."""
    compile_options = CompileOptions(**(options or {}))

    def compiler(fx_graph: torch.fx.GraphModule, inputs):
        compiled, stats = compile_graph(fx_graph, compile_options, name=f"graph{len(compile_stats)}")
        compile_stats.append(stats)
        log.info("%s", stats.report())
        return make_boxed_func(compiled)

    return aot_autograd(fw_compiler=compiler, bw_compiler=compiler, decompositions=decompositions())(
        gm, example_inputs)


def register() -> None:
    from torch._dynamo.backends.registry import _BACKENDS, register_backend
    if "inductor_mlir" not in _BACKENDS:
        register_backend(name="inductor_mlir")(inductor_mlir_backend)
