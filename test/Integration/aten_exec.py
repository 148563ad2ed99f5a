"""Small helpers shared by the op-category execution tests (elementwise, reductions, linear algebra,
normalization, attention): build the IR of a one-op function, run it through inductor-run (harness.run_mlir)
and compare with eager PyTorch.

Dynamic shapes: `dynamic=True` writes every input dim that is not 1 as `?` (size-1 dims stay static: a
runtime broadcast of a dynamic dim is not supported, see Utils.h broadcastSizes) and every result dim as `?`;
tests run the same IR text with two different runtime sizes.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import torch

import harness
from harness import MLIR_ELEMENT_TYPES


def run_mlir(ir: str, func: str, inputs):
    return harness.run_mlir(ir, func, inputs)


def ttype(shape: Sequence[int | None], dtype: torch.dtype) -> str:
    """MLIR tensor type; None dims are dynamic (`?`)."""
    dims = "".join(("?" if d is None else str(d)) + "x" for d in shape)
    return f"tensor<{dims}{MLIR_ELEMENT_TYPES[dtype]}>"


def dyn(shape: Sequence[int]) -> tuple:
    """The dynamic version of a static shape: dims != 1 become None."""
    return tuple(None if d != 1 else 1 for d in shape)


def scalar(v) -> str:
    """A PyTorch Scalar attribute: `2 : i64`, `2.5 : f64` or `true`."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return f"{v} : i64"
    return f"{fp(v)} : f64"


def fp(v: float) -> str:
    """A float literal MLIR parses (always with a '.', exact to double precision)."""
    if math.isinf(v):
        return "0x7FF0000000000000" if v > 0 else "0xFFF0000000000000"
    return f"{v:.17e}"


def dtype_name(dtype: torch.dtype) -> str:
    return MLIR_ELEMENT_TYPES[dtype]


def op_ir(op: str, arg_types: Sequence[str], result_type: str, operands: str | None = None,
          attrs: str = "") -> str:
    """`func.func @f(%a0, %a1, ...)` returning `op` applied to `operands` (default `%a0, %a1, ...`)."""
    args = ", ".join(f"%a{i}: {t}" for i, t in enumerate(arg_types))
    if operands is None:
        operands = ", ".join(f"%a{i}" for i in range(len(arg_types)))
    attr = f" {{{attrs}}}" if attrs else ""
    return f"""
func.func @f({args}) -> {result_type} {{
  %0 = {op} {operands}{attr} : ({", ".join(arg_types)}) -> {result_type}
  return %0 : {result_type}
}}
"""


def run_op(op: str, inputs: Sequence[torch.Tensor], expected: torch.Tensor, attrs: str = "",
           operands: str | None = None, dynamic: bool = False, ir: str | None = None) -> torch.Tensor:
    """Runs `op` on `inputs`; the result type is that of `expected` (all dims `?` when dynamic)."""
    if ir is None:
        arg_types = [ttype(dyn(t.shape) if dynamic else t.shape, t.dtype) for t in inputs]
        res_shape = [None] * expected.dim() if dynamic else expected.shape
        ir = op_ir(op, arg_types, ttype(res_shape, expected.dtype), operands, attrs)
    (out,) = run_mlir(ir, "f", list(inputs))
    return out


def op_ir_for(op: str, inputs: Sequence[torch.Tensor], expected: torch.Tensor, attrs: str = "",
              operands: str | None = None, dynamic: bool = False) -> str:
    arg_types = [ttype(dyn(t.shape) if dynamic else t.shape, t.dtype) for t in inputs]
    res_shape = [None] * expected.dim() if dynamic else expected.shape
    return op_ir(op, arg_types, ttype(res_shape, expected.dtype), operands, attrs)


def check(actual: torch.Tensor, expected: torch.Tensor, rtol: float = 0.0, atol: float = 0.0):
    """Same dtype and shape, values close (NaN == NaN). rtol = atol = 0 means bit-exact values."""
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    if rtol == 0 and atol == 0:
        torch.testing.assert_close(actual, expected, rtol=0, atol=0, equal_nan=True)
    else:
        torch.testing.assert_close(actual, expected, rtol=rtol, atol=atol, equal_nan=True)


def make(shape: Sequence[int], dtype: torch.dtype = torch.float32, seed: int = 0, scale: float = 1.0,
         low: int = -50, high: int = 50) -> torch.Tensor:
    """Deterministic random input: normal floats (times scale), integers in [low, high), random bools."""
    g = torch.Generator().manual_seed(seed)
    shape = tuple(shape)
    if dtype == torch.bool:
        return torch.randint(0, 2, shape, generator=g).bool()
    if dtype.is_floating_point:
        return (torch.randn(shape, generator=g, dtype=torch.float32) * scale).to(dtype)
    return torch.randint(low, high, shape, generator=g).to(dtype)


# Tolerances, named once so every assertion states its justification:
# fp32 elementwise with the same formula as eager (exact ops, or libm / polynomial transcendental functions
# that differ from PyTorch's vectorised Sleef by a few ulps).
F32 = dict(rtol=1e-5, atol=1e-6)
# bf16 results are rounded once from an f32 computation, as eager does: a difference of one bf16 ulp (2^-8
# relative) is possible when the f32 values straddle a rounding boundary; allow two ulps.
BF16 = dict(rtol=2 ** -7, atol=2 ** -7)
