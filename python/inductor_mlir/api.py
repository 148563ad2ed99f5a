"""inductor_mlir.compile(): a model or torch.export program in, a faster callable out."""
from __future__ import annotations

import logging

import torch
import torch.utils._pytree as pytree
from torch.export import ExportedProgram
from torch.export.graph_signature import InputKind, OutputKind

from .compiler import CompileOptions, compile_graph, decompositions, fold_frozen_constants

log = logging.getLogger("inductor_mlir")


class CompiledProgram:
    """The result of compile(): call it like the model (same arguments, same output structure)."""

    def __init__(self, program: ExportedProgram, options: CompileOptions, freeze: bool):
        self.program = program
        self.freeze = freeze
        signature = program.graph_signature
        gm = program.graph_module
        state = dict(program.state_dict)
        state.update(program.constants)
        # Per graph input: ("user", index) or ("state", tensor).
        self._inputs = []
        user_index = 0
        placeholders = [n for n in gm.graph.nodes if n.op == "placeholder"]
        for spec, node in zip(signature.input_specs, placeholders):
            if spec.kind == InputKind.USER_INPUT:
                self._inputs.append(("user", user_index))
                user_index += 1
            elif spec.kind in (InputKind.PARAMETER, InputKind.BUFFER, InputKind.CONSTANT_TENSOR):
                self._inputs.append(("state", state[spec.target].detach()))
            else:
                raise NotImplementedError(f"input kind {spec.kind} of '{node.name}'")
        if freeze:
            gm = _freeze(gm, self._inputs)
            fold_frozen_constants(gm)
            self._inputs = [entry for entry in self._inputs if entry[0] == "user"]
        self._user_outputs = [i for i, spec in enumerate(signature.output_specs)
                              if spec.kind == OutputKind.USER_OUTPUT]
        if len(self._user_outputs) != len(signature.output_specs):
            raise NotImplementedError("programs that mutate buffers or inputs are not supported")
        self.graph_module = gm
        # ExportedProgram.call_spec builds a NamedTuple class on every access (~70 us): read it once.
        spec = program.call_spec
        self._in_spec, self._out_spec = spec.in_spec, spec.out_spec
        placeholders = [n for n in gm.graph.nodes if n.op == "placeholder"]
        self.compiled, self.stats = compile_graph(gm, options, name="program",
                                                  dim_ranges=_dim_ranges(program, placeholders))
        log.info("%s", self.stats.report())

    def __call__(self, *args, **kwargs):
        # Graph inputs are the leaves of (args, kwargs) in the order of the exported example.
        in_spec = self._in_spec
        keys = in_spec.child(1).context if in_spec is not None else list(kwargs)
        if set(keys) != set(kwargs):
            raise TypeError(f"expected keyword arguments {sorted(keys)}, got {sorted(kwargs)}")
        user = pytree.tree_leaves((args, {key: kwargs[key] for key in keys}))
        graph_args = [user[index] if kind == "user" else index for kind, index in self._inputs]
        outputs = self.compiled(*graph_args)
        if not isinstance(outputs, tuple):
            outputs = (outputs,)
        return pytree.tree_unflatten([outputs[i] for i in self._user_outputs], self._out_spec)


def _dim_ranges(program: ExportedProgram, placeholders) -> dict:
    """Per placeholder index, its symbolic dims with torch.export's value ranges, as an MLIR attribute
    `[[dim, min, max], ...]` (max -1: unbounded)."""
    ranges = {}
    for index, node in enumerate(placeholders):
        val = node.meta.get("val")
        if not isinstance(val, torch.Tensor):
            continue
        entries = []
        for dim, size in enumerate(val.shape):
            if isinstance(size, int):
                continue
            expr = size.node.expr
            bounds = program.range_constraints.get(expr)
            if bounds is None:
                continue
            lower = int(bounds.lower)
            upper = int(bounds.upper) if bounds.upper.is_finite else -1
            entries.append(f"[{dim}, {lower}, {upper}]")
        if entries:
            ranges[index] = "[" + ", ".join(entries) + "]"
    return ranges


def _freeze(gm: torch.fx.GraphModule, inputs) -> torch.fx.GraphModule:
    """Turns parameter/buffer/constant placeholders into attributes, which the importer emits as constants."""
    placeholders = [n for n in gm.graph.nodes if n.op == "placeholder"]
    for index, ((kind, value), node) in enumerate(zip(inputs, placeholders)):
        if kind != "state":
            continue
        name = f"_frozen_{index}"
        gm.register_buffer(name, value)
        with gm.graph.inserting_before(node):
            attr = gm.graph.get_attr(name)
        attr.meta = dict(node.meta)
        node.replace_all_uses_with(attr)
        gm.graph.erase_node(node)
    gm.recompile()
    return gm


def compile(model_or_program, example_inputs=(), *, example_kwargs=None, dynamic_shapes=None,
            freeze: bool = False, strict: bool = False, opt_level: int = 2, fuse_elementwise: bool = True,
            pipeline_options: str = "") -> CompiledProgram:
    """Compiles an nn.Module (exported with torch.export on `example_inputs`) or an ExportedProgram.

    dynamic_shapes: as for torch.export (e.g. {"x": {0: torch.export.Dim("batch", max=64)}}); those dims
        become `?` in the IR and one compiled kernel serves every size in their range.
    freeze: compile parameters and buffers in as constants (otherwise they are passed at each call, with no
        copy). Frozen weights are packed for the GEMM kernels once, at compile time, instead of at every
        call (large ones reach the compiler by pointer, not as text).
    strict: raise UnsupportedOperatorError for an unsupported op instead of running it in eager PyTorch.
    """
    options = CompileOptions(strict=strict, opt_level=opt_level, fuse_elementwise=fuse_elementwise,
                             pipeline_options=pipeline_options)
    if isinstance(model_or_program, ExportedProgram):
        program = model_or_program
    else:
        if not isinstance(example_inputs, tuple):
            example_inputs = tuple(example_inputs) if isinstance(example_inputs, list) else (example_inputs,)
        with torch.no_grad():
            program = torch.export.export(model_or_program, example_inputs, kwargs=example_kwargs,
                                          dynamic_shapes=dynamic_shapes, strict=False)
    program = program.run_decompositions(decompositions())
    return CompiledProgram(program, options, freeze)
