// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-lower-microkernels))' | FileCheck %s
// Packed contractions written directly on buffers.

// A hand-written packed FMA contraction is lowered like one built by inductor-pack-contractions.
// CHECK-LABEL: func.func @packed_on_buffers
// CHECK-NOT: linalg.generic
// CHECK: scf.parallel
// CHECK: vector.fma
// CHECK-NOT: linalg.generic
// CHECK: return
#a = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#b = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#c = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
func.func @packed_on_buffers(%a: memref<8x64xf32>, %pb: memref<2x64x16xf32>, %c: memref<8x32xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<2x64x16xf32>) outs(%c : memref<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A whose rows are not contiguous (column-major) cannot be read by the kernel: the packed contraction is
// left as it is, for the (correct, slow) loop lowering.
// CHECK-LABEL: func.func @strided_a
// CHECK-NOT: scf.parallel
// CHECK: linalg.generic
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
// CHECK-NOT: scf.parallel
// CHECK: return
#a = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#b = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#c = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
func.func @strided_a(%a: memref<8x64xf32, strided<[1, 8]>>, %pb: memref<2x64x16xf32>, %c: memref<8x32xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32, strided<[1, 8]>>, memref<2x64x16xf32>) outs(%c : memref<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The same for a C with strided rows (a column slice of a wider buffer with non-unit inner stride).
// CHECK-LABEL: func.func @strided_c
// CHECK-NOT: amx.tile_mulf
// CHECK: linalg.generic
// CHECK-SAME: kind = amx_bf16
// CHECK-NOT: amx.tile_mulf
// CHECK: return
#a = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 2 + d4)>
#b = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
#c = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 16 + d3)>
func.func @strided_c(%a: memref<16x32xbf16>, %pb: memref<1x16x16x2xbf16>, %c: memref<16x16xf32, strided<[32, 2]>>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
      ins(%a, %pb : memref<16x32xbf16>, memref<1x16x16x2xbf16>) outs(%c : memref<16x16xf32, strided<[32, 2]>>)
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
