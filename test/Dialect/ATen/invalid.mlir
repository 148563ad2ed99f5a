// RUN: inductor-opt %s -split-input-file -verify-diagnostics
// Verifier errors of the elementwise, reduction, normalization, linear-algebra and attention ops.

func.func @not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{operand shapes are not broadcastable}}
  %0 = aten.add.Tensor %a, %b : (tensor<4x3xf32>, tensor<5xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @wrong_promotion(%a: tensor<3xi64>) {
  // expected-error @+1 {{expected tensor<3xf32>}}
  %0 = aten.add.Scalar %a {other = 2.5 : f64} : (tensor<3xi64>) -> tensor<3xi64>
  return
}

// -----

func.func @wrong_result_shape(%a: tensor<4x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{result type 'tensor<4x4xf32>' does not match the PyTorch semantics of its operands: expected tensor<4x3xf32>}}
  %0 = aten.mul.Tensor %a, %b : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @wrong_rank(%a: tensor<4x3xf32>) {
  // expected-error @+1 {{expected tensor<4x3xf32>}}
  %0 = aten.exp %a : (tensor<4x3xf32>) -> tensor<12xf32>
  return
}

// -----

func.func @unsupported_dtype(%a: tensor<3xui8>) {
  // expected-error @+1 {{operand #0 has unsupported element type 'ui8'}}
  %0 = aten.relu %a : (tensor<3xui8>) -> tensor<3xui8>
  return
}

// -----

func.func @float_alpha_on_ints(%a: tensor<3xi64>) {
  // expected-error @+1 {{alpha must not be a floating point number}}
  %0 = aten.add.Tensor %a, %a {alpha = 2.0 : f64} : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return
}

// -----

func.func @bool_subtraction(%a: tensor<3xi1>) {
  // expected-error @+1 {{subtraction with bool tensors is not supported}}
  %0 = aten.sub.Tensor %a, %a : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return
}

// -----

func.func @bool_negation(%a: tensor<3xi1>) {
  // expected-error @+1 {{negation of a bool tensor is not supported}}
  %0 = aten.neg %a : (tensor<3xi1>) -> tensor<3xi1>
  return
}

// -----

func.func @gelu_mode(%a: tensor<3xf32>) {
  // expected-error @+1 {{approximate must be 'none' or 'tanh', got 'fast'}}
  %0 = aten.gelu %a {approximate = "fast"} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @silu_on_ints(%a: tensor<3xi32>) {
  // expected-error @+1 {{input must have a floating-point element type}}
  %0 = aten.silu %a : (tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @clamp_without_bounds(%a: tensor<3xf32>) {
  // expected-error @+1 {{at least one of 'min' or 'max' must not be None}}
  %0 = aten.clamp %a : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @hardtanh_bounds(%a: tensor<3xf32>) {
  // expected-error @+1 {{min_val cannot be greater than max_val}}
  %0 = aten.hardtanh %a {min_val = 2 : i64, max_val = 1 : i64} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @where_condition(%c: tensor<3xf32>, %a: tensor<3xf32>) {
  // expected-error @+1 {{condition must be a bool (i1) tensor}}
  %0 = aten.where.self %c, %a, %a : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @masked_fill_rank(%a: tensor<3xf32>, %m: tensor<2x3xi1>) {
  // expected-error @+1 {{does not broadcast to self}}
  %0 = aten.masked_fill.Scalar %a, %m {value = 0 : i64} : (tensor<3xf32>, tensor<2x3xi1>) -> tensor<3xf32>
  return
}

// -----

// A float value fills an integral tensor truncated (PyTorch 2.13), but must fit its dtype.
func.func @masked_fill_overflow(%a: tensor<3xi8>, %m: tensor<3xi1>) {
  // expected-error @+1 {{value 1.000000e+05 cannot be converted to 'i8' without overflow}}
  %0 = aten.masked_fill.Scalar %a, %m {value = 100000 : i64} : (tensor<3xi8>, tensor<3xi1>) -> tensor<3xi8>
  return
}

// -----

func.func @masked_fill_nan_into_int(%a: tensor<3xi64>, %m: tensor<3xi1>) {
  // expected-error @+1 {{value nan cannot be converted to 'i64' without overflow}}
  %0 = aten.masked_fill.Scalar %a, %m {value = 0x7FF8000000000000 : f64} : (tensor<3xi64>, tensor<3xi1>) -> tensor<3xi64>
  return
}

// -----

func.func @comparison_result(%a: tensor<3xf32>) {
  // expected-error @+1 {{expected tensor<3xi1>}}
  %0 = aten.lt.Scalar %a {other = 0 : i64} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @training_dropout(%a: tensor<3xf32>) {
  // expected-error @+1 {{training-mode dropout is not supported}}
  %0 = aten.dropout %a {p = 0.5 : f64, train = true} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @softmax_dim(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{dim 2 is out of range for a tensor of rank 2}}
  %0 = aten.softmax.int %a {dim = 2 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @half_to_float(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{half_to_float requires a bf16 or f16 input}}
  %0 = aten._softmax %a {dim = 1 : i64, half_to_float = true} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @layer_norm_shape(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{does not match the trailing dims of the input}}
  %0 = aten.layer_norm %a {normalized_shape = array<i64: 5>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @layer_norm_weight(%a: tensor<3x4xf32>, %w: tensor<3xf32>) {
  // expected-error @+1 {{weight and bias must have shape normalized_shape}}
  %0 = aten.layer_norm %a weight(%w) {normalized_shape = array<i64: 4>} : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @batch_norm_training(%a: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{training-mode batch_norm is not supported}}
  %0 = aten.batch_norm %a running_mean(%c) running_var(%c) {training = true, momentum = 0.1 : f64, eps = 1.0e-5 : f64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batch_norm_channels(%a: tensor<2x3x4xf32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{running_mean must be a 1-D tensor of size 3}}
  %0 = aten.batch_norm %a running_mean(%c) running_var(%c) {training = false, momentum = 0.1 : f64, eps = 1.0e-5 : f64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @reduction_dim_twice(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{dim 1 appears multiple times in the list of dims}}
  %0 = aten.sum.dim_IntList %a {dim = array<i64: 1, -1>} : (tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @sum_of_ints(%a: tensor<3xi32>) {
  // expected-error @+1 {{expected tensor<i64>}}
  %0 = aten.sum %a : (tensor<3xi32>) -> tensor<i32>
  return
}

// -----

func.func @mean_of_ints(%a: tensor<3xi64>) {
  // expected-error @+1 {{mean could not infer output dtype}}
  %0 = aten.mean %a : (tensor<3xi64>) -> tensor<i64>
  return
}

// -----

func.func @keepdim_shape(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{expected tensor<3x1xf32>}}
  %0 = aten.amax %a {dim = array<i64: 1>, keepdim = true} : (tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @mm_contraction(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) {
  // expected-error @+1 {{contraction sizes differ}}
  %0 = aten.mm %a, %b : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

func.func @mm_dtypes(%a: tensor<3x4xf32>, %b: tensor<4x6xbf16>) {
  // expected-error @+1 {{both operands must have the same dtype}}
  %0 = aten.mm %a, %b : (tensor<3x4xf32>, tensor<4x6xbf16>) -> tensor<3x6xf32>
  return
}

// -----

func.func @bmm_rank(%a: tensor<3x4xf32>, %b: tensor<4x6xf32>) {
  // expected-error @+1 {{expected 3-D operands}}
  %0 = aten.bmm %a, %b : (tensor<3x4xf32>, tensor<4x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

func.func @linear_features(%x: tensor<2x8xf32>, %w: tensor<4x7xf32>) {
  // expected-error @+1 {{do not match weight}}
  %0 = aten.linear %x, %w : (tensor<2x8xf32>, tensor<4x7xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<5x4x6xf32>) {
  // expected-error @+1 {{batch dimensions are not broadcastable}}
  %0 = aten.matmul %a, %b : (tensor<2x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x3x6xf32>
  return
}

// -----

func.func @addmm_self(%s: tensor<7xf32>, %a: tensor<3x4xf32>, %b: tensor<4x6xf32>) {
  // expected-error @+1 {{does not broadcast to the product shape}}
  %0 = aten.addmm %s, %a, %b : (tensor<7xf32>, tensor<3x4xf32>, tensor<4x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

func.func @sdpa_causal_and_mask(%q: tensor<1x2x4x8xf32>, %m: tensor<4x4xi1>) {
  // expected-error @+1 {{an explicit attn_mask must not be set when is_causal is true}}
  %0 = aten.scaled_dot_product_attention %q, %q, %q attn_mask(%m) {is_causal = true} : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xi1>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @sdpa_embedding(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x16xf32>) {
  // expected-error @+1 {{query and key embedding sizes differ}}
  %0 = aten.scaled_dot_product_attention %q, %k, %k : (tensor<1x2x4x8xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32>
  return
}

// -----

func.func @sdpa_dropout(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{dropout_p must be 0}}
  %0 = aten.scaled_dot_product_attention %q, %q, %q {dropout_p = 0.1 : f64} : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @sdpa_gqa_heads(%q: tensor<1x3x4x8xf32>, %k: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{query heads must be a multiple of key heads}}
  %0 = aten.scaled_dot_product_attention %q, %k, %k {enable_gqa = true} : (tensor<1x3x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x3x4x8xf32>
  return
}

// -----

func.func @unknown_op(%a: tensor<3xf32>) {
  // expected-error @+1 {{custom op 'aten.frobnicate' is unknown}}
  %0 = aten.frobnicate %a : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

// Found by fuzzing: each of these was accepted and then lowered to a wrong answer or a lowering failure.

func.func @mm_bool(%a: tensor<3x4xi1>, %b: tensor<4x2xi1>) {
  // expected-error @+1 {{mm is not implemented for bool (i1) tensors}}
  %0 = aten.mm %a, %b : (tensor<3x4xi1>, tensor<4x2xi1>) -> tensor<3x2xi1>
  return
}

// -----

func.func @matmul_bool(%a: tensor<4xi1>, %b: tensor<4xi1>) {
  // expected-error @+1 {{matmul is not implemented for bool (i1) tensors}}
  %0 = aten.matmul %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<i1>
  return
}

// -----

func.func @linear_bool(%a: tensor<3x4xi1>, %w: tensor<2x4xi1>) {
  // expected-error @+1 {{linear is not implemented for bool (i1) tensors}}
  %0 = aten.linear %a, %w : (tensor<3x4xi1>, tensor<2x4xi1>) -> tensor<3x2xi1>
  return
}

// -----

func.func @pow_bool_tensors(%a: tensor<3xi1>) {
  // expected-error @+1 {{pow is not implemented for bool (i1) tensors}}
  %0 = aten.pow.Tensor_Tensor %a, %a : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return
}

// -----

func.func @pow_int_negative_exponent(%a: tensor<3xi64>) {
  // expected-error @+1 {{integers to negative integer powers are not allowed}}
  %0 = aten.pow.Tensor_Scalar %a {exponent = -2 : i64} : (tensor<3xi64>) -> tensor<3xi64>
  return
}

// -----

func.func @clamp_bound_overflow(%a: tensor<3xi8>) {
  // expected-error @+1 {{value -1.000000e+03 cannot be converted to 'i8' without overflow}}
  %0 = aten.clamp %a {min = -1000 : i64, max = 1000 : i64} : (tensor<3xi8>) -> tensor<3xi8>
  return
}

// -----

func.func @hardtanh_bound_overflow(%a: tensor<3xf16>) {
  // expected-error @+1 {{value -1.000000e+10 cannot be converted to 'f16' without overflow}}
  %0 = aten.hardtanh %a {min_val = -1.0e10 : f64, max_val = 1.0e10 : f64} : (tensor<3xf16>) -> tensor<3xf16>
  return
}

// -----

func.func @layer_norm_mixed_dtypes(%a: tensor<3x4xf32>, %w: tensor<4xf64>) {
  // expected-error @+1 {{mixed dtypes: the parameters must all have the input dtype 'f32', got 'f64'}}
  %0 = aten.layer_norm %a weight(%w) {normalized_shape = array<i64: 4>} : (tensor<3x4xf32>, tensor<4xf64>) -> tensor<3x4xf32>
  return
}

// -----

func.func @batch_norm_mixed_dtypes(%a: tensor<2x3xbf16>, %w: tensor<3xf32>, %m: tensor<3xbf16>, %v: tensor<3xbf16>) {
  // expected-error @+1 {{mixed dtypes: the parameters must all have the input dtype 'bf16' or all be f32, got 'f32' 'bf16' 'bf16'}}
  %0 = aten.batch_norm %a weight(%w) running_mean(%m) running_var(%v) {training = false, momentum = 0.1, eps = 1.0e-5} : (tensor<2x3xbf16>, tensor<3xf32>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<2x3xbf16>
  return
}

// -----

func.func @amax_of_empty(%a: tensor<0x5xf32>) {
  // expected-error @+1 {{amax(): Expected reduction dim to be specified for input.numel() == 0}}
  %0 = aten.amax %a : (tensor<0x5xf32>) -> tensor<f32>
  return
}

// -----

func.func @amax_over_empty_dim(%a: tensor<0x5xf32>) {
  // expected-error @+1 {{amax(): Expected reduction dim 0 to have non-zero size}}
  %0 = aten.amax %a {dim = array<i64: 0>} : (tensor<0x5xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @zero_dim_duplicate_reduction_dims(%a: tensor<f32>) {
  // expected-error @+1 {{dim 0 appears multiple times in the list of dims}}
  %0 = "aten.sum.dim_IntList"(%a) {dim = array<i64: 0, -1>} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @operand_storage_overflow(%a: tensor<4294967296x4294967296xf32>) {
  // expected-error @+1 {{operand #0 of type 'tensor<4294967296x4294967296xf32>' is too large: its storage size in bytes overflows int64}}
  %0 = aten.relu %a : (tensor<4294967296x4294967296xf32>) -> tensor<4294967296x4294967296xf32>
  return
}
