// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-parallelize-elementwise{min-elements=1024 chunks=4}))' | FileCheck %s
// RUN: not inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-parallelize-elementwise{chunks=0}))' 2>&1 | FileCheck %s --check-prefix=ERR

// ERR: error: inductor-parallelize-elementwise: min-elements must be >= 0 and chunks >= 1

// A large elementwise op becomes an scf.parallel over 4 slices of its first non-unit loop dimension (dim 1
// here: dim 0 has size 1); every operand is a subview of that slice, the broadcast bias included.
// CHECK-LABEL: func.func @bias_relu
// CHECK-SAME: (%[[X:.*]]: memref<1x64x3136xf32>, %[[B:.*]]: memref<64x1xf32>, %[[Y:.*]]: memref<1x64x3136xf32>)
// CHECK: %[[STEP:.*]] = arith.ceildivui %{{.*}}, %{{.*}} : index
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK:   %[[BEGIN:.*]] = arith.muli %[[I]], %[[STEP]] : index
// CHECK:   %[[END:.*]] = arith.minui
// CHECK:   %[[SIZE:.*]] = arith.subi %[[END]], %[[BEGIN]] : index
// CHECK:   %[[XS:.*]] = memref.subview %[[X]][0, %[[BEGIN]], 0] [1, %[[SIZE]], 3136] [1, 1, 1]
// CHECK:   %[[BS:.*]] = memref.subview %[[B]][%[[BEGIN]], 0] [%[[SIZE]], 1] [1, 1]
// CHECK:   %[[YS:.*]] = memref.subview %[[Y]][0, %[[BEGIN]], 0] [1, %[[SIZE]], 3136] [1, 1, 1]
// CHECK:   linalg.generic {{.*}} ins(%[[XS]], %[[BS]] : {{.*}}) outs(%[[YS]] : {{.*}})
// CHECK:     arith.addf
// CHECK:     arith.maximumf
// CHECK:   scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#bias = affine_map<(d0, d1, d2) -> (d1, 0)>
func.func @bias_relu(%x: memref<1x64x3136xf32>, %b: memref<64x1xf32>, %y: memref<1x64x3136xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %b : memref<1x64x3136xf32>, memref<64x1xf32>) outs(%y : memref<1x64x3136xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Left alone: a reduction over its first loop (a column sum: no parallel loop to split first), an op below
// min-elements, an op whose body reads linalg.index, and an op already inside a parallel loop.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: scf.parallel (
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]
// CHECK: linalg.generic {{.*}}ins(%{{.*}} : memref<8x8xf32>)
// CHECK: linalg.index
// CHECK: scf.parallel
// CHECK: linalg.generic
// CHECK: scf.reduce
// CHECK-NOT: scf.parallel
// CHECK: return
#map2 = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @left_alone(%x: memref<256x256xf32>, %s: memref<256xf32>, %small: memref<8x8xf32>, %y: memref<256x256xf32>) {
  linalg.generic {indexing_maps = [#map2, #col], iterator_types = ["reduction", "parallel"]}
      ins(%x : memref<256x256xf32>) outs(%s : memref<256xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %a, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%small : memref<8x8xf32>) outs(%small : memref<8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel", "parallel"]} outs(%y : memref<256x256xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %v = arith.index_cast %i : index to i32
    %f = arith.sitofp %v : i32 to f32
    linalg.yield %f : f32
  }
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c0) to (%c1) step (%c1) {
    linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%x : memref<256x256xf32>) outs(%y : memref<256x256xf32>) {
    ^bb0(%a: f32, %o: f32):
      %r = arith.negf %a : f32
      linalg.yield %r : f32
    }
    scf.reduce
  }
  return
}

// -----

// A row reduction splits along its rows: each slice reduces whole rows of its own (the reduction loop is not
// split), so the slices write disjoint parts of the output.
// CHECK-LABEL: func.func @row_sums
// CHECK-SAME: (%[[X:.*]]: memref<256x256xf32>, %[[S:.*]]: memref<256xf32>)
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK:   %[[BEGIN:.*]] = arith.muli %[[I]], %{{.*}} : index
// CHECK:   %[[SIZE:.*]] = arith.subi %{{.*}}, %[[BEGIN]] : index
// CHECK:   %[[XS:.*]] = memref.subview %[[X]][%[[BEGIN]], 0] [%[[SIZE]], 256] [1, 1]
// CHECK:   %[[SS:.*]] = memref.subview %[[S]][%[[BEGIN]]] [%[[SIZE]]] [1]
// CHECK:   linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} ins(%[[XS]] : {{.*}}) outs(%[[SS]] : {{.*}})
// CHECK:   scf.reduce
// CHECK: return
#map2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_sums(%x: memref<256x256xf32>, %s: memref<256xf32>) {
  linalg.generic {indexing_maps = [#map2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<256x256xf32>) outs(%s : memref<256xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %a, %acc : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// An im2col copy: the input is read at (c, oh + kh, ow + kw). The split loop (c, the first longer than 1)
// is a plain index of both operands, so each slice views its channels of the padded input, whole in the
// compound dims (58 x 58).
// CHECK-LABEL: func.func @im2col
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: %[[C0:.*]] = arith.muli %[[I]], %{{.*}}
// CHECK: memref.subview %arg0[0, %[[C0]], 0, 0] [1, %{{.*}}, 58, 58] [1, 1, 1, 1]
// CHECK: memref.subview %arg1[0, %[[C0]], 0, 0, 0, 0] [1, %{{.*}}, 3, 3, 56, 56] [1, 1, 1, 1, 1, 1]
// CHECK: linalg.generic
// CHECK: scf.reduce
#pad = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4, d3 + d5)>
#id6 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
func.func @im2col(%x: memref<1x8x58x58xf32>, %p: memref<1x8x3x3x56x56xf32>) {
  linalg.generic {indexing_maps = [#pad, #id6], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<1x8x58x58xf32>) outs(%p : memref<1x8x3x3x56x56xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// Left alone: the first loop longer than 1 (oh) is part of a compound index (oh + kh), so its slices would
// read overlapping input rows that a subview cannot express.
// CHECK-LABEL: func.func @compound_split_loop
// CHECK-NOT: scf.parallel
#pad2 = affine_map<(d0, d1, d2) -> (d0 + d2, d1)>
#out2 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @compound_split_loop(%x: memref<130x64xf32>, %p: memref<128x64x3xf32>) {
  linalg.generic {indexing_maps = [#pad2, #out2], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : memref<130x64xf32>) outs(%p : memref<128x64x3xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// A padded buffer as bufferization builds it from tensor.pad: a linalg.map of the pad value over the buffer
// and a strided linalg.copy into its interior; both become generics and split like any elementwise op.
// CHECK-LABEL: func.func @pad_fill_and_copy
// CHECK-SAME: (%[[X:.*]]: memref<1x64x56x56xf32>, %[[P:.*]]: memref<1x64x58x58xf32>)
// CHECK-NOT: linalg.map
// CHECK-NOT: linalg.copy
// CHECK: scf.parallel
// CHECK:   linalg.generic {{.*}} outs(%{{.*}} : memref<1x?x58x58xf32, strided<[215296, 3364, 58, 1], offset: ?>>)
// CHECK: %[[IN:.*]] = memref.subview %[[P]][0, 0, 1, 1] [1, 64, 56, 56] [1, 1, 1, 1]
// CHECK: scf.parallel
// CHECK:   linalg.generic {{.*}} ins(%{{.*}} : memref<1x?x56x56xf32, strided<[200704, 3136, 56, 1], offset: ?>>)
func.func @pad_fill_and_copy(%x: memref<1x64x56x56xf32>, %p: memref<1x64x58x58xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.map outs(%p : memref<1x64x58x58xf32>)
    (%init: f32) {
      linalg.yield %zero : f32
    }
  %interior = memref.subview %p[0, 0, 1, 1] [1, 64, 56, 56] [1, 1, 1, 1]
      : memref<1x64x58x58xf32> to memref<1x64x56x56xf32, strided<[215296, 3364, 58, 1], offset: 59>>
  linalg.copy ins(%x : memref<1x64x56x56xf32>) outs(%interior : memref<1x64x56x56xf32, strided<[215296, 3364, 58, 1], offset: 59>>)
  return
}
