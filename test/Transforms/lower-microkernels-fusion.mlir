// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-lower-microkernels))' \
// RUN:   | FileCheck %s --implicit-check-not=inductor.lowering_config
// The vector kernels take C's neighbours into their tasks: a zero fill of C before the packed contraction is
// dropped (the first K block stores the accumulators instead of adding them to C), and the one elementwise
// consumer of C runs per task on the task's tile, right after its last K block. The inputs are written on
// buffers as bufferization (and canonicalize) leaves them: C a local allocation, packed B given.

// avx512_fma, M = 10 in M tasks of 8 and 2 rows (register blocks of 4 rows, then one-row tails), N = 32 in
// two tasks of nc = 16, K = 64 in two K blocks of kc = 32. The zero fill of C is gone: both kernels store their accumulators in
// the first K block (k0 == 0) and add them to C in the others. The bias + relu consumer runs per task on
// subviews at the task's offsets (rows [m0, m0 + rows), columns [n0, min(n0 + nc, 32))), after the K loop
// and inside the scf.parallel; its output allocation moves above the kernel. C's dealloc stays.
// CHECK-LABEL: func.func @fma_bias_relu
// CHECK-SAME: (%[[A:[^:]*]]: memref<10x64xf32>, %{{[^:]*}}: memref<2x64x16xf32>, %[[BIAS:[^:]*]]: memref<32xf32>)
// CHECK-NOT: linalg.fill
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<10x32xf32>
// CHECK-NEXT: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<10x32xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel (%[[MT:[^,]+]], %[[NT:[^)]+]]) =
// CHECK: %[[M0:.*]] = arith.muli %[[MT]], %{{.*}} : index
// CHECK: %[[N0:.*]] = arith.muli %[[NT]], %{{.*}} : index
// CHECK: %[[ROWS:.*]] = arith.subi %{{.*}}, %[[M0]] : index
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: %[[R:.*]]:4 = scf.for
// CHECK: scf.yield
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[K0]], %{{.*}} : index
// CHECK-NEXT: scf.if %[[FIRST]] {
// CHECK-NOT: vector.load
// CHECK: vector.store %[[R]]#0, %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK-NOT: vector.load
// CHECK: vector.store %[[R]]#3, %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK-NEXT: } else {
// CHECK: %[[OLD:.*]] = vector.load %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[OLD]], %[[R]]#0 : vector<16xf32>
// CHECK: vector.store %[[SUM]], %[[C]][%{{.*}}, %{{.*}}] : memref<10x32xf32>, vector<16xf32>
// CHECK-COUNT-3: arith.addf %{{.*}}, %[[R]]#
// The one-row tail kernel, the same way.
// CHECK: %[[T:.*]] = scf.for {{.*}} -> (vector<16xf32>)
// CHECK: %[[TFIRST:.*]] = arith.cmpi eq, %[[K0]], %{{.*}} : index
// CHECK-NEXT: scf.if %[[TFIRST]] {
// CHECK-NOT: vector.load
// CHECK: vector.store %[[T]], %[[C]]
// CHECK-NEXT: } else {
// CHECK: %[[TOLD:.*]] = vector.load %[[C]]
// CHECK: arith.addf %[[TOLD]], %[[T]] : vector<16xf32>
// The epilogue, after the K loop: the columns clipped to the consumer's N (here N' = 32 as well).
// CHECK: %[[CLIP:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK: %[[COLS:.*]] = arith.subi %[[CLIP]], %[[N0]] : index
// CHECK: %[[CV:.*]] = memref.subview %[[C]][%[[M0]], %[[N0]]] [%[[ROWS]], %[[COLS]]] [1, 1] : memref<10x32xf32> to memref<?x?xf32, strided<[32, 1], offset: ?>>
// CHECK: %[[BV:.*]] = memref.subview %[[BIAS]][%[[N0]]] [%[[COLS]]] [1] : memref<32xf32> to memref<?xf32, strided<[1], offset: ?>>
// CHECK: %[[OV:.*]] = memref.subview %[[OUT]][%[[M0]], %[[N0]]] [%[[ROWS]], %[[COLS]]] [1, 1] : memref<10x32xf32> to memref<?x?xf32, strided<[32, 1], offset: ?>>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[CV]], %[[BV]] : memref<?x?xf32, strided<[32, 1], offset: ?>>, memref<?xf32, strided<[1], offset: ?>>) outs(%[[OV]] : memref<?x?xf32, strided<[32, 1], offset: ?>>)
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: memref.dealloc %[[C]] : memref<10x32xf32>
// CHECK-NEXT: return %[[OUT]]
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @fma_bias_relu(%a: memref<10x64xf32>, %pb: memref<2x64x16xf32>, %bias: memref<32xf32>) -> memref<10x32xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<10x32xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<10x32xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<10x64xf32>, memref<2x64x16xf32>) outs(%c : memref<10x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [4, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %out = memref.alloc() {alignment = 64 : i64} : memref<10x32xf32>
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c, %bias : memref<10x32xf32>, memref<32xf32>) outs(%out : memref<10x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  memref.dealloc %c : memref<10x32xf32>
  return %out : memref<10x32xf32>
}

// -----

// avx512_vnni (u8 x s8 -> i32), K = 128 in two K blocks: the i32 accumulators are stored in the first K
// block and added to C with integer adds in the second. The dequantizing consumer (i32 -> f32, times a
// per-column scale of shape [1, N] read through a constant-0 row) is fused: the scale's subview is row 0,
// one row high. The constant the consumer's body captures, defined after the contraction, moves above it.
// M is dynamic: the consumer's output allocation takes its size from a value defined before the kernel.
// CHECK-LABEL: func.func @vnni_dequant
// CHECK-SAME: (%{{[^:]*}}: memref<?x128xi8>, %{{[^:]*}}: memref<1x32x16x4xi8>, %[[SCALE:[^:]*]]: memref<1x16xf32>, %[[M:[^:]*]]: index)
// CHECK-NOT: linalg.fill
// CHECK: %[[C:.*]] = memref.alloc(%[[M]]) {alignment = 64 : i64} : memref<?x16xi32>
// CHECK: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[OUT:.*]] = memref.alloc(%[[M]]) : memref<?x16xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel (%[[MT:[^,]+]], %[[NT:[^)]+]]) =
// CHECK: %[[M0:.*]] = arith.muli %[[MT]], %{{.*}} : index
// CHECK: %[[N0:.*]] = arith.muli %[[NT]], %{{.*}} : index
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: %[[R:.*]] = scf.for {{.*}} -> (vector<16xi32>)
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK: scf.yield
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[K0]], %{{.*}} : index
// CHECK-NEXT: scf.if %[[FIRST]] {
// CHECK-NOT: vector.load
// CHECK: vector.store %[[R]], %[[C]][%{{.*}}, %{{.*}}] : memref<?x16xi32>, vector<16xi32>
// CHECK-NEXT: } else {
// CHECK: %[[OLD:.*]] = vector.load %[[C]][%{{.*}}, %{{.*}}] : memref<?x16xi32>, vector<16xi32>
// CHECK: %[[SUM:.*]] = arith.addi %[[OLD]], %[[R]] : vector<16xi32>
// CHECK: vector.store %[[SUM]], %[[C]][%{{.*}}, %{{.*}}] : memref<?x16xi32>, vector<16xi32>
// CHECK: %[[CV:.*]] = memref.subview %[[C]][%[[M0]], %[[N0]]] [%{{.*}}, %{{.*}}] [1, 1] : memref<?x16xi32> to memref<?x?xi32, strided<[16, 1], offset: ?>>
// CHECK: %[[SV:.*]] = memref.subview %[[SCALE]][0, %[[N0]]] [1, %{{.*}}] [1, 1] : memref<1x16xf32> to memref<1x?xf32, strided<[16, 1], offset: ?>>
// CHECK: %[[OV:.*]] = memref.subview %[[OUT]][%[[M0]], %[[N0]]] [%{{.*}}, %{{.*}}] [1, 1] : memref<?x16xf32> to memref<?x?xf32, strided<[16, 1], offset: ?>>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[CV]], %[[SV]] : {{.*}}) outs(%[[OV]] : {{.*}})
// CHECK: %[[F:.*]] = arith.sitofp %{{.*}} : i32 to f32
// CHECK: %[[S:.*]] = arith.mulf %[[F]], %{{.*}} : f32
// CHECK: arith.mulf %[[S]], %[[HALF]] : f32
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return %[[OUT]]
#pa = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 4 + d4)>
#pb = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
#pc = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#row0 = affine_map<(d0, d1) -> (0, d1)>
func.func @vnni_dequant(%a: memref<?x128xi8>, %pb: memref<1x32x16x4xi8>, %scale: memref<1x16xf32>, %m: index) -> memref<?x16xf32> {
  %zero = arith.constant 0 : i32
  %c = memref.alloc(%m) {alignment = 64 : i64} : memref<?x16xi32>
  linalg.fill ins(%zero : i32) outs(%c : memref<?x16xi32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
      ins(%a, %pb : memref<?x128xi8>, memref<1x32x16x4xi8>) outs(%c : memref<?x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 16, 64], registers = [1, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  }
  %half = arith.constant 0.5 : f32
  %out = memref.alloc(%m) : memref<?x16xf32>
  linalg.generic {indexing_maps = [#id, #row0, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c, %scale : memref<?x16xi32>, memref<1x16xf32>) outs(%out : memref<?x16xf32>) {
  ^bb0(%x: i32, %y: f32, %o: f32):
    %f = arith.sitofp %x : i32 to f32
    %s = arith.mulf %f, %y : f32
    %h = arith.mulf %s, %half : f32
    linalg.yield %h : f32
  }
  return %out : memref<?x16xf32>
}

// -----

// avx512_bf16 with N = 20 padded to N' = 32 (as inductor-pack-contractions and bufferization leave it): the
// consumer reads C through its leading [0, 0] subview of 20 columns. The fused clone views C itself at the
// task's offsets, with the columns clipped to the consumer's 20: min(n0 + nc, 32, 20) - n0 (4 columns for
// the second task, n0 = 16).
// CHECK-LABEL: func.func @dot_bf16_padded_c
// CHECK-SAME: (%{{[^:]*}}: memref<16x64xbf16>, %{{[^:]*}}: memref<2x32x16x2xbf16>, %[[BIAS:[^:]*]]: memref<20xf32>)
// CHECK-NOT: linalg.fill
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16x32xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel (%[[MT:[^,]+]], %[[NT:[^)]+]]) =
// CHECK: %[[M0:.*]] = arith.muli %[[MT]], %{{.*}} : index
// CHECK: %[[N0:.*]] = arith.muli %[[NT]], %{{.*}} : index
// CHECK: %[[NEND:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: x86vector.avx512.dot
// CHECK: arith.cmpi eq, %[[K0]], %{{.*}} : index
// CHECK-NEXT: scf.if
// CHECK: } else {
// CHECK: arith.addf
// CHECK: %[[C20:.*]] = arith.constant 20 : index
// CHECK: %[[CLIP:.*]] = arith.minsi %[[NEND]], %[[C20]] : index
// CHECK: %[[COLS:.*]] = arith.subi %[[CLIP]], %[[N0]] : index
// CHECK: %[[CV:.*]] = memref.subview %[[C]][%[[M0]], %[[N0]]] [%{{.*}}, %[[COLS]]] [1, 1] : memref<16x32xf32> to memref<?x?xf32, strided<[32, 1], offset: ?>>
// CHECK: %[[BV:.*]] = memref.subview %[[BIAS]][%[[N0]]] [%[[COLS]]] [1]
// CHECK: %[[OV:.*]] = memref.subview %{{.*}}[%[[M0]], %[[N0]]] [%{{.*}}, %[[COLS]]] [1, 1] : memref<16x20xf32> to memref<?x?xf32, strided<[20, 1], offset: ?>>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[CV]], %[[BV]] : {{.*}}) outs(%[[OV]] : {{.*}})
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 2 + d4)>
#pb = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
#pc = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @dot_bf16_padded_c(%a: memref<16x64xbf16>, %pb: memref<2x32x16x2xbf16>, %bias: memref<20xf32>) -> memref<16x20xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<16x32xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<16x32xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
      ins(%a, %pb : memref<16x64xbf16>, memref<2x32x16x2xbf16>) outs(%c : memref<16x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [16, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %v = memref.subview %c[0, 0] [16, 20] [1, 1] : memref<16x32xf32> to memref<16x20xf32, strided<[32, 1]>>
  %out = memref.alloc() {alignment = 64 : i64} : memref<16x20xf32>
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%v, %bias : memref<16x20xf32, strided<[32, 1]>>, memref<20xf32>) outs(%out : memref<16x20xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return %out : memref<16x20xf32>
}

// -----

// A convolution as a contraction: the weights A[M = Cout, K] shared by every image, the patches B[b, K, N] and
// C[b, M, N] batched. The bias per output channel (a row of C) is fused: every subview is at the task's
// batch index, the bias's at the task's rows. A is read without the batch index.
// CHECK-LABEL: func.func @conv_bias
// CHECK-SAME: (%[[A:[^:]*]]: memref<8x16xf32>, %[[PB:[^:]*]]: memref<2x1x16x16xf32>, %[[BIAS:[^:]*]]: memref<8xf32>)
// CHECK-NOT: linalg.fill
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x8x16xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel (%[[BI:[^,]+]], %[[MT:[^,]+]], %[[NT:[^)]+]]) =
// CHECK: %[[M0:.*]] = arith.muli %[[MT]], %{{.*}} : index
// CHECK: %[[N0:.*]] = arith.muli %[[NT]], %{{.*}} : index
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: vector.load %[[PB]][%[[BI]], %{{.*}}, %{{.*}}, %{{.*}}] : memref<2x1x16x16xf32>, vector<16xf32>
// CHECK: memref.load %[[A]][%{{[^,]*}}, %{{[^,]*}}] : memref<8x16xf32>
// CHECK: arith.cmpi eq, %[[K0]], %{{.*}} : index
// CHECK-NEXT: scf.if
// CHECK-NOT: vector.load
// CHECK: vector.store %{{.*}}, %[[C]][%[[BI]], %{{.*}}, %{{.*}}] : memref<2x8x16xf32>, vector<16xf32>
// CHECK: } else {
// The epilogue runs on the tile without its unit batch dim (LLVM left a [1, rows, cols] loop nest scalar).
// CHECK: %[[CV:.*]] = memref.subview %[[C]][%[[BI]], %[[M0]], %[[N0]]] [1, %{{.*}}, %{{.*}}] [1, 1, 1] : memref<2x8x16xf32> to memref<?x?xf32, strided<[16, 1], offset: ?>>
// CHECK: %[[BV:.*]] = memref.subview %[[BIAS]][%[[M0]]] [%{{.*}}] [1] : memref<8xf32> to memref<?xf32, strided<[1], offset: ?>>
// CHECK: %[[OV:.*]] = memref.subview %{{.*}}[%[[BI]], %[[M0]], %[[N0]]] [1, %{{.*}}, %{{.*}}] [1, 1, 1] : memref<2x8x16xf32> to memref<?x?xf32, strided<[16, 1], offset: ?>>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[CV]], %[[BV]] : {{.*}}) outs(%[[OV]] : {{.*}})
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3, d4) -> (d1, d3)>
#pb = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d3, d4)>
#pc = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2 * 16 + d4)>
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#chan = affine_map<(d0, d1, d2) -> (d1)>
func.func @conv_bias(%a: memref<8x16xf32>, %pb: memref<2x1x16x16xf32>, %bias: memref<8xf32>) -> memref<2x8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<2x8x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<2x8x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x16xf32>, memref<2x1x16x16xf32>) outs(%c : memref<2x8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 16], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %out = memref.alloc() {alignment = 64 : i64} : memref<2x8x16xf32>
  linalg.generic {indexing_maps = [#id, #chan, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%c, %bias : memref<2x8x16xf32>, memref<8xf32>) outs(%out : memref<2x8x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return %out : memref<2x8x16xf32>
}

// -----

// avx2_fma: the zero fill goes without a consumer too (C is returned, which is not an elementwise consumer).
// CHECK-LABEL: func.func @avx2_fill_only
// CHECK-NOT: linalg.fill
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<6x16xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: scf.for %[[K0:[^ ]+]] =
// CHECK: %[[R:.*]]:12 = scf.for
// CHECK: vector.fma {{.*}} : vector<8xf32>
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[K0]], %{{.*}} : index
// CHECK-NEXT: scf.if %[[FIRST]] {
// CHECK-NOT: vector.load
// CHECK: vector.store %[[R]]#11, %[[C]][%{{.*}}, %{{.*}}] : memref<6x16xf32>, vector<8xf32>
// CHECK-NEXT: } else {
// CHECK-COUNT-12: arith.addf {{.*}} : vector<8xf32>
// CHECK: scf.reduce
// CHECK-NOT: linalg.
// CHECK: return %[[C]]
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
func.func @avx2_fill_only(%a: memref<6x64xf32>, %pb: memref<1x64x16xf32>) -> memref<6x16xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<6x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<6x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<6x64xf32>, memref<1x64x16xf32>) outs(%c : memref<6x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 16, 32], registers = [6, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return %c : memref<6x16xf32>
}

// -----

// C is the [6, 16] view of a [6, 4, 4] allocation that a later op reads directly (a batch norm reading a
// convolution's NCHW result): the zero fill still goes, since nothing touches the buffer, through any view,
// before the contraction; that later op is not an epilogue (C is not the only view of its buffer).
// CHECK-LABEL: func.func @fill_dropped_other_view_after
// CHECK-NOT: linalg.fill
// CHECK: %[[BUF:.*]] = memref.alloc() {alignment = 64 : i64} : memref<6x4x4xf32>
// CHECK: %[[C:.*]] = memref.collapse_shape %[[BUF]]
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : index
// CHECK-NEXT: scf.if %[[FIRST]] {
// CHECK-NOT: vector.load
// CHECK: vector.store %{{.*}}, %[[C]][%{{.*}}, %{{.*}}] : memref<6x16xf32>, vector<8xf32>
// CHECK: scf.reduce
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[BUF]] : memref<6x4x4xf32>)
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @fill_dropped_other_view_after(%a: memref<6x64xf32>, %pb: memref<1x64x16xf32>) -> memref<6x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %buf = memref.alloc() {alignment = 64 : i64} : memref<6x4x4xf32>
  %c = memref.collapse_shape %buf [[0], [1, 2]] : memref<6x4x4xf32> into memref<6x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<6x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<6x64xf32>, memref<1x64x16xf32>) outs(%c : memref<6x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 16, 32], registers = [6, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %out = memref.alloc() {alignment = 64 : i64} : memref<6x4x4xf32>
  linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%buf : memref<6x4x4xf32>) outs(%out : memref<6x4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  }
  memref.dealloc %buf : memref<6x4x4xf32>
  return %out : memref<6x4x4xf32>
}

// -----

// The AMX kernels take the fill and the consumer too: the first K block starts its accumulator tiles
// from zero (tile_zero) instead of loading C, the later blocks load C, and each task runs the consumer on
// its C tile after its last K block. Tiles do not cross the branch: each side is a whole block.
// CHECK-LABEL: func.func @amx_fusion
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %{{.*}}, %c0{{.*}} : index
// CHECK: scf.if %[[FIRST]] {
// CHECK: %[[Z:.*]] = amx.tile_zero : !amx.tile<16x16xf32>
// CHECK: scf.for {{.*}} iter_args(%{{[^ ]*}} = %[[Z]],
// CHECK: amx.tile_mulf
// CHECK: amx.tile_store %[[C]]
// CHECK: } else {
// CHECK: %[[L:.*]] = amx.tile_load %[[C]]
// CHECK: scf.for {{.*}} iter_args(%{{[^ ]*}} = %[[L]],
// CHECK: amx.tile_store %[[C]]
// CHECK: }
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : memref<?x?xf32, strided<[16, 1], offset: ?>>)
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return %[[OUT:.*]]
#pa = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 2 + d4)>
#pb = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
#pc = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @amx_fusion(%a: memref<16x32xbf16>, %pb: memref<1x16x16x2xbf16>) -> memref<16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<16x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
      ins(%a, %pb : memref<16x32xbf16>, memref<1x16x16x2xbf16>) outs(%c : memref<16x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %out = memref.alloc() : memref<16x16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<16x16xf32>) outs(%out : memref<16x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  }
  return %out : memref<16x16xf32>
}

// -----

// C is a function argument (the caller may read it): neither its fill nor its consumer moves.
// CHECK-LABEL: func.func @c_argument
// CHECK-SAME: %[[C:[^:]*]]: memref<8x16xf32>, %[[OUT:[^:]*]]: memref<8x16xf32>)
// CHECK-NEXT: arith.constant
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[C]] : memref<8x16xf32>)
// CHECK: scf.parallel
// CHECK-NOT: arith.cmpi eq
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[C]] : memref<8x16xf32>) outs(%[[OUT]] : memref<8x16xf32>)
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @c_argument(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>, %c: memref<8x16xf32>, %out: memref<8x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<8x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<8x16xf32>) outs(%out : memref<8x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Two readers of C: the first one (the next op that touches memory) moves into the tasks; the second one
// stays after the kernel, where every task is done and C is what it was. The zero fill goes too: nothing uses
// C between the fill and the contraction.
// CHECK-LABEL: func.func @two_readers
// CHECK-NOT: linalg.fill
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: arith.cmpi eq
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}} : memref<?x?xf32, strided<[16, 1], offset: ?>>)
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[C]] : memref<8x16xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @two_readers(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>) -> (memref<8x16xf32>, memref<8x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %out0 = memref.alloc() : memref<8x16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<8x16xf32>) outs(%out0 : memref<8x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  }
  %out1 = memref.alloc() : memref<8x16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<8x16xf32>) outs(%out1 : memref<8x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.minimumf %x, %zero : f32
    linalg.yield %r : f32
  }
  return %out0, %out1 : memref<8x16xf32>, memref<8x16xf32>
}

// -----

// A memref.copy between the contraction and the consumer (it may write what the consumer reads): the
// consumer stays after the copy.
// CHECK-LABEL: func.func @copy_between
// CHECK-SAME: %[[X:[^:]*]]: memref<16xf32>, %[[Y:[^:]*]]: memref<16xf32>)
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: memref.copy %[[X]], %[[Y]]
// CHECK-NEXT: %[[OUT:.*]] = memref.alloc() : memref<8x16xf32>
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[C]], %[[Y]] : memref<8x16xf32>, memref<16xf32>) outs(%[[OUT]] : memref<8x16xf32>)
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @copy_between(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>, %src: memref<16xf32>, %addend: memref<16xf32>) -> memref<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %w: f32, %o: f32):
    %p = arith.mulf %x, %w : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  memref.copy %src, %addend : memref<16xf32> to memref<16xf32>
  %out = memref.alloc() : memref<8x16xf32>
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c, %addend : memref<8x16xf32>, memref<16xf32>) outs(%out : memref<8x16xf32>) {
  ^bb0(%a0: f32, %b0: f32, %o: f32):
    %s = arith.addf %a0, %b0 : f32
    linalg.yield %s : f32
  }
  return %out : memref<8x16xf32>
}

// -----

// The same for another linalg op writing memory in between (a fill of the consumer's other input).
// CHECK-LABEL: func.func @linalg_op_between
// CHECK-SAME: %[[Y:[^:]*]]: memref<16xf32>)
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[Y]] : memref<16xf32>)
// CHECK-NEXT: %[[OUT:.*]] = memref.alloc() : memref<8x16xf32>
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[C]], %[[Y]] : memref<8x16xf32>, memref<16xf32>) outs(%[[OUT]] : memref<8x16xf32>)
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @linalg_op_between(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>, %y: memref<16xf32>) -> memref<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y0: f32, %o: f32):
    %p = arith.mulf %x, %y0 : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  linalg.fill ins(%one : f32) outs(%y : memref<16xf32>)
  %out = memref.alloc() : memref<8x16xf32>
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c, %y : memref<8x16xf32>, memref<16xf32>) outs(%out : memref<8x16xf32>) {
  ^bb0(%a0: f32, %b0: f32, %o: f32):
    %s = arith.addf %a0, %b0 : f32
    linalg.yield %s : f32
  }
  return %out : memref<8x16xf32>
}

// -----

// A consumer with a reduction (a row sum of C) needs whole rows, which no task has: it stays.
// CHECK-LABEL: func.func @reduction_consumer
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK-SAME: ins(%[[C]] : memref<8x16xf32>)
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#rows = affine_map<(d0, d1) -> (d0)>
func.func @reduction_consumer(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>, %sum: memref<8xf32>) {
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #rows], iterator_types = ["parallel", "reduction"]}
      ins(%c : memref<8x16xf32>) outs(%sum : memref<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %o, %x : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<8x16xf32>
  return
}

// -----

// A consumer using linalg.index would see the tile's indices, not C's: it stays.
// CHECK-LABEL: func.func @index_consumer
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[C]] : memref<8x16xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: linalg.index 1 : index
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @index_consumer(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>, %out: memref<8x16xf32>) {
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<8x16xf32>) outs(%out : memref<8x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %s = arith.addf %x, %jf : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<8x16xf32>
  return
}

// -----

// A consumer reading C transposed needs other tasks' tiles: it stays.
// CHECK-LABEL: func.func @transposed_consumer
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[C]] : memref<16x16xf32>)
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed_consumer(%a: memref<16x64xf32>, %pb: memref<1x64x16xf32>, %out: memref<16x16xf32>) {
  %c = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<16x64xf32>, memref<1x64x16xf32>) outs(%c : memref<16x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#tr, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<16x16xf32>) outs(%out : memref<16x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  memref.dealloc %c : memref<16x16xf32>
  return
}

// -----

// A consumer that only updates C in place (C as its init, not among its inputs) is not taken: the kernel
// moves consumers that read C as an input.
// CHECK-LABEL: func.func @in_place_consumer
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: linalg.generic
// CHECK-SAME: outs(%[[C]] : memref<8x16xf32>)
// CHECK: return %[[C]]
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @in_place_consumer(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>) -> memref<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%c : memref<8x16xf32>) {
  ^bb0(%o: f32):
    %r = arith.maximumf %o, %zero : f32
    linalg.yield %r : f32
  }
  return %c : memref<8x16xf32>
}

// -----

// A non-zero fill is C's initial value: it stays, and every K block adds to C (no first-block stores).
// CHECK-LABEL: func.func @nonzero_fill
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[C]] : memref<8x16xf32>)
// CHECK: scf.parallel
// CHECK-NOT: arith.cmpi eq
// CHECK-NOT: scf.if %{{[^ ]*}} {
// CHECK: %[[R:.*]]:8 = scf.for
// CHECK-NOT: arith.cmpi eq
// CHECK-NOT: scf.if %{{[^ ]*}} {
// CHECK: %[[OLD:.*]] = vector.load %[[C]]
// CHECK-NEXT: arith.addf %[[OLD]], %[[R]]#0 : vector<16xf32>
// CHECK-NOT: arith.cmpi eq
// CHECK-NOT: scf.if %{{[^ ]*}} {
// CHECK: scf.reduce
// CHECK: return %[[C]]
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
func.func @nonzero_fill(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>) -> memref<8x16xf32> {
  %one = arith.constant 1.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.fill ins(%one : f32) outs(%c : memref<8x16xf32>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return %c : memref<8x16xf32>
}

// -----

// C is read between its zero fill and the contraction (a copy of the zeros): the fill stays, and the kernel
// adds to C in every K block.
// CHECK-LABEL: func.func @read_after_fill
// CHECK-SAME: %[[SNAP:[^:]*]]: memref<8x16xf32>)
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[C]] : memref<8x16xf32>)
// CHECK-NEXT: memref.copy %[[C]], %[[SNAP]]
// CHECK: scf.parallel
// CHECK-NOT: arith.cmpi eq
// CHECK-NOT: scf.if %{{[^ ]*}} {
// CHECK: vector.load %[[C]]
// CHECK-NOT: arith.cmpi eq
// CHECK-NOT: scf.if %{{[^ ]*}} {
// CHECK: scf.reduce
// CHECK: return %[[C]]
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
func.func @read_after_fill(%a: memref<8x64xf32>, %pb: memref<1x64x16xf32>, %snap: memref<8x16xf32>) -> memref<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x16xf32>)
  memref.copy %c, %snap : memref<8x16xf32> to memref<8x16xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<1x64x16xf32>) outs(%c : memref<8x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return %c : memref<8x16xf32>
}

// -----

// Must not drop the fill: a view of C made before it is read between the fill and the contraction.
// CHECK-LABEL: func.func @alias_before_fill
// CHECK: linalg.fill
// CHECK: memref.copy
// CHECK: scf.parallel
// CHECK-NOT: arith.cmpi eq
// CHECK: scf.reduce
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
// View of C made before the fill, read between the fill and the contraction.
func.func @alias_before_fill(%a: memref<8x64xf32>, %pb: memref<2x64x16xf32>, %snap: memref<8x32xf32>) -> memref<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x32xf32>
  %v = memref.subview %c[0, 0] [8, 32] [1, 1] : memref<8x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x32xf32>)
  memref.copy %v, %snap : memref<8x32xf32, strided<[32, 1]>> to memref<8x32xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<2x64x16xf32>) outs(%c : memref<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [4, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return %c : memref<8x32xf32>
}

// -----

// Must not fuse: the consumer writes A, which other N tasks of the same rows still read.
// CHECK-LABEL: func.func @epilogue_writes_a
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK: linalg.generic
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
// The epilogue writes A (32x32), which other N tasks still read.
func.func @epilogue_writes_a(%a: memref<32x32xf32>, %pb: memref<2x32x16xf32>) {
  %c = memref.alloc() {alignment = 64 : i64} : memref<32x32xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<32x32xf32>, memref<2x32x16xf32>) outs(%c : memref<32x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [4, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<32x32xf32>) outs(%a : memref<32x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  memref.dealloc %c : memref<32x32xf32>
  return
}

// -----

// Must not fuse: the consumer reads a leading view of C with fewer rows than C (the tasks clip only N).
// CHECK-LABEL: func.func @short_view
// CHECK: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: scf.reduce
// CHECK: linalg.generic
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
#id = affine_map<(d0, d1) -> (d0, d1)>
// The consumer reads a leading subview of C with fewer rows than C.
func.func @short_view(%a: memref<16x64xf32>, %pb: memref<2x64x16xf32>) -> memref<8x32xf32> {
  %c = memref.alloc() {alignment = 64 : i64} : memref<16x32xf32>
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<16x64xf32>, memref<2x64x16xf32>) outs(%c : memref<16x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [4, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %v = memref.subview %c[0, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  %out = memref.alloc() : memref<8x32xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%v : memref<8x32xf32, strided<[32, 1]>>) outs(%out : memref<8x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  return %out : memref<8x32xf32>
}

// -----

// Must not drop the fill: a view of C made before it writes C between the fill and the contraction.
// CHECK-LABEL: func.func @view_written_after_fill
// CHECK: linalg.fill
// CHECK: linalg.fill
// CHECK-NOT: arith.cmpi eq
// CHECK: return
#pa = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#pb = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#pc = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 16 + d3)>
// C's first row is set to 1 through a view made before the zero fill: C = [1; 0] + A * B.
func.func @view_written_after_fill(%a: memref<8x64xf32>, %pb: memref<2x64x16xf32>) -> memref<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x32xf32>
  %row0 = memref.subview %c[0, 0] [1, 32] [1, 1] : memref<8x32xf32> to memref<1x32xf32, strided<[32, 1]>>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x32xf32>)
  linalg.fill ins(%one : f32) outs(%row0 : memref<1x32xf32, strided<[32, 1]>>)
  linalg.generic {indexing_maps = [#pa, #pb, #pc], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %pb : memref<8x64xf32>, memref<2x64x16xf32>) outs(%c : memref<8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 16, 32], registers = [4, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return %c : memref<8x32xf32>
}
