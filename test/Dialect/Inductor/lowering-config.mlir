// RUN: inductor-opt %s | inductor-opt | FileCheck %s
// The lowering config prints back as it was written, for each microkernel kind (amx_int8 included), on a named contraction, on
// a linalg.generic and as a plain (non-discardable) attribute value.

// CHECK-LABEL: func.func @amx
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 256, 512], registers = [32, 32]>}
func.func @amx(%a: tensor<64x512xbf16>, %b: tensor<512x256xbf16>, %c: tensor<64x256xf32>) -> tensor<64x256xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 256, 512], registers = [32, 32]>}
      ins(%a, %b : tensor<64x512xbf16>, tensor<512x256xbf16>) outs(%c : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %0 : tensor<64x256xf32>
}

// The largest FMA register tiles the zmm budget allows (accumulators + B vectors = 31).
// CHECK-LABEL: func.func @fma
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [128, 64, 256], registers = [8, 32]>}
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [30, 16, 7], registers = [30, 16]>}
func.func @fma(%a: tensor<128x256xf32>, %b: tensor<256x64xf32>, %c: tensor<128x64xf32>) -> tensor<128x64xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [128, 64, 256], registers = [8, 32]>}
      ins(%a, %b : tensor<128x256xf32>, tensor<256x64xf32>) outs(%c : tensor<128x64xf32>) -> tensor<128x64xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [30, 16, 7], registers = [30, 16]>}
      ins(%a, %b : tensor<128x256xf32>, tensor<256x64xf32>) outs(%0 : tensor<128x64xf32>) -> tensor<128x64xf32>
  return %1 : tensor<128x64xf32>
}

// AVX2: 6x16 is 12 ymm accumulators + 2 B vectors + the broadcast A, the whole 16-register budget.
// CHECK-LABEL: func.func @avx2_fma
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [96, 64, 256], registers = [6, 16]>}
func.func @avx2_fma(%a: tensor<128x256xf32>, %b: tensor<256x64xf32>, %c: tensor<128x64xf32>) -> tensor<128x64xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [96, 64, 256], registers = [6, 16]>}
      ins(%a, %b : tensor<128x256xf32>, tensor<256x64xf32>) outs(%c : tensor<128x64xf32>) -> tensor<128x64xf32>
  return %0 : tensor<128x64xf32>
}

// CHECK-LABEL: func.func @amx_int8
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [32, 16, 128], registers = [32, 16]>}
func.func @amx_int8(%a: tensor<32x128xi8>, %b: tensor<128x16xi8>, %c: tensor<32x16xi32>) -> tensor<32x16xi32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [32, 16, 128], registers = [32, 16]>}
      ins(%a, %b : tensor<32x128xi8>, tensor<128x16xi8>) outs(%c : tensor<32x16xi32>) -> tensor<32x16xi32>
  return %0 : tensor<32x16xi32>
}

// CHECK-LABEL: func.func @generic
// CHECK: linalg.generic
// CHECK-SAME: inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @generic(%a: tensor<4x8xf16>, %b: tensor<8x4xf16>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<4x8xf16>, tensor<8x4xf16>) outs(%c : tensor<4x4xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>} {
  ^bb0(%x: f16, %y: f16, %o: f32):
    %xf = arith.extf %x : f16 to f32
    %yf = arith.extf %y : f16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// Under a name outside the inductor namespace the config is an ordinary attribute value; the microkernel
// kind enum has its own attribute too.
// CHECK-LABEL: func.func @values
// CHECK-SAME: kernel = #inductor.microkernel<avx512_fma>
// CHECK-SAME: strategy = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>
func.func @values() attributes {strategy = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>,
                                kernel = #inductor.microkernel<avx512_fma>} {
  return
}
