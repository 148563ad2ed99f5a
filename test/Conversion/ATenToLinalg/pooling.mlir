// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file -verify-diagnostics | FileCheck %s

// max_pool2d pads with the lowest value (here INT64_MIN); ceil_mode pads the high side further. The pool is
// one elementwise generic over the output whose inputs are the window's taps, strided views of the padded
// input (tap (kh, kw) at offset (kh, kw), strides 2).
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @max_pool_ceil_unbatched
// CHECK-SAME: %[[X:.*]]: tensor<2x7x7xi64>
// CHECK: %[[LOWEST:.*]] = arith.constant -9223372036854775808 : i64
// CHECK: %[[X4:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1], [2], [3]] output_shape [1, 2, 7, 7]
// CHECK: %[[PAD:.*]] = tensor.pad %[[X4]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:   tensor.yield %[[LOWEST]] : i64
// CHECK: } : tensor<1x2x7x7xi64> to tensor<1x2x9x9xi64>
// CHECK: %[[T0:.*]] = tensor.extract_slice %[[PAD]][0, 0, 0, 0] [1, 2, 4, 4] [1, 1, 2, 2] : tensor<1x2x9x9xi64> to tensor<1x2x4x4xi64>
// CHECK: %[[T1:.*]] = tensor.extract_slice %[[PAD]][0, 0, 0, 1] [1, 2, 4, 4] [1, 1, 2, 2]
// CHECK-COUNT-6: tensor.extract_slice %[[PAD]]
// CHECK: %[[T8:.*]] = tensor.extract_slice %[[PAD]][0, 0, 2, 2] [1, 2, 4, 4] [1, 1, 2, 2]
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<1x2x4x4xi64>
// CHECK: %[[POOL:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[T0]], %[[T1]], {{.*}}, %[[T8]] : {{.*}}) outs(%[[INIT]] : tensor<1x2x4x4xi64>)
// CHECK: arith.maxsi
// CHECK-COUNT-7: arith.maxsi
// CHECK-NEXT: linalg.yield
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %[[POOL]] {{\[\[}}0, 1], [2], [3]] : tensor<1x2x4x4xi64> into tensor<2x4x4xi64>
// CHECK: return %[[OUT]]
func.func @max_pool_ceil_unbatched(%x: tensor<2x7x7xi64>) -> tensor<2x4x4xi64> {
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>, ceil_mode = true} : (tensor<2x7x7xi64>) -> tensor<2x4x4xi64>
  return %0 : tensor<2x4x4xi64>
}

// -----

// f32 with ceil_mode running past the input: -inf padding on the high side (2 rather than 1); maximumf, which
// keeps NaN, as PyTorch's kernel does.
// CHECK-LABEL: func.func @max_pool_f32_ceil_overhang
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 2, 2]
// CHECK:   tensor.yield %[[NEGINF]] : f32
// CHECK: } : tensor<1x2x8x8xf32> to tensor<1x2x11x11xf32>
// CHECK: tensor.extract_slice %[[PAD]][0, 0, 2, 2] [1, 2, 5, 5] [1, 1, 2, 2] : tensor<1x2x11x11xf32> to tensor<1x2x5x5xf32>
// CHECK: linalg.generic
// CHECK-COUNT-8: arith.maximumf
func.func @max_pool_f32_ceil_overhang(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32> {
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>, ceil_mode = true} : (tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

// Dynamic sizes, a rectangular dilated window: the output sizes come from the run-time sizes (with the
// window check); the taps are views at (kh * 2, kw) with strides (1, 2); bf16 compares in f32 and rounds
// once (exact: the maximum is one of the inputs).
// CHECK-LABEL: func.func @max_pool_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x4x?x?xbf16>
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF80 : bf16
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4x?x?xbf16>
// CHECK: cf.assert %{{.*}}, "inductor: pooling window is larger than the padded input"
// CHECK: %[[OH:.*]] = arith.select
// CHECK: %[[HIGH_H:.*]] = arith.maxsi
// CHECK: %[[OW:.*]] = arith.select
// CHECK: %[[HIGH_W:.*]] = arith.maxsi
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, %[[HIGH_H]], %[[HIGH_W]]]
// CHECK: tensor.extract_slice %[[PAD]][0, 0, 4, 1] [%[[N]], 4, %[[OH]], %[[OW]]] [1, 1, 1, 2]
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]], %[[OH]], %[[OW]]) : tensor<?x4x?x?xbf16>
// CHECK: linalg.generic {{.*}} outs(%[[EMPTY]] : tensor<?x4x?x?xbf16>)
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK-COUNT-5: arith.maximumf %{{.*}} : f32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @max_pool_dynamic(%x: tensor<?x4x?x?xbf16>) -> tensor<?x4x?x?xbf16> {
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 3, 2>, stride = array<i64: 1, 2>, padding = array<i64: 1, 0>, dilation = array<i64: 2, 1>, ceil_mode = true} : (tensor<?x4x?x?xbf16>) -> tensor<?x4x?x?xbf16>
  return %0 : tensor<?x4x?x?xbf16>
}

// -----

// avg_pool2d without clipped windows: a sum pool (bf16 accumulated in f32) divided by the kernel area.
// CHECK-LABEL: func.func @avg_pool_bf16
// CHECK-SAME: %[[X:.*]]: tensor<1x2x8x8xbf16>
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[X]], %{{.*}} : tensor<1x2x8x8xbf16>, tensor<2x2xf32>) outs(%{{.*}} : tensor<1x2x4x4xf32>)
// CHECK: %[[FOUR:.*]] = arith.constant 4.000000e+00 : f32
// CHECK: %[[AVG:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x4x4xf32>)
// CHECK:   arith.divf %{{.*}}, %[[FOUR]] : f32
// CHECK: linalg.generic {{.*}} ins(%[[AVG]] : tensor<1x2x4x4xf32>) outs(%{{.*}} : tensor<1x2x4x4xbf16>)
// CHECK:   arith.truncf %{{.*}} : f32 to bf16
func.func @avg_pool_bf16(%x: tensor<1x2x8x8xbf16>) -> tensor<1x2x4x4xbf16> {
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : (tensor<1x2x8x8xbf16>) -> tensor<1x2x4x4xbf16>
  return %0 : tensor<1x2x4x4xbf16>
}

// -----

// count_include_pad = false with ceil_mode: zero padding for the sum, and the divisor is PyTorch's per-window
// count of input elements, computed from the output indices.
// CHECK-LABEL: func.func @avg_pool_exclude_pad_ceil
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 2, 2]
// CHECK:   tensor.yield %[[ZERO]] : f32
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PAD]], %{{.*}} : tensor<1x2x11x11xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x2x5x5xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x5x5xf32>)
// CHECK:   %[[OH:.*]] = linalg.index 2 : index
// CHECK:   %[[OW:.*]] = linalg.index 3 : index
// CHECK:   arith.maxsi
// CHECK:   arith.minsi
// CHECK:   %[[COUNT_I64:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK:   %[[COUNT_F:.*]] = arith.sitofp %[[COUNT_I64]] : i64 to f32
// CHECK:   arith.divf %{{.*}}, %[[COUNT_F]] : f32
func.func @avg_pool_exclude_pad_ceil(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32> {
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

// divisor_override replaces the window count, even for clipped windows.
// CHECK-LABEL: func.func @avg_pool_divisor_override
// CHECK: linalg.pooling_nchw_sum
// CHECK: %[[FIVE:.*]] = arith.constant 5.000000e+00 : f32
// CHECK-NOT: linalg.index
// CHECK: arith.divf %{{.*}}, %[[FIVE]] : f32
func.func @avg_pool_divisor_override(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32> {
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode = true, count_include_pad = false, divisor_override = 5 : i64} : (tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

// i64 averages divide with truncation, like PyTorch's integer kernel.
// CHECK-LABEL: func.func @avg_pool_i64
// CHECK: linalg.pooling_nchw_sum {{.*}} outs(%{{.*}} : tensor<1x1x2x2xi64>)
// CHECK: %[[FOUR:.*]] = arith.constant 4 : i64
// CHECK: arith.divsi %{{.*}}, %[[FOUR]] : i64
func.func @avg_pool_i64(%x: tensor<1x1x4x4xi64>) -> tensor<1x1x2x2xi64> {
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 2>} : (tensor<1x1x4x4xi64>) -> tensor<1x1x2x2xi64>
  return %0 : tensor<1x1x2x2xi64>
}

// -----

// Global average pooling with dynamic sizes: one window spanning the whole (dynamic) input.
// CHECK-LABEL: func.func @adaptive_avg_pool_global_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x16x?x?xf32>
// CHECK-DAG: %[[H:.*]] = tensor.dim %[[X]], %c2
// CHECK-DAG: %[[W:.*]] = tensor.dim %[[X]], %c3
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x16x1x1xf32>)
// CHECK: %[[WIN:.*]] = tensor.empty(%[[H]], %[[W]]) : tensor<?x?xf32>
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X]], %[[WIN]] : tensor<?x16x?x?xf32>, tensor<?x?xf32>) outs(%[[INIT]] : tensor<?x16x1x1xf32>)
// CHECK: %[[COUNT:.*]] = arith.muli %[[H]], %[[W]] : index
// CHECK: %[[COUNT_I64:.*]] = arith.index_cast %[[COUNT]] : index to i64
// CHECK: %[[COUNT_F:.*]] = arith.sitofp %[[COUNT_I64]] : i64 to f32
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<?x16x1x1xf32>)
// CHECK:   arith.divf %{{.*}}, %[[COUNT_F]] : f32
func.func @adaptive_avg_pool_global_dynamic(%x: tensor<?x16x?x?xf32>) -> tensor<?x16x1x1xf32> {
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : (tensor<?x16x?x?xf32>) -> tensor<?x16x1x1xf32>
  return %0 : tensor<?x16x1x1xf32>
}

// -----

// Output sizes dividing the input: uniform windows with kernel = stride = input / output.
// CHECK-LABEL: func.func @adaptive_avg_pool_divisible
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.*}}, %[[WIN]] : tensor<2x16x8x6xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<2x16x4x3xf32>)
// CHECK: %[[FOUR:.*]] = arith.constant 4.000000e+00 : f32
// CHECK: arith.divf %{{.*}}, %[[FOUR]] : f32
func.func @adaptive_avg_pool_divisible(%x: tensor<2x16x8x6xf32>) -> tensor<2x16x4x3xf32> {
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 4, 3>} : (tensor<2x16x8x6xf32>) -> tensor<2x16x4x3xf32>
  return %0 : tensor<2x16x4x3xf32>
}

// -----

// Non-uniform adaptive windows (7 -> 3 overlap and vary in size) are not supported.
func.func @adaptive_avg_pool_not_divisible(%x: tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32> {
  // expected-error @+2 {{adaptive_avg_pool2d lowering requires each output size to be 1 or to divide the static input size; got input size 7 and output size 3 along spatial dim 0}}
  // expected-error @+1 {{failed to legalize operation 'aten.adaptive_avg_pool2d'}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 3, 4>} : (tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----

// A dynamic input size can only be pooled to 1.
func.func @adaptive_avg_pool_dynamic_not_global(%x: tensor<1x2x?x8xf32>) -> tensor<1x2x2x4xf32> {
  // expected-error @+2 {{got input size ? and output size 2 along spatial dim 0}}
  // expected-error @+1 {{failed to legalize operation 'aten.adaptive_avg_pool2d'}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 2, 4>} : (tensor<1x2x?x8xf32>) -> tensor<1x2x2x4xf32>
  return %0 : tensor<1x2x2x4xf32>
}
