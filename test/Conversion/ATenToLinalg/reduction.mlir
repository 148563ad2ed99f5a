// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// sum of everything: a zero-filled 0-d accumulator, all loops reductions.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @sum_all(
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<f32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<f32>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: outs(%[[F]] : tensor<f32>)
// CHECK: arith.addf
func.func @sum_all(%a: tensor<7x?xf32>) -> tensor<f32> {
  %0 = aten.sum %a : (tensor<7x?xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Negative and multiple dims with keepdim: one generic, then the unit dims re-inserted; bf16 accumulates in f32.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @sum_dims_keepdim_bf16(
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK: ^bb0(%[[X:.*]]: bf16, %[[ACC:.*]]: f32):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : bf16 to f32
// The float sum may be reassociated (LLVM vectorizes it).
// CHECK: arith.addf %[[ACC]], %[[XE]] fastmath<reassoc> : f32
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [3, 1, 1] : tensor<3xf32> into tensor<3x1x1xf32>
// CHECK: arith.truncf {{.*}} : f32 to bf16
func.func @sum_dims_keepdim_bf16(%a: tensor<3x?x5xbf16>) -> tensor<3x1x1xbf16> {
  %0 = aten.sum.dim_IntList %a {dim = array<i64: -1, 1>, keepdim = true} : (tensor<3x?x5xbf16>) -> tensor<3x1x1xbf16>
  return %0 : tensor<3x1x1xbf16>
}

// -----

// Integer / bool sums accumulate in i64.
// CHECK-LABEL: func.func @sum_bool(
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK: ^bb0(%[[X:.*]]: i1, %[[ACC:.*]]: i64):
// CHECK: %[[XE:.*]] = arith.extui %[[X]] : i1 to i64
// CHECK: arith.addi %[[ACC]], %[[XE]] : i64
func.func @sum_bool(%a: tensor<4x5xi1>) -> tensor<5xi64> {
  %0 = aten.sum.dim_IntList %a {dim = array<i64: 0>} : (tensor<4x5xi1>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

// mean: sum, then a division by the (runtime) element count.
// CHECK-LABEL: func.func @mean_dim(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.addf
// CHECK: %[[D:.*]] = tensor.dim %arg0, %c1
// CHECK: arith.sitofp
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK: arith.divf
func.func @mean_dim(%a: tensor<4x?xf32>) -> tensor<4xf32> {
  %0 = aten.mean.dim %a {dim = array<i64: 1>} : (tensor<4x?xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// amax: -inf filled accumulator, NaN-propagating maximumf; integer max uses maxsi from INT64_MIN.
// CHECK-LABEL: func.func @amax(
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NI]] : f32)
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK: arith.maximumf
// CHECK: arith.constant -9223372036854775808 : i64
// CHECK: linalg.generic
// CHECK: arith.maxsi
func.func @amax(%a: tensor<4x5xf32>, %b: tensor<4x5xi64>) -> (tensor<1x5xf32>, tensor<4xi64>) {
  %0 = aten.amax %a {dim = array<i64: 0>, keepdim = true} : (tensor<4x5xf32>) -> tensor<1x5xf32>
  %1 = aten.amax %b {dim = array<i64: -1>} : (tensor<4x5xi64>) -> tensor<4xi64>
  return %0, %1 : tensor<1x5xf32>, tensor<4xi64>
}

// -----

// var: two passes (sum -> squared deviations from sum/N -> sum), divided by max(N - correction, 0).
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @var(
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK: tensor.expand_shape
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: arith.divf
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK: %[[C:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[NC:.*]] = arith.subf %{{.*}}, %[[C]] : f32
// CHECK: %[[DIV:.*]] = arith.maximumf %[[NC]], %{{.*}} : f32
// CHECK: linalg.generic
// CHECK: arith.divf %{{.*}}, %[[DIV]] : f32
func.func @var(%a: tensor<3x5xf32>) -> tensor<3xf32> {
  %0 = aten.var.correction %a {dim = array<i64: 1>} : (tensor<3x5xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// amax of bool: reduced as unsigned 0/1 in i8 (from INT8_MIN), then converted back to i1 (!= 0).
// CHECK-LABEL: func.func @amax_bool(
// CHECK: %[[Z:.*]] = arith.constant -128 : i8
// CHECK: linalg.fill ins(%[[Z]] : i8)
// CHECK: ^bb0(%[[X:.*]]: i1, %[[ACC:.*]]: i8):
// CHECK: %[[XE:.*]] = arith.extui %[[X]] : i1 to i8
// CHECK: arith.maxsi %[[ACC]], %[[XE]] : i8
// CHECK: arith.cmpi ne, %{{.*}}, %{{.*}} : i8
func.func @amax_bool(%a: tensor<4x5xi1>) -> tensor<4xi1> {
  %0 = aten.amax %a {dim = array<i64: 1>} : (tensor<4x5xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
