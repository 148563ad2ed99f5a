"""The native binding: compile MLIR text, call it on torch tensors, get torch tensors back."""
import gc

import pytest
import torch

import inductor_mlir

ADD = """
func.func @add(%a: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = aten.add.Tensor %a, %b : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
"""


def test_signature_and_call():
    f = inductor_mlir.compile_mlir(ADD)
    assert f.arguments == [("float32", [-1, 4]), ("float32", [4])]
    assert f.results == [("float32", [-1, 4])]
    for rows in (1, 3, 100):
        a, b = torch.randn(rows, 4), torch.randn(4)
        (out,) = f([a, b])
        assert isinstance(out, torch.Tensor) and out.dtype == torch.float32
        torch.testing.assert_close(out, a + b, rtol=0, atol=0)


def test_results_own_their_buffers():
    f = inductor_mlir.compile_mlir(ADD)
    a, b = torch.randn(5, 4), torch.randn(4)
    (out,) = f([a, b])
    expected = a + b
    del f
    gc.collect()
    torch.testing.assert_close(out, expected)
    out.add_(1)  # Writable, and not aliasing the inputs.
    torch.testing.assert_close(out, expected + 1)
    torch.testing.assert_close(a + b, expected)


def test_arguments_are_never_written():
    # One-shot bufferization may reuse a writable argument buffer for the result; the binding marks arguments
    # read-only because it passes the caller's tensors without copies.
    ir = """
func.func @relu(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.relu %a : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
"""
    f = inductor_mlir.compile_mlir(ir)
    a = torch.randn(8)
    original = a.clone()
    (out,) = f([a])
    torch.testing.assert_close(a, original, rtol=0, atol=0)
    torch.testing.assert_close(out, torch.relu(original))


def test_returned_argument_and_constant():
    ir = """
func.func @f(%a: tensor<3xf32>) -> (tensor<3xf32>, tensor<2xi64>, tensor<2xi64>) {
  %c = arith.constant dense<[7, 9]> : tensor<2xi64>
  return %a, %c, %c : tensor<3xf32>, tensor<2xi64>, tensor<2xi64>
}
"""
    f = inductor_mlir.compile_mlir(ir)
    a = torch.randn(3)
    same, c1, c2 = f([a])
    torch.testing.assert_close(same, a)
    assert c1.tolist() == [7, 9] and c2.tolist() == [7, 9]
    c1[0] = 100  # A copy: the compiled-in constant is unchanged for the next call.
    _, c3, _ = f([a])
    assert c3.tolist() == [7, 9]


@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.bool, torch.int8, torch.int64, torch.float16])
def test_dtypes_round_trip(dtype):
    name = {torch.bfloat16: "bf16", torch.bool: "i1", torch.int8: "i8", torch.int64: "i64",
            torch.float16: "f16"}[dtype]
    ir = f"""
func.func @f(%a: tensor<2x3x{name}>) -> tensor<3x2x{name}> {{
  %0 = aten.t %a : (tensor<2x3x{name}>) -> tensor<3x2x{name}>
  return %0 : tensor<3x2x{name}>
}}
"""
    f = inductor_mlir.compile_mlir(ir)
    a = (torch.randn(2, 3) * 10).to(dtype)
    (out,) = f([a])
    assert out.dtype == dtype
    assert torch.equal(out, a.t())


def test_bad_ir_reports_location():
    ir = "func.func @g(%a: tensor<4xf32>) -> tensor<4xf32> {\n" \
         "  %0 = aten.mm %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>\n" \
         "  return %0 : tensor<4xf32>\n}\n"
    with pytest.raises(RuntimeError, match=r"2:8: error: 'aten.mm' op expected 2-D operands"):
        inductor_mlir.compile_mlir(ir)


def test_unknown_function():
    with pytest.raises(RuntimeError, match="no function named 'nope' \\(defined: add\\)"):
        inductor_mlir.compile_mlir(ADD, "nope")


def test_argument_errors():
    f = inductor_mlir.compile_mlir(ADD)
    with pytest.raises(TypeError, match="expected 2 tensor argument"):
        f([torch.randn(2, 4)])
    with pytest.raises(ValueError, match=r"argument #1: expected float32 \[4\], got a tensor of shape \[5\]"):
        f([torch.randn(2, 4), torch.randn(5)])
    with pytest.raises(ValueError, match="another dtype"):
        f([torch.randn(2, 4), torch.randn(4, dtype=torch.float64)])
    with pytest.raises(ValueError, match="contiguous"):
        f([torch.randn(4, 2).t(), torch.randn(4)])
    with pytest.raises(TypeError, match="expected a CPU tensor"):
        f([[1.0], torch.randn(4)])


def test_runtime_check_raises_and_process_survives():
    ir = """
func.func @f(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %0 = aten.add.Tensor %a, %b : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
"""
    f = inductor_mlir.compile_mlir(ir)
    with pytest.raises(RuntimeError, match="runtime check in the compiled code failed: inductor: broadcast"):
        f([torch.randn(3), torch.randn(4)])
    (out,) = f([torch.ones(3), torch.ones(3)])  # Still usable afterwards.
    assert out.tolist() == [2.0, 2.0, 2.0]


def test_allocation_failure_raises():
    ir = """
func.func @f(%a: tensor<?xf32>) -> tensor<?x?xf32> {
  %0 = aten.unsqueeze %a {dim = 1 : i64} : (tensor<?xf32>) -> tensor<?x1xf32>
  %1 = aten.unsqueeze %a {dim = 0 : i64} : (tensor<?xf32>) -> tensor<1x?xf32>
  %2 = aten.mul.Tensor %0, %1 : (tensor<?x1xf32>, tensor<1x?xf32>) -> tensor<?x?xf32>
  return %2 : tensor<?x?xf32>
}
"""
    f = inductor_mlir.compile_mlir(ir)
    # A 400 GB outer product: the allocation fails and comes back as an error.
    big = torch.ones(320_000)
    with pytest.raises(RuntimeError, match="cannot allocate"):
        f([big])


RESOURCE_MM = """
func.func @f(%a: tensor<?x64xf32>) -> tensor<?x300xf32> {
  %w = arith.constant dense_resource<weight> : tensor<300x64xf32>
  %0 = aten.linear %a, %w : (tensor<?x64xf32>, tensor<300x64xf32>) -> tensor<?x300xf32>
  return %0 : tensor<?x300xf32>
}
"""


def test_resource_constant_read_by_pointer():
    """A dense_resource weight gets its bytes from the caller (packed at compile time, copied): the result
    does not change when the caller's tensor does afterwards."""
    w = torch.randn(300, 64)
    f = inductor_mlir.compile_mlir(RESOURCE_MM, constants={"weight": w})
    a = torch.randn(5, 64)
    expected = torch.nn.functional.linear(a, w)
    w.zero_()
    (out,) = f([a])
    torch.testing.assert_close(out, expected, rtol=1e-5, atol=1e-5)


def test_resource_constant_errors():
    with pytest.raises(RuntimeError, match=r"dense_resource<weight> has no data"):
        inductor_mlir.compile_mlir(RESOURCE_MM)
    with pytest.raises(RuntimeError, match=r"constant data for 'bias', which no dense_resource in the IR names"):
        inductor_mlir.compile_mlir(RESOURCE_MM, constants={"weight": torch.randn(300, 64), "bias": torch.randn(3)})
