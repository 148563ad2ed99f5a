"""Execution tests of the contraction microkernels (SelectLoweringConfig, PackContractions, LowerMicrokernels):
aten.mm, linear, bmm, addmm and matmul with sizes that hit every tail path, constant (compile-time packed) and
argument weights, dynamic M, thread counts and the plain-loop lowering, against eager PyTorch.

Blocking the sizes are chosen against (SelectLoweringConfig.cpp, this machine: 2 threads, 2 MiB L2):
- amx_bf16 (bf16 x bf16 -> f32): register blocks mr x nr, mr = 16 for a static M <= 16 else 32, nr = 16 for
  N <= 16 else 32; K padded to a multiple of 32, K blocks kc = min(K', 2048); tasks of mc = 128 rows x
  nc <= 1024 columns. The last M % mr rows of a task go through a scratch C block; padded N columns and K
  steps are zeros.
- avx512_fma (f32): mr = 8 (M itself for a static M < 8), nr as above, K blocks kc = min(K, 256), mc <= 128;
  the last M % 8 rows of a task run one at a time. avx2_fma (f32 on AVX2 hosts, or isa=avx2): the same with
  8-lane vectors, mr = 6, nr = 8 or 16. One-row products (M = 1) get nr = 8 zmm vectors, or 2 ymm vectors
  read in 4 K segments side by side (as does every one-row block of 2 vectors, the leftover rows included:
  K = 1000 splits 4 x 250, K = 17 4 x 4 plus one). Without AMX, bf16
  takes the FMA kernels too (exact widening of both operands; the same f32 accumulation).
- avx512_bf16 / avx512_vnni (bf16 / u8s8 on AVX-512 hosts with BF16 / VNNI and no AMX, or isa=avx512-bf16 /
  avx512-vnni): the f32 kernel's blocking (mr = 8, nr = 16 or 32; M = 1: up to 8 vectors), one K step per VNNI
  group of 2 / 4; K padded to a multiple of 32 / 64 with zeros, kc = min(K', 512) / min(K', 1024).
- avx2_int8 (int8 of any signedness without VNNI or AMX, or isa=avx2): mr = 6, nr = 16 (M = 1: up to 48),
  pairs of k widened to i16 (A per task, B per load), K padded to a multiple of 32, kc = min(K', 512).
- M tasks are balanced: mc is lowered so that they have equal size and their number is a multiple of the
  thread count.
- With fewer M tasks than threads, N is split into more tasks (nc a multiple of nr), so num-threads changes
  the task grid but not the summation order of any element.

Tolerances (assert_gemm_close) are elementwise error bounds. Each output element is a dot product of length K
(plus, for addmm and a linear bias, a scaling and an addition) accumulated in f32; a product of two bf16 values
is exact in f32. Whatever the summation order (ours: K blocks, FMA chains or AMX pair dot products; eager:
MKL / oneDNN), the f32 value differs from the exact one by at most gamma_n * S, where S = sum_k |a_ik b_kj|
(+ |beta * self|), gamma_n = n u / (1 - n u), u = 2^-24 and n = K (K + 2 with bias / scaling): every term
passes through at most n roundings (Higham, Accuracy and Stability of Numerical Algorithms, section 3.1).
- f32 output, compared with eager f32: |out - ref| <= 2 gamma_n S (two such accumulations).
- bf16 output, compared with the f32 reference computed from the same bf16 inputs and rounded to bf16 (as the
  lowering rounds once, after the f32 accumulation): two roundings to bf16's 8-bit significand (each <= 2^-8
  relative) on top of the two accumulations:
  |out - ref| <= 2 * 2^-8 / (1 - 2^-8) * |ref| + 2 (1 + 2^-8) gamma_n S.
The bounds hold for any summation order, yet stay below one product |a_ik b_kj| (0.64 on average for randn
inputs, S ~ 0.64 K): 2 gamma_K S ~ 1.3 K^2 2^-24 is 0.005 at K = 255 and 0.33 at K = 2100 (bf16 adds 2^-7 |ref|,
~0.36 there). A missing or duplicated term, a wrong index, a stale K block or garbage padding therefore puts
most of the elements it touches out of bound (one is enough to fail).
"""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as Fn

import harness
from aten_exec import make, op_ir, scalar, ttype
from inductor_mlir.importer import dense_constant

F = torch.float32
BF = torch.bfloat16
U32 = 2.0 ** -24  # unit roundoff of f32 (24-bit significand)
U16 = 2.0 ** -8  # unit roundoff of bf16 (8-bit significand)


def run(ir: str, inputs, options: str = "") -> torch.Tensor:
    """Runs @f of `ir` on `inputs`; `options` are the lowering pipeline's (e.g. 'num-threads=1')."""
    extra = [f"--pipeline-options={options}"] if options else []
    (out,) = harness.run_mlir(ir, "f", list(inputs), extra)
    return out


def reference(fn, inputs) -> torch.Tensor:
    """fn computed by eager PyTorch in f32: f32 inputs as they are; bf16 inputs widened to f32 (exactly) and the
    f32 result rounded to bf16 once."""
    return fn(*[t.float() for t in inputs]).to(inputs[0].dtype)


def abs_sum(fn, inputs) -> torch.Tensor:
    """S = sum_k |a_ik b_kj| (+ |bias|) per output element: fn on |inputs| in f64. fn must be the op with its
    scalars replaced by their absolute values (alpha, beta)."""
    return fn(*[t.double().abs() for t in inputs])


def assert_gemm_close(out: torch.Tensor, ref: torch.Tensor, s: torch.Tensor, n: int, what: str = ""):
    """|out - ref| within the bound of the module docstring, elementwise; n = roundings per term (K, K + 2)."""
    assert out.dtype == ref.dtype, (what, out.dtype, ref.dtype)
    assert out.shape == ref.shape, (what, out.shape, ref.shape)
    gamma = n * U32 / (1 - n * U32)
    if ref.dtype == BF:
        bound = 2 * U16 / (1 - U16) * ref.double().abs() + 2 * (1 + U16) * gamma * s
    else:
        bound = 2 * gamma * s
    err = (out.double() - ref.double()).abs()
    bad = ~(err <= bound)  # NaN is bad
    if bad.any():
        ratio = torch.where(bad, err / bound.clamp_min(1e-300), torch.zeros_like(err)).nan_to_num(float("inf"))
        worst = tuple(int(i) for i in torch.unravel_index(ratio.argmax(), ratio.shape))
        raise AssertionError(
            f"{what}: {int(bad.sum())} of {out.numel()} elements outside the error bound (n = {n}); worst at "
            f"{worst}: out {out[worst].item()!r}, reference {ref[worst].item()!r}, |err| {err[worst].item():.3g}, "
            f"bound {bound[worst].item():.3g}")


def check_op(ir: str, fn, inputs, n: int, options: str = "", abs_fn=None, what: str = "") -> torch.Tensor:
    """Runs `ir` on `inputs` and checks it against fn (abs_fn: fn with |scalars|, for S); returns the output."""
    out = run(ir, inputs, options)
    assert_gemm_close(out, reference(fn, inputs), abs_sum(abs_fn or fn, inputs), n, what or options)
    return out


def types(*tensors) -> list[str]:
    return [ttype(t.shape, t.dtype) for t in tensors]


def mm_ir(m: int | None, n: int, k: int, dtype) -> str:
    return op_ir("aten.mm", [ttype((m, k), dtype), ttype((k, n), dtype)], ttype((m, n), dtype))


def linear_ir(x_shape, n: int, k: int, dtype, bias: bool) -> str:
    arg_types = [ttype(x_shape, dtype), ttype((n, k), dtype)] + ([ttype((n,), dtype)] if bias else [])
    return op_ir("aten.linear", arg_types, ttype(tuple(x_shape[:-1]) + (n,), dtype),
                 "%a0, %a1" + (" bias(%a2)" if bias else ""))


# (M, N, K). M tails: M % 32, M % 16, M % 8 != 0 (1, 7, 17, 31, 33, 100, 255, 300), M = 16 / 32 exact, M = 1000
# (8 AMX M tasks, the last of 104 = 3 x 32 + 8 rows), M = 255 / 300 (2 / 3 tasks of <= 128 rows, partial last).
# N tails: N < 16 (1, 7: nr = 16), 16 exact, N % 32 != 0 above 16, N = 1100 > nc = 1024 (two N tasks).
# K: 1, K % 32 != 0 (AMX K padding), 16 < 32, K = 1000 (FMA K blocks 3 x 256 + 232), K = 2100 (AMX K blocks
# 2048 + 64, FMA 8 x 256 + 52).
SHAPES = [
    (1, 1, 1),
    (1, 7, 17),
    (1, 1000, 255),
    (7, 16, 33),
    (7, 255, 1000),
    (16, 7, 32),
    (16, 1, 2100),
    (17, 31, 17),
    (17, 1000, 1),
    (31, 17, 100),
    (31, 7, 255),
    (32, 32, 32),
    (32, 100, 7),
    (33, 33, 31),
    (33, 1, 16),
    (100, 100, 1),
    (100, 16, 1000),
    (100, 1000, 33),
    (255, 7, 16),
    (255, 255, 255),
    (1000, 17, 7),
    (1000, 32, 100),
    (1000, 1, 31),
    (300, 1100, 2100),
]


def shape_id(shape) -> str:
    return "x".join(str(d) for d in shape)


def shapes(cases):
    """Parametrizes m, n, k over (M, N, K) cases."""
    return pytest.mark.parametrize("m,n,k", cases, ids=[shape_id(c) for c in cases])


both_dtypes = pytest.mark.parametrize("dtype", [F, BF], ids=["f32", "bf16"])


@shapes(SHAPES)
@both_dtypes
def test_mm(m, n, k, dtype):
    a, b = make((m, k), dtype, 1), make((k, n), dtype, 2)
    check_op(mm_ir(m, n, k, dtype), torch.mm, [a, b], k)


# Static size-0 M, N or K: nothing to tile (the strategy once divided by zero here); K = 0 gives zeros.
@shapes([(0, 7, 17), (7, 0, 17), (7, 17, 0), (0, 0, 0)])
@both_dtypes
def test_mm_empty(m, n, k, dtype):
    a, b = make((m, k), dtype, 1), make((k, n), dtype, 2)
    check_op(mm_ir(m, n, k, dtype), torch.mm, [a, b], max(k, 1))


# (M, N, K, bias): the weight is [N, K] (B transposed in the contraction).
LINEAR_CASES = [
    (1, 7, 17, True),
    (1, 1000, 255, False),
    (7, 255, 1000, True),
    (16, 1, 2100, True),
    (17, 31, 17, False),
    (31, 17, 100, True),
    (33, 33, 31, True),
    (100, 16, 1000, False),
    (100, 1000, 33, True),
    (255, 7, 16, True),
    (255, 255, 255, False),
    (1000, 32, 100, True),
    (300, 1100, 2100, True),
]


@pytest.mark.parametrize("m,n,k,bias", LINEAR_CASES,
                         ids=[shape_id(c[:3]) + ("-bias" if c[3] else "") for c in LINEAR_CASES])
@both_dtypes
def test_linear(m, n, k, bias, dtype):
    x, w = make((m, k), dtype, 3), make((n, k), dtype, 4)
    inputs = [x, w] + ([make((n,), dtype, 5)] if bias else [])
    check_op(linear_ir((m, k), n, k, dtype, bias), Fn.linear, inputs, k + 2 if bias else k)


@both_dtypes
def test_linear_3d_input(dtype):
    """[batch, tokens, K] input: collapsed to one M = 2 * 33 = 66 (M % 32 = 2)."""
    x, w, b = make((2, 33, 100), dtype, 6), make((40, 100), dtype, 7), make((40,), dtype, 8)
    check_op(linear_ir(x.shape, 40, 100, dtype, True), Fn.linear, [x, w, b], 100 + 2)


# ----------------------------------------------------------------------------------------------------------
# Transposed operands, batch dims, addmm
# ----------------------------------------------------------------------------------------------------------

def transposed_mm_ir(m, n, k, dtype, ta: bool, tb: bool) -> str:
    """mm of A (given as [K, M] and permuted when ta) and B (given as [N, K] and aten.t'd when tb)."""
    a_t, b_t = ttype((k, m) if ta else (m, k), dtype), ttype((n, k) if tb else (k, n), dtype)
    mk, kn, mn = ttype((m, k), dtype), ttype((k, n), dtype), ttype((m, n), dtype)
    lines = [f"func.func @f(%a: {a_t}, %b: {b_t}) -> {mn} {{"]
    a, b = "%a", "%b"
    if ta:
        lines.append(f"  %at = aten.permute %a {{dims = array<i64: 1, 0>}} : ({a_t}) -> {mk}")
        a = "%at"
    if tb:
        lines.append(f"  %bt = aten.t %b : ({b_t}) -> {kn}")
        b = "%bt"
    lines += [f"  %0 = aten.mm {a}, {b} : ({mk}, {kn}) -> {mn}", f"  return %0 : {mn}", "}"]
    return "\n".join(lines)


@pytest.mark.parametrize("ta,tb", [(True, False), (False, True), (True, True)], ids=["tA", "tB", "tAtB"])
@shapes([(33, 100, 17), (100, 7, 255), (255, 1000, 33)])
@both_dtypes
def test_mm_transposed(m, n, k, dtype, ta, tb):
    a = make((k, m) if ta else (m, k), dtype, 9)
    b = make((n, k) if tb else (k, n), dtype, 10)

    def fn(x, y):
        return torch.mm(x.t() if ta else x, y.t() if tb else y)
    check_op(transposed_mm_ir(m, n, k, dtype, ta, tb), fn, [a, b], k)


@shapes([(17, 33, 100), (1, 1000, 31), (100, 7, 2100)])
@both_dtypes
def test_bmm(m, n, k, dtype):
    a, b = make((3, m, k), dtype, 11), make((3, k, n), dtype, 12)
    ir = op_ir("aten.bmm", types(a, b), ttype((3, m, n), dtype))
    check_op(ir, torch.bmm, [a, b], k)


@both_dtypes
def test_bmm_permuted_b(dtype):
    """B given as [batch, N, K] and permuted to [batch, K, N] (a transposed B per batch)."""
    m, n, k = 31, 40, 33
    a, b = make((3, m, k), dtype, 13), make((3, n, k), dtype, 14)
    bk = ttype((3, k, n), dtype)
    res = ttype((3, m, n), dtype)
    ir = f"""
func.func @f(%a: {ttype(a.shape, dtype)}, %b: {ttype(b.shape, dtype)}) -> {res} {{
  %bt = aten.permute %b {{dims = array<i64: 0, 2, 1>}} : ({ttype(b.shape, dtype)}) -> {bk}
  %0 = aten.bmm %a, %bt : ({ttype(a.shape, dtype)}, {bk}) -> {res}
  return %0 : {res}
}}"""
    check_op(ir, lambda x, y: torch.bmm(x, y.transpose(1, 2)), [a, b], k)


# The broadcast cases (2Dx3D, bcast_*) read an operand through a broadcasting map: no lowering config, plain
# loops (still checked here); 3Dx2D and 3Dx3D run the microkernels.
MATMUL_CASES = [
    ("3Dx2D", (3, 17, 33), (33, 40)),  # batch folded into M
    ("2Dx3D", (17, 33), (3, 33, 40)),  # A broadcast over B's batch
    ("3Dx3D", (3, 33, 100), (3, 100, 7)),  # batched microkernel
    ("bcast_4Dx3D", (2, 3, 17, 33), (3, 33, 40)),
    ("bcast_4Dx4D", (2, 1, 7, 100), (1, 3, 100, 33)),
]


@pytest.mark.parametrize("case", MATMUL_CASES, ids=lambda c: c[0])
@both_dtypes
def test_matmul(case, dtype):
    _, sa, sb = case
    a, b = make(sa, dtype, 15), make(sb, dtype, 16)
    out_shape = torch.matmul(a.float(), b.float()).shape
    ir = op_ir("aten.matmul", types(a, b), ttype(out_shape, dtype))
    check_op(ir, torch.matmul, [a, b], sa[-1])


# (M, N, K, self shape, beta, alpha)
ADDMM_CASES = [
    (33, 100, 255, "row", 1, 1),
    (255, 7, 17, "full", 0.5, -2.0),
    (100, 1000, 33, "full", 1, 1),
    (7, 33, 2100, "row", 2, 0.5),
]


@pytest.mark.parametrize("m,n,k,self_shape,beta,alpha", ADDMM_CASES,
                         ids=[f"{shape_id(c[:3])}-{c[3]}-b{c[4]}-a{c[5]}" for c in ADDMM_CASES])
@both_dtypes
def test_addmm(m, n, k, self_shape, beta, alpha, dtype):
    s = make((n,) if self_shape == "row" else (m, n), dtype, 17)
    a, b = make((m, k), dtype, 18), make((k, n), dtype, 19)
    attrs = ", ".join(x for x in [f"beta = {scalar(beta)}" if beta != 1 else "",
                                  f"alpha = {scalar(alpha)}" if alpha != 1 else ""] if x)
    ir = op_ir("aten.addmm", types(s, a, b), ttype((m, n), dtype), attrs=attrs)
    check_op(ir, lambda c, x, y: torch.addmm(c, x, y, beta=beta, alpha=alpha), [s, a, b], k + 2,
             abs_fn=lambda c, x, y: torch.addmm(c, x, y, beta=abs(beta), alpha=abs(alpha)))


# ----------------------------------------------------------------------------------------------------------
# Constant weights (packed at compile time) vs the same weight as an argument
# ----------------------------------------------------------------------------------------------------------

def const_weight_ir(op: str, x: torch.Tensor, w: torch.Tensor, out_shape) -> str:
    """@f(%x) = op(%x, w) with w embedded as an arith.constant (dense hex literal, exact bits)."""
    xt, wt, rt = ttype(x.shape, x.dtype), ttype(w.shape, w.dtype), ttype(out_shape, x.dtype)
    return f"""
func.func @f(%x: {xt}) -> {rt} {{
  %w = arith.constant {dense_constant(w)}
  %0 = {op} %x, %w : ({xt}, {wt}) -> {rt}
  return %0 : {rt}
}}"""


# (op, M, N, K). The packed B is what becomes an LLVM global: f32 panels are K x roundup(N, nr) x 4 bytes, AMX
# VNNI tiles roundup(K, 32) x roundup(N, nr) x 2 bytes. Those >= 64 KiB bypass LLVM (JitFunction.cpp
# moveLargeConstantsOut): 255 x 224 x 4 = 223 KiB (f32), 256 x 416 x 2 = 208 KiB (bf16) for N = 200 / 400.
CONST_CASES = [
    ("mm", 17, 7, 33),  # < 1 KiB
    ("linear", 33, 100, 31),  # [N, K] weight, transposed packing; 15.5 KiB f32
    ("bmm", 31, 17, 33),  # a batch of 3 constant B
    ("mm", 33, 200, 255),  # large: 223 KiB f32, 112 KiB bf16 packed
    ("linear", 33, 400, 255),  # large: 414 KiB f32, 208 KiB bf16 packed
    ("linear", 1, 100, 255),  # one row (decode): without AMX / AVX512-BF16, packed B stays bf16
    ("mm", 1, 1000, 300),  # one row, large, N and K not multiples of the segments
]


@pytest.mark.parametrize("op,m,n,k", CONST_CASES, ids=[f"{c[0]}-{shape_id(c[1:])}" for c in CONST_CASES])
@both_dtypes
def test_constant_weight(op, m, n, k, dtype):
    batch = (3,) if op == "bmm" else ()
    x = make(batch + (m, k), dtype, 20)
    w = make(batch + ((n, k) if op == "linear" else (k, n)), dtype, 21)
    fn = {"mm": torch.mm, "bmm": torch.bmm, "linear": Fn.linear}[op]
    out_shape = batch + (m, n)
    const_out = run(const_weight_ir(f"aten.{op}", x, w, out_shape), [x])
    assert_gemm_close(const_out, reference(fn, [x, w]), abs_sum(fn, [x, w]), k, "constant weight")
    arg_ir = op_ir(f"aten.{op}", types(x, w), ttype(out_shape, dtype))
    arg_out = check_op(arg_ir, fn, [x, w], k, what="weight argument")
    # Same lowering config, same packed values, same kernel: the two must agree bit for bit.
    torch.testing.assert_close(const_out, arg_out, rtol=0, atol=0)


@pytest.mark.parametrize("value", [0.0, 0.5])
@both_dtypes
def test_splat_constant_weight(value, dtype):
    """Weights of one value (a zero-initialized layer) parse as a splat; they stay the contraction's operand
    and run on the same kernel as the same weight passed as an argument: the results agree bit for bit."""
    x, w = make((33, 255), dtype, 24), torch.full((200, 255), value, dtype=dtype)
    const_out = run(const_weight_ir("aten.linear", x, w, (33, 200)), [x])
    arg_out = check_op(op_ir("aten.linear", types(x, w), ttype((33, 200), dtype)), Fn.linear, [x, w], 255,
                       what="weight argument")
    torch.testing.assert_close(const_out, arg_out, rtol=0, atol=0)


@both_dtypes
def test_constant_weight_plain_loops(dtype):
    """A large constant weight without microkernels: unpacked, still an external constant (> 64 KiB)."""
    x, w = make((17, 255), dtype, 22), make((255, 200), dtype, 23)
    out = run(const_weight_ir("aten.mm", x, w, (17, 200)), [x], "microkernels=false")
    assert_gemm_close(out, reference(torch.mm, [x, w]), abs_sum(torch.mm, [x, w]), 255)


# ----------------------------------------------------------------------------------------------------------
# Dynamic M, threads, alternative lowerings
# ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("op,n,k", [("mm", 100, 33), ("linear", 7, 255), ("linear", 1000, 100)],
                         ids=["mm-N100-K33", "linear-N7-K255", "linear-N1000-K100"])
@both_dtypes
def test_dynamic_m(op, n, k, dtype):
    """One module with M = `?` (mr = 8 / 32, as many M tasks as threads), run at several sizes."""
    if op == "mm":
        ir, fn = mm_ir(None, n, k, dtype), torch.mm
    else:
        ir, fn = linear_ir((None, k), n, k, dtype, True), Fn.linear
    w = make((k, n) if op == "mm" else (n, k), dtype, 25)
    bias = [make((n,), dtype, 26)] if op == "linear" else []
    for m in [1, 17, 64, 300]:
        inputs = [make((m, k), dtype, 24 + m), w] + bias
        check_op(ir, fn, inputs, k + 2 if op == "linear" else k, what=f"M = {m}")


@both_dtypes
def test_dynamic_m_constant_weight_3d(dtype):
    """linear on [2, ?, K] with a constant [N, K] weight: dynamic M (= 2 x tokens) and compile-time packing."""
    k, n = 100, 33
    w = make((n, k), dtype, 27)
    xt, rt, wt = ttype((2, None, k), dtype), ttype((2, None, n), dtype), ttype((n, k), dtype)
    ir = f"""
func.func @f(%x: {xt}) -> {rt} {{
  %w = arith.constant {dense_constant(w)}
  %0 = aten.linear %x, %w : ({xt}, {wt}) -> {rt}
  return %0 : {rt}
}}"""
    for tokens in [1, 17, 64]:
        x = make((2, tokens, k), dtype, 28 + tokens)
        out = run(ir, [x])
        assert_gemm_close(out, reference(Fn.linear, [x, w]), abs_sum(Fn.linear, [x, w]), k, f"tokens = {tokens}")


@shapes([(1, 7, 17), (100, 1000, 33), (255, 255, 255), (300, 1100, 2100)])
@both_dtypes
def test_num_threads(m, n, k, dtype):
    """num-threads = 1 (no OpenMP), 2 and 0 (all cores): the task grid changes, each element's summation order
    does not, so the results are identical."""
    a, b = make((m, k), dtype, 30), make((k, n), dtype, 31)
    ir = mm_ir(m, n, k, dtype)
    outs = {t: check_op(ir, torch.mm, [a, b], k, f"num-threads={t}") for t in [1, 2, 0]}
    torch.testing.assert_close(outs[2], outs[1], rtol=0, atol=0)
    torch.testing.assert_close(outs[0], outs[1], rtol=0, atol=0)


# The kernel of each ISA runs on any x86-64 host with AVX2 (LLVM splits 16-lane vectors on AVX2-only CPUs), so
# avx512_fma and avx2_fma are both checked whatever the host chose. avx512 / avx2 (no AMX): bf16 runs on the FMA
# kernels, B widened to f32 when packed. The dot-product kernels (vdpbf16ps, vpdpbusd) have no such fallback:
# they are checked where the host has the instructions (the host's own choice covers them on a host without
# AMX; isa=avx512-bf16 / avx512-vnni on an AMX host, whose default is AMX).
HOST_FLAGS = set(next((line.split(":", 1)[1].split() for line in open("/proc/cpuinfo") if line.startswith("flags")),
                      []))
ALT_OPTIONS = {F: ["microkernels=false", "isa=generic", "isa=avx512", "isa=avx2"],
               BF: ["microkernels=false", "isa=generic", "isa=avx512", "isa=avx2"]
               + (["isa=avx512-bf16"] if {"avx512_bf16", "avx512_vnni"} <= HOST_FLAGS else [])}
# isa=avx2 (and avx512, which has no int8 kernel of its own) takes avx2_int8, isa=generic the plain loops.
INT8_ISAS = ["host", "avx2", "generic"] + (["avx512-vnni"] if "avx512_vnni" in HOST_FLAGS else [])


@shapes([(1, 1000, 255), (17, 31, 17), (100, 16, 1000), (255, 7, 33)])
@both_dtypes
def test_plain_loops_agree(m, n, k, dtype):
    """The plain-loop lowerings agree with the microkernels: both within the bound of the reference, and of each
    other (two f32 accumulations of the same bf16 / f32 inputs, the same bound as against the reference)."""
    a, b = make((m, k), dtype, 32), make((k, n), dtype, 33)
    ir = mm_ir(m, n, k, dtype)
    s = abs_sum(torch.mm, [a, b])
    micro = check_op(ir, torch.mm, [a, b], k, what="microkernels")
    for options in ALT_OPTIONS[dtype]:
        loops = check_op(ir, torch.mm, [a, b], k, options)
        assert_gemm_close(loops, micro, s, k, f"{options} vs microkernels")


# int8: there is no aten op for a u8 x s8 -> s32 product (PT2E graphs reach it through quantize/dequantize
# fusion), so the contraction is written in linalg, each operand zero- (u) or sign- (s) extended in the body as
# quantized kernels do. Integer results are exact: compared for equality with an int64 reference.
def int8_ir(m, n, k, a_ext: str, b_ext: str, const_b: torch.Tensor | None = None) -> str:
    mt = "?" if m is None else str(m)
    b_decl = (f"  %b = arith.constant {dense_constant(const_b)}\n" if const_b is not None else "")
    b_arg = "" if const_b is not None else f", %b: tensor<{n}x{k}xi8>"
    return f"""
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (n, k)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @f(%a: tensor<{mt}x{k}xi8>{b_arg}) -> tensor<{mt}x{n}xi32> {{
{b_decl}  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<{mt}x{k}xi8>
  %z = arith.constant 0 : i32
  %e = tensor.empty({"%m" if m is None else ""}) : tensor<{mt}x{n}xi32>
  %init = linalg.fill ins(%z : i32) outs(%e : tensor<{mt}x{n}xi32>) -> tensor<{mt}x{n}xi32>
  %r = linalg.generic {{indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}}
      ins(%a, %b : tensor<{mt}x{k}xi8>, tensor<{n}x{k}xi8>) outs(%init : tensor<{mt}x{n}xi32>) {{
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %x32 = arith.ext{a_ext}i %x : i8 to i32
    %y32 = arith.ext{b_ext}i %y : i8 to i32
    %p = arith.muli %x32, %y32 : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }} -> tensor<{mt}x{n}xi32>
  return %r : tensor<{mt}x{n}xi32>
}}
"""


def int8_reference(a, b, a_ext, b_ext):
    widen = lambda t, ext: (t.to(torch.int64) & 0xFF) if ext == "u" else t.to(torch.int64)  # noqa: E731
    return (widen(a, a_ext) @ widen(b, b_ext).T).to(torch.int32)


INT8_SHAPES = [(1, 7, 17), (17, 33, 64), (33, 16, 65), (100, 100, 130), (16, 1, 1), (300, 1100, 2100)]


@shapes(INT8_SHAPES)
@pytest.mark.parametrize("a_ext,b_ext", [("u", "s"), ("s", "s"), ("u", "u"), ("s", "u")],
                         ids=["u8s8", "s8s8", "u8u8", "s8u8"])
@pytest.mark.parametrize("isa", INT8_ISAS)
def test_int8(m, n, k, a_ext, b_ext, isa):
    """Every signedness on every kernel: amx_int8 (AMX hosts), avx512_vnni (u8s8 only: vpdpbusd's own
    signedness; the other products take avx2_int8 there), avx2_int8 (isa=avx2; mr = 6, nr = 16, M = 1: up to
    48 columns; K blocks of 512, so K = 2100 runs five), generic loops (isa=generic)."""
    g = torch.Generator().manual_seed(m * 7 + n * 3 + k)
    a = torch.randint(-128, 128, (m, k), dtype=torch.int8, generator=g)
    b = torch.randint(-128, 128, (n, k), dtype=torch.int8, generator=g)
    out = run(int8_ir(m, n, k, a_ext, b_ext), [a, b], "" if isa == "host" else f"isa={isa}")
    assert torch.equal(out, int8_reference(a, b, a_ext, b_ext))


@pytest.mark.parametrize("a_ext,b_ext", [("u", "s"), ("s", "s"), ("u", "u"), ("s", "u")],
                         ids=["u8s8", "s8s8", "u8u8", "s8u8"])
@pytest.mark.parametrize("isa", INT8_ISAS)
def test_int8_extremes(a_ext, b_ext, isa):
    """The largest products of each signedness, in every lane: a pair of u8 x s8 products (255 * -128 * 2) does
    not fit an i16, so a kernel that sums pairs with saturation (vpmaddubsw) would be off; ours must be exact."""
    m, n, k = 13, 40, 96
    a = torch.full((m, k), -1 if a_ext == "u" else -128, dtype=torch.int8)  # u8: 255
    b = torch.full((n, k), -128 if b_ext == "s" else -1, dtype=torch.int8)  # u8: 255
    a[::2, 1::2] = 127
    b[1::3] = 127
    out = run(int8_ir(m, n, k, a_ext, b_ext), [a, b], "" if isa == "host" else f"isa={isa}")
    assert torch.equal(out, int8_reference(a, b, a_ext, b_ext))


def int8_bmm_ir(batch, m, n, k) -> str:
    """u8 x s8 -> s32 batched, B[batch, K, N] (not transposed): the interleaving packing path."""
    at, bt, ct = f"tensor<{batch}x{m}x{k}xi8>", f"tensor<{batch}x{k}x{n}xi8>", f"tensor<{batch}x{m}x{n}xi32>"
    return f"""
#a = affine_map<(b, m, n, k) -> (b, m, k)>
#b = affine_map<(b, m, n, k) -> (b, k, n)>
#c = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @f(%a: {at}, %b: {bt}) -> {ct} {{
  %z = arith.constant 0 : i32
  %e = tensor.empty() : {ct}
  %init = linalg.fill ins(%z : i32) outs(%e : {ct}) -> {ct}
  %r = linalg.generic {{indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}}
      ins(%a, %b : {at}, {bt}) outs(%init : {ct}) {{
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %x32 = arith.extui %x : i8 to i32
    %y32 = arith.extsi %y : i8 to i32
    %p = arith.muli %x32, %y32 : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }} -> {ct}
  return %r : {ct}
}}
"""


@shapes([(1, 100, 33), (17, 33, 64), (40, 70, 300)])
@pytest.mark.parametrize("isa", INT8_ISAS)
def test_int8_bmm_kn(m, n, k, isa):
    g = torch.Generator().manual_seed(m + n + k)
    a = torch.randint(-128, 128, (3, m, k), dtype=torch.int8, generator=g)
    b = torch.randint(-128, 128, (3, k, n), dtype=torch.int8, generator=g)
    out = run(int8_bmm_ir(3, m, n, k), [a, b], "" if isa == "host" else f"isa={isa}")
    ref = torch.bmm((a.to(torch.int64) & 0xFF), b.to(torch.int64)).to(torch.int32)
    assert torch.equal(out, ref)


def test_int8_constant_weight_dynamic_m():
    g = torch.Generator().manual_seed(5)
    b = torch.randint(-128, 128, (300, 200), dtype=torch.int8, generator=g)  # > 64 KiB packed: external constant
    ir = int8_ir(None, 300, 200, "u", "s", const_b=b)
    for isa in INT8_ISAS:
        for m in (1, 17, 64):
            a = torch.randint(-128, 128, (m, 200), dtype=torch.int8, generator=g)
            out = run(ir, [a], "" if isa == "host" else f"isa={isa}")
            assert torch.equal(out, int8_reference(a, b, "u", "s")), f"isa={isa} m={m}"
