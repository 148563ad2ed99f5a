"""Execution tests of softmax / log_softmax (.int and the private _softmax/_log_softmax), layer_norm and
inference batch_norm (Normalization.cpp).

Tolerances: fp32 rtol 1e-5 with atol 1e-5 (exp/log a few ulps, sums over the normalized dims in a different
order; all values are O(1) after normalization). bf16: two bf16 ulps (computed in f32, rounded once).
"""
import pytest
import torch
import torch.nn.functional as Fn

from aten_exec import BF16, check, dtype_name, fp, make, op_ir, op_ir_for, run_op, ttype

F = torch.float32
BF = torch.bfloat16

F32N = dict(rtol=1e-5, atol=1e-5)  # fp32 normalized values O(1): ulps of exp/log/rsqrt + reduction order


def tol(dtype):
    return BF16 if dtype == BF else F32N


SOFTMAX_SHAPES = [((1,), 0), ((7,), -1), ((17, 33), 1), ((17, 33), 0), ((2, 3, 100), -1), ((2, 3, 5), 1), ((3, 768), -1)]


@pytest.mark.parametrize("shape,dim", SOFTMAX_SHAPES, ids=str)
@pytest.mark.parametrize("log", [False, True])
@pytest.mark.parametrize("dtype", [F, BF])
def test_softmax_int(shape, dim, log, dtype):
    x = make(shape, dtype, 1, scale=4.0)
    expected = (torch.log_softmax if log else torch.softmax)(x, dim)
    op = "aten.log_softmax.int" if log else "aten.softmax.int"
    check(run_op(op, [x], expected, f"dim = {dim} : i64"), expected, **tol(dtype))


@pytest.mark.parametrize("log", [False, True])
def test_softmax_int_with_dtype(log):
    x = make((7, 17), BF, 2, scale=4.0)
    expected = (torch.log_softmax if log else torch.softmax)(x, -1, dtype=torch.float32)
    op = "aten.log_softmax.int" if log else "aten.softmax.int"
    check(run_op(op, [x], expected, "dim = -1 : i64, dtype = f32"), expected, **F32N)  # fp32 from bf16 inputs


@pytest.mark.parametrize("log", [False, True])
def test_softmax_large_and_infinite_inputs(log):
    # Large logits must not overflow (max subtraction); -inf entries get probability 0 (log: -inf).
    x = torch.tensor([[1000.0, 999.0, -1000.0, float("-inf")], [-1e30, 0.0, 1e30, 5.0], [3.0, 3.0, 3.0, 3.0]])
    expected = (torch.log_softmax if log else torch.softmax)(x, 1)
    op = "aten.log_softmax.int" if log else "aten.softmax.int"
    check(run_op(op, [x], expected, "dim = 1 : i64"), expected, **F32N)


@pytest.mark.parametrize("log", [False, True])
def test_softmax_rows_with_nan(log):
    """The row max leaves NaNs out (arith.maxnumf), yet a row with a NaN anywhere is all NaN, as in eager:
    the NaN reaches the row's sum. Rows of 100 go through the vectorized loops; the NaN sits first, in the
    middle and in the tail."""
    x = make((5, 100), F, 9, scale=3.0)
    x[0, 0] = float("nan")
    x[1, 50] = float("nan")
    x[2, 99] = float("nan")
    x[3, :] = float("nan")
    expected = (torch.log_softmax if log else torch.softmax)(x, 1)
    assert expected[:4].isnan().all() and not expected[4].isnan().any()
    op = "aten.log_softmax.int" if log else "aten.softmax.int"
    check(run_op(op, [x], expected, "dim = 1 : i64"), expected, **F32N)


@pytest.mark.parametrize("log", [False, True])
@pytest.mark.parametrize("dtype,half_to_float", [(F, False), (BF, False), (BF, True)])
@pytest.mark.parametrize("shape,dim", [((17, 33), 1), ((3, 7, 5), 0), ((100,), 0)], ids=str)
def test_private_softmax(log, dtype, half_to_float, shape, dim):
    x = make(shape, dtype, 3, scale=4.0)
    fn = torch.ops.aten._log_softmax if log else torch.ops.aten._softmax
    # Eager CPU rejects half_to_float; its definition is the f32 softmax of the (exactly) upcast input.
    expected = fn(x.float(), dim, False) if half_to_float else fn(x, dim, False)
    op = "aten._log_softmax" if log else "aten._softmax"
    attrs = f"dim = {dim} : i64, half_to_float = {'true' if half_to_float else 'false'}"
    check(run_op(op, [x], expected, attrs), expected, **tol(expected.dtype))


@pytest.mark.parametrize("log", [False, True])
def test_softmax_dynamic(log):
    op = "aten.log_softmax.int" if log else "aten.softmax.int"
    ir = None
    for shape in [(3, 5), (8, 33)]:
        x = make(shape, F, 4, scale=3.0)
        expected = (torch.log_softmax if log else torch.softmax)(x, -1)
        ir = ir or op_ir_for(op, [x], expected, "dim = -1 : i64", dynamic=True)
        check(run_op("", [x], expected, ir=ir), expected, **F32N)


def layer_norm_ir(x_type, normalized, w_type, b_type, out_type, eps=None):
    args = [x_type] + [t for t in (w_type, b_type) if t]
    operands = "%a0"
    i = 1
    if w_type:
        operands += f" weight(%a{i})"
        i += 1
    if b_type:
        operands += f" bias(%a{i})"
    attrs = f"normalized_shape = array<i64: {', '.join(map(str, normalized))}>"
    if eps is not None:
        attrs += f", eps = {fp(eps)} : f64"
    return op_ir("aten.layer_norm", args, out_type, operands, attrs)


@pytest.mark.parametrize("shape,nshape", [((7, 33), (33,)), ((2, 5, 17), (17,)), ((3, 5, 7), (5, 7)),
                                          ((1,), (1,)), ((4, 100), (100,)), ((2, 3, 4, 5), (3, 4, 5)),
                                          ((3, 768), (768,)), ((2, 200), (200,))], ids=str)
@pytest.mark.parametrize("affine", ["none", "weight", "bias", "both"])
@pytest.mark.parametrize("dtype", [F, BF])
def test_layer_norm(shape, nshape, affine, dtype):
    x = (make(shape, F, 5) * 2 + 3).to(dtype)
    w = make(nshape, dtype, 6) if affine in ("weight", "both") else None
    b = make(nshape, dtype, 7) if affine in ("bias", "both") else None
    eps = 1e-5 if affine != "both" else 1e-3
    expected = Fn.layer_norm(x, nshape, w, b, eps)
    ir = layer_norm_ir(ttype(shape, dtype), nshape, ttype(nshape, dtype) if w is not None else None,
                       ttype(nshape, dtype) if b is not None else None, ttype(shape, dtype),
                       eps if affine == "both" else None)
    inputs = [x] + [t for t in (w, b) if t is not None]
    check(run_op("", inputs, expected, ir=ir), expected, **tol(dtype))


def test_layer_norm_dynamic():
    ir = layer_norm_ir(ttype((None, None, 16), F), (16,), ttype((16,), F), ttype((16,), F), ttype((None, None, 16), F))
    for shape in [(2, 3, 16), (5, 1, 16)]:
        x, w, b = make(shape, F, 8), make((16,), F, 9), make((16,), F, 10)
        expected = Fn.layer_norm(x, (16,), w, b)
        check(run_op("", [x, w, b], expected, ir=ir), expected, **F32N)
    # Dynamic normalized dim too.
    ir = layer_norm_ir(ttype((None, None), F), (33,), None, None, ttype((None, None), F))
    for shape in [(2, 33), (7, 33)]:
        x = make(shape, F, 11)
        expected = Fn.layer_norm(x, (33,))
        check(run_op("", [x], expected, ir=ir), expected, **F32N)


def batch_norm_ir(x_type, c, dtype, weight, bias, out_type, eps):
    args = [x_type]
    operands = "%a0"
    for name, present in [("weight", weight), ("bias", bias), ("running_mean", True), ("running_var", True)]:
        if present:
            operands += f" {name}(%a{len(args)})"
            args.append(ttype((c,), dtype))
    attrs = f"training = false, momentum = {fp(0.1)} : f64, eps = {fp(eps)} : f64"
    return op_ir("aten.batch_norm", args, out_type, operands, attrs)


@pytest.mark.parametrize("shape", [(7, 3), (1, 17), (2, 3, 5, 7), (3, 4, 9), (1, 1, 1, 1)], ids=str)
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("dtype", [F, BF])
def test_batch_norm_inference(shape, affine, dtype):
    c = shape[1]
    x = make(shape, dtype, 12)
    mean, var = make((c,), dtype, 13), (make((c,), F, 14).abs() + 0.5).to(dtype)
    w = make((c,), dtype, 15) if affine else None
    b = make((c,), dtype, 16) if affine else None
    eps = 1e-3
    expected = Fn.batch_norm(x, mean, var, w, b, training=False, momentum=0.1, eps=eps)
    ir = batch_norm_ir(ttype(shape, dtype), c, dtype, affine, affine, ttype(shape, dtype), eps)
    inputs = [x] + ([w, b] if affine else []) + [mean, var]
    check(run_op("", inputs, expected, ir=ir), expected, **tol(dtype))


def test_batch_norm_weight_only_and_dynamic():
    c = 4
    x, mean, var, w = make((2, c, 3, 3), F, 17), make((c,), F, 18), make((c,), F, 19).abs() + 0.1, make((c,), F, 20)
    expected = Fn.batch_norm(x, mean, var, w, None, training=False, eps=1e-5)
    ir = batch_norm_ir(ttype(x.shape, F), c, F, True, False, ttype(x.shape, F), 1e-5)
    check(run_op("", [x, w, mean, var], expected, ir=ir), expected, **F32N)
    ir = batch_norm_ir(ttype((None, c, None, None), F), c, F, True, True, ttype((None, c, None, None), F), 1e-5)
    for shape in [(2, c, 3, 5), (1, c, 7, 2)]:
        x, b = make(shape, F, 21), make((c,), F, 22)
        expected = Fn.batch_norm(x, mean, var, w, b, training=False, eps=1e-5)
        check(run_op("", [x, w, b, mean, var], expected, ir=ir), expected, **F32N)


@pytest.mark.parametrize("log", [False, True])
def test_softmax_0d_and_fully_masked_row(log):
    op = "aten.log_softmax.int" if log else "aten.softmax.int"
    fn = torch.log_softmax if log else torch.softmax
    x = torch.tensor(3.0)
    expected = fn(x, 0)
    check(run_op(op, [x], expected, "dim = 0 : i64"), expected)  # exact
    x = torch.tensor([[float("-inf")] * 4, [0.0, 1.0, 2.0, 3.0]])
    expected = fn(x, 1)  # NaN row in eager
    check(run_op(op, [x], expected, "dim = 1 : i64"), expected, **F32N)
