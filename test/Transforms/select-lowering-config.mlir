// The target is given explicitly (ISA, threads, L2 size) so that the chosen configs do not depend on the
// machine running the test.
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=amx num-threads=1 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=AMX
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=avx512-bf16 num-threads=1 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=BF16
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=avx512-vnni num-threads=1 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=VNNI
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=avx512 num-threads=1 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=AVX
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=avx2 num-threads=1 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=AVX2
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=generic num-threads=1 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=GEN
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=amx num-threads=2 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=T2
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=amx num-threads=3 l2-cache-kb=2048}))' | FileCheck %s --check-prefix=T3
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=amx num-threads=1 l2-cache-kb=128}))' | FileCheck %s --check-prefix=SMALL-L2
// RUN: not inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=sse num-threads=1}))' 2>&1 | FileCheck %s --check-prefix=ERR
// RUN: not inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-select-lowering-config{isa=amx num-threads=-1}))' 2>&1 | FileCheck %s --check-prefix=NEG

// An unknown ISA is an error, not a silent fallback.
// ERR: error: inductor-select-lowering-config: unknown isa 'sse' (expected host, amx, avx512-bf16, avx512-vnni, avx512, avx2 or generic)
// A negative thread count (or L2 size) is an error too.
// NEG: error: inductor-select-lowering-config: num-threads and l2-cache-kb must be >= 0 (0: detect)

// bf16 x bf16 -> f32 with AMX. nr = mr = 32 (N > 16, M > 16); kc = K' = 512 (<= 2048);
// mc = clamp(2 MiB / 4 / (kc * 2 bytes) = 512 rounded to mr, mr, 128) = 128 (<= M); mc gives two M tasks,
// enough for one thread, so nc = min(N', 1024) = 1024.
// Without AMX, bf16 runs on the FMA kernels (B widened to f32 when packed), blocked as f32 is.
// AMX-LABEL: func.func @mm_bf16
// AMX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [128, 1024, 512], registers = [32, 32]>}
// AVX-LABEL: func.func @mm_bf16
// AVX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [132, 512, 128], registers = [6, 64]>}
// AVX2-LABEL: func.func @mm_bf16
// AVX2: kind = avx2_fma, cache = [132, 1024, 256], registers = [6, 16]
// GEN-LABEL: func.func @mm_bf16
// GEN: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
// Without AMX, AVX512-BF16 gives vdpbf16ps dot products (avx512_bf16) on the FMA register blocking, nr = 32,
// mr = 8; kc = min(K' = 512, 1024) = 512; mc = clamp(2 MiB / 2 / (kc * 2 bytes) = 1024, 8, 128) = 128 (two M
// tasks), nc = 1024.
// BF16-LABEL: func.func @mm_bf16
// BF16: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [128, 1024, 512], registers = [8, 32]>}
// AVX512-VNNI alone has no bf16 dot product: the FMA kernel, as with plain AVX-512.
// VNNI-LABEL: func.func @mm_bf16
// VNNI: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [132, 512, 128], registers = [6, 64]>}
// Two threads: the two M tasks suffice, N is not split.
// T2-LABEL: func.func @mm_bf16
// T2: cache = [128, 1024, 512], registers = [32, 32]
// Three threads: the two M tasks become three of equal size, mc = roundUp(256 / 3, 32) = 96; N is not split.
// T3-LABEL: func.func @mm_bf16
// T3: cache = [96, 1024, 512], registers = [32, 32]
// A 128 KiB L2 cache: mc = 128 KiB / 4 / 1024 = 32.
// SMALL-L2-LABEL: func.func @mm_bf16
// SMALL-L2: cache = [32, 1024, 512], registers = [32, 32]
func.func @mm_bf16(%a: tensor<256x512xbf16>, %b: tensor<512x1024xbf16>, %c: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<256x512xbf16>, tensor<512x1024xbf16>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  return %0 : tensor<256x1024xf32>
}

// -----

// f32 x f32 -> f32: avx512_fma, on AMX machines too (they have AVX-512). N >= 64: nr = 64, mr = 6;
// kc = min(K, 128) = 128; mc = clamp(2 MiB / 2 / (kc * 4 bytes) = 2048, 6, roundUp(128, 6) = 132) = 132:
// two M tasks, balanced: roundUp(256 / 2, 6) = 132; nc = min(N', 512) = 512.
// AMX-LABEL: func.func @mm_f32
// AMX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [132, 512, 128], registers = [6, 64]>}
// AVX-LABEL: func.func @mm_f32
// AVX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [132, 512, 128], registers = [6, 64]>}
// AVX2 (16 ymm): nr = 16, mr = 6, kc = 256; mc = clamp(1024, 6, 132) = 132, two M tasks of 128 rows.
// AVX2-LABEL: func.func @mm_f32
// AVX2: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx2_fma, cache = [132, 1024, 256], registers = [6, 16]>}
// GEN-LABEL: func.func @mm_f32
// GEN: kind = generic, cache = [1, 1, 1], registers = [1, 1]
// The dot-product kinds are for bf16 and int8 only: f32 stays on avx512_fma.
// BF16-LABEL: func.func @mm_f32
// BF16: kind = avx512_fma, cache = [132, 512, 128], registers = [6, 64]
// VNNI-LABEL: func.func @mm_f32
// VNNI: kind = avx512_fma, cache = [132, 512, 128], registers = [6, 64]
// Three threads: the two M tasks become three, mc = roundUp(256 / 3, 6) = 90.
// T3-LABEL: func.func @mm_f32
// T3: cache = [90, 512, 128], registers = [6, 64]
// A 128 KiB L2 cache: mc = 128 KiB / 2 / (128 * 4) = 128, rounded down to mr: 126, three M tasks, balanced: 90.
// SMALL-L2-LABEL: func.func @mm_f32
// SMALL-L2: cache = [90, 512, 128], registers = [6, 64]
func.func @mm_f32(%a: tensor<256x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<256x512xf32>, tensor<512x1024xf32>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  return %0 : tensor<256x1024xf32>
}

// -----

// M <= 16: one row of AMX tiles (mr = 16), mc = roundUp(M, 16) = 16; N' = 64 in one block.
// With two threads N is split to get two tasks: nc = 32.
// AMX-LABEL: func.func @small_m_bf16
// AMX: kind = amx_bf16, cache = [16, 64, 64], registers = [16, 32]
// T2-LABEL: func.func @small_m_bf16
// T2: kind = amx_bf16, cache = [16, 32, 64], registers = [16, 32]
// avx512_bf16 keeps mr = 8 (M = 10 >= 8): mc = roundUp(10, 8) = 16; K = 64 = K' = kc.
// BF16-LABEL: func.func @small_m_bf16
// BF16: kind = avx512_bf16, cache = [16, 64, 64], registers = [8, 32]
func.func @small_m_bf16(%a: tensor<10x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<10x64xf32>) -> tensor<10x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<10x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<10x64xf32>) -> tensor<10x64xf32>
  return %0 : tensor<10x64xf32>
}

// -----

// N <= 16: one column of AMX tiles (nr = 16); K = 40 is padded to K' = 64 = kc; M = 40 -> mc = 64.
// AMX-LABEL: func.func @narrow_n_bf16
// AMX: kind = amx_bf16, cache = [64, 16, 64], registers = [32, 16]
// avx512_bf16: one zmm of accumulators per row (nr = 16); K' = 64 (16 bf16 pairs) = kc; mc = roundUp(40, 8).
// BF16-LABEL: func.func @narrow_n_bf16
// BF16: kind = avx512_bf16, cache = [40, 16, 64], registers = [8, 16]
// The FMA kernel does not pad K: kc = K = 40.
// VNNI-LABEL: func.func @narrow_n_bf16
// VNNI: kind = avx512_fma, cache = [40, 16, 40], registers = [8, 16]
func.func @narrow_n_bf16(%a: tensor<40x40xbf16>, %b: tensor<40x16xbf16>, %c: tensor<40x16xf32>) -> tensor<40x16xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<40x40xbf16>, tensor<40x16xbf16>) outs(%c : tensor<40x16xf32>) -> tensor<40x16xf32>
  return %0 : tensor<40x16xf32>
}

// -----

// M < 8: the FMA register tile has exactly M rows (mr = mc = 5); N = 20 -> nr = 32, N' = 32; kc = K = 100.
// Two threads cannot get two tasks: nc does not go below nr.
// AMX-LABEL: func.func @small_m_f32
// AMX: kind = avx512_fma, cache = [5, 32, 100], registers = [5, 32]
// AVX-LABEL: func.func @small_m_f32
// AVX: kind = avx512_fma, cache = [5, 32, 100], registers = [5, 32]
// With AVX2, mr = M = 5 as well; N = 20 -> nr = 16, N' = 32.
// AVX2-LABEL: func.func @small_m_f32
// AVX2: kind = avx2_fma, cache = [5, 32, 100], registers = [5, 16]
// GEN-LABEL: func.func @small_m_f32
// GEN: kind = generic, cache = [1, 1, 1], registers = [1, 1]
// T2-LABEL: func.func @small_m_f32
// T2: kind = avx512_fma, cache = [5, 32, 100], registers = [5, 32]
func.func @small_m_f32(%a: tensor<5x100xf32>, %b: tensor<100x20xf32>, %c: tensor<5x20xf32>) -> tensor<5x20xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<5x100xf32>, tensor<100x20xf32>) outs(%c : tensor<5x20xf32>) -> tensor<5x20xf32>
  return %0 : tensor<5x20xf32>
}

// -----

// Dynamic M (tokens) is fine: mr = 32 and mc is not capped by M. The number of M tasks is unknown and
// taken to be the thread count, so N is not split even with several threads.
// AMX-LABEL: func.func @dyn_m_bf16
// AMX: kind = amx_bf16, cache = [128, 1024, 512], registers = [32, 32]
// T2-LABEL: func.func @dyn_m_bf16
// T2: kind = amx_bf16, cache = [128, 1024, 512], registers = [32, 32]
// T3-LABEL: func.func @dyn_m_bf16
// T3: kind = amx_bf16, cache = [128, 1024, 512], registers = [32, 32]
// BF16-LABEL: func.func @dyn_m_bf16
// BF16: kind = avx512_bf16, cache = [128, 1024, 512], registers = [8, 32]
func.func @dyn_m_bf16(%a: tensor<?x512xbf16>, %b: tensor<512x1024xbf16>, %c: tensor<?x1024xf32>) -> tensor<?x1024xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<?x512xbf16>, tensor<512x1024xbf16>) outs(%c : tensor<?x1024xf32>) -> tensor<?x1024xf32>
  return %0 : tensor<?x1024xf32>
}

// -----

// Dynamic M with f32: mr stays 6, mc = 132 (one task of M <= 128 rows).
// AVX-LABEL: func.func @dyn_m_f32
// AVX: kind = avx512_fma, cache = [132, 512, 128], registers = [6, 64]
// AVX2-LABEL: func.func @dyn_m_f32
// AVX2: kind = avx2_fma, cache = [132, 1024, 256], registers = [6, 16]
func.func @dyn_m_f32(%a: tensor<?x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<?x1024xf32>) -> tensor<?x1024xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<?x512xf32>, tensor<512x1024xf32>) outs(%c : tensor<?x1024xf32>) -> tensor<?x1024xf32>
  return %0 : tensor<?x1024xf32>
}

// -----

// Packing needs static N: generic.
// AMX-LABEL: func.func @dyn_n
// AMX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
func.func @dyn_n(%a: tensor<64x64xbf16>, %b: tensor<64x?xbf16>, %c: tensor<64x?xf32>) -> tensor<64x?xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xbf16>, tensor<64x?xbf16>) outs(%c : tensor<64x?xf32>) -> tensor<64x?xf32>
  return %0 : tensor<64x?xf32>
}

// -----

// Packing needs static K: generic.
// AMX-LABEL: func.func @dyn_k
// AMX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
// AVX-LABEL: func.func @dyn_k
// AVX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
func.func @dyn_k(%a: tensor<64x?xf32>, %b: tensor<?x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<64x?xf32>, tensor<?x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// Batch dims are allowed; the config describes one batch's M x N x K = 64 x 96 x 128 (mc = 64, N' = 96).
// The 4 batches already give 4 tasks for 2 threads, so N is not split: nc = 96.
// AMX-LABEL: func.func @bmm
// AMX: linalg.batch_matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 96, 128], registers = [32, 32]>}
// AVX-LABEL: func.func @bmm
// AVX: kind = avx512_fma, cache = [64, 96, 128], registers = [8, 32]
// T2-LABEL: func.func @bmm
// T2: kind = amx_bf16, cache = [64, 96, 128], registers = [32, 32]
// BF16-LABEL: func.func @bmm
// BF16: linalg.batch_matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [64, 96, 128], registers = [8, 32]>}
func.func @bmm(%a: tensor<4x64x128xbf16>, %b: tensor<4x128x96xbf16>, %c: tensor<4x64x96xf32>) -> tensor<4x64x96xf32> {
  %0 = linalg.batch_matmul ins(%a, %b : tensor<4x64x128xbf16>, tensor<4x128x96xbf16>) outs(%c : tensor<4x64x96xf32>) -> tensor<4x64x96xf32>
  return %0 : tensor<4x64x96xf32>
}

// -----

// A linalg.generic contraction with B as [N, K] (a linear layer's weight) is matched as well.
// AMX-LABEL: func.func @generic_transposed_b
// AMX: linalg.generic
// AMX-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [66, 128, 128], registers = [6, 64]>}
// AVX-LABEL: func.func @generic_transposed_b
// AVX: linalg.generic
// AVX-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [66, 128, 128], registers = [6, 64]>}
// GEN-LABEL: func.func @generic_transposed_b
// GEN: linalg.generic
// GEN-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
#ma = affine_map<(m, n, k) -> (m, k)>
#mbt = affine_map<(m, n, k) -> (n, k)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @generic_transposed_b(%a: tensor<64x256xf32>, %b: tensor<128x256xf32>, %c: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mbt, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<64x256xf32>, tensor<128x256xf32>) outs(%c : tensor<64x128xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %0 : tensor<64x128xf32>
}

// -----

// The same with linalg.matmul and explicit indexing maps, bf16.
// AMX-LABEL: func.func @matmul_transposed_b
// AMX: linalg.matmul indexing_maps = {{.*}} {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 128, 256], registers = [32, 32]>}
// BF16-LABEL: func.func @matmul_transposed_b
// BF16: linalg.matmul indexing_maps = {{.*}} {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [64, 128, 256], registers = [8, 32]>}
func.func @matmul_transposed_b(%a: tensor<64x256xbf16>, %b: tensor<128x256xbf16>, %c: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : tensor<64x256xbf16>, tensor<128x256xbf16>) outs(%c : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %0 : tensor<64x128xf32>
}

// -----

// bf16 x f32 -> f32 (attention's probabilities times values) runs on the FMA kernels, even with AMX or
// AVX512-BF16 (their tiles and dot products need two bf16 operands); plain loops with isa=generic.
// AMX-LABEL: func.func @mixed
// AMX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [66, 64, 64], registers = [6, 64]>}
// BF16-LABEL: func.func @mixed
// BF16: kind = avx512_fma
// GEN-LABEL: func.func @mixed
// GEN: kind = generic
func.func @mixed(%a: tensor<64x64xbf16>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// An i8 x f32 mix stays loops.
// AMX-LABEL: func.func @mixed_int
// AMX: kind = generic
func.func @mixed_int(%a: tensor<64x64xi8>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xi8>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// bf16 accumulation (not f32): generic.
// AMX-LABEL: func.func @bf16_acc
// AMX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
func.func @bf16_acc(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %0 : tensor<64x64xbf16>
}

// -----

// A config written in the input is an override: kept as it is, whatever the target.
// AMX-LABEL: func.func @override
// AMX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 256, 512], registers = [16, 32]>}
// AVX-LABEL: func.func @override
// AVX: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 256, 512], registers = [16, 32]>}
// GEN-LABEL: func.func @override
// GEN: linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
func.func @override(%a: tensor<256x512xbf16>, %b: tensor<512x1024xbf16>, %c: tensor<256x1024xf32>) -> (tensor<256x1024xf32>, tensor<256x1024xf32>) {
  %0 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 256, 512], registers = [16, 32]>}
      ins(%a, %b : tensor<256x512xbf16>, tensor<512x1024xbf16>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  // A generic override is kept too (even where the target could do better).
  %1 = linalg.matmul {inductor.lowering_config = #inductor.lowering_config<kind = generic, cache = [1, 1, 1], registers = [1, 1]>}
      ins(%a, %b : tensor<256x512xbf16>, tensor<512x1024xbf16>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  return %0, %1 : tensor<256x1024xf32>, tensor<256x1024xf32>
}

// -----

// No config on what is not a contraction with one M, N and K: a fill, a matvec (no N), a
// batch_reduce_matmul (two K dims), a transposed A, nor on a contraction on buffers.
// AMX-LABEL: func.func @not_contraction
// AMX-NOT: inductor.lowering_config
// AMX: return
// AVX-LABEL: func.func @not_contraction
// AVX-NOT: inductor.lowering_config
// AVX: return
func.func @not_contraction(%a: tensor<64x64xf32>, %v: tensor<64xf32>, %y: tensor<64xf32>,
                           %a3: tensor<4x64x64xf32>, %m: memref<64x64xf32>) -> (tensor<64x64xf32>, tensor<64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) {
  %z = arith.constant 0.0 : f32
  %0 = linalg.fill ins(%z : f32) outs(%a : tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = linalg.matvec ins(%a, %v : tensor<64x64xf32>, tensor<64xf32>) outs(%y : tensor<64xf32>) -> tensor<64xf32>
  %2 = linalg.batch_reduce_matmul ins(%a3, %a3 : tensor<4x64x64xf32>, tensor<4x64x64xf32>) outs(%a : tensor<64x64xf32>) -> tensor<64x64xf32>
  %3 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %a : tensor<64x64xf32>, tensor<64x64xf32>) outs(%a : tensor<64x64xf32>) -> tensor<64x64xf32>
  linalg.matmul ins(%m, %m : memref<64x64xf32>, memref<64x64xf32>) outs(%m : memref<64x64xf32>)
  return %0, %1, %2, %3 : tensor<64x64xf32>, tensor<64xf32>, tensor<64x64xf32>, tensor<64x64xf32>
}

// -----

// One M task (M = 32 = mc): with two threads N is split in two (nc = 512), with three in three
// (nc = roundUp(ceil(1024 / 3), 32) = 352; the last block is 320 wide).
// AMX-LABEL: func.func @threads
// AMX: kind = amx_bf16, cache = [32, 1024, 512], registers = [32, 32]
// T2-LABEL: func.func @threads
// T2: kind = amx_bf16, cache = [32, 512, 512], registers = [32, 32]
// T3-LABEL: func.func @threads
// T3: kind = amx_bf16, cache = [32, 352, 512], registers = [32, 32]
func.func @threads(%a: tensor<32x512xbf16>, %b: tensor<512x1024xbf16>, %c: tensor<32x1024xf32>) -> tensor<32x1024xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<32x512xbf16>, tensor<512x1024xbf16>) outs(%c : tensor<32x1024xf32>) -> tensor<32x1024xf32>
  return %0 : tensor<32x1024xf32>
}

// -----

// Long K: an AMX K block holds at most 4 KiB of a row (2048 bf16, 4096 i8), and K is split into blocks of
// equal depth. bf16: K' = 5024 in 3 blocks of 1675 -> 1696 (whole rows of 32), mc = 2 MiB / 4 / (1696 * 2)
// = 154 -> 128.
// AMX-LABEL: func.func @long_k_bf16
// AMX: kind = amx_bf16, cache = [128, 64, 1696], registers = [32, 32]
// avx512_bf16 K blocks hold at most 1024 k: kc = 1024, mc = 2 MiB / 2 / (1024 * 2) = 512 -> 128.
// BF16-LABEL: func.func @long_k_bf16
// BF16: kind = avx512_bf16, cache = [128, 64, 1024], registers = [8, 32]
func.func @long_k_bf16(%a: tensor<256x5000xbf16>, %b: tensor<5000x64xbf16>, %c: tensor<256x64xf32>) -> tensor<256x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<256x5000xbf16>, tensor<5000x64xbf16>) outs(%c : tensor<256x64xf32>) -> tensor<256x64xf32>
  return %0 : tensor<256x64xf32>
}

// -----

// int8 (u8 x s8 -> i32): amx_int8. K = 100 -> K' = 128 (tile rows of 64 i8) = kc; M = 40 -> mc = 64;
// N = 20 -> nr = 32. Without AMX, AVX512-VNNI (alone or with BF16) has vpdpbusd, u8 x s8 quads: avx512_vnni,
// K' = 128 (16 quads) = kc, mr = 8, mc = roundUp(40, 8) = 40. With neither, AVX2 pair products (avx2_int8):
// mr = 6, nr = 16, kc = K' = 128 (rounded to 32), mc = roundUp(40, 6) = 42, nc = N' = 32.
// AMX-LABEL: func.func @u8s8
// AMX: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_int8, cache = [64, 32, 128], registers = [32, 32]>}
// BF16-LABEL: func.func @u8s8
// BF16: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [40, 32, 128], registers = [8, 32]>}
// VNNI-LABEL: func.func @u8s8
// VNNI: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_vnni, cache = [40, 32, 128], registers = [8, 32]>}
// AVX-LABEL: func.func @u8s8
// AVX: kind = avx2_int8, cache = [42, 32, 128], registers = [6, 16]
// AVX2-LABEL: func.func @u8s8
// AVX2: kind = avx2_int8, cache = [42, 32, 128], registers = [6, 16]
// GEN-LABEL: func.func @u8s8
// GEN: kind = generic
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @u8s8(%a: tensor<40x100xi8>, %b: tensor<100x20xi8>, %c: tensor<40x20xi32>) -> tensor<40x20xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x100xi8>, tensor<100x20xi8>) outs(%c : tensor<40x20xi32>) {
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

// int8 with a long K: K' = 5056 in 2 blocks of 2528 -> 2560 (whole rows of 64), mc = 2 MiB / 4 / 2560
// = 204 -> 128; with a 128 KiB L2 mc drops to mr = 32.
// AMX-LABEL: func.func @long_k_s8s8
// AMX: kind = amx_int8, cache = [128, 64, 2560], registers = [32, 32]
// SMALL-L2-LABEL: func.func @long_k_s8s8
// SMALL-L2: kind = amx_int8, cache = [32, 64, 2560], registers = [32, 32]
// linalg.matmul on i8 sign-extends both operands: s8 x s8, which vpdpbusd (u8 x s8) cannot compute: it
// takes the AVX2 pair products. kc = 512; mc = clamp(2 MiB / 2 / (512 * 2 bytes of widened A), 6,
// roundUp(128, 6)) = 132 rows, 2 M tasks.
// BF16-LABEL: func.func @long_k_s8s8
// BF16: kind = avx2_int8, cache = [132, 64, 512], registers = [6, 16]
// VNNI-LABEL: func.func @long_k_s8s8
// VNNI: kind = avx2_int8, cache = [132, 64, 512], registers = [6, 16]
// AVX2-LABEL: func.func @long_k_s8s8
// AVX2: kind = avx2_int8, cache = [132, 64, 512], registers = [6, 16]
func.func @long_k_s8s8(%a: tensor<256x5000xi8>, %b: tensor<5000x64xi8>, %c: tensor<256x64xi32>) -> tensor<256x64xi32> {
  %0 = linalg.matmul ins(%a, %b : tensor<256x5000xi8>, tensor<5000x64xi8>) outs(%c : tensor<256x64xi32>) -> tensor<256x64xi32>
  return %0 : tensor<256x64xi32>
}

// -----

// i8 operands multiplied in i8 (not extended first) are not what the AMX instructions compute: generic.
// AMX-LABEL: func.func @i8_product
// AMX: kind = generic
// VNNI-LABEL: func.func @i8_product
// VNNI: kind = generic
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @i8_product(%a: tensor<40x100xi8>, %b: tensor<100x20xi8>, %c: tensor<40x20xi32>) -> tensor<40x20xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x100xi8>, tensor<100x20xi8>) outs(%c : tensor<40x20xi32>) {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %p = arith.muli %x, %y : i8
    %pe = arith.extsi %p : i8 to i32
    %s = arith.addi %o, %pe : i32
    linalg.yield %s : i32
  } -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// -----

// Empty products (M, N or K of size 0) have nothing to tile: generic (and no division by a zero tile size).
// AMX-LABEL: func.func @empty
// AMX-COUNT-4: kind = generic, cache = [1, 1, 1], registers = [1, 1]
// AMX-NOT: lowering_config
// AMX: return
// AVX-LABEL: func.func @empty
// AVX-COUNT-4: kind = generic, cache = [1, 1, 1], registers = [1, 1]
// BF16-LABEL: func.func @empty
// BF16-COUNT-4: kind = generic, cache = [1, 1, 1], registers = [1, 1]
func.func @empty(%a0: tensor<0x64xf32>, %b0: tensor<64x32xf32>, %c0: tensor<0x32xf32>,
                 %a1: tensor<0x64xbf16>, %b1: tensor<64x32xbf16>, %c1: tensor<0x32xf32>,
                 %a2: tensor<16x0xbf16>, %b2: tensor<0x32xbf16>, %c2: tensor<16x32xf32>,
                 %a3: tensor<16x8xf32>, %b3: tensor<8x0xf32>, %c3: tensor<16x0xf32>)
    -> (tensor<0x32xf32>, tensor<0x32xf32>, tensor<16x32xf32>, tensor<16x0xf32>) {
  %0 = linalg.matmul ins(%a0, %b0 : tensor<0x64xf32>, tensor<64x32xf32>) outs(%c0 : tensor<0x32xf32>) -> tensor<0x32xf32>
  %1 = linalg.matmul ins(%a1, %b1 : tensor<0x64xbf16>, tensor<64x32xbf16>) outs(%c1 : tensor<0x32xf32>) -> tensor<0x32xf32>
  %2 = linalg.matmul ins(%a2, %b2 : tensor<16x0xbf16>, tensor<0x32xbf16>) outs(%c2 : tensor<16x32xf32>) -> tensor<16x32xf32>
  %3 = linalg.matmul ins(%a3, %b3 : tensor<16x8xf32>, tensor<8x0xf32>) outs(%c3 : tensor<16x0xf32>) -> tensor<16x0xf32>
  return %0, %1, %2, %3 : tensor<0x32xf32>, tensor<0x32xf32>, tensor<16x32xf32>, tensor<16x0xf32>
}

// -----

// One row (decode): K in one block (kc = K). 8 zmm accumulators (nr = 128); on ymm 2 (nr = 16), which the
// kernel multiplies by reading 4 segments of K side by side (4 DRAM streams, 8 accumulator chains).
// N' = 4096: 4 tasks of nc = 1024.
// AVX2-LABEL: func.func @decode_f32
// AVX2: kind = avx2_fma, cache = [1, 1024, 4096], registers = [1, 16]
// AVX-LABEL: func.func @decode_f32
// AVX: kind = avx512_fma, cache = [1, 1024, 4096], registers = [1, 128]
// The dot kinds are not for f32.
// BF16-LABEL: func.func @decode_f32
// BF16: kind = avx512_fma, cache = [1, 1024, 4096], registers = [1, 128]
func.func @decode_f32(%a: tensor<1x4096xf32>, %b: tensor<4096x4096xf32>, %c: tensor<1x4096xf32>) -> tensor<1x4096xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<1x4096xf32>, tensor<4096x4096xf32>) outs(%c : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  return %0 : tensor<1x4096xf32>
}

// -----

// M < 8 on avx512_bf16: mr = mc = M = 5, as for the FMA kernel; N = 20 -> nr = 32; K = 100 is padded to
// K' = 128 (16 bf16 pairs) = kc. With AVX512-VNNI only: the FMA kernel, kc = K = 100.
// BF16-LABEL: func.func @small_m_dot_bf16
// BF16: kind = avx512_bf16, cache = [5, 32, 128], registers = [5, 32]
// VNNI-LABEL: func.func @small_m_dot_bf16
// VNNI: kind = avx512_fma, cache = [5, 32, 100], registers = [5, 32]
func.func @small_m_dot_bf16(%a: tensor<5x100xbf16>, %b: tensor<100x20xbf16>, %c: tensor<5x20xf32>) -> tensor<5x20xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<5x100xbf16>, tensor<100x20xbf16>) outs(%c : tensor<5x20xf32>) -> tensor<5x20xf32>
  return %0 : tensor<5x20xf32>
}

// -----

// u8 x s8 with a long K on avx512_vnni: K' = 5056 (rounded to 64), kc = 1024;
// mc = 2 MiB / 2 / (1024 * 1 byte) = 1024 -> 128.
// BF16-LABEL: func.func @long_k_u8s8
// BF16: kind = avx512_vnni, cache = [128, 64, 1024], registers = [8, 32]
// VNNI-LABEL: func.func @long_k_u8s8
// VNNI: kind = avx512_vnni, cache = [128, 64, 1024], registers = [8, 32]
// AVX-LABEL: func.func @long_k_u8s8
// AVX: kind = avx2_int8, cache = [132, 64, 512], registers = [6, 16]
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @long_k_u8s8(%a: tensor<256x5000xi8>, %b: tensor<5000x64xi8>, %c: tensor<256x64xi32>) -> tensor<256x64xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<256x5000xi8>, tensor<5000x64xi8>) outs(%c : tensor<256x64xi32>) {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<256x64xi32>
  return %0 : tensor<256x64xi32>
}

// -----

// s8 x u8 (A sign-extended, B zero-extended): AMX takes any signedness, vpdpbusd only u8 x s8: the AVX2 pair
// products (any signedness) instead.
// AMX-LABEL: func.func @s8u8
// AMX: kind = amx_int8, cache = [64, 32, 128], registers = [32, 32]
// BF16-LABEL: func.func @s8u8
// BF16: kind = avx2_int8, cache = [42, 32, 128], registers = [6, 16]
// VNNI-LABEL: func.func @s8u8
// VNNI: kind = avx2_int8, cache = [42, 32, 128], registers = [6, 16]
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @s8u8(%a: tensor<40x100xi8>, %b: tensor<100x20xi8>, %c: tensor<40x20xi32>) -> tensor<40x20xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x100xi8>, tensor<100x20xi8>) outs(%c : tensor<40x20xi32>) {
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

// Decode with bf16 dot products: mr = 1, nr = min(roundUp(N, 16), 8 * 16) = 128 (8 zmm accumulators), and K
// in one block (kc = K' = 4096); N' = 4096 is 32 panels, 4 tasks of at most 1024 columns: nc = 1024.
// With AVX512-VNNI only, the FMA decode kernel (the same blocking, kc = K).
// BF16-LABEL: func.func @decode_dot_bf16
// BF16: kind = avx512_bf16, cache = [1, 1024, 4096], registers = [1, 128]
// VNNI-LABEL: func.func @decode_dot_bf16
// VNNI: kind = avx512_fma, cache = [1, 1024, 4096], registers = [1, 128]
func.func @decode_dot_bf16(%a: tensor<1x4096xbf16>, %b: tensor<4096x4096xbf16>, %c: tensor<1x4096xf32>) -> tensor<1x4096xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<1x4096xbf16>, tensor<4096x4096xbf16>) outs(%c : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  return %0 : tensor<1x4096xf32>
}

// -----

// Decode with u8 x s8 quads: nr = roundUp(N = 40, 16) = 48 (3 zmm accumulators, below the 128 cap) = nc;
// kc = K' = roundUp(100, 64) = 128, the whole padded K.
// BF16-LABEL: func.func @decode_dot_u8s8
// BF16: kind = avx512_vnni, cache = [1, 48, 128], registers = [1, 48]
// VNNI-LABEL: func.func @decode_dot_u8s8
// VNNI: kind = avx512_vnni, cache = [1, 48, 128], registers = [1, 48]
// avx2_int8 decode: nr = roundUp(40, 16) = 48 (6 ymm accumulators, the cap), kc = K' = roundUp(100, 32) = 128.
// AVX-LABEL: func.func @decode_dot_u8s8
// AVX: kind = avx2_int8, cache = [1, 48, 128], registers = [1, 48]
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @decode_dot_u8s8(%a: tensor<1x100xi8>, %b: tensor<100x40xi8>, %c: tensor<1x40xi32>) -> tensor<1x40xi32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<1x100xi8>, tensor<100x40xi8>) outs(%c : tensor<1x40xi32>) {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<1x40xi32>
  return %0 : tensor<1x40xi32>
}

// -----

// A convolution as a contraction: the weights A[M = Cout, K] are shared by every image, the patches B[b, K, N]
// and C[b, M, N] are batched (a 3x3 conv of 64 channels on 4 images of 56x56: M = 64, K = 576, N = 3136).
// The dim only B and C have is the batch (not a second N dim), so this gets a config like a batch_matmul.
// f32: 6x64, kc = 576 / 5 -> 120, mc = roundUp(64, 6) = 66; N' = 3136 is 49 panels of 64, in
// ceil(3136 / 512) = 7 blocks: nc = 7 panels = 448.
// AVX-LABEL: func.func @conv_shared_a_f32
// AVX: linalg.generic
// AVX-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [66, 448, 120], registers = [6, 64]>}
// BF16-LABEL: func.func @conv_shared_a_f32
// BF16: linalg.generic
// BF16-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [66, 448, 120], registers = [6, 64]>}
#ma = affine_map<(b, m, n, k) -> (m, k)>
#mb = affine_map<(b, m, n, k) -> (b, k, n)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @conv_shared_a_f32(%a: tensor<64x576xf32>, %b: tensor<4x576x3136xf32>, %c: tensor<4x64x3136xf32>) -> tensor<4x64x3136xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<64x576xf32>, tensor<4x576x3136xf32>) outs(%c : tensor<4x64x3136xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x64x3136xf32>
  return %0 : tensor<4x64x3136xf32>
}

// -----

// The same convolution in bf16. avx512_bf16: kc = K' = 576 (18 bf16 pairs of 32), mc = 64, nc = 800 as for
// f32. Without the bf16 dot product: the FMA kernel, as for f32. With AMX, 32x32 tiles, kc = K' = 576, mc = 64.
// BF16-LABEL: func.func @conv_shared_a_bf16
// BF16: linalg.generic
// BF16-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_bf16, cache = [64, 800, 576], registers = [8, 32]>}
// AVX-LABEL: func.func @conv_shared_a_bf16
// AVX: linalg.generic
// AVX-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = avx512_fma, cache = [66, 448, 120], registers = [6, 64]>}
// AMX-LABEL: func.func @conv_shared_a_bf16
// AMX: linalg.generic
// AMX-SAME: attrs = {inductor.lowering_config = #inductor.lowering_config<kind = amx_bf16, cache = [64, 800, 576], registers = [32, 32]>}
#ma = affine_map<(b, m, n, k) -> (m, k)>
#mb = affine_map<(b, m, n, k) -> (b, k, n)>
#mc = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @conv_shared_a_bf16(%a: tensor<64x576xbf16>, %b: tensor<4x576x3136xbf16>, %c: tensor<4x64x3136xf32>) -> tensor<4x64x3136xf32> {
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<64x576xbf16>, tensor<4x576x3136xbf16>) outs(%c : tensor<4x64x3136xf32>) {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x64x3136xf32>
  return %0 : tensor<4x64x3136xf32>
}

// -----

// f32 K blocks of equal depth: the 64x3136x576 GEMM of a 3x3 convolution on 64 channels takes 3 blocks of
// 192 on ymm (not 256 + 256 + 64) and 5 of 120 on zmm (at most 128; rounded to 8); K = 768 stays 3 x 256.
// AVX2-LABEL: func.func @balanced_k_blocks
// AVX2: kind = avx2_fma, cache = [66, {{[0-9]+}}, 192], registers = [6, 16]
// AVX2: kind = avx2_fma, cache = [66, {{[0-9]+}}, 256], registers = [6, 16]
// AVX-LABEL: func.func @balanced_k_blocks
// AVX: kind = avx512_fma, cache = [66, {{[0-9]+}}, 120], registers = [6, 64]
func.func @balanced_k_blocks(%w: tensor<64x576xf32>, %p: tensor<576x3136xf32>, %c: tensor<64x3136xf32>,
                             %w2: tensor<64x768xf32>, %p2: tensor<768x3136xf32>) -> (tensor<64x3136xf32>, tensor<64x3136xf32>) {
  %0 = linalg.matmul ins(%w, %p : tensor<64x576xf32>, tensor<576x3136xf32>) outs(%c : tensor<64x3136xf32>) -> tensor<64x3136xf32>
  %1 = linalg.matmul ins(%w2, %p2 : tensor<64x768xf32>, tensor<768x3136xf32>) outs(%c : tensor<64x3136xf32>) -> tensor<64x3136xf32>
  return %0, %1 : tensor<64x3136xf32>, tensor<64x3136xf32>
}
