"""Execution tests of mm, bmm, addmm, linear and matmul (LinearAlgebra.cpp) against eager PyTorch.

Tolerances: an fp32 dot product of length K is accumulated in a different order than eager's blocked GEMM;
the error grows like sqrt(K) ulps of the partial sums, so mm_tol uses rtol 1e-5 and atol 1e-6 * sqrt(K) *
(magnitude of the products, ~1 for randn inputs). bf16: inputs are bf16, accumulation in f32 (as eager), one
final rounding: two bf16 ulps relative, plus the f32 accumulation-order term. Integer products are exact.
"""
import math

import pytest
import torch

from aten_exec import BF16, check, make, op_ir, op_ir_for, run_op, scalar, ttype

F = torch.float32
BF = torch.bfloat16
I64 = torch.int64


def mm_tol(dtype, k):
    if dtype == BF:
        return dict(rtol=2 ** -7, atol=2 ** -7 + 1e-5 * math.sqrt(k))  # bf16: 2 ulps + f32 order
    return dict(rtol=1e-5, atol=1e-6 * math.sqrt(max(k, 1)))  # fp32: order of K products ~ sqrt(K) ulps


def approx(out, expected, k):
    if expected.dtype.is_floating_point:
        check(out, expected, **mm_tol(expected.dtype, k))
    else:
        check(out, expected)  # integers: exact


MM_SHAPES = [(1, 1, 1), (7, 33, 17), (17, 1, 33), (100, 64, 3), (5, 257, 9)]  # (M, K, N)


@pytest.mark.parametrize("m,k,n", MM_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [F, BF, I64])
def test_mm(m, k, n, dtype):
    a, b = make((m, k), dtype, 1, low=-9, high=9), make((k, n), dtype, 2, low=-9, high=9)
    expected = torch.mm(a, b)
    approx(run_op("aten.mm", [a, b], expected), expected, k)


def test_mm_dynamic():
    ir = None
    for m, k, n in [(3, 5, 7), (17, 2, 1)]:
        a, b = make((m, k), F, 3), make((k, n), F, 4)
        expected = torch.mm(a, b)
        ir = ir or op_ir("aten.mm", [ttype((None, None), F)] * 2, ttype((None, None), F))
        approx(run_op("", [a, b], expected, ir=ir), expected, k)


@pytest.mark.parametrize("bsz,m,k,n", [(1, 7, 33, 17), (3, 1, 5, 1), (5, 17, 64, 9)], ids=str)
@pytest.mark.parametrize("dtype", [F, BF, I64])
def test_bmm(bsz, m, k, n, dtype):
    a, b = make((bsz, m, k), dtype, 5, low=-9, high=9), make((bsz, k, n), dtype, 6, low=-9, high=9)
    expected = torch.bmm(a, b)
    approx(run_op("aten.bmm", [a, b], expected), expected, k)


def test_bmm_dynamic():
    ir = op_ir("aten.bmm", [ttype((None, None, None), F)] * 2, ttype((None, None, None), F))
    for bsz, m, k, n in [(2, 3, 4, 5), (4, 7, 1, 3)]:
        a, b = make((bsz, m, k), F, 7), make((bsz, k, n), F, 8)
        expected = torch.bmm(a, b)
        approx(run_op("", [a, b], expected, ir=ir), expected, k)


@pytest.mark.parametrize("self_shape", [(7, 17), (17,), (1, 17), (7, 1), ()], ids=str)
@pytest.mark.parametrize("beta,alpha", [(1, 1), (0.5, 2.0), (2, 1), (1, -1.5)])
@pytest.mark.parametrize("dtype", [F, BF])
def test_addmm(self_shape, beta, alpha, dtype):
    s, a, b = make(self_shape, dtype, 9), make((7, 33), dtype, 10), make((33, 17), dtype, 11)
    expected = torch.addmm(s, a, b, beta=beta, alpha=alpha)
    attrs = ", ".join(x for x in [f"beta = {scalar(beta)}" if beta != 1 else "",
                                  f"alpha = {scalar(alpha)}" if alpha != 1 else ""] if x)
    # Scaled by |alpha| <= 2 and beta*self: 2x the plain tolerance.
    t = mm_tol(dtype, 33)
    check(run_op("aten.addmm", [s, a, b], expected, attrs), expected, rtol=t["rtol"], atol=2 * t["atol"])


def test_addmm_beta_zero_ignores_nan_self():
    s = torch.full((5, 3), float("nan"))
    a, b = make((5, 9), F, 12), make((9, 3), F, 13)
    expected = torch.addmm(s, a, b, beta=0)
    check(run_op("aten.addmm", [s, a, b], expected, "beta = 0 : i64"), expected, **mm_tol(F, 9))


def test_addmm_int_and_dynamic():
    s, a, b = make((17,), I64, 14), make((3, 5), I64, 15), make((5, 17), I64, 16)
    expected = torch.addmm(s, a, b, beta=2, alpha=3)
    check(run_op("aten.addmm", [s, a, b], expected, "beta = 2 : i64, alpha = 3 : i64"), expected)  # exact
    ir = op_ir("aten.addmm", [ttype((None,), F), ttype((None, None), F), ttype((None, None), F)],
               ttype((None, None), F))
    for m, k, n in [(3, 4, 5), (9, 1, 2)]:
        s, a, b = make((n,), F, 17), make((m, k), F, 18), make((k, n), F, 19)
        expected = torch.addmm(s, a, b)
        approx(run_op("", [s, a, b], expected, ir=ir), expected, k)


@pytest.mark.parametrize("in_shape", [(33,), (7, 33), (2, 5, 33), (1, 1, 33), (2, 3, 4, 33)], ids=str)
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("dtype", [F, BF])
def test_linear(in_shape, bias, dtype):
    x, w = make(in_shape, dtype, 20), make((17, 33), dtype, 21)
    b = make((17,), dtype, 22) if bias else None
    expected = torch.nn.functional.linear(x, w, b)
    inputs = [x, w] + ([b] if bias else [])
    operands = "%a0, %a1" + (" bias(%a2)" if bias else "")
    approx(run_op("aten.linear", inputs, expected, operands=operands), expected, 33)


def test_linear_dynamic():
    for in_shape in [(None, 33), (None, None, 33), (None, None, None)]:
        ir = op_ir("aten.linear", [ttype(in_shape, F), ttype((17, None), F), ttype((17,), F)],
                   ttype(in_shape[:-1] + (17,), F), "%a0, %a1 bias(%a2)")
        for sizes in [(2, 3), (5, 1)]:
            shape = tuple(sizes[: len(in_shape) - 1]) + (33,)
            x, w, b = make(shape, F, 23), make((17, 33), F, 24), make((17,), F, 25)
            expected = torch.nn.functional.linear(x, w, b)
            approx(run_op("", [x, w, b], expected, ir=ir), expected, 33)


MATMUL_SHAPES = [
    ("1Dx1D", (33,), (33,)),
    ("1Dx2D", (33,), (33, 7)),
    ("2Dx1D", (7, 33), (33,)),
    ("2Dx2D", (7, 33), (33, 17)),
    ("3Dx2D", (2, 7, 33), (33, 17)),
    ("3Dx1D", (2, 7, 33), (33,)),
    ("2Dx3D", (7, 33), (3, 33, 5)),
    ("3Dx3D", (3, 7, 33), (3, 33, 5)),
    ("bcast_4Dx3D", (2, 3, 7, 33), (3, 33, 5)),
    ("bcast_4Dx4D", (2, 1, 7, 33), (1, 3, 33, 5)),
    ("1Dx3D", (33,), (2, 33, 5)),
    ("1Dx4D", (33,), (2, 3, 33, 5)),
    ("4Dx1D", (2, 3, 7, 33), (33,)),
]


@pytest.mark.parametrize("case", MATMUL_SHAPES, ids=lambda c: c[0])
@pytest.mark.parametrize("dtype", [F, BF, I64])
def test_matmul(case, dtype):
    _, sa, sb = case
    a, b = make(sa, dtype, 26, low=-9, high=9), make(sb, dtype, 27, low=-9, high=9)
    expected = torch.matmul(a, b)
    approx(run_op("aten.matmul", [a, b], expected), expected, 33)


@pytest.mark.parametrize("case", MATMUL_SHAPES, ids=lambda c: c[0])
def test_matmul_dynamic(case):
    """All non-unit dims dynamic; the same IR runs with the K / batch / M / N sizes changed."""
    _, sa, sb = case
    ir = None
    for scale in [1, 2]:
        def grow(s):
            return tuple(d if d == 1 else d + (scale - 1) * 3 for d in s)
        a, b = make(grow(sa), F, 28), make(grow(sb), F, 29)
        expected = torch.matmul(a, b)
        ir = ir or op_ir_for("aten.matmul", [a, b], expected, dynamic=True)
        approx(run_op("", [a, b], expected, ir=ir), expected, a.shape[-1])


def test_matmul_large_k():
    a, b = make((3, 4096), F, 30), make((4096, 5), F, 31)
    expected = torch.matmul(a, b)
    approx(run_op("aten.matmul", [a, b], expected), expected, 4096)  # fp32: atol ~ 1e-6 * sqrt(4096)
