// RUN: inductor-opt %s -split-input-file -verify-diagnostics

func.func @conv_transposed(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error @+1 {{transposed convolution is not supported}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = true, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_1d(%x: tensor<1x2x5xf32>, %w: tensor<2x2x3xf32>) -> tensor<1x2x3xf32> {
  // expected-error @+1 {{only 2-D convolution is supported: expected a 4-D weight (F, C/groups, kH, kW), got rank 3}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5xf32>, tensor<2x2x3xf32>) -> tensor<1x2x3xf32>
  return %0 : tensor<1x2x3xf32>
}

// -----

func.func @conv_input_rank(%x: tensor<1x1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected 'input' to be 3-D (unbatched C,H,W) or 4-D (N,C,H,W), got rank 5}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_int(%x: tensor<1x2x5x5xi32>, %w: tensor<2x2x3x3xi32>) -> tensor<1x2x3x3xi32> {
  // expected-error @+1 {{expected a floating-point input, got 'i32'}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xi32>, tensor<2x2x3x3xi32>) -> tensor<1x2x3x3xi32>
  return %0 : tensor<1x2x3x3xi32>
}

// -----

func.func @conv_mixed_dtype(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xbf16>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected input and weight of the same dtype, got 'f32' and 'bf16'}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xbf16>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_stride_length(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected 'stride' to have 1 or 2 values, got 3}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1, 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_output_padding_length(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected 'output_padding' to have at most 2 values, got 3}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0, 0, 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_zero_stride(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected 'stride' values to be positive, got 0}}
  %0 = aten.convolution %x, %w {stride = array<i64: 0>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_negative_padding(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32> {
  // expected-error @+1 {{expected 'padding' values to be non-negative, got -1}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: -1>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

// -----

func.func @conv_zero_dilation(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected 'dilation' values to be positive, got 0}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 0, 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_zero_groups(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected 'groups' to be positive, got 0}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 0 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_filters_not_divisible(%x: tensor<1x4x5x5xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x3x3xf32> {
  // expected-error @+1 {{expected the number of filters (3) to be divisible by groups (2)}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

// -----

func.func @conv_channels_not_divisible(%x: tensor<1x3x5x5xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<1x4x3x3xf32> {
  // expected-error @+1 {{expected the input channels (3) to be divisible by groups (2)}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 2 : i64} : (tensor<1x3x5x5xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

func.func @conv_channel_mismatch(%x: tensor<1x4x5x5xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  // expected-error @+1 {{expected weight dim 1 (4) times groups (2) to equal the input channels (4)}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

func.func @conv_bias_rank(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>, %b: tensor<2x1xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected a 1-D bias, got rank 2}}
  %0 = aten.convolution %x, %w bias(%b) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>, tensor<2x1xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_bias_size(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected a bias of 2 elements (one per filter), got 3}}
  %0 = aten.convolution %x, %w bias(%b) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>, tensor<3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_bias_int(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>, %b: tensor<2xi64>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{expected a floating-point bias, got 'i64'}}
  %0 = aten.convolution %x, %w bias(%b) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>, tensor<2xi64>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32> {
  // expected-error @+1 {{dilated kernel size 7 is larger than the padded input size 5 along spatial dim 0}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 3>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

// -----

func.func @conv_result_shape(%x: tensor<1x2x5x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x4x3xf32> {
  // expected-error @+1 {{result type 'tensor<1x2x4x3xf32>' does not match the PyTorch semantics of its operands: expected tensor<1x2x3x3xf32>}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x4x3xf32>
  return %0 : tensor<1x2x4x3xf32>
}

// -----

func.func @max_pool_rank(%x: tensor<5x5xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{expected 'self' to be 3-D (unbatched C,H,W) or 4-D (N,C,H,W), got rank 2}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>} : (tensor<5x5xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @max_pool_bool(%x: tensor<1x4x4xi1>) -> tensor<1x2x2xi1> {
  // expected-error @+1 {{max_pool2d is not defined for bool (i1) tensors}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>} : (tensor<1x4x4xi1>) -> tensor<1x2x2xi1>
  return %0 : tensor<1x2x2xi1>
}

// -----

func.func @max_pool_kernel_length(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'kernel_size' to have 1 or 2 values, got 0}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool_zero_kernel(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'kernel_size' values to be positive, got 0}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2, 0>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool_stride_length(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'stride' to have 1 or 2 values (or none), got 3}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>, stride = array<i64: 2, 2, 2>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool_padding_length(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'padding' to have 1 or 2 values, got 0}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>, padding = array<i64>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool_zero_stride(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'stride' values to be positive, got 0}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>, stride = array<i64: 0>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool_negative_padding(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'padding' values to be non-negative, got -1}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>, padding = array<i64: -1>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool_zero_dilation(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'dilation' values to be positive, got 0}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>, dilation = array<i64: 0>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool_padding_too_large(%x: tensor<1x1x9x9xf32>) -> tensor<1x1x11x11xf32> {
  // expected-error @+1 {{expected padding to be at most half of the kernel size, got padding 2 for kernel size 3}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 3>, stride = array<i64: 1>, padding = array<i64: 2>, dilation = array<i64: 2>} : (tensor<1x1x9x9xf32>) -> tensor<1x1x11x11xf32>
  return %0 : tensor<1x1x11x11xf32>
}

// -----

func.func @max_pool_output_too_small(%x: tensor<2x5x5xf32>) -> tensor<2x0x0xf32> {
  // expected-error @+1 {{computed output size 0x0 for input size 5x5 is too small (the kernel does not fit the padded input)}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 6>} : (tensor<2x5x5xf32>) -> tensor<2x0x0xf32>
  return %0 : tensor<2x0x0xf32>
}

// -----

func.func @max_pool_result_shape(%x: tensor<1x1x7x7xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error @+1 {{result type 'tensor<1x1x3x3xf32>' does not match the PyTorch semantics of its operands: expected tensor<1x1x4x4xf32>}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>, ceil_mode = true} : (tensor<1x1x7x7xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @avg_pool_int32(%x: tensor<1x1x4x4xi32>) -> tensor<1x1x2x2xi32> {
  // expected-error @+1 {{avg_pool2d is defined for floating-point and i64 tensors only, got 'i32'}}
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 2>} : (tensor<1x1x4x4xi32>) -> tensor<1x1x2x2xi32>
  return %0 : tensor<1x1x2x2xi32>
}

// -----

func.func @avg_pool_zero_divisor(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected a non-zero 'divisor_override'}}
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 2>, divisor_override = 0 : i64} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @avg_pool_padding_too_large(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error @+1 {{expected padding to be at most half of the kernel size, got padding 2 for kernel size 3}}
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 3>, padding = array<i64: 1, 2>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @avg_pool_result_shape(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{result type 'tensor<1x1x4x4xf32>' does not match the PyTorch semantics of its operands: expected tensor<1x1x5x5xf32>}}
  %0 = aten.avg_pool2d %x {kernel_size = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>, ceil_mode = true} : (tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @adaptive_rank(%x: tensor<4x4xf32>) -> tensor<1x1xf32> {
  // expected-error @+1 {{expected 'self' to be 3-D (unbatched C,H,W) or 4-D (N,C,H,W), got rank 2}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : (tensor<4x4xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

func.func @adaptive_int(%x: tensor<1x4x4xi64>) -> tensor<1x1x1xi64> {
  // expected-error @+1 {{adaptive_avg_pool2d is defined for floating-point tensors only, got 'i64'}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : (tensor<1x4x4xi64>) -> tensor<1x1x1xi64>
  return %0 : tensor<1x1x1xi64>
}

// -----

func.func @adaptive_output_size_length(%x: tensor<1x4x4xf32>) -> tensor<1x1x1xf32> {
  // expected-error @+1 {{expected 'output_size' to have 2 values, got 1}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 1>} : (tensor<1x4x4xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

func.func @adaptive_negative_output_size(%x: tensor<1x4x4xf32>) -> tensor<1x1x1xf32> {
  // expected-error @+1 {{expected 'output_size' values to be non-negative, got -1}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: -1, 1>} : (tensor<1x4x4xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

func.func @adaptive_empty_input(%x: tensor<1x4x0xf32>) -> tensor<1x1x1xf32> {
  // expected-error @+1 {{expected non-empty channel and spatial dims, got size 0 at dim 2}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : (tensor<1x4x0xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

func.func @adaptive_result_shape(%x: tensor<2x4x6x6xf32>) -> tensor<2x4x3x2xf32> {
  // expected-error @+1 {{result type 'tensor<2x4x3x2xf32>' does not match the PyTorch semantics of its operands: expected tensor<2x4x3x3xf32>}}
  %0 = aten.adaptive_avg_pool2d %x {output_size = array<i64: 3, 3>} : (tensor<2x4x6x6xf32>) -> tensor<2x4x3x2xf32>
  return %0 : tensor<2x4x3x2xf32>
}

// -----

func.func @unsupported_element_type(%x: tensor<1x1x4x4xf8E4M3FN>) -> tensor<1x1x2x2xf8E4M3FN> {
  // expected-error @+1 {{operand #0 has unsupported element type 'f8E4M3FN'}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>} : (tensor<1x1x4x4xf8E4M3FN>) -> tensor<1x1x2x2xf8E4M3FN>
  return %0 : tensor<1x1x2x2xf8E4M3FN>
}

// -----

func.func @max_pool_dilation_length(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{expected 'dilation' to have 1 or 2 values, got 0}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 2>, dilation = array<i64>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

// Found by fuzzing: huge padding / dilation / kernel sizes overflowed the output-size arithmetic.
func.func @conv_padding_overflow(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+1 {{the padded input or dilated kernel size along spatial dim 0 overflows int64}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 4611686018427387904>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x?x?xf32>
  return
}

// -----

func.func @conv_dilation_overflow(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+1 {{the padded input or dilated kernel size along spatial dim 0 overflows int64}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 4611686018427387904>, transposed = false, output_padding = array<i64>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x?x?xf32>
  return
}

// -----

func.func @conv_huge_result(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+1 {{the result tensor<1x1x6148914691236517206x6148914691236517206xf32> is too large: its storage size in bytes overflows int64}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 3074457345618258602>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x?x?xf32>
  return
}

// -----

func.func @conv_zero_kernel(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x0x0xf32>) {
  // expected-error @+1 {{kernel size should be greater than zero}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x0x0xf32>) -> tensor<1x1x5x5xf32>
  return
}

// -----

func.func @conv_negative_output_padding(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+1 {{negative output_padding is not supported}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: -5, 7>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
  return
}

// -----

func.func @max_pool_kernel_overflow(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{the padded input or dilated kernel size along spatial dim 0 overflows int64}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 9223372036854775807>, padding = array<i64: 4611686018427387903>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x?x?xf32>
  return
}

// -----

func.func @max_pool_huge_stride_ceil(%x: tensor<1x1x4x4xf32>) {
  // A stride near INT64_MAX with ceil_mode must not overflow: one window.
  // expected-error @+1 {{expected tensor<1x1x1x1xf32>}}
  %0 = aten.max_pool2d %x {kernel_size = array<i64: 4>, stride = array<i64: 9223372036854775807>, padding = array<i64: 2>, ceil_mode = true} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return
}
