"""Imports an FX graph of ATen ops (torch.export, aot_autograd) into the `aten` MLIR dialect as text.

Every node's type comes from its `meta["val"]` (the fake tensor torch's tracers record): symbolic sizes become
`?` dims. Ops map one to one onto the dialect by name (`aten.add.Tensor`), with their arguments spelled as the
generated table `_aten_ops.ATEN_OPS` says; a few ATen ops that the tracers produce map onto dialect ops by
rewriting (native_layer_norm -> layer_norm, the CPU flash-attention op -> scaled_dot_product_attention, split
-> slices, views and aliases). Anything else raises UnsupportedNode, which the partitioner uses to decide what
runs in eager PyTorch.
"""
from __future__ import annotations

import math
import operator
import re
import struct
from dataclasses import dataclass, field

import torch
import torch.fx

from ._aten_ops import ATEN_OPS

DTYPE_TO_MLIR = {
    torch.float32: "f32",
    torch.float64: "f64",
    torch.float16: "f16",
    torch.bfloat16: "bf16",
    torch.int64: "i64",
    torch.int32: "i32",
    torch.int16: "i16",
    torch.int8: "i8",
    torch.bool: "i1",
}


class UnsupportedNode(Exception):
    """A node the compiler cannot take; `reason` says why."""

    def __init__(self, node: torch.fx.Node, reason: str):
        self.node = node
        self.reason = reason
        super().__init__(f"{describe_node(node)}: {reason}")


def op_name(node: torch.fx.Node) -> str:
    target = node.target
    if isinstance(target, torch._ops.OpOverload):
        name = target._schema.name.replace("::", ".")
        return name if target._overloadname == "default" else f"{name}.{target._overloadname}"
    return getattr(target, "__name__", str(target))


def source_line(node: torch.fx.Node) -> str | None:
    """The user's source line of a node ("file.py:12"), from the stack trace the tracer recorded."""
    trace = node.meta.get("stack_trace")
    if not trace:
        return None
    frames = re.findall(r'File "([^"]+)", line (\d+)', trace)
    return f"{frames[-1][0]}:{frames[-1][1]}" if frames else None


def describe_node(node: torch.fx.Node) -> str:
    where = source_line(node)
    return f"{op_name(node)} (node '{node.name}'{', at ' + where if where else ''})"


def tensor_val(node) -> torch.Tensor | None:
    if isinstance(node, torch.fx.Node):
        val = node.meta.get("val")
        if isinstance(val, torch.Tensor):
            return val
    return None


def is_static(size) -> bool:
    return isinstance(size, int) and not isinstance(size, bool)


def tensor_type(val: torch.Tensor, node=None) -> str:
    if val.dtype not in DTYPE_TO_MLIR:
        raise UnsupportedNode(node, f"dtype {val.dtype} is not supported") if node is not None else \
            TypeError(f"dtype {val.dtype} is not supported")
    dims = ["?" if not is_static(s) else str(s) for s in val.shape]
    return "tensor<" + "".join(d + "x" for d in dims) + DTYPE_TO_MLIR[val.dtype] + ">"


def format_float(value: float) -> str:
    if math.isfinite(value):
        return f"{value:.17e} : f64"
    return "0x%016X : f64" % struct.unpack("<Q", struct.pack("<d", value))[0]


def format_scalar(value, node) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            raise UnsupportedNode(node, f"scalar {value} does not fit in int64")
        return f"{value} : i64"
    if isinstance(value, float):
        return format_float(value)
    raise UnsupportedNode(node, f"symbolic or non-numeric scalar argument {value!r}")


def mlir_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


#: Constants at least this large are passed to the compiler by pointer (dense_resource), smaller ones as text.
RESOURCE_MIN_BYTES = 64 * 1024


def dense_constant(tensor: torch.Tensor) -> str:
    """An MLIR dense elements literal holding the tensor's values."""
    tensor = tensor.detach().contiguous().cpu()
    type_ = tensor_type(tensor)
    if tensor.numel() == 0:
        return f"dense<> : {type_}" if tensor.dim() == 1 else f"dense<[]> : {type_}"
    if tensor.dtype == torch.bool:
        # The hex form of i1 is bit-packed; nested literals are unambiguous.
        return f"dense<{_nest(tensor.tolist())}> : {type_}"
    raw = tensor.view(torch.uint8).numpy().tobytes() if tensor.dim() > 0 else \
        tensor.reshape(1).view(torch.uint8).numpy().tobytes()
    return f'dense<"0x{raw.hex().upper()}"> : {type_}'


def _nest(values) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_nest(v) for v in values) + "]"
    return "true" if values else "false"


def bind_arguments(node: torch.fx.Node) -> dict:
    """The node's arguments by schema name, with schema defaults filled in."""
    schema = node.target._schema
    bound = {}
    for index, arg in enumerate(schema.arguments):
        if index < len(node.args) and not arg.kwarg_only:
            bound[arg.name] = node.args[index]
        elif arg.name in node.kwargs:
            bound[arg.name] = node.kwargs[arg.name]
        elif arg.has_default_value():
            bound[arg.name] = arg.default_value
        else:
            bound[arg.name] = None
    return bound


@dataclass
class ImportedFunction:
    """MLIR text of one function plus how to call it from the FX graph's values."""

    text: str
    name: str
    # For each MLIR argument: the index of the graph input it comes from.
    argument_inputs: list = field(default_factory=list)
    # For each graph output: ("result", i) for MLIR result i, or ("value", python value).
    outputs: list = field(default_factory=list)
    # Op names of the nodes inside, in order (for the fusion/fallback report).
    ops: list = field(default_factory=list)
    # Large constants passed by pointer: (resource name, contiguous tensor) for each `dense_resource` in text.
    constants: list = field(default_factory=list)


class _Emitter:
    def __init__(self, graph: torch.fx.Graph, owner: torch.nn.Module | None, check_only: bool = False):
        self.graph = graph
        self.owner = owner
        self.check_only = check_only
        self.lines: list[str] = []
        self.values: dict[torch.fx.Node, object] = {}  # node -> SSA name, or python list for multi results
        self.counter = 0
        self.constants: list = []

    # -- helpers -------------------------------------------------------------------------------------------
    def fresh(self) -> str:
        self.counter += 1
        return f"%v{self.counter}"

    def location(self, node) -> str:
        where = source_line(node)
        name = mlir_string(node.name)
        if where:
            file, line = where.rsplit(":", 1)
            return f"loc({name}({mlir_string(file)}:{line}:0))"
        return f"loc({name})"

    def operand(self, node, value) -> str:
        if not isinstance(value, torch.fx.Node):
            raise UnsupportedNode(node, f"expected a tensor argument, got {type(value).__name__}")
        ssa = self.values.get(value)
        if not isinstance(ssa, str):
            raise UnsupportedNode(node, f"argument '{value.name}' is not a tensor the compiler produced")
        return ssa

    def emit(self, node, name: str, operands: list, operand_types: list, attrs: dict, result_val,
             optional_operands: list = (), list_operand=None) -> str:
        result = self.fresh()
        parts = []
        if list_operand is not None:
            parts.append("[" + ", ".join(list_operand) + "]")
        parts.extend(operands)
        text = f"{result} = aten.{name} " + ", ".join(parts)
        for keyword, ssa in optional_operands:
            text += f" {keyword}({ssa})"
        if attrs:
            text += " {" + ", ".join(f"{k} = {v}" for k, v in attrs.items()) + "}"
        result_type = tensor_type(result_val, node)
        if operand_types:
            text += f" : ({', '.join(operand_types)}) -> {result_type} {self.location(node)}"
        else:
            text += f" : {result_type} {self.location(node)}"
        self.lines.append("    " + text)
        return result

    def type_of(self, node, value) -> str:
        val = tensor_val(value)
        if val is None:
            raise UnsupportedNode(node, f"argument '{getattr(value, 'name', value)}' has no tensor metadata")
        return tensor_type(val, node)

    # -- generic translation -------------------------------------------------------------------------------
    def generic(self, node, name: str, bound: dict, result_val, overrides: dict | None = None) -> str:
        spec = ATEN_OPS.get(name)
        if spec is None:
            raise UnsupportedNode(node, "no such op in the aten dialect")
        overrides = overrides or {}
        operands, types, optional, attrs, list_operand = [], [], [], {}, None
        ordered_types = []
        for arg_name, kind in spec:
            value = overrides.get(arg_name, bound.get(arg_name))
            if kind == "dropped":
                continue
            if kind == "tensor":
                operands.append(self.operand(node, value))
                ordered_types.append(self.type_of(node, value))
            elif kind == "optional_tensor":
                if value is not None:
                    optional.append((arg_name, self.operand(node, value)))
                    ordered_types.append(self.type_of(node, value))
            elif kind == "tensor_list":
                list_operand = [self.operand(node, v) for v in value]
                ordered_types.extend(self.type_of(node, v) for v in value)
            elif value is None:
                continue  # Optional attribute left out.
            elif kind == "int":
                if not is_static(value):
                    raise UnsupportedNode(node, f"argument '{arg_name}' is symbolic")
                attrs[arg_name] = f"{value} : i64"
            elif kind == "int_list":
                items = list(value) if isinstance(value, (list, tuple)) else [value]
                if not all(is_static(v) for v in items):
                    raise UnsupportedNode(node, f"argument '{arg_name}' has symbolic sizes")
                attrs[arg_name] = "array<i64" + (": " + ", ".join(str(v) for v in items) if items else "") + ">"
            elif kind == "float":
                if isinstance(value, torch.fx.Node) or not isinstance(value, (int, float)):
                    raise UnsupportedNode(node, f"argument '{arg_name}' is symbolic")
                attrs[arg_name] = format_float(float(value))
            elif kind == "bool":
                attrs[arg_name] = "true" if value else "false"
            elif kind == "str":
                attrs[arg_name] = mlir_string(str(value))
            elif kind == "scalar":
                attrs[arg_name] = format_scalar(value, node)
            elif kind == "dtype":
                if value not in DTYPE_TO_MLIR:
                    raise UnsupportedNode(node, f"dtype {value} is not supported")
                attrs[arg_name] = DTYPE_TO_MLIR[value]
        return self.emit(node, name, operands, ordered_types, attrs, result_val, optional, list_operand)

    # -- per-node dispatch ---------------------------------------------------------------------------------
    def node(self, node: torch.fx.Node):
        if node.op == "call_function":
            if node.target is operator.getitem:
                source, index = node.args
                produced = self.values.get(source)
                if not isinstance(produced, list) or not isinstance(index, int) or produced[index] is None:
                    raise UnsupportedNode(node, "getitem of an output the compiler does not produce")
                self.values[node] = produced[index]
                return
            if not isinstance(node.target, torch._ops.OpOverload):
                raise UnsupportedNode(node, "not an ATen operator")
            result_val = node.meta.get("val")
            name = op_name(node)
            handler = _SPECIAL.get(name)
            if handler is not None:
                self.values[node] = handler(self, node, bind_arguments(node), result_val)
                return
            if not isinstance(result_val, torch.Tensor):
                raise UnsupportedNode(node, "the result is not a single tensor")
            name = name.removeprefix("aten.")
            bound = bind_arguments(node)
            # Tracers pass Python numbers to the .Tensor overloads of binary ops (x + 1): that is the .Scalar op.
            if name.endswith(".Tensor") and isinstance(bound.get("other"), (int, float, bool)):
                scalar_name = name[: -len(".Tensor")] + ".Scalar"
                if scalar_name in ATEN_OPS:
                    name = scalar_name
            self.values[node] = self.generic(node, name, bound, result_val)
            return
        if node.op == "get_attr":
            value = _fetch_attr(self.owner, node.target)
            if not isinstance(value, torch.Tensor):
                raise UnsupportedNode(node, "attribute is not a tensor")
            self.values[node] = self.constant(node, value)
            return
        raise UnsupportedNode(node, f"cannot import a '{node.op}' node")

    def constant(self, node, value: torch.Tensor) -> str:
        result = self.fresh()
        if self.check_only:
            literal = "dense<0> : " + tensor_type(value, node)
        elif value.numel() * value.element_size() >= RESOURCE_MIN_BYTES and value.dtype != torch.bool:
            # A weight: its bytes go to the compiler by pointer (hex text of a 100 MB weight took seconds to
            # print and parse), as a dense_resource the packing pass reads like any constant.
            data = value.detach().contiguous().cpu()
            name = f"constant{len(self.constants)}"
            self.constants.append((name, data))
            literal = f"dense_resource<{name}> : {tensor_type(value, node)}"
        else:
            literal = dense_constant(value)
        self.lines.append(f"    {result} = arith.constant {literal} {self.location(node)}")
        return result


def _fetch_attr(owner, target: str):
    value = owner
    for part in target.split("."):
        value = getattr(value, part)
    return value


# -- rewrites of ATen ops the dialect models under another name --------------------------------------------

def _identity(emitter, node, bound, val):
    return emitter.operand(node, node.args[0])


def _rename(name, overrides=None):
    def handler(emitter, node, bound, val):
        extra = overrides(node, bound) if overrides else {}
        bound = {**bound, **extra}
        return emitter.generic(node, name, bound, val)
    return handler


def _sizes_with_one_symbol(node, sizes, what):
    """A view/reshape size list with at most one symbolic entry, which becomes -1 (computed at run time)."""
    symbolic = [i for i, s in enumerate(sizes) if not is_static(s)]
    if len(symbolic) > 1:
        raise UnsupportedNode(node, f"{what} with more than one symbolic size")
    return [-1 if i in symbolic else s for i, s in enumerate(sizes)]


def _view(emitter, node, bound, val):
    sizes = _sizes_with_one_symbol(node, list(bound["size"]), "view")
    return emitter.generic(node, "view", {**bound, "size": sizes}, val)


def _reshape(emitter, node, bound, val):
    sizes = _sizes_with_one_symbol(node, list(bound["shape"]), "reshape")
    return emitter.generic(node, "reshape", {**bound, "shape": sizes}, val)


def _expand(emitter, node, bound, val):
    source = tensor_val(bound["self"])
    sizes = list(bound["size"])
    offset = len(sizes) - source.dim()
    fixed = []
    for i, size in enumerate(sizes):
        if is_static(size):
            fixed.append(size)
        elif i >= offset and not is_static(source.shape[i - offset]) and str(source.shape[i - offset]) == str(size):
            fixed.append(-1)  # Keeps the (same symbolic) input size.
        else:
            raise UnsupportedNode(node, "expand to a symbolic size the input does not have")
    return emitter.generic(node, "expand", {**bound, "size": fixed}, val)


def _native_layer_norm(emitter, node, bound, val):
    _require_unused_results(node, (1, 2), "mean and rstd of native_layer_norm")
    out = emitter.generic(node, "layer_norm", bound, val[0])
    return [out, None, None]


def _flash_attention(emitter, node, bound, val):
    _require_unused_results(node, range(1, len(val)), "logsumexp of flash attention")
    if bound.get("dropout_p", 0.0):
        raise UnsupportedNode(node, "attention dropout")
    query, key = tensor_val(bound["query"]), tensor_val(bound["key"])
    # The CPU flash kernel broadcasts key/value heads over query heads (grouped-query attention).
    gqa = query.dim() >= 3 and str(query.shape[-3]) != str(key.shape[-3])
    out = emitter.generic(node, "scaled_dot_product_attention", {**bound, "enable_gqa": gqa}, val[0])
    return [out] + [None] * (len(val) - 1)


def _batch_norm_no_training(emitter, node, bound, val):
    _require_unused_results(node, (1, 2), "saved statistics of batch norm")
    args = {**bound, "training": False, "cudnn_enabled": False}
    out = emitter.generic(node, "batch_norm", args, val[0])
    return [out, None, None]


def _max_pool_with_indices(emitter, node, bound, val):
    _require_unused_results(node, (1,), "indices of max_pool2d")
    out = emitter.generic(node, "max_pool2d", bound, val[0])
    return [out, None]


def _split(emitter, node, bound, val, sizes=None):
    source = tensor_val(bound["self"])
    dim = bound["dim"] % source.dim()
    length = source.shape[dim]
    if not is_static(length):
        raise UnsupportedNode(node, "split along a symbolic dimension")
    if sizes is None:
        step = bound["split_size"]
        sizes = [min(step, length - start) for start in range(0, length, step)] or [0]
    results, start = [], 0
    for size, piece in zip(sizes, val):
        slice_bound = {"self": bound["self"], "dim": dim, "start": start, "end": start + size, "step": 1}
        results.append(emitter.generic(node, "slice.Tensor", slice_bound, piece))
        start += size
    return results


def _split_with_sizes(emitter, node, bound, val):
    return _split(emitter, node, bound, val, sizes=list(bound["split_sizes"]))


def _to_dtype_layout(emitter, node, bound, val):
    return emitter.generic(node, "_to_copy", {"self": bound["self"], "dtype": bound.get("dtype")}, val)


def _new_filled(fill):
    def handler(emitter, node, bound, val):
        value = fill if fill is not None else bound["fill_value"]
        return emitter.generic(node, "full", {"size": list(val.shape), "fill_value": value, "dtype": val.dtype}, val)
    return handler


def _full(emitter, node, bound, val):
    return emitter.generic(node, "full", {**bound, "dtype": val.dtype}, val)


def _scalar_tensor(emitter, node, bound, val):
    return emitter.generic(node, "full", {"size": [], "fill_value": bound["s"], "dtype": val.dtype}, val)


def _require_unused_results(node, indices, what):
    indices = set(indices)
    for user in node.users:
        if user.target is not operator.getitem:
            raise UnsupportedNode(node, "uses the results as a tuple")
        if user.args[1] in indices and user.users:
            raise UnsupportedNode(node, f"uses the {what}")


_SPECIAL = {
    "aten.alias": _identity,
    "aten.detach": _identity,
    "aten.lift_fresh_copy": _rename("clone"),
    "aten.to.device": _identity,
    "aten._unsafe_view": _view,
    "aten.view": _view,
    "aten.reshape": _reshape,
    "aten.expand": _expand,
    "aten.native_layer_norm": _native_layer_norm,
    "aten._scaled_dot_product_flash_attention_for_cpu": _flash_attention,
    "aten._native_batch_norm_legit_no_training": _batch_norm_no_training,
    "aten.max_pool2d_with_indices": _max_pool_with_indices,
    "aten.split.Tensor": _split,
    "aten.split_with_sizes": _split_with_sizes,
    "aten.to.dtype_layout": _to_dtype_layout,
    "aten.new_ones": _new_filled(1),
    "aten.new_zeros": _new_filled(0),
    "aten.new_full": _new_filled(None),
    "aten.full": _full,
    "aten.scalar_tensor": _scalar_tensor,
}

# Nodes dropped from the graph: they only check metadata.
_DROPPED_TARGETS = {"aten._assert_tensor_metadata"}


def node_is_dropped(node: torch.fx.Node) -> bool:
    return node.op == "call_function" and op_name(node) in _DROPPED_TARGETS


def check_node(node: torch.fx.Node, owner=None) -> str | None:
    """None when the importer can translate the node on its own (given tensor inputs), else the reason."""
    if node.op != "call_function" and node.op != "get_attr":
        return f"'{node.op}' node"
    graph_inputs = [a for a in node.all_input_nodes]
    emitter = _Emitter(node.graph, owner, check_only=True)
    for index, source in enumerate(graph_inputs):
        val = source.meta.get("val")
        if isinstance(val, torch.Tensor):
            if val.dtype not in DTYPE_TO_MLIR:
                return f"input dtype {val.dtype} is not supported"
            emitter.values[source] = f"%a{index}"
        elif isinstance(val, (list, tuple)):
            emitter.values[source] = [f"%a{index}_{i}" if isinstance(v, torch.Tensor) else None
                                      for i, v in enumerate(val)]
    try:
        emitter.node(node)
    except UnsupportedNode as error:
        return error.reason
    except (TypeError, KeyError, AttributeError, ValueError, IndexError) as error:
        return f"cannot translate its arguments ({error})"
    return None


def import_graph(gm: torch.fx.GraphModule, name: str = "main", dim_ranges=None) -> ImportedFunction:
    """Imports a whole graph. Tensor placeholders become arguments (others are left out); outputs that are
    not tensors are kept as Python values."""
    emitter = _Emitter(gm.graph, gm)
    args, arg_types, argument_inputs, ops = [], [], [], []
    placeholder_index = 0
    output_node = None
    for node in gm.graph.nodes:
        if node.op == "placeholder":
            val = node.meta.get("val")
            if isinstance(val, torch.Tensor):
                ssa = f"%arg{len(args)}"
                emitter.values[node] = ssa
                type_ = tensor_type(val, node)
                attr = ""
                if dim_ranges is not None and placeholder_index in dim_ranges:
                    attr = " {inductor.dim_ranges = " + dim_ranges[placeholder_index] + "}"
                args.append(f"{ssa}: {type_}{attr}")
                arg_types.append(type_)
                argument_inputs.append(placeholder_index)
            placeholder_index += 1
        elif node.op == "output":
            output_node = node
        elif node_is_dropped(node):
            continue
        else:
            emitter.node(node)
            ops.append(op_name(node))

    results, result_types, outputs = [], [], []
    flat_outputs = output_node.args[0] if output_node is not None else ()
    if not isinstance(flat_outputs, (list, tuple)):
        flat_outputs = (flat_outputs,)
    for value in flat_outputs:
        if isinstance(value, torch.fx.Node) and isinstance(tensor_val(value), torch.Tensor):
            ssa = emitter.values.get(value)
            if not isinstance(ssa, str):
                raise UnsupportedNode(value, "output is not a tensor the compiler produced")
            outputs.append(("result", len(results)))
            results.append(ssa)
            result_types.append(tensor_type(tensor_val(value), value))
        elif isinstance(value, torch.fx.Node):
            raise UnsupportedNode(value, "non-tensor graph output")
        else:
            outputs.append(("value", value))

    lines = [f"func.func @{name}({', '.join(args)}) -> ({', '.join(result_types)}) {{"]
    lines += emitter.lines
    if results:
        lines.append(f"    return {', '.join(results)} : {', '.join(result_types)}")
    else:
        lines.append("    return")
    lines.append("}")
    return ImportedFunction("\n".join(lines) + "\n", name, argument_inputs, outputs, ops, emitter.constants)
