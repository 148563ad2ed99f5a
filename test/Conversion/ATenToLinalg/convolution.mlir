// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// groups == 1, static channels, kernel and output: zero padding, the bias broadcast into the accumulator, an
// im2col copy patches[n, c, kh, kw, oh, ow] = x[n, c, oh + kh, ow + kw], and a contraction of the weights [F, C*KH*KW]
// with the patches [N, C*KH*KW, OH*OW] into the accumulator [N, F, OH*OW] (NCHW, no transposes), which the GEMM
// microkernels take: A = the weights, shared by every image.
// CHECK-DAG: #[[$BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$PATCH:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4, d3 + d5)>
// CHECK-DAG: #[[$ID6:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
// CHECK-DAG: #[[$A:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[$B:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[$C:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @conv_bias
// CHECK-SAME: %[[X:.*]]: tensor<2x3x7x9xf32>, %[[W:.*]]: tensor<8x3x3x3xf32>, %[[B:.*]]: tensor<8xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:   tensor.yield %[[ZERO]] : f32
// CHECK: } : tensor<2x3x7x9xf32> to tensor<2x3x9x11xf32>
// CHECK: %[[B3:.*]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1, 2]] output_shape [8, 1, 1] : tensor<8xf32> into tensor<8x1x1xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x8x7x9xf32>
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$BIAS]], #[[$ID]]], {{.*}}} ins(%[[B3]] : tensor<8x1x1xf32>) outs(%[[EMPTY]] : tensor<2x8x7x9xf32>)
// CHECK: %[[PEMPTY:.*]] = tensor.empty() : tensor<2x3x3x3x7x9xf32>
// CHECK: %[[P6:.*]] = linalg.generic {indexing_maps = [#[[$PATCH]], #[[$ID6]]], {{.*}}} ins(%[[PAD]] : tensor<2x3x9x11xf32>) outs(%[[PEMPTY]] : tensor<2x3x3x3x7x9xf32>)
// CHECK: %[[P:.*]] = tensor.collapse_shape %[[P6]] {{\[\[}}0], [1, 2, 3], [4, 5]] : tensor<2x3x3x3x7x9xf32> into tensor<2x27x63xf32>
// CHECK: %[[W2:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<8x3x3x3xf32> into tensor<8x27xf32>
// CHECK: %[[ACC3:.*]] = tensor.collapse_shape %[[ACC]] {{\[\[}}0], [1], [2, 3]] : tensor<2x8x7x9xf32> into tensor<2x8x63xf32>
// CHECK: %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[W2]], %[[P]] : tensor<8x27xf32>, tensor<2x27x63xf32>) outs(%[[ACC3]] : tensor<2x8x63xf32>)
// CHECK:   arith.mulf
// CHECK:   arith.addf
// CHECK: } -> tensor<2x8x63xf32>
// CHECK: %[[OUT:.*]] = tensor.expand_shape %[[CONV]] {{\[\[}}0], [1], [2, 3]] output_shape [2, 8, 7, 9] : tensor<2x8x63xf32> into tensor<2x8x7x9xf32>
// CHECK: return %[[OUT]]
func.func @conv_bias(%x: tensor<2x3x7x9xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf32>) -> tensor<2x8x7x9xf32> {
  %0 = aten.convolution %x, %w bias(%b) {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<2x3x7x9xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<2x8x7x9xf32>
  return %0 : tensor<2x8x7x9xf32>
}

// -----

// A pointwise (1x1, stride 1, unpadded) convolution's patches are its input, reshaped: no copy.
// CHECK-LABEL: func.func @conv_pointwise
// CHECK-SAME: %[[X:.*]]: tensor<?x16x5x6xf32>, %[[W:.*]]: tensor<32x16x1x1xf32>
// CHECK-NOT: tensor.pad
// CHECK: %[[P:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1], [2, 3]] : tensor<?x16x5x6xf32> into tensor<?x16x30xf32>
// CHECK: %[[W2:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<32x16x1x1xf32> into tensor<32x16xf32>
// CHECK: linalg.generic {{.*}} ins(%[[W2]], %[[P]] : tensor<32x16xf32>, tensor<?x16x30xf32>) outs(%{{.*}} : tensor<?x32x30xf32>)
func.func @conv_pointwise(%x: tensor<?x16x5x6xf32>, %w: tensor<32x16x1x1xf32>) -> tensor<?x32x5x6xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<?x16x5x6xf32>, tensor<32x16x1x1xf32>) -> tensor<?x32x5x6xf32>
  return %0 : tensor<?x32x5x6xf32>
}

// -----

// Dynamic spatial sizes keep the direct convolution: a generic whose loops run (n, f, c, kh, kw, oh, ow), the
// output width innermost, so the loop vectorizes along contiguous rows (the named op's order puts the 1-7 long
// kw loop innermost; 82 ms -> 11 ms on a 64-channel 56x56 3x3).
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d5 * 2 + d3, d6 * 2 + d4)>
// CHECK-DAG: #[[$FILTER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d2, d3, d4)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d5, d6)>
// CHECK-LABEL: func.func @conv_direct_dynamic
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$FILTER]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "parallel", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<1x3x?x?xf32>, tensor<8x3x3x3xf32>) outs(%{{.*}} : tensor<1x8x?x?xf32>)
func.func @conv_direct_dynamic(%x: tensor<1x3x?x?xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x?x?xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x3x?x?xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x?x?xf32>
  return %0 : tensor<1x8x?x?xf32>
}

// -----

// groups > 1: channels and filters split into (groups, per-group) dims, linalg.conv_2d_ngchw_gfchw, the
// result collapsed back. Strides and dilations are expanded from single values.
// CHECK-LABEL: func.func @conv_groups
// CHECK-SAME: %[[X:.*]]: tensor<1x4x11x11xf32>, %[[W:.*]]: tensor<6x2x3x3xf32>
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 2, 2] high[0, 0, 2, 2]
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x6x6x6xf32>)
// CHECK: %[[X5:.*]] = tensor.expand_shape %[[PAD]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 2, 15, 15] : tensor<1x4x15x15xf32> into tensor<1x2x2x15x15xf32>
// CHECK: %[[W5:.*]] = tensor.expand_shape %[[W]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK: %[[ACC5:.*]] = tensor.expand_shape %[[INIT]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 3, 6, 6]
// CHECK: %[[CONV:.*]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<2> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[X5]], %[[W5]] : tensor<1x2x2x15x15xf32>, tensor<2x3x2x3x3xf32>) outs(%[[ACC5]] : tensor<1x2x3x6x6xf32>)
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %[[CONV]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x3x6x6xf32> into tensor<1x6x6x6xf32>
// CHECK: return %[[OUT]]
func.func @conv_groups(%x: tensor<1x4x11x11xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 2>, padding = array<i64: 2>, dilation = array<i64: 2>, transposed = false, output_padding = array<i64: 0>, groups = 2 : i64} : (tensor<1x4x11x11xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

// Depthwise (groups == C == F) with dynamic batch and spatial sizes: linalg.depthwise_conv_2d_nchw_chw; the
// output size is computed at run time and checked to be non-empty.
// CHECK-LABEL: func.func @conv_depthwise_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x3x?x?xf32>, %[[W:.*]]: tensor<3x1x3x3xf32>
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: } : tensor<?x3x?x?xf32> to tensor<?x3x?x?xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[PAD]], %{{.*}} : tensor<?x3x?x?xf32>
// CHECK: %[[H:.*]] = tensor.dim %[[PAD]], %{{.*}} : tensor<?x3x?x?xf32>
// CHECK: %[[FITS:.*]] = arith.cmpi sge, %[[H]], %{{.*}} : index
// CHECK: cf.assert %[[FITS]], "inductor: convolution kernel is larger than the padded input"
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]], %{{.*}}, %{{.*}}) : tensor<?x3x?x?xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x3x?x?xf32>)
// CHECK: %[[W3:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1], [2], [3]] : tensor<3x1x3x3xf32> into tensor<3x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PAD]], %[[W3]] : tensor<?x3x?x?xf32>, tensor<3x3x3xf32>) outs(%[[INIT]] : tensor<?x3x?x?xf32>)
func.func @conv_depthwise_dynamic(%x: tensor<?x3x?x?xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<?x3x?x?xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 3 : i64} : (tensor<?x3x?x?xf32>, tensor<3x1x3x3xf32>) -> tensor<?x3x?x?xf32>
  return %0 : tensor<?x3x?x?xf32>
}

// -----

// Depthwise with a channel multiplier (F = 2C) takes the grouped path.
// CHECK-LABEL: func.func @conv_depthwise_multiplier
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2], [3], [4]] output_shape [4, 2, 1, 3, 3] : tensor<8x1x3x3xf32> into tensor<4x2x1x3x3xf32>
// CHECK: linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x4x1x11x11xf32>, tensor<4x2x1x3x3xf32>) outs(%{{.*}} : tensor<1x4x2x5x5xf32>)
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x4x2x5x5xf32> into tensor<1x8x5x5xf32>
func.func @conv_depthwise_multiplier(%x: tensor<1x4x9x9xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x5x5xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 4 : i64} : (tensor<1x4x9x9xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// bf16, unbatched: the input gains a unit batch dim, the bf16 products accumulate in f32 (the generic
// extends its operands to the f32 accumulator) and the result is truncated back to bf16.
// CHECK-LABEL: func.func @conv_unbatched_bf16
// CHECK-SAME: %[[X:.*]]: tensor<3x5x5xbf16>, %[[W:.*]]: tensor<4x3x2x2xbf16>, %[[B:.*]]: tensor<4xbf16>
// CHECK: %[[X4:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1], [2], [3]] output_shape [1, 3, 5, 5] : tensor<3x5x5xbf16> into tensor<1x3x5x5xbf16>
// CHECK: %[[ACC:.*]] = linalg.generic
// CHECK: ^bb0(%[[IN:.*]]: bf16, %{{.*}}: f32):
// CHECK:   %[[EXT:.*]] = arith.extf %[[IN]] : bf16 to f32
// CHECK:   linalg.yield %[[EXT]] : f32
// CHECK: } -> tensor<1x4x4x4xf32>
// CHECK: linalg.generic {{.*}} ins(%[[X4]] : tensor<1x3x5x5xbf16>) outs(%{{.*}} : tensor<1x3x2x2x4x4xbf16>)
// CHECK: %[[PRODUCT:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x12xbf16>, tensor<1x12x16xbf16>) outs(%{{.*}} : tensor<1x4x16xf32>)
// CHECK:   arith.extf %{{.*}} : bf16 to f32
// CHECK:   arith.extf %{{.*}} : bf16 to f32
// CHECK: } -> tensor<1x4x16xf32>
// CHECK: %[[CONV:.*]] = tensor.expand_shape %[[PRODUCT]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 4, 4, 4]
// CHECK: %[[CAST:.*]] = linalg.generic {{.*}} ins(%[[CONV]] : tensor<1x4x4x4xf32>) outs(%{{.*}} : tensor<1x4x4x4xbf16>)
// CHECK:   arith.truncf %{{.*}} : f32 to bf16
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %[[CAST]] {{\[\[}}0, 1], [2], [3]] : tensor<1x4x4x4xbf16> into tensor<4x4x4xbf16>
// CHECK: return %[[OUT]]
func.func @conv_unbatched_bf16(%x: tensor<3x5x5xbf16>, %w: tensor<4x3x2x2xbf16>, %b: tensor<4xbf16>) -> tensor<4x4x4xbf16> {
  %0 = aten.convolution %x, %w bias(%b) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<3x5x5xbf16>, tensor<4x3x2x2xbf16>, tensor<4xbf16>) -> tensor<4x4x4xbf16>
  return %0 : tensor<4x4x4xbf16>
}

// -----

// A result type less static than the computed shape gets a tensor.cast.
// CHECK-LABEL: func.func @conv_cast_result
// CHECK: %[[CONV:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 2, 3, 3] : tensor<1x2x9xf32> into tensor<1x2x3x3xf32>
// CHECK: %[[CAST:.*]] = tensor.cast %[[CONV]] : tensor<1x2x3x3xf32> to tensor<?x2x?x3xf32>
// CHECK: return %[[CAST]]
func.func @conv_cast_result(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<?x2x?x3xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<?x2x?x3xf32>
  return %0 : tensor<?x2x?x3xf32>
}

// -----

// Stride 1, the padded rows (58 wide) adding little work: one contraction per kernel tap on windows of the
// padded input, no im2col copy. The input is padded with one extra zero row (the last windows read 2 elements
// past the padded rows) and flattened per channel; tap (kh, kw) reads the window of 56 * 58 elements (a
// multiple of 16 already) starting at kh * 58 + kw, with the weights transposed to [KH, KW, F, C] so that
// each tap's filters are a contiguous [F, C] matrix. The 9 contractions accumulate in turn into
// [N, F, 56 * 58], whose columns 56 and 57 of each row are dropped before the bias is added.
// CHECK-DAG: #[[$TAPS:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3, d0, d1)>
// CHECK-DAG: #[[$A:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[$B:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[$C:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @conv_taps
// CHECK-SAME: %[[X:.*]]: tensor<?x4x56x56xf32>, %[[W:.*]]: tensor<8x4x3x3xf32>
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x8x56x56xf32>)
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 2, 1]
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[PAD]] {{\[\[}}0], [1], [2, 3]] : tensor<?x4x59x58xf32> into tensor<?x4x3422xf32>
// CHECK: %[[TAPS:.*]] = linalg.generic {indexing_maps = [#[[$TAPS]], {{.*}}]{{.*}} ins(%[[W]] : tensor<8x4x3x3xf32>) outs(%{{.*}} : tensor<3x3x8x4xf32>)
// CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<?x8x3248xf32>
// CHECK: %[[B0:.*]] = tensor.extract_slice %[[FLAT]][0, 0, 0] [%{{.*}}, 4, 3248] [1, 1, 1]
// CHECK: %[[A0:.*]] = tensor.extract_slice %[[TAPS]][0, 0, 0, 0] [1, 1, 8, 4] [1, 1, 1, 1] : tensor<3x3x8x4xf32> to tensor<8x4xf32>
// CHECK: %[[P0:.*]] = linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]], {{.*}}} ins(%[[A0]], %[[B0]] : {{.*}}) outs(%[[ZERO]] : tensor<?x8x3248xf32>)
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 1]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 2]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 58]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 59]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 60]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 116]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 117]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 118]
// CHECK: %[[P8:.*]] = linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]]
// CHECK-NOT: linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]]
// CHECK: %[[ROWS:.*]] = tensor.expand_shape %[[P8]] {{\[\[}}0], [1], [2, 3]] output_shape [%{{.*}}, 8, 56, 58]
// CHECK: %[[VALID:.*]] = tensor.extract_slice %[[ROWS]][0, 0, 0, 0] [%{{.*}}, 8, 56, 56] [1, 1, 1, 1]
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[ACC]], %[[VALID]] : tensor<?x8x56x56xf32>, tensor<?x8x56x56xf32>)
// CHECK: arith.addf
// CHECK: return %[[OUT]]
func.func @conv_taps(%x: tensor<?x4x56x56xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>) -> tensor<?x8x56x56xf32> {
  %0 = aten.convolution %x, %w bias(%b) {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<?x4x56x56xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<?x8x56x56xf32>
  return %0 : tensor<?x8x56x56xf32>
}

// -----

// Windows rounded up to 16 elements: 28 * 30 = 840 -> 848, the last 8 columns computed into the tail of the
// accumulator and dropped with it. Zero rows below the padded input hold what the last window reads once
// grown to 64-column panels (896 elements, 2 + 56 past the padded rows: two rows).
// CHECK-LABEL: func.func @conv_taps_window_tail
// CHECK: %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 3, 1]
// CHECK: tensor.collapse_shape %[[PAD]] {{\[\[}}0], [1], [2, 3]] : tensor<1x4x32x30xf32> into tensor<1x4x960xf32>
// CHECK: linalg.fill {{.*}} -> tensor<1x8x848xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 62] [1, 4, 848] [1, 1, 1]
// CHECK: %[[P:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x8x848xf32>)
// CHECK: } -> tensor<1x8x848xf32>
// CHECK-NEXT: %[[HEAD:.*]] = tensor.extract_slice %[[P]][0, 0, 0] [1, 8, 840] [1, 1, 1]
// CHECK-NEXT: tensor.expand_shape %[[HEAD]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 8, 28, 30]
func.func @conv_taps_window_tail(%x: tensor<1x4x28x28xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x28x28xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x4x28x28xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x28x28xf32>
  return %0 : tensor<1x8x28x28xf32>
}

// -----

// No taps where the padding's columns would add more than 1/12 to the work (14x14: 14 * 16 = 224, +14 %) or
// at stride 2: the im2col copy stays.
// CHECK-LABEL: func.func @conv_no_taps
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x4x3x3x14x14xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x4x3x3x14x14xf32>)
func.func @conv_no_taps(%x: tensor<1x4x14x14xf32>, %y: tensor<1x4x28x28xf32>, %w: tensor<8x4x3x3xf32>) -> (tensor<1x8x14x14xf32>, tensor<1x8x14x14xf32>) {
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x4x14x14xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x14x14xf32>
  %1 = aten.convolution %y, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x4x28x28xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x14x14xf32>
  return %0, %1 : tensor<1x8x14x14xf32>, tensor<1x8x14x14xf32>
}

// -----

// Constant (frozen) weights are transposed to [KH, KW, F, C] at compile time: w[f, 0, kh, kw] = 9f + 3kh + kw
// becomes taps[kh, kw, f, 0], and no transposing generic runs at each call.
// CHECK-LABEL: func.func @conv_taps_constant_weight
// CHECK: %[[TAPS:.*]] = arith.constant dense<{{\[\[\[\[}}0.000000e+00], [9.000000e+00]], {{\[\[}}1.000000e+00], [1.000000e+01]], {{\[\[}}2.000000e+00], [1.100000e+01]]], {{\[\[\[}}3.000000e+00], [1.200000e+01]]{{.*}} : tensor<3x3x2x1xf32>
// CHECK-NOT: tensor<3x3x2x1xf32>) {
// CHECK: tensor.extract_slice %[[TAPS]][0, 0, 0, 0] [1, 1, 2, 1] [1, 1, 1, 1] : tensor<3x3x2x1xf32> to tensor<2x1xf32>
func.func @conv_taps_constant_weight(%x: tensor<1x1x56x56xf32>) -> tensor<1x2x56x56xf32> {
  %w = arith.constant dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]], [[[9.0, 10.0, 11.0], [12.0, 13.0, 14.0], [15.0, 16.0, 17.0]]]]> : tensor<2x1x3x3xf32>
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x1x56x56xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x56x56xf32>
  return %0 : tensor<1x2x56x56xf32>
}

// -----

// Stride 2: the padded input (planes of 30 rows of 29, one zero row and two more below for the windows grown
// to 64-column panels) splits into 2 x 2 phase planes [N, C, 2, 2, 30, 29], plane (a, b) holding the rows
// 2i + a and columns 2j + b; tap (kh, kw) reads plane (kh % 2, kw % 2) from row kh / 2 and column kw / 2, a
// window of the flattened planes (each plane 870 elements) of 28 * 29 = 812 -> 816 elements.
// CHECK-DAG: #[[PHASE:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4 * 2 + d2, d5 * 2 + d3)>
// CHECK-LABEL: func.func @conv_taps_stride2
// CHECK: %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 3, 1]
// CHECK: } : tensor<1x16x56x56xf32> to tensor<1x16x60x58xf32>
// CHECK: %[[PLANES:.*]] = linalg.generic {indexing_maps = [#[[PHASE]], #{{.*}}], {{.*}} ins(%[[PAD]] : tensor<1x16x60x58xf32>) outs(%{{.*}} : tensor<1x16x2x2x30x29xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[PLANES]] {{\[\[}}0], [1], [2, 3, 4, 5]] : tensor<1x16x2x2x30x29xf32> into tensor<1x16x3480xf32>
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 0] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 870] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 1] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 1740] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 2610] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 1741] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 29] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 899] [1, 16, 816]
// CHECK: tensor.extract_slice %[[FLAT]][0, 0, 30] [1, 16, 816]
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0] [1, 8, 812]
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1], [2, 3]] output_shape [1, 8, 28, 29]
func.func @conv_taps_stride2(%x: tensor<1x16x56x56xf32>, %w: tensor<8x16x3x3xf32>) -> tensor<1x8x28x28xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x16x56x56xf32>, tensor<8x16x3x3xf32>) -> tensor<1x8x28x28xf32>
  return %0 : tensor<1x8x28x28xf32>
}

// -----

// The 3-channel stem (7x7, stride 2) keeps its gather into panels: a tap's contraction over 3 channels would
// not pay.
// CHECK-LABEL: func.func @conv_stem_stride2_no_taps
// CHECK-NOT: tensor<1x3x2x2x
// CHECK: linalg.generic
func.func @conv_stem_stride2_no_taps(%x: tensor<1x3x64x64xf32>, %w: tensor<8x3x7x7xf32>) -> tensor<1x8x32x32xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 3, 3>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x3x64x64xf32>, tensor<8x3x7x7xf32>) -> tensor<1x8x32x32xf32>
  return %0 : tensor<1x8x32x32xf32>
}
