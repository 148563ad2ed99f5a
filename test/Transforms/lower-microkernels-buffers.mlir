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

// -----

// A panel gather (see inductor-pack-contractions): each packed row of 16 elements, 2 apart in one input row,
// is two contiguous 16-element loads and one shuffle that picks the even elements. The outer loops run in
// parallel until they have 64 iterations (8 x 2 x 2 x 3 = 96 here: four of the five), the rest in order. The
// second load ends at most at column 2 * 16 + 2 + 31 = 65 < 66 of the input row, so it needs no mask.
// CHECK-LABEL: func.func @panel_gather_stride2
// CHECK-SAME: (%[[X:[^:]*]]: memref<2x17x66xf32>, %[[P:[^:]*]]: memref<8x2x2x3x3x16xf32>)
// CHECK-NOT: linalg.generic
// CHECK: scf.parallel (%[[Y:.*]], %[[XB:.*]], %[[C:.*]], %[[I:.*]]) =
// CHECK: scf.for %[[J:.*]] =
// CHECK: %[[L0:.*]] = vector.load %[[X]][%[[C]], %{{.*}}, %[[COL:.*]]] : memref<2x17x66xf32>, vector<16xf32>
// CHECK: %[[COL16:.*]] = arith.addi %[[COL]], %{{.*}}
// CHECK: %[[L1:.*]] = vector.load %[[X]][%[[C]], %{{.*}}, %[[COL16]]] : memref<2x17x66xf32>, vector<16xf32>
// CHECK: %[[CAT:.*]] = vector.shuffle %[[L0]], %[[L1]] [0, 1, 2
// CHECK: %[[ROW:.*]] = vector.shuffle %[[CAT]], %[[CAT]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30] : vector<32xf32>, vector<32xf32>
// CHECK: vector.store %[[ROW]], %[[P]][%[[Y]], %[[XB]], %[[C]], %[[I]], %[[J]], %{{.*}}] : memref<8x2x2x3x3x16xf32>, vector<16xf32>
// CHECK-NOT: vector.maskedload
// CHECK: return
#gather_in = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d0 * 2 + d3, (d1 * 16 + d5) * 2 + d4)>
#gather_out = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
func.func @panel_gather_stride2(%x: memref<2x17x66xf32>, %p: memref<8x2x2x3x3x16xf32>) {
  linalg.generic {indexing_maps = [#gather_in, #gather_out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<2x17x66xf32>) outs(%p : memref<8x2x2x3x3x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 128, 18], registers = [6, 16]>} {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// The same gather from a row of 65 columns: the second load of the last panel (columns 50 + j .. 65 + j)
// can pass the end of the row, so it is masked by the columns left in the row. bf16 input rows are widened
// to the f32 panels after the shuffle.
// CHECK-LABEL: func.func @panel_gather_row_end_bf16
// CHECK-SAME: (%[[X:[^:]*]]: memref<2x9x65xbf16>
// CHECK: %[[L0:.*]] = vector.load %[[X]]{{.*}} : memref<2x9x65xbf16>, vector<16xbf16>
// CHECK: %[[COL16:.*]] = arith.addi
// CHECK: %[[LEFT:.*]] = arith.subi %{{.*}}, %[[COL16]]
// CHECK: %[[MASK:.*]] = vector.create_mask %[[LEFT]] : vector<16xi1>
// CHECK: %[[L1:.*]] = vector.maskedload %[[X]][%{{.*}}, %{{.*}}, %[[COL16]]], %[[MASK]], %{{.*}} : memref<2x9x65xbf16>, vector<16xi1>, vector<16xbf16> into vector<16xbf16>
// CHECK: %[[CAT:.*]] = vector.shuffle %[[L0]], %[[L1]]
// CHECK: %[[ROW:.*]] = vector.shuffle %[[CAT]], %[[CAT]] [0, 2, 4
// CHECK: %[[WIDE:.*]] = arith.extf %[[ROW]] : vector<16xbf16> to vector<16xf32>
// CHECK: vector.store %[[WIDE]]
#gather_in2 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d0 * 2 + d3, (d1 * 16 + d5) * 2 + d4)>
#gather_out2 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
func.func @panel_gather_row_end_bf16(%x: memref<2x9x65xbf16>, %p: memref<4x2x2x3x3x16xf32>) {
  linalg.generic {indexing_maps = [#gather_in2, #gather_out2], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<2x9x65xbf16>) outs(%p : memref<4x2x2x3x3x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 128, 18], registers = [6, 16]>} {
  ^bb0(%in: bf16, %out: f32):
    %w = arith.extf %in : bf16 to f32
    linalg.yield %w : f32
  }
  return
}
