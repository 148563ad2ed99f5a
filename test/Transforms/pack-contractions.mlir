// RUN: inductor-opt %s -split-input-file -mlir-print-elementsattrs-with-hex-if-larger=-1 -pass-pipeline='builtin.module(func.func(inductor-pack-contractions))' | FileCheck %s
// Running the pass twice packs once: the packed contraction and the packing copy are recognised and left alone.
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-pack-contractions,inductor-pack-contractions))' | FileCheck %s --check-prefix=TWICE

// avx512_fma, B [K, N] = [48, 64] at run time: panels [N/nr, K, nr] = [2, 48, 32] built by a copy generic,
// then a packed contraction over (m, nb, k, ni) that carries the config. N and K need no padding.
// CHECK-DAG: #[[$FMA_PACK:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d1, d0 * 32 + d2)>
// CHECK-DAG: #[[$ID3:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$FMA_A:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
// CHECK-DAG: #[[$FMA_B:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG: #[[$FMA_C:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 32 + d3)>
// CHECK-LABEL: func.func @fma_runtime
// CHECK-SAME: (%[[A:[^:]*]]: tensor<64x48xf32>, %[[B:[^:]*]]: tensor<48x64xf32>, %[[C:[^:]*]]: tensor<64x64xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x48x32xf32>
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$FMA_PACK]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[B]] : tensor<48x64xf32>) outs(%[[E]] : tensor<2x48x32xf32>)
// The copy carries the config too, so that inductor-lower-microkernels can emit it as vector code.
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [64, 64, 48], registers = [8, 32]>}
// CHECK-NEXT: ^bb0(%[[IN:[^:]*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$FMA_A]], #[[$FMA_B]], #[[$FMA_C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<64x48xf32>, tensor<2x48x32xf32>) outs(%[[C]] : tensor<64x64xf32>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [64, 64, 48], registers = [8, 32]>}
// CHECK: %[[P:.*]] = arith.mulf
// CHECK: arith.addf %{{.*}}, %[[P]]
// CHECK-NOT: linalg.matmul
// CHECK: return %[[R]]
// TWICE-LABEL: func.func @fma_runtime
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
func.func @fma_runtime(%a: tensor<64x48xf32>, %b: tensor<48x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [64, 64, 48], registers = [8, 32]>}
      ins(%a, %b : tensor<64x48xf32>, tensor<48x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// amx_bf16, B [64, 64] at run time: VNNI layout [N/16, K/2, 16, 2] = [4, 32, 16, 2], element (nb, kk, ni, t)
// holding B[2 kk + t, 16 nb + ni]; the packed contraction runs over (m, nb, kk, ni, t). The scalar body
// (bf16 -> f32 extensions) is the original one.
// CHECK-DAG: #[[$AMX_PACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1 * 2 + d3, d0 * 16 + d2)>
// CHECK-DAG: #[[$ID4:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$AMX_A:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 2 + d4)>
// CHECK-DAG: #[[$AMX_B:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
// CHECK-DAG: #[[$AMX_C:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 16 + d3)>
// CHECK-LABEL: func.func @amx_runtime
// CHECK-SAME: (%[[A:[^:]*]]: tensor<64x64xbf16>, %[[B:[^:]*]]: tensor<64x64xbf16>, %[[C:[^:]*]]: tensor<64x64xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x32x16x2xbf16>
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$AMX_PACK]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[B]] : tensor<64x64xbf16>) outs(%[[E]] : tensor<4x32x16x2xbf16>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 64, 64], registers = [32, 32]>}
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$AMX_A]], #[[$AMX_B]], #[[$AMX_C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<64x64xbf16>, tensor<4x32x16x2xbf16>) outs(%[[C]] : tensor<64x64xf32>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 64, 64], registers = [32, 32]>}
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: bf16, %[[Y:[^:]*]]: bf16, %[[O:[^:]*]]: f32):
// CHECK-NEXT: %[[XF:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK-NEXT: %[[YF:.*]] = arith.extf %[[Y]] : bf16 to f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[XF]], %[[YF]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[O]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
// TWICE-LABEL: func.func @amx_runtime
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
func.func @amx_runtime(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 64, 64], registers = [32, 32]>}
      ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// amx_bf16 with K = 40 and N = 20: K' = 64 (tile rows of 32), N' = 32 (nr). B is zero-padded to [64, 32]
// before packing, A to K' columns, C to N' columns; the result is sliced back to [20, 20].
// CHECK-LABEL: func.func @amx_padding
// CHECK-SAME: (%[[A:[^:]*]]: tensor<20x40xbf16>, %[[B:[^:]*]]: tensor<40x20xbf16>, %[[C:[^:]*]]: tensor<20x20xf32>)
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : bf16
// CHECK: %[[BP:.*]] = tensor.pad %[[B]] low[0, 0] high[24, 12]
// CHECK: tensor.yield %[[Z]] : bf16
// CHECK: } : tensor<40x20xbf16> to tensor<64x32xbf16>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x32x16x2xbf16>
// CHECK: %[[PB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[BP]] : tensor<64x32xbf16>) outs(%[[E]] : tensor<2x32x16x2xbf16>)
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0] high[0, 24]
// CHECK: } : tensor<20x40xbf16> to tensor<20x64xbf16>
// CHECK: %[[ZF:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0] high[0, 12]
// CHECK: tensor.yield %[[ZF]] : f32
// CHECK: } : tensor<20x20xf32> to tensor<20x32xf32>
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<20x64xbf16>, tensor<2x32x16x2xbf16>) outs(%[[CP]] : tensor<20x32xf32>)
// CHECK-SAME: kind = amx_bf16
// CHECK: } -> tensor<20x32xf32>
// CHECK: %[[S:.*]] = tensor.extract_slice %[[R]][0, 0] [20, 20] [1, 1] : tensor<20x32xf32> to tensor<20x20xf32>
// CHECK: return %[[S]]
func.func @amx_padding(%a: tensor<20x40xbf16>, %b: tensor<40x20xbf16>, %c: tensor<20x20xf32>) -> tensor<20x20xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [32, 32, 64], registers = [32, 32]>}
      ins(%a, %b : tensor<20x40xbf16>, tensor<40x20xbf16>) outs(%c : tensor<20x20xf32>) -> tensor<20x20xf32>
  return %0 : tensor<20x20xf32>
}

// -----

// avx512_fma with N = 40: N' = 64 (two panels of 32). K is never padded for FMA, so A is used as it is.
// CHECK-LABEL: func.func @fma_padding
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x64xf32>, %[[B:[^:]*]]: tensor<64x40xf32>, %[[C:[^:]*]]: tensor<8x40xf32>)
// CHECK: %[[BP:.*]] = tensor.pad %[[B]] low[0, 0] high[0, 24]
// CHECK: } : tensor<64x40xf32> to tensor<64x64xf32>
// CHECK: %[[PB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[BP]] : tensor<64x64xf32>) outs(%{{.*}} : tensor<2x64x32xf32>)
// CHECK-NOT: tensor.pad %[[A]]
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0] high[0, 24]
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<8x64xf32>, tensor<2x64x32xf32>) outs(%[[CP]] : tensor<8x64xf32>)
// CHECK: tensor.extract_slice %[[R]][0, 0] [8, 40] [1, 1] : tensor<8x64xf32> to tensor<8x40xf32>
func.func @fma_padding(%a: tensor<8x64xf32>, %b: tensor<64x40xf32>, %c: tensor<8x40xf32>) -> tensor<8x40xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 64, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x40xf32>) outs(%c : tensor<8x40xf32>) -> tensor<8x40xf32>
  return %0 : tensor<8x40xf32>
}

// -----

// N = 40 again, but B is a window of a wider input and C a slice of an earlier contraction's padded result
// (per-tap convolutions): the padding of N need not be zeros (its columns of B only reach C's dropped
// columns), so B grows into the input (a view, no tensor.pad) and the second contraction accumulates into
// the first one's padded C; only the end slices.
// CHECK-LABEL: func.func @fma_padding_grows_slices
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x64xf32>, %[[IN:[^:]*]]: tensor<64x80xf32>, %[[C:[^:]*]]: tensor<8x40xf32>)
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[IN]][0, 0] [64, 64] [1, 1] : tensor<64x80xf32> to tensor<64x64xf32>
// CHECK: %[[P0:.*]] = linalg.generic
// CHECK-SAME: ins(%[[W0]] : tensor<64x64xf32>)
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0] high[0, 24]
// CHECK: %[[R0:.*]] = linalg.generic
// CHECK-SAME: ins(%[[A]], %[[P0]] : tensor<8x64xf32>, tensor<2x64x32xf32>) outs(%[[CP]] : tensor<8x64xf32>)
// CHECK: %[[W1:.*]] = tensor.extract_slice %[[IN]][0, 16] [64, 64] [1, 1] : tensor<64x80xf32> to tensor<64x64xf32>
// CHECK: %[[P1:.*]] = linalg.generic
// CHECK-SAME: ins(%[[W1]] : tensor<64x64xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[R1:.*]] = linalg.generic
// CHECK-SAME: ins(%[[A]], %[[P1]] : tensor<8x64xf32>, tensor<2x64x32xf32>) outs(%{{.*}} : tensor<8x64xf32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[R1]][0, 0] [8, 40] [1, 1] : tensor<8x64xf32> to tensor<8x40xf32>
// CHECK: return %[[S]]
func.func @fma_padding_grows_slices(%a: tensor<8x64xf32>, %in: tensor<64x80xf32>, %c: tensor<8x40xf32>) -> tensor<8x40xf32> {
  %w0 = tensor.extract_slice %in[0, 0] [64, 40] [1, 1] : tensor<64x80xf32> to tensor<64x40xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 64, 64], registers = [8, 32]>}
      ins(%a, %w0 : tensor<8x64xf32>, tensor<64x40xf32>) outs(%c : tensor<8x40xf32>) -> tensor<8x40xf32>
  %w1 = tensor.extract_slice %in[0, 16] [64, 40] [1, 1] : tensor<64x80xf32> to tensor<64x40xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 64, 64], registers = [8, 32]>}
      ins(%a, %w1 : tensor<8x64xf32>, tensor<64x40xf32>) outs(%0 : tensor<8x40xf32>) -> tensor<8x40xf32>
  return %1 : tensor<8x40xf32>
}

// -----

// A window that cannot grow (offset 56 + 32 columns > 80) is padded with zeros as before.
// CHECK-LABEL: func.func @fma_padding_slice_at_the_edge
// CHECK: %[[W:.*]] = tensor.extract_slice %{{.*}}[0, 56] [64, 24]
// CHECK: tensor.pad %[[W]] low[0, 0] high[0, 8]
func.func @fma_padding_slice_at_the_edge(%a: tensor<8x64xf32>, %in: tensor<64x80xf32>, %c: tensor<8x24xf32>) -> tensor<8x24xf32> {
  %w = tensor.extract_slice %in[0, 56] [64, 24] [1, 1] : tensor<64x80xf32> to tensor<64x24xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 32]>}
      ins(%a, %w : tensor<8x64xf32>, tensor<64x24xf32>) outs(%c : tensor<8x24xf32>) -> tensor<8x24xf32>
  return %0 : tensor<8x24xf32>
}

// -----

// B given as [N, K] (linear weights), FMA: the packing map reads B[16 nb + ni, k]. The packed contraction
// is the same as for [K, N].
// CHECK-DAG: #[[$TPACK:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0 * 16 + d2, d1)>
// CHECK-DAG: #[[$TB:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-LABEL: func.func @fma_transposed
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x64xf32>, %[[B:[^:]*]]: tensor<32x64xf32>, %[[C:[^:]*]]: tensor<8x32xf32>)
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$TPACK]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[B]] : tensor<32x64xf32>) outs(%{{.*}} : tensor<2x64x16xf32>)
// CHECK: linalg.generic {indexing_maps = [#{{map[0-9]*}}, #[[$TB]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<8x64xf32>, tensor<2x64x16xf32>)
#ma = affine_map<(m, n, k) -> (m, k)>
#mbt = affine_map<(m, n, k) -> (n, k)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @fma_transposed(%a: tensor<8x64xf32>, %b: tensor<32x64xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.matmul indexing_maps = [#ma, #mbt, #mc] {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<32x64xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// B given as [N, K], AMX: the packing map reads B[16 nb + ni, 2 kk + t].
// CHECK-DAG: #[[$TPACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0 * 16 + d2, d1 * 2 + d3)>
// CHECK-LABEL: func.func @amx_transposed
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x64xbf16>, %[[B:[^:]*]]: tensor<32x64xbf16>, %[[C:[^:]*]]: tensor<8x32xf32>)
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$TPACK]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[B]] : tensor<32x64xbf16>) outs(%{{.*}} : tensor<2x32x16x2xbf16>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<8x64xbf16>, tensor<2x32x16x2xbf16>)
#ma = affine_map<(m, n, k) -> (m, k)>
#mbt = affine_map<(m, n, k) -> (n, k)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @amx_transposed(%a: tensor<8x64xbf16>, %b: tensor<32x64xbf16>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.matmul indexing_maps = [#ma, #mbt, #mc] {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 32, 64], registers = [16, 32]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<32x64xbf16>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// Batch dims lead every operand and the packed B; the packed loops are (b, m, nb, k, ni).
// CHECK-DAG: #[[$BPACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d1 * 16 + d3)>
// CHECK-DAG: #[[$BA:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3)>
// CHECK-DAG: #[[$BB:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d3, d4)>
// CHECK-DAG: #[[$BC:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2 * 16 + d4)>
// CHECK-LABEL: func.func @fma_batch
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$BPACK]], #{{map[0-9]*}}]
// CHECK-SAME: outs(%{{.*}} : tensor<3x2x64x16xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$BA]], #[[$BB]], #[[$BC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME: tensor<3x8x64xf32>, tensor<3x2x64x16xf32>
func.func @fma_batch(%a: tensor<3x8x64xf32>, %b: tensor<3x64x32xf32>, %c: tensor<3x8x32xf32>) -> tensor<3x8x32xf32> {
  %0 = linalg.batch_matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>}
      ins(%a, %b : tensor<3x8x64xf32>, tensor<3x64x32xf32>) outs(%c : tensor<3x8x32xf32>) -> tensor<3x8x32xf32>
  return %0 : tensor<3x8x32xf32>
}

// -----

// Dynamic batch and M with AMX padding of K and N: the packed B takes its batch size from B, the slice of
// C its sizes from C.
// CHECK-DAG: #[[$BPACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 2 + d4, d1 * 16 + d3)>
// CHECK-DAG: #[[$BA:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d3 * 2 + d5)>
// CHECK-DAG: #[[$BB:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d2, d3, d4, d5)>
// CHECK-DAG: #[[$BC:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 16 + d4)>
// CHECK-LABEL: func.func @amx_dynamic_batch
// CHECK-SAME: (%[[A:[^:]*]]: tensor<?x?x40xbf16>, %[[B:[^:]*]]: tensor<?x40x20xbf16>, %[[C:[^:]*]]: tensor<?x?x20xf32>)
// CHECK: %[[BP:.*]] = tensor.pad %[[B]] low[0, 0, 0] high[0, 24, 12]
// CHECK: } : tensor<?x40x20xbf16> to tensor<?x64x32xbf16>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[NB:.*]] = tensor.dim %[[B]], %[[C0]]
// CHECK: %[[E:.*]] = tensor.empty(%[[NB]]) : tensor<?x2x32x16x2xbf16>
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$BPACK]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[BP]] : tensor<?x64x32xbf16>) outs(%[[E]] : tensor<?x2x32x16x2xbf16>)
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0, 0] high[0, 0, 24]
// CHECK: } : tensor<?x?x40xbf16> to tensor<?x?x64xbf16>
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0, 0] high[0, 0, 12]
// CHECK: } : tensor<?x?x20xf32> to tensor<?x?x32xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$BA]], #[[$BB]], #[[$BC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<?x?x64xbf16>, tensor<?x2x32x16x2xbf16>) outs(%[[CP]] : tensor<?x?x32xf32>)
// CHECK-DAG: %[[D0:.*]] = tensor.dim %[[C]], %{{.*}} : tensor<?x?x20xf32>
// CHECK-DAG: %[[D1:.*]] = tensor.dim %[[C]], %{{.*}} : tensor<?x?x20xf32>
// CHECK: tensor.extract_slice %[[R]][0, 0, 0] [%[[D0]], %[[D1]], 20] [1, 1, 1] : tensor<?x?x32xf32> to tensor<?x?x20xf32>
func.func @amx_dynamic_batch(%a: tensor<?x?x40xbf16>, %b: tensor<?x40x20xbf16>, %c: tensor<?x?x20xf32>) -> tensor<?x?x20xf32> {
  %0 = linalg.batch_matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [32, 32, 64], registers = [32, 32]>}
      ins(%a, %b : tensor<?x?x40xbf16>, tensor<?x40x20xbf16>) outs(%c : tensor<?x?x20xf32>) -> tensor<?x?x20xf32>
  return %0 : tensor<?x?x20xf32>
}

// -----

// A constant B is packed at compile time. B[k][n] = 32 k + n, nr = 16: panel nb holds columns
// [16 nb, 16 nb + 16) of every row k, so packed[nb][k][ni] = 32 k + 16 nb + ni:
// panel 0 = rows 0..15 and 32..47, panel 1 = rows 16..31 and 48..63. No packing generic remains.
// CHECK-LABEL: func.func @const_fma
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[}}[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01, 1.200000e+01, 1.300000e+01, 1.400000e+01, 1.500000e+01], [3.200000e+01, 3.300000e+01, 3.400000e+01, 3.500000e+01, 3.600000e+01, 3.700000e+01, 3.800000e+01, 3.900000e+01, 4.000000e+01, 4.100000e+01, 4.200000e+01, 4.300000e+01, 4.400000e+01, 4.500000e+01, 4.600000e+01, 4.700000e+01]], {{\[\[}}1.600000e+01, 1.700000e+01, 1.800000e+01, 1.900000e+01, 2.000000e+01, 2.100000e+01, 2.200000e+01, 2.300000e+01, 2.400000e+01, 2.500000e+01, 2.600000e+01, 2.700000e+01, 2.800000e+01, 2.900000e+01, 3.000000e+01, 3.100000e+01], [4.800000e+01, 4.900000e+01, 5.000000e+01, 5.100000e+01, 5.200000e+01, 5.300000e+01, 5.400000e+01, 5.500000e+01, 5.600000e+01, 5.700000e+01, 5.800000e+01, 5.900000e+01, 6.000000e+01, 6.100000e+01, 6.200000e+01, 6.300000e+01]]]> : tensor<2x2x16xf32>
// CHECK-NOT: linalg.generic
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<4x2xf32>, tensor<2x2x16xf32>)
// CHECK-NOT: linalg.generic
func.func @const_fma(%a: tensor<4x2xf32>, %c: tensor<4x32xf32>) -> tensor<4x32xf32> {
  %b = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0], [32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 61.0, 62.0, 63.0]]> : tensor<2x32xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [4, 32, 2], registers = [4, 16]>}
      ins(%a, %b : tensor<4x2xf32>, tensor<2x32xf32>) outs(%c : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %0 : tensor<4x32xf32>
}

// -----

// A constant bf16 B[k][n] = 16 k + n + 1 (K = 4, N = 16) in the VNNI layout: packed[0][kk][ni] is the pair
// (B[2 kk][ni], B[2 kk + 1][ni]): kk = 0 -> (1, 17), (2, 18), ..., kk = 1 -> (33, 49), ...; K is padded to 32,
// so kk = 2..15 are zero. A is padded to K' = 32 columns.
// CHECK-LABEL: func.func @const_amx
// CHECK-SAME: (%[[A:[^:]*]]: tensor<16x4xbf16>
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[}}{{\[\[}}1.000000e+00, 1.700000e+01], [2.000000e+00, 1.800000e+01], [3.000000e+00, 1.900000e+01], [4.000000e+00, 2.000000e+01], [5.000000e+00, 2.100000e+01], [6.000000e+00, 2.200000e+01], [7.000000e+00, 2.300000e+01], [8.000000e+00, 2.400000e+01], [9.000000e+00, 2.500000e+01], [1.000000e+01, 2.600000e+01], [1.100000e+01, 2.700000e+01], [1.200000e+01, 2.800000e+01], [1.300000e+01, 2.900000e+01], [1.400000e+01, 3.000000e+01], [1.500000e+01, 3.100000e+01], [1.600000e+01, 3.200000e+01]], {{\[\[}}3.300000e+01, 4.900000e+01], [3.400000e+01, 5.000000e+01], [3.500000e+01, 5.100000e+01], [3.600000e+01, 5.200000e+01], [3.700000e+01, 5.300000e+01], [3.800000e+01, 5.400000e+01], [3.900000e+01, 5.500000e+01], [4.000000e+01, 5.600000e+01], [4.100000e+01, 5.700000e+01], [4.200000e+01, 5.800000e+01], [4.300000e+01, 5.900000e+01], [4.400000e+01, 6.000000e+01], [4.500000e+01, 6.100000e+01], [4.600000e+01, 6.200000e+01], [4.700000e+01, 6.300000e+01], [4.800000e+01, 6.400000e+01]], {{\[\[}}0.000000e+00, 0.000000e+00]{{.*}}> : tensor<1x16x16x2xbf16>
// CHECK-NOT: linalg.generic
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0] high[0, 28]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<16x32xbf16>, tensor<1x16x16x2xbf16>)
func.func @const_amx(%a: tensor<16x4xbf16>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %b = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0], [17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0], [33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0], [49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 61.0, 62.0, 63.0, 64.0]]> : tensor<4x16xbf16>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [16, 16, 32], registers = [16, 16]>}
      ins(%a, %b : tensor<16x4xbf16>, tensor<4x16xbf16>) outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %0 : tensor<16x16xf32>
}

// -----

// A constant [batch, N, K] weight: Bt[b][n][k] = 32 b + 2 n + k + 1, packed[b][0][k][ni] = Bt[b][ni][k], i.e.
// batch 0: k = 0 -> 1, 3, ..., 31, k = 1 -> 2, 4, ..., 32; batch 1 the same plus 32.
// CHECK-LABEL: func.func @const_transposed_batch
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[}}{{\[\[}}1.000000e+00, 3.000000e+00, 5.000000e+00, 7.000000e+00, 9.000000e+00, 1.100000e+01, 1.300000e+01, 1.500000e+01, 1.700000e+01, 1.900000e+01, 2.100000e+01, 2.300000e+01, 2.500000e+01, 2.700000e+01, 2.900000e+01, 3.100000e+01], [2.000000e+00, 4.000000e+00, 6.000000e+00, 8.000000e+00, 1.000000e+01, 1.200000e+01, 1.400000e+01, 1.600000e+01, 1.800000e+01, 2.000000e+01, 2.200000e+01, 2.400000e+01, 2.600000e+01, 2.800000e+01, 3.000000e+01, 3.200000e+01]]], {{\[\[}}[3.300000e+01, 3.500000e+01, 3.700000e+01, 3.900000e+01, 4.100000e+01, 4.300000e+01, 4.500000e+01, 4.700000e+01, 4.900000e+01, 5.100000e+01, 5.300000e+01, 5.500000e+01, 5.700000e+01, 5.900000e+01, 6.100000e+01, 6.300000e+01], [3.400000e+01, 3.600000e+01, 3.800000e+01, 4.000000e+01, 4.200000e+01, 4.400000e+01, 4.600000e+01, 4.800000e+01, 5.000000e+01, 5.200000e+01, 5.400000e+01, 5.600000e+01, 5.800000e+01, 6.000000e+01, 6.200000e+01, 6.400000e+01]]]]> : tensor<2x1x2x16xf32>
// CHECK-NOT: linalg.generic
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<2x4x2xf32>, tensor<2x1x2x16xf32>)
#ma = affine_map<(b, m, n, k) -> (b, m, k)>
#mbt = affine_map<(b, m, n, k) -> (b, n, k)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @const_transposed_batch(%a: tensor<2x4x2xf32>, %c: tensor<2x4x16xf32>) -> tensor<2x4x16xf32> {
  %b = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0], [9.0, 10.0], [11.0, 12.0], [13.0, 14.0], [15.0, 16.0], [17.0, 18.0], [19.0, 20.0], [21.0, 22.0], [23.0, 24.0], [25.0, 26.0], [27.0, 28.0], [29.0, 30.0], [31.0, 32.0]], [[33.0, 34.0], [35.0, 36.0], [37.0, 38.0], [39.0, 40.0], [41.0, 42.0], [43.0, 44.0], [45.0, 46.0], [47.0, 48.0], [49.0, 50.0], [51.0, 52.0], [53.0, 54.0], [55.0, 56.0], [57.0, 58.0], [59.0, 60.0], [61.0, 62.0], [63.0, 64.0]]]> : tensor<2x16x2xf32>
  %0 = linalg.generic {indexing_maps = [#ma, #mbt, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<2x4x2xf32>, tensor<2x16x2xf32>) outs(%c : tensor<2x4x16xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [4, 16, 2], registers = [4, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x4x16xf32>
  return %0 : tensor<2x4x16xf32>
}

// -----

// A splat constant with N padding (20 -> 32) packs into a non-splat constant: the padding columns are zero.
// CHECK-LABEL: func.func @const_splat
// CHECK: arith.constant dense<{{\[\[\[}}[[S:(1.500000e\+00, ){19}]]1.500000e+00, [[Z:(0.000000e\+00, ){11}]]0.000000e+00], {{\[}}[[S]]1.500000e+00, [[Z]]0.000000e+00]]]> : tensor<1x2x32xf32>
func.func @const_splat(%a: tensor<4x2xf32>, %c: tensor<4x20xf32>) -> tensor<4x20xf32> {
  %b = arith.constant dense<1.5> : tensor<2x20xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [4, 32, 2], registers = [4, 32]>}
      ins(%a, %b : tensor<4x2xf32>, tensor<2x20xf32>) outs(%c : tensor<4x20xf32>) -> tensor<4x20xf32>
  return %0 : tensor<4x20xf32>
}

// -----

// generic configs, and contractions without a config, are left alone.
// CHECK-LABEL: func.func @untouched
// CHECK-NOT: linalg.generic
// CHECK-NOT: tensor.pad
// CHECK: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
// CHECK: linalg.matmul ins
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @untouched(%a: tensor<8x64xf32>, %b: tensor<64x32xf32>, %c: tensor<8x32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>) {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
      ins(%a, %b : tensor<8x64xf32>, tensor<64x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  %1 = linalg.matmul ins(%a, %b : tensor<8x64xf32>, tensor<64x32xf32>) outs(%0 : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0, %1 : tensor<8x32xf32>, tensor<8x32xf32>
}

// -----

// amx_int8, u8 x s8 at run time: VNNI quads [N'/16, K'/4, 16, 4] (element (nb, kk, ni, t) holds
// B[4 kk + t, 16 nb + ni]); K = 100 is padded to K' = 128 (tile rows of 64 i8), N = 20 to N' = 32.
// The body's extensions (which pick the signedness) are kept.
// CHECK-DAG: #[[$I8_PACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1 * 4 + d3, d0 * 16 + d2)>
// CHECK-DAG: #[[$I8_A:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 4 + d4)>
// CHECK-LABEL: func.func @int8_runtime
// CHECK-SAME: (%[[A:[^:]*]]: tensor<40x100xi8>, %[[B:[^:]*]]: tensor<100x20xi8>, %[[C:[^:]*]]: tensor<40x20xi32>)
// CHECK: %[[BP:.*]] = tensor.pad %[[B]] low[0, 0] high[28, 12]
// CHECK: } : tensor<100x20xi8> to tensor<128x32xi8>
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$I8_PACK]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[BP]] : tensor<128x32xi8>) outs(%{{.*}} : tensor<2x32x16x4xi8>)
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0] high[0, 28]
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0] high[0, 12]
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$I8_A]], #{{map[0-9]*}}, #{{map[0-9]*}}], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<40x128xi8>, tensor<2x32x16x4xi8>) outs(%[[CP]] : tensor<40x32xi32>)
// CHECK-SAME: kind = amx_int8
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: tensor.extract_slice %[[R]][0, 0] [40, 20] [1, 1] : tensor<40x32xi32> to tensor<40x20xi32>
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @int8_runtime(%a: tensor<40x100xi8>, %b: tensor<100x20xi8>, %c: tensor<40x20xi32>) -> tensor<40x20xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x100xi8>, tensor<100x20xi8>) outs(%c : tensor<40x20xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [64, 32, 128], registers = [32, 32]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// -----

// A constant int8 B[k][n] = 16 k + n + 1 (K = 4, N = 16) in quads: packed[0][0][ni] = (B[0][ni], B[1][ni],
// B[2][ni], B[3][ni]) = (ni + 1, ni + 17, ni + 33, ni + 49); K' = 64, so kk = 1..15 are zero.
// CHECK-LABEL: func.func @const_int8
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[\[}}[1, 17, 33, 49], [2, 18, 34, 50], [3, 19, 35, 51], [4, 20, 36, 52], [5, 21, 37, 53], [6, 22, 38, 54], [7, 23, 39, 55], [8, 24, 40, 56], [9, 25, 41, 57], [10, 26, 42, 58], [11, 27, 43, 59], [12, 28, 44, 60], [13, 29, 45, 61], [14, 30, 46, 62], [15, 31, 47, 63], [16, 32, 48, 64]], {{\[\[}}0, 0, 0, 0], [0, 0, 0, 0]{{.*}}> : tensor<1x16x16x4xi8>
// CHECK-NOT: linalg.generic
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<16x64xi8>, tensor<1x16x16x4xi8>)
func.func @const_int8(%a: tensor<16x4xi8>, %c: tensor<16x16xi32>) -> tensor<16x16xi32> {
  %b = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32], [33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48], [49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64]]> : tensor<4x16xi8>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [16, 16, 64], registers = [16, 16]>}
      ins(%a, %b : tensor<16x4xi8>, tensor<4x16xi8>) outs(%c : tensor<16x16xi32>) -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

// bf16 on an FMA kernel (no AMX): a constant B is widened to f32 when packed (exactly: 1.5 and -2.25 are
// bf16 values), and the packed contraction's body no longer widens B, only A.
// CHECK-LABEL: func.func @const_fma_bf16
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[\[}}1.500000e+00, -2.250000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]]> : tensor<1x1x8xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<2x1xbf16>, tensor<1x1x8xf32>)
// CHECK: ^bb0(%[[X:.*]]: bf16, %[[Y:.*]]: f32, %[[O:.*]]: f32):
// CHECK-NEXT: %[[XE:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[XE]], %[[Y]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[O]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
func.func @const_fma_bf16(%a: tensor<2x1xbf16>, %c: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %b = arith.constant dense<[[1.5, -2.25]]> : tensor<1x2xbf16>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [2, 8, 1], registers = [2, 8]>}
      ins(%a, %b : tensor<2x1xbf16>, tensor<1x2xbf16>) outs(%c : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// bf16 B at run time: the packing copy widens each element (and the pass recognises it when run twice).
// CHECK-LABEL: func.func @runtime_fma_bf16
// CHECK: %[[PB:.*]] = linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<16x16xbf16>) outs(%{{.*}} : tensor<1x16x16xf32>)
// CHECK-SAME: inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma
// CHECK: ^bb0(%[[IN:.*]]: bf16, %{{.*}}: f32):
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[IN]] : bf16 to f32
// CHECK-NEXT: linalg.yield %[[W]] : f32
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<6x16xbf16>, tensor<1x16x16xf32>)
// TWICE-LABEL: func.func @runtime_fma_bf16
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
func.func @runtime_fma_bf16(%a: tensor<6x16xbf16>, %b: tensor<16x16xbf16>, %c: tensor<6x16xf32>) -> tensor<6x16xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 16, 16], registers = [6, 16]>}
      ins(%a, %b : tensor<6x16xbf16>, tensor<16x16xbf16>) outs(%c : tensor<6x16xf32>) -> tensor<6x16xf32>
  return %0 : tensor<6x16xf32>
}

// -----

// One row (mr = 1, decode): bf16 B is packed as bf16 (the kernel widens each vector it loads), at compile
// time and at run time; the body keeps both extensions.
// CHECK-LABEL: func.func @one_row_fma_bf16
// CHECK: %[[CB:.*]] = arith.constant dense<{{.*}}> : tensor<1x1x16xbf16>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[CB]] : tensor<1x1xbf16>, tensor<1x1x16xbf16>)
// CHECK: ^bb0(%[[X:.*]]: bf16, %[[Y:.*]]: bf16, %[[O:.*]]: f32):
// CHECK-NEXT: arith.extf %[[X]] : bf16 to f32
// CHECK-NEXT: arith.extf %[[Y]] : bf16 to f32
// CHECK: %[[PB:.*]] = linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<16x16xbf16>) outs(%{{.*}} : tensor<1x16x16xbf16>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<1x16xbf16>, tensor<1x16x16xbf16>)
// TWICE-LABEL: func.func @one_row_fma_bf16
// TWICE-COUNT-3: linalg.generic
// TWICE-NOT: linalg.generic
func.func @one_row_fma_bf16(%a: tensor<1x1xbf16>, %c: tensor<1x2xf32>, %a2: tensor<1x16xbf16>,
                            %b2: tensor<16x16xbf16>, %c2: tensor<1x16xf32>) -> (tensor<1x2xf32>, tensor<1x16xf32>) {
  %b = arith.constant dense<[[1.5, -2.25]]> : tensor<1x2xbf16>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [1, 16, 1], registers = [1, 16]>}
      ins(%a, %b : tensor<1x1xbf16>, tensor<1x2xbf16>) outs(%c : tensor<1x2xf32>) -> tensor<1x2xf32>
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [1, 16, 16], registers = [1, 16]>}
      ins(%a2, %b2 : tensor<1x16xbf16>, tensor<16x16xbf16>) outs(%c2 : tensor<1x16xf32>) -> tensor<1x16xf32>
  return %0, %1 : tensor<1x2xf32>, tensor<1x16xf32>
}

// -----

// avx512_bf16, B [K, N] = [40, 20] at run time: VNNI pairs in panels of nr = 32 columns (not the 16 columns
// of an AMX tile): [N'/nr, K'/2, nr, 2] = [1, 32, 32, 2] with K' = roundUp(40, 32) = 64, N' = 32; element
// (nb, kk, ni, t) holds B[2 kk + t, 32 nb + ni]. A is padded to K' columns, C to N'; the body is kept.
// CHECK-DAG: #[[$DOT_PACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1 * 2 + d3, d0 * 32 + d2)>
// CHECK-DAG: #[[$DOT_ID4:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$DOT_A:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 2 + d4)>
// CHECK-DAG: #[[$DOT_B:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
// CHECK-DAG: #[[$DOT_C:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 32 + d3)>
// CHECK-LABEL: func.func @dot_bf16_runtime
// CHECK-SAME: (%[[A:[^:]*]]: tensor<20x40xbf16>, %[[B:[^:]*]]: tensor<40x20xbf16>, %[[C:[^:]*]]: tensor<20x20xf32>)
// CHECK: %[[BP:.*]] = tensor.pad %[[B]] low[0, 0] high[24, 12]
// CHECK: } : tensor<40x20xbf16> to tensor<64x32xbf16>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x32x32x2xbf16>
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$DOT_PACK]], #[[$DOT_ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[BP]] : tensor<64x32xbf16>) outs(%[[E]] : tensor<1x32x32x2xbf16>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [24, 32, 64], registers = [8, 32]>}
// CHECK-NEXT: ^bb0(%[[IN:[^:]*]]: bf16, %{{.*}}: bf16):
// CHECK-NEXT: linalg.yield %[[IN]] : bf16
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0] high[0, 24]
// CHECK: } : tensor<20x40xbf16> to tensor<20x64xbf16>
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0] high[0, 12]
// CHECK: } : tensor<20x20xf32> to tensor<20x32xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$DOT_A]], #[[$DOT_B]], #[[$DOT_C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<20x64xbf16>, tensor<1x32x32x2xbf16>) outs(%[[CP]] : tensor<20x32xf32>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [24, 32, 64], registers = [8, 32]>, inductor.valid_columns = 20 : i64}
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: bf16, %[[Y:[^:]*]]: bf16, %[[O:[^:]*]]: f32):
// CHECK-NEXT: %[[XF:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK-NEXT: %[[YF:.*]] = arith.extf %[[Y]] : bf16 to f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[XF]], %[[YF]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[O]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: tensor.extract_slice %[[R]][0, 0] [20, 20] [1, 1] : tensor<20x32xf32> to tensor<20x20xf32>
// TWICE-LABEL: func.func @dot_bf16_runtime
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
func.func @dot_bf16_runtime(%a: tensor<20x40xbf16>, %b: tensor<40x20xbf16>, %c: tensor<20x20xf32>) -> tensor<20x20xf32> {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [24, 32, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<20x40xbf16>, tensor<40x20xbf16>) outs(%c : tensor<20x20xf32>) -> tensor<20x20xf32>
  return %0 : tensor<20x20xf32>
}

// -----

// A constant bf16 B[k][n] = 20 k + n + 1 (K = 2, N = 20) for avx512_bf16 with nr = 32: one panel of 32 pairs
// per kk, packed[0][0][ni] = (B[0][ni], B[1][ni]) = (ni + 1, ni + 21) for ni < 20, then 12 zero pairs
// (N' = 32); K' = 32, so kk = 1..15 are zero. It stays bf16 (no widening, unlike the FMA kinds), and no
// packing generic remains.
// CHECK-LABEL: func.func @const_dot_bf16
// CHECK-SAME: (%[[A:[^:]*]]: tensor<4x2xbf16>
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00, 2.100000e+01], [2.000000e+00, 2.200000e+01], [3.000000e+00, 2.300000e+01], [4.000000e+00, 2.400000e+01], [5.000000e+00, 2.500000e+01], [6.000000e+00, 2.600000e+01], [7.000000e+00, 2.700000e+01], [8.000000e+00, 2.800000e+01], [9.000000e+00, 2.900000e+01], [1.000000e+01, 3.000000e+01], [1.100000e+01, 3.100000e+01], [1.200000e+01, 3.200000e+01], [1.300000e+01, 3.300000e+01], [1.400000e+01, 3.400000e+01], [1.500000e+01, 3.500000e+01], [1.600000e+01, 3.600000e+01], [1.700000e+01, 3.700000e+01], [1.800000e+01, 3.800000e+01], [1.900000e+01, 3.900000e+01], [2.000000e+01, 4.000000e+01], [[Z:(\[0.000000e\+00, 0.000000e\+00\], ){11}]][0.000000e+00, 0.000000e+00]], {{\[\[}}0.000000e+00, 0.000000e+00]{{.*}}> : tensor<1x16x32x2xbf16>
// CHECK-NOT: linalg.generic
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0] high[0, 30]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<4x32xbf16>, tensor<1x16x32x2xbf16>) outs(%{{.*}} : tensor<4x32xf32>)
// CHECK-SAME: kind = avx512_bf16
// CHECK-NOT: linalg.generic
func.func @const_dot_bf16(%a: tensor<4x2xbf16>, %c: tensor<4x20xf32>) -> tensor<4x20xf32> {
  %b = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0], [21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0]]> : tensor<2x20xbf16>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [4, 32, 32], registers = [4, 32]>}
      ins(%a, %b : tensor<4x2xbf16>, tensor<2x20xbf16>) outs(%c : tensor<4x20xf32>) -> tensor<4x20xf32>
  return %0 : tensor<4x20xf32>
}

// -----

// B given as [N, K] for avx512_bf16: the packing map reads B[32 nb + ni, 2 kk + t] (panels of nr = 32).
// K = 64 and N = 32 need no padding.
// CHECK-DAG: #[[$TPACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0 * 32 + d2, d1 * 2 + d3)>
// CHECK-DAG: #[[$TB:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
// CHECK-DAG: #[[$TC:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 32 + d3)>
// CHECK-LABEL: func.func @dot_bf16_transposed
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x64xbf16>, %[[B:[^:]*]]: tensor<32x64xbf16>, %[[C:[^:]*]]: tensor<8x32xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$TPACK]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[B]] : tensor<32x64xbf16>) outs(%{{.*}} : tensor<1x32x32x2xbf16>)
// CHECK: linalg.generic {indexing_maps = [#{{map[0-9]*}}, #[[$TB]], #[[$TC]]]
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<8x64xbf16>, tensor<1x32x32x2xbf16>) outs(%[[C]] : tensor<8x32xf32>)
// TWICE-LABEL: func.func @dot_bf16_transposed
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
func.func @dot_bf16_transposed(%a: tensor<8x64xbf16>, %b: tensor<32x64xbf16>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 64], registers = [8, 32]>}
      ins(%a, %b : tensor<8x64xbf16>, tensor<32x64xbf16>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// avx512_vnni, u8 x s8 at run time: quads in panels of nr = 32: [N'/nr, K'/4, nr, 4] = [1, 32, 32, 4] with
// K' = roundUp(100, 64) = 128 (16 quads per 64-byte row), N' = 32; element (nb, kk, ni, t) holds
// B[4 kk + t, 32 nb + ni]. The body's extensions (u8 A, s8 B) are kept.
// CHECK-DAG: #[[$VNNI_PACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1 * 4 + d3, d0 * 32 + d2)>
// CHECK-DAG: #[[$VNNI_A:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 4 + d4)>
// CHECK-DAG: #[[$VNNI_B:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
// CHECK-DAG: #[[$VNNI_C:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 32 + d3)>
// CHECK-LABEL: func.func @vnni_runtime
// CHECK-SAME: (%[[A:[^:]*]]: tensor<40x100xi8>, %[[B:[^:]*]]: tensor<100x20xi8>, %[[C:[^:]*]]: tensor<40x20xi32>)
// CHECK: %[[BP:.*]] = tensor.pad %[[B]] low[0, 0] high[28, 12]
// CHECK: } : tensor<100x20xi8> to tensor<128x32xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x32x32x4xi8>
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$VNNI_PACK]], #{{map[0-9]*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[BP]] : tensor<128x32xi8>) outs(%[[E]] : tensor<1x32x32x4xi8>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [40, 32, 128], registers = [8, 32]>}
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0] high[0, 28]
// CHECK: } : tensor<40x100xi8> to tensor<40x128xi8>
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0] high[0, 12]
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$VNNI_A]], #[[$VNNI_B]], #[[$VNNI_C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<40x128xi8>, tensor<1x32x32x4xi8>) outs(%[[CP]] : tensor<40x32xi32>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [40, 32, 128], registers = [8, 32]>, inductor.valid_columns = 20 : i64}
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: i8, %[[Y:[^:]*]]: i8, %{{.*}}: i32):
// CHECK-NEXT: arith.extui %[[X]] : i8 to i32
// CHECK-NEXT: arith.extsi %[[Y]] : i8 to i32
// CHECK: tensor.extract_slice %[[R]][0, 0] [40, 20] [1, 1] : tensor<40x32xi32> to tensor<40x20xi32>
// TWICE-LABEL: func.func @vnni_runtime
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @vnni_runtime(%a: tensor<40x100xi8>, %b: tensor<100x20xi8>, %c: tensor<40x20xi32>) -> tensor<40x20xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x100xi8>, tensor<100x20xi8>) outs(%c : tensor<40x20xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [40, 32, 128], registers = [8, 32]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// -----

// avx2_int8, s8 x u8 at run time: pairs in panels of nr = 16: [N'/nr, K'/2, nr, 2] = [2, 64, 16, 2] with
// K' = roundUp(100, 32) = 128, N' = 32; element (nb, kk, ni, t) holds B[2 kk + t, 16 nb + ni]. B stays i8 (it
// is widened to i16 as the kernel loads it) and the body keeps its extensions, whatever their signedness.
// CHECK-DAG: #[[$PAIR_PACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1 * 2 + d3, d0 * 16 + d2)>
// CHECK-DAG: #[[$PAIR_A:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2 * 2 + d4)>
// CHECK-DAG: #[[$PAIR_C:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 16 + d3)>
// CHECK-LABEL: func.func @avx2_int8_runtime
// CHECK: tensor.empty() : tensor<2x64x16x2xi8>
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$PAIR_PACK]], #{{map[0-9]*}}]
// CHECK-SAME: outs(%{{.*}} : tensor<2x64x16x2xi8>)
// CHECK-SAME: kind = avx2_int8
// CHECK: linalg.generic {indexing_maps = [#[[$PAIR_A]], #{{map[0-9]*}}, #[[$PAIR_C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<40x128xi8>, tensor<2x64x16x2xi8>) outs(%{{.*}} : tensor<40x32xi32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: i8, %[[Y:[^:]*]]: i8, %{{.*}}: i32):
// CHECK-NEXT: arith.extsi %[[X]] : i8 to i32
// CHECK-NEXT: arith.extui %[[Y]] : i8 to i32
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @avx2_int8_runtime(%a: tensor<40x100xi8>, %b: tensor<100x20xi8>, %c: tensor<40x20xi32>) -> tensor<40x20xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x100xi8>, tensor<100x20xi8>) outs(%c : tensor<40x20xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_int8, cache = [42, 32, 128], registers = [6, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extsi %x : i8 to i32
    %ye = arith.extui %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// -----

// A constant int8 B[k][n] = 20 k + n + 1 (K = 4, N = 20) for avx512_vnni with nr = 32: packed[0][0][ni] =
// (B[0][ni], B[1][ni], B[2][ni], B[3][ni]) = (ni + 1, ni + 21, ni + 41, ni + 61) for ni < 20, then 12 zero
// quads (N' = 32); K' = 64, so kk = 1..15 are zero.
// CHECK-LABEL: func.func @const_vnni
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[\[\[}}1, 21, 41, 61], [2, 22, 42, 62], [3, 23, 43, 63], [4, 24, 44, 64], [5, 25, 45, 65], [6, 26, 46, 66], [7, 27, 47, 67], [8, 28, 48, 68], [9, 29, 49, 69], [10, 30, 50, 70], [11, 31, 51, 71], [12, 32, 52, 72], [13, 33, 53, 73], [14, 34, 54, 74], [15, 35, 55, 75], [16, 36, 56, 76], [17, 37, 57, 77], [18, 38, 58, 78], [19, 39, 59, 79], [20, 40, 60, 80], [[Z:(\[0, 0, 0, 0\], ){11}]][0, 0, 0, 0]], {{\[\[}}0, 0, 0, 0]{{.*}}> : tensor<1x16x32x4xi8>
// CHECK-NOT: linalg.generic
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<4x64xi8>, tensor<1x16x32x4xi8>) outs(%{{.*}} : tensor<4x32xi32>)
// CHECK-SAME: kind = avx512_vnni
// CHECK-NOT: linalg.generic
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @const_vnni(%a: tensor<4x4xi8>, %c: tensor<4x20xi32>) -> tensor<4x20xi32> {
  %b = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40], [41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60], [61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80]]> : tensor<4x20xi8>
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<4x4xi8>, tensor<4x20xi8>) outs(%c : tensor<4x20xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [4, 32, 64], registers = [4, 32]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<4x20xi32>
  return %0 : tensor<4x20xi32>
}

// -----

// B given as [N, K] for avx512_vnni at run time: the packing map reads B[16 nb + ni, 4 kk + t] (nr = 16).
// CHECK-DAG: #[[$TPACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0 * 16 + d2, d1 * 4 + d3)>
// CHECK-DAG: #[[$TB:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
// CHECK-LABEL: func.func @vnni_transposed
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x64xi8>, %[[B:[^:]*]]: tensor<16x64xi8>, %[[C:[^:]*]]: tensor<8x16xi32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$TPACK]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[B]] : tensor<16x64xi8>) outs(%{{.*}} : tensor<1x16x16x4xi8>)
// CHECK: linalg.generic {indexing_maps = [#{{map[0-9]*}}, #[[$TB]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<8x64xi8>, tensor<1x16x16x4xi8>) outs(%[[C]] : tensor<8x16xi32>)
// CHECK-SAME: kind = avx512_vnni
#ma = affine_map<(m, n, k) -> (m, k)>
#mbt = affine_map<(m, n, k) -> (n, k)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @vnni_transposed(%a: tensor<8x64xi8>, %b: tensor<16x64xi8>, %c: tensor<8x16xi32>) -> tensor<8x16xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mbt, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xi8>, tensor<16x64xi8>) outs(%c : tensor<8x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [8, 16, 64], registers = [8, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<8x16xi32>
  return %0 : tensor<8x16xi32>
}

// -----

// A constant [N, K] int8 weight for avx512_vnni: Bt[n][k] = 4 n + k + 1 (N = 16, K = 4), except a negative
// last element. Each quad is four consecutive k of one column, i.e. one row of Bt: packed[0][0][ni] =
// (4 ni + 1, ..., 4 ni + 4); K' = 64, so kk = 1..15 are zero. Signed bytes are copied as they are (-1).
// CHECK-LABEL: func.func @const_vnni_transposed
// CHECK: %[[PB:.*]] = arith.constant dense<{{\[\[\[\[}}1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24], [25, 26, 27, 28], [29, 30, 31, 32], [33, 34, 35, 36], [37, 38, 39, 40], [41, 42, 43, 44], [45, 46, 47, 48], [49, 50, 51, 52], [53, 54, 55, 56], [57, 58, 59, 60], [61, 62, 63, -1]], {{\[\[}}0, 0, 0, 0]{{.*}}> : tensor<1x16x16x4xi8>
// CHECK-NOT: linalg.generic
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PB]] : tensor<4x64xi8>, tensor<1x16x16x4xi8>)
// CHECK-NOT: linalg.generic
#ma = affine_map<(m, n, k) -> (m, k)>
#mbt = affine_map<(m, n, k) -> (n, k)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @const_vnni_transposed(%a: tensor<4x4xi8>, %c: tensor<4x16xi32>) -> tensor<4x16xi32> {
  %b = arith.constant dense<[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24], [25, 26, 27, 28], [29, 30, 31, 32], [33, 34, 35, 36], [37, 38, 39, 40], [41, 42, 43, 44], [45, 46, 47, 48], [49, 50, 51, 52], [53, 54, 55, 56], [57, 58, 59, 60], [61, 62, 63, -1]]> : tensor<16x4xi8>
  %0 = linalg.generic {indexing_maps = [#ma, #mbt, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<4x4xi8>, tensor<16x4xi8>) outs(%c : tensor<4x16xi32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [4, 16, 64], registers = [4, 16]>} {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// -----

// A shared by all batches (a convolution's weights: A[m, k], B[b, k, n], C[b, m, n]): B is packed per batch,
// and the packed contraction over (b, m, nb, k, ni) reads A without the batch dim.
// CHECK-DAG: #[[$SPACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d1 * 16 + d3)>
// CHECK-DAG: #[[$SA:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d3)>
// CHECK-DAG: #[[$SB:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d3, d4)>
// CHECK-DAG: #[[$SC:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2 * 16 + d4)>
// CHECK-LABEL: func.func @shared_a_fma
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x64xf32>, %[[B:[^:]*]]: tensor<2x64x32xf32>, %[[C:[^:]*]]: tensor<2x8x32xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[PB:.*]] = linalg.generic {indexing_maps = [#[[$SPACK]], #{{map[0-9]*}}]
// CHECK-SAME: ins(%[[B]] : tensor<2x64x32xf32>) outs(%{{.*}} : tensor<2x2x64x16xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$SA]], #[[$SB]], #[[$SC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[PB]] : tensor<8x64xf32>, tensor<2x2x64x16xf32>) outs(%[[C]] : tensor<2x8x32xf32>)
// CHECK-SAME: kind = avx512_fma
// CHECK: return %[[R]]
// TWICE-LABEL: func.func @shared_a_fma
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
#ma = affine_map<(b, m, n, k) -> (m, k)>
#mb = affine_map<(b, m, n, k) -> (b, k, n)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @shared_a_fma(%a: tensor<8x64xf32>, %b: tensor<2x64x32xf32>, %c: tensor<2x8x32xf32>) -> tensor<2x8x32xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x64xf32>, tensor<2x64x32xf32>) outs(%c : tensor<2x8x32xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [8, 32, 64], registers = [8, 16]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x8x32xf32>
  return %0 : tensor<2x8x32xf32>
}

// -----

// The same for avx512_bf16 with K = 40 -> K' = 64 and N = 20 -> N' = 32: B is padded per batch, A (2-D) along
// K only, C along N; the VNNI-layout A map (m, 2 kk + t) has no batch dim either.
// CHECK-DAG: #[[$SA:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d3 * 2 + d5)>
// CHECK-DAG: #[[$SB:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d2, d3, d4, d5)>
// CHECK-DAG: #[[$SC:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 32 + d4)>
// CHECK-LABEL: func.func @shared_a_dot_bf16
// CHECK-SAME: (%[[A:[^:]*]]: tensor<8x40xbf16>, %[[B:[^:]*]]: tensor<3x40x20xbf16>, %[[C:[^:]*]]: tensor<3x8x20xf32>)
// CHECK: %[[BP:.*]] = tensor.pad %[[B]] low[0, 0, 0] high[0, 24, 12]
// CHECK: } : tensor<3x40x20xbf16> to tensor<3x64x32xbf16>
// CHECK: %[[PB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[BP]] : tensor<3x64x32xbf16>) outs(%{{.*}} : tensor<3x1x32x32x2xbf16>)
// CHECK: %[[AP:.*]] = tensor.pad %[[A]] low[0, 0] high[0, 24]
// CHECK: } : tensor<8x40xbf16> to tensor<8x64xbf16>
// CHECK: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0, 0] high[0, 0, 12]
// CHECK: } : tensor<3x8x20xf32> to tensor<3x8x32xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$SA]], #[[$SB]], #[[$SC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[AP]], %[[PB]] : tensor<8x64xbf16>, tensor<3x1x32x32x2xbf16>) outs(%[[CP]] : tensor<3x8x32xf32>)
// CHECK-SAME: kind = avx512_bf16
// CHECK: tensor.extract_slice %[[R]][0, 0, 0] [3, 8, 20] [1, 1, 1] : tensor<3x8x32xf32> to tensor<3x8x20xf32>
// TWICE-LABEL: func.func @shared_a_dot_bf16
// TWICE-COUNT-2: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
#ma = affine_map<(b, m, n, k) -> (m, k)>
#mb = affine_map<(b, m, n, k) -> (b, k, n)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @shared_a_dot_bf16(%a: tensor<8x40xbf16>, %b: tensor<3x40x20xbf16>, %c: tensor<3x8x20xf32>) -> tensor<3x8x20xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x40xbf16>, tensor<3x40x20xbf16>) outs(%c : tensor<3x8x20xf32>)
      attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [8, 32, 64], registers = [8, 32]>} {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<3x8x20xf32>
  return %0 : tensor<3x8x20xf32>
}

// -----

// An im2col B (a copy generic over [c, kh, kw, oh, ow], reshaped to [K, N] = [2*3*3, 4*16]) whose innermost
// N dim (ow = 16) is a multiple of nr = 16: the panels are gathered straight from the convolution's input,
// over the packed shape with N's dims split as (oh, ow / 16) and the K dims kept apart, then reshaped to the
// packed type. The im2col copy is left without users (canonicalization erases it), and no separate packing
// copy is built.
// CHECK-DAG: #[[$PANELS_IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d0 * 2 + d3, (d1 * 16 + d5) * 2 + d4)>
// CHECK-DAG: #[[$ID6:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
// CHECK-LABEL: func.func @fma_im2col_panels
// CHECK-SAME: (%[[W:[^:]*]]: tensor<8x18xf32>, %[[X:[^:]*]]: tensor<2x9x33xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x1x2x3x3x16xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[$PANELS_IN]], #[[$ID6]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x9x33xf32>) outs(%[[E]] : tensor<4x1x2x3x3x16xf32>)
// CHECK-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 64, 18], registers = [6, 16]>}
// CHECK: %[[P:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0, 1], [2, 3, 4], [5]] : tensor<4x1x2x3x3x16xf32> into tensor<4x18x16xf32>
// CHECK-NOT: linalg.generic {{.*}}ins(%collapsed
// CHECK: linalg.generic {{.*}}ins(%[[W]], %[[P]] : tensor<8x18xf32>, tensor<4x18x16xf32>)
// TWICE-LABEL: func.func @fma_im2col_panels
// TWICE-COUNT-3: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: return
#x = affine_map<(c, i, j, y, x) -> (c, y * 2 + i, x * 2 + j)>
#id5 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @fma_im2col_panels(%w: tensor<8x18xf32>, %x: tensor<2x9x33xf32>, %c: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %e = tensor.empty() : tensor<2x3x3x4x16xf32>
  %patches = linalg.generic {indexing_maps = [#x, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<2x9x33xf32>) outs(%e : tensor<2x3x3x4x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x3x3x4x16xf32>
  %b = tensor.collapse_shape %patches [[0, 1, 2], [3, 4]] : tensor<2x3x3x4x16xf32> into tensor<18x64xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 64, 18], registers = [6, 16]>}
      ins(%w, %b : tensor<8x18xf32>, tensor<18x64xf32>) outs(%c : tensor<8x64xf32>) -> tensor<8x64xf32>
  return %0 : tensor<8x64xf32>
}

// -----

// Not gathered: the innermost N dim (ow = 12) is not a multiple of nr = 16, so a panel spans two output
// rows. The im2col stays and B is packed by the usual copy.
// CHECK-LABEL: func.func @im2col_row_not_panel_multiple
// CHECK: %[[PATCHES:.*]] = linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<2x9x25xf32>) outs(%{{.*}} : tensor<2x3x3x4x12xf32>)
// CHECK: %[[B:.*]] = tensor.collapse_shape %[[PATCHES]]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[B]] : tensor<18x48xf32>) outs(%{{.*}} : tensor<3x18x16xf32>)
#x2 = affine_map<(c, i, j, y, x) -> (c, y * 2 + i, x * 2 + j)>
#id52 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col_row_not_panel_multiple(%w: tensor<8x18xf32>, %x: tensor<2x9x25xf32>, %c: tensor<8x48xf32>) -> tensor<8x48xf32> {
  %e = tensor.empty() : tensor<2x3x3x4x12xf32>
  %patches = linalg.generic {indexing_maps = [#x2, #id52], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<2x9x25xf32>) outs(%e : tensor<2x3x3x4x12xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x3x3x4x12xf32>
  %b = tensor.collapse_shape %patches [[0, 1, 2], [3, 4]] : tensor<2x3x3x4x12xf32> into tensor<18x48xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 48, 18], registers = [6, 16]>}
      ins(%w, %b : tensor<8x18xf32>, tensor<18x48xf32>) outs(%c : tensor<8x48xf32>) -> tensor<8x48xf32>
  return %0 : tensor<8x48xf32>
}

// -----

// Not gathered: the copy's body computes (a negation), so it is not a gather of the input.
// CHECK-LABEL: func.func @im2col_with_arithmetic
// CHECK: arith.negf
// CHECK: %[[B:.*]] = tensor.collapse_shape
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[B]] : tensor<18x64xf32>) outs(%{{.*}} : tensor<4x18x16xf32>)
#x3 = affine_map<(c, i, j, y, x) -> (c, y * 2 + i, x * 2 + j)>
#id53 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col_with_arithmetic(%w: tensor<8x18xf32>, %x: tensor<2x9x33xf32>, %c: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %e = tensor.empty() : tensor<2x3x3x4x16xf32>
  %patches = linalg.generic {indexing_maps = [#x3, #id53], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<2x9x33xf32>) outs(%e : tensor<2x3x3x4x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<2x3x3x4x16xf32>
  %b = tensor.collapse_shape %patches [[0, 1, 2], [3, 4]] : tensor<2x3x3x4x16xf32> into tensor<18x64xf32>
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [6, 64, 18], registers = [6, 16]>}
      ins(%w, %b : tensor<8x18xf32>, tensor<18x64xf32>) outs(%c : tensor<8x64xf32>) -> tensor<8x64xf32>
  return %0 : tensor<8x64xf32>
}
