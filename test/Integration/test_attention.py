"""Execution tests of scaled_dot_product_attention (Attention.cpp) against eager PyTorch.

Tolerances: fp32 rtol 1e-5, atol 1e-5 * sqrt(max(E, S)) (two contractions of length E and S accumulated in a
different order than eager, softmax exp a few ulps; outputs are convex combinations of O(1) values). bf16:
compared with eager bf16 SDPA (f32 scores/softmax there too), two bf16 ulps plus 1e-2 absolute: eager rounds
the probabilities to bf16 before the P @ V product while the lowering keeps them in f32.
"""
import math

import pytest
import torch
import torch.nn.functional as Fn

from aten_exec import check, fp, make, op_ir, run_op, ttype

F = torch.float32
BF = torch.bfloat16
B = torch.bool


def tol(dtype, e, s):
    if dtype == BF:
        return dict(rtol=2 ** -7, atol=1e-2)  # bf16: see module docstring
    return dict(rtol=1e-5, atol=1e-5 * math.sqrt(max(e, s)))  # fp32: contraction order


def sdpa_ir(q, k, v, out, mask=None, attrs="", dynamic_dims=()):
    def t(x, dtype=None):
        shape = [None if i in dynamic_dims else d for i, d in enumerate(x.shape)]
        return ttype(shape, x.dtype)
    types = [t(q), t(k), t(v)] + ([t(mask)] if mask is not None else [])
    operands = "%a0, %a1, %a2" + (" attn_mask(%a3)" if mask is not None else "")
    return op_ir("aten.scaled_dot_product_attention", types, t(out), operands, attrs)


def run_sdpa(q, k, v, expected, mask=None, attrs="", dynamic_dims=()):
    ir = sdpa_ir(q, k, v, expected, mask, attrs, dynamic_dims)
    return run_op("", [q, k, v] + ([mask] if mask is not None else []), expected, ir=ir)


SHAPES = [  # (batch dims, L, S, E, Ev)
    ((2, 3), 7, 7, 16, 16),
    ((1, 1), 1, 1, 1, 1),
    ((2, 4), 17, 33, 8, 5),
    ((3,), 5, 9, 7, 7),  # 3-D inputs
    ((2, 2, 2), 3, 4, 5, 6),  # 5-D inputs
]


@pytest.mark.parametrize("bd,l,s,e,ev", SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [F, BF])
def test_sdpa_no_mask(bd, l, s, e, ev, dtype):
    q, k, v = make(bd + (l, e), dtype, 1), make(bd + (s, e), dtype, 2), make(bd + (s, ev), dtype, 3)
    expected = Fn.scaled_dot_product_attention(q, k, v)
    check(run_sdpa(q, k, v, expected), expected, **tol(dtype, e, s))


@pytest.mark.parametrize("mask_shape", [(7, 9), (2, 1, 7, 9), (1, 3, 1, 9), (1, 9)], ids=str)
@pytest.mark.parametrize("dtype", [F, BF])
def test_sdpa_bool_mask(mask_shape, dtype):
    q, k, v = make((2, 3, 7, 8), dtype, 4), make((2, 3, 9, 8), dtype, 5), make((2, 3, 9, 8), dtype, 6)
    mask = make(mask_shape, B, 7)
    mask[..., 0] = True  # no fully masked row (eager's result for those is backend-specific)
    expected = Fn.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    check(run_sdpa(q, k, v, expected, mask), expected, **tol(dtype, 8, 9))


@pytest.mark.parametrize("mask_shape", [(7, 9), (2, 3, 7, 9), (1, 1, 7, 1)], ids=str)
@pytest.mark.parametrize("dtype", [F, BF])
def test_sdpa_float_mask(mask_shape, dtype):
    q, k, v = make((2, 3, 7, 8), dtype, 8), make((2, 3, 9, 8), dtype, 9), make((2, 3, 9, 8), dtype, 10)
    mask = make(mask_shape, dtype, 11, scale=2.0)
    expected = Fn.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    check(run_sdpa(q, k, v, expected, mask), expected, **tol(dtype, 8, 9))


def test_sdpa_float_mask_with_neg_inf():
    q, k, v = make((1, 2, 5, 4), F, 12), make((1, 2, 6, 4), F, 13), make((1, 2, 6, 4), F, 14)
    mask = torch.zeros(5, 6)
    mask[:, 3:] = float("-inf")
    expected = Fn.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    check(run_sdpa(q, k, v, expected, mask), expected, **tol(F, 4, 6))


@pytest.mark.parametrize("l,s", [(7, 7), (5, 9), (9, 5), (1, 17), (17, 1)], ids=str)
@pytest.mark.parametrize("dtype", [F, BF])
def test_sdpa_causal(l, s, dtype):
    q, k, v = make((2, 3, l, 8), dtype, 15), make((2, 3, s, 8), dtype, 16), make((2, 3, s, 8), dtype, 17)
    expected = Fn.scaled_dot_product_attention(q, k, v, is_causal=True)
    check(run_sdpa(q, k, v, expected, attrs="is_causal = true"), expected, **tol(dtype, 8, s))


@pytest.mark.parametrize("scale", [0.125, 1.0, 2.5])
@pytest.mark.parametrize("causal", [False, True])
def test_sdpa_explicit_scale(scale, causal):
    q, k, v = make((2, 2, 7, 16), F, 18), make((2, 2, 11, 16), F, 19), make((2, 2, 11, 3), F, 20)
    expected = Fn.scaled_dot_product_attention(q, k, v, scale=scale, is_causal=causal)
    attrs = f"scale = {fp(scale)} : f64" + (", is_causal = true" if causal else "")
    check(run_sdpa(q, k, v, expected, attrs=attrs), expected, **tol(F, 16, 11))


@pytest.mark.parametrize("hq,hkv", [(8, 2), (6, 3), (4, 4), (3, 1)])
@pytest.mark.parametrize("dtype", [F, BF])
def test_sdpa_gqa(hq, hkv, dtype):
    q, k, v = make((2, hq, 7, 8), dtype, 21), make((2, hkv, 9, 8), dtype, 22), make((2, hkv, 9, 8), dtype, 23)
    expected = Fn.scaled_dot_product_attention(q, k, v, enable_gqa=True)
    check(run_sdpa(q, k, v, expected, attrs="enable_gqa = true"), expected, **tol(dtype, 8, 9))


def test_sdpa_gqa_with_mask_and_causal():
    q, k, v = make((1, 4, 5, 8), F, 24), make((1, 2, 7, 8), F, 25), make((1, 2, 7, 8), F, 26)
    mask = make((5, 7), B, 27)
    mask[:, 0] = True
    expected = Fn.scaled_dot_product_attention(q, k, v, attn_mask=mask, enable_gqa=True)
    check(run_sdpa(q, k, v, expected, mask, attrs="enable_gqa = true"), expected, **tol(F, 8, 7))
    expected = Fn.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
    check(run_sdpa(q, k, v, expected, attrs="enable_gqa = true, is_causal = true"), expected, **tol(F, 8, 7))


@pytest.mark.parametrize("causal", [False, True])
def test_sdpa_dynamic(causal):
    """Batch, L, S dynamic (E static); the same IR with two sets of sizes."""
    ir = None
    for b, l, s in [(2, 5, 7), (3, 9, 4)]:
        q, k, v = make((b, 2, l, 8), F, 28), make((b, 2, s, 8), F, 29), make((b, 2, s, 8), F, 30)
        expected = Fn.scaled_dot_product_attention(q, k, v, is_causal=causal)
        ir = ir or sdpa_ir(q, k, v, expected, attrs="is_causal = true" if causal else "", dynamic_dims=(0, 2))
        check(run_op("", [q, k, v], expected, ir=ir), expected, **tol(F, 8, s))


def test_sdpa_dynamic_head_dim_and_mask():
    ir = None
    for e, s in [(4, 6), (16, 3)]:
        q, k, v = make((1, 2, 5, e), F, 31), make((1, 2, s, e), F, 32), make((1, 2, s, e), F, 33)
        mask = make((5, s), F, 34)
        expected = Fn.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        ir = ir or op_ir("aten.scaled_dot_product_attention",
                         [ttype((1, 2, 5, None), F), ttype((1, 2, None, None), F), ttype((1, 2, None, None), F),
                          ttype((5, None), F)], ttype((1, 2, 5, None), F), "%a0, %a1, %a2 attn_mask(%a3)")
        check(run_op("", [q, k, v, mask], expected, ir=ir), expected, **tol(F, e, s))
