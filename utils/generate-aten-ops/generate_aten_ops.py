#!/usr/bin/env python3
"""Generates the ODS definitions of the `aten` dialect from PyTorch's own operator schemas.

Run:  python3 utils/generate-aten-ops/generate_aten_ops.py > include/Dialect/ATen/IR/GeneratedATenOps.td
      python3 utils/generate-aten-ops/generate_aten_ops.py --python > python/inductor_mlir/_aten_ops.py
The outputs are checked in; `test/utils/generated-ops-up-to-date.test` fails when one is stale. The Python
table tells the importer how each op's arguments are spelled in the dialect.

Mapping (value semantics, CPU inference):
  Tensor -> AnyRankedTensor operand; Tensor? -> Optional operand; Tensor[] -> Variadic operand
  int/SymInt -> I64Attr; int[]/SymInt[] -> DenseI64ArrayAttr; float -> F64Attr; bool -> BoolAttr;
  str -> StrAttr; Scalar -> ATen_ScalarAttr (i64 or f64, kept apart for type promotion);
  ScalarType -> TypeAttr (the element type).
  Defaults become DefaultValuedAttr, `?`/None defaults become OptionalAttr.
  Arguments that cannot change the values computed on CPU (layout, device, pin_memory, memory_format,
  non_blocking, copy, cudnn flags, gradient-only flags) are dropped; the importer ignores them.
"""
import re
import sys

import torch

# (schema name, extra ODS traits). Order is the order in the generated file.
OPS = [
    # Linear algebra
    ("mm", []), ("bmm", []), ("addmm", []), ("linear", []), ("matmul", []), ("t", []),
    ("convolution", []),
    # Elementwise arithmetic
    ("add.Tensor", []), ("add.Scalar", []), ("sub.Tensor", []), ("sub.Scalar", []),
    ("mul.Tensor", []), ("mul.Scalar", []), ("div.Tensor", []), ("div.Scalar", []),
    ("rsub.Tensor", []), ("rsub.Scalar", []),
    ("neg", []), ("abs", []), ("exp", []), ("log", []), ("sqrt", []), ("rsqrt", []), ("erf", []), ("cos", []), ("sin", []),
    ("pow.Tensor_Scalar", []), ("pow.Tensor_Tensor", []),
    ("relu", []), ("gelu", []), ("silu", []), ("sigmoid", []), ("tanh", []),
    ("clamp", []), ("hardtanh", []),
    ("where.self", []), ("masked_fill.Scalar", []),
    ("eq.Tensor", []), ("eq.Scalar", []), ("ne.Tensor", []), ("ne.Scalar", []),
    ("lt.Tensor", []), ("lt.Scalar", []), ("le.Tensor", []), ("le.Scalar", []),
    ("gt.Tensor", []), ("gt.Scalar", []), ("ge.Tensor", []), ("ge.Scalar", []),
    ("logical_not", []),
    ("to.dtype", []), ("_to_copy", []), ("dropout", []), ("clone", []), ("contiguous", []),
    # Reductions and normalizations
    ("softmax.int", []), ("log_softmax.int", []), ("_softmax", []), ("_log_softmax", []),
    ("layer_norm", []), ("batch_norm", []),
    ("sum", []), ("sum.dim_IntList", []), ("mean", []), ("mean.dim", []), ("amax", []),
    ("var.correction", []),
    # Shapes and data movement
    ("view", []), ("reshape", []), ("permute", []), ("transpose.int", []), ("expand", []),
    ("unsqueeze", []), ("squeeze.dim", []), ("flatten.using_ints", []),
    ("slice.Tensor", []), ("select.int", []), ("cat", []),
    ("embedding", []), ("index_select", []), ("triu", []), ("tril", []),
    # Creation
    ("full", []), ("zeros", []), ("ones", []), ("arange", []), ("arange.start_step", []),
    # Pooling
    ("max_pool2d", []), ("avg_pool2d", []), ("adaptive_avg_pool2d", []),
    # Attention
    ("scaled_dot_product_attention", []),
]

DROPPED_ARGS = {"layout", "device", "pin_memory", "memory_format", "non_blocking", "copy",
                "cudnn_enable", "cudnn_enabled", "scale_grad_by_freq", "sparse", "implicit"}


def find_schema(name):
    base, _, overload = name.partition(".")
    for s in torch._C._jit_get_schemas_for_operator("aten::" + base):
        if s.overload_name == overload:
            return s
    raise SystemExit(f"no schema for aten::{name}")


def cpp_class(name):
    base, _, overload = name.partition(".")
    prefix = "Private" if base.startswith("_") else ""
    parts = [p for p in (base + "_" + overload).split("_") if p]
    return prefix + "".join(p[0].upper() + p[1:] for p in parts) + "Op"


def int_list_default(text):
    text = text.strip()
    if text.startswith("["):
        items = [i.strip() for i in text[1:-1].split(",") if i.strip()]
    else:  # `int[2] padding=0` means [0, 0]
        items = [text]
    return items


def attr_for(arg):
    """Returns the ODS attribute constraint for a non-tensor argument."""
    t = str(arg.real_type)
    optional = t.endswith("?") or t.startswith("Optional[")
    t = t.rstrip("?")
    if t.startswith("Optional["):
        t = t[len("Optional["):-1]
    has_default = arg.has_default_value()
    default = arg.default_value if has_default else None
    if t in ("int", "SymInt"):
        base, dflt = "I64Attr", (str(int(default)) if default is not None else None)
    elif t in ("List[int]", "int[]", "List[SymInt]", "SymInt[]") or re.match(r"(List\[(Sym)?[Ii]nt\]|(Sym)?[Ii]nt\[\d*\])", t):
        base = "DenseI64ArrayAttr"
        dflt = None
        if default is not None:
            vals = default if isinstance(default, (list, tuple)) else [default]
            n = arg.N if getattr(arg, "N", None) else len(vals)
            if len(vals) == 1 and n and n > 1:
                vals = vals * n
            dflt = "{" + ", ".join(str(int(v)) for v in vals) + "}"
    elif t == "float":
        base, dflt = "F64Attr", (repr(float(default)) if default is not None else None)
    elif t == "bool":
        base, dflt = "BoolAttr", (("true" if default else "false") if default is not None else None)
    elif t == "str":
        base, dflt = "StrAttr", (f'"{default}"' if default is not None else None)
    elif t in ("Scalar", "number"):
        base = "ATen_ScalarAttr"
        dflt = None
        if default is not None:
            dflt = f"int64_t({int(default)})" if isinstance(default, int) and not isinstance(default, bool) \
                else f"double({float(default)!r})"
    elif t == "ScalarType":
        base, dflt = "TypeAttr", None
    else:
        raise SystemExit(f"unhandled argument type {t} for {arg.name}")
    if optional:
        return f"OptionalAttr<{base}>"
    if dflt is not None:
        return f'DefaultValuedAttr<{base}, "{escape(dflt)}">'
    return base


def escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def generate_op(name, traits):
    schema = find_schema(name)
    cls = cpp_class(name)
    args, fmt_operands, optional_tensors, variadic = [], [], [], 0
    for a in schema.arguments:
        t = str(a.type)
        if a.name in DROPPED_ARGS:
            continue
        if t == "Tensor":
            args.append(f"AnyRankedTensor:${a.name}")
            fmt_operands.append(f"${a.name}")
        elif t in ("Optional[Tensor]", "Tensor?"):
            args.append(f"Optional<AnyRankedTensor>:${a.name}")
            optional_tensors.append(a.name)
        elif t in ("List[Tensor]", "Tensor[]"):
            args.append(f"Variadic<AnyRankedTensor>:${a.name}")
            fmt_operands.append(f"`[` ${a.name} `]`")
            variadic += 1
        else:
            args.append(f"{attr_for(a)}:${a.name}")
    if len(schema.returns) != 1 or str(schema.returns[0].type) != "Tensor":
        raise SystemExit(f"aten::{name}: only single-tensor results are modelled")
    all_traits = ["Pure"] + traits
    if len(optional_tensors) + variadic > 1:
        all_traits.append("AttrSizedOperandSegments")
    fmt = " `,` ".join(fmt_operands)
    for o in optional_tensors:
        fmt += f" (`{o}` `(` ${o}^ `)`)?"
    if fmt_operands or optional_tensors:
        fmt += " attr-dict `:` functional-type(operands, results)"
    else:
        fmt = "attr-dict `:` type($result)"
    out = []
    out.append(f'def ATen_{cls} : ATen_Op<"{name}", [{", ".join(all_traits)}]> {{')
    out.append(f'  let summary = "aten::{name}";')
    out.append(f'  let description = [{{\n    `{schema}`\n  }}];')
    out.append("  let arguments = (ins")
    out.append(",\n".join("    " + a for a in args))
    out.append("  );")
    out.append("  let results = (outs AnyRankedTensor:$result);")
    out.append(f"  let assemblyFormat = \"{fmt.strip()}\";")
    out.append("}")
    return "\n".join(out)


def argument_kind(arg):
    """How the importer spells an argument: an operand kind, or the attribute kind of attr_for()."""
    t = str(arg.type)
    if t == "Tensor":
        return "tensor"
    if t in ("Optional[Tensor]", "Tensor?"):
        return "optional_tensor"
    if t in ("List[Tensor]", "Tensor[]"):
        return "tensor_list"
    attr = attr_for(arg)
    for ods, kind in (("I64Attr", "int"), ("DenseI64ArrayAttr", "int_list"), ("F64Attr", "float"),
                      ("BoolAttr", "bool"), ("StrAttr", "str"), ("ATen_ScalarAttr", "scalar"),
                      ("TypeAttr", "dtype")):
        if ods in attr:
            return kind
    raise SystemExit(f"no importer kind for {attr}")


def generate_python():
    print('"""Generated by utils/generate-aten-ops/generate_aten_ops.py --python from PyTorch '
          f'{torch.__version__.split("+")[0]} operator schemas. Do not edit.')
    print()
    print("For every op of the aten dialect: its arguments in schema (= ODS operand) order as (name, kind).")
    print("Operand kinds: tensor, optional_tensor, tensor_list. Attribute kinds: int, int_list, float, bool,")
    print('str, scalar, dtype. Arguments the dialect drops (layout, device, ...) are listed with kind "dropped".')
    print('"""')
    print()
    print("ATEN_OPS = {")
    for name, _ in OPS:
        schema = find_schema(name)
        args = []
        for a in schema.arguments:
            kind = "dropped" if a.name in DROPPED_ARGS else argument_kind(a)
            args.append(f"({a.name!r}, {kind!r})")
        print(f"    {name!r}: [{', '.join(args)}],")
    print("}")


def main():
    if sys.argv[1:] == ["--python"]:
        generate_python()
        return
    print("// Generated by utils/generate-aten-ops/generate_aten_ops.py from PyTorch "
          f"{torch.__version__.split('+')[0]} operator schemas. Do not edit.")
    print("#ifndef INDUCTOR_ATEN_GENERATED_OPS")
    print("#define INDUCTOR_ATEN_GENERATED_OPS\n")
    for name, traits in OPS:
        print(generate_op(name, traits))
        print()
    print("#endif // INDUCTOR_ATEN_GENERATED_OPS")


if __name__ == "__main__":
    main()
