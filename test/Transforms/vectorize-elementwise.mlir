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

// Integer division would trap on the zeros of inactive lanes: no masked step. A static row longer than a
// vector ends with one more vector at n - 64, overlapping the previous one; a dynamic row ends in scalars.
// CHECK-LABEL: func.func @integer_division_overlapping_tail
// CHECK:      scf.for %{{.*}} step %c64
// CHECK:        arith.divsi %{{.*}} : vector<64xi32>
// CHECK:      %[[AT:.*]] = arith.constant 36 : index
// CHECK:      vector.load %{{.*}}[%[[AT]]] : memref<100xi32>, vector<64xi32>
// CHECK:      arith.divsi %{{.*}} : vector<64xi32>
// CHECK:      vector.store %{{.*}}[%[[AT]]] : memref<100xi32>, vector<64xi32>
// CHECK:      scf.for %{{.*}} step %c64
// CHECK:        arith.divsi %{{.*}} : vector<64xi32>
// CHECK:      scf.for %{{.*}} step %c1
// CHECK:        memref.load
// CHECK:        arith.divsi %{{.*}} : i32
// CHECK:        memref.store
// CHECK-NOT:  vector.maskedload
#id = affine_map<(d0) -> (d0)>
func.func @integer_division_overlapping_tail(%a: memref<100xi32>, %b: memref<100xi32>, %c: memref<100xi32>,
                                              %d: memref<?xi32>, %e: memref<?xi32>, %f: memref<?xi32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : memref<100xi32>, memref<100xi32>) outs(%c : memref<100xi32>) {
  ^bb0(%x: i32, %y: i32, %o: i32):
    %0 = arith.divsi %x, %y : i32
    linalg.yield %0 : i32
  }
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%d, %e : memref<?xi32>, memref<?xi32>) outs(%f : memref<?xi32>) {
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

// bf16 data (LLVM has no masked bf16 loads and stores on x86): a row ends with one more vector that
// overlaps the previous one, and rows of a static length below 64 take the widest power of two that fits
// (8: one vector, no tail).
// CHECK-LABEL: func.func @bf16_rows
// CHECK:      scf.for %{{.*}} step %c64
// CHECK:        vector.load %{{.*}} : memref<100xbf16>, vector<64xbf16>
// CHECK:      %[[AT:.*]] = arith.constant 36 : index
// CHECK:      vector.load %{{.*}}[%[[AT]]] : memref<100xbf16>, vector<64xbf16>
// CHECK:      vector.store %{{.*}}[%[[AT]]] : memref<100xbf16>, vector<64xbf16>
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

// -----

// In place, an overlapping last vector would read what the previous one wrote: the tail stays scalar.
// CHECK-LABEL: func.func @bf16_in_place_scalar_tail
// CHECK:      scf.for %{{.*}} step %c64
// CHECK:        vector.load %{{.*}} : memref<100xbf16>, vector<64xbf16>
// CHECK:      scf.for %{{.*}} = %{{.*}} to %c100 step %c1
// CHECK:        memref.load %{{.*}} : memref<100xbf16>
// CHECK:        memref.store
#id = affine_map<(d0) -> (d0)>
func.func @bf16_in_place_scalar_tail(%a: memref<100xbf16>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<100xbf16>) outs(%a : memref<100xbf16>) {
  ^bb0(%x: bf16, %o: bf16):
    %0 = arith.extf %x : bf16 to f32
    %1 = arith.addf %0, %0 : f32
    %2 = arith.truncf %1 : f32 to bf16
    linalg.yield %2 : bf16
  }
  return
}

// -----

// The im2col gather of a 3x3 stride-2 convolution reads 2 * ow + kw: each vector loads twice its lanes and
// keeps the even elements. Whole vectors end one element short of the row (28 outputs: 16 lanes, one
// vector), so that no load reads past the row's last input; the last vector starts at 28 - 16 and loads from
// one element early, keeping the odd ones.
// CHECK-LABEL: func.func @im2col_stride2
// CHECK:      scf.for %[[OW:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK:        %[[TWICE:.*]] = arith.muli %[[OW]], %c2
// CHECK:        %[[IDX:.*]] = arith.addi %[[TWICE]]
// CHECK:        %[[W:.*]] = vector.load %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[IDX]]] : memref<1x2x58x58xbf16>, vector<32xbf16>
// CHECK:        vector.shuffle %[[W]], %[[W]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK:        vector.store %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[OW]]] : memref<1x2x3x3x28x28xbf16>, vector<16xbf16>
// CHECK:      %[[LAST:.*]] = arith.constant 12 : index
// CHECK:      %[[EARLY:.*]] = arith.subi %{{.*}}, %c1
// CHECK:      %[[V:.*]] = vector.load %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[EARLY]]] : memref<1x2x58x58xbf16>, vector<32xbf16>
// CHECK:      vector.shuffle %[[V]], %[[V]] [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31]
// CHECK:      vector.store %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[LAST]]] : memref<1x2x3x3x28x28xbf16>, vector<16xbf16>
// CHECK-NOT:  linalg.generic
#gather = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4 * 2 + d2, d5 * 2 + d3)>
#id6 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
func.func @im2col_stride2(%in: memref<1x2x58x58xbf16>, %out: memref<1x2x3x3x28x28xbf16>) {
  linalg.generic {indexing_maps = [#gather, #id6],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%in : memref<1x2x58x58xbf16>) outs(%out : memref<1x2x3x3x28x28xbf16>) {
  ^bb0(%x: bf16, %o: bf16):
    linalg.yield %x : bf16
  }
  return
}

// -----

// A max pool's taps are stride-2 views of the padded input: each is read through a unit-stride view of the
// same span (2 * 4 - 1 elements) at twice the index. Rows of 4 outputs: 2 lanes, one whole vector.
// CHECK-LABEL: func.func @max_pool_taps
// CHECK-DAG:  %[[T0:.*]] = memref.subview %{{.*}}[0, 0] [4, 7] [2, 1] : memref<9x9xf32> to memref<4x7xf32, strided<[18, 1]>>
// CHECK-DAG:  %[[T1:.*]] = memref.subview %{{.*}}[0, 1] [4, 7] [2, 1] : memref<9x9xf32> to memref<4x7xf32, strided<[18, 1], offset: 1>>
// CHECK:      scf.for
// CHECK:        scf.for %{{.*}} step %c2
// CHECK:          vector.load %[[T0]]{{.*}} : memref<4x7xf32, strided<[18, 1]>>, vector<4xf32>
// CHECK:          vector.load %[[T1]]{{.*}} : memref<4x7xf32, strided<[18, 1], offset: 1>>, vector<4xf32>
// CHECK:          arith.maximumf %{{.*}} : vector<2xf32>
// CHECK-NOT:  linalg.generic
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @max_pool_taps(%padded: memref<9x9xf32>, %out: memref<4x4xf32>) {
  %t0 = memref.subview %padded[0, 0] [4, 4] [2, 2] : memref<9x9xf32> to memref<4x4xf32, strided<[18, 2]>>
  %t1 = memref.subview %padded[0, 1] [4, 4] [2, 2] : memref<9x9xf32> to memref<4x4xf32, strided<[18, 2], offset: 1>>
  linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%t0, %t1 : memref<4x4xf32, strided<[18, 2]>>, memref<4x4xf32, strided<[18, 2], offset: 1>>)
      outs(%out : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %0 = arith.maximumf %x, %y : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// A unit-stride compound index (a stride-1 im2col's ow + kw) is a contiguous load at the computed index; a
// dynamic row with a strided input ends in scalars after whole vectors up to n - 1; stride 3 stays a
// generic. The compound index of an input read across the trailing loops is not a size-1 dim to fold
// before collapsing.
// CHECK-LABEL: func.func @compound_indices
// CHECK:      scf.for %[[I:.*]] =
// CHECK:        scf.for %[[J:.*]] = %{{.*}} step %c64
// CHECK:          %[[X:.*]] = arith.addi %[[I]], %[[J]]
// CHECK:          vector.load %{{.*}}[%[[X]]] : memref<80xf32>, vector<64xf32>
// CHECK:      %[[M:.*]] = arith.maxsi
// CHECK:      arith.remui %[[M]], %c64
// CHECK:      scf.for %{{.*}} step %c64
// CHECK:        vector.load %{{.*}} : memref<?xf32>, vector<128xf32>
// CHECK:      scf.for %{{.*}} step %c1
// CHECK:        memref.load %{{.*}} : memref<?xf32>
// CHECK:      linalg.generic
// CHECK-SAME:   memref<300xf32>
// CHECK:      scf.for %[[R:.*]] =
// CHECK:        %[[S:.*]] = memref.load %{{.*}} : memref<8xf32>
// CHECK:        vector.broadcast %[[S]]
// CHECK:      return
#window = affine_map<(d0, d1) -> (d0 + d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#id = affine_map<(d0) -> (d0)>
#twice = affine_map<(d0) -> (d0 * 2)>
#thrice = affine_map<(d0) -> (d0 * 3)>
#half = affine_map<(d0, d1, d2) -> (d0 * 2 + d1)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @compound_indices(%a: memref<80xf32>, %b: memref<16x64xf32>, %c: memref<?xf32>, %d: memref<?xf32>,
                            %e: memref<300xf32>, %f: memref<100xf32>, %g: memref<8xf32>,
                            %h: memref<3x2x64xf32>) {
  linalg.generic {indexing_maps = [#window, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<80xf32>) outs(%b : memref<16x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  linalg.generic {indexing_maps = [#twice, #id], iterator_types = ["parallel"]}
      ins(%c : memref<?xf32>) outs(%d : memref<?xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  linalg.generic {indexing_maps = [#thrice, #id], iterator_types = ["parallel"]}
      ins(%e : memref<300xf32>) outs(%f : memref<100xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  linalg.generic {indexing_maps = [#half, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%g : memref<8xf32>) outs(%h : memref<3x2x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  return
}
