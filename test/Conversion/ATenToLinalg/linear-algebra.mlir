// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// mm: a zero-filled accumulator and a contraction generic, loops (m, k, n) with k the reduction.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @mm(
// CHECK: cf.assert
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: outs(%[[F]] : tensor<?x5xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[P:.*]] = arith.mulf %[[X]], %[[Y]]{{.*}} : f32
// CHECK: arith.addf %[[ACC]], %[[P]]{{.*}} : f32
func.func @mm(%a: tensor<?x?xf32>, %b: tensor<7x5xf32>) -> tensor<?x5xf32> {
  %0 = aten.mm %a, %b : (tensor<?x?xf32>, tensor<7x5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// bmm of bf16: accumulation in f32, one truncf afterwards.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-LABEL: func.func @bmm_bf16(
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK: ^bb0(%{{.*}}: bf16, %{{.*}}: bf16, %{{.*}}: f32):
// CHECK: arith.extf
// CHECK: arith.extf
// CHECK: -> tensor<3x4x5xf32>
// CHECK: linalg.generic
// CHECK: arith.truncf {{.*}} : f32 to bf16
func.func @bmm_bf16(%a: tensor<3x4x8xbf16>, %b: tensor<3x8x5xbf16>) -> tensor<3x4x5xbf16> {
  %0 = aten.bmm %a, %b : (tensor<3x4x8xbf16>, tensor<3x8x5xbf16>) -> tensor<3x4x5xbf16>
  return %0 : tensor<3x4x5xbf16>
}

// -----

// addmm: the product, then beta * self (broadcast row vector) + alpha * product in one generic.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @addmm(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: ^bb0(%[[P:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[AL:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[PA:.*]] = arith.mulf %[[P]], %[[AL]] : f32
// CHECK: %[[BE:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[SB:.*]] = arith.mulf %[[S]], %[[BE]] : f32
// CHECK: arith.addf %[[PA]], %[[SB]] : f32
func.func @addmm(%s: tensor<5xf32>, %a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %0 = aten.addmm %s, %a, %b {beta = 0.5 : f64, alpha = 2.0 : f64} : (tensor<5xf32>, tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// linear on a 3-D input: leading dims collapsed into M, weight read transposed (n, k), result expanded back,
// bias added in f32 before rounding to bf16.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @linear_3d(
// CHECK: %[[COL:.*]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2]] : tensor<2x?x8xbf16> into tensor<?x8xbf16>
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[W]], #[[C]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[COL]], %arg1 : tensor<?x8xbf16>, tensor<5x8xbf16>)
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [2, %{{.*}}, 5] : tensor<?x5xf32> into tensor<2x?x5xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[BIAS]], #{{.*}}]
// CHECK: ^bb0(%[[Y:.*]]: f32, %[[B:.*]]: bf16, %{{.*}}: bf16):
// CHECK: %[[BE:.*]] = arith.extf %[[B]] : bf16 to f32
// CHECK: %[[S:.*]] = arith.addf %[[Y]], %[[BE]] : f32
// CHECK: arith.truncf %[[S]] : f32 to bf16
func.func @linear_3d(%a: tensor<2x?x8xbf16>, %w: tensor<5x8xbf16>, %b: tensor<5xbf16>) -> tensor<2x?x5xbf16> {
  %0 = aten.linear %a, %w bias(%b) : (tensor<2x?x8xbf16>, tensor<5x8xbf16>, tensor<5xbf16>) -> tensor<2x?x5xbf16>
  return %0 : tensor<2x?x5xbf16>
}

// -----

// linear on a vector: [K] -> [1, K] -> [1, N] -> [N].
// CHECK-LABEL: func.func @linear_1d(
// CHECK: tensor.expand_shape %arg0 {{\[\[}}0, 1]] output_shape [1, 8] : tensor<8xf32> into tensor<1x8xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<1x5xf32> into tensor<5xf32>
func.func @linear_1d(%a: tensor<8xf32>, %w: tensor<5x8xf32>) -> tensor<5xf32> {
  %0 = aten.linear %a, %w : (tensor<8xf32>, tensor<5x8xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// matmul 1-D x 1-D: a dot product collapsed to a 0-d tensor.
// CHECK-LABEL: func.func @matmul_dot(
// CHECK: tensor.expand_shape %arg1 {{\[\[}}0, 1]] output_shape [8, 1]
// CHECK: tensor.expand_shape %arg0 {{\[\[}}0, 1]] output_shape [1, 8]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<1x1xf32> into tensor<1xf32>
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1xf32> into tensor<f32>
func.func @matmul_dot(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<f32> {
  %0 = aten.matmul %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// matmul 4-D x 3-D: the rhs gets a leading unit batch dim, broadcast through a constant-0 map result.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (0, d1, d3, d4)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-LABEL: func.func @matmul_broadcast_batch(
// CHECK: %[[E:.*]] = tensor.expand_shape %arg1 {{\[\[}}0, 1], [2], [3]] output_shape [1, 3, 8, 5]
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel"]} ins(%arg0, %[[E]] :
func.func @matmul_broadcast_batch(%a: tensor<2x3x4x8xf32>, %b: tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = aten.matmul %a, %b : (tensor<2x3x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// matmul 3-D x 2-D: folded into one GEMM over [B*M, K].
// CHECK-LABEL: func.func @matmul_fold(
// CHECK: tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2]] : tensor<2x4x8xf32> into tensor<8x8xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [2, 4, 5] : tensor<8x5xf32> into tensor<2x4x5xf32>
func.func @matmul_fold(%a: tensor<2x4x8xf32>, %b: tensor<8x5xf32>) -> tensor<2x4x5xf32> {
  %0 = aten.matmul %a, %b : (tensor<2x4x8xf32>, tensor<8x5xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}
