// RUN: inductor-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(inductor-pack-contractions))'
// A microkernel config that inductor-pack-contractions cannot obey is an error, not silently ignored.

// A config on an elementwise op: no M, N, K.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @not_contraction(%a: tensor<8x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{inductor-pack-contractions: a 'avx512_fma' lowering config needs a contraction with one M, N and K dimension (and batch dims) whose operands are A[batch, m, k], B[batch, k, n] or B[batch, n, k], C[batch, m, n]}}
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<8x32xf32>) outs(%c : tensor<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>} {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %x, %o : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// A matvec has no N dimension.
func.func @matvec(%a: tensor<8x64xbf16>, %b: tensor<64xbf16>, %c: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{inductor-pack-contractions: a 'amx_bf16' lowering config needs a contraction with one M, N and K dimension}}
  %0 = linalg.matvec {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 64], registers = [16, 16]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<64xbf16>) outs(%c : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// A transposed A is not a supported operand layout.
func.func @transposed_a(%a: tensor<64x8xf32>, %b: tensor<64x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{inductor-pack-contractions: a 'avx512_fma' lowering config needs a contraction with one M, N and K dimension}}
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
      ins(%a, %b : tensor<64x8xf32>, tensor<64x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// AMX needs bf16 operands.
func.func @amx_on_f32(%a: tensor<8x64xf32>, %b: tensor<64x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{inductor-pack-contractions: 'amx_bf16' needs bf16 x bf16 -> f32 operands, got 'f32' x 'f32' -> 'f32'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 32, 64], registers = [16, 32]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// AMX needs an f32 accumulator.
func.func @amx_bf16_acc(%a: tensor<8x64xbf16>, %b: tensor<64x32xbf16>, %c: tensor<8x32xbf16>) -> tensor<8x32xbf16> {
  // expected-error @+1 {{inductor-pack-contractions: 'amx_bf16' needs bf16 x bf16 -> f32 operands, got 'bf16' x 'bf16' -> 'bf16'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 32, 64], registers = [16, 32]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<64x32xbf16>) outs(%c : tensor<8x32xbf16>) -> tensor<8x32xbf16>
  return %0 : tensor<8x32xbf16>
}

// -----

// FMA needs f32 or bf16 operands and an f32 accumulator.
func.func @fma_on_bf16_acc(%a: tensor<8x64xbf16>, %b: tensor<64x32xbf16>, %c: tensor<8x32xbf16>) -> tensor<8x32xbf16> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx512_fma' needs f32 or bf16 x f32 or bf16 -> f32 operands, got 'bf16' x 'bf16' -> 'bf16'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<64x32xbf16>) outs(%c : tensor<8x32xbf16>) -> tensor<8x32xbf16>
  return %0 : tensor<8x32xbf16>
}

// -----

// bf16 B is widened when packed, so the body may use B only through its widening to f32: here the product
// is taken in bf16 first.
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @fma_bf16_product(%a: tensor<8x64xbf16>, %b: tensor<64x32xbf16>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{inductor-pack-contractions: a bf16 contraction for an FMA kernel needs a body that only widens B (arith.extf to f32)}}
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xbf16>, tensor<64x32xbf16>) outs(%c : tensor<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 16, 64], registers = [6, 16]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %p = arith.mulf %x, %y : bf16
    %e = arith.extf %p : bf16 to f32
    %s = arith.addf %o, %e : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// Packing needs a static N.
func.func @dynamic_n(%a: tensor<8x64xf32>, %b: tensor<64x?xf32>, %c: tensor<8x?xf32>) -> tensor<8x?xf32> {
  // expected-error @+1 {{inductor-pack-contractions: a 'avx512_fma' lowering config needs static N and K}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x?xf32>) outs(%c : tensor<8x?xf32>) -> tensor<8x?xf32>
  return %0 : tensor<8x?xf32>
}

// -----

// ... and a static K.
func.func @dynamic_k(%a: tensor<8x?xbf16>, %b: tensor<?x32xbf16>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{inductor-pack-contractions: a 'amx_bf16' lowering config needs static N and K}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 32, 64], registers = [16, 32]>}
      ins(%a, %b : tensor<8x?xbf16>, tensor<?x32xbf16>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// The pass runs on tensors: a configured contraction on buffers is an error.
func.func @buffers(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>) {
  // expected-error @+1 {{inductor-pack-contractions: runs on tensors, before bufferization}}
  linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
      ins(%a, %b : memref<8x64xf32>, memref<64x32xf32>) outs(%c : memref<8x32xf32>)
  return
}

// -----

// amx_int8 needs i8 operands and an i32 accumulator.
func.func @int8_on_bf16(%a: tensor<16x64xbf16>, %b: tensor<64x16xbf16>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  // expected-error @+1 {{inductor-pack-contractions: 'amx_int8' needs i8 x i8 -> i32 operands, got 'bf16' x 'bf16' -> 'f32'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [16, 16, 64], registers = [16, 16]>}
      ins(%a, %b : tensor<16x64xbf16>, tensor<64x16xbf16>) outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %0 : tensor<16x16xf32>
}

// -----

// ... and a body that extends both i8 operands to i32 before multiplying (an i8 product wraps; AMX does not).
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @int8_product_in_i8(%a: tensor<16x64xi8>, %b: tensor<64x16xi8>, %c: tensor<16x16xi32>) -> tensor<16x16xi32> {
  // expected-error @+1 {{inductor-pack-contractions: 'amx_int8' needs a body that sign- or zero-extends both i8 operands to i32 before multiplying}}
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xi8>, tensor<64x16xi8>) outs(%c : tensor<16x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [16, 16, 64], registers = [16, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %p = arith.muli %x, %y : i8
    %pe = arith.extsi %p : i8 to i32
    %s = arith.addi %o, %pe : i32
    linalg.yield %s : i32
  } -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

// avx512_bf16 (vdpbf16ps) needs bf16 operands: f32 belongs on an FMA kind.
func.func @dot_bf16_on_f32(%a: tensor<8x64xf32>, %b: tensor<64x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx512_bf16' needs bf16 x bf16 -> f32 operands, got 'f32' x 'f32' -> 'f32'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// ... and an f32 accumulator.
func.func @dot_bf16_acc(%a: tensor<8x64xbf16>, %b: tensor<64x32xbf16>, %c: tensor<8x32xbf16>) -> tensor<8x32xbf16> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx512_bf16' needs bf16 x bf16 -> f32 operands, got 'bf16' x 'bf16' -> 'bf16'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<64x32xbf16>) outs(%c : tensor<8x32xbf16>) -> tensor<8x32xbf16>
  return %0 : tensor<8x32xbf16>
}

// -----

// avx512_vnni needs i8 operands and an i32 accumulator.
func.func @vnni_on_bf16(%a: tensor<8x64xbf16>, %b: tensor<64x16xbf16>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx512_vnni' needs i8 x i8 -> i32 operands, got 'bf16' x 'bf16' -> 'f32'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 16, 64], registers = [8, 16]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<64x16xbf16>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

// avx2_int8 likewise.
func.func @avx2_int8_on_f32(%a: tensor<8x64xf32>, %b: tensor<64x16xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx2_int8' needs i8 x i8 -> i32 operands, got 'f32' x 'f32' -> 'f32'}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_int8, cache = [6, 16, 32], registers = [6, 16]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x16xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

// vpdpbusd multiplies unsigned bytes of A by signed bytes of B: a named i8 matmul (both sign-extended) is
// s8 x s8, which it cannot compute.
func.func @vnni_s8s8(%a: tensor<8x64xi8>, %b: tensor<64x16xi8>, %c: tensor<8x16xi32>) -> tensor<8x16xi32> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx512_vnni' needs u8 x s8 (A zero-extended, B sign-extended), got s8 x s8}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 16, 64], registers = [8, 16]>}
      ins(%a, %b : tensor<8x64xi8>, tensor<64x16xi8>) outs(%c : tensor<8x16xi32>) -> tensor<8x16xi32>
  return %0 : tensor<8x16xi32>
}

// -----

// Nor u8 x u8 (B zero-extended).
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @vnni_u8u8(%a: tensor<8x64xi8>, %b: tensor<64x16xi8>, %c: tensor<8x16xi32>) -> tensor<8x16xi32> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx512_vnni' needs u8 x s8 (A zero-extended, B sign-extended), got u8 x u8}}
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xi8>, tensor<64x16xi8>) outs(%c : tensor<8x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 16, 64], registers = [8, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extui %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<8x16xi32>
  return %0 : tensor<8x16xi32>
}

// -----

// An i8 product (no extension before the multiply) is rejected for avx512_vnni as for amx_int8.
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @vnni_product_in_i8(%a: tensor<8x64xi8>, %b: tensor<64x16xi8>, %c: tensor<8x16xi32>) -> tensor<8x16xi32> {
  // expected-error @+1 {{inductor-pack-contractions: 'avx512_vnni' needs a body that sign- or zero-extends both i8 operands to i32 before multiplying}}
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xi8>, tensor<64x16xi8>) outs(%c : tensor<8x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 16, 64], registers = [8, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %p = arith.muli %x, %y : i8
    %pe = arith.extsi %p : i8 to i32
    %s = arith.addi %o, %pe : i32
    linalg.yield %s : i32
  } -> tensor<8x16xi32>
  return %0 : tensor<8x16xi32>
}
