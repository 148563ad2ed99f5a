// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// softmax: row max (reduction from -inf), x - max, exp (approximate functions allowed), row sum, times the
// sum's reciprocal; bf16 input with half_to_float computes in f32 and returns f32.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @softmax_half_to_float(
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NI]] : f32)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<4x?xbf16>)
// CHECK: arith.extf
// CHECK: arith.maxnumf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: arith.subf
// CHECK: linalg.generic
// CHECK: math.exp %{{.*}} fastmath<afn> : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.addf
// One reciprocal per row, then a product per element (as ATen's kernel).
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<4x1xf32>)
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.divf %[[ONE]], %{{.*}} : f32
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: arith.mulf
// CHECK: return %[[R]] : tensor<4x?xf32>
func.func @softmax_half_to_float(%a: tensor<4x?xbf16>) -> tensor<4x?xf32> {
  %0 = aten._softmax %a {dim = -1 : i64, half_to_float = true} : (tensor<4x?xbf16>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// log_softmax along dim 0: the reduction is over d0; result (x - max) - log(sum).
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @log_softmax_dim0(
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[COL]]], iterator_types = ["reduction", "parallel"]}
// CHECK: arith.maxnumf
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[BC]], #{{.*}}]
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: ^bb0(%[[S:.*]]: f32, %[[SUM:.*]]: f32, %{{.*}}: bf16):
// CHECK: %[[L:.*]] = math.log %[[SUM]] : f32
// CHECK: %[[D:.*]] = arith.subf %[[S]], %[[L]] : f32
// CHECK: arith.truncf %[[D]] : f32 to bf16
func.func @log_softmax_dim0(%a: tensor<5x7xbf16>) -> tensor<5x7xbf16> {
  %0 = aten.log_softmax.int %a {dim = 0 : i64} : (tensor<5x7xbf16>) -> tensor<5x7xbf16>
  return %0 : tensor<5x7xbf16>
}

// -----

// layer_norm over the two trailing dims: reductions over d1, d2; weight/bias indexed by (d1, d2), applied as one
// fma.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, 0)>
// CHECK-DAG: #[[WB:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @layer_norm(
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]]]
// CHECK: arith.subf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[WB]], #[[WB]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: math.rsqrt
// CHECK: %[[Y:.*]] = arith.mulf
// CHECK: math.fma %[[Y]], %{{.*}}, %{{.*}} : f32
func.func @layer_norm(%a: tensor<2x3x4xf32>, %w: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = aten.layer_norm %a weight(%w) bias(%b) {normalized_shape = array<i64: 3, 4>} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// layer_norm without affine parameters: the final generic has only x - mean and the sum of squares.
// CHECK-LABEL: func.func @layer_norm_plain(
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<?x1xf32>)
// CHECK: math.rsqrt
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: linalg.yield
func.func @layer_norm_plain(%a: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = aten.layer_norm %a {normalized_shape = array<i64: 8>} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// bf16 layer_norm: weight and bias are widened to f32 once, by their own ops, rather than inside the
// normalization, which reads each of them once per row.
// CHECK-LABEL: func.func @layer_norm_bf16(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xbf16>, %[[W:.*]]: tensor<8xbf16>, %[[B:.*]]: tensor<8xbf16>)
// CHECK: %[[WF:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<8xbf16>) outs(%{{.*}} : tensor<8xf32>)
// CHECK: arith.extf
// CHECK: %[[BF:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<8xbf16>) outs(%{{.*}} : tensor<8xf32>)
// CHECK: arith.extf
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %[[WF]], %[[BF]] : tensor<4x8xf32>, tensor<4x1xf32>, tensor<8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<4x8xbf16>)
// CHECK-NOT: arith.extf
// CHECK: math.fma
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @layer_norm_bf16(%a: tensor<4x8xbf16>, %w: tensor<8xbf16>, %b: tensor<8xbf16>) -> tensor<4x8xbf16> {
  %0 = aten.layer_norm %a weight(%w) bias(%b) {normalized_shape = array<i64: 8>} : (tensor<4x8xbf16>, tensor<8xbf16>, tensor<8xbf16>) -> tensor<4x8xbf16>
  return %0 : tensor<4x8xbf16>
}

// -----

// Inference batch_norm, as PyTorch's CPU kernel computes it: per channel, alpha = weight * rsqrt(var + eps)
// and beta = bias - mean * alpha, each one generic over [C]; then alpha and beta reshaped to [C, 1, 1] and
// indexed by (d1, 0, 0), and one fma per element.
// CHECK-DAG: #[[C1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-LABEL: func.func @batch_norm_4d(
// CHECK-SAME: %[[X:[^:]*]]: tensor<2x3x4x5xf32>, %[[W:[^:]*]]: tensor<3xf32>, %[[B:[^:]*]]: tensor<3xf32>, %[[M:[^:]*]]: tensor<3xf32>, %[[V:[^:]*]]: tensor<3xf32>)
// CHECK: %[[ALPHA:.*]] = linalg.generic {indexing_maps = [#[[C1]], #[[C1]], #[[C1]]], iterator_types = ["parallel"]} ins(%[[V]], %[[W]] :
// CHECK: arith.addf
// CHECK: %[[RSTD:.*]] = math.rsqrt
// CHECK: arith.mulf %[[RSTD]]
// CHECK: %[[BETA:.*]] = linalg.generic {{.*}} ins(%[[M]], %[[ALPHA]], %[[B]] :
// CHECK: %[[NEG:.*]] = arith.negf
// CHECK: math.fma %[[NEG]]
// CHECK: %[[A3:.*]] = tensor.expand_shape %[[ALPHA]] {{\[\[}}0, 1, 2]] output_shape [3, 1, 1]
// CHECK: %[[B3:.*]] = tensor.expand_shape %[[BETA]] {{\[\[}}0, 1, 2]] output_shape [3, 1, 1]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]], %[[A3]], %[[B3]] :
// CHECK-NEXT: ^bb0(%[[IN:[^:]*]]: f32, %[[AL:[^:]*]]: f32, %[[BE:[^:]*]]: f32,
// CHECK-NEXT: %[[Y:.*]] = math.fma %[[IN]], %[[AL]], %[[BE]] : f32
// CHECK-NEXT: linalg.yield %[[Y]]
// CHECK-NOT: linalg.generic
func.func @batch_norm_4d(%a: tensor<2x3x4x5xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = aten.batch_norm %a weight(%w) bias(%b) running_mean(%m) running_var(%v) {training = false, momentum = 0.1 : f64, eps = 1.0e-5 : f64} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// 2-D batch_norm: [C] vectors broadcast along d1 directly.
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @batch_norm_2d(
// CHECK-NOT: tensor.expand_shape
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel"]}
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel"]}
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[CH]], #[[CH]], #{{.*}}], iterator_types = ["parallel", "parallel"]}
func.func @batch_norm_2d(%a: tensor<?x3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<?x3xf32> {
  %0 = aten.batch_norm %a running_mean(%m) running_var(%v) {training = false, momentum = 0.1 : f64, eps = 1.0e-5 : f64} : (tensor<?x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
