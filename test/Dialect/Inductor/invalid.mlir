// RUN: inductor-opt %s -split-input-file -verify-diagnostics
// Verifier errors of #inductor.lowering_config and of the discardable inductor.* attributes.

// cache needs three sizes.
func.func @cache_size(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{expected cache = [mc, nc, kc] and registers = [mr, nr]}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [64, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// registers needs two sizes.
func.func @registers_size(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{expected cache = [mc, nc, kc] and registers = [mr, nr]}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [64, 64, 64], registers = [8, 32, 1]>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// A zero cache size (also checked before the divisibility test, which would divide by it).
func.func @zero_cache() attributes {x = #inductor.lowering_config<kind = generic, cache = [1, 0, 1], registers = [1, 1]>} {
  // expected-error @-1 {{tile sizes must be positive}}
  return
}

// -----

// A zero register size: checked before the divisibility test, which would divide by it.
func.func @zero_register() attributes {x = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 0]>} {
  // expected-error @-1 {{tile sizes must be positive}}
  return
}

// -----

// A negative register size.
func.func @negative_register() attributes {x = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [-8, 1]>} {
  // expected-error @-1 {{tile sizes must be positive}}
  return
}

// -----

// mc must be a multiple of mr.
func.func @mc_not_multiple(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{cache tile [12, 32] must be a multiple of the register tile [8, 32]}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [12, 32, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// nc must be a multiple of nr.
func.func @nc_not_multiple(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{cache tile [32, 48] must be a multiple of the register tile [32, 32]}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [32, 48, 64], registers = [32, 32]>}
      ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// AMX register blocks are one or two 16x16 tiles each way: mr = 48 is neither.
func.func @amx_mr(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{amx_bf16 register tile sizes must be 16 or 32 (one or two 16x16 tiles), got 48}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [48, 32, 64], registers = [48, 32]>}
      ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// nr = 64 would need four accumulator tiles per row block.
func.func @amx_nr(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{amx_bf16 register tile sizes must be 16 or 32 (one or two 16x16 tiles), got 64}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [32, 64, 64], registers = [32, 64]>}
      ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// A K block must be whole tile rows of 32 bf16.
func.func @amx_kc(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error-re @+1 {{amx_bf16 kc must be a multiple of 32 ({{[^)]*}}), got 48}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [32, 32, 48], registers = [32, 32]>}
      ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// An int8 K block must be whole tile rows of 64 i8: 32 is not enough.
func.func @amx_int8_kc() attributes {x = #inductor.lowering_config<kind = amx_int8, cache = [16, 16, 32], registers = [16, 16]>} {
  // expected-error-re @-1 {{amx_int8 kc must be a multiple of 64 ({{[^)]*}}), got 32}}
  return
}

// -----

// int8 register blocks are tiles too.
func.func @amx_int8_registers() attributes {x = #inductor.lowering_config<kind = amx_int8, cache = [8, 16, 64], registers = [8, 16]>} {
  // expected-error @-1 {{amx_int8 register tile sizes must be 16 or 32 (one or two 16x16 tiles), got 8}}
  return
}

// -----

// FMA register tile columns are whole zmm vectors of 16 f32.
func.func @fma_nr(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{avx512_fma register tile columns must be a multiple of 16 (one vector of accumulators), got 24}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 48, 64], registers = [8, 24]>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// 15x32: 30 accumulators + 2 B vectors + the broadcast A do not fit 32 zmm.
func.func @fma_too_many_zmm(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{avx512_fma register tile 15x32 needs more than the 32 vector registers}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [15, 32, 64], registers = [15, 32]>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// The boundary of the zmm budget: 31x16 needs 31 + 1 (30x16, which fits, is in lowering-config.mlir).
func.func @fma_too_many_zmm_boundary() attributes {x = #inductor.lowering_config<kind = avx512_fma, cache = [31, 16, 1], registers = [31, 16]>} {
  // expected-error @-1 {{avx512_fma register tile 31x16 needs more than the 32 vector registers}}
  return
}

// -----

// avx2_fma vectors are ymm registers of 8 f32.
func.func @avx2_fma_nr() attributes {x = #inductor.lowering_config<kind = avx2_fma, cache = [6, 12, 1], registers = [6, 12]>} {
  // expected-error @-1 {{avx2_fma register tile columns must be a multiple of 8 (one vector of accumulators), got 12}}
  return
}

// -----

// The ymm budget: 7x16 needs 14 accumulators + 2 B vectors + the broadcast A = 17 > 16 (6x16 fits).
func.func @avx2_fma_too_many_ymm() attributes {x = #inductor.lowering_config<kind = avx2_fma, cache = [7, 16, 1], registers = [7, 16]>} {
  // expected-error @-1 {{avx2_fma register tile 7x16 needs more than the 16 vector registers}}
  return
}

// -----

// avx512_bf16 packs B in 64-byte rows of 16 bf16 pairs: a K block of 48 is not whole rows of 32.
func.func @dot_bf16_kc(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{avx512_bf16 kc must be a multiple of 32 (16 VNNI groups: one 64-byte packing row), got 48}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 48], registers = [8, 32]>}
      ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// avx512_vnni rows are 16 int8 quads: 64 k. kc = 32, enough for bf16, is not.
func.func @dot_int8_kc() attributes {x = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 32, 32], registers = [8, 32]>} {
  // expected-error @-1 {{avx512_vnni kc must be a multiple of 64 (16 VNNI groups: one 64-byte packing row), got 32}}
  return
}

// -----

// The dot kinds accumulate 16 f32 / i32 per zmm: nr = 24 is not whole vectors.
func.func @dot_bf16_nr() attributes {x = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 48, 32], registers = [8, 24]>} {
  // expected-error @-1 {{avx512_bf16 register tile columns must be a multiple of 16 (one vector of accumulators), got 24}}
  return
}

// -----

// Nor nr = 8 (a ymm of f32 would do for avx2_fma, not here).
func.func @dot_int8_nr() attributes {x = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 8, 64], registers = [8, 8]>} {
  // expected-error @-1 {{avx512_vnni register tile columns must be a multiple of 16 (one vector of accumulators), got 8}}
  return
}

// -----

// The zmm budget of the FMA kernel applies: 15x32 needs 30 accumulators + 2 B vectors + the broadcast A group.
func.func @dot_bf16_too_many_zmm() attributes {x = #inductor.lowering_config<kind = avx512_bf16, cache = [15, 32, 32], registers = [15, 32]>} {
  // expected-error @-1 {{avx512_bf16 register tile 15x32 needs more than the 32 vector registers}}
  return
}

// -----

// The boundary for int8: 31x16 needs 31 + 1 + 1 = 33 (30x16 fits: the avx512_bf16 30x16 in lowering-config.mlir,
// same budget).
func.func @dot_int8_too_many_zmm() attributes {x = #inductor.lowering_config<kind = avx512_vnni, cache = [31, 16, 64], registers = [31, 16]>} {
  // expected-error @-1 {{avx512_vnni register tile 31x16 needs more than the 32 vector registers}}
  return
}

// -----

// A decode row is bounded too: 1x256 needs 16 accumulators + 16 B vectors + 1 (1x240 fits).
func.func @dot_int8_decode_too_wide() attributes {x = #inductor.lowering_config<kind = avx512_vnni, cache = [1, 256, 64], registers = [1, 256]>} {
  // expected-error @-1 {{avx512_vnni register tile 1x256 needs more than the 32 vector registers}}
  return
}

// -----

// avx2_int8 packs k pairs in rows of 16 groups: kc a multiple of 32.
func.func @avx2_int8_kc() attributes {x = #inductor.lowering_config<kind = avx2_int8, cache = [6, 16, 48], registers = [6, 16]>} {
  // expected-error @-1 {{avx2_int8 kc must be a multiple of 32 (16 VNNI groups: one 64-byte packing row), got 48}}
  return
}

// -----

// avx2_int8 accumulates 8 i32 per ymm: nr = 12 is not whole vectors.
func.func @avx2_int8_nr() attributes {x = #inductor.lowering_config<kind = avx2_int8, cache = [6, 12, 32], registers = [6, 12]>} {
  // expected-error @-1 {{avx2_int8 register tile columns must be a multiple of 8 (one vector of accumulators), got 12}}
  return
}

// -----

// 16 ymm: 7x16 needs 14 accumulators + 2 B vectors + the broadcast A pair (6x16 fits).
func.func @avx2_int8_too_many_ymm() attributes {x = #inductor.lowering_config<kind = avx2_int8, cache = [7, 16, 32], registers = [7, 16]>} {
  // expected-error @-1 {{avx2_int8 register tile 7x16 needs more than the 16 vector registers}}
  return
}

// -----

// An unknown microkernel kind is a parse error.
func.func @unknown_kind() attributes {
  // expected-error @+2 {{expected ::mlir::inductor::MicrokernelKind to be one of: generic, avx512_fma, amx_bf16}}
  // expected-error @+1 {{failed to parse Inductor_LoweringConfigAttr parameter 'kind'}}
  x = #inductor.lowering_config<kind = sse, cache = [1, 1, 1], registers = [1, 1]>} {
  return
}

// -----

// The discardable attribute must hold a lowering config, not some other attribute.
func.func @not_a_config(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'inductor.lowering_config' must be an #inductor.lowering_config}}
  %0 = linalg.matmul {inductor.lowering_config = "avx512_fma"}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// Not even the microkernel kind attribute alone.
// expected-error @+1 {{'inductor.lowering_config' must be an #inductor.lowering_config}}
func.func @kind_only() attributes {inductor.lowering_config = #inductor.microkernel<amx_bf16>} {
  return
}

// -----

// A misspelt inductor.* attribute is an error rather than silently ignored.
func.func @unknown_attribute(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{unknown inductor attribute 'inductor.lowering_configs'}}
  %0 = linalg.matmul {inductor.lowering_configs = #inductor.lowering_config<kind = avx512_fma, cache = [64, 64, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// A config only means something on a linalg op: elsewhere it would be ignored, so it is rejected.
func.func @not_linalg(%a: f32, %b: f32) -> f32 {
  // expected-error @+1 {{'inductor.lowering_config' belongs on a linalg contraction (or its packing copy), not on 'arith.addf'}}
  %0 = arith.addf %a, %b {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [64, 64, 64], registers = [8, 32]>} : f32
  return %0 : f32
}

// -----

// The valid columns of a padded contraction: a non-negative integer, next to its lowering config.
func.func @valid_columns_not_integer(%a: tensor<8x64xf32>, %b: tensor<64x40xf32>, %c: tensor<8x40xf32>) -> tensor<8x40xf32> {
  // expected-error @+1 {{'inductor.valid_columns' must be a non-negative integer}}
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 64, 64], registers = [4, 32]>, inductor.valid_columns = -1 : i64}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x40xf32>) outs(%c : tensor<8x40xf32>) -> tensor<8x40xf32>
  return %0 : tensor<8x40xf32>
}

// -----

func.func @valid_columns_without_config(%a: tensor<8x64xf32>, %b: tensor<64x40xf32>, %c: tensor<8x40xf32>) -> tensor<8x40xf32> {
  // expected-error @+1 {{'inductor.valid_columns' belongs on a packed contraction with an #inductor.lowering_config}}
  %0 = linalg.matmul {inductor.valid_columns = 40 : i64}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x40xf32>) outs(%c : tensor<8x40xf32>) -> tensor<8x40xf32>
  return %0 : tensor<8x40xf32>
}
