// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// Q K^T (key read transposed: loops b, h, l, s, e), scaled by rsqrt(E), softmax over S, then P V (loops b, h,
// l, s, e' with s the reduction: the same three maps in other roles).
// CHECK-DAG: #[[Q:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[KT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @sdpa(
// CHECK: %[[QK:.*]] = linalg.generic {indexing_maps = [#[[Q]], #[[KT]], #[[S]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%arg0, %arg1 :
// CHECK: %[[SC:.*]] = math.rsqrt
// CHECK: linalg.generic {{.*}} ins(%[[QK]] :
// CHECK: arith.mulf %{{.*}}, %[[SC]] : f32
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[ROW]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.maxnumf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK: linalg.generic {indexing_maps = [#[[S]], #[[KT]], #[[Q]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel"]} ins(%{{.*}}, %arg2 :
func.func @sdpa(%q: tensor<2x3x5x8xf32>, %k: tensor<2x3x7x8xf32>, %v: tensor<2x3x7x4xf32>) -> tensor<2x3x5x4xf32> {
  %0 = aten.scaled_dot_product_attention %q, %k, %v : (tensor<2x3x5x8xf32>, tensor<2x3x7x8xf32>, tensor<2x3x7x4xf32>) -> tensor<2x3x5x4xf32>
  return %0 : tensor<2x3x5x4xf32>
}

// -----

// bool mask: select(mask, score, -inf); explicit scale is a constant.
// CHECK-LABEL: func.func @sdpa_bool_mask(
// CHECK: %[[SC:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %[[M:.*]]: i1, %{{.*}}: f32):
// CHECK: %[[Y:.*]] = arith.mulf %[[X]], %[[SC]] : f32
// CHECK: arith.select %[[M]], %[[Y]], %[[NI]] : f32
func.func @sdpa_bool_mask(%q: tensor<2x5x8xf32>, %k: tensor<2x7x8xf32>, %v: tensor<2x7x8xf32>, %m: tensor<5x7xi1>) -> tensor<2x5x8xf32> {
  %0 = aten.scaled_dot_product_attention %q, %k, %v attn_mask(%m) {scale = 0.25 : f64} : (tensor<2x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x8xf32>, tensor<5x7xi1>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// -----

// float mask (bf16): added to the f32 score after extension.
// CHECK-LABEL: func.func @sdpa_float_mask_bf16(
// CHECK: ^bb0(%[[X:.*]]: f32, %[[M:.*]]: bf16, %{{.*}}: f32):
// CHECK: %[[Y:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK: %[[ME:.*]] = arith.extf %[[M]] : bf16 to f32
// CHECK: arith.addf %[[Y]], %[[ME]] : f32
// The probabilities are rounded to bf16 (as PyTorch's flash attention does) and multiply V as bf16 x bf16
// with f32 accumulation; the result is rounded to bf16 last.
// CHECK: %[[P:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x5x7xbf16>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%[[P]], %arg2 : tensor<2x5x7xbf16>, tensor<2x7x8xbf16>)
// CHECK: arith.truncf {{.*}} : f32 to bf16
func.func @sdpa_float_mask_bf16(%q: tensor<2x5x8xbf16>, %k: tensor<2x7x8xbf16>, %v: tensor<2x7x8xbf16>, %m: tensor<5x7xbf16>) -> tensor<2x5x8xbf16> {
  %0 = aten.scaled_dot_product_attention %q, %k, %v attn_mask(%m) : (tensor<2x5x8xbf16>, tensor<2x7x8xbf16>, tensor<2x7x8xbf16>, tensor<5x7xbf16>) -> tensor<2x5x8xbf16>
  return %0 : tensor<2x5x8xbf16>
}

// -----

// is_causal: keep score (i, j) iff j <= i (top-left aligned, as torch.ones(L, S).tril()).
// CHECK-LABEL: func.func @sdpa_causal(
// CHECK: %[[I:.*]] = linalg.index 2 : index
// CHECK: %[[J:.*]] = linalg.index 3 : index
// CHECK: %[[K:.*]] = arith.cmpi ule, %[[J]], %[[I]] : index
// CHECK: arith.select %[[K]]
func.func @sdpa_causal(%q: tensor<1x2x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x2x5x8xf32> {
  %0 = aten.scaled_dot_product_attention %q, %k, %v {is_causal = true} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>) -> tensor<1x2x5x8xf32>
  return %0 : tensor<1x2x5x8xf32>
}

// -----

// enable_gqa: key and value heads repeated (query head h reads kv head h floordiv groups).
// CHECK-DAG: #[[REP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 2, d2, d3)>
// CHECK-LABEL: func.func @sdpa_gqa(
// CHECK: linalg.generic {indexing_maps = [#[[REP]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg1 : tensor<2x2x7x8xf32>) outs(%{{.*}} : tensor<2x4x7x8xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[REP]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg2 : tensor<2x2x7x8xf32>) outs(%{{.*}} : tensor<2x4x7x8xf32>)
func.func @sdpa_gqa(%q: tensor<2x4x5x8xf32>, %k: tensor<2x2x7x8xf32>, %v: tensor<2x2x7x8xf32>) -> tensor<2x4x5x8xf32> {
  %0 = aten.scaled_dot_product_attention %q, %k, %v {enable_gqa = true} : (tensor<2x4x5x8xf32>, tensor<2x2x7x8xf32>, tensor<2x2x7x8xf32>) -> tensor<2x4x5x8xf32>
  return %0 : tensor<2x4x5x8xf32>
}
