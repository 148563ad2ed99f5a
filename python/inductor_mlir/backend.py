"""The torch.compile backend: torch.compile(model, backend="inductor_mlir").

Dynamo captures the graph; aot_autograd lowers it to ATen (functional, with our decomposition table) and
hands the forward (and, when gradients are needed, the backward) graph to compile_graph, which compiles what
it supports and leaves the rest to eager PyTorch. Without gradients (inference), the module's parameters and
buffers are compiled in as constants (options={"freeze": False} passes them at every call instead)."""
from __future__ import annotations

import logging

import torch
from functorch.compile import make_boxed_func
from torch._dynamo.backends.common import aot_autograd
from torch._functorch.aot_autograd import aot_export_joint_simple
from torch._dynamo.source import UnspecializedParamBufferSource
from torch._subclasses.fake_tensor import FakeTensor, unset_fake_temporarily

from .compiler import CompileOptions, compile_graph, decompositions, fold_frozen_constants

log = logging.getLogger("inductor_mlir")

#: CompileStats of every graph the backend compiled in this process, newest last.
compile_stats: list = []


def _module_state_inputs(gm: torch.fx.GraphModule, example_inputs) -> list:
    """Indices of the graph inputs that are parameters or buffers of a module (Dynamo passes them as inputs;
    its source of each input tells which ones they are)."""
    placeholders = [n for n in gm.graph.nodes if n.op == "placeholder"]
    indices = []
    for index, (node, value) in enumerate(zip(placeholders, example_inputs)):
        if not isinstance(value, torch.Tensor) or isinstance(value, FakeTensor):
            continue
        source = getattr(node.meta.get("grapharg"), "source", None)
        while source is not None and not isinstance(source, UnspecializedParamBufferSource):
            source = getattr(source, "base", None)
        if isinstance(value, torch.nn.Parameter) or source is not None:
            indices.append(index)
    return indices


class _FrozenStateCall:
    """An inference graph with the module's parameters and buffers compiled in as constants, so that the GEMM
    kernels pack their weights once, at compile time, instead of at every call (a LLaMA MLP at one token:
    the packing moved three times the weight bytes the product reads). A call whose weights are no longer
    the ones compiled in (another tensor, or changed in place: a new version) runs the graph in eager
    PyTorch instead, with a warning: always correct."""

    def __init__(self, fx_graph: torch.fx.GraphModule, real_inputs, frozen: list, options, name: str):
        self.graph_module = fx_graph
        self.frozen = frozen
        self.kept = [i for i in range(len(real_inputs)) if i not in set(frozen)]
        self.keys = [self._key(real_inputs[i]) for i in frozen]
        # The fast check per call: the same tensor object, at the same version and storage address. Only when
        # that fails the full key is compared (a ResNet's 112 parameters: 0.2 ms per call for the full keys,
        # which build shape and stride tuples, against about 1 % of the model's time).
        self.fast_keys = [(index, real_inputs[index], real_inputs[index]._version, real_inputs[index].data_ptr())
                          for index in frozen]
        graph = torch.fx.Graph()
        values = {}
        output = graph.graph_copy(fx_graph.graph, values)
        graph.output(output)
        owner = torch.nn.Module()
        placeholders = [n for n in graph.nodes if n.op == "placeholder"]
        for index in frozen:
            node, attr_name = placeholders[index], f"_frozen_{index}"
            owner.register_buffer(attr_name, real_inputs[index].detach())
            with graph.inserting_before(node):
                attr = graph.get_attr(attr_name)
            attr.meta = dict(node.meta)
            node.replace_all_uses_with(attr)
            graph.erase_node(node)
        frozen_module = torch.fx.GraphModule(owner, graph)
        fold_frozen_constants(frozen_module)
        self.compiled, self.stats = compile_graph(frozen_module, options, name=name)
        self.warned = False

    @staticmethod
    def _key(tensor: torch.Tensor):
        return tensor.data_ptr(), tensor._version, tuple(tensor.shape), tuple(tensor.stride()), tensor.dtype

    def __call__(self, *args):
        # Loops rather than generator expressions: each of those is a Python frame, which costs ~1 us per call
        # under Dynamo's frame hook.
        unchanged = True
        for index, tensor, version, pointer in self.fast_keys:
            arg = args[index]
            if arg is not tensor or arg._version != version or arg.data_ptr() != pointer:
                unchanged = False
                break
        if not unchanged:  # another tensor object may still be the same weights
            unchanged = True
            for index, key in zip(self.frozen, self.keys):
                if self._key(args[index]) != key:
                    unchanged = False
                    break
        if unchanged:
            kept = []
            for index in self.kept:
                kept.append(args[index])
            return self.compiled(*kept)
        if not self.warned:
            log.warning("inductor_mlir: the parameters compiled into %s changed; running it in eager PyTorch",
                        self.stats.kernels[0][0] if self.stats.kernels else "a graph")
            self.warned = True
        return self.graph_module(*args)


def inductor_mlir_backend(gm: torch.fx.GraphModule, example_inputs, options: dict | None = None):
    """Backend entry point. `options` (torch.compile(..., options={...})): strict, opt_level,
    fuse_elementwise, pipeline_options, freeze; see CompileOptions."""
    options = dict(options or {})
    freeze = options.pop("freeze", True)
    compile_options = CompileOptions(**options)
    # Inference only: with gradients the weights are inputs of the backward graph too.
    frozen = _module_state_inputs(gm, example_inputs) if freeze and not torch.is_grad_enabled() else []
    real_inputs = list(example_inputs)

    def build(fx_graph: torch.fx.GraphModule):
        name = f"graph{len(compile_stats)}"
        placeholders = [n for n in fx_graph.graph.nodes if n.op == "placeholder"]
        if frozen and len(placeholders) == len(real_inputs) and all(
                tuple(p.meta["val"].shape) == tuple(real_inputs[i].shape) for i, p in enumerate(placeholders)
                if isinstance(p.meta.get("val"), torch.Tensor)):
            with unset_fake_temporarily():
                call = _FrozenStateCall(fx_graph, real_inputs, frozen, compile_options, name)
            compiled, stats = call, call.stats
        else:
            compiled, stats = compile_graph(fx_graph, compile_options, name=name)
        compile_stats.append(stats)
        log.info("%s", stats.report())
        return compiled

    # Inference: when nothing needs gradients and the graph neither mutates nor aliases its inputs, its ATen
    # graph goes to Dynamo as is, without aot_autograd's run-time wrappers (25-30 us per call, a tenth of a
    # [1024, 768] layer_norm on two cores). Anything else takes aot_autograd, which handles all of that.
    needs_grad = torch.is_grad_enabled() and any(
        isinstance(t, torch.Tensor) and t.requires_grad for t in example_inputs)
    if not needs_grad:
        try:
            # Run through an Interpreter with node meta preserved, as aot_autograd does: each ATen node keeps
            # the source line (stack_trace) of its torch-level node, for the fallback log and IR locations.
            with torch.fx.traceback.preserve_node_meta():
                fx_graph = aot_export_joint_simple(torch.fx.Interpreter(gm).run, tuple(example_inputs),
                                                   trace_joint=False, decompositions=decompositions())
        except Exception as error:  # noqa: BLE001 - mutations, aliasing, ...: aot_autograd handles them
            log.info("inductor_mlir: graph exported through aot_autograd: %s", error)
        else:
            return build(fx_graph)

    return aot_autograd(fw_compiler=lambda fx_graph, inputs: make_boxed_func(build(fx_graph)),
                        bw_compiler=lambda fx_graph, inputs: make_boxed_func(build(fx_graph)),
                        decompositions=decompositions())(gm, example_inputs)


def register() -> None:
    from torch._dynamo.backends.registry import _BACKENDS, register_backend
    if "inductor_mlir" not in _BACKENDS:
        register_backend(name="inductor_mlir")(inductor_mlir_backend)
