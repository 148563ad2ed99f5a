// Scalar loops (vector-bits=0), and the vector path at 512 bits (VEC); the default is the host's width.
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-lower-reductions{vector-bits=0}))' | FileCheck %s
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-lower-reductions{vector-bits=512}))' | FileCheck %s --check-prefix=VEC

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
// On vectors: 16 f32 lanes, four accumulators from -inf over steps of 64, merged, one over steps of 16, the
// lanes reduced and combined with the init, and the last n % 16 elements in the scalar loop.
// VEC-LABEL: func.func @row_max
// VEC-SAME: (%[[X:.*]]: memref<4x?xf32>, %[[M:.*]]: memref<4xf32>)
// VEC: %[[N:.*]] = memref.dim %[[X]]
// VEC: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step
// VEC:   %[[INIT:.*]] = memref.load %[[M]][%[[I]]] : memref<4xf32>
// VEC:   %[[R64:.*]] = arith.remui %{{.*}}, %c64
// VEC:   %[[R16:.*]] = arith.remui %{{.*}}, %c16
// VEC:   %[[NI:.*]] = arith.constant dense<0xFF800000> : vector<16xf32>
// VEC:   %[[W:.*]]:4 = scf.for %{{.*}} iter_args(%[[A0:.*]] = %[[NI]], %[[A1:.*]] = %[[NI]], %[[A2:.*]] = %[[NI]], %[[A3:.*]] = %[[NI]])
// VEC:     %[[L0:.*]] = vector.load %[[X]][%[[I]], %{{.*}}] : memref<4x?xf32>, vector<16xf32>
// VEC:     arith.maximumf %[[A0]], %[[L0]] : vector<16xf32>
// VEC-COUNT-3: arith.maximumf %{{.*}} : vector<16xf32>
// VEC:     scf.yield
// VEC-COUNT-3: arith.maximumf %{{.*}} : vector<16xf32>
// VEC:   %[[S:.*]] = scf.for {{.*}} step %{{.*}} iter_args(%[[A:.*]] = %{{.*}}) -> (vector<16xf32>)
// VEC:     vector.load
// VEC:     arith.maximumf %[[A]], %{{.*}} : vector<16xf32>
// VEC:   %[[H:.*]] = vector.reduction <maximumf>, %[[S]] : vector<16xf32> into f32
// VEC:   %[[C:.*]] = arith.maximumf %[[INIT]], %[[H]] : f32
// VEC:   %[[T:.*]] = scf.for %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[B:.*]] = %[[C]]) -> (f32)
// VEC:     memref.load %[[X]]
// VEC:     arith.maximumf %[[B]], %{{.*}} : f32
// VEC:   memref.store %[[T]], %[[M]][%[[I]]]
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
// Without reassoc the sums keep their order: scalar loops at any vector width.
// VEC-LABEL: func.func @two_outputs
// VEC-NOT: vector
// VEC: return
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

// -----

// A softmax's row max of bf16 (maxnumf of the widened input): lanes start at -inf and combine by compare and
// select, as does the tree of halves that reduces them (no vector.reduction); the scalar tail keeps maxnumf.
// VEC-LABEL: func.func @row_max_bf16
// VEC: %[[NI:.*]] = arith.constant dense<0xFF800000> : vector<16xf32>
// VEC: scf.for {{.*}} iter_args(%[[A0:[^ ]*]] = %[[NI]],
// VEC:   %[[L:.*]] = vector.load %{{.*}} : memref<2x768xbf16>, vector<16xbf16>
// VEC:   %[[E:.*]] = arith.extf %[[L]] : vector<16xbf16> to vector<16xf32>
// VEC:   %[[GT:.*]] = arith.cmpf ogt, %[[E]], %[[A0]] : vector<16xf32>
// VEC:   arith.select %[[GT]], %[[E]], %[[A0]] : vector<16xi1>, vector<16xf32>
// VEC-NOT: arith.maxnumf {{.*}} vector
// VEC: vector.extract_strided_slice %{{.*}} {offsets = [8], sizes = [8], strides = [1]} : vector<16xf32> to vector<8xf32>
// VEC: vector.extract_strided_slice %{{.*}} {offsets = [0], sizes = [1], strides = [1]} : vector<2xf32> to vector<1xf32>
// VEC: vector.extract_strided_slice %{{.*}} {offsets = [1], sizes = [1], strides = [1]} : vector<2xf32> to vector<1xf32>
// VEC: %[[TOP:.*]] = vector.extract %{{.*}}[0] : f32 from vector<1xf32>
// VEC: %[[C:.*]] = arith.maxnumf %{{.*}}, %[[TOP]] : f32
// VEC: scf.for {{.*}} iter_args(%[[B:.*]] = %[[C]]) -> (f32)
// VEC:   arith.maxnumf %[[B]], %{{.*}} : f32
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_max_bf16(%x: memref<2x768xbf16>, %m: memref<2xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<2x768xbf16>) outs(%m : memref<2xf32>) {
  ^bb0(%a: bf16, %acc: f32):
    %e = arith.extf %a : bf16 to f32
    %r = arith.maxnumf %acc, %e : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// layer_norm's variance with reassoc: the broadcast mean is loaded and splat once per row, before the loops;
// a captured scalar (%scale) is splat once too; the sums use vector.reduction <add> with reassoc.
// VEC-LABEL: func.func @variance
// VEC-SAME: (%[[X:.*]]: memref<8x100xf32>, %[[MEAN:.*]]: memref<8x1xf32>, %[[Q:.*]]: memref<8xf32>, %[[SC:.*]]: f32)
// VEC: scf.for %[[I:.*]] =
// VEC:   %[[MU:.*]] = memref.load %[[MEAN]][%[[I]], %{{.*}}]
// VEC:   %[[MUV:.*]] = vector.broadcast %[[MU]] : f32 to vector<16xf32>
// VEC:   %[[SCV:.*]] = vector.broadcast %[[SC]] : f32 to vector<16xf32>
// VEC:   %[[Z:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// VEC:   scf.for
// VEC:     %[[V:.*]] = vector.load %[[X]]
// VEC:     %[[D:.*]] = arith.subf %[[V]], %[[MUV]] : vector<16xf32>
// VEC:     %[[D2:.*]] = arith.mulf %[[D]], %[[D]] : vector<16xf32>
// VEC:     %[[D3:.*]] = arith.mulf %[[D2]], %[[SCV]] : vector<16xf32>
// VEC:     arith.addf %{{.*}}, %[[D3]] fastmath<reassoc> : vector<16xf32>
// VEC:   vector.reduction <add>, %{{.*}} fastmath<reassoc> : vector<16xf32> into f32
// The last 100 % 16 = 4 elements in the scalar loop.
// VEC:   scf.for
// VEC:     memref.load %[[X]]
// VEC:     arith.addf %{{.*}} fastmath<reassoc> : f32
#id = affine_map<(d0, d1) -> (d0, d1)>
#bc = affine_map<(d0, d1) -> (d0, 0)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @variance(%x: memref<8x100xf32>, %mean: memref<8x1xf32>, %q: memref<8xf32>, %scale: f32) {
  linalg.generic {indexing_maps = [#id, #bc, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %mean : memref<8x100xf32>, memref<8x1xf32>) outs(%q : memref<8xf32>) {
  ^bb0(%a: f32, %mu: f32, %acc: f32):
    %d = arith.subf %a, %mu : f32
    %d2 = arith.mulf %d, %d : f32
    %d3 = arith.mulf %d2, %scale : f32
    %r = arith.addf %acc, %d3 fastmath<reassoc> : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Not on vectors: an input read along the reduction with a stride (a column of a transposed view), a yield
// that is not one combiner of its init (argmax-like: the init feeds a compare), and a bool input (a vector
// of i1 is bit-packed in memory, a memref of i1 is not).
// VEC-LABEL: func.func @scalar_only
// VEC-NOT: vector.
// VEC: return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @scalar_only(%x: memref<8x16xf32, strided<[1, 8]>>, %y: memref<8x16xf32>, %r: memref<8xf32>, %m: memref<8xf32>,
                       %b: memref<8x64xi1>, %c: memref<8xi64>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%b : memref<8x64xi1>) outs(%c : memref<8xi64>) {
  ^bb0(%a: i1, %acc: i64):
    %e = arith.extui %a : i1 to i64
    %s = arith.addi %acc, %e : i64
    linalg.yield %s : i64
  }
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x16xf32, strided<[1, 8]>>) outs(%r : memref<8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%y : memref<8x16xf32>) outs(%m : memref<8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %gt = arith.cmpf ogt, %a, %acc : f32
    %s = arith.select %gt, %a, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// bf16 statistics (a layer_norm's variance): every input read along the loop is bf16 that the body only
// widens, so the four unrolled steps widen 64 elements at once in the lane order of vpunpcklwd /
// vpunpckhwd (each f32 register takes 4 elements from each 128-bit lane of one bf16 register), which the
// reassociable sum does not observe. The single-vector and scalar steps widen in order.
// VEC-LABEL: func.func @bf16_sum_of_squares
// VEC:       scf.for %{{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// VEC:         %[[L:.*]] = vector.load %{{.*}} : memref<8x768xbf16>, vector<64xbf16>
// VEC:         %[[B:.*]] = vector.bitcast %[[L]] : vector<64xbf16> to vector<64xi16>
// VEC:         %[[S:.*]] = vector.shuffle %[[B]], %{{.*}} [64, 0, 64, 1, 64, 2, 64, 3, 64, 8, 64, 9, 64, 10, 64, 11, 64, 16, 64, 17, 64, 18, 64, 19, 64, 24, 64, 25, 64, 26, 64, 27, 64, 4, 64, 5, 64, 6, 64, 7, 64, 12,
// VEC:         %[[F:.*]] = vector.bitcast %[[S]] : vector<128xi16> to vector<64xf32>
// VEC:         vector.extract_strided_slice %[[F]] {offsets = [0], sizes = [16], strides = [1]}
// VEC-NOT:     arith.extf
// VEC:         vector.extract_strided_slice %[[F]] {offsets = [48], sizes = [16], strides = [1]}
// VEC:         scf.yield
// VEC:       scf.for
// VEC:         vector.load %{{.*}} : memref<8x768xbf16>, vector<16xbf16>
// VEC:         arith.extf %{{.*}} : vector<16xbf16> to vector<16xf32>
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#bc = affine_map<(d0, d1) -> (d0, 0)>
func.func @bf16_sum_of_squares(%x: memref<8x768xbf16>, %mean: memref<8x1xf32>, %q: memref<8xf32>) {
  linalg.generic {indexing_maps = [#id, #bc, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %mean : memref<8x768xbf16>, memref<8x1xf32>) outs(%q : memref<8xf32>) {
  ^bb0(%a: bf16, %m: f32, %acc: f32):
    %w = arith.extf %a : bf16 to f32
    %d = arith.subf %w, %m : f32
    %p = arith.mulf %d, %d : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A bf16 input paired with an f32 one along the loop (a dot product): both must stay in order.
// VEC-LABEL: func.func @bf16_with_f32_in_order
// VEC-NOT:   vector.shuffle
// VEC:       vector.load %{{.*}} : memref<8x768xbf16>, vector<16xbf16>
// VEC:       arith.extf %{{.*}} : vector<16xbf16> to vector<16xf32>
// VEC-NOT:   vector.shuffle
// VEC:       return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @bf16_with_f32_in_order(%x: memref<8x768xbf16>, %y: memref<8x768xf32>, %q: memref<8xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %y : memref<8x768xbf16>, memref<8x768xf32>) outs(%q : memref<8xf32>) {
  ^bb0(%a: bf16, %b: f32, %acc: f32):
    %w = arith.extf %a : bf16 to f32
    %p = arith.mulf %w, %b : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The last two loops are the reductions (a mean over H and W): the op runs on [N, C, H * W] views with one
// reduction loop, as vector code.
// CHECK-LABEL: func.func @spatial_sum
// CHECK-DAG: memref.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : memref<2x8x14x14xf32> into memref<2x8x196xf32>
// CHECK-NOT: linalg.generic
// VEC-LABEL: func.func @spatial_sum
// VEC: memref.collapse_shape
// VEC: vector.load %{{.*}} : memref<2x8x196xf32>, vector<16xf32>
// VEC-NOT: linalg.generic
#nchw = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#nc = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
func.func @spatial_sum(%x: memref<2x8x14x14xf32>, %out: memref<2x8xf32>) {
  linalg.generic {indexing_maps = [#nchw, #nc], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : memref<2x8x14x14xf32>) outs(%out : memref<2x8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A batch norm's [C, 1, 1] scale read with constant indices along the collapsed loops, and a strided view
// of whole rows (H and W still contiguous): collapsed.
// CHECK-LABEL: func.func @spatial_sum_broadcast
// CHECK-DAG: memref.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : memref<1x8x14x14xf32, strided<[3136, 196, 14, 1], offset: ?>> into memref<1x8x196xf32, strided<[3136, 196, 1], offset: ?>>
// CHECK-DAG: memref.load %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}] : memref<8x1x1xf32>
// CHECK-NOT: linalg.generic
#x4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#c11 = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
#nc3 = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
func.func @spatial_sum_broadcast(%x: memref<1x8x14x14xf32, strided<[3136, 196, 14, 1], offset: ?>>,
                                 %scale: memref<8x1x1xf32>, %out: memref<1x8xf32>) {
  linalg.generic {indexing_maps = [#x4, #c11, #nc3], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x, %scale : memref<1x8x14x14xf32, strided<[3136, 196, 14, 1], offset: ?>>, memref<8x1x1xf32>)
      outs(%out : memref<1x8xf32>) {
  ^bb0(%a: f32, %s: f32, %acc: f32):
    %p = arith.mulf %a, %s : f32
    %r = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Not collapsed: rows of the view are 16 apart (H and W are not contiguous), and a reduction that is not
// among the trailing loops. Both stay linalg.generic for the loop lowering.
// CHECK-LABEL: func.func @spatial_not_collapsible
// CHECK-NOT: memref.collapse_shape
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT: memref.collapse_shape
// VEC-LABEL: func.func @spatial_not_collapsible
// VEC-NOT: memref.collapse_shape
#nchw2 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#nc2 = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
#nw = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
func.func @spatial_not_collapsible(%x: memref<2x8x14x14xf32, strided<[3584, 224, 16, 1]>>, %y: memref<2x8x14x14xf32>,
                                   %out: memref<2x8xf32>, %out2: memref<2x14xf32>) {
  linalg.generic {indexing_maps = [#nchw2, #nc2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : memref<2x8x14x14xf32, strided<[3584, 224, 16, 1]>>) outs(%out : memref<2x8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#nchw2, #nw], iterator_types = ["parallel", "reduction", "reduction", "parallel"]}
      ins(%y : memref<2x8x14x14xf32>) outs(%out2 : memref<2x14xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}
