"""Execution tests of the shape, data-movement and creation ops against eager PyTorch.

Every case compiles aten IR through inductor-run and compares with the same op run by torch. These ops only
move or create values, so results must be bit-exact (torch.equal), except float arange whose values PyTorch
computes partly in a vectorised float loop (a one-ulp difference is possible; see test_arange).
Dynamic shapes: the same IR (with `?` dims) runs with two different runtime sizes.
"""
import pytest
import torch

from harness import MLIR_ELEMENT_TYPES, InductorRunError, run_mlir

MLIR_TYPES = MLIR_ELEMENT_TYPES  # torch dtype -> MLIR element type name


def ttype(shape, dtype):
    """MLIR tensor type; a None size is a dynamic dim."""
    dims = "".join(("?" if d is None else str(d)) + "x" for d in shape)
    return f"tensor<{dims}{MLIR_TYPES[dtype]}>"


def unary_ir(op, attrs, in_type, out_type):
    attr = f" {{{attrs}}}" if attrs else ""
    return f"""
func.func @f(%a: {in_type}) -> {out_type} {{
  %0 = {op} %a{attr} : ({in_type}) -> {out_type}
  return %0 : {out_type}
}}"""


def make(shape, dtype, seed=0):
    g = torch.Generator().manual_seed(seed)
    if dtype == torch.bool:
        return torch.randint(0, 2, shape, generator=g).bool()
    if dtype.is_floating_point:
        return torch.randn(shape, generator=g).to(dtype)
    return torch.randint(-100, 100, shape, generator=g).to(dtype)


def check(actual, expected):
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    assert torch.equal(actual, expected), (actual, expected)


def run_unary(op, attrs, x, out_shape, expected, in_shape=None):
    """Runs `op` on x; in_shape (with None for dynamic dims) defaults to x's static shape."""
    in_type = ttype(in_shape if in_shape is not None else x.shape, x.dtype)
    out_type = ttype(out_shape, expected.dtype)
    (out,) = run_mlir(unary_ir(op, attrs, in_type, out_type), "f", [x])
    check(out, expected)


def expect_runtime_failure(ir, inputs):
    """The compiled code must stop on a runtime check (cf.assert aborts) instead of reading out of bounds or
    returning a wrong shape, as PyTorch raises; a compilation failure does not count."""
    with pytest.raises(InductorRunError) as info:
        run_mlir(ir, "f", inputs)
    output = info.value.stdout + info.value.stderr
    assert info.value.returncode < 0 or "inductor:" in output, output


def arr(values):
    return "array<i64" + "".join((": " if i == 0 else ", ") + str(v) for i, v in enumerate(values)) + ">"


# ----------------------------------------------------------------------------------------------------------
# view / reshape / flatten / unsqueeze / squeeze
# ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.int64, torch.bool])
@pytest.mark.parametrize("in_shape,size", [
    ((12,), (3, -1)),
    ((3, 4), (2, 6)),          # neither a collapse nor an expand
    ((2, 3, 5), (-1, 5)),
    ((1, 7), (7, 1)),
    ((), (-1,)),
    ((1, 1), ()),
])
def test_view_static(dtype, in_shape, size):
    x = make(in_shape, dtype)
    expected = x.view(size)
    for op, key in (("aten.view", "size"), ("aten.reshape", "shape")):
        run_unary(op, f"{key} = {arr(size)}", x, expected.shape, expected)


@pytest.mark.parametrize("in_shape,size,out_shape,runtime_shapes", [
    ((None, 4), (-1, 2, 2), (None, 2, 2), [(3, 4), (7, 4)]),     # expand of the dynamic dim
    ((None, 2, 3), (-1, 3), (None, 3), [(5, 2, 3), (1, 2, 3)]),  # collapse into the dynamic dim
    ((None, None), (-1,), (None,), [(3, 5), (2, 7)]),
    ((None, 6), (-1, 4), (None, 4), [(2, 6), (6, 6)]),          # general reshape (tensor.reshape)
    ((None, 3), (3, -1), (3, None), [(5, 3), (2, 3)]),
    ((None,), (2, 6), (2, 6), [(12,)]),
])
def test_view_dynamic(in_shape, size, out_shape, runtime_shapes):
    ir = unary_ir("aten.view", f"size = {arr(size)}", ttype(in_shape, torch.float32), ttype(out_shape, torch.float32))
    for shape in runtime_shapes:
        x = make(shape, torch.float32)
        (out,) = run_mlir(ir, "f", [x])
        check(out, x.view(size))


def test_view_dynamic_bad_size_raises():
    ir = unary_ir("aten.view", f"size = {arr((-1, 4))}", ttype((None,), torch.float32), ttype((None, 4), torch.float32))
    expect_runtime_failure(ir, [make((10,), torch.float32)])


@pytest.mark.parametrize("in_shape,start,end", [
    ((2, 3, 4, 5), 1, -2), ((2, 3, 4), 0, -1), ((2, 3, 4), -1, 2), ((), 0, -1), ((3, 1, 5), 0, 1)])
@pytest.mark.parametrize("dtype", [torch.float32, torch.int64])
def test_flatten(in_shape, start, end, dtype):
    x = make(in_shape, dtype)
    expected = x.flatten(start, end)
    run_unary("aten.flatten.using_ints", f"start_dim = {start} : i64, end_dim = {end} : i64", x, expected.shape,
              expected)


def test_flatten_dynamic():
    ir = unary_ir("aten.flatten.using_ints", "start_dim = 1 : i64", ttype((2, None, 3), torch.float32),
                  ttype((2, None), torch.float32))
    for n in (4, 9):
        x = make((2, n, 3), torch.float32)
        (out,) = run_mlir(ir, "f", [x])
        check(out, x.flatten(1))


@pytest.mark.parametrize("dim", [0, 1, 2, -1, -3])
def test_unsqueeze(dim):
    x = make((3, 5), torch.bfloat16)
    expected = x.unsqueeze(dim)
    run_unary("aten.unsqueeze", f"dim = {dim} : i64", x, expected.shape, expected)
    # dynamic input
    in_type, out_type = ttype((None, 5), x.dtype), ttype([None if s == 3 else s for s in expected.shape], x.dtype)
    ir = unary_ir("aten.unsqueeze", f"dim = {dim} : i64", in_type, out_type)
    for n in (3, 8):
        y = make((n, 5), torch.bfloat16)
        (out,) = run_mlir(ir, "f", [y])
        check(out, y.unsqueeze(dim))


@pytest.mark.parametrize("in_shape,dim", [((3, 1, 5), 1), ((3, 1, 5), -2), ((3, 1, 5), 0), ((1,), 0), ((), 0),
                                          ((4, 1), -1)])
def test_squeeze(in_shape, dim):
    x = make(in_shape, torch.int64)
    expected = x.squeeze(dim)
    run_unary("aten.squeeze.dim", f"dim = {dim} : i64", x, expected.shape, expected)


def test_squeeze_dynamic():
    # Compiled to remove the dynamic dim: runs when it is 1, raises otherwise.
    ir = unary_ir("aten.squeeze.dim", "dim = 0 : i64", ttype((None, 4), torch.float32), ttype((4,), torch.float32))
    x = make((1, 4), torch.float32)
    (out,) = run_mlir(ir, "f", [x])
    check(out, x.squeeze(0))
    expect_runtime_failure(ir, [make((3, 4), torch.float32)])
    # Compiled to keep it.
    ir = unary_ir("aten.squeeze.dim", "dim = 0 : i64", ttype((None, 4), torch.float32),
                  ttype((None, 4), torch.float32))
    for n in (2, 5):
        x = make((n, 4), torch.float32)
        (out,) = run_mlir(ir, "f", [x])
        check(out, x.squeeze(0))


# ----------------------------------------------------------------------------------------------------------
# permute / transpose / t / expand
# ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.int64, torch.bool])
@pytest.mark.parametrize("dims", [(2, 0, 1), (-1, -3, -2), (0, 1, 2), (1, 0, 2)])
def test_permute(dtype, dims):
    x = make((3, 5, 7), dtype)
    expected = x.permute(dims)
    run_unary("aten.permute", f"dims = {arr(dims)}", x, expected.shape, expected)


def test_permute_dynamic():
    ir = unary_ir("aten.permute", f"dims = {arr((2, 0, 1))}", ttype((None, 5, None), torch.float32),
                  ttype((None, None, 5), torch.float32))
    for shape in ((3, 5, 7), (2, 5, 1)):
        x = make(shape, torch.float32)
        (out,) = run_mlir(ir, "f", [x])
        check(out, x.permute(2, 0, 1))


@pytest.mark.parametrize("d0,d1", [(0, 1), (-1, 0), (1, -1), (2, 2)])
def test_transpose(d0, d1):
    x = make((3, 5, 7), torch.int32)
    expected = x.transpose(d0, d1)
    run_unary("aten.transpose.int", f"dim0 = {d0} : i64, dim1 = {d1} : i64", x, expected.shape, expected)


@pytest.mark.parametrize("shape", [(3, 5), (7,), ()])
def test_t(shape):
    x = make(shape, torch.float32)
    expected = x.t()
    run_unary("aten.t", "", x, expected.shape, expected)
    if len(shape) == 2:
        ir = unary_ir("aten.t", "", ttype((None, 5), x.dtype), ttype((5, None), x.dtype))
        for n in (3, 6):
            y = make((n, 5), x.dtype)
            (out,) = run_mlir(ir, "f", [y])
            check(out, y.t())


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.int64, torch.bool])
@pytest.mark.parametrize("in_shape,size", [
    ((3, 1), (3, 5)), ((3, 1), (4, -1, 5)), ((1,), (2, 3, 7)), ((), (3, 2)), ((2, 3), (2, 3)), ((1, 1), (1, -1))])
def test_expand(dtype, in_shape, size):
    x = make(in_shape, dtype)
    expected = x.expand(size).contiguous()
    run_unary("aten.expand", f"size = {arr(size)}", x, expected.shape, expected)


def test_expand_dynamic():
    ir = unary_ir("aten.expand", f"size = {arr((2, -1, 6))}", ttype((None, 1), torch.float32),
                  ttype((2, None, 6), torch.float32))
    for n in (3, 5):
        x = make((n, 1), torch.float32)
        (out,) = run_mlir(ir, "f", [x])
        check(out, x.expand(2, -1, 6).contiguous())


# ----------------------------------------------------------------------------------------------------------
# slice / select
# ----------------------------------------------------------------------------------------------------------

SLICES = [  # (start, end, step)
    (None, None, 1), (1, None, 1), (None, 3, 1), (1, -1, 2), (-3, None, 1), (-100, 100, 3), (4, 2, 1),
    (2, 2, 1), (7, None, 2), (-1, -2, 1), (0, 1000, 4), (-7, -2, 3),
]


def slice_attrs(dim, start, end, step):
    parts = [f"dim = {dim} : i64", f"step = {step} : i64"]
    if start is not None:
        parts.append(f"start = {start} : i64")
    if end is not None:
        parts.append(f"end = {end} : i64")
    return ", ".join(parts)


def torch_slice(x, dim, start, end, step):
    return torch.ops.aten.slice.Tensor(x, dim, start, end, step).contiguous()


@pytest.mark.parametrize("start,end,step", SLICES)
def test_slice_static(start, end, step):
    x = make((3, 9), torch.float32)
    for dim in (1, -1, 0):
        expected = torch_slice(x, dim, start, end, step)
        run_unary("aten.slice.Tensor", slice_attrs(dim, start, end, step), x, expected.shape, expected)


@pytest.mark.parametrize("start,end,step", SLICES)
def test_slice_dynamic(start, end, step):
    # The clamping of start/end is computed at run time: two sizes on either side of the bounds.
    ir = unary_ir("aten.slice.Tensor", slice_attrs(-1, start, end, step), ttype((2, None), torch.int64),
                  ttype((2, None), torch.int64))
    for n in (5, 13, 0):
        x = make((2, n), torch.int64)
        (out,) = run_mlir(ir, "f", [x])
        check(out, torch_slice(x, -1, start, end, step))


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.bool])
@pytest.mark.parametrize("dim,index", [(0, 0), (0, -1), (1, 2), (-1, -4), (2, 3)])
def test_select(dtype, dim, index):
    x = make((3, 5, 4), dtype)
    expected = x.select(dim, index).contiguous()
    run_unary("aten.select.int", f"dim = {dim} : i64, index = {index} : i64", x, expected.shape, expected)


def test_select_dynamic():
    for index in (1, -2):
        ir = unary_ir("aten.select.int", f"dim = 1 : i64, index = {index} : i64", ttype((3, None), torch.float32),
                      ttype((3,), torch.float32))
        for n in (2, 7):
            x = make((3, n), torch.float32)
            (out,) = run_mlir(ir, "f", [x])
            check(out, x.select(1, index).contiguous())
        expect_runtime_failure(ir, [make((3, 1), torch.float32)])


# ----------------------------------------------------------------------------------------------------------
# cat
# ----------------------------------------------------------------------------------------------------------

def cat_ir(in_types, out_type, dim):
    args = ", ".join(f"%a{i}: {t}" for i, t in enumerate(in_types))
    ops = ", ".join(f"%a{i}" for i in range(len(in_types)))
    return f"""
func.func @f({args}) -> {out_type} {{
  %0 = aten.cat [{ops}] {{dim = {dim} : i64}} : ({", ".join(in_types)}) -> {out_type}
  return %0 : {out_type}
}}"""


@pytest.mark.parametrize("dtypes", [
    (torch.float32, torch.float32), (torch.int32, torch.bfloat16), (torch.bool, torch.int64),
    (torch.bfloat16, torch.float16, torch.int8), (torch.bool, torch.bool)])
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_cat(dtypes, dim):
    shapes = [(3, 5), (3, 5), (3, 5)]
    xs = []
    for i, dt in enumerate(dtypes):
        shape = list(shapes[i])
        shape[dim] += i  # odd, different sizes along the cat dim
        xs.append(make(tuple(shape), dt, seed=i))
    expected = torch.cat(xs, dim)
    ir = cat_ir([ttype(x.shape, x.dtype) for x in xs], ttype(expected.shape, expected.dtype), dim)
    (out,) = run_mlir(ir, "f", xs)
    check(out, expected)


def test_cat_legacy_empty():
    xs = [torch.zeros(0, dtype=torch.float64), make((2, 3), torch.int32), make((1, 3), torch.int32, seed=1)]
    expected = torch.cat(xs)
    ir = cat_ir([ttype(x.shape, x.dtype) for x in xs], ttype(expected.shape, expected.dtype), 0)
    (out,) = run_mlir(ir, "f", xs)
    check(out, expected)


def test_cat_dynamic():
    ir = cat_ir([ttype((None, 4), torch.float32), ttype((2, None), torch.int64)], ttype((None, 4), torch.float32), 0)
    for n in (1, 6):
        xs = [make((n, 4), torch.float32), make((2, 4), torch.int64, seed=1)]
        (out,) = run_mlir(ir, "f", xs)
        check(out, torch.cat(xs))
    # the non-concatenated dims differ at run time
    expect_runtime_failure(ir, [make((3, 4), torch.float32), make((2, 5), torch.int64)])


# ----------------------------------------------------------------------------------------------------------
# embedding / index_select
# ----------------------------------------------------------------------------------------------------------

def binary_ir(op, attrs, t0, t1, out_type):
    attr = f" {{{attrs}}}" if attrs else ""
    return f"""
func.func @f(%a: {t0}, %b: {t1}) -> {out_type} {{
  %0 = {op} %a, %b{attr} : ({t0}, {t1}) -> {out_type}
  return %0 : {out_type}
}}"""


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.int64])
@pytest.mark.parametrize("index_dtype", [torch.int64, torch.int32])
@pytest.mark.parametrize("index_shape", [(5,), (2, 3), ()])
def test_embedding(dtype, index_dtype, index_shape):
    w = make((11, 7), dtype)
    idx = torch.randint(0, 11, index_shape, generator=torch.Generator().manual_seed(3)).to(index_dtype)
    expected = torch.nn.functional.embedding(idx, w)
    ir = binary_ir("aten.embedding", "", ttype(w.shape, dtype), ttype(idx.shape, index_dtype),
                   ttype(expected.shape, dtype))
    (out,) = run_mlir(ir, "f", [w, idx])
    check(out, expected)


def test_embedding_dynamic_and_out_of_range():
    ir = binary_ir("aten.embedding", "", ttype((None, 3), torch.float32), ttype((None,), torch.int64),
                   ttype((None, 3), torch.float32))
    for rows, n in ((5, 4), (9, 13)):
        w = make((rows, 3), torch.float32)
        idx = torch.randint(0, rows, (n,), generator=torch.Generator().manual_seed(rows))
        (out,) = run_mlir(ir, "f", [w, idx])
        check(out, torch.nn.functional.embedding(idx, w))
    # PyTorch raises IndexError; the compiled code must fail too instead of reading out of bounds.
    for bad in (5, -1):
        expect_runtime_failure(ir, [make((5, 3), torch.float32), torch.tensor([0, bad, 1])])


@pytest.mark.parametrize("dtype", [torch.float32, torch.bool, torch.int64])
@pytest.mark.parametrize("dim", [0, 1, -1, -3])
@pytest.mark.parametrize("index_dtype", [torch.int64, torch.int32])
def test_index_select(dtype, dim, index_dtype):
    x = make((3, 5, 4), dtype)
    size = x.shape[dim]
    idx = torch.tensor([size - 1, 0, size // 2, 0, 1], dtype=index_dtype)
    expected = torch.index_select(x, dim, idx)
    ir = binary_ir("aten.index_select", f"dim = {dim} : i64", ttype(x.shape, dtype), ttype(idx.shape, index_dtype),
                   ttype(expected.shape, dtype))
    (out,) = run_mlir(ir, "f", [x, idx])
    check(out, expected)


def test_index_select_scalar_index_and_self():
    x = make((3, 5), torch.float32)
    idx = torch.tensor(2)
    expected = torch.index_select(x, 1, idx)
    ir = binary_ir("aten.index_select", "dim = 1 : i64", ttype(x.shape, x.dtype), ttype((), torch.int64),
                   ttype(expected.shape, x.dtype))
    (out,) = run_mlir(ir, "f", [x, idx])
    check(out, expected)
    s = torch.tensor(4.5)
    for index in (torch.tensor(0), torch.tensor([0])):
        expected = torch.index_select(s, 0, index)
        ir = binary_ir("aten.index_select", "dim = 0 : i64", ttype((), s.dtype), ttype(index.shape, torch.int64),
                       ttype(expected.shape, s.dtype))
        (out,) = run_mlir(ir, "f", [s, index])
        check(out, expected)


def test_index_select_dynamic_and_out_of_range():
    ir = binary_ir("aten.index_select", "dim = 0 : i64", ttype((None, 2), torch.int64), ttype((None,), torch.int32),
                   ttype((None, 2), torch.int64))
    for rows, n in ((4, 3), (10, 17)):
        x = make((rows, 2), torch.int64)
        idx = torch.randint(0, rows, (n,), generator=torch.Generator().manual_seed(n)).to(torch.int32)
        (out,) = run_mlir(ir, "f", [x, idx])
        check(out, torch.index_select(x, 0, idx))
    for bad in (4, -1):
        expect_runtime_failure(ir, [make((4, 2), torch.int64), torch.tensor([bad], dtype=torch.int32)])


# ----------------------------------------------------------------------------------------------------------
# triu / tril
# ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["triu", "tril"])
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.int64, torch.bool])
@pytest.mark.parametrize("diagonal", [0, 1, -1, 5, -7])
def test_triangle(op, dtype, diagonal):
    x = make((2, 5, 7), dtype)
    expected = getattr(torch, op)(x, diagonal)
    run_unary(f"aten.{op}", f"diagonal = {diagonal} : i64", x, expected.shape, expected)


@pytest.mark.parametrize("op", ["triu", "tril"])
def test_triangle_dynamic(op):
    ir = unary_ir(f"aten.{op}", "diagonal = 1 : i64", ttype((None, None), torch.float32),
                  ttype((None, None), torch.float32))
    for shape in ((4, 6), (9, 3)):
        x = make(shape, torch.float32)
        (out,) = run_mlir(ir, "f", [x])
        check(out, getattr(torch, op)(x, 1))


# ----------------------------------------------------------------------------------------------------------
# full / zeros / ones / arange
# ----------------------------------------------------------------------------------------------------------

def creation_ir(op, attrs, out_type):
    return f"""
func.func @f() -> {out_type} {{
  %0 = {op} {{{attrs}}} : {out_type}
  return %0 : {out_type}
}}"""


def scalar_attr(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return f"{v} : i64"
    return f"{float(v)!r} : f64"


@pytest.mark.parametrize("fill,dtype", [
    (2.5, None), (7, None), (True, None), (-3, torch.bfloat16), (2.7, torch.int32), (-2.7, torch.int64),
    (2, torch.bool), (0.0, torch.bool), (True, torch.float32), (1e10, torch.float64), (-128, torch.int8)])
def test_full(fill, dtype):
    size = (3, 5)
    expected = torch.full(size, fill, dtype=dtype)
    attrs = f"size = {arr(size)}, fill_value = {scalar_attr(fill)}"
    if dtype is not None:
        attrs += f", dtype = {MLIR_TYPES[dtype]}"
    (out,) = run_mlir(creation_ir("aten.full", attrs, ttype(size, expected.dtype)), "f", [])
    check(out, expected)


@pytest.mark.parametrize("op", ["zeros", "ones"])
@pytest.mark.parametrize("dtype", [None, torch.bfloat16, torch.int64, torch.bool])
@pytest.mark.parametrize("size", [(2, 3), (), (4, 0)])
def test_zeros_ones(op, dtype, size):
    expected = getattr(torch, op)(size, dtype=dtype)
    attrs = f"size = {arr(size)}"
    if dtype is not None:
        attrs += f", dtype = {MLIR_TYPES[dtype]}"
    (out,) = run_mlir(creation_ir(f"aten.{op}", attrs, ttype(size, expected.dtype)), "f", [])
    check(out, expected)


@pytest.mark.parametrize("start,end,step,dtype", [
    (None, 5, None, None), (None, 2.5, None, None), (10, 0, -3, None), (0, 5, 0.7, None), (-1.5, 2, 0.5, None),
    (0, 2.5, None, torch.int32), (0, 2.5, None, torch.int64), (-1.5, 2, 1, torch.int64),
    (0.5, 5.7, 1, torch.int32), (0, 300, 1, torch.int8), (0.1, 1.0, 0.3, torch.bfloat16),
    (0, 17, 3, torch.float64), (3, 3, 1, None), (-4, 11, 2, torch.float16)])
def test_arange(start, end, step, dtype):
    args = [a for a in (start, end, step) if a is not None]
    expected = torch.arange(*args, dtype=dtype)
    if start is None:
        op, attrs = "aten.arange", f"end = {scalar_attr(end)}"
    else:
        op = "aten.arange.start_step"
        attrs = f"start = {scalar_attr(start)}, end = {scalar_attr(end)}"
        if step is not None:
            attrs += f", step = {scalar_attr(step)}"
    if dtype is not None:
        attrs += f", dtype = {MLIR_TYPES[dtype]}"
    (out,) = run_mlir(creation_ir(op, attrs, ttype(expected.shape, expected.dtype)), "f", [])
    assert out.shape == expected.shape and out.dtype == expected.dtype
    if expected.dtype.is_floating_point:
        # PyTorch's CPU kernel adds i * step in the result type for the vectorised part; we compute
        # start + i * step in its accumulation type (f64 / f32 for half types) and round once: at most one ulp
        # of the result type apart.
        ulp = torch.finfo(expected.dtype).eps * max(1.0, expected.abs().max().item())
        torch.testing.assert_close(out, expected, rtol=0, atol=ulp)
    else:
        check(out, expected)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("n", [5, 33, 129, 130, 131, 300])
def test_slice_step2_elementwise(dtype, n):
    """An elementwise op on a step-2 slice reads a stride-2 view: vector code loads twice the lanes and keeps
    every other element (the last vector of a row from one element early)."""
    x, y = make((3, n), dtype, 1), make((3, n // 2), dtype, 2)
    width = y.shape[1]
    in_type, out_type = ttype(x.shape, dtype), ttype(y.shape, dtype)
    ir = f"""
func.func @f(%a: {in_type}, %b: {out_type}) -> {out_type} {{
  %0 = aten.slice.Tensor %a {{dim = 1 : i64, start = 1 : i64, step = 2 : i64}} : ({in_type}) -> {out_type}
  %1 = aten.add.Tensor %0, %b : ({out_type}, {out_type}) -> {out_type}
  return %1 : {out_type}
}}"""
    expected = torch_slice(x, 1, 1, None, 2) + y
    assert expected.shape[1] == width
    (out,) = run_mlir(ir, "f", [x, y])
    check(out, expected)
