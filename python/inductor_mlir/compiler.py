"""compile(): FX graphs and exported programs to native code, with eager fallback for unsupported ops."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import torch
import torch.fx
from torch.fx.passes.infra.partitioner import CapabilityBasedPartitioner
from torch.fx.passes.operator_support import OperatorSupportBase
from torch._subclasses.fake_tensor import unset_fake_temporarily

# The C functions behind torch.utils.dlpack's (from_dlpack is a Python wrapper that also takes __dlpack__
# objects; ours are always capsules).
_to_dlpack = torch._C._to_dlpack
_from_dlpack = torch._C._from_dlpack

from . import _native
from ._aten_ops import ATEN_OPS
from .importer import (ImportedFunction, UnsupportedNode, check_node, describe_node, import_graph,
                       node_is_dropped, op_name, source_line, _SPECIAL, _fetch_attr)

log = logging.getLogger("inductor_mlir")


class UnsupportedOperatorError(RuntimeError):
    """Raised in strict mode for an op the compiler does not support; names the op and its source line."""


@dataclass
class CompileOptions:
    strict: bool = False
    opt_level: int = 2
    fuse_elementwise: bool = True
    pipeline_options: str = ""


@dataclass
class CompileStats:
    """What one compile did: kernels formed, ops that fell back to eager, and the time spent."""
    kernels: list
    fallbacks: list
    compile_seconds: float

    def report(self) -> str:
        lines = [f"inductor_mlir: {len(self.kernels)} compiled kernel(s), {len(self.fallbacks)} op(s) in eager, "
                 f"compile {self.compile_seconds:.2f} s"]
        for name, ops in self.kernels:
            lines.append(f"  kernel {name}: {len(ops)} op(s): {', '.join(ops)}")
        for description, reason in self.fallbacks:
            lines.append(f"  eager: {description}: {reason}")
        return "\n".join(lines)


def natively_supported(name: str) -> bool:
    """Whether an ATen op name ('aten.add.Tensor') maps onto the dialect (directly or by a rewrite)."""
    return name.removeprefix("aten.") in ATEN_OPS or name in _SPECIAL


def decompositions() -> dict:
    """PyTorch's core-ATen decompositions, minus those of ops the dialect models itself: tracing then breaks
    composite ops we do not support into ones we do, and leaves layer_norm, gelu, attention... whole."""
    table = {}
    for op, fn in torch._decomp.core_aten_decompositions().items():
        if isinstance(op, torch._ops.OpOverload):
            name = op._schema.name.replace("::", ".")
            full = name if op._overloadname == "default" else f"{name}.{op._overloadname}"
            if natively_supported(full):
                continue
        table[op] = fn
    return table


def fold_frozen_constants(gm: torch.fx.GraphModule) -> int:
    """Evaluates, once, the ops whose tensor inputs are all compiled-in constants (get_attr nodes): under
    autocast every frozen weight is cast to bf16 (and transposed) at each call, which also left the GEMM
    packing it at each call. Only pure ops whose result is no larger than their inputs are folded (an
    expand would materialize). Returns the number of folded nodes."""
    folded = 0
    for node in list(gm.graph.nodes):
        if node.op != "call_function" or not isinstance(node.target, torch._ops.OpOverload):
            continue
        schema = node.target._schema
        if schema.is_mutable or torch.Tag.nondeterministic_seeded in node.target.tags:
            continue
        inputs = [n for n in node.all_input_nodes]
        if not inputs or any(n.op != "get_attr" for n in inputs):
            continue
        values = {n: _fetch_attr(gm, n.target) for n in inputs}
        if not all(isinstance(v, torch.Tensor) for v in values.values()):
            continue
        args, kwargs = torch.fx.node.map_arg((node.args, node.kwargs), lambda n: values[n])
        with torch.no_grad():
            result = node.target(*args, **kwargs)
        if not isinstance(result, torch.Tensor) or result.numel() > sum(v.numel() for v in values.values()):
            continue
        name = f"_folded_{folded}"
        while hasattr(gm, name):
            name += "_"
        gm.register_buffer(name, result.contiguous())
        with gm.graph.inserting_before(node):
            attr = gm.graph.get_attr(name)
        attr.meta = dict(node.meta)
        node.replace_all_uses_with(attr)
        gm.graph.erase_node(node)
        folded += 1
    if folded:
        gm.graph.eliminate_dead_code()
        gm.recompile()
    return folded


class CompiledGraph:
    """A graph whose every node the importer supports, compiled to one native function."""

    def __init__(self, gm: torch.fx.GraphModule, name: str, options: CompileOptions, dim_ranges=None):
        # Under torch.compile a fake-tensor mode is active; constants must be read as the real tensors they are.
        with unset_fake_temporarily():
            self.imported: ImportedFunction = import_graph(gm, "main", dim_ranges=dim_ranges)
        self.name = name
        output = next(n for n in gm.graph.nodes if n.op == "output")
        self.single_output = not isinstance(output.args[0], (list, tuple))
        start = time.perf_counter()
        self.function = _native.compile(self.imported.text, "main", source_name=f"<inductor_mlir:{name}>",
                                        opt_level=options.opt_level, fuse_elementwise=options.fuse_elementwise,
                                        pipeline_options=options.pipeline_options,
                                        constants=[(name, t.data_ptr(), t.numel() * t.element_size())
                                                   for name, t in self.imported.constants])
        self.compile_seconds = time.perf_counter() - start

        self._argument_inputs = tuple(self.imported.argument_inputs)
        self._outputs = tuple(self.imported.outputs)
        # The common case, one output that is the function's only result, skips the output plan.
        self._only_result = self.single_output and self._outputs == (("result", 0),)

    def __call__(self, *args):
        # Per-call overhead matters for small kernels (a [4, 768] layer_norm runs in ~1 us): plain loops and C
        # functions only. Under torch.compile every Python frame entered here (a comprehension is one in Python
        # 3.11, torch.utils.dlpack.from_dlpack another) also passes Dynamo's frame hook: ~1 us each.
        threads = torch.get_num_threads()
        if threads != _threads[0]:
            _native.set_num_threads(threads)
            _threads[0] = threads
        tensors, capsules = [], []
        for index in self._argument_inputs:
            tensor = args[index]
            if not tensor.is_contiguous():
                tensor = tensor.contiguous()
            tensors.append(tensor)
            capsules.append(_to_dlpack(tensor.detach() if tensor.requires_grad else tensor))
        results = self.function.call_dlpack(capsules, tensors)
        if self._only_result:
            return _from_dlpack(results[0])
        outputs = []
        for kind, value in self._outputs:
            outputs.append(_from_dlpack(results[value]) if kind == "result" else value)
        return outputs[0] if self.single_output else tuple(outputs)


# The thread count last passed to the native runtime: our kernels use as many threads as torch.set_num_threads
# asks of PyTorch's own (checked per call).
_threads = [0]


class _CompiledModule(torch.nn.Module):
    """Stands in for a fused partition in the partitioned graph."""

    def __init__(self, compiled: CompiledGraph):
        super().__init__()
        self.compiled = compiled

    def forward(self, *args):
        return self.compiled(*args)


class _Support(OperatorSupportBase):
    def __init__(self, supported):
        self.supported = supported

    def is_node_supported(self, submodules, node: torch.fx.Node) -> bool:
        return node in self.supported


def compile_graph(gm: torch.fx.GraphModule, options: CompileOptions, name: str = "graph", dim_ranges=None):
    """Compiles an ATen FX graph; returns (callable taking the graph's inputs, CompileStats).

    Nodes the compiler supports are grouped into kernels; the rest run in eager PyTorch (logged), or, with
    options.strict, raise UnsupportedOperatorError naming the first such op and its source line."""
    start = time.perf_counter()
    supported, fallbacks = set(), []
    for node in gm.graph.nodes:
        if node.op in ("placeholder", "output"):
            continue
        if node_is_dropped(node):
            continue
        if node.op == "call_function" and node.target.__name__ == "getitem":
            supported.add(node)  # Follows its producer (the importer rejects getitems it cannot take).
            continue
        reason = check_node(node, gm)
        if reason is None:
            supported.add(node)
        else:
            fallbacks.append((node, reason))
    # A getitem can only join its producer's kernel.
    for node in list(supported):
        if node.op == "call_function" and node.target.__name__ == "getitem" and node.args[0] not in supported:
            supported.discard(node)

    if fallbacks and options.strict:
        node, reason = fallbacks[0]
        where = source_line(node)
        raise UnsupportedOperatorError(
            f"inductor_mlir (strict): unsupported operator {op_name(node)}"
            f"{' at ' + where if where else ''}: {reason}")
    for node, reason in fallbacks:
        log.warning("inductor_mlir: running %s in eager PyTorch: %s", describe_node(node), reason)

    kernels = []
    if not fallbacks:
        try:
            compiled = CompiledGraph(gm, name, options, dim_ranges)
        except (RuntimeError, UnsupportedNode) as error:
            if options.strict:
                raise
            log.warning("inductor_mlir: graph %s runs in eager PyTorch: %s", name, error)
            return gm, CompileStats([], [("graph", f"rejected: {error}")], time.perf_counter() - start)
        kernels.append((name, compiled.imported.ops))
        stats = CompileStats(kernels, [], time.perf_counter() - start)
        return compiled, stats

    partitioner = CapabilityBasedPartitioner(gm, _Support(supported), allows_single_node_partition=True)
    partitions = partitioner.propose_partitions()
    fused = partitioner.fuse_partitions(partitions, prefix="inductor_kernel_")
    for node in fused.graph.nodes:
        if node.op == "call_module" and node.target.startswith("inductor_kernel_"):
            submodule = getattr(fused, node.target)
            kernel_name = f"{name}.{node.target}"
            try:
                compiled = CompiledGraph(submodule, kernel_name, options)
            except (RuntimeError, UnsupportedNode) as error:
                # The compiler rejected the kernel as a whole (a diagnostic from the dialect or a pass): its
                # ops run in eager PyTorch, which is always correct.
                if options.strict:
                    raise
                ops = [op_name(n) for n in submodule.graph.nodes if n.op == "call_function"]
                log.warning("inductor_mlir: kernel %s (%s) runs in eager PyTorch: %s", kernel_name,
                            ", ".join(ops), error)
                fallbacks.append((submodule, f"kernel {kernel_name} rejected: {error}"))
                continue
            setattr(fused, node.target, _CompiledModule(compiled))
            kernels.append((kernel_name, compiled.imported.ops))
    fused.recompile()
    stats = CompileStats(kernels, [(describe_node(n) if isinstance(n, torch.fx.Node) else "kernel", r)
                                   for n, r in fallbacks], time.perf_counter() - start)
    return fused, stats
