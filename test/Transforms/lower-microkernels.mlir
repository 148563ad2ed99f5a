// Input: tensor IR with lowering configs, packed and bufferized first, so that the microkernel pass sees the
// packed contractions and B packing copies exactly as the pipeline builds them. No configured op may
// survive the pass (except a packing copy the vector code cannot do, see @fma_transposed_b_k20).
// The packing copies are kept (strided-b=false); the STRIDED run checks the in-place B of the FMA kernels.
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-pack-contractions),one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},func.func(inductor-lower-microkernels{strided-b=false}))' \
// RUN:   | FileCheck %s --implicit-check-not=inductor.lowering_config
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-pack-contractions),one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},func.func(inductor-lower-microkernels))' \
// RUN:   | FileCheck %s --check-prefix=STRIDED

// AMX, 64x64x64 bf16, one task (mc = nc = 64), register block 32x32: 2x2 accumulator tiles. The K loop of a
// register block carries the 4 accumulators and the 4 operand tiles (2 of A, 2 of B) of the next step;
// products are issued in (row, column) order, each next-step operand load right after the last product
// that reads its tile. A is packed per task and K block into a tile-contiguous scratch buffer.
// CHECK-LABEL: func.func @amx_2x2_tiles
// CHECK-SAME: (%[[A:[^:]*]]: memref<64x64xbf16>, %[[B:[^:]*]]: memref<64x64xbf16>, %[[C:[^:]*]]: memref<64x64xf32>)
// B is packed at run time by vector code: for every block of 16 columns and pair of rows, the two rows of
// 16 bf16 are interleaved into one 64-byte packed row.
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<4x32x16x2xbf16>
// CHECK: %[[PBR:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<4x32x16x2xbf16> into memref<4x32x32xbf16>
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK: scf.parallel (%[[NB:[^,]+]], %[[KK:[^)]+]]) = (%{{[^,]+}}, %{{[^)]+}}) to (%[[C4]], %[[C32]])
// CHECK: %[[R0:.*]] = vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<64x64xbf16>, vector<16xbf16>
// CHECK: %[[R1:.*]] = vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<64x64xbf16>, vector<16xbf16>
// CHECK: %[[I:.*]] = vector.shuffle %[[R0]], %[[R1]] [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31] : vector<16xbf16>, vector<16xbf16>
// CHECK: vector.store %[[I]], %[[PBR]][%[[NB]], %[[KK]], %{{.*}}] : memref<4x32x32xbf16>, vector<32xbf16>
// CHECK: scf.reduce
// CHECK: %[[PB2:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0, 1], [2, 3]] : memref<4x32x16x2xbf16> into memref<128x32xbf16>
// M tasks of equal size: tasks = ceil(M / mc), rows per task = roundUp(ceil(M / tasks), mr).
// CHECK: %[[M:.*]] = memref.dim %[[C]], %{{.*}} : memref<64x64xf32>
// CHECK: %[[T0:.*]] = arith.ceildivui %[[M]], %{{.*}} : index
// CHECK: %[[T:.*]] = arith.maxui %[[T0]], %{{.*}} : index
// CHECK: %[[PER:.*]] = arith.ceildivui %[[M]], %[[T]] : index
// CHECK: %[[BLOCKS:.*]] = arith.ceildivui %[[PER]], %{{.*}} : index
// CHECK: %[[MC:.*]] = arith.muli %[[BLOCKS]], %{{.*}} : index
// CHECK: %[[MC1:.*]] = arith.maxui %[[MC]], %{{.*}} : index
// CHECK: %[[MT:.*]] = arith.ceildivui %[[M]], %[[MC1]] : index
// CHECK: scf.parallel (%{{[^,]*}}, %{{[^)]*}}) = (%{{[^,]*}}, %{{[^)]*}}) to (%[[MT]], %{{[^)]*}}) step
// CHECK: %[[PA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x2x16x32xbf16>
// CHECK: %[[PA2:.*]] = memref.collapse_shape %[[PA]] {{\[\[}}0, 1, 2], [3]] : memref<4x2x16x32xbf16> into memref<128x32xbf16>
// CHECK: %[[SC:.*]] = memref.alloc() {alignment = 64 : i64} : memref<32x32xf32>
// CHECK: scf.for %[[K0:[^ ]+]] =
// A partial M block is zero-filled before its rows are copied in, 32 bf16 at a time.
// CHECK: scf.if
// CHECK-NEXT: arith.constant 0.000000e+00 : bf16
// CHECK-NEXT: linalg.fill ins(%{{.*}} : bf16) outs(%[[PA]] : memref<4x2x16x32xbf16>)
// CHECK: %[[V:.*]] = vector.load %[[A]][%{{.*}}, %{{.*}}] : memref<64x64xbf16>, vector<32xbf16>
// CHECK: vector.store %[[V]], %[[PA]][%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<4x2x16x32xbf16>, vector<32xbf16>
// N panels, then full register blocks of 32 rows.
// CHECK: scf.for %[[NJ:[^ ]+]] =
// CHECK: scf.for %[[MI:[^ ]+]] =
// CHECK: %[[L00:.*]] = amx.tile_load %[[C]][%{{.*}}, %{{.*}}] : memref<64x64xf32> into !amx.tile<16x16xf32>
// CHECK: %[[L01:.*]] = amx.tile_load %[[C]][%{{.*}}, %{{.*}}] : memref<64x64xf32> into !amx.tile<16x16xf32>
// CHECK: %[[L10:.*]] = amx.tile_load %[[C]][%{{.*}}, %{{.*}}] : memref<64x64xf32> into !amx.tile<16x16xf32>
// CHECK: %[[L11:.*]] = amx.tile_load %[[C]][%{{.*}}, %{{.*}}] : memref<64x64xf32> into !amx.tile<16x16xf32>
// CHECK: %[[LA0:.*]] = amx.tile_load %[[PA2]][%{{.*}}, %{{.*}}] : memref<128x32xbf16> into !amx.tile<16x32xbf16>
// CHECK: %[[LA1:.*]] = amx.tile_load %[[PA2]][%{{.*}}, %{{.*}}] : memref<128x32xbf16> into !amx.tile<16x32xbf16>
// CHECK: %[[LB0:.*]] = amx.tile_load %[[PB2]][%{{.*}}, %{{.*}}] : memref<128x32xbf16> into !amx.tile<16x32xbf16>
// CHECK: %[[LB1:.*]] = amx.tile_load %[[PB2]][%{{.*}}, %{{.*}}] : memref<128x32xbf16> into !amx.tile<16x32xbf16>
// CHECK: %[[R:.*]]:8 = scf.for %{{[^ ]+}} = %[[K0]] to %{{[^ ]+}} step %{{[^ ]+}}
// CHECK-SAME: iter_args(%[[C00:[^ ]+]] = %[[L00]], %[[C01:[^ ]+]] = %[[L01]], %[[C10:[^ ]+]] = %[[L10]], %[[C11:[^ ]+]] = %[[L11]],
// CHECK-SAME: %[[A0:[^ ]+]] = %[[LA0]], %[[A1:[^ ]+]] = %[[LA1]], %[[B0:[^ ]+]] = %[[LB0]], %[[B1:[^ ]+]] = %[[LB1]])
// CHECK-SAME: -> (!amx.tile<16x16xf32>, !amx.tile<16x16xf32>, !amx.tile<16x16xf32>, !amx.tile<16x16xf32>, !amx.tile<16x32xbf16>, !amx.tile<16x32xbf16>, !amx.tile<16x32xbf16>, !amx.tile<16x32xbf16>)
// CHECK: %[[M00:.*]] = amx.tile_mulf %[[A0]], %[[B0]], %[[C00]]
// CHECK: %[[M01:.*]] = amx.tile_mulf %[[A0]], %[[B1]], %[[C01]]
// CHECK: %[[NA0:.*]] = amx.tile_load %[[PA2]]
// CHECK: %[[M10:.*]] = amx.tile_mulf %[[A1]], %[[B0]], %[[C10]]
// CHECK: %[[NB0:.*]] = amx.tile_load %[[PB2]]
// CHECK: %[[M11:.*]] = amx.tile_mulf %[[A1]], %[[B1]], %[[C11]]
// CHECK: %[[NA1:.*]] = amx.tile_load %[[PA2]]
// CHECK: %[[NB1:.*]] = amx.tile_load %[[PB2]]
// CHECK-NEXT: scf.yield %[[M00]], %[[M01]], %[[M10]], %[[M11]], %[[NA0]], %[[NA1]], %[[NB0]], %[[NB1]]
// CHECK: amx.tile_store %[[C]][%{{.*}}, %{{.*}}], %[[R]]#0 : memref<64x64xf32>, !amx.tile<16x16xf32>
// CHECK: amx.tile_store %[[C]][%{{.*}}, %{{.*}}], %[[R]]#1 : memref<64x64xf32>, !amx.tile<16x16xf32>
// CHECK: amx.tile_store %[[C]][%{{.*}}, %{{.*}}], %[[R]]#2 : memref<64x64xf32>, !amx.tile<16x16xf32>
// CHECK: amx.tile_store %[[C]][%{{.*}}, %{{.*}}], %[[R]]#3 : memref<64x64xf32>, !amx.tile<16x16xf32>
// The tail of fewer than 32 rows runs the same kernel on the scratch copy of its C block.
// CHECK: scf.if
// CHECK: %[[TC:.*]] = memref.subview %[[C]]
// CHECK: linalg.copy ins(%[[TC]] : {{.*}}) outs(%{{.*}} : memref<?x?xf32, strided<[32, 1], offset: ?>>)
// CHECK-COUNT-4: amx.tile_load %[[SC]]
// CHECK: scf.for
// CHECK-COUNT-4: amx.tile_mulf
// CHECK: scf.yield
// CHECK-COUNT-4: amx.tile_store %[[SC]]
// CHECK: linalg.copy ins(%{{.*}} : memref<?x?xf32, strided<[32, 1], offset: ?>>) outs(%{{.*}} : memref<?x?xf32, strided<[64, 1], offset: ?>>)
// CHECK: memref.dealloc %[[PA]]
// CHECK: memref.dealloc %[[SC]]
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @amx_2x2_tiles(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 64, 64], registers = [32, 32]>}
      ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// AMX with a 16x16 register block: one accumulator, one A and one B tile. K = 32 is one tile step.
// CHECK-LABEL: func.func @amx_1x1_tile
// CHECK: scf.parallel
// CHECK: %[[R:.*]]:3 = scf.for {{.*}} iter_args(%[[ACC:[^ ]+]] = %{{[^,]+}}, %[[TA:[^ ]+]] = %{{[^,]+}}, %[[TB:[^ ]+]] = %{{[^)]+}}) -> (!amx.tile<16x16xf32>, !amx.tile<16x32xbf16>, !amx.tile<16x32xbf16>)
// CHECK: %[[P:.*]] = amx.tile_mulf %[[TA]], %[[TB]], %[[ACC]] : !amx.tile<16x32xbf16>, !amx.tile<16x32xbf16>, !amx.tile<16x16xf32>
// CHECK-NOT: amx.tile_mulf
// CHECK: scf.yield %[[P]],
// CHECK: amx.tile_store %{{.*}}, %[[R]]#0 : memref<16x16xf32>, !amx.tile<16x16xf32>
func.func @amx_1x1_tile(%a: tensor<16x32xbf16>, %b: tensor<32x16xbf16>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>}
      ins(%a, %b : tensor<16x32xbf16>, tensor<32x16xbf16>) outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %0 : tensor<16x16xf32>
}

// -----

// AMX with a dynamic M: the number of M tasks comes from C's size at run time (A may be shared by all batches).
// CHECK-LABEL: func.func @amx_dynamic_m
// CHECK-SAME: (%[[A:[^:]*]]: memref<?x64xbf16>, %{{[^:]*}}: memref<64x32xbf16>, %[[C:[^:]*]]: memref<?x32xf32>)
// CHECK: %[[M:.*]] = memref.dim %[[C]], %{{.*}} : memref<?x32xf32>
// CHECK: arith.ceildivui %[[M]], %{{.*}} : index
// CHECK: arith.ceildivui %[[M]], %{{.*}} : index
// CHECK: %[[MT:.*]] = arith.ceildivui %[[M]], %{{.*}} : index
// CHECK: scf.parallel ({{.*}}) = ({{.*}}) to (%[[MT]], %{{[^)]*}})
// CHECK: amx.tile_mulf
// CHECK: scf.if
// CHECK: amx.tile_mulf
func.func @amx_dynamic_m(%a: tensor<?x64xbf16>, %b: tensor<64x32xbf16>, %c: tensor<?x32xf32>) -> tensor<?x32xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 32, 64], registers = [32, 32]>}
      ins(%a, %b : tensor<?x64xbf16>, tensor<64x32xbf16>) outs(%c : tensor<?x32xf32>) -> tensor<?x32xf32>
  return %0 : tensor<?x32xf32>
}

// -----

// AVX-512 FMA, register block 4x32: 4 rows x 2 zmm accumulators carried by the K loop, starting at zero.
// Each k loads the two vectors of the packed B row once, broadcasts one A element per row and issues two
// FMAs per row. C is prefetched (two 64-byte lines per row) before the K loop and added after it. M = 10 is
// not a multiple of mr: the leftover rows use a one-row kernel with 2 accumulators.
// CHECK-LABEL: func.func @fma_4x32
// CHECK-SAME: (%[[A:[^:]*]]: memref<10x64xf32>, %[[B:[^:]*]]: memref<64x32xf32>, %[[C:[^:]*]]: memref<10x32xf32>)
// CHECK-NOT: amx.
// B [K, N] -> panels: one 32-wide vector copy per (panel, k).
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x64x32xf32>
// CHECK: scf.parallel (%[[P:[^,]+]], %[[KB:[^)]+]]) =
// CHECK: %[[ROW:.*]] = vector.load %[[B]][%[[KB]], %{{.*}}] : memref<64x32xf32>, vector<32xf32>
// CHECK: vector.store %[[ROW]], %[[PB]][%[[P]], %[[KB]], %{{.*}}] : memref<1x64x32xf32>, vector<32xf32>
// CHECK: scf.reduce
// CHECK: scf.parallel
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: scf.for %[[NJ:[^ ]+]] =
// CHECK: scf.for %[[MI:[^ ]+]] =
// CHECK-COUNT-8: memref.prefetch %[[C]][%{{.*}}, %{{.*}}], write, locality<3>, data : memref<10x32xf32>
// CHECK-NOT: memref.prefetch
// CHECK: %[[Z:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: %[[R:.*]]:8 = scf.for %[[K:[^ ]+]] = %[[K0]] to %{{[^ ]+}} step %{{[^ ]+}}
// CHECK-SAME: iter_args(%[[C0:[^ ]+]] = %[[Z]], %[[C1:[^ ]+]] = %[[Z]], %[[C2:[^ ]+]] = %[[Z]], %[[C3:[^ ]+]] = %[[Z]],
// CHECK-SAME: %[[C4:[^ ]+]] = %[[Z]], %[[C5:[^ ]+]] = %[[Z]], %[[C6:[^ ]+]] = %[[Z]], %[[C7:[^ ]+]] = %[[Z]])
// CHECK-SAME: -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK: %[[B0:.*]] = vector.load %[[PB]][%{{.*}}, %[[K]], %{{.*}}] : memref<1x64x32xf32>, vector<16xf32>
// CHECK: %[[B1:.*]] = vector.load %[[PB]][%{{.*}}, %[[K]], %{{.*}}] : memref<1x64x32xf32>, vector<16xf32>
// CHECK: %[[S0:.*]] = memref.load %[[A]][%{{.*}}, %[[K]]] : memref<10x64xf32>
// CHECK: %[[X0:.*]] = vector.broadcast %[[S0]] : f32 to vector<16xf32>
// CHECK: %[[F0:.*]] = vector.fma %[[X0]], %[[B0]], %[[C0]] : vector<16xf32>
// CHECK: %[[F1:.*]] = vector.fma %[[X0]], %[[B1]], %[[C1]] : vector<16xf32>
// CHECK: %[[S1:.*]] = memref.load %[[A]][%{{.*}}, %[[K]]] : memref<10x64xf32>
// CHECK: %[[X1:.*]] = vector.broadcast %[[S1]] : f32 to vector<16xf32>
// CHECK: %[[F2:.*]] = vector.fma %[[X1]], %[[B0]], %[[C2]] : vector<16xf32>
// CHECK: %[[F3:.*]] = vector.fma %[[X1]], %[[B1]], %[[C3]] : vector<16xf32>
// CHECK: %[[S2:.*]] = memref.load %[[A]][%{{.*}}, %[[K]]] : memref<10x64xf32>
// CHECK: %[[X2:.*]] = vector.broadcast %[[S2]] : f32 to vector<16xf32>
// CHECK: %[[F4:.*]] = vector.fma %[[X2]], %[[B0]], %[[C4]] : vector<16xf32>
// CHECK: %[[F5:.*]] = vector.fma %[[X2]], %[[B1]], %[[C5]] : vector<16xf32>
// CHECK: %[[S3:.*]] = memref.load %[[A]][%{{.*}}, %[[K]]] : memref<10x64xf32>
// CHECK: %[[X3:.*]] = vector.broadcast %[[S3]] : f32 to vector<16xf32>
// CHECK: %[[F6:.*]] = vector.fma %[[X3]], %[[B0]], %[[C6]] : vector<16xf32>
// CHECK: %[[F7:.*]] = vector.fma %[[X3]], %[[B1]], %[[C7]] : vector<16xf32>
// CHECK-NEXT: scf.yield %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]], %[[F5]], %[[F6]], %[[F7]]
// CHECK: %[[O0:.*]] = vector.load %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK: %[[S:.*]] = arith.addf %[[O0]], %[[R]]#0 : vector<16xf32>
// CHECK: vector.store %[[S]], %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK-COUNT-7: arith.addf %{{.*}}, %[[R]]#
// The second task's 2 rows: tail blocks of 2 and 1 rows, each taken when enough rows remain; the one-row
// block ends with a 2-accumulator loop over the K steps after its last whole segment.
// CHECK: scf.for
// CHECK-COUNT-2: memref.prefetch %[[C]]
// CHECK: %[[T:.*]]:2 = scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-2: vector.fma
// CHECK: scf.yield
// CHECK: arith.addf %{{.*}}, %[[T]]#0
// CHECK: arith.addf %{{.*}}, %[[T]]#1
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @fma_4x32(%a: tensor<10x64xf32>, %b: tensor<64x32xf32>, %c: tensor<10x32xf32>) -> tensor<10x32xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [4, 32]>}
      ins(%a, %b : tensor<10x64xf32>, tensor<64x32xf32>) outs(%c : tensor<10x32xf32>) -> tensor<10x32xf32>
  return %0 : tensor<10x32xf32>
}

// -----

// N = 40 with 32-column blocks: C and B are padded to 64 columns (inductor-pack-contractions marks the
// contraction with inductor.valid_columns = 40). The whole block runs the 2-vector kernel; the last block,
// whose valid columns [32, 40) fit one vector, runs a 1-vector kernel: its K loop carries 4 accumulators
// (4 rows x 1 vector) instead of 8, loads one B vector and stores one C vector per row.
// CHECK-LABEL: func.func @fma_partial_last_block
// CHECK: scf.parallel
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: scf.for %{{[^ ]+}} = %{{[^ ]+}} to %{{[^ ]+}} step %c32
// CHECK: scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK: %[[IN:.*]] = arith.cmpi ugt, %{{.*}}, %c32{{.*}} : index
// CHECK: scf.if %[[IN]] {
// CHECK: scf.for
// CHECK-COUNT-4: memref.prefetch
// CHECK-NOT: memref.prefetch
// CHECK: %{{.*}}:4 = scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-1: vector.load %{{.*}} : memref<2x64x32xf32>, vector<16xf32>
// CHECK-NOT: vector.load %{{.*}} : memref<2x64x32xf32>, vector<16xf32>
// CHECK-COUNT-4: vector.fma
// CHECK: scf.yield
// CHECK-COUNT-4: vector.store %{{.*}} : memref<8x64xf32>, vector<16xf32>
// CHECK: scf.reduce
func.func @fma_partial_last_block(%a: tensor<8x64xf32>, %b: tensor<64x40xf32>, %c: tensor<8x40xf32>) -> tensor<8x40xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 64, 64], registers = [4, 32]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x40xf32>) outs(%c : tensor<8x40xf32>) -> tensor<8x40xf32>
  return %0 : tensor<8x40xf32>
}

// -----

// AVX2 FMA: the same kernel on 8-lane vectors; 6x16 is 6 rows x 2 ymm accumulators. A 64-byte C line holds
// both vectors of a row: one prefetch per row.
// CHECK-LABEL: func.func @avx2_fma_6x16
// CHECK-SAME: (%[[A:[^:]*]]: memref<12x64xf32>, %[[B:[^:]*]]: memref<64x32xf32>, %[[C:[^:]*]]: memref<12x32xf32>)
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK-COUNT-6: memref.prefetch %[[C]]
// CHECK-NOT: memref.prefetch
// CHECK: %[[R:.*]]:12 = scf.for
// CHECK-COUNT-2: vector.load %{{.*}} : memref<2x64x16xf32>, vector<8xf32>
// CHECK-COUNT-12: vector.fma {{.*}} : vector<8xf32>
// CHECK-NEXT: scf.yield
// CHECK-COUNT-12: arith.addf {{.*}} : vector<8xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @avx2_fma_6x16(%a: tensor<12x64xf32>, %b: tensor<64x32xf32>, %c: tensor<12x32xf32>) -> tensor<12x32xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [12, 32, 64], registers = [6, 16]>}
      ins(%a, %b : tensor<12x64xf32>, tensor<64x32xf32>) outs(%c : tensor<12x32xf32>) -> tensor<12x32xf32>
  return %0 : tensor<12x32xf32>
}

// -----

// Batch dims are parallel task dims (the first one's size from C); every access is indexed by the task's
// batch index.
// CHECK-LABEL: func.func @fma_batch
// CHECK-SAME: (%[[A:[^:]*]]: memref<2x8x16xf32>, %[[B:[^:]*]]: memref<2x16x16xf32>, %[[C:[^:]*]]: memref<2x8x16xf32>)
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<2x1x16x16xf32>
// CHECK: %[[NBATCH:.*]] = memref.dim %[[C]], %{{.*}} : memref<2x8x16xf32>
// CHECK: scf.parallel (%[[BI:[^,]+]], %{{[^,]+}}, %{{[^)]+}}) = ({{.*}}) to (%[[NBATCH]], %{{[^,]+}}, %{{[^)]+}})
// CHECK: vector.load %[[C]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x8x16xf32>, vector<16xf32>
// CHECK: scf.for
// CHECK: vector.load %[[PB]][%[[BI]], %{{.*}}, %{{.*}}, %{{.*}}] : memref<2x1x16x16xf32>, vector<16xf32>
// CHECK: memref.load %[[A]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x8x16xf32>
// CHECK: vector.fma
// CHECK: vector.store %{{.*}}, %[[C]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x8x16xf32>, vector<16xf32>
func.func @fma_batch(%a: tensor<2x8x16xf32>, %b: tensor<2x16x16xf32>, %c: tensor<2x8x16xf32>) -> tensor<2x8x16xf32> {
  %0 = linalg.batch_matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 16], registers = [8, 16]>}
      ins(%a, %b : tensor<2x8x16xf32>, tensor<2x16x16xf32>) outs(%c : tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}

// -----

// Contractions with a generic config and plain ones are not the pass's business.
// CHECK-LABEL: func.func @generic_config
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
// CHECK-NOT: scf.parallel
// CHECK: return
func.func @generic_config(%a: tensor<8x64xf32>, %b: tensor<64x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// B as [N, K] for AMX: 16 rows of 32 bf16 (16 pairs of k each) are read as a 16x16 matrix of 32-bit units
// and transposed (64 two-source shuffles in 4 stages), so that each packed row holds one k pair for 16
// columns.
// CHECK-LABEL: func.func @amx_transposed_b
// CHECK-SAME: (%[[A:[^:]*]]: memref<16x32xbf16>, %[[B:[^:]*]]: memref<16x32xbf16>
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x16x16x2xbf16>
// CHECK: %[[PBR:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x16x16x2xbf16> into memref<1x16x32xbf16>
// CHECK: scf.parallel
// CHECK-COUNT-16: vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<16x32xbf16>, vector<32xbf16>
// CHECK-COUNT-64: vector.shuffle %{{.*}}, %{{.*}} [{{.*}}] : vector<16xi32>, vector<16xi32>
// CHECK-NOT: vector.transpose
// CHECK: %[[LB:.*]] = vector.bitcast %{{.*}} : vector<16xi32> to vector<32xbf16>
// CHECK: vector.store %[[LB]], %[[PBR]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<1x16x32xbf16>, vector<32xbf16>
// CHECK-COUNT-15: vector.store %{{.*}}, %[[PBR]]
// CHECK: scf.reduce
// CHECK: amx.tile_mulf
func.func @amx_transposed_b(%a: tensor<16x32xbf16>, %b: tensor<16x32xbf16>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>}
      ins(%a, %b : tensor<16x32xbf16>, tensor<16x32xbf16>) outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %0 : tensor<16x16xf32>
}

// -----

// B as [N, K] for FMA: nr = 16 rows of 16 k values are transposed into 16 packed rows per (panel, k group).
// CHECK-LABEL: func.func @fma_transposed_b
// CHECK-SAME: (%[[A:[^:]*]]: memref<8x32xf32>, %[[B:[^:]*]]: memref<16x32xf32>
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x32x16xf32>
// CHECK: scf.parallel
// CHECK-COUNT-16: vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<16x32xf32>, vector<16xf32>
// CHECK-COUNT-64: vector.shuffle %{{.*}}, %{{.*}} [{{.*}}] : vector<16xf32>, vector<16xf32>
// CHECK-NOT: vector.transpose
// CHECK-COUNT-16: vector.store %{{.*}}, %[[PB]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<1x32x16xf32>, vector<16xf32>
// CHECK: scf.reduce
// CHECK: vector.fma
func.func @fma_transposed_b(%a: tensor<8x32xf32>, %b: tensor<16x32xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>}
      ins(%a, %b : tensor<8x32xf32>, tensor<16x32xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

// B as [N, K] for FMA with K = 20, not a multiple of the 16x16 transpose: the packing copy stays a generic
// (lowered to loops later); the contraction itself still gets the kernel.
// CHECK-LABEL: func.func @fma_transposed_b_k20
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : memref<1x20x16xf32>) attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 20], registers = [8, 16]>}
// CHECK: scf.parallel
// CHECK: vector.fma
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @fma_transposed_b_k20(%a: tensor<8x20xf32>, %b: tensor<16x20xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 20], registers = [8, 16]>}
      ins(%a, %b : tensor<8x20xf32>, tensor<16x20xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

// AMX int8, u8 x s8 (A zero-extended, B sign-extended in the body): 16x64 i8 operand tiles, i32 accumulators,
// tile_muli with `zext` on A only. B [K, N] is packed in quads: two rounds of interleaving.
// CHECK-LABEL: func.func @amx_u8s8
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x16x16x4xi8>
// CHECK: scf.parallel
// CHECK-COUNT-4: vector.load %{{.*}} : memref<64x16xi8>, vector<16xi8>
// CHECK: %[[P01:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// CHECK: %[[P23:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// CHECK: %[[Q:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 1, 32, 33, 2, 3, 34, 35, {{.*}}] : vector<32xi8>, vector<32xi8>
// CHECK: vector.store %[[Q]], %{{.*}} : memref<1x16x64xi8>, vector<64xi8>
// CHECK: scf.reduce
// CHECK: scf.parallel
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<1x1x16x64xi8>
// CHECK: %[[R:.*]]:3 = scf.for {{.*}} iter_args(%[[ACC:[^ ]+]] = %{{[^,]+}}, %[[TA:[^ ]+]] = %{{[^,]+}}, %[[TB:[^ ]+]] = %{{[^)]+}}) -> (!amx.tile<16x16xi32>, !amx.tile<16x64xi8>, !amx.tile<16x64xi8>)
// CHECK: amx.tile_muli %[[TA]] zext, %[[TB]], %[[ACC]] : !amx.tile<16x64xi8>, !amx.tile<16x64xi8>, !amx.tile<16x16xi32>
// CHECK: amx.tile_store %{{.*}}, %[[R]]#0 : memref<16x16xi32>, !amx.tile<16x16xi32>
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @amx_u8s8(%a: tensor<16x64xi8>, %b: tensor<64x16xi8>, %c: tensor<16x16xi32>) -> tensor<16x16xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xi8>, tensor<64x16xi8>) outs(%c : tensor<16x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [16, 16, 64], registers = [16, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

// s8 x s8 (named matmul: both sign-extended): no zext on either operand.
// CHECK-LABEL: func.func @amx_s8s8
// CHECK-NOT: zext
// CHECK: amx.tile_muli %{{[^ ,]+}}, %{{[^ ,]+}}, %{{[^ ,]+}} : !amx.tile<16x64xi8>, !amx.tile<16x64xi8>, !amx.tile<16x16xi32>
// CHECK-NOT: zext
// CHECK: return
func.func @amx_s8s8(%a: tensor<16x64xi8>, %b: tensor<64x16xi8>, %c: tensor<16x16xi32>) -> tensor<16x16xi32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [16, 16, 64], registers = [16, 16]>}
      ins(%a, %b : tensor<16x64xi8>, tensor<64x16xi8>) outs(%c : tensor<16x16xi32>) -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

// bf16 on the AVX2 FMA kernel: the run-time packing copy widens 16 bf16 of a B row to f32 with one vector
// extf; each task widens its block of A to f32 once per K block (an [mc, kc] scratch), and the kernel
// broadcasts f32 from it.
// CHECK-LABEL: func.func @avx2_fma_bf16
// CHECK-SAME: (%[[A:[^:]*]]: memref<6x32xbf16>, %[[B:[^:]*]]: memref<32x16xbf16>, %[[C:[^:]*]]: memref<6x16xf32>)
// CHECK: scf.parallel
// CHECK: %[[ROW:.*]] = vector.load %[[B]][{{.*}}] : memref<32x16xbf16>, vector<16xbf16>
// CHECK: %[[WIDE:.*]] = arith.extf %[[ROW]] : vector<16xbf16> to vector<16xf32>
// CHECK: vector.store %[[WIDE]], %{{.*}} : memref<1x32x16xf32>, vector<16xf32>
// CHECK: %[[WA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<6x32xf32>
// CHECK: %[[X:.*]] = memref.load %[[A]][{{.*}}] : memref<6x32xbf16>
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK: memref.store %[[XE]], %[[WA]][{{.*}}] : memref<6x32xf32>
// CHECK: %[[R:.*]]:12 = scf.for
// CHECK-COUNT-2: vector.load %{{.*}} : memref<1x32x16xf32>, vector<8xf32>
// CHECK: %[[S:.*]] = memref.load %[[WA]][{{.*}}] : memref<6x32xf32>
// CHECK-NEXT: vector.broadcast %[[S]] : f32 to vector<8xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @avx2_fma_bf16(%a: tensor<6x32xbf16>, %b: tensor<32x16xbf16>, %c: tensor<6x16xf32>) -> tensor<6x16xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 16, 32], registers = [6, 16]>}
      ins(%a, %b : tensor<6x32xbf16>, tensor<32x16xbf16>) outs(%c : tensor<6x16xf32>) -> tensor<6x16xf32>
  return %0 : tensor<6x16xf32>
}

// -----

// AVX512-BF16 dot products, register block 4x32: the FMA kernel's blocking, but each K step is one bf16 pair
// (vdpbf16ps adds two products per f32 lane). M = 10 leaves a one-row tail.
// CHECK-LABEL: func.func @dot_bf16_4x32
// CHECK-SAME: (%[[A:[^:]*]]: memref<10x64xbf16>, %[[B:[^:]*]]: memref<64x32xbf16>, %[[C:[^:]*]]: memref<10x32xf32>)
// CHECK-NOT: amx.
// B [K, N] is packed at run time by vector code: for each pair of rows and 16 of the nr = 32 columns, the
// two rows are interleaved into 32 bf16 of the packed row [1, K'/2, 32 * 2].
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x32x32x2xbf16>
// CHECK: %[[PBR:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x32x2xbf16> into memref<1x32x64xbf16>
// CHECK: scf.parallel (%[[NB:[^,]+]], %[[KK:[^)]+]]) =
// CHECK: %[[R0:.*]] = vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<64x32xbf16>, vector<16xbf16>
// CHECK: %[[R1:.*]] = vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<64x32xbf16>, vector<16xbf16>
// CHECK: %[[I0:.*]] = vector.shuffle %[[R0]], %[[R1]] [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31] : vector<16xbf16>, vector<16xbf16>
// CHECK: vector.store %[[I0]], %[[PBR]][%[[NB]], %[[KK]], %{{.*}}] : memref<1x32x64xbf16>, vector<32xbf16>
// CHECK-COUNT-2: vector.load %[[B]]
// CHECK: %[[I1:.*]] = vector.shuffle
// CHECK: vector.store %[[I1]], %[[PBR]][%[[NB]], %[[KK]], %{{.*}}] : memref<1x32x64xbf16>, vector<32xbf16>
// CHECK: scf.reduce
// The kernel views packed B as [1, K'/2, 64]: the two B vectors of one pair step are adjacent.
// CHECK: %[[PB2:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x32x2xbf16> into memref<1x32x64xbf16>
// CHECK: scf.parallel
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: scf.for %[[NJ:[^ ]+]] =
// CHECK: scf.for %[[MI:[^ ]+]] =
// CHECK-COUNT-8: memref.prefetch %[[C]]
// CHECK-NOT: memref.prefetch
// CHECK: %[[Z:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: %[[PANEL:.*]] = arith.divui %[[NJ]], %{{.*}} : index
// CHECK: %[[TWO:.*]] = arith.constant 2 : index
// One K step per VNNI pair: step 2.
// CHECK: %[[R:.*]]:8 = scf.for %[[K:[^ ]+]] = %[[K0]] to %{{[^ ]+}} step %[[TWO]]
// CHECK-SAME: iter_args(%[[C0:[^ ]+]] = %[[Z]], %[[C1:[^ ]+]] = %[[Z]], %[[C2:[^ ]+]] = %[[Z]], %[[C3:[^ ]+]] = %[[Z]],
// CHECK-SAME: -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK: %[[KP:.*]] = arith.divui %[[K]], %{{.*}} : index
// CHECK: %[[B0:.*]] = vector.load %[[PB2]][%[[PANEL]], %[[KP]], %{{.*}}] : memref<1x32x64xbf16>, vector<32xbf16>
// CHECK: %[[B1:.*]] = vector.load %[[PB2]][%[[PANEL]], %[[KP]], %{{.*}}] : memref<1x32x64xbf16>, vector<32xbf16>
// Each row's pair (A[m, k], A[m, k + 1]) is one 32-bit word, broadcast to all 16 lanes.
// CHECK: %[[G0:.*]] = vector.load %[[A]][%{{.*}}, %[[K]]] : memref<10x64xbf16>, vector<2xbf16>
// CHECK: %[[W0:.*]] = vector.bitcast %[[G0]] : vector<2xbf16> to vector<1xi32>
// CHECK: %[[E0:.*]] = vector.extract %[[W0]][0] : i32 from vector<1xi32>
// CHECK: %[[S0:.*]] = vector.broadcast %[[E0]] : i32 to vector<16xi32>
// CHECK: %[[X0:.*]] = vector.bitcast %[[S0]] : vector<16xi32> to vector<32xbf16>
// CHECK: %[[D0:.*]] = x86vector.avx512.dot %[[C0]], %[[X0]], %[[B0]] : vector<32xbf16> -> vector<16xf32>
// CHECK: %[[D1:.*]] = x86vector.avx512.dot %[[C1]], %[[X0]], %[[B1]] : vector<32xbf16> -> vector<16xf32>
// CHECK: %[[G1:.*]] = vector.load %[[A]][%{{.*}}, %[[K]]] : memref<10x64xbf16>, vector<2xbf16>
// CHECK: vector.bitcast %[[G1]] : vector<2xbf16> to vector<1xi32>
// CHECK: vector.broadcast %{{.*}} : i32 to vector<16xi32>
// CHECK: %[[X1:.*]] = vector.bitcast %{{.*}} : vector<16xi32> to vector<32xbf16>
// CHECK: %[[D2:.*]] = x86vector.avx512.dot %[[C2]], %[[X1]], %[[B0]] : vector<32xbf16> -> vector<16xf32>
// CHECK: %[[D3:.*]] = x86vector.avx512.dot %[[C3]], %[[X1]], %[[B1]] : vector<32xbf16> -> vector<16xf32>
// CHECK-COUNT-4: x86vector.avx512.dot
// CHECK-NEXT: scf.yield %[[D0]], %[[D1]], %[[D2]], %[[D3]],
// CHECK-NOT: vector.fma
// C is added once after the K loop, as for FMA.
// CHECK: %[[O0:.*]] = vector.load %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[O0]], %[[R]]#0 : vector<16xf32>
// CHECK: vector.store %[[SUM]], %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK-COUNT-7: arith.addf %{{.*}}, %[[R]]#
// The one-row tail kernel: 2 accumulators.
// CHECK: scf.for
// CHECK: %[[T:.*]]:2 = scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>)
// CHECK: vector.load %[[A]][%{{.*}}, %{{.*}}] : memref<10x64xbf16>, vector<2xbf16>
// CHECK-COUNT-2: x86vector.avx512.dot
// CHECK-NEXT: scf.yield
// CHECK: arith.addf %{{.*}}, %[[T]]#0
// CHECK: arith.addf %{{.*}}, %[[T]]#1
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @dot_bf16_4x32(%a: tensor<10x64xbf16>, %b: tensor<64x32xbf16>, %c: tensor<10x32xf32>) -> tensor<10x32xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 64], registers = [4, 32]>}
      ins(%a, %b : tensor<10x64xbf16>, tensor<64x32xbf16>) outs(%c : tensor<10x32xf32>) -> tensor<10x32xf32>
  return %0 : tensor<10x32xf32>
}

// -----

// AVX512-VNNI, u8 x s8, register block 2x16, K = 128 in two K blocks of kc = 64: each K step is one quad of
// k, vpdpbusd (through its LLVM intrinsic) adding four u8 x s8 products per i32 lane.
// CHECK-LABEL: func.func @dot_u8s8_2x16
// CHECK-SAME: (%[[A:[^:]*]]: memref<4x128xi8>, %[[B:[^:]*]]: memref<128x16xi8>, %[[C:[^:]*]]: memref<4x16xi32>)
// CHECK-NOT: amx.
// B [K, N] packed at run time in quads: four rows of 16 i8 interleaved in two rounds into one 64-byte row.
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x32x16x4xi8>
// CHECK: %[[PBR:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x16x4xi8> into memref<1x32x64xi8>
// CHECK: scf.parallel (%[[NB:[^,]+]], %[[KK:[^)]+]]) =
// CHECK-COUNT-4: vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<128x16xi8>, vector<16xi8>
// CHECK-DAG: %[[P01:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// CHECK-DAG: %[[P23:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// CHECK: %[[Q:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 1, 32, 33, 2, 3, 34, 35, {{.*}}] : vector<32xi8>, vector<32xi8>
// CHECK: vector.store %[[Q]], %[[PBR]][%[[NB]], %[[KK]], %{{.*}}] : memref<1x32x64xi8>, vector<64xi8>
// CHECK: scf.reduce
// CHECK: %[[PB2:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x16x4xi8> into memref<1x32x64xi8>
// CHECK: scf.parallel
// CHECK: %[[KC:.*]] = arith.constant 64 : index
// CHECK: %[[KP:.*]] = arith.constant 128 : index
// CHECK: scf.for %[[K0:[^ ]+]] = %{{.*}} to %[[KP]] step %[[KC]]
// CHECK: scf.for %[[NJ:[^ ]+]] =
// CHECK: scf.for %[[MI:[^ ]+]] =
// 16 i32 columns are one 64-byte line of C: one prefetch per row.
// CHECK-COUNT-2: memref.prefetch %[[C]]
// CHECK-NOT: memref.prefetch
// CHECK: %[[Z:.*]] = arith.constant dense<0> : vector<16xi32>
// CHECK: %[[FOUR:.*]] = arith.constant 4 : index
// CHECK: %[[R:.*]]:2 = scf.for %[[K:[^ ]+]] = %[[K0]] to %{{[^ ]+}} step %[[FOUR]] iter_args(%[[C0:[^ ]+]] = %[[Z]], %[[C1:[^ ]+]] = %[[Z]]) -> (vector<16xi32>, vector<16xi32>)
// CHECK: %[[B0:.*]] = vector.load %[[PB2]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<1x32x64xi8>, vector<64xi8>
// A's quad (A[m, k .. k + 3]) as one 32-bit word in every lane.
// CHECK: %[[G0:.*]] = vector.load %[[A]][%{{.*}}, %[[K]]] : memref<4x128xi8>, vector<4xi8>
// CHECK: %[[W0:.*]] = vector.bitcast %[[G0]] : vector<4xi8> to vector<1xi32>
// CHECK: %[[E0:.*]] = vector.extract %[[W0]][0] : i32 from vector<1xi32>
// CHECK: %[[S0:.*]] = vector.broadcast %[[E0]] : i32 to vector<16xi32>
// CHECK: %[[X0:.*]] = vector.bitcast %[[S0]] : vector<16xi32> to vector<64xi8>
// The unsigned operand (A) comes first after the accumulator, the signed one (B) second.
// CHECK: %[[D0:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[C0]], %[[X0]], %[[B0]]) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// CHECK: %[[G1:.*]] = vector.load %[[A]][%{{.*}}, %[[K]]] : memref<4x128xi8>, vector<4xi8>
// CHECK: vector.bitcast %[[G1]] : vector<4xi8> to vector<1xi32>
// CHECK: vector.broadcast %{{.*}} : i32 to vector<16xi32>
// CHECK: %[[X1:.*]] = vector.bitcast %{{.*}} : vector<16xi32> to vector<64xi8>
// CHECK: %[[D1:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[C1]], %[[X1]], %[[B0]])
// CHECK-NEXT: scf.yield %[[D0]], %[[D1]] : vector<16xi32>, vector<16xi32>
// The i32 accumulators are added to C with integer adds.
// CHECK: %[[O0:.*]] = vector.load %[[C]][%{{.*}}, %{{.*}}] : memref<4x16xi32>, vector<16xi32>
// CHECK: %[[SUM:.*]] = arith.addi %[[O0]], %[[R]]#0 : vector<16xi32>
// CHECK: vector.store %[[SUM]], %[[C]][%{{.*}}, %{{.*}}] : memref<4x16xi32>, vector<16xi32>
// CHECK: arith.addi %{{.*}}, %[[R]]#1 : vector<16xi32>
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @dot_u8s8_2x16(%a: tensor<4x128xi8>, %b: tensor<128x16xi8>, %c: tensor<4x16xi32>) -> tensor<4x16xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<4x128xi8>, tensor<128x16xi8>) outs(%c : tensor<4x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [4, 16, 64], registers = [2, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// -----

// B as [N, K] for avx512_bf16 with nr = 32: per group of 16 packed rows, the 32 source rows (32 bf16 = 16 k
// pairs each) are two 16x16 matrices of 32-bit units, each transposed with 64 shuffles; the two halves of each
// packed row are concatenated (one more shuffle) into 64 bf16.
// CHECK-LABEL: func.func @dot_bf16_transposed_b
// CHECK-SAME: (%[[A:[^:]*]]: memref<8x64xbf16>, %[[B:[^:]*]]: memref<32x64xbf16>
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x32x32x2xbf16>
// CHECK: %[[PBR:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x32x2xbf16> into memref<1x32x64xbf16>
// CHECK: scf.parallel
// CHECK-COUNT-32: vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<32x64xbf16>, vector<32xbf16>
// CHECK-COUNT-128: vector.shuffle %{{.*}}, %{{.*}} [{{.*}}] : vector<16xi32>, vector<16xi32>
// CHECK-NOT: vector.transpose
// CHECK: %[[L:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, {{.*}}, 30, 31] : vector<16xi32>, vector<16xi32>
// CHECK: %[[LB:.*]] = vector.bitcast %[[L]] : vector<32xi32> to vector<64xbf16>
// CHECK: vector.store %[[LB]], %[[PBR]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<1x32x64xbf16>, vector<64xbf16>
// CHECK-COUNT-15: vector.store %{{.*}}, %[[PBR]]
// CHECK: scf.reduce
// CHECK: scf.parallel
// CHECK: x86vector.avx512.dot
func.func @dot_bf16_transposed_b(%a: tensor<8x64xbf16>, %b: tensor<32x64xbf16>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<32x64xbf16>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// B as [N, K] for avx512_vnni with nr = 16: 16 rows of 64 i8 (16 k quads each) are one 16x16 matrix of
// 32-bit units, transposed with 64 shuffles into 16 packed rows of 64 bytes.
// CHECK-LABEL: func.func @dot_u8s8_transposed_b
// CHECK-SAME: (%[[A:[^:]*]]: memref<8x64xi8>, %[[B:[^:]*]]: memref<16x64xi8>
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x16x16x4xi8>
// CHECK: %[[PBR:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x16x16x4xi8> into memref<1x16x64xi8>
// CHECK: scf.parallel
// CHECK-COUNT-16: vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<16x64xi8>, vector<64xi8>
// CHECK-COUNT-64: vector.shuffle %{{.*}}, %{{.*}} [{{.*}}] : vector<16xi32>, vector<16xi32>
// CHECK-NOT: vector.shuffle
// CHECK: %[[LB:.*]] = vector.bitcast %{{.*}} : vector<16xi32> to vector<64xi8>
// CHECK: vector.store %[[LB]], %[[PBR]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<1x16x64xi8>, vector<64xi8>
// CHECK-COUNT-15: vector.store %{{.*}}, %[[PBR]]
// CHECK: scf.reduce
// CHECK: scf.parallel
// CHECK: %[[R:.*]]:8 = scf.for
// CHECK-COUNT-8: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK-NEXT: scf.yield
// CHECK-COUNT-8: arith.addi %{{.*}}, %[[R]]#
#ma = affine_map<(m, n, k) -> (m, k)>
#mbt = affine_map<(m, n, k) -> (n, k)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @dot_u8s8_transposed_b(%a: tensor<8x64xi8>, %b: tensor<16x64xi8>, %c: tensor<8x16xi32>) -> tensor<8x16xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mbt, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xi8>, tensor<16x64xi8>) outs(%c : tensor<8x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 16, 64], registers = [8, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<8x16xi32>
  return %0 : tensor<8x16xi32>
}

// -----

// Decode (mr = 1, nr = 128) with a constant B: packed at compile time, so there is no packing loop; the one
// row has 8 independent accumulators, 8 B vectors per pair step and one broadcast A pair.
// CHECK-LABEL: func.func @dot_bf16_decode_const_b
// CHECK-SAME: (%[[A:[^:]*]]: memref<1x64xbf16>
// CHECK: %[[G:.*]] = memref.get_global @{{.*}} : memref<1x32x128x2xbf16>
// CHECK: %[[PB:.*]] = memref.collapse_shape %[[G]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x128x2xbf16> into memref<1x32x256xbf16>
// CHECK: scf.parallel
// CHECK-NOT: scf.parallel
// CHECK: %[[R:.*]]:8 = scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-8: vector.load %[[PB]][{{.*}}] : memref<1x32x256xbf16>, vector<32xbf16>
// CHECK: vector.load %[[A]][%{{.*}}, %{{.*}}] : memref<1x64xbf16>, vector<2xbf16>
// CHECK-NOT: vector.load
// CHECK-COUNT-8: x86vector.avx512.dot
// CHECK-NEXT: scf.yield
// CHECK-COUNT-8: arith.addf %{{.*}}, %[[R]]#
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @dot_bf16_decode_const_b(%a: tensor<1x64xbf16>, %c: tensor<1x128xf32>) -> tensor<1x128xf32> {
  %b = arith.constant dense<1.0> : tensor<64x128xbf16>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [1, 128, 64], registers = [1, 128]>}
      ins(%a, %b : tensor<1x64xbf16>, tensor<64x128xbf16>) outs(%c : tensor<1x128xf32>) -> tensor<1x128xf32>
  return %0 : tensor<1x128xf32>
}

// -----

// A shared by all batches (a convolution's weights A[m, k]; B[b, k, n] and C[b, m, n] batched): the batch is
// a task dim as for @fma_batch, packed B and C are indexed by the task's batch index, A by (row, k) only.
// CHECK-LABEL: func.func @fma_shared_a
// CHECK-SAME: (%[[A:[^:]*]]: memref<8x64xf32>, %[[B:[^:]*]]: memref<2x64x32xf32>, %[[C:[^:]*]]: memref<2x8x32xf32>)
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<2x2x64x16xf32>
// CHECK: scf.reduce
// CHECK: %[[NBATCH:.*]] = memref.dim %[[C]], %{{.*}} : memref<2x8x32xf32>
// CHECK: scf.parallel (%[[BI:[^,]+]], %{{[^,]+}}, %{{[^)]+}}) = ({{.*}}) to (%[[NBATCH]], %{{[^,]+}}, %{{[^)]+}})
// CHECK: %{{.*}}:8 = scf.for %[[K:[^ ]+]] =
// CHECK: vector.load %[[PB]][%[[BI]], %{{.*}}, %[[K]], %{{.*}}] : memref<2x2x64x16xf32>, vector<16xf32>
// CHECK: memref.load %[[A]][%{{[^,]+}}, %[[K]]] : memref<8x64xf32>
// CHECK: vector.fma
// CHECK: vector.load %[[C]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x8x32xf32>, vector<16xf32>
// CHECK: vector.store %{{.*}}, %[[C]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x8x32xf32>, vector<16xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
#ma = affine_map<(b, m, n, k) -> (m, k)>
#mb = affine_map<(b, m, n, k) -> (b, k, n)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @fma_shared_a(%a: tensor<8x64xf32>, %b: tensor<2x64x32xf32>, %c: tensor<2x8x32xf32>) -> tensor<2x8x32xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xf32>, tensor<2x64x32xf32>) outs(%c : tensor<2x8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x8x32xf32>
  return %0 : tensor<2x8x32xf32>
}

// -----

// The same with bf16 dot products, K = 40 and N = 20 padded: each row's bf16 pair is loaded from the
// (K-padded, still 2-D) A at (row, k), the packed B pairs at the task's batch index.
// CHECK-LABEL: func.func @dot_bf16_shared_a
// CHECK-SAME: (%{{[^:]*}}: memref<8x40xbf16>, %{{[^:]*}}: memref<3x40x20xbf16>, %{{[^:]*}}: memref<3x8x20xf32>)
// CHECK: %[[AP:.*]] = memref.alloc() {{.*}} : memref<8x64xbf16>
// CHECK: %[[CP:.*]] = memref.alloc() {{.*}} : memref<3x8x32xf32>
// CHECK: %[[PB:.*]] = memref.collapse_shape %{{.*}} {{\[\[}}0], [1], [2], [3, 4]] : memref<3x1x32x32x2xbf16> into memref<3x1x32x64xbf16>
// CHECK: scf.parallel (%[[BI:[^,]+]], %{{[^,]+}}, %{{[^)]+}}) =
// CHECK: %{{.*}}:16 = scf.for %[[K:[^ ]+]] =
// CHECK: vector.load %[[PB]][%[[BI]], %{{.*}}, %{{.*}}, %{{.*}}] : memref<3x1x32x64xbf16>, vector<32xbf16>
// CHECK: vector.load %[[AP]][%{{[^,]+}}, %[[K]]] : memref<8x64xbf16>, vector<2xbf16>
// CHECK: x86vector.avx512.dot
// CHECK: scf.yield
// CHECK: vector.store %{{.*}}, %[[CP]][%[[BI]], %{{.*}}, %{{.*}}] : memref<3x8x32xf32>, vector<16xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
#ma = affine_map<(b, m, n, k) -> (m, k)>
#mb = affine_map<(b, m, n, k) -> (b, k, n)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @dot_bf16_shared_a(%a: tensor<8x40xbf16>, %b: tensor<3x40x20xbf16>, %c: tensor<3x8x20xf32>) -> tensor<3x8x20xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x40xbf16>, tensor<3x40x20xbf16>) outs(%c : tensor<3x8x20xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 64], registers = [8, 32]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<3x8x20xf32>
  return %0 : tensor<3x8x20xf32>
}

// -----

// AMX with A shared by all batches: each task packs its rows of A from (row, k), while the C and packed B
// tiles are loaded at the task's batch index.
// CHECK-LABEL: func.func @amx_shared_a
// CHECK-SAME: (%[[A:[^:]*]]: memref<16x32xbf16>, %{{[^:]*}}: memref<2x32x16xbf16>, %[[C:[^:]*]]: memref<2x16x16xf32>)
// CHECK: %[[PB:.*]] = memref.collapse_shape %{{.*}} {{\[\[}}0], [1, 2], [3, 4]] : memref<2x1x16x16x2xbf16> into memref<2x16x32xbf16>
// CHECK: scf.parallel (%[[BI:[^,]+]], %{{[^,]+}}, %{{[^)]+}}) =
// CHECK: vector.load %[[A]][%{{[^,]+}}, %{{[^]]+}}] : memref<16x32xbf16>, vector<32xbf16>
// CHECK: amx.tile_load %[[C]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x16x16xf32> into !amx.tile<16x16xf32>
// CHECK: amx.tile_load %[[PB]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x16x32xbf16> into !amx.tile<16x32xbf16>
// CHECK: amx.tile_mulf
// CHECK: amx.tile_store %[[C]][%[[BI]], %{{.*}}, %{{.*}}], %{{.*}} : memref<2x16x16xf32>, !amx.tile<16x16xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
#ma = affine_map<(b, m, n, k) -> (m, k)>
#mb = affine_map<(b, m, n, k) -> (b, k, n)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @amx_shared_a(%a: tensor<16x32xbf16>, %b: tensor<2x32x16xbf16>, %c: tensor<2x16x16xf32>) -> tensor<2x16x16xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x32xbf16>, tensor<2x32x16xbf16>) outs(%c : tensor<2x16x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x16x16xf32>
  return %0 : tensor<2x16x16xf32>
}

// -----

// From tensors: the zero-filled tensor.empty accumulator becomes a zero-filled allocation and the bias + relu
// a generic reading it, which the FMA kernel takes in (see lower-microkernels-fusion.mlir): no fill remains,
// the first K block stores, and the consumer runs inside the task loop on subviews.
// CHECK-LABEL: func.func @fma_fill_bias_relu
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : index
// CHECK-NEXT: scf.if %[[FIRST]] {
// CHECK-NOT: vector.load
// CHECK: vector.store
// CHECK: } else {
// CHECK: memref.subview
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: scf.reduce
// CHECK-NOT: linalg.
// CHECK: return
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @fma_fill_bias_relu(%a: tensor<16x64xf32>, %b: tensor<64x32xf32>, %bias: tensor<32xf32>) -> tensor<16x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x32xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<16x32xf32>) -> tensor<16x32xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [4, 32]>}
      ins(%a, %b : tensor<16x64xf32>, tensor<64x32xf32>) outs(%c : tensor<16x32xf32>) -> tensor<16x32xf32>
  %e2 = tensor.empty() : tensor<16x32xf32>
  %1 = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%0, %bias : tensor<16x32xf32>, tensor<32xf32>) outs(%e2 : tensor<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<16x32xf32>
  return %1 : tensor<16x32xf32>
}

// -----

// avx2_int8, s8 x u8 with B as [N, K]: per group of 16 packed rows, the 16 source rows (32 i8 = 16 k pairs each)
// are one 16x16 matrix of 16-bit units, transposed with 64 shuffles. M = 7: one block of mr = 6 rows, then one
// row; K = 64 in two K blocks of kc = 32. Each task widens its rows of A to i16 (sign-extended: A is s8) once
// per K block; the kernel loads each B row as 16 i8 zero-extended (B is u8) and broadcasts A's i16 pair as one
// 32-bit word; vpmaddwd sums the two exact products of each pair, and an add accumulates.
// CHECK-LABEL: func.func @avx2_int8_s8u8_transposed_b
// CHECK-SAME: (%[[A:[^:]*]]: memref<7x64xi8>, %[[B:[^:]*]]: memref<16x64xi8>, %[[C:[^:]*]]: memref<7x16xi32>)
// CHECK: %[[PB:.*]] = memref.alloc() {{.*}} : memref<1x32x16x2xi8>
// CHECK: %[[PBR:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x16x2xi8> into memref<1x32x32xi8>
// CHECK: scf.parallel
// CHECK-COUNT-16: vector.load %[[B]][%{{.*}}, %{{.*}}] : memref<16x64xi8>, vector<32xi8>
// CHECK-COUNT-64: vector.shuffle %{{.*}}, %{{.*}} [{{.*}}] : vector<16xi16>, vector<16xi16>
// CHECK-NOT: vector.shuffle
// CHECK: %[[LB:.*]] = vector.bitcast %{{.*}} : vector<16xi16> to vector<32xi8>
// CHECK: vector.store %[[LB]], %[[PBR]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<1x32x32xi8>, vector<32xi8>
// CHECK-COUNT-15: vector.store %{{.*}}, %[[PBR]]
// CHECK: scf.reduce
// CHECK: %[[PB2:.*]] = memref.collapse_shape %[[PB]] {{\[\[}}0], [1], [2, 3]] : memref<1x32x16x2xi8> into memref<1x32x32xi8>
// CHECK: scf.parallel
// CHECK: %[[WA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<12x32xi16>
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: scf.for %[[ROW:[^ ]+]] =
// CHECK: scf.for %[[J:[^ ]+]] =
// CHECK: %[[A8:.*]] = vector.load %[[A]][%{{.*}}, %{{.*}}] : memref<7x64xi8>, vector<16xi8>
// CHECK: %[[A16:.*]] = arith.extsi %[[A8]] : vector<16xi8> to vector<16xi16>
// CHECK: vector.store %[[A16]], %[[WA]][%[[ROW]], %[[J]]] : memref<12x32xi16>, vector<16xi16>
// CHECK: %[[R:.*]]:12 = scf.for %[[K:[^ ]+]] = {{.*}} -> (vector<8xi32>, vector<8xi32>,
// CHECK: %[[B8:.*]] = vector.load %[[PB2]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<1x32x32xi8>, vector<16xi8>
// CHECK: %[[B16:.*]] = arith.extui %[[B8]] : vector<16xi8> to vector<16xi16>
// CHECK: vector.load %[[PB2]]
// CHECK: arith.extui
// CHECK: %[[G:.*]] = vector.load %[[WA]][%{{.*}}, %{{.*}}] : memref<12x32xi16>, vector<2xi16>
// CHECK: %[[W:.*]] = vector.bitcast %[[G]] : vector<2xi16> to vector<1xi32>
// CHECK: %[[E:.*]] = vector.extract %[[W]][0] : i32 from vector<1xi32>
// CHECK: %[[S:.*]] = vector.broadcast %[[E]] : i32 to vector<8xi32>
// CHECK: %[[X:.*]] = vector.bitcast %[[S]] : vector<8xi32> to vector<16xi16>
// CHECK: %[[P:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[X]], %[[B16]]) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// CHECK: arith.addi %{{.*}}, %[[P]] : vector<8xi32>
// CHECK-COUNT-11: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// CHECK: scf.yield
// The last row: the one-row kernel, A from the same widened copy.
// CHECK: scf.for
// CHECK: %[[T:.*]]:2 = scf.for
// CHECK: vector.load %[[WA]][%{{.*}}, %{{.*}}] : memref<12x32xi16>, vector<2xi16>
// CHECK-COUNT-2: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// CHECK: memref.dealloc %[[WA]]
// CHECK-NOT: linalg.generic
// CHECK: return
#ma = affine_map<(m, n, k) -> (m, k)>
#mbt = affine_map<(m, n, k) -> (n, k)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @avx2_int8_s8u8_transposed_b(%a: tensor<7x64xi8>, %b: tensor<16x64xi8>, %c: tensor<7x16xi32>) -> tensor<7x16xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mbt, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<7x64xi8>, tensor<16x64xi8>) outs(%c : tensor<7x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_int8, cache = [12, 16, 32], registers = [6, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extsi %x : i8 to i32
    %ye = arith.extui %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<7x16xi32>
  return %0 : tensor<7x16xi32>
}

// -----

// A one-row (decode) block of 2 ymm vectors reads its K block in 4 segments side by side: seg = 70 / 4 = 17
// rows of the panel each, 8 accumulators (4 segments x 2 vectors) in the main loop, each segment's B rows
// and A element at k, k + seg, k + 2 seg, k + 3 seg; the segments' sums are added per vector, and a loop over
// the last 70 - 68 = 2 rows finishes from them.
// CHECK-LABEL: func.func @decode_four_segments
// CHECK-SAME: (%[[A:[^:]*]]: memref<1x70xf32>
// CHECK: %[[R:.*]]:8 = scf.for %[[K:[^ ]+]] = %[[K0:[^ ]+]] to %{{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK: memref.load %[[A]][%{{.*}}, %[[K]]] : memref<1x70xf32>
// CHECK-COUNT-2: vector.fma
// CHECK: %[[K1:.*]] = arith.addi %[[K]], %{{.*}} : index
// CHECK: memref.load %[[A]][%{{.*}}, %[[K1]]] : memref<1x70xf32>
// CHECK-COUNT-6: vector.fma
// CHECK-NEXT: scf.yield
// CHECK: %[[S0:.*]] = arith.addf %[[R]]#0, %[[R]]#2 : vector<8xf32>
// CHECK: %[[S1:.*]] = arith.addf %[[R]]#1, %[[R]]#3 : vector<8xf32>
// CHECK: %[[S2:.*]] = arith.addf %[[S0]], %[[R]]#4 : vector<8xf32>
// CHECK: %[[S3:.*]] = arith.addf %[[S1]], %[[R]]#5 : vector<8xf32>
// CHECK: %[[S4:.*]] = arith.addf %[[S2]], %[[R]]#6 : vector<8xf32>
// CHECK: %[[S5:.*]] = arith.addf %[[S3]], %[[R]]#7 : vector<8xf32>
// CHECK: %[[REST:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK: %[[FROM:.*]] = arith.addi %[[K0]], %[[REST]] : index
// CHECK: scf.for %{{.*}} = %[[FROM]] to %{{.*}} iter_args(%{{.*}} = %[[S4]], %{{.*}} = %[[S5]]) -> (vector<8xf32>, vector<8xf32>)
// CHECK-COUNT-2: vector.fma
// CHECK: scf.yield
// CHECK: return
func.func @decode_four_segments(%a: tensor<1x70xf32>, %b: tensor<70x16xf32>, %c: tensor<1x16xf32>) -> tensor<1x16xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [1, 16, 70], registers = [1, 16]>}
      ins(%a, %b : tensor<1x70xf32>, tensor<70x16xf32>) outs(%c : tensor<1x16xf32>) -> tensor<1x16xf32>
  return %0 : tensor<1x16xf32>
}

// -----

// Rows left after the whole 6-row blocks (5 of M = 11) run as blocks of 4, 2 and 1 rows, each taken when
// enough rows remain: 4 + 1 here. One row at a time would put them all on latency-bound one-row blocks.
// CHECK-LABEL: func.func @fma_tail_blocks
// CHECK: scf.parallel
// CHECK: %{{.*}}:6 = scf.for
// CHECK: %[[FITS4:.*]] = arith.cmpi uge, %{{.*}}, %c4{{[_0-9]*}} : index
// CHECK-NEXT: scf.if %[[FITS4]] -> (index) {
// CHECK: %{{.*}}:4 = scf.for
// CHECK: } else {
// CHECK: %[[FITS2:.*]] = arith.cmpi uge, %{{.*}}, %c2{{[_0-9]*}} : index
// CHECK-NEXT: scf.if %[[FITS2]] -> (index) {
// CHECK: %{{.*}}:2 = scf.for
// CHECK: %[[FITS1:.*]] = arith.cmpi uge, %{{.*}}, %c1{{[_0-9]*}} : index
// CHECK-NEXT: scf.if %[[FITS1]] -> (index) {
// CHECK: scf.reduce
// CHECK: return
func.func @fma_tail_blocks(%a: tensor<11x64xf32>, %b: tensor<64x16xf32>, %c: tensor<11x16xf32>) -> tensor<11x16xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [12, 16, 64], registers = [6, 16]>}
      ins(%a, %b : tensor<11x64xf32>, tensor<64x16xf32>) outs(%c : tensor<11x16xf32>) -> tensor<11x16xf32>
  return %0 : tensor<11x16xf32>
}

// -----

// In place (the strided-b run): an f32 B[64, 128]: N is a multiple of nr = 64 and the row pitch (512 bytes) is not a
// multiple of 1 KiB, so the panels [2, 64, 64] are a strided view of B (no copy, no packed buffer), and the
// kernel loads each k row of a panel straight from B.
// STRIDED-LABEL: func.func @fma_strided_b
// STRIDED-SAME: %[[B:[^:]*]]: memref<64x128xf32>
// STRIDED-NOT: memref.alloc() {{.*}} : memref<2x64x64xf32>
// STRIDED: %[[SPLIT:.*]] = memref.expand_shape %[[B]] {{\[\[}}0], [1, 2]] output_shape [64, 2, 64] : memref<64x128xf32> into memref<64x2x64xf32>
// STRIDED: %[[PANELS:.*]] = memref.transpose %[[SPLIT]] (d0, d1, d2) -> (d1, d0, d2) : memref<64x2x64xf32> to memref<2x64x64xf32, strided<[64, 128, 1]>>
// STRIDED: scf.parallel
// STRIDED: vector.load %[[PANELS]][%{{.*}}, %{{.*}}, %{{.*}}] : memref<2x64x64xf32, strided<[64, 128, 1]>>, vector<16xf32>
// STRIDED: scf.reduce
// STRIDED-LABEL: func.func @fma_pitch_4k
// A 4 KiB row pitch (N = 1024) would put a panel's rows in the same L1 sets: B is copied into panels.
// STRIDED: memref.alloc() {{.*}} : memref<16x64x64xf32>
// STRIDED-NOT: memref.transpose
func.func @fma_strided_b(%a: tensor<12x64xf32>, %b: tensor<64x128xf32>, %c: tensor<12x128xf32>) -> tensor<12x128xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [12, 128, 64], registers = [6, 64]>}
      ins(%a, %b : tensor<12x64xf32>, tensor<64x128xf32>) outs(%c : tensor<12x128xf32>) -> tensor<12x128xf32>
  return %0 : tensor<12x128xf32>
}

// -----

func.func @fma_pitch_4k(%a: tensor<12x64xf32>, %b: tensor<64x1024xf32>, %c: tensor<12x1024xf32>) -> tensor<12x1024xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [12, 512, 64], registers = [6, 64]>}
      ins(%a, %b : tensor<12x64xf32>, tensor<64x1024xf32>) outs(%c : tensor<12x1024xf32>) -> tensor<12x1024xf32>
  return %0 : tensor<12x1024xf32>
}

// -----

// Windows of one B (a convolution's taps on its padded input, see buildConv2DAsTapContractions): each window
// has unit-stride rows 800 bytes apart, so its panels are a strided view of B too, offset included. Both
// contractions accumulate into the same C: one kernel, whose register blocks run the K loop of the first tap
// and then, from its accumulators, that of the second, and store C once.
// STRIDED-LABEL: func.func @fma_windows_of_b
// STRIDED-SAME: %[[B:[^:]*]]: memref<64x200xf32>
// STRIDED-NOT: memref.alloc() {{.*}} : memref<8x64x16xf32>
// STRIDED: %[[W0:.*]] = memref.subview %[[B]][0, 0] [64, 128] [1, 1]
// STRIDED: %[[W1:.*]] = memref.subview %[[B]][0, 3] [64, 128] [1, 1] : memref<64x200xf32> to memref<64x128xf32, strided<[200, 1], offset: 3>>
// STRIDED: %[[S0:.*]] = memref.expand_shape %[[W0]] {{\[\[}}0], [1, 2]] output_shape [64, 8, 16]
// STRIDED: %[[P0:.*]] = memref.transpose %[[S0]] (d0, d1, d2) -> (d1, d0, d2)
// STRIDED: %[[S1:.*]] = memref.expand_shape %[[W1]] {{\[\[}}0], [1, 2]] output_shape [64, 8, 16] : memref<64x128xf32, strided<[200, 1], offset: 3>> into memref<64x8x16xf32, strided<[200, 16, 1], offset: 3>>
// STRIDED: %[[P1:.*]] = memref.transpose %[[S1]] (d0, d1, d2) -> (d1, d0, d2)
// STRIDED: scf.parallel
// STRIDED: %[[ACC:.*]]:12 = scf.for
// STRIDED: vector.load %[[P0]]{{.*}} : memref<8x64x16xf32, strided<[16, 200, 1]>>, vector<8xf32>
// STRIDED: scf.for %{{.*}} iter_args(%{{.*}} = %[[ACC]]#0,
// STRIDED: vector.load %[[P1]]
// STRIDED-NOT: scf.parallel
// STRIDED-NOT: memref.alloc() {{.*}} : memref<8x64x16xf32>
func.func @fma_windows_of_b(%a: tensor<12x64xf32>, %a2: tensor<12x64xf32>, %b: tensor<64x200xf32>, %c: tensor<12x128xf32>) -> tensor<12x128xf32> {
  %w0 = tensor.extract_slice %b[0, 0] [64, 128] [1, 1] : tensor<64x200xf32> to tensor<64x128xf32>
  %w1 = tensor.extract_slice %b[0, 3] [64, 128] [1, 1] : tensor<64x200xf32> to tensor<64x128xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [12, 128, 64], registers = [6, 16]>}
      ins(%a, %w0 : tensor<12x64xf32>, tensor<64x128xf32>) outs(%c : tensor<12x128xf32>) -> tensor<12x128xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [12, 128, 64], registers = [6, 16]>}
      ins(%a2, %w1 : tensor<12x64xf32>, tensor<64x128xf32>) outs(%0 : tensor<12x128xf32>) -> tensor<12x128xf32>
  return %1 : tensor<12x128xf32>
}

// -----

// The same with bf16 dot products (VNNI pairs): the two windows are packed once, as one 160-column panel of
// pairs covering both ([K/2, 160, 2]; offsets 0 and 3, 128 columns each, rounded up to whole 32-column blocks),
// and each tap reads its window of it as [N/32, K/2, 32, 2] panels; then one kernel for both taps.
// STRIDED-LABEL: func.func @dot_windows_of_b
// STRIDED-SAME: %[[B:[^:]*]]: memref<64x200xbf16>
// STRIDED-NOT: memref<4x32x32x2xbf16>
// STRIDED: %[[WIDE:.*]] = memref.subview %[[B]][0, 0] [64, 160] [1, 1]
// STRIDED: %[[PACKED:.*]] = memref.alloc() {alignment = 64 : i64} : memref<32x160x2xbf16>
// STRIDED: scf.parallel
// STRIDED: vector.load %[[WIDE]]
// STRIDED: memref.subview %[[PACKED]][0, 0, 0] [32, 128, 2] [1, 1, 1]
// STRIDED: %[[V1:.*]] = memref.subview %[[PACKED]][0, 3, 0] [32, 128, 2] [1, 1, 1] : memref<32x160x2xbf16> to memref<32x128x2xbf16, strided<[320, 2, 1], offset: 6>>
// STRIDED: %[[E1:.*]] = memref.expand_shape %[[V1]] {{\[\[}}0], [1, 2], [3]] output_shape [32, 4, 32, 2]
// STRIDED: memref.transpose %[[E1]] (d0, d1, d2, d3) -> (d1, d0, d2, d3) {{.*}} to memref<4x32x32x2xbf16, strided<[64, 320, 2, 1], offset: 6>>
// STRIDED: scf.parallel
// STRIDED: x86vector.avx512.dot
// STRIDED: x86vector.avx512.dot
// STRIDED-NOT: scf.parallel
// STRIDED: memref.dealloc %[[PACKED]]
// STRIDED-NOT: memref<4x32x32x2xbf16>
func.func @dot_windows_of_b(%a: tensor<16x64xbf16>, %a2: tensor<16x64xbf16>, %b: tensor<64x200xbf16>, %c: tensor<16x128xf32>) -> tensor<16x128xf32> {
  %w0 = tensor.extract_slice %b[0, 0] [64, 128] [1, 1] : tensor<64x200xbf16> to tensor<64x128xbf16>
  %w1 = tensor.extract_slice %b[0, 3] [64, 128] [1, 1] : tensor<64x200xbf16> to tensor<64x128xbf16>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [16, 128, 64], registers = [8, 32]>}
      ins(%a, %w0 : tensor<16x64xbf16>, tensor<64x128xbf16>) outs(%c : tensor<16x128xf32>) -> tensor<16x128xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [16, 128, 64], registers = [8, 32]>}
      ins(%a2, %w1 : tensor<16x64xbf16>, tensor<64x128xbf16>) outs(%0 : tensor<16x128xf32>) -> tensor<16x128xf32>
  return %1 : tensor<16x128xf32>
}

// -----

// Windows too close to the end of B for one wide panel (3 + 128 columns round up to 160 > 140): each tap
// keeps its own packing copy, and the copy between the two contractions keeps them two kernels.
// STRIDED-LABEL: func.func @dot_windows_past_the_end
// STRIDED-COUNT-2: memref.alloc() {alignment = 64 : i64} : memref<4x32x32x2xbf16>
// STRIDED-NOT: memref<32x160x2xbf16>
func.func @dot_windows_past_the_end(%a: tensor<16x64xbf16>, %a2: tensor<16x64xbf16>, %b: tensor<64x140xbf16>, %c: tensor<16x128xf32>) -> tensor<16x128xf32> {
  %w0 = tensor.extract_slice %b[0, 0] [64, 128] [1, 1] : tensor<64x140xbf16> to tensor<64x128xbf16>
  %w1 = tensor.extract_slice %b[0, 3] [64, 128] [1, 1] : tensor<64x140xbf16> to tensor<64x128xbf16>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [16, 128, 64], registers = [8, 32]>}
      ins(%a, %w0 : tensor<16x64xbf16>, tensor<64x128xbf16>) outs(%c : tensor<16x128xf32>) -> tensor<16x128xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [16, 128, 64], registers = [8, 32]>}
      ins(%a2, %w1 : tensor<16x64xbf16>, tensor<64x128xbf16>) outs(%0 : tensor<16x128xf32>) -> tensor<16x128xf32>
  return %1 : tensor<16x128xf32>
}

// -----

// Two contractions into different C's are two kernels.
// STRIDED-LABEL: func.func @fma_windows_into_two_c
// STRIDED-COUNT-2: scf.parallel
// STRIDED-NOT: scf.parallel
func.func @fma_windows_into_two_c(%a: tensor<12x64xf32>, %b: tensor<64x200xf32>, %c: tensor<12x128xf32>, %d: tensor<12x128xf32>) -> (tensor<12x128xf32>, tensor<12x128xf32>) {
  %w0 = tensor.extract_slice %b[0, 0] [64, 128] [1, 1] : tensor<64x200xf32> to tensor<64x128xf32>
  %w1 = tensor.extract_slice %b[0, 3] [64, 128] [1, 1] : tensor<64x200xf32> to tensor<64x128xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [12, 128, 64], registers = [6, 16]>}
      ins(%a, %w0 : tensor<12x64xf32>, tensor<64x128xf32>) outs(%c : tensor<12x128xf32>) -> tensor<12x128xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [12, 128, 64], registers = [6, 16]>}
      ins(%a, %w1 : tensor<12x64xf32>, tensor<64x128xf32>) outs(%d : tensor<12x128xf32>) -> tensor<12x128xf32>
  return %0, %1 : tensor<12x128xf32>, tensor<12x128xf32>
}
