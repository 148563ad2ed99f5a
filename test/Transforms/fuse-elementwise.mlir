// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-fuse-elementwise))' | FileCheck %s

// An elementwise chain fuses into one generic.
// CHECK-LABEL: func.func @chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @chain(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%0 : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// -----

// The exp producer feeds a row reduction that reads it with a permutation map: fused (computed once).
// CHECK-LABEL: func.func @into_reduction
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK: math.exp
// CHECK-NOT: linalg.generic
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @into_reduction(%a: tensor<4x8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.exp %x : f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%0 : tensor<4x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// GELU (erf) feeding the A operand of a matmul-like contraction: A[m, k] does not depend on n, so fusing
// would recompute erf N times. Must not fuse.
// CHECK-LABEL: func.func @no_recompute_into_contraction
// CHECK: linalg.generic
// CHECK: math.erf
// CHECK: linalg.yield
// CHECK: linalg.generic
// CHECK-SAME: "reduction"
// CHECK-NOT: math.erf
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (n, k)>
#c = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @no_recompute_into_contraction(%x: tensor<16x32xf32>, %w: tensor<8x32xf32>, %init: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %e = tensor.empty() : tensor<16x32xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.erf %v : f32
    linalg.yield %t : f32
  } -> tensor<16x32xf32>
  %mm = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%g, %w : tensor<16x32xf32>, tensor<8x32xf32>) outs(%init : tensor<16x8xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<16x8xf32>
  return %mm : tensor<16x8xf32>
}

// -----

// A bf16 -> f32 extension is cheap, but it does not fuse into a contraction: the microkernels need both
// operands of one element type (the fused contraction would be bf16 x f32, which only plain loops run).
// CHECK-LABEL: func.func @cast_into_contraction
// CHECK: linalg.generic
// CHECK: arith.extf
// CHECK: linalg.generic
// CHECK-SAME: "reduction"
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<16x32xf32>, tensor<8x32xf32>)
// CHECK-NOT: arith.extf
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (n, k)>
#c = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @cast_into_contraction(%x: tensor<16x32xbf16>, %w: tensor<8x32xf32>, %init: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %e = tensor.empty() : tensor<16x32xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<16x32xbf16>) outs(%e : tensor<16x32xf32>) {
  ^bb0(%v: bf16, %o: f32):
    %t = arith.extf %v : bf16 to f32
    linalg.yield %t : f32
  } -> tensor<16x32xf32>
  %mm = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%g, %w : tensor<16x32xf32>, tensor<8x32xf32>) outs(%init : tensor<16x8xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<16x8xf32>
  return %mm : tensor<16x8xf32>
}

// -----

// An expensive producer (exp) with two uses is not duplicated.
// CHECK-LABEL: func.func @multi_use
// CHECK-COUNT-3: linalg.generic
#id = affine_map<(d0) -> (d0)>
func.func @multi_use(%a: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.exp %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.sqrt %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  return %1, %2 : tensor<8xf32>, tensor<8xf32>
}

// -----

// A named transpose of a weight (aten.t) is generalized and fused into the contraction, whose B map becomes
// (n, k): the contraction reads the weight in place, and packing later reads it as B[N, K].
// CHECK-DAG: #[[$BT:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-LABEL: func.func @transpose_into_contraction
// CHECK-NOT: linalg.transpose
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$BT]], #{{.*}}], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<8x16xf32>, tensor<32x16xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return
#a = affine_map<(m, k, n) -> (m, k)>
#b = affine_map<(m, k, n) -> (k, n)>
#c = affine_map<(m, k, n) -> (m, n)>
func.func @transpose_into_contraction(%x: tensor<8x16xf32>, %w: tensor<32x16xf32>, %acc: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %e = tensor.empty() : tensor<16x32xf32>
  %t = linalg.transpose ins(%w : tensor<32x16xf32>) outs(%e : tensor<16x32xf32>) permutation = [1, 0]
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%x, %t : tensor<8x16xf32>, tensor<16x32xf32>) outs(%acc : tensor<8x32xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// A transpose that would leave the contraction's operand maps out of the forms the microkernels take stays a
// copy: attention's head transpose [B, S, H, D] -> [B, H, S, D] fused into Q K^T made A (b, s, h, d)-ordered
// and the product ran as plain loops (SDPA on 12 x 128 x 64 bf16 heads: 1.38 ms fused, 0.32 ms copied).
// CHECK-LABEL: func.func @head_transpose_not_into_contraction
// CHECK: %[[T:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x128x12x64xf32>) outs(%{{.*}} : tensor<1x12x128x64xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[T]], %{{.*}} : tensor<1x12x128x64xf32>, tensor<1x12x128x64xf32>)
#qa = affine_map<(b, h, m, n, k) -> (b, h, m, k)>
#qb = affine_map<(b, h, m, n, k) -> (b, h, n, k)>
#qc = affine_map<(b, h, m, n, k) -> (b, h, m, n)>
func.func @head_transpose_not_into_contraction(%q: tensor<1x128x12x64xf32>, %k: tensor<1x12x128x64xf32>, %acc: tensor<1x12x128x128xf32>) -> tensor<1x12x128x128xf32> {
  %e = tensor.empty() : tensor<1x12x128x64xf32>
  %t = linalg.transpose ins(%q : tensor<1x128x12x64xf32>) outs(%e : tensor<1x12x128x64xf32>) permutation = [0, 2, 1, 3]
  %0 = linalg.generic {indexing_maps = [#qa, #qb, #qc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%t, %k : tensor<1x12x128x64xf32>, tensor<1x12x128x64xf32>) outs(%acc : tensor<1x12x128x128xf32>) {
  ^bb0(%p: f32, %r: f32, %o: f32):
    %m = arith.mulf %p, %r : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x12x128x128xf32>
  return %0 : tensor<1x12x128x128xf32>
}

// -----

// A reshape between two elementwise ops (aten.view between a linear layer's bias add and its GELU) folds
// into the consumer by collapsing its loops: the two then fuse into one generic on [128, 64], which the
// GEMM kernel can take as its epilogue. The contraction keeps its maps.
// CHECK-LABEL: func.func @reshape_between_elementwise
// CHECK: %[[MM:.*]] = linalg.matmul
// CHECK: %[[FUSED:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[MM]], %{{.*}} : tensor<128x64xf32>, tensor<64xf32>)
// CHECK: arith.addf
// CHECK: math.erf
// CHECK: %[[OUT:.*]] = tensor.expand_shape %[[FUSED]] {{\[\[}}0, 1], [2]] output_shape [1, 128, 64]
// CHECK-NOT: linalg.generic
// CHECK: return %[[OUT]]
#bias2 = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @reshape_between_elementwise(%a: tensor<128x32xf32>, %w: tensor<32x64xf32>, %b: tensor<64xf32>) -> tensor<1x128x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x64xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<128x64xf32>) -> tensor<128x64xf32>
  %mm = linalg.matmul ins(%a, %w : tensor<128x32xf32>, tensor<32x64xf32>) outs(%c : tensor<128x64xf32>) -> tensor<128x64xf32>
  %e2 = tensor.empty() : tensor<128x64xf32>
  %biased = linalg.generic {indexing_maps = [#id2, #bias2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<128x64xf32>, tensor<64xf32>) outs(%e2 : tensor<128x64xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<128x64xf32>
  %v = tensor.expand_shape %biased [[0, 1], [2]] output_shape [1, 128, 64] : tensor<128x64xf32> into tensor<1x128x64xf32>
  %e3 = tensor.empty() : tensor<1x128x64xf32>
  %g = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%v : tensor<1x128x64xf32>) outs(%e3 : tensor<1x128x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = math.erf %x : f32
    linalg.yield %r : f32
  } -> tensor<1x128x64xf32>
  return %g : tensor<1x128x64xf32>
}

// -----

// A cheap producer with two uses (layer_norm's x - mean, read by the variance's sum and by the normalization)
// is recomputed in each consumer instead of being written out: three generics remain (mean, variance,
// normalization), and the subtraction is in the last two.
// CHECK-LABEL: func.func @cheap_multi_use
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[X:[a-z0-9]+]] : tensor<4x16xf32>)
// CHECK: %[[MEAN:.*]] = tensor.expand_shape %[[SUM]]
// CHECK: %[[VAR:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[MEAN]] :
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[VAR2:.*]] = tensor.expand_shape %[[VAR]]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[VAR2]] :
// CHECK: arith.subf
// CHECK-NOT: linalg.generic
// CHECK: return
#map = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#bcast = affine_map<(d0, d1) -> (d0, 0)>
func.func @cheap_multi_use(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 16.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.generic {indexing_maps = [#map, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x16xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %t = arith.addf %acc, %in fastmath<reassoc> : f32
    linalg.yield %t : f32
  } -> tensor<4xf32>
  %mean = tensor.expand_shape %sum [[0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
  %e2 = tensor.empty() : tensor<4x16xf32>
  %d = linalg.generic {indexing_maps = [#map, #bcast, #map], iterator_types = ["parallel", "parallel"]}
      ins(%x, %mean : tensor<4x16xf32>, tensor<4x1xf32>) outs(%e2 : tensor<4x16xf32>) {
  ^bb0(%in: f32, %m: f32, %o: f32):
    %q = arith.divf %m, %n : f32
    %t = arith.subf %in, %q : f32
    linalg.yield %t : f32
  } -> tensor<4x16xf32>
  %var = linalg.generic {indexing_maps = [#map, #row], iterator_types = ["parallel", "reduction"]}
      ins(%d : tensor<4x16xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %sq = arith.mulf %in, %in : f32
    %t = arith.addf %acc, %sq fastmath<reassoc> : f32
    linalg.yield %t : f32
  } -> tensor<4xf32>
  %var2 = tensor.expand_shape %var [[0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
  %out = linalg.generic {indexing_maps = [#map, #bcast, #map], iterator_types = ["parallel", "parallel"]}
      ins(%d, %var2 : tensor<4x16xf32>, tensor<4x1xf32>) outs(%e2 : tensor<4x16xf32>) {
  ^bb0(%in: f32, %v: f32, %o: f32):
    %r = math.rsqrt %v : f32
    %t = arith.mulf %in, %r : f32
    linalg.yield %t : f32
  } -> tensor<4x16xf32>
  return %out : tensor<4x16xf32>
}

// -----

// A cheap producer with two uses is not duplicated when it reads a contraction's result (a single consumer
// is the kernel's epilogue) ...
// CHECK-LABEL: func.func @cheap_multi_use_of_matmul
// CHECK: linalg.matmul
// CHECK-COUNT-3: linalg.generic
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @cheap_multi_use_of_matmul(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>)
    -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  %mm = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e = tensor.empty() : tensor<8x8xf32>
  %add = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %a : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %t = arith.addf %x, %y : f32
    linalg.yield %t : f32
  } -> tensor<8x8xf32>
  %1 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%add : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.sqrt %x : f32
    linalg.yield %t : f32
  } -> tensor<8x8xf32>
  %2 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%add : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<8x8xf32>
  return %1, %2 : tensor<8x8xf32>, tensor<8x8xf32>
}

// -----

// ... nor when one of its uses is a contraction, where it would not fuse.
// CHECK-LABEL: func.func @cheap_multi_use_into_matmul
// CHECK: %[[ADD:.*]] = linalg.generic
// CHECK: linalg.generic {{.*}} ins(%[[ADD]] :
// CHECK-NOT: linalg.generic
// CHECK: linalg.matmul ins(%[[ADD]],
#id3 = affine_map<(d0, d1) -> (d0, d1)>
func.func @cheap_multi_use_into_matmul(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>)
    -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  %e = tensor.empty() : tensor<8x8xf32>
  %add = linalg.generic {indexing_maps = [#id3, #id3, #id3], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %t = arith.addf %x, %y : f32
    linalg.yield %t : f32
  } -> tensor<8x8xf32>
  %1 = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel"]}
      ins(%add : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.sqrt %x : f32
    linalg.yield %t : f32
  } -> tensor<8x8xf32>
  %mm = linalg.matmul ins(%add, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %1, %mm : tensor<8x8xf32>, tensor<8x8xf32>
}


// -----

// A bf16 -> f32 conversion fuses into a consumer that reads each value once (x), not into one that reads it
// once per row (a per-column weight): there it is computed once, by its own op.
// CHECK-LABEL: func.func @broadcast_cast_not_recomputed
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xbf16>, %[[W:.*]]: tensor<8xbf16>)
// CHECK: %[[WF:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<8xbf16>)
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[WF]] : tensor<4x8xbf16>, tensor<8xf32>)
// CHECK: arith.extf
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
#xm = affine_map<(d0, d1) -> (d0, d1)>
#wm = affine_map<(d0, d1) -> (d1)>
#v = affine_map<(d0) -> (d0)>
func.func @broadcast_cast_not_recomputed(%x: tensor<4x8xbf16>, %w: tensor<8xbf16>) -> tensor<4x8xf32> {
  %e1 = tensor.empty() : tensor<4x8xf32>
  %xf = linalg.generic {indexing_maps = [#xm, #xm], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xbf16>) outs(%e1 : tensor<4x8xf32>) {
  ^bb0(%in: bf16, %o: f32):
    %t = arith.extf %in : bf16 to f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  %e2 = tensor.empty() : tensor<8xf32>
  %wf = linalg.generic {indexing_maps = [#v, #v], iterator_types = ["parallel"]}
      ins(%w : tensor<8xbf16>) outs(%e2 : tensor<8xf32>) {
  ^bb0(%in: bf16, %o: f32):
    %t = arith.extf %in : bf16 to f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %y = linalg.generic {indexing_maps = [#xm, #wm, #xm], iterator_types = ["parallel", "parallel"]}
      ins(%xf, %wf : tensor<4x8xf32>, tensor<8xf32>) outs(%e1 : tensor<4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %t = arith.mulf %a, %b : f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// ... nor when it reads a contraction's result through a reshape (a linear layer's [128, 768] output reaches
// its bias or residual add as [1, 128, 768]).
// CHECK-LABEL: func.func @cheap_multi_use_of_reshaped_matmul
// CHECK: linalg.matmul
// CHECK-COUNT-3: linalg.generic
#r3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @cheap_multi_use_of_reshaped_matmul(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>,
    %res: tensor<1x8x8xf32>) -> (tensor<1x8x8xf32>, tensor<1x8x8xf32>) {
  %mm = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  %mm3 = tensor.expand_shape %mm [[0, 1], [2]] output_shape [1, 8, 8] : tensor<8x8xf32> into tensor<1x8x8xf32>
  %e = tensor.empty() : tensor<1x8x8xf32>
  %add = linalg.generic {indexing_maps = [#r3, #r3, #r3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%mm3, %res : tensor<1x8x8xf32>, tensor<1x8x8xf32>) outs(%e : tensor<1x8x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %t = arith.addf %x, %y : f32
    linalg.yield %t : f32
  } -> tensor<1x8x8xf32>
  %1 = linalg.generic {indexing_maps = [#r3, #r3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%add : tensor<1x8x8xf32>) outs(%e : tensor<1x8x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.sqrt %x : f32
    linalg.yield %t : f32
  } -> tensor<1x8x8xf32>
  %2 = linalg.generic {indexing_maps = [#r3, #r3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%add : tensor<1x8x8xf32>) outs(%e : tensor<1x8x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<1x8x8xf32>
  return %1, %2 : tensor<1x8x8xf32>, tensor<1x8x8xf32>
}

// -----

// ... nor when its copies would read more than writing it once and reading it back: three full-size f32
// operands read by three copies (2 x 96 extra bits per element) against a 32-bit result read three times
// after one write (4 x 32).
// CHECK-LABEL: func.func @cheap_multi_use_too_many_operands
// CHECK-COUNT-4: linalg.generic
// CHECK-NOT: linalg.generic
#id4 = affine_map<(d0) -> (d0)>
func.func @cheap_multi_use_too_many_operands(%a: tensor<8xf32>, %b: tensor<8xf32>, %c: tensor<8xf32>)
    -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %s = linalg.generic {indexing_maps = [#id4, #id4, #id4, #id4], iterator_types = ["parallel"]}
      ins(%a, %b, %c : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32, %o: f32):
    %t = arith.addf %x, %y : f32
    %u = arith.addf %t, %z : f32
    linalg.yield %u : f32
  } -> tensor<8xf32>
  %1 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel"]}
      ins(%s : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.sqrt %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %2 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel"]}
      ins(%s : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %3 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel"]}
      ins(%s : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.exp %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  return %1, %2, %3 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

// Two uses of a chain of cheap producers: both are recomputed in each consumer (the reader is copied first,
// then what it reads into each copy), leaving one generic per consumer.
// CHECK-LABEL: func.func @cheap_chain_multi_use
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT: linalg.generic
#id5 = affine_map<(d0) -> (d0)>
func.func @cheap_chain_multi_use(%a: tensor<8xf32>, %b: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %s = linalg.generic {indexing_maps = [#id5, #id5, #id5], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %t = arith.subf %x, %y : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %m = linalg.generic {indexing_maps = [#id5, #id5], iterator_types = ["parallel"]}
      ins(%s : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = arith.mulf %x, %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %1 = linalg.generic {indexing_maps = [#id5, #id5], iterator_types = ["parallel"]}
      ins(%m : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.sqrt %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %2 = linalg.generic {indexing_maps = [#id5, #id5], iterator_types = ["parallel"]}
      ins(%m : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  return %1, %2 : tensor<8xf32>, tensor<8xf32>
}

// -----

// A contraction whose weights are a splat (a zero-initialized or constant-filled layer) keeps them as an
// operand, given as a resource blob of their full bytes: folded into the body as a scalar, the op would no
// longer be a contraction, and would run on plain loops instead of the GEMM kernels. A splat operand of an
// elementwise op still folds.
// CHECK-LABEL: func.func @splat_weights_stay
// CHECK: %[[W:.*]] = arith.constant dense_resource<splat_operand{{.*}}> : tensor<8x16xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%{{.*}}, %[[W]] : tensor<4x8xf32>, tensor<8x16xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{[^ ]*}} : tensor<4x16xf32>)
// CHECK: return
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @splat_weights_stay(%x: tensor<4x8xf32>, %acc: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %w = arith.constant dense<5.000000e-01> : tensor<8x16xf32>
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%acc : tensor<4x16xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  %two = arith.constant dense<2.000000e+00> : tensor<4x16xf32>
  %e = tensor.empty() : tensor<4x16xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%0, %two : tensor<4x16xf32>, tensor<4x16xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %m = arith.mulf %p, %q : f32
    linalg.yield %m : f32
  } -> tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}
