// RUN: inductor-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(inductor-lower-microkernels))'
// A microkernel config the pass cannot obey is an error, not silently lowered to loops.

// A plain (not packed) contraction on buffers carrying an FMA config: inductor-pack-contractions did not run.
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @not_packed(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>) {
  // expected-error @+1 {{inductor-lower-microkernels: a 'avx512_fma' lowering config needs the packed form built by inductor-pack-contractions}}
  linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<8x64xf32>, memref<64x32xf32>) outs(%c : memref<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The same for AMX.
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @not_packed_amx(%a: memref<16x32xbf16>, %b: memref<32x16xbf16>, %c: memref<16x16xf32>) {
  // expected-error @+1 {{inductor-lower-microkernels: a 'amx_bf16' lowering config needs the packed form built by inductor-pack-contractions}}
  linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<16x32xbf16>, memref<32x16xbf16>) outs(%c : memref<16x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A contraction packed for the FMA kernel (panel layout) whose config says AMX: the layouts disagree.
#a = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#b = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#c = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
func.func @packed_for_other_kind(%a: memref<16x32xbf16>, %pb: memref<1x32x16xbf16>, %c: memref<16x16xf32>) {
  // expected-error @+1 {{inductor-lower-microkernels: a 'amx_bf16' lowering config needs the packed form built by inductor-pack-contractions}}
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<16x32xbf16>, memref<1x32x16xbf16>) outs(%c : memref<16x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A packed contraction still on tensors: bufferization has not run.
#a = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#b = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#c = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
func.func @on_tensors(%a: tensor<8x64xf32>, %pb: tensor<2x64x16xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{inductor-lower-microkernels: runs on buffers, after bufferization}}
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : tensor<8x64xf32>, tensor<2x64x16xf32>) outs(%c : tensor<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// A hand-written packed int8 contraction whose body multiplies in i8: the signedness of the AMX product
// cannot be read from it.
#a = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 4 + d4)>
#b = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
#c = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 16 + d3)>
func.func @int8_body(%a: memref<16x64xi8>, %pb: memref<1x16x16x4xi8>, %c: memref<16x16xi32>) {
  // expected-error @+1 {{inductor-lower-microkernels: 'amx_int8' needs a body that sign- or zero-extends both i8 operands to i32}}
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
      ins(%a, %pb : memref<16x64xi8>, memref<1x16x16x4xi8>) outs(%c : memref<16x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [16, 16, 64], registers = [16, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %p = arith.muli %x, %y : i8
    %pe = arith.extsi %p : i8 to i32
    %s = arith.addi %o, %pe : i32
    linalg.yield %s : i32
  }
  return
}

// -----

// A named contraction carrying a microkernel config is not the packed form either.
func.func @named_matmul(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>) {
  // expected-error @+1 {{inductor-lower-microkernels: a 'avx512_fma' lowering config needs the packed form built by inductor-pack-contractions}}
  linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
      ins(%a, %b : memref<8x64xf32>, memref<64x32xf32>) outs(%c : memref<8x32xf32>)
  return
}

// -----

// inductor.valid_columns below the last block of C: whole blocks would be left uncomputed.
#ma = affine_map<(m, nb, k, n) -> (m, k)>
#mb = affine_map<(m, nb, k, n) -> (nb, k, n)>
#mc = affine_map<(m, nb, k, n) -> (m, nb * 32 + n)>
func.func @valid_columns_too_few(%a: memref<8x64xf32>, %b: memref<2x64x32xf32>, %c: memref<8x64xf32>) {
  // expected-error @+1 {{inductor-lower-microkernels: 'inductor.valid_columns' = 20 leaves whole 32-column blocks of the 64 columns of C uncomputed}}
  linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<8x64xf32>, memref<2x64x32xf32>) outs(%c : memref<8x64xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 64, 64], registers = [4, 32]>, inductor.valid_columns = 20 : i64} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}
