"""Execution tests of the reductions (Reduction.cpp): sum, sum.dim_IntList, mean, mean.dim, amax, var.correction.

Tolerances: fp32 sums are accumulated in a different order than eager (which uses cascade/pairwise sums), so
the error grows with the number N of reduced elements: rtol 1e-5 plus atol 1e-6 * sqrt(N) * max|x| (stated
per assertion via f32_tol). bf16 results: two bf16 ulps (f32 accumulation rounded once). Integer sums and
amax are exact.
"""
import math

import pytest
import torch

from aten_exec import BF16, check, make, op_ir, op_ir_for, run_op, ttype

F = torch.float32
BF = torch.bfloat16
I64 = torch.int64
I32 = torch.int32
B = torch.bool


def f32_tol(x: torch.Tensor, n: int):
    """fp32 reduction of n elements of x: different summation order, error ~ sqrt(n) ulps of the magnitude."""
    mag = float(x.abs().max()) if x.numel() else 1.0
    return dict(rtol=1e-5, atol=1e-6 * math.sqrt(max(n, 1)) * max(mag, 1.0))


def dims_attr(dims, keepdim=False):
    parts = []
    if dims is not None:
        parts.append(f"dim = array<i64{': ' + ', '.join(map(str, dims)) if dims else ''}>")
    if keepdim:
        parts.append("keepdim = true")
    return ", ".join(parts)


def reduced_count(shape, dims):
    if not dims:
        return math.prod(shape)
    return math.prod(shape[d] for d in dims)


@pytest.mark.parametrize("shape", [(1,), (7,), (17, 33), (3, 5, 100), ()], ids=str)
@pytest.mark.parametrize("dtype", [F, BF, I64, I32, B])
def test_sum(shape, dtype):
    x = make(shape, dtype, 1)
    expected = torch.sum(x)
    assert expected.dtype == (dtype if dtype.is_floating_point else I64)
    out = run_op("aten.sum", [x], expected)
    if dtype == F:
        check(out, expected, **f32_tol(x, x.numel()))  # fp32: summation order, ~sqrt(N)
    elif dtype == BF:
        check(out, expected, **BF16)  # bf16: f32 accumulation rounded once
    else:
        check(out, expected)  # integers: exact


SUM_DIMS = [
    ((17, 33), [1], False), ((17, 33), [-1], True), ((17, 33), [0], False), ((3, 5, 7), [0, 2], False),
    ((3, 5, 7), [-1, 0], True), ((3, 5, 7), [], False), ((3, 5, 7), [2, 1, 0], True), ((2, 1, 33), [1], False),
    ((1,), [0], True),
    # Trailing reduction dims, collapsed into one vector loop (a global average pool's H and W).
    ((2, 3, 14, 14), [-1, -2], True), ((2, 5, 9, 7), [2, 3], False), ((4, 6, 33), [1, 2], False),
]


@pytest.mark.parametrize("shape,dims,keepdim", SUM_DIMS, ids=str)
@pytest.mark.parametrize("dtype", [F, BF, I64, B])
def test_sum_dim(shape, dims, keepdim, dtype):
    x = make(shape, dtype, 2)
    expected = torch.sum(x, dim=dims, keepdim=keepdim)
    out = run_op("aten.sum.dim_IntList", [x], expected, dims_attr(dims, keepdim))
    if dtype == F:
        check(out, expected, **f32_tol(x, reduced_count(shape, dims)))  # fp32: order, ~sqrt(N)
    elif dtype == BF:
        check(out, expected, **BF16)  # bf16: f32 accumulation rounded once
    else:
        check(out, expected)  # integers: exact


def test_sum_dim_with_dtype():
    x = make((7, 17), I32, 3)
    expected = torch.sum(x, dim=[1], dtype=torch.float32)
    check(run_op("aten.sum.dim_IntList", [x], expected, "dim = array<i64: 1>, dtype = f32"), expected,
          **f32_tol(expected, 17))  # fp32 sum of 17 small integers: exact in practice
    x = make((7, 17), BF, 3)
    expected = torch.sum(x, dim=[0], dtype=torch.float32)
    check(run_op("aten.sum.dim_IntList", [x], expected, "dim = array<i64: 0>, dtype = f32"), expected,
          **f32_tol(x, 7))  # fp32 accumulation of bf16 values: order only


@pytest.mark.parametrize("dims,keepdim", [([1], False), ([0, -1], True), (None, False)])
def test_sum_dynamic(dims, keepdim):
    ir = None
    for shape in [(3, 4, 5), (7, 2, 33)]:
        x = make(shape, F, 4)
        expected = torch.sum(x, dim=dims if dims is not None else [], keepdim=keepdim)
        ir = ir or op_ir_for("aten.sum.dim_IntList", [x], expected, dims_attr(dims, keepdim), dynamic=True)
        check(run_op("", [x], expected, ir=ir), expected, **f32_tol(x, x.numel()))  # fp32: order


@pytest.mark.parametrize("shape", [(1,), (7,), (17, 33), (3, 5, 100)], ids=str)
@pytest.mark.parametrize("dtype", [F, BF])
def test_mean(shape, dtype):
    x = make(shape, dtype, 5)
    expected = torch.mean(x)
    out = run_op("aten.mean", [x], expected)
    tol = BF16 if dtype == BF else f32_tol(x, 1)  # mean: the sum's error divided by N, ~1 ulp of max|x|
    check(out, expected, **tol)


@pytest.mark.parametrize("shape,dims,keepdim", SUM_DIMS, ids=str)
@pytest.mark.parametrize("dtype", [F, BF])
def test_mean_dim(shape, dims, keepdim, dtype):
    x = make(shape, dtype, 6)
    expected = torch.mean(x, dim=dims, keepdim=keepdim)
    out = run_op("aten.mean.dim", [x], expected, dims_attr(dims, keepdim))
    check(out, expected, **(BF16 if dtype == BF else f32_tol(x, 1)))  # mean: sum error / N


def test_mean_dtype_and_dynamic():
    x = make((7, 33), BF, 7)
    expected = torch.mean(x, dim=[1], dtype=torch.float32)
    check(run_op("aten.mean.dim", [x], expected, "dim = array<i64: 1>, dtype = f32"), expected,
          **f32_tol(x, 1))  # fp32 mean of bf16 values
    ir = None
    for shape in [(3, 7), (10, 1)]:
        x = make(shape, F, 8)
        expected = torch.mean(x, dim=[-1], keepdim=True)
        ir = ir or op_ir_for("aten.mean.dim", [x], expected, dims_attr([-1], True), dynamic=True)
        check(run_op("", [x], expected, ir=ir), expected, **f32_tol(x, 1))  # fp32


@pytest.mark.parametrize("shape,dims,keepdim", SUM_DIMS, ids=str)
@pytest.mark.parametrize("dtype", [F, BF, I64, I32])
def test_amax(shape, dims, keepdim, dtype):
    x = make(shape, dtype, 9)
    expected = torch.amax(x, dim=dims, keepdim=keepdim)
    check(run_op("aten.amax", [x], expected, dims_attr(dims, keepdim)), expected)  # selects a value: exact


@pytest.mark.parametrize("dims", [[1], [0], []], ids=str)
def test_amax_bool(dims):
    x = torch.tensor([[False, True, False], [False, False, False], [True, True, True]])
    expected = torch.amax(x, dim=dims)
    check(run_op("aten.amax", [x], expected, dims_attr(dims)), expected)  # bool: exact


def test_amax_special_values():
    x = torch.tensor([[1.0, float("nan"), 3.0], [-float("inf"), -float("inf"), -float("inf")], [-1.0, -0.0, -2.0]])
    expected = torch.amax(x, dim=[1])
    check(run_op("aten.amax", [x], expected, "dim = array<i64: 1>"), expected)  # NaN propagates: exact


def test_amax_dynamic():
    ir = None
    for shape in [(4, 9), (1, 3)]:
        x = make(shape, F, 10)
        expected = torch.amax(x, dim=[0])
        ir = ir or op_ir_for("aten.amax", [x], expected, "dim = array<i64: 0>", dynamic=True)
        check(run_op("", [x], expected, ir=ir), expected)  # exact


def var_attrs(dims, correction, keepdim):
    parts = [dims_attr(dims, keepdim)] if dims is not None or keepdim else []
    if correction is not None:
        parts.append(f"correction = {correction} : i64" if isinstance(correction, int)
                     else f"correction = {correction:.17e} : f64")
    return ", ".join(p for p in parts if p)


@pytest.mark.parametrize("correction", [0, 1, None, 2.5])
@pytest.mark.parametrize("shape,dims,keepdim", [
    ((17, 33), [1], False), ((17, 33), [-1], True), ((3, 5, 7), [0, 2], False), ((3, 5, 7), None, False),
    ((100,), [0], False), ((7, 4), [0], True),
], ids=str)
@pytest.mark.parametrize("dtype", [F, BF])
def test_var(correction, shape, dims, keepdim, dtype):
    x = (make(shape, F, 11) * 3 + 5).to(dtype)  # offset mean: a one-pass E[x^2]-E[x]^2 would lose digits
    kwargs = {} if correction is None else {"correction": correction}
    expected = torch.var(x, dim=dims, keepdim=keepdim, **kwargs)
    out = run_op("aten.var.correction", [x], expected, var_attrs(dims, correction, keepdim))
    check(out, expected, **(BF16 if dtype == BF else dict(rtol=1e-5, atol=1e-5)))  # fp32 two-pass: ~ulps


def test_var_edge_counts():
    # N == correction: division by zero -> inf (or nan for 0/0); N < correction: PyTorch clamps N - c at 0.
    x = torch.tensor([[1.0], [2.0]])
    for correction in [1, 2]:
        expected = torch.var(x, dim=[1], correction=correction)
        check(run_op("aten.var.correction", [x], expected, var_attrs([1], correction, False)), expected)
    x = torch.tensor([[1.0, 3.0]])
    expected = torch.var(x, dim=[1], correction=2)
    check(run_op("aten.var.correction", [x], expected, var_attrs([1], 2, False)), expected)  # inf: exact


def test_var_dynamic():
    ir = None
    for shape in [(5, 8), (2, 33)]:
        x = make(shape, F, 12)
        expected = torch.var(x, dim=[1])
        ir = ir or op_ir_for("aten.var.correction", [x], expected, var_attrs([1], None, False), dynamic=True)
        check(run_op("", [x], expected, ir=ir), expected, rtol=1e-5, atol=1e-5)  # fp32 two-pass


def test_reductions_of_0d_and_empty_dim_list():
    x = torch.tensor(2.5)
    for op, fn in [("aten.sum", torch.sum), ("aten.mean", torch.mean)]:
        expected = fn(x)
        check(run_op(op, [x], expected), expected)  # one element: exact
    x = make((3, 5, 7), F, 13)
    expected = torch.var(x, dim=[], keepdim=True)
    check(run_op("aten.var.correction", [x], expected, "dim = array<i64>, keepdim = true"), expected,
          rtol=1e-5, atol=1e-5)  # fp32 two-pass
    expected = torch.amax(x, dim=[], keepdim=True)
    check(run_op("aten.amax", [x], expected, "keepdim = true"), expected)  # exact
