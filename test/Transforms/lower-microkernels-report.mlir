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
