"""Execution tests of inductor-run itself and of the harness: linalg-on-tensors functions run through the full
pipeline and compared with eager torch, dtype round-trips, result handling, and every error path."""

import os
import re
import subprocess

import numpy as np
import pytest
import torch

from harness import (
    InductorRunError,
    inductor_run,
    mlir_type,
    run_mlir,
    run_mlir_expect_error,
)

ADD_IR = """
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @add(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %a, %c0 : tensor<?x4xf32>
  %init = tensor.empty(%d0) : tensor<?x4xf32>
  %r = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<?x4xf32>, tensor<?x4xf32>) outs(%init : tensor<?x4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}
"""

MATMUL_IR = """
func.func @mm(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %a, %c0 : tensor<?x?xf32>
  %n = tensor.dim %b, %c1 : tensor<?x?xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %r = linalg.matmul ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%f : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
"""


def elementwise_ir(name: str, ty: str, args: list[str], body: str, result_ty: str | None = None) -> str:
    """A rank-1 dynamic elementwise function: `body` computes %out from the scalar block arguments %x0, %x1, ..."""
    result_ty = result_ty or ty
    n = len(args)
    maps = ", ".join(["#map"] * (n + 1))
    params = ", ".join(f"%a{i}: tensor<?x{t}>" for i, t in enumerate(args))
    ins = ", ".join(f"%a{i}" for i in range(n))
    in_types = ", ".join(f"tensor<?x{t}>" for t in args)
    block_args = ", ".join(f"%x{i}: {t}" for i, t in enumerate(args))
    return f"""
#map = affine_map<(d0) -> (d0)>
func.func @{name}({params}) -> tensor<?x{result_ty}> {{
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %a0, %c0 : tensor<?x{args[0]}>
  %init = tensor.empty(%d0) : tensor<?x{result_ty}>
  %r = linalg.generic {{indexing_maps = [{maps}], iterator_types = ["parallel"]}}
      ins({ins} : {in_types}) outs(%init : tensor<?x{result_ty}>) {{
  ^bb0({block_args}, %o: {result_ty}):
{body}
    linalg.yield %out : {result_ty}
  }} -> tensor<?x{result_ty}>
  return %r : tensor<?x{result_ty}>
}}
"""


# --------------------------------------------------------------------------------------------------------------
# Functions compared with torch
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 7, 33])
def test_add_dynamic_dim(rows):
    a, b = torch.randn(rows, 4), torch.randn(rows, 4)
    (out,) = run_mlir(ADD_IR, "add", [a, b])
    assert out.dtype == torch.float32 and out.shape == (rows, 4)
    torch.testing.assert_close(out, a + b)


def test_add_empty_dynamic_dim():
    a, b = torch.randn(0, 4), torch.randn(0, 4)
    (out,) = run_mlir(ADD_IR, "add", [a, b])
    assert out.shape == (0, 4)


@pytest.mark.parametrize("m,k,n", [(1, 1, 1), (33, 17, 29), (64, 128, 96)])
def test_matmul(m, k, n):
    a, b = torch.randn(m, k), torch.randn(k, n)
    (out,) = run_mlir(MATMUL_IR, "mm", [a, b])
    torch.testing.assert_close(out, a @ b, rtol=1e-5, atol=1e-4)


def test_static_matmul_named_ops():
    a, b = torch.randn(16, 32), torch.randn(32, 8)
    ir = f"""
func.func @mm(%a: {mlir_type(a)}, %b: {mlir_type(b)}) -> tensor<16x8xf32> {{
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %r = linalg.matmul ins(%a, %b : {mlir_type(a)}, {mlir_type(b)}) outs(%f : tensor<16x8xf32>) -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}}
"""
    (out,) = run_mlir(ir, "mm", [a, b])
    torch.testing.assert_close(out, a @ b, rtol=1e-5, atol=1e-4)


def test_fusion_flag_does_not_change_results():
    a, b = torch.randn(5, 4), torch.randn(5, 4)
    (fused,) = run_mlir(ADD_IR, "add", [a, b])
    (unfused,) = run_mlir(ADD_IR, "add", [a, b], extra_args=["--no-fuse-elementwise"])
    (optnone,) = run_mlir(ADD_IR, "add", [a, b], extra_args=["--opt-level=0", "--pipeline-options=fuse-elementwise=0"])
    torch.testing.assert_close(fused, a + b)
    assert torch.equal(fused, unfused) and torch.equal(fused, optnone)


# --------------------------------------------------------------------------------------------------------------
# Element type round-trips
# --------------------------------------------------------------------------------------------------------------

# dtype, MLIR type, body computing %out = x0 + x0 (or the dtype's analogue), torch reference.
ROUND_TRIP_CASES = [
    (torch.float32, "f32", "    %out = arith.addf %x0, %x0 : f32", lambda x: x + x),
    (torch.float64, "f64", "    %out = arith.addf %x0, %x0 : f64", lambda x: x + x),
    (torch.float16, "f16", "    %out = arith.addf %x0, %x0 : f16", lambda x: x + x),
    (torch.bfloat16, "bf16", "    %out = arith.addf %x0, %x0 : bf16", lambda x: x + x),
    (torch.int64, "i64", "    %out = arith.addi %x0, %x0 : i64", lambda x: x + x),
    (torch.int32, "i32", "    %out = arith.addi %x0, %x0 : i32", lambda x: x + x),
    (torch.int16, "i16", "    %out = arith.addi %x0, %x0 : i16", lambda x: x + x),
    (torch.int8, "i8", "    %out = arith.addi %x0, %x0 : i8", lambda x: x + x),
    (torch.bool, "i1", "    %true = arith.constant true\n    %out = arith.xori %x0, %true : i1", lambda x: ~x),
]


def sample(dtype: torch.dtype, n: int) -> torch.Tensor:
    if dtype == torch.bool:
        return torch.rand(n) > 0.5
    if dtype.is_floating_point:
        return torch.randn(n).to(dtype)
    return torch.randint(-50, 50, (n,), dtype=dtype)


@pytest.mark.parametrize("dtype,ty,body,reference", ROUND_TRIP_CASES, ids=[c[1] for c in ROUND_TRIP_CASES])
def test_dtype_round_trip(dtype, ty, body, reference):
    x = sample(dtype, 37)
    (out,) = run_mlir(elementwise_ir("f", ty, [ty], body), "f", [x])
    assert out.dtype == dtype and out.shape == x.shape
    assert torch.equal(out, reference(x))


def test_bf16_widen_and_narrow():
    x = torch.randn(3, 5).to(torch.bfloat16)
    ir = """
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @f(%a: tensor<3x?xbf16>) -> (tensor<3x?xf32>, tensor<3x?xbf16>) {
  %c1 = arith.constant 1 : index
  %d1 = tensor.dim %a, %c1 : tensor<3x?xbf16>
  %e0 = tensor.empty(%d1) : tensor<3x?xf32>
  %e1 = tensor.empty(%d1) : tensor<3x?xbf16>
  %r:2 = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<3x?xbf16>) outs(%e0, %e1 : tensor<3x?xf32>, tensor<3x?xbf16>) {
  ^bb0(%x: bf16, %o0: f32, %o1: bf16):
    %w = arith.extf %x : bf16 to f32
    %sq = arith.mulf %w, %w : f32
    %n = arith.truncf %sq : f32 to bf16
    linalg.yield %w, %n : f32, bf16
  } -> (tensor<3x?xf32>, tensor<3x?xbf16>)
  return %r#0, %r#1 : tensor<3x?xf32>, tensor<3x?xbf16>
}
"""
    wide, narrow = run_mlir(ir, "f", [x])
    assert wide.dtype == torch.float32 and narrow.dtype == torch.bfloat16
    assert torch.equal(wide, x.float())
    assert torch.equal(narrow, (x.float() * x.float()).to(torch.bfloat16))


def test_bool_logic_and_compare():
    a, b = torch.rand(19) > 0.5, torch.rand(19) > 0.5
    x = torch.randn(19)
    body = """    %and = arith.andi %x0, %x1 : i1
    %zero = arith.constant 0.0 : f32
    %pos = arith.cmpf ogt, %x2, %zero : f32
    %out = arith.xori %and, %pos : i1"""
    (out,) = run_mlir(elementwise_ir("f", "i1", ["i1", "i1", "f32"], body), "f", [a, b, x])
    assert out.dtype == torch.bool
    assert torch.equal(out, (a & b) ^ (x > 0))


def test_i64_keeps_all_bits():
    x = torch.tensor([2**62 + 1, -(2**62) - 3, 0, 123456789012345678], dtype=torch.int64)
    body = """    %c = arith.constant 1099511627777 : i64
    %out = arith.addi %x0, %c : i64"""
    (out,) = run_mlir(elementwise_ir("f", "i64", ["i64"], body), "f", [x])
    assert torch.equal(out, x + 1099511627777)


def test_bool_result_from_float_compare():
    x = torch.randn(64)
    body = """    %zero = arith.constant 0.0 : f32
    %out = arith.cmpf olt, %x0, %zero : f32"""
    (out,) = run_mlir(elementwise_ir("f", "f32", ["f32"], body, result_ty="i1"), "f", [x])
    assert out.dtype == torch.bool and torch.equal(out, x < 0)
    # NumPy bools must be exactly 0 or 1.
    assert set(out.to(torch.uint8).tolist()) <= {0, 1}


# --------------------------------------------------------------------------------------------------------------
# Results: several, rank 0, aliasing inputs, constants
# --------------------------------------------------------------------------------------------------------------

MULTI_IR = """
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#all = affine_map<(d0, d1) -> ()>
func.func @multi(%a: tensor<4x?xf32>, %b: tensor<4x?xf32>) -> (tensor<4x?xf32>, tensor<?xf32>, tensor<f32>) {
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %a, %c1 : tensor<4x?xf32>
  %e = tensor.empty(%n) : tensor<4x?xf32>
  %sum = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<4x?xf32>, tensor<4x?xf32>) outs(%e : tensor<4x?xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x?xf32>
  %ce = tensor.empty(%n) : tensor<?xf32>
  %cf = linalg.fill ins(%zero : f32) outs(%ce : tensor<?xf32>) -> tensor<?xf32>
  %colsum = linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]}
      ins(%a : tensor<4x?xf32>) outs(%cf : tensor<?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  %te = tensor.empty() : tensor<f32>
  %tf = linalg.fill ins(%zero : f32) outs(%te : tensor<f32>) -> tensor<f32>
  %total = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction", "reduction"]}
      ins(%b : tensor<4x?xf32>) outs(%tf : tensor<f32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %sum, %colsum, %total : tensor<4x?xf32>, tensor<?xf32>, tensor<f32>
}
"""


def test_multiple_results_with_rank0():
    a, b = torch.randn(4, 6), torch.randn(4, 6)
    total_sum, colsum, total = run_mlir(MULTI_IR, "multi", [a, b])
    torch.testing.assert_close(total_sum, a + b)
    torch.testing.assert_close(colsum, a.sum(0))
    assert total.shape == ()
    torch.testing.assert_close(total, b.sum(), rtol=1e-5, atol=1e-5)


def test_repeat_gives_the_same_results():
    a, b = torch.randn(4, 6), torch.randn(4, 6)
    once = run_mlir(MULTI_IR, "multi", [a, b])
    repeated = run_mlir(MULTI_IR, "multi", [a, b], extra_args=["--repeat=7"])
    for x, y in zip(once, repeated):
        assert torch.equal(x, y)


def test_returns_its_inputs():
    ir = """
func.func @ident(%a: tensor<2x?xf32>, %b: tensor<3xi64>) -> (tensor<3xi64>, tensor<2x?xf32>, tensor<2x?xf32>) {
  return %b, %a, %a : tensor<3xi64>, tensor<2x?xf32>, tensor<2x?xf32>
}
"""
    a, b = torch.randn(2, 5), torch.tensor([1, -2, 3])
    # --repeat: the inputs must not be freed as results, nor anything freed twice.
    rb, ra1, ra2 = run_mlir(ir, "ident", [a, b], extra_args=["--repeat=3"])
    assert torch.equal(rb, b) and torch.equal(ra1, a) and torch.equal(ra2, a)


def test_returns_the_same_buffer_twice():
    ir = elementwise_ir("f", "f32", ["f32"], "    %out = arith.mulf %x0, %x0 : f32")
    ir = ir.replace("-> tensor<?xf32> {\n  %c0", "-> (tensor<?xf32>, tensor<?xf32>) {\n  %c0", 1)
    ir = ir.replace("return %r : tensor<?xf32>", "return %r, %r : tensor<?xf32>, tensor<?xf32>")
    x = torch.randn(10)
    r0, r1 = run_mlir(ir, "f", [x], extra_args=["--repeat=3"])
    assert torch.equal(r0, x * x) and torch.equal(r1, x * x)


def test_returns_a_constant():
    ir = """
func.func @const() -> tensor<2x2xf32> {
  %c = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  return %c : tensor<2x2xf32>
}
"""
    (out,) = run_mlir(ir, "const", [], extra_args=["--repeat=2"])
    assert torch.equal(out, torch.tensor([[1.0, 2.0], [3.0, 4.0]]))


def test_function_is_chosen_among_several():
    ir = ADD_IR + MATMUL_IR
    a, b = torch.randn(3, 4), torch.randn(4, 2)
    (out,) = run_mlir(ir, "mm", [a, b])
    torch.testing.assert_close(out, a @ b, rtol=1e-5, atol=1e-5)


# --------------------------------------------------------------------------------------------------------------
# Command-line behaviour: random inputs, stdin, timing, summary
# --------------------------------------------------------------------------------------------------------------


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def run_ok(args, stdin=None) -> subprocess.CompletedProcess:
    proc = inductor_run(args, stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    return proc


def load_results(out_dir) -> list[np.ndarray]:
    results = []
    while os.path.exists(path := os.path.join(out_dir, f"result{len(results)}.npy")):
        results.append(np.load(path))
    return results


def test_random_inputs_are_seeded(tmp_path):
    ir = write(tmp_path, "add.mlir", ADD_IR)
    outs = {}
    for name, seed in [("s1", 1), ("s1again", 1), ("s2", 2)]:
        run_ok([ir, "--function=add", f"--seed={seed}", f"--output-dir={tmp_path / name}"])
        (outs[name],) = load_results(tmp_path / name)
    # Dynamic dims get --dynamic-dim-size (default 8).
    assert outs["s1"].shape == (8, 4) and outs["s1"].dtype == np.float32
    assert np.array_equal(outs["s1"], outs["s1again"])
    assert not np.array_equal(outs["s1"], outs["s2"])
    # A sum of two normal(0, 1) samples: mean 0, variance 2 (loose bounds, 32 samples).
    assert abs(outs["s1"].mean()) < 1.5 and 0.5 < outs["s1"].var() < 5


def test_random_integer_and_bool_inputs(tmp_path):
    ir = """
func.func @ident(%a: tensor<64xi32>, %b: tensor<?x16xi1>) -> (tensor<64xi32>, tensor<?x16xi1>) {
  return %a, %b : tensor<64xi32>, tensor<?x16xi1>
}
"""
    path = write(tmp_path, "ident.mlir", ir)
    run_ok([path, "--dynamic-dim-size=3", f"--output-dir={tmp_path}"])  # The only function: no --function.
    ints, bools = load_results(tmp_path)
    assert ints.dtype == np.int32 and ints.min() >= 0 and ints.max() < 8 and len(np.unique(ints)) > 4
    assert bools.dtype == np.bool_ and bools.shape == (3, 16) and 0 < bools.sum() < 48


def test_stdin_and_summary():
    proc = run_ok(["-", "--function=multi", "--dynamic-dim-size=5"], stdin=MULTI_IR)
    lines = proc.stdout.splitlines()
    assert re.fullmatch(r"result0: dtype=f32 shape=\[4, 5\] sum=\S+ abs_sum=\S+ values=\[.*, \.\.\.\]", lines[0])
    assert lines[1].startswith("result1: dtype=f32 shape=[5] ")
    assert lines[2].startswith("result2: dtype=f32 shape=[] ")


def test_print_time_with_repeat(tmp_path):
    ir = write(tmp_path, "mm.mlir", MATMUL_IR)
    proc = run_ok([ir, "--function=mm", "--dynamic-dim-size=64", "--print-time", "--repeat=5", "--quiet"])
    compile_line, time_line = proc.stdout.splitlines()
    fields = dict(kv.split("=") for kv in compile_line.split())
    assert set(fields) == {"compile_ms", "parse_ms", "pipeline_ms", "translate_ms", "llvm_opt_ms", "codegen_ms"}
    assert all(float(v) >= 0 for v in fields.values())
    m = re.fullmatch(r"time_us best=(\S+) median=(\S+) mean=(\S+) calls=5", time_line)
    assert m and 0 < float(m.group(1)) <= float(m.group(2))


def test_avx512_code_is_generated(tmp_path):
    ir = write(tmp_path, "add.mlir", ADD_IR)
    obj = tmp_path / "add.o"
    run_ok([ir, "--function=add", "--dynamic-dim-size=1024", f"--dump-object-file={obj}", "--quiet"])
    objdump = "/usr/lib/llvm-22/bin/llvm-objdump"
    if "avx512f" not in open("/proc/cpuinfo").read() or not os.path.exists(objdump):
        pytest.skip("needs an AVX-512 host and llvm-objdump")
    asm = subprocess.run([objdump, "-d", str(obj)], capture_output=True, text=True, check=True).stdout
    assert "zmm" in asm


# --------------------------------------------------------------------------------------------------------------
# Errors: exit status 1 and a message naming the problem
# --------------------------------------------------------------------------------------------------------------


def test_error_wrong_dtype():
    err = run_mlir_expect_error(ADD_IR, "add", [torch.randn(2, 4, dtype=torch.float64), torch.randn(2, 4)])
    assert re.search(r"inductor-run: input #0 \(\S*arg0\.npy\): expected tensor<\?x4xf32>, got f64 \[2, 4\]", err)


def test_error_wrong_static_dim():
    err = run_mlir_expect_error(ADD_IR, "add", [torch.randn(3, 4), torch.randn(3, 5)])
    assert re.search(r"input #1 \(\S*arg1\.npy\): expected tensor<\?x4xf32>, got f32 \[3, 5\]", err)


def test_error_wrong_rank():
    err = run_mlir_expect_error(ADD_IR, "add", [torch.randn(3, 4), torch.randn(3, 4, 1)])
    assert "input #1" in err and "got f32 [3, 4, 1]" in err


def test_error_bf16_given_as_float():
    ir = "func.func @f(%a: tensor<2xbf16>) -> tensor<2xbf16> {\n  return %a : tensor<2xbf16>\n}\n"
    err = run_mlir_expect_error(ir, "f", [torch.randn(2)])
    assert "expected tensor<2xbf16>, got f32 [2]" in err


def test_error_wrong_input_count():
    err = run_mlir_expect_error(ADD_IR, "add", [torch.randn(3, 4)])
    assert "function 'add' takes 2 argument(s) (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>, got 1 --input" in err


def test_error_unknown_function():
    err = run_mlir_expect_error(ADD_IR + MATMUL_IR, "nope", [])
    assert "no function named 'nope' (defined: add, mm)" in err


def test_error_ambiguous_function(tmp_path):
    proc = inductor_run([write(tmp_path, "two.mlir", ADD_IR + MATMUL_IR)])
    assert proc.returncode == 1 and "a function name (--function) is required" in proc.stderr


def test_error_bad_ir_has_location(tmp_path):
    path = write(tmp_path, "bad.mlir", "func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {\n  %0 = arith.addf %a, %a\n}\n")
    proc = inductor_run([path, "--function=f"])
    assert proc.returncode == 1
    assert re.search(r"bad\.mlir:2:\d+: error: ", proc.stderr), proc.stderr
    assert "inductor-run: cannot parse" in proc.stderr


def test_error_verifier_has_location():
    ir = "func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {\n  %0 = arith.addf %a, %a : tensor<4xf32>\n  return %a : tensor<3xf32>\n}\n"
    err = run_mlir_expect_error(ir, "f", [])
    assert re.search(r"input\.mlir:3:\d+: error: ", err), err


def test_error_missing_mlir_file(tmp_path):
    proc = inductor_run([str(tmp_path / "missing.mlir"), "--function=f"])
    assert proc.returncode == 1 and "cannot open input file" in proc.stderr and "missing.mlir" in proc.stderr


def test_error_missing_npy_file(tmp_path):
    ir = write(tmp_path, "add.mlir", ADD_IR)
    missing = tmp_path / "missing.npy"
    np.save(tmp_path / "b.npy", np.zeros((2, 4), np.float32))
    proc = inductor_run([ir, "--function=add", f"--input={missing}", f"--input={tmp_path / 'b.npy'}"])
    assert proc.returncode == 1
    assert f"input #0 ({missing}): cannot read file: " in proc.stderr


@pytest.mark.parametrize(
    "contents,message",
    [
        (b"hello, not numpy", "not a .npy file"),
        (b"\x93NUMPY\x01\x00\x10\x00{'descr': '<f4'", "truncated .npy header"),
        (b"\x93NUMPY\x01\x00\x10\x00{'descr': '<f4' }", "malformed .npy header"),
        (b"\x93NUMPY\x09\x00\x10\x00{'descr': '<f4' }", "unsupported .npy format version 9"),
    ],
)
def test_error_malformed_npy(tmp_path, contents, message):
    ir = write(tmp_path, "add.mlir", ADD_IR)
    (tmp_path / "bad.npy").write_bytes(contents)
    np.save(tmp_path / "b.npy", np.zeros((2, 4), np.float32))
    proc = inductor_run([ir, "--function=add", f"--input={tmp_path / 'bad.npy'}", f"--input={tmp_path / 'b.npy'}"])
    assert proc.returncode == 1 and "input #0" in proc.stderr and message in proc.stderr, proc.stderr


def test_error_truncated_npy_data(tmp_path):
    ir = write(tmp_path, "add.mlir", ADD_IR)
    np.save(tmp_path / "a.npy", np.zeros((2, 4), np.float32))
    data = (tmp_path / "a.npy").read_bytes()
    (tmp_path / "a.npy").write_bytes(data[:-3])
    proc = inductor_run([ir, "--function=add", f"--input={tmp_path / 'a.npy'}", f"--input={tmp_path / 'a.npy'}"])
    assert proc.returncode == 1 and "truncated .npy data" in proc.stderr


def test_error_fortran_order_npy(tmp_path):
    ir = write(tmp_path, "add.mlir", ADD_IR)
    np.save(tmp_path / "f.npy", np.asfortranarray(np.ones((3, 4), np.float32)))
    np.save(tmp_path / "c.npy", np.ones((3, 4), np.float32))
    proc = inductor_run([ir, "--function=add", f"--input={tmp_path / 'c.npy'}", f"--input={tmp_path / 'f.npy'}"])
    assert proc.returncode == 1 and "input #1" in proc.stderr and "Fortran-order" in proc.stderr


def test_error_big_endian_npy(tmp_path):
    ir = write(tmp_path, "add.mlir", ADD_IR)
    np.save(tmp_path / "be.npy", np.ones((3, 4), ">f4"))
    proc = inductor_run([ir, "--function=add", f"--input={tmp_path / 'be.npy'}", f"--input={tmp_path / 'be.npy'}"])
    assert proc.returncode == 1 and "big-endian" in proc.stderr


def test_error_unsupported_signature():
    ir = "func.func @f(%a: tensor<4xf32>, %s: f32) -> tensor<4xf32> {\n  return %a : tensor<4xf32>\n}\n"
    err = run_mlir_expect_error(ir, "f", [])
    assert "function 'f' argument #1 has type f32; only ranked tensors" in err


def test_error_unsupported_result_type():
    ir = """
func.func @f(%a: tensor<?xf32>) -> tensor<1xindex> {
  %s = shape.shape_of %a : tensor<?xf32> -> tensor<1xindex>
  return %s : tensor<1xindex>
}
"""
    err = run_mlir_expect_error(ir, "f", [])
    assert "function 'f' result #0 has type tensor<1xindex>; only ranked tensors" in err


def test_error_pipeline_failure():
    # A loop whose yielded tensor is not equivalent to its iter_arg: one-shot-bufferize rejects it.
    ir = """
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%t = %a) -> tensor<4xf32> {
    %e = tensor.empty() : tensor<4xf32>
    %n = linalg.add ins(%t, %t : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    scf.yield %n : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
"""
    err = run_mlir_expect_error(ir, "f", [torch.randn(4)])
    assert re.search(r"input\.mlir:9:5: error: ", err), err
    assert "inductor-run: the lowering pipeline failed" in err


def test_error_unresolved_symbol():
    ir = """
func.func private @ext(tensor<4xf32>) -> tensor<4xf32>
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = func.call @ext(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
"""
    err = run_mlir_expect_error(ir, "f", [torch.randn(4)])
    assert "Symbols not found: [ ext ]" in err and "inductor-run: JIT compilation failed" in err


def test_error_bad_target_cpu():
    err = run_mlir_expect_error(ADD_IR, "add", [], extra_args=["--target-cpu=notacpu"])
    assert "unknown target CPU 'notacpu'" in err


def test_harness_raises_with_stderr():
    with pytest.raises(InductorRunError) as info:
        run_mlir(ADD_IR, "add", [torch.randn(2, 5), torch.randn(2, 5)])
    assert info.value.returncode == 1
    assert "expected tensor<?x4xf32>, got f32 [2, 5]" in info.value.stderr
    assert "expected tensor<?x4xf32>" in str(info.value)
