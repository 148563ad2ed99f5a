// The whole pipeline with the strategy, packing and microkernel passes: the contraction reaches LLVM as
// AMX or AVX-512 code, its task loop as an OpenMP parallel loop unless one thread is asked for.
// RUN: inductor-opt %s -split-input-file --inductor-lower-to-llvm="isa=amx num-threads=2" | FileCheck %s --check-prefix=AMX2
// RUN: inductor-opt %s -split-input-file --inductor-lower-to-llvm="isa=amx num-threads=1" | FileCheck %s --check-prefix=AMX1
// RUN: inductor-opt %s -split-input-file --inductor-lower-to-llvm="isa=amx num-threads=2 microkernels=false" | FileCheck %s --check-prefix=LOOPS
// RUN: inductor-opt %s -split-input-file --inductor-lower-to-llvm="isa=avx512 num-threads=1" | FileCheck %s --check-prefix=AVX

// bf16 matmul: AMX tile loads, bf16 dot products and tile stores. With two threads the task loop is an
// omp.parallel with two threads around a worksharing loop.
// AMX2-LABEL: llvm.func @mm_bf16
// AMX2: %[[NT:.*]] = llvm.mlir.constant(2 : i32) : i32
// AMX2: omp.parallel num_threads(%[[NT]] : i32)
// AMX2-NEXT: omp.wsloop
// AMX2-NEXT: omp.loop_nest
// AMX2: llvm.call_intrinsic "llvm.x86.tileloadd64.internal"
// AMX2: llvm.call_intrinsic "llvm.x86.tdpbf16ps.internal"({{.*}}) : (i16, i16, i16, !llvm.x86_amx, !llvm.x86_amx, !llvm.x86_amx) -> !llvm.x86_amx
// AMX2: llvm.call_intrinsic "llvm.x86.tilestored64.internal"
// AMX2-NOT: amx.tile
// AMX2: llvm.return
// One thread: the same AMX code, no OpenMP.
// AMX1-LABEL: llvm.func @mm_bf16
// AMX1-NOT: omp.
// AMX1: llvm.call_intrinsic "llvm.x86.tdpbf16ps.internal"
// AMX1-NOT: omp.
// AMX1: llvm.return
// microkernels=false: plain loops, no AMX tiles (split over the rows of C on threads, as reductions are;
// the bf16 result is still rounded by vcvtne2ps2bf16).
// LOOPS-LABEL: llvm.func @mm_bf16
// LOOPS-NOT: llvm.x86.t
// LOOPS: llvm.return
// No AMX in the target: no bf16 microkernel.
// AVX-LABEL: llvm.func @mm_bf16
// AVX-NOT: llvm.x86
// AVX: llvm.return
func.func @mm_bf16(%a: tensor<64x128xbf16>, %b: tensor<128x64xbf16>) -> tensor<64x64xbf16> {
  %0 = aten.mm %a, %b : (tensor<64x128xbf16>, tensor<128x64xbf16>) -> tensor<64x64xbf16>
  return %0 : tensor<64x64xbf16>
}

// -----

// f32 matmul: the AVX-512 kernel's FMAs on 16 x f32 reach LLVM as vector fmuladd, on AMX machines as well.
// AMX2-LABEL: llvm.func @mm_f32
// AMX2: omp.parallel
// AMX2: llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// AMX2-NOT: llvm.x86
// AMX2: llvm.return
// AMX1-LABEL: llvm.func @mm_f32
// AMX1-NOT: omp.
// AMX1: llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// AMX1-NOT: omp.
// AMX1: llvm.return
// AVX-LABEL: llvm.func @mm_f32
// AVX-NOT: omp.
// AVX: llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// AVX-NOT: llvm.x86
// AVX: llvm.return
// LOOPS-LABEL: llvm.func @mm_f32
// LOOPS-NOT: llvm.intr.fmuladd
// LOOPS-NOT: vector<16xf32>
// LOOPS: llvm.return
func.func @mm_f32(%a: tensor<64x128xf32>, %b: tensor<128x64xf32>) -> tensor<64x64xf32> {
  %0 = aten.mm %a, %b : (tensor<64x128xf32>, tensor<128x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// u8 x s8 -> i32 (written as linalg: no aten op has this signature): AMX tdpbusd (unsigned A, signed B).
// AMX1-LABEL: llvm.func @mm_u8s8
// AMX1: llvm.call_intrinsic "llvm.x86.tdpbusd.internal"
// AMX1-NOT: llvm.x86.tdpbssd
// AMX1: llvm.return
// AMX2-LABEL: llvm.func @mm_u8s8
// AMX2: omp.parallel
// AMX2: llvm.call_intrinsic "llvm.x86.tdpbusd.internal"
// AMX2: llvm.return
// Without VNNI or AMX, AVX2 pair products (avx2_int8): vpmaddwd on operands widened to i16, no AMX.
// AVX-LABEL: llvm.func @mm_u8s8
// AVX-NOT: llvm.x86.tdp
// AVX: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// AVX-NOT: llvm.x86.tdp
// AVX: llvm.return
// LOOPS-LABEL: llvm.func @mm_u8s8
// LOOPS-NOT: llvm.x86.t
// LOOPS: llvm.return
#ma = affine_map<(m, n, k) -> (m, k)>
#mb = affine_map<(m, n, k) -> (k, n)>
#mc = affine_map<(m, n, k) -> (m, n)>
func.func @mm_u8s8(%a: tensor<32x64xi8>, %b: tensor<64x32xi8>) -> tensor<32x32xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<32x32xi32>
  %c = linalg.fill ins(%z : i32) outs(%e : tensor<32x32xi32>) -> tensor<32x32xi32>
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<32x64xi8>, tensor<64x32xi8>) outs(%c : tensor<32x32xi32>) {
  ^bb0(%x: i8, %y: i8, %o: i32):
    %xe = arith.extui %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<32x32xi32>
  return %0 : tensor<32x32xi32>
}

// -----

// An empty product (M = 0) gets no microkernel and compiles.
// AMX2-LABEL: llvm.func @mm_empty
// AMX2-NOT: llvm.x86
// AMX2: llvm.return
// AMX1-LABEL: llvm.func @mm_empty
// AVX-LABEL: llvm.func @mm_empty
// LOOPS-LABEL: llvm.func @mm_empty
func.func @mm_empty(%a: tensor<0x64xf32>, %b: tensor<64x32xf32>) -> tensor<0x32xf32> {
  %0 = aten.mm %a, %b : (tensor<0x64xf32>, tensor<64x32xf32>) -> tensor<0x32xf32>
  return %0 : tensor<0x32xf32>
}
