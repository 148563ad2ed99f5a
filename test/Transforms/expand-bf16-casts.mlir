// RUN: inductor-opt %s -split-input-file -inductor-expand-bf16-casts=isa=avx512 | FileCheck %s
// RUN: inductor-opt %s -split-input-file -inductor-expand-bf16-casts=isa=avx512-bf16 | FileCheck %s --check-prefix=NATIVE
// RUN: not inductor-opt %s -split-input-file -inductor-expand-bf16-casts=isa=sse 2>&1 | FileCheck %s --check-prefix=ERR

// f32 -> bf16 becomes integer round-to-nearest-even (a bias of 0x7FFF plus the lowest kept bit, then a
// shift) with NaNs replaced by the quiet NaN on the f32 input (a select of bf16 vectors is scalarized on AVX2),
// bf16 -> f32 a shift; other casts and min/max stay as they are (LLVM vectorizes maximumf
// reductions, not their compare-and-select expansion).
// CHECK-LABEL: func.func @casts
// CHECK-NOT: arith.truncf %{{.*}} : vector<8xf32> to vector<8xbf16>
// CHECK-DAG: %[[NAN_BITS:.*]] = arith.constant dense<2143289344> : vector<8xi32>
// CHECK: %[[UNORDERED:.*]] = arith.cmpf uno, %[[V:.*]], %[[V]] : vector<8xf32>
// CHECK: %[[NAN:.*]] = arith.bitcast %[[NAN_BITS]] : vector<8xi32> to vector<8xf32>
// CHECK: %[[INPUT:.*]] = arith.select %[[UNORDERED]], %[[NAN]], %[[V]] : vector<8xi1>, vector<8xf32>
// CHECK: arith.bitcast %[[INPUT]] : vector<8xf32> to vector<8xi32>
// CHECK: arith.shrui
// CHECK: arith.trunci %{{.*}} : vector<8xi32> to vector<8xi16>
// CHECK: arith.bitcast %{{.*}} : vector<8xi16> to vector<8xbf16>
// CHECK: arith.bitcast %{{.*}} : bf16 to i16
// CHECK: arith.extui %{{.*}} : i16 to i32
// CHECK: arith.shli
// CHECK: arith.bitcast %{{.*}} : i32 to f32
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
func.func @casts(%v: vector<8xf32>, %h: bf16, %d: f64, %x: f32) -> (vector<8xbf16>, f32, f32, f32) {
  %0 = arith.truncf %v : vector<8xf32> to vector<8xbf16>
  %1 = arith.extf %h : bf16 to f32
  %2 = arith.truncf %d : f64 to f32
  %3 = arith.maximumf %x, %1 : f32
  return %0, %1, %2, %3 : vector<8xbf16>, f32, f32, f32
}

// With AVX512-BF16, vector truncations are the native conversion unless a lane is denormal: 16 lanes by
// vfpclassps (class 0x20, denormal) and llvm.fptrunc (vcvtneps2bf16), 32 by one vcvtne2ps2bf16 (upper half
// first), other widths checked on the bits; the exact integer rounding on the other branch. A truncation in
// a single-block region (scf.for) and a scalar one keep the integer rounding.
// NATIVE-LABEL: func.func @native
// NATIVE-SAME: (%[[A:.*]]: vector<16xf32>, %[[B:.*]]: vector<32xf32>, %[[C:.*]]: vector<8xf32>
// NATIVE:      %[[CLASS:.*]] = llvm.mlir.constant(32 : i32) : i32
// NATIVE:      %[[MA:.*]] = llvm.call_intrinsic "llvm.x86.avx512.fpclass.ps.512"(%[[A]], %[[CLASS]]) : (vector<16xf32>, i32) -> vector<16xi1>
// NATIVE:      %[[ANY:.*]] = vector.reduction <or>, %[[MA]] : vector<16xi1> into i1
// NATIVE:      cf.cond_br %[[ANY]], ^[[EXACT:.*]], ^[[FAST:[^ ]*]]
// NATIVE:      ^[[FAST]]:
// NATIVE:      %[[R:.*]] = llvm.fptrunc %[[A]] : vector<16xf32> to vector<16xbf16>
// NATIVE:      cf.br ^[[JOIN:.*]](%[[R]] : vector<16xbf16>)
// NATIVE:      ^[[EXACT]]:
// NATIVE:      arith.shrui
// NATIVE:      cf.br ^[[JOIN]]
// NATIVE:      ^[[JOIN]](%[[RA:.*]]: vector<16xbf16>):
// NATIVE:      %[[LO:.*]] = vector.extract_strided_slice %[[B]] {offsets = [0], sizes = [16], strides = [1]}
// NATIVE:      llvm.call_intrinsic "llvm.x86.avx512.fpclass.ps.512"(%[[LO]]
// NATIVE:      %[[HI:.*]] = vector.extract_strided_slice %[[B]] {offsets = [16], sizes = [16], strides = [1]}
// NATIVE:      llvm.call_intrinsic "llvm.x86.avx512.fpclass.ps.512"(%[[HI]]
// NATIVE:      arith.ori
// NATIVE:      cf.cond_br
// NATIVE:      llvm.call_intrinsic "llvm.x86.avx512bf16.cvtne2ps2bf16.512"(%[[HI2:.*]], %[[LO2:.*]]) : (vector<16xf32>, vector<16xf32>) -> vector<32xbf16>
// NATIVE:      arith.cmpi ult, %{{.*}} : vector<8xi32>
// NATIVE:      vector.reduction <or>, %{{.*}} : vector<8xi1> into i1
// NATIVE:      llvm.fptrunc %[[C]] : vector<8xf32> to vector<8xbf16>
// NATIVE:      scf.for
// NATIVE-NOT:  llvm.fptrunc
// NATIVE:      arith.trunci %{{.*}} : vector<16xi32> to vector<16xi16>
// NATIVE:      scf.yield
// NATIVE-NOT:  llvm.fptrunc
// NATIVE:      arith.trunci %{{.*}} : i32 to i16
// NATIVE:      return
// Without AVX512-BF16: the integer rounding only.
// CHECK-LABEL: func.func @native
// CHECK-NOT:   llvm.
// CHECK-NOT:   cf.{{(cond_)?}}br
// CHECK:       return
// The isa names are read by TargetISA (lib/Transforms/TargetISA.cpp), as for inductor-select-lowering-config.
// ERR: error: inductor-expand-bf16-casts: unknown isa 'sse' (expected host, amx, avx512-bf16, avx512-vnni, avx512, avx2 or generic)
func.func @native(%a: vector<16xf32>, %b: vector<32xf32>, %c: vector<8xf32>, %n: index, %s: f32)
    -> (vector<16xbf16>, vector<32xbf16>, vector<8xbf16>, vector<16xbf16>, bf16) {
  %0 = arith.truncf %a : vector<16xf32> to vector<16xbf16>
  %1 = arith.truncf %b : vector<32xf32> to vector<32xbf16>
  %2 = arith.truncf %c : vector<8xf32> to vector<8xbf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = arith.constant dense<0.0> : vector<16xbf16>
  %3 = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (vector<16xbf16>) {
    %t = arith.truncf %a : vector<16xf32> to vector<16xbf16>
    scf.yield %t : vector<16xbf16>
  }
  %4 = arith.truncf %s : f32 to bf16
  return %0, %1, %2, %3, %4 : vector<16xbf16>, vector<32xbf16>, vector<8xbf16>, vector<16xbf16>, bf16
}
