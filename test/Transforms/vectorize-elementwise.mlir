// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-vectorize-elementwise{vector-bits=512}))' | FileCheck %s
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-vectorize-elementwise{vector-bits=0}))' | FileCheck %s --check-prefix=OFF
// Which bodies run on vectors, and how they are rewritten, is VectorBody (lib/Transforms/VectorBody.cpp), shared
// with inductor-lower-reductions (lower-reductions.mlir).

// A layer_norm's normalization on bf16 rows: computed in f32, so 64 lanes (four zmm registers) per vector;
// the row vectors are loaded per step, the per-row scalars (their [4, 1] buffer viewed as [4]) and the
// captured eps broadcast once per row. 768 is a multiple of 64: no masked step.
// CHECK-LABEL: func.func @normalize_bf16_rows
// CHECK-SAME: (%[[X:.*]]: memref<4x768xbf16>, %[[MEAN:.*]]: memref<4x1xf32>, %[[W:.*]]: memref<768xf32>, %[[Y:.*]]: memref<4x768xbf16>, %[[EPS:.*]]: f32)
// CHECK:      %[[MC:.*]] = memref.collapse_shape %[[MEAN]] {{\[}}[0, 1]] : memref<4x1xf32> into memref<4xf32>
// CHECK:      scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step
// CHECK:        %[[M:.*]] = memref.load %[[MC]][%[[I]]] : memref<4xf32>
// CHECK:        %[[MV:.*]] = vector.broadcast %[[M]] : f32 to vector<64xf32>
// CHECK:        %[[EV:.*]] = vector.broadcast %[[EPS]] : f32 to vector<64xf32>
// CHECK:        scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %c64
// CHECK:          %[[XV:.*]] = vector.load %[[X]][%[[I]], %[[J]]] : memref<4x768xbf16>, vector<64xbf16>
// CHECK:          %[[WV:.*]] = vector.load %[[W]][%[[J]]] : memref<768xf32>, vector<64xf32>
// CHECK:          %[[XF:.*]] = arith.extf %[[XV]] : vector<64xbf16> to vector<64xf32>
// CHECK:          %[[D:.*]] = arith.subf %[[XF]], %[[MV]] : vector<64xf32>
// CHECK:          %[[S:.*]] = arith.addf %[[D]], %[[EV]] : vector<64xf32>
// CHECK:          %[[P:.*]] = arith.mulf %[[S]], %[[WV]] : vector<64xf32>
// CHECK:          %[[R:.*]] = arith.truncf %[[P]] : vector<64xf32> to vector<64xbf16>
// CHECK:          vector.store %[[R]], %[[Y]][%[[I]], %[[J]]] : memref<4x768xbf16>, vector<64xbf16>
// CHECK-NOT:  vector.maskedstore
// CHECK-NOT:  linalg.generic
// OFF-LABEL: func.func @normalize_bf16_rows
// OFF: linalg.generic
#row = affine_map<(d0, d1) -> (d0, d1)>
#perrow = affine_map<(d0, d1) -> (d0, 0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @normalize_bf16_rows(%x: memref<4x768xbf16>, %mean: memref<4x1xf32>, %w: memref<768xf32>,
                               %y: memref<4x768xbf16>, %eps: f32) {
  linalg.generic {indexing_maps = [#row, #perrow, #col, #row], iterator_types = ["parallel", "parallel"]}
      ins(%x, %mean, %w : memref<4x768xbf16>, memref<4x1xf32>, memref<768xf32>) outs(%y : memref<4x768xbf16>) {
  ^bb0(%a: bf16, %m: f32, %g: f32, %o: bf16):
    %0 = arith.extf %a : bf16 to f32
    %1 = arith.subf %0, %m : f32
    %2 = arith.addf %1, %eps : f32
    %3 = arith.mulf %2, %g : f32
    %4 = arith.truncf %3 : f32 to bf16
    linalg.yield %4 : bf16
  }
  return
}

// -----

// A dynamic length: whole vectors of 64 f32 lanes (4 x 512 / 32), then the rest of the row as one masked
// step (a mask of no lanes touches no memory).
// CHECK-LABEL: func.func @masked_tail
// CHECK-SAME: (%[[A:.*]]: memref<?xf32>, %[[B:.*]]: memref<?xf32>)
// CHECK:      %[[N:.*]] = memref.dim %[[A]]
// CHECK:      %[[REM:.*]] = arith.remui %[[N]], %c64
// CHECK:      %[[END:.*]] = arith.subi %[[N]], %[[REM]]
// CHECK:      scf.for %{{.*}} = %{{.*}} to %[[END]] step %c64
// CHECK:        vector.load %[[A]]
// CHECK:        math.exp %{{.*}} : vector<64xf32>
// CHECK:        vector.store
// CHECK:      %[[LEFT:.*]] = arith.subi %[[N]], %[[END]]
// CHECK:      %[[MASK:.*]] = vector.create_mask %[[LEFT]] : vector<64xi1>
// CHECK:      %[[V:.*]] = vector.maskedload %[[A]][%[[END]]], %[[MASK]], %{{.*}} : memref<?xf32>, vector<64xi1>, vector<64xf32> into vector<64xf32>
// CHECK:      %[[E:.*]] = math.exp %[[V]] : vector<64xf32>
// CHECK:      vector.maskedstore %[[B]][%[[END]]], %[[MASK]], %[[E]] : memref<?xf32>, vector<64xi1>, vector<64xf32>
#id = affine_map<(d0) -> (d0)>
func.func @masked_tail(%a: memref<?xf32>, %b: memref<?xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<?xf32>) outs(%b : memref<?xf32>) {
  ^bb0(%x: f32, %o: f32):
    %0 = math.exp %x : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// Integer division would trap on the zeros of inactive lanes: the last n % 64 elements run as scalars.
// CHECK-LABEL: func.func @integer_division_scalar_tail
// CHECK:      scf.for %{{.*}} step %c64
// CHECK:        arith.divsi %{{.*}} : vector<64xi32>
// CHECK:      scf.for %[[K:.*]] = %{{.*}} to %c100 step %c1
// CHECK:        memref.load
// CHECK:        arith.divsi %{{.*}} : i32
// CHECK:        memref.store
// CHECK-NOT:  vector.maskedload
#id = affine_map<(d0) -> (d0)>
func.func @integer_division_scalar_tail(%a: memref<100xi32>, %b: memref<100xi32>, %c: memref<100xi32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : memref<100xi32>, memref<100xi32>) outs(%c : memref<100xi32>) {
  ^bb0(%x: i32, %y: i32, %o: i32):
    %0 = arith.divsi %x, %y : i32
    linalg.yield %0 : i32
  }
  return
}

// -----

// An NCHW batch norm on 7x7 maps: the [C, 1, 1] channel vectors are viewed as [C] and the two spatial loops
// collapse into rows of 49 instead of 7-element rows: a row shorter than 64 lanes takes the widest power of
// two that fits, one vector of 32 and a masked one.
// CHECK-LABEL: func.func @batch_norm_7x7
// CHECK-SAME: (%[[X:.*]]: memref<1x64x7x7xf32>, %[[S:.*]]: memref<64x1x1xf32>, %[[Y:.*]]: memref<1x64x7x7xf32>)
// CHECK-DAG:  %[[SC:.*]] = memref.collapse_shape %[[S]] {{\[}}[0, 1, 2]] : memref<64x1x1xf32> into memref<64xf32>
// CHECK-DAG:  %[[XC:.*]] = memref.collapse_shape %[[X]] {{\[}}[0], [1], [2, 3]] : memref<1x64x7x7xf32> into memref<1x64x49xf32>
// CHECK-DAG:  %[[YC:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0], [1], [2, 3]] : memref<1x64x7x7xf32> into memref<1x64x49xf32>
// CHECK:      scf.for %[[N:.*]] =
// CHECK:        scf.for %[[C:.*]] =
// CHECK:          memref.load %[[SC]][%[[C]]] : memref<64xf32>
// CHECK:          scf.for %{{.*}} step %c32
// CHECK:            vector.load %[[XC]][%[[N]], %[[C]], %{{.*}}] : memref<1x64x49xf32>, vector<32xf32>
// CHECK:          vector.maskedload %[[XC]][%[[N]], %[[C]], %{{.*}}], %{{.*}}, %{{.*}} : memref<1x64x49xf32>, vector<32xi1>, vector<32xf32> into vector<32xf32>
// CHECK:          vector.maskedstore %[[YC]]
#nchw = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
func.func @batch_norm_7x7(%x: memref<1x64x7x7xf32>, %s: memref<64x1x1xf32>, %y: memref<1x64x7x7xf32>) {
  linalg.generic {indexing_maps = [#nchw, #chan, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %s : memref<1x64x7x7xf32>, memref<64x1x1xf32>) outs(%y : memref<1x64x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %0 = arith.mulf %a, %b : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// An in-place update (the input is the output, read where it is written) and an output the body reads: both
// load the same vector before the store. The yielded value may also come from above (broadcast).
// CHECK-LABEL: func.func @in_place
// CHECK-SAME: (%[[A:.*]]: memref<128xf32>, %[[B:.*]]: memref<128xf32>, %[[F:.*]]: f32)
// CHECK:      scf.for %[[I:.*]] =
// CHECK-DAG:    %[[X:.*]] = vector.load %[[A]][%[[I]]] : memref<128xf32>, vector<64xf32>
// CHECK-DAG:    %[[O:.*]] = vector.load %[[B]][%[[I]]] : memref<128xf32>, vector<64xf32>
// CHECK:        %[[S:.*]] = arith.addf %[[X]], %[[O]] : vector<64xf32>
// CHECK:        vector.store %[[S]], %[[A]][%[[I]]]
// CHECK:        vector.store %{{.*}}, %[[B]][%[[I]]]
#id = affine_map<(d0) -> (d0)>
func.func @in_place(%a: memref<128xf32>, %b: memref<128xf32>, %f: f32) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<128xf32>) outs(%a, %b : memref<128xf32>, memref<128xf32>) {
  ^bb0(%x: f32, %o: f32, %p: f32):
    %0 = arith.addf %x, %p : f32
    linalg.yield %0, %f : f32, f32
  }
  return
}

// -----

// Left alone: a transposed input (not contiguous along the last loop), an input viewing the output's buffer
// elsewhere (a vector step would read what an earlier element wrote, or not), a bool buffer (a vector of i1
// is bit-packed), a strided last dim, a reduction, a body with a non-arith op, a scalar operand, and
// math.fpowi (llvm.powi takes a scalar exponent, not a vector of them).
// CHECK-LABEL: func.func @not_vectorized
// CHECK-COUNT-8: linalg.generic
// CHECK-NOT:  vector.
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @not_vectorized(%a: memref<64x64xf32>, %b: memref<64x64xf32>, %buf: memref<200xf32>,
                          %m: memref<64xi1>, %n: memref<64xi1>, %s: memref<64xf32, strided<[2]>>,
                          %t: memref<64xf32>, %r: memref<64xf32>) {
  linalg.generic {indexing_maps = [#tr, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<64x64xf32>) outs(%b : memref<64x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  %in = memref.subview %buf[1] [100] [1] : memref<200xf32> to memref<100xf32, strided<[1], offset: 1>>
  %out = memref.subview %buf[0] [100] [1] : memref<200xf32> to memref<100xf32, strided<[1]>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%in : memref<100xf32, strided<[1], offset: 1>>) outs(%out : memref<100xf32, strided<[1]>>) {
  ^bb0(%x: f32, %o: f32):
    %0 = arith.addf %x, %x : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%m : memref<64xi1>) outs(%n : memref<64xi1>) {
  ^bb0(%x: i1, %o: i1):
    %true = arith.constant true
    %0 = arith.xori %x, %true : i1
    linalg.yield %0 : i1
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%s : memref<64xf32, strided<[2]>>) outs(%t : memref<64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %0 = arith.negf %x : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id2, #red], iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<64x64xf32>) outs(%r : memref<64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %0 = arith.addf %x, %o : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : memref<64xf32>) outs(%r : memref<64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %i = arith.fptosi %x : f32 to i32
    %j = arith.index_cast %i : i32 to index
    %0 = memref.load %t[%j] : memref<64xf32>
    linalg.yield %0 : f32
  }
  %one = arith.constant 1.0 : f32
  linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, #id], iterator_types = ["parallel"]}
      ins(%one : f32) outs(%t : memref<64xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  %three = arith.constant 3 : i32
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : memref<64xf32>) outs(%r : memref<64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %0 = math.fpowi %x, %three : f32, i32
    linalg.yield %0 : f32
  }
  return
}

// -----

// bf16 data: the last elements of a row run as scalars (LLVM has no masked bf16 loads and stores on x86),
// and rows of a static length below 64 take the widest power of two that fits (8: one vector, no tail).
// CHECK-LABEL: func.func @bf16_rows
// CHECK:      scf.for %{{.*}} step %c64
// CHECK:        vector.load %{{.*}} : memref<100xbf16>, vector<64xbf16>
// CHECK:      scf.for %{{.*}} step %c1
// CHECK:        memref.load %{{.*}} : memref<100xbf16>
// CHECK:      vector.load %{{.*}} : memref<8xbf16>, vector<8xbf16>
// CHECK:      vector.store %{{.*}} : memref<6x8xbf16>, vector<8xbf16>
// CHECK-NOT:  vector.masked
// CHECK:      return
#id = affine_map<(d0) -> (d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#bc = affine_map<(d0, d1) -> (d1)>
func.func @bf16_rows(%a: memref<100xbf16>, %b: memref<100xbf16>, %c: memref<6x8xbf16>, %d: memref<8xbf16>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<100xbf16>) outs(%b : memref<100xbf16>) {
  ^bb0(%x: bf16, %o: bf16):
    %0 = arith.extf %x : bf16 to f32
    %1 = arith.mulf %0, %0 : f32
    %2 = arith.truncf %1 : f32 to bf16
    linalg.yield %2 : bf16
  }
  linalg.generic {indexing_maps = [#bc, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%d : memref<8xbf16>) outs(%c : memref<6x8xbf16>) {
  ^bb0(%x: bf16, %o: bf16):
    linalg.yield %x : bf16
  }
  return
}
