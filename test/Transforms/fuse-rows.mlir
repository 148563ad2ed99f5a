// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-fuse-rows{min-elements=0 block-bytes=1040}))' | FileCheck %s
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-fuse-rows))' | FileCheck %s --check-prefix=SMALL
// RUN: not inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-fuse-rows{chunks=0}))' 2>&1 | FileCheck %s --check-prefix=ERR

// ERR: error: inductor-fuse-rows: min-elements must be >= 0, chunks and block-bytes >= 1

// A softmax on buffers: max, exp, sum, reciprocal, product over the same 64 rows. One parallel loop over 8
// slices of 8 rows, each walked in blocks of 4 rows (1040 bytes / (32 * 4 input + 4 row + 32 * 4 output
// bytes per row)); every op runs on the block's rows in order. The row-sum buffer is only used by the run:
// each slice keeps one block of it (4 rows, viewed from offset 0), and the whole-size buffer is gone.
// Below 65536 elements nothing is fused by default.
// CHECK-LABEL: func.func @softmax
// CHECK: %[[OUT:.*]] = memref.alloc() {{.*}} : memref<64x32xf32>
// CHECK-NOT: memref<64xf32>
// CHECK: %[[SLICE:.*]] = arith.constant 8 : index
// CHECK-NEXT: %[[BLOCK:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[COUNT:.*]] = arith.constant 8 : index
// CHECK-NEXT: scf.parallel (%[[S:.*]]) = (%{{.*}}) to (%[[COUNT]])
// CHECK: %[[BEGIN:.*]] = arith.muli %[[S]], %[[SLICE]]
// CHECK: %[[SUM:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
// CHECK: %[[ROWS:.*]] = memref.expand_shape %[[SUM]] {{\[\[}}0, 1]] output_shape [4, 1] : memref<4xf32> into memref<4x1xf32>
// CHECK: scf.for %[[R:.*]] = %[[BEGIN]] to %{{.*}} step %[[BLOCK]]
// CHECK: %[[N:.*]] = arith.minui %[[BLOCK]], %{{.*}}
// CHECK: %[[V0:.*]] = memref.subview %[[SUM]][0] [%[[N]]] [1]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[V0]]
// CHECK: %[[IN:.*]] = memref.subview %arg0[%[[R]], 0] [%[[N]], 32] [1, 1]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[IN]] {{.*}} outs(%{{.*}} : memref<?xf32
// CHECK: arith.maximumf
// CHECK: memref.subview %[[ROWS]][0, 0] [%[[N]], 1] [1, 1]
// CHECK: memref.subview %[[OUT]][%[[R]], 0] [%[[N]], 32] [1, 1]
// CHECK: math.exp
// CHECK: linalg.fill
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK: arith.mulf
// CHECK: memref.dealloc %[[SUM]]
// CHECK-NEXT: scf.reduce
// CHECK-NOT: linalg.
// CHECK-NOT: memref.dealloc
// CHECK: return %[[OUT]]
// SMALL-LABEL: func.func @softmax
// SMALL-NOT: scf.parallel
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#bc = affine_map<(d0, d1) -> (d0, 0)>
func.func @softmax(%x: memref<64x32xf32>) -> memref<64x32xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %sum = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
  linalg.fill ins(%ninf : f32) outs(%sum : memref<64xf32>)
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<64x32xf32>) outs(%sum : memref<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %acc, %in : f32
    linalg.yield %m : f32
  }
  %rows = memref.expand_shape %sum [[0, 1]] output_shape [64, 1] : memref<64xf32> into memref<64x1xf32>
  %out = memref.alloc() {alignment = 64 : i64} : memref<64x32xf32>
  linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %rows : memref<64x32xf32>, memref<64x1xf32>) outs(%out : memref<64x32xf32>) {
  ^bb0(%in: f32, %m: f32, %o: f32):
    %d = arith.subf %in, %m : f32
    %e = math.exp %d : f32
    linalg.yield %e : f32
  }
  linalg.fill ins(%zero : f32) outs(%sum : memref<64xf32>)
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%out : memref<64x32xf32>) outs(%sum : memref<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%rows : memref<64x1xf32>) outs(%rows : memref<64x1xf32>) {
  ^bb0(%in: f32, %o: f32):
    %r = arith.divf %one, %in : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
      ins(%out, %rows : memref<64x32xf32>, memref<64x1xf32>) outs(%out : memref<64x32xf32>) {
  ^bb0(%in: f32, %r: f32, %o: f32):
    %p = arith.mulf %in, %r : f32
    linalg.yield %p : f32
  }
  memref.dealloc %sum : memref<64xf32>
  return %out : memref<64x32xf32>
}

// -----

// The row loop may sit after unit dims (a [1, 64, 32] layer_norm input), and ops whose loops differ run
// together as long as their row extents agree: the [64] fill splits its dim 0, the generic its loop 1.
// A read-only operand that is not indexed by the rows (the [32] weight) is read whole by every block.
// CHECK-LABEL: func.func @unit_leading_dims
// CHECK: scf.parallel
// CHECK: scf.for %[[R:.*]] =
// CHECK: memref.subview %{{.*}}[%[[R]]] [%{{.*}}] [1] : memref<64xf32>
// CHECK: linalg.fill
// CHECK: memref.subview %arg0[0, %[[R]], 0] [1, %{{.*}}, 32] [1, 1, 1] : memref<1x64x32xf32>
// CHECK: memref.subview %arg1[0] [32] [1] : memref<32xf32>
// CHECK: linalg.generic
// CHECK: scf.reduce
#x3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#w3 = affine_map<(d0, d1, d2) -> (d2)>
#r3 = affine_map<(d0, d1, d2) -> (d1)>
func.func @unit_leading_dims(%x: memref<1x64x32xf32>, %w: memref<32xf32>) -> memref<64xf32> {
  %zero = arith.constant 0.0 : f32
  %sum = memref.alloc() : memref<64xf32>
  linalg.fill ins(%zero : f32) outs(%sum : memref<64xf32>)
  linalg.generic {indexing_maps = [#x3, #w3, #r3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<1x64x32xf32>, memref<32xf32>) outs(%sum : memref<64xf32>) {
  ^bb0(%in: f32, %wt: f32, %acc: f32):
    %p = arith.mulf %in, %wt : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return %sum : memref<64xf32>
}

// -----

// Must not fuse: the second op reads the buffer the first one writes across rows (transposed), so a block
// of rows would read rows other blocks have not written yet. Each op stays alone (one op is no run).
// CHECK-LABEL: func.func @transposed_read
// CHECK-NOT: scf.parallel
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: scf.parallel
#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed_read(%x: memref<64x64xf32>, %y: memref<64x64xf32>) {
  %tmp = memref.alloc() : memref<64x64xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<64x64xf32>) outs(%tmp : memref<64x64xf32>) {
  ^bb0(%in: f32, %o: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  }
  linalg.generic {indexing_maps = [#t, #id], iterator_types = ["parallel", "parallel"]}
      ins(%tmp : memref<64x64xf32>) outs(%y : memref<64x64xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  }
  return
}

// -----

// Must not fuse across an op with other memory effects (a copy), across different row extents, or a column
// reduction (its first loop is the reduction): here the two exps around the copy stay separate, and so do
// the ops with 64 and 32 rows.
// CHECK-LABEL: func.func @breaks
// CHECK-NOT: scf.parallel
// CHECK: return
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @breaks(%x: memref<64x32xf32>, %y: memref<64x32xf32>, %z: memref<32x32xf32>, %c: memref<32xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<64x32xf32>) outs(%y : memref<64x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  }
  memref.copy %y, %x : memref<64x32xf32> to memref<64x32xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<64x32xf32>) outs(%y : memref<64x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%z : memref<32x32xf32>) outs(%z : memref<32x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  }
  linalg.generic {indexing_maps = [#id, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
      ins(%z : memref<32x32xf32>) outs(%c : memref<32xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// An op that shares no written buffer with the run moves before it, as allocations do: a bf16 layer_norm's
// weight widened to f32 (32 elements, not the 64-row loop) sits between its row sums and the normalization.
// The widening runs first, then one parallel loop does both.
// CHECK-LABEL: func.func @independent_op_between
// CHECK: %[[W:.*]] = memref.alloc() : memref<32xf32>
// CHECK-NEXT: linalg.generic {{.*}} ins(%arg1 : memref<32xbf16>) outs(%[[W]] : memref<32xf32>)
// CHECK: scf.parallel
// CHECK: linalg.fill
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : memref<?x32xf32{{.*}}>, memref<?x1xf32{{.*}}>, memref<32xf32{{.*}}>)
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#bc = affine_map<(d0, d1) -> (d0, 0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @independent_op_between(%x: memref<64x32xf32>, %wb: memref<32xbf16>) -> memref<64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %sum = memref.alloc() : memref<64xf32>
  linalg.fill ins(%zero : f32) outs(%sum : memref<64xf32>)
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<64x32xf32>) outs(%sum : memref<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  }
  %rows = memref.expand_shape %sum [[0, 1]] output_shape [64, 1] : memref<64xf32> into memref<64x1xf32>
  %w = memref.alloc() : memref<32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%wb : memref<32xbf16>) outs(%w : memref<32xf32>) {
  ^bb0(%in: bf16, %o: f32):
    %e = arith.extf %in : bf16 to f32
    linalg.yield %e : f32
  }
  %out = memref.alloc() : memref<64x32xf32>
  linalg.generic {indexing_maps = [#id, #bc, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %rows, %w : memref<64x32xf32>, memref<64x1xf32>, memref<32xf32>) outs(%out : memref<64x32xf32>) {
  ^bb0(%in: f32, %m: f32, %wt: f32, %o: f32):
    %d = arith.subf %in, %m : f32
    %p = arith.mulf %d, %wt : f32
    linalg.yield %p : f32
  }
  return %out : memref<64x32xf32>
}

// -----

// Must not move: the op between writes the weight the row sums have read, so it must stay after them (and
// the run of fill and row sums ends there).
// CHECK-LABEL: func.func @dependent_op_between
// CHECK: scf.parallel
// CHECK: linalg.fill
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: scf.reduce
// CHECK: linalg.generic {{.*}} outs(%arg1 : memref<32xf32>)
// CHECK-NOT: scf.parallel
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : memref<64x32xf32>)
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#bc = affine_map<(d0, d1) -> (d0, 0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @dependent_op_between(%x: memref<64x32xf32>, %w: memref<32xf32>) -> memref<64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %sum = memref.alloc() : memref<64xf32>
  linalg.fill ins(%zero : f32) outs(%sum : memref<64xf32>)
  linalg.generic {indexing_maps = [#id, #col, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %w : memref<64x32xf32>, memref<32xf32>) outs(%sum : memref<64xf32>) {
  ^bb0(%in: f32, %wt: f32, %acc: f32):
    %p = arith.mulf %in, %wt : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  %rows = memref.expand_shape %sum [[0, 1]] output_shape [64, 1] : memref<64xf32> into memref<64x1xf32>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%w : memref<32xf32>) {
  ^bb0(%o: f32):
    %t = arith.addf %o, %o : f32
    linalg.yield %t : f32
  }
  %out = memref.alloc() : memref<64x32xf32>
  linalg.generic {indexing_maps = [#id, #bc, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %rows, %w : memref<64x32xf32>, memref<64x1xf32>, memref<32xf32>) outs(%out : memref<64x32xf32>) {
  ^bb0(%in: f32, %m: f32, %wt: f32, %o: f32):
    %d = arith.subf %in, %m : f32
    %p = arith.mulf %d, %wt : f32
    linalg.yield %p : f32
  }
  return %out : memref<64x32xf32>
}

// -----

// Must not move: the op between writes a function argument, which may alias a buffer the run reads.
// CHECK-LABEL: func.func @writes_argument_between
// CHECK: scf.parallel
// CHECK: linalg.fill
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: scf.reduce
// CHECK: linalg.generic {{.*}} outs(%arg1 : memref<32xf32>)
// CHECK-NOT: scf.parallel
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : memref<64x32xf32>)
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#bc = affine_map<(d0, d1) -> (d0, 0)>
func.func @writes_argument_between(%x: memref<64x32xf32>, %w: memref<32xf32>) -> memref<64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %sum = memref.alloc() : memref<64xf32>
  linalg.fill ins(%zero : f32) outs(%sum : memref<64xf32>)
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<64x32xf32>) outs(%sum : memref<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  }
  %rows = memref.expand_shape %sum [[0, 1]] output_shape [64, 1] : memref<64xf32> into memref<64x1xf32>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%w : memref<32xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  }
  %out = memref.alloc() : memref<64x32xf32>
  linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %rows : memref<64x32xf32>, memref<64x1xf32>) outs(%out : memref<64x32xf32>) {
  ^bb0(%in: f32, %m: f32, %o: f32):
    %d = arith.subf %in, %m : f32
    linalg.yield %d : f32
  }
  return %out : memref<64x32xf32>
}
