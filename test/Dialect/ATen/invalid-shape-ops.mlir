// RUN: inductor-opt %s -split-input-file -verify-diagnostics

func.func @view_incompatible(%a: tensor<12xf32>) -> tensor<5x?xf32> {
  // expected-error @+1 {{view size is not compatible: 12 elements into [5, -1]}}
  %0 = aten.view %a {size = array<i64: 5, -1>} : (tensor<12xf32>) -> tensor<5x?xf32>
  return %0 : tensor<5x?xf32>
}

// -----

func.func @view_numel(%a: tensor<12xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{view size is not compatible: 12 elements into [2, 5]}}
  %0 = aten.view %a {size = array<i64: 2, 5>} : (tensor<12xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @view_two_inferred(%a: tensor<12xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{only one dimension can be inferred}}
  %0 = aten.view %a {size = array<i64: -1, -1>} : (tensor<12xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @view_negative(%a: tensor<12xf32>) -> tensor<?x6xf32> {
  // expected-error @+1 {{invalid shape dimension -2 at index 0 of shape [-2, 6]}}
  %0 = aten.view %a {size = array<i64: -2, 6>} : (tensor<12xf32>) -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

func.func @view_ambiguous(%a: tensor<?xf32>) -> tensor<?x0xf32> {
  // expected-error @+1 {{cannot infer the -1 of view size [-1, 0]: the other sizes multiply to 0}}
  %0 = aten.view %a {size = array<i64: -1, 0>} : (tensor<?xf32>) -> tensor<?x0xf32>
  return %0 : tensor<?x0xf32>
}

// -----

func.func @view_wrong_result(%a: tensor<?x4xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{result type 'tensor<?x3xf32>' does not match the PyTorch semantics of its operands: expected tensor<?x4xf32>}}
  %0 = aten.view %a {size = array<i64: -1, 4>} : (tensor<?x4xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

func.func @reshape_incompatible(%a: tensor<2x3xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{reshape shape is not compatible: 6 elements into [4, -1]}}
  %0 = aten.reshape %a {shape = array<i64: 4, -1>} : (tensor<2x3xf32>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

func.func @permute_count(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{permute of a tensor of rank 2 needs 2 dims, got 1}}
  %0 = aten.permute %a {dims = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @permute_duplicate(%a: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{dim -2 appears more than once in permute}}
  %0 = aten.permute %a {dims = array<i64: 0, -2>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @permute_range(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{dim 2 is out of range for a tensor of rank 2}}
  %0 = aten.permute %a {dims = array<i64: 0, 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @transpose_range(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dim1 -3 is out of range for a tensor of rank 2}}
  %0 = aten.transpose.int %a {dim0 = 0 : i64, dim1 = -3 : i64} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_result(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{expected tensor<3x2xf32>}}
  %0 = aten.transpose.int %a {dim0 = 0 : i64, dim1 = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @t_rank(%a: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  // expected-error @+1 {{t() expects a tensor with <= 2 dimensions, but self has rank 3}}
  %0 = aten.t %a : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

func.func @expand_too_few(%a: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)}}
  %0 = aten.expand %a {size = array<i64: 3>} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @expand_leading_inferred(%a: tensor<2x3xf32>) -> tensor<2x2x3xf32> {
  // expected-error @+1 {{the expanded size -1 isn't allowed in a leading, non-existing dimension 0}}
  %0 = aten.expand %a {size = array<i64: -1, 2, 3>} : (tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// -----

func.func @expand_mismatch(%a: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{the expanded size 4 must match the existing size 2 at non-singleton dimension 0}}
  %0 = aten.expand %a {size = array<i64: 4, 3>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @unsqueeze_range(%a: tensor<2x3xf32>) -> tensor<2x3x1xf32> {
  // expected-error @+1 {{dim 3 is out of range for a tensor of rank 3}}
  %0 = aten.unsqueeze %a {dim = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
  return %0 : tensor<2x3x1xf32>
}

// -----

func.func @squeeze_range(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{dim 2 is out of range for a tensor of rank 2}}
  %0 = aten.squeeze.dim %a {dim = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @squeeze_not_one(%a: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{expected tensor<2x3xf32>}}
  %0 = aten.squeeze.dim %a {dim = 0 : i64} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @flatten_order(%a: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{start_dim 2 cannot come after end_dim 1}}
  %0 = aten.flatten.using_ints %a {start_dim = 2 : i64, end_dim = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @flatten_range(%a: tensor<2x3xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{end_dim 2 is out of range for a tensor of rank 2}}
  %0 = aten.flatten.using_ints %a {end_dim = 2 : i64} : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @slice_scalar(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{slice() cannot be applied to a 0-dim tensor}}
  %0 = aten.slice.Tensor %a : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @slice_step(%a: tensor<5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{slice step must be positive, got 0}}
  %0 = aten.slice.Tensor %a {step = 0 : i64} : (tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @slice_clamped(%a: tensor<5xf32>) -> tensor<2xf32> {
  // end < start clamps to an empty slice
  // expected-error @+1 {{expected tensor<0xf32>}}
  %0 = aten.slice.Tensor %a {start = 4 : i64, end = 2 : i64} : (tensor<5xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_range(%a: tensor<5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{dim 1 is out of range for a tensor of rank 1}}
  %0 = aten.slice.Tensor %a {dim = 1 : i64} : (tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @select_scalar(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{select() cannot be applied to a 0-dim tensor}}
  %0 = aten.select.int %a {dim = 0 : i64, index = 0 : i64} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @select_index(%a: tensor<3x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{index -4 is out of range for dimension 0 with size 3}}
  %0 = aten.select.int %a {dim = 0 : i64, index = -4 : i64} : (tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @cat_empty() -> tensor<0xf32> {
  // expected-error @+1 {{expected a non-empty list of tensors}}
  %0 = aten.cat [] : () -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

func.func @cat_zero_dim(%a: tensor<f32>, %b: tensor<2xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{zero-dimensional tensor (at position 0) cannot be concatenated}}
  %0 = aten.cat [%a, %b] : (tensor<f32>, tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @cat_rank(%a: tensor<2x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{tensors must have the same number of dimensions: got 2 and 1 (tensor number 1)}}
  %0 = aten.cat [%a, %b] : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @cat_sizes(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{sizes of tensors must match except in dimension 0: expected size 3 but got size 4 for tensor number 1 in the list}}
  %0 = aten.cat [%a, %b] : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @cat_dtype(%a: tensor<2xi32>, %b: tensor<2xbf16>) -> tensor<4xi32> {
  // expected-error @+1 {{expected tensor<4xbf16>}}
  %0 = aten.cat [%a, %b] : (tensor<2xi32>, tensor<2xbf16>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @cat_range(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{dim 2 is out of range for a tensor of rank 2}}
  %0 = aten.cat [%a] {dim = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @embedding_weight(%w: tensor<3x4x2xf32>, %i: tensor<2xi64>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'weight' must be 2-D, got rank 3}}
  %0 = aten.embedding %w, %i : (tensor<3x4x2xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @embedding_indices(%w: tensor<3x4xf32>, %i: tensor<2xi16>) -> tensor<2x4xf32> {
  // expected-error @+1 {{indices must be i64 or i32, got 'i16'}}
  %0 = aten.embedding %w, %i : (tensor<3x4xf32>, tensor<2xi16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @index_select_rank(%a: tensor<3x4xf32>, %i: tensor<1x1xi64>) -> tensor<3x1xf32> {
  // expected-error @+1 {{index_select(): index is supposed to be a vector, got rank 2}}
  %0 = aten.index_select %a, %i {dim = 1 : i64} : (tensor<3x4xf32>, tensor<1x1xi64>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @index_select_dtype(%a: tensor<3x4xf32>, %i: tensor<1xf32>) -> tensor<3x1xf32> {
  // expected-error @+1 {{index_select(): index must be i64 or i32, got 'f32'}}
  %0 = aten.index_select %a, %i {dim = 1 : i64} : (tensor<3x4xf32>, tensor<1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @index_select_scalar(%a: tensor<f32>, %i: tensor<2xi64>) -> tensor<f32> {
  // expected-error @+1 {{index_select(): index to a 0-dim tensor can have only 1 value, got 2}}
  %0 = aten.index_select %a, %i {dim = 0 : i64} : (tensor<f32>, tensor<2xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @index_select_range(%a: tensor<3x4xf32>, %i: tensor<2xi64>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dim -3 is out of range for a tensor of rank 2}}
  %0 = aten.index_select %a, %i {dim = -3 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @triu_rank(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{input tensor must have at least 2 dimensions, got rank 1}}
  %0 = aten.triu %a : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @tril_rank(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{input tensor must have at least 2 dimensions, got rank 0}}
  %0 = aten.tril %a : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @full_negative() -> tensor<2x1xf32> {
  // expected-error @+1 {{trying to create tensor with negative dimension -1: [2, -1]}}
  %0 = aten.full {size = array<i64: 2, -1>, fill_value = 3.0 : f64} : tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

func.func @full_int_fill_dtype() -> tensor<2xf32> {
  // An integer fill value gives int64 when no dtype is given.
  // expected-error @+1 {{expected tensor<2xi64>}}
  %0 = aten.full {size = array<i64: 2>, fill_value = 3 : i64} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @full_overflow() -> tensor<2xi8> {
  // expected-error @+1 {{fill value 300 cannot be converted to 'i8' without overflow}}
  %0 = aten.full {size = array<i64: 2>, fill_value = 300 : i64, dtype = i8} : tensor<2xi8>
  return %0 : tensor<2xi8>
}

// -----

func.func @full_unsupported_dtype() -> tensor<2xui8> {
  // expected-error @+1 {{has unsupported element type 'ui8'}}
  %0 = aten.full {size = array<i64: 2>, fill_value = 1 : i64, dtype = ui8} : tensor<2xui8>
  return %0 : tensor<2xui8>
}

// -----

func.func @zeros_default_dtype() -> tensor<2xf64> {
  // expected-error @+1 {{expected tensor<2xf32>}}
  %0 = aten.zeros {size = array<i64: 2>} : tensor<2xf64>
  return %0 : tensor<2xf64>
}

// -----

func.func @ones_negative() -> tensor<2xf32> {
  // expected-error @+1 {{trying to create tensor with negative dimension -2: [-2]}}
  %0 = aten.ones {size = array<i64: -2>} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @arange_bool() -> tensor<5xi1> {
  // expected-error @+1 {{arange is not implemented for 'i1'}}
  %0 = aten.arange {end = 5 : i64, dtype = i1} : tensor<5xi1>
  return %0 : tensor<5xi1>
}

// -----

func.func @arange_sign() -> tensor<0xi64> {
  // expected-error @+1 {{upper bound and lower bound inconsistent with step sign}}
  %0 = aten.arange {end = -3 : i64} : tensor<0xi64>
  return %0 : tensor<0xi64>
}

// -----

func.func @arange_zero_step() -> tensor<0xi64> {
  // expected-error @+1 {{step must be nonzero}}
  %0 = aten.arange.start_step {start = 0 : i64, end = 10 : i64, step = 0 : i64} : tensor<0xi64>
  return %0 : tensor<0xi64>
}

// -----

func.func @arange_i64_truncated_step() -> tensor<5xi64> {
  // expected-error @+1 {{step must be nonzero (after conversion to i64)}}
  %0 = aten.arange.start_step {start = 0 : i64, end = 2.5 : f64, step = 0.5 : f64, dtype = i64} : tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

func.func @arange_infinite() -> tensor<1xf32> {
  // expected-error @+1 {{unsupported range: 0 -> inf}}
  %0 = aten.arange {end = 0x7FF0000000000000 : f64} : tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @arange_length() -> tensor<4xf32> {
  // ceil(5 / 0.7) = 8 elements, as a float because the step is a float
  // expected-error @+1 {{expected tensor<8xf32>}}
  %0 = aten.arange.start_step {start = 0 : i64, end = 5 : i64, step = 0.7 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Found by fuzzing: the element count of the view size wrapped around to 0 and the op was accepted.
func.func @view_size_overflow(%a: tensor<0xf32>) {
  // expected-error @+1 {{view size [4294967296, 4294967296, 0] is invalid: its number of elements overflows int64}}
  %0 = aten.view %a {size = array<i64: 4294967296, 4294967296, 0>} : (tensor<0xf32>) -> tensor<?x?x?xf32>
  return
}

// -----

func.func @full_storage_overflow() {
  // expected-error @+1 {{result #0 of type 'tensor<4294967296x4294967296xi64>' is too large: its storage size in bytes overflows int64}}
  %0 = aten.full {size = array<i64: 4294967296, 4294967296>, fill_value = 1 : i64} : tensor<4294967296x4294967296xi64>
  return
}

// -----

// A step near INT64_MAX used to overflow the size computation (the correct size is 1).
func.func @slice_huge_step(%a: tensor<5xf32>) {
  // expected-error @+1 {{expected tensor<1xf32>}}
  %0 = aten.slice.Tensor %a {start = 1 : i64, step = 9223372036854775806 : i64} : (tensor<5xf32>) -> tensor<0xf32>
  return
}

// -----

func.func @arange_length_overflow() {
  // expected-error @+1 {{invalid size, possible overflow?}}
  %0 = aten.arange.start_step {start = -9223372036854775808 : i64, end = 9223372036854775807 : i64} : tensor<?xi64>
  return
}

// -----

func.func @arange_float_bound_to_i64_overflow() {
  // expected-error @+1 {{value 1e+30 cannot be converted to i64 without overflow}}
  %0 = aten.arange {end = 1.0e30 : f64, dtype = i64} : tensor<?xi64>
  return
}
