// Tool-level error paths of inductor-opt found by fuzzing to behave: a lowering that rejects an op reports
// the op's location and exits with status 1; a verifier error stops every path before any lowering.

// RUN: not inductor-opt %s -split-input-file --inductor-lower-to-llvm 2>&1 | FileCheck %s
// RUN: not inductor-opt %s -split-input-file --convert-aten-to-linalg 2>&1 | FileCheck %s

// CHECK: inductor-opt-errors.mlir:[[@LINE+2]]:8: error: adaptive_avg_pool2d lowering requires each output size to be 1 or to divide the static input size; got input size 5 and output size 3 along spatial dim 0
func.func @adaptive_avg_pool_not_divisible(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 3, 3>} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// CHECK: inductor-opt-errors.mlir:[[@LINE+2]]:8: error: grouped-query attention needs static head counts
func.func @gqa_dynamic_heads(%q: tensor<1x?x3x8xf32>, %k: tensor<1x?x3x8xf32>, %v: tensor<1x?x3x8xf32>) -> tensor<1x?x3x8xf32> {
  %0 = aten.scaled_dot_product_attention %q, %k, %v {enable_gqa = true} : (tensor<1x?x3x8xf32>, tensor<1x?x3x8xf32>, tensor<1x?x3x8xf32>) -> tensor<1x?x3x8xf32>
  return %0 : tensor<1x?x3x8xf32>
}

// -----

// Overflowing view sizes used to pass the verifier (the element count wrapped to 0) and crash inductor-run.
// CHECK: inductor-opt-errors.mlir:[[@LINE+2]]:8: error: 'aten.view' op view size [4294967296, 4294967296] is invalid: its number of elements overflows int64
func.func @view_overflow(%a: tensor<0xf32>) -> tensor<?x?xf32> {
  %0 = aten.view %a {size = array<i64: 4294967296, 4294967296>} : (tensor<0xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK: inductor-opt-errors.mlir:[[@LINE+2]]:8: error: 'aten.convolution' op the result tensor<1x1x6148914691236517206x6148914691236517206xf32> is too large
func.func @conv_huge_padding(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x?x?xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 3074457345618258602>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x?x?xf32>
  return %0 : tensor<1x1x?x?xf32>
}
