// RUN: inductor-opt %s | inductor-opt | FileCheck %s

// Result shapes follow PyTorch's output-size formulas; every op here verifies and round-trips.

// CHECK-LABEL: func.func @conv_bias
// CHECK: aten.convolution %{{.*}}, %{{.*}} bias(%{{.*}}) {dilation = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, padding = array<i64: 1, 1>, stride = array<i64: 1, 1>, transposed = false} : (tensor<2x3x7x9xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<2x8x7x9xf32>
func.func @conv_bias(%x: tensor<2x3x7x9xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf32>) -> tensor<2x8x7x9xf32> {
  %0 = aten.convolution %x, %w bias(%b) {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<2x3x7x9xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<2x8x7x9xf32>
  return %0 : tensor<2x8x7x9xf32>
}

// Single-value lists apply to both dims: (11 + 2*2 - 2*(3-1) - 1) / 2 + 1 = 6.
// CHECK-LABEL: func.func @conv_stride_dilation_groups
// CHECK: aten.convolution %{{.*}}, %{{.*}} {{{.*}}groups = 2 : i64{{.*}}} : (tensor<1x4x11x11xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
func.func @conv_stride_dilation_groups(%x: tensor<1x4x11x11xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 2>, padding = array<i64: 2>, dilation = array<i64: 2>, transposed = false, output_padding = array<i64: 0>, groups = 2 : i64} : (tensor<1x4x11x11xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// CHECK-LABEL: func.func @conv_unbatched_bf16
// CHECK: aten.convolution {{.*}} : (tensor<3x5x5xbf16>, tensor<4x3x2x2xbf16>) -> tensor<4x4x4xbf16>
func.func @conv_unbatched_bf16(%x: tensor<3x5x5xbf16>, %w: tensor<4x3x2x2xbf16>) -> tensor<4x4x4xbf16> {
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<3x5x5xbf16>, tensor<4x3x2x2xbf16>) -> tensor<4x4x4xbf16>
  return %0 : tensor<4x4x4xbf16>
}

// Dynamic batch and spatial sizes.
// CHECK-LABEL: func.func @conv_dynamic
// CHECK: aten.convolution {{.*}} : (tensor<?x3x?x?xf32>, tensor<3x1x3x3xf32>) -> tensor<?x3x?x?xf32>
func.func @conv_dynamic(%x: tensor<?x3x?x?xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<?x3x?x?xf32> {
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 3 : i64} : (tensor<?x3x?x?xf32>, tensor<3x1x3x3xf32>) -> tensor<?x3x?x?xf32>
  return %0 : tensor<?x3x?x?xf32>
}

// Default stride (= kernel), padding and dilation.
// CHECK-LABEL: func.func @max_pool_defaults
// CHECK: aten.max_pool2d %{{.*}} {kernel_size = array<i64: 2, 2>} : (tensor<1x3x7x7xf32>) -> tensor<1x3x3x3xf32>
func.func @max_pool_defaults(%x: tensor<1x3x7x7xf32>) -> tensor<1x3x3x3xf32> {
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2, 2>} : (tensor<1x3x7x7xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

// ceil_mode: (7 + 2 - 3 + 1) / 2 + 1 = 4; the last window starts at 6 < 7 + 1.
// CHECK-LABEL: func.func @max_pool_ceil
// CHECK: aten.max_pool2d %{{.*}} {ceil_mode = true, kernel_size = array<i64: 3>, padding = array<i64: 1>, stride = array<i64: 2>} : (tensor<2x7x7xi64>) -> tensor<2x4x4xi64>
func.func @max_pool_ceil(%x: tensor<2x7x7xi64>) -> tensor<2x4x4xi64> {
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>, ceil_mode = true} : (tensor<2x7x7xi64>) -> tensor<2x4x4xi64>
  return %0 : tensor<2x4x4xi64>
}

// CHECK-LABEL: func.func @max_pool_dilation_dynamic
// CHECK: aten.max_pool2d {{.*}} : (tensor<?x4x?x?xbf16>) -> tensor<?x4x?x?xbf16>
func.func @max_pool_dilation_dynamic(%x: tensor<?x4x?x?xbf16>) -> tensor<?x4x?x?xbf16> {
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 3, 2>, stride = array<i64: 1, 2>, padding = array<i64: 1, 0>, dilation = array<i64: 2, 1>} : (tensor<?x4x?x?xbf16>) -> tensor<?x4x?x?xbf16>
  return %0 : tensor<?x4x?x?xbf16>
}

// CHECK-LABEL: func.func @avg_pool
// CHECK: aten.avg_pool2d %{{.*}} {ceil_mode = true, count_include_pad = false, divisor_override = 5 : i64, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32>
func.func @avg_pool(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32> {
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode = true, count_include_pad = false, divisor_override = 5 : i64} : (tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool
// CHECK: aten.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 1, 1>} : (tensor<?x16x?x?xf32>) -> tensor<?x16x1x1xf32>
func.func @adaptive_avg_pool(%x: tensor<?x16x?x?xf32>) -> tensor<?x16x1x1xf32> {
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : (tensor<?x16x?x?xf32>) -> tensor<?x16x1x1xf32>
  return %0 : tensor<?x16x1x1xf32>
}
