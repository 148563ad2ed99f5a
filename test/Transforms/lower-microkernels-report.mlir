// The fusion report (inductor-lower-microkernels{report=true}, pipeline option fusion-report): one remark per
// contraction, at its source location, naming the kernel and what fused into it or why not.
// RUN: inductor-opt %s -split-input-file -verify-diagnostics -o /dev/null \
// RUN:   --inductor-lower-to-llvm="fusion-report=true isa=avx512 num-threads=2"

// Bias and GELU fuse into the f32 kernel; the zero fill is dropped.
func.func @linear_gelu(%x: tensor<128x64xf32>, %w: tensor<256x64xf32>, %b: tensor<256xf32>) -> tensor<128x256xf32> {
  // expected-remark @+1 {{inductor-lower-microkernels: avx512_fma kernel; zero fill dropped; epilogue fused: loc(}}
  %0 = aten.linear %x, %w bias(%b) : (tensor<128x64xf32>, tensor<256x64xf32>, tensor<256xf32>) -> tensor<128x256xf32>
  %1 = aten.gelu %0 : (tensor<128x256xf32>) -> tensor<128x256xf32>
  return %1 : tensor<128x256xf32>
}

// -----

// A product that is the function's result has nothing to fuse (its deallocation-free return follows).
func.func @returned(%x: tensor<128x64xf32>, %w: tensor<64x32xf32>) -> tensor<128x32xf32> {
  // expected-remark @+1 {{inductor-lower-microkernels: avx512_fma kernel; zero fill dropped; epilogue not fused: nothing after the contraction in its block touches memory}}
  %0 = aten.mm %x, %w : (tensor<128x64xf32>, tensor<64x32xf32>) -> tensor<128x32xf32>
  return %0 : tensor<128x32xf32>
}

// -----

// Two readers of the product: the first one fuses (the second runs after the whole kernel, on the same C).
func.func @two_readers(%x: tensor<128x64xf32>, %w: tensor<64x64xf32>) -> (tensor<128x64xf32>, tensor<128x64xf32>) {
  // expected-remark @+1 {{epilogue fused: loc(}}
  %0 = aten.mm %x, %w : (tensor<128x64xf32>, tensor<64x64xf32>) -> tensor<128x64xf32>
  %1 = aten.relu %0 : (tensor<128x64xf32>) -> tensor<128x64xf32>
  %2 = aten.sigmoid %0 : (tensor<128x64xf32>) -> tensor<128x64xf32>
  return %1, %2 : tensor<128x64xf32>, tensor<128x64xf32>
}

// -----

// Two convolutions with outputs of one shape: CSE shares their zero fill, inductor-unshare-fills gives each
// its own again, so both kernels drop it; each C is the [n, c, h * w] view of its [n, c, h, w] result, and
// the ReLU after it fuses through that view.
func.func @two_convolutions(%x: tensor<1x16x8x8xf32>, %w1: tensor<16x16x1x1xf32>, %w2: tensor<16x16x3x3xf32>)
    -> tensor<1x16x8x8xf32> {
  // expected-remark @+1 {{inductor-lower-microkernels: avx512_fma kernel; zero fill dropped; epilogue fused: loc(}}
  %0 = aten.convolution %x, %w1 {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x16x8x8xf32>, tensor<16x16x1x1xf32>) -> tensor<1x16x8x8xf32>
  %1 = aten.relu %0 : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  // expected-remark @+1 {{inductor-lower-microkernels: avx512_fma kernel; zero fill dropped; epilogue fused: loc(}}
  %2 = aten.convolution %1, %w2 {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  %3 = aten.sigmoid %2 : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %3 : tensor<1x16x8x8xf32>
}

// -----

// A convolution whose result is returned: C is the [n, c, h * w] view of the returned buffer. Its zero fill
// still moves into the kernel (the caller sees C only after the function); there is no epilogue.
func.func @returned_convolution(%x: tensor<1x3x20x36xf32>, %w: tensor<8x3x5x5xf32>) -> tensor<1x8x8x16xf32> {
  // expected-remark @+1 {{inductor-lower-microkernels: avx512_fma kernel; zero fill dropped; epilogue not fused: C is returned}}
  %0 = aten.convolution %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x3x20x36xf32>, tensor<8x3x5x5xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// -----

// A stride-1 3x3 convolution on 28x28 maps runs as one contraction per kernel tap on windows of its padded
// input (buildConv2DAsTapContractions): the nine accumulate into one C, as one kernel.
func.func @conv3x3_taps(%x: tensor<1x16x28x28xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<1x16x28x28xf32> {
  // expected-remark @+1 {{inductor-lower-microkernels: avx512_fma kernel of 9 contractions into one C (taps); zero fill dropped; epilogue not fused}}
  %0 = aten.convolution %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x16x28x28xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x28x28xf32>
  return %0 : tensor<1x16x28x28xf32>
}
