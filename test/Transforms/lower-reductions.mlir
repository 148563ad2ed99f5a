// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-lower-reductions))' | FileCheck %s

// A row max: loops over the rows, each row's accumulator loaded once, carried through the reduction loop as a
// loop value, and stored once.
// CHECK-LABEL: func.func @row_max
// CHECK-SAME: (%[[X:.*]]: memref<4x?xf32>, %[[M:.*]]: memref<4xf32>)
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step
// CHECK:   %[[INIT:.*]] = memref.load %[[M]][%[[I]]] : memref<4xf32>
// CHECK:   %[[R:.*]] = scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (f32)
// CHECK:     %[[V:.*]] = memref.load %[[X]][%[[I]], %[[J]]] : memref<4x?xf32>
// CHECK:     %[[N:.*]] = arith.maximumf %[[ACC]], %[[V]] : f32
// CHECK:     scf.yield %[[N]] : f32
// CHECK:   memref.store %[[R]], %[[M]][%[[I]]] : memref<4xf32>
// CHECK-NOT: linalg.generic
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_max(%x: memref<4x?xf32>, %m: memref<4xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x?xf32>) outs(%m : memref<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.maximumf %acc, %a : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A sum of squared differences from a broadcast row mean (layer_norm's variance), kept as (d0, 0), with two
// outputs: every input read in the inner loop, both accumulators loop values; the body's other ops cloned.
// CHECK-LABEL: func.func @two_outputs
// CHECK-SAME: (%[[X:.*]]: memref<8x16xf32>, %[[MEAN:.*]]: memref<8x1xf32>, %[[S:.*]]: memref<8xf32>, %[[Q:.*]]: memref<8xf32>)
// CHECK: scf.for %[[I:.*]] =
// CHECK:   %[[S0:.*]] = memref.load %[[S]][%[[I]]]
// CHECK:   %[[Q0:.*]] = memref.load %[[Q]][%[[I]]]
// CHECK:   %[[R:.*]]:2 = scf.for %[[J:.*]] = {{.*}} iter_args(%[[A:.*]] = %[[S0]], %[[B:.*]] = %[[Q0]]) -> (f32, f32)
// CHECK:     %[[V:.*]] = memref.load %[[X]][%[[I]], %[[J]]]
// CHECK:     %[[Z:.*]] = arith.constant 0 : index
// CHECK:     %[[MU:.*]] = memref.load %[[MEAN]][%[[I]], %[[Z]]]
// CHECK:     %[[D:.*]] = arith.subf %[[V]], %[[MU]]
// CHECK:     %[[D2:.*]] = arith.mulf %[[D]], %[[D]]
// CHECK:     %[[NA:.*]] = arith.addf %[[A]], %[[D]]
// CHECK:     %[[NB:.*]] = arith.addf %[[B]], %[[D2]]
// CHECK:     scf.yield %[[NA]], %[[NB]] : f32, f32
// CHECK:   memref.store %[[R]]#0, %[[S]][%[[I]]]
// CHECK:   memref.store %[[R]]#1, %[[Q]][%[[I]]]
#id = affine_map<(d0, d1) -> (d0, d1)>
#bc = affine_map<(d0, d1) -> (d0, 0)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @two_outputs(%x: memref<8x16xf32>, %mean: memref<8x1xf32>, %s: memref<8xf32>, %q: memref<8xf32>) {
  linalg.generic {indexing_maps = [#id, #bc, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %mean : memref<8x16xf32>, memref<8x1xf32>) outs(%s, %q : memref<8xf32>, memref<8xf32>) {
  ^bb0(%a: f32, %mu: f32, %acc: f32, %acc2: f32):
    %d = arith.subf %a, %mu : f32
    %d2 = arith.mulf %d, %d : f32
    %r = arith.addf %acc, %d : f32
    %r2 = arith.addf %acc2, %d2 : f32
    linalg.yield %r, %r2 : f32, f32
  }
  return
}

// -----

// Left to the loop lowering: a reduction that is not the last loop, one whose output is also an input, an
// all-parallel op, and a body reading linalg.index.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: scf.for
// CHECK-COUNT-4: linalg.generic
// CHECK-NOT: scf.for
// CHECK: return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @left_alone(%x: memref<8x16xf32>, %c: memref<16xf32>, %r: memref<8xf32>, %y: memref<8x16xf32>) {
  linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]}
      ins(%x : memref<8x16xf32>) outs(%c : memref<16xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %r : memref<8x16xf32>, memref<8xf32>) outs(%r : memref<8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<8x16xf32>) outs(%y : memref<8x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  }
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x16xf32>) outs(%r : memref<8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %p = arith.mulf %a, %jf : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}
