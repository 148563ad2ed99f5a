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

// The dot-product kinds: the chosen blocking (8x32, kc a multiple of 32 bf16 / 64 int8), and the largest tiles
// the zmm budget allows (30x16: 30 accumulators + 1 B vector + the broadcast A group; decode 1x240: 15 + 15 + 1).
// CHECK-LABEL: func.func @dot_bf16
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [128, 1024, 512], registers = [8, 32]>}
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [30, 16, 32], registers = [30, 16]>}
func.func @dot_bf16(%a: tensor<128x512xbf16>, %b: tensor<512x1024xbf16>, %c: tensor<128x1024xf32>) -> tensor<128x1024xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [128, 1024, 512], registers = [8, 32]>}
      ins(%a, %b : tensor<128x512xbf16>, tensor<512x1024xbf16>) outs(%c : tensor<128x1024xf32>) -> tensor<128x1024xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [30, 16, 32], registers = [30, 16]>}
      ins(%a, %b : tensor<128x512xbf16>, tensor<512x1024xbf16>) outs(%0 : tensor<128x1024xf32>) -> tensor<128x1024xf32>
  return %1 : tensor<128x1024xf32>
}

// CHECK-LABEL: func.func @dot_int8
// CHECK: linalg.generic
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [40, 32, 128], registers = [8, 32]>}
// CHECK: linalg.generic
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [1, 240, 64], registers = [1, 240]>}
#dma = affine_map<(m, n, k) -> (m, k)>
#dmb = affine_map<(m, n, k) -> (k, n)>
#dmc = affine_map<(m, n, k) -> (m, n)>
func.func @dot_int8(%a: tensor<40x128xi8>, %b: tensor<128x32xi8>, %c: tensor<40x32xi32>, %a1: tensor<1x64xi8>, %b1: tensor<64x240xi8>, %c1: tensor<1x240xi32>) -> (tensor<40x32xi32>, tensor<1x240xi32>) {
  %0 = linalg.generic {indexing_maps = [#dma, #dmb, #dmc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x128xi8>, tensor<128x32xi8>) outs(%c : tensor<40x32xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [40, 32, 128], registers = [8, 32]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<40x32xi32>
  %1 = linalg.generic {indexing_maps = [#dma, #dmb, #dmc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a1, %b1 : tensor<1x64xi8>, tensor<64x240xi8>) outs(%c1 : tensor<1x240xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [1, 240, 64], registers = [1, 240]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<1x240xi32>
  return %0, %1 : tensor<40x32xi32>, tensor<1x240xi32>
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

// The dot kinds' enum values print by name too.
// CHECK-LABEL: func.func @dot_values
// CHECK-SAME: bf16 = #inductor.microkernel<avx512_bf16>
// CHECK-SAME: int8 = #inductor.microkernel<avx512_vnni>
// CHECK-SAME: pairs = #inductor.microkernel<avx2_int8>
// CHECK-SAME: wide = #inductor.lowering_config<kind = avx2_int8, cache = [6, 16, 32], registers = [6, 16]>
func.func @dot_values() attributes {bf16 = #inductor.microkernel<avx512_bf16>, int8 = #inductor.microkernel<avx512_vnni>,
                                    pairs = #inductor.microkernel<avx2_int8>,
                                    wide = #inductor.lowering_config<kind = avx2_int8, cache = [6, 16, 32], registers = [6, 16]>} {
  return
}
