// RUN: inductor-opt %s -inductor-lower-to-llvm -split-input-file | FileCheck %s
// RUN: inductor-opt %s -inductor-aten-to-linalg -split-input-file | FileCheck %s --check-prefix=STAGE1
// RUN: inductor-opt %s -inductor-aten-to-linalg="fuse-elementwise=false" -split-input-file | FileCheck %s --check-prefix=NOFUSE

// The whole pipeline leaves only the LLVM dialect.
// CHECK-LABEL: llvm.func @mlp
// CHECK-NOT: aten.
// CHECK-NOT: linalg.
// CHECK-NOT: memref.alloc
// STAGE1-LABEL: func.func @mlp
// STAGE1-NOT: aten.
// Elementwise fusion puts bias + relu into one generic after the contraction.
// STAGE1-COUNT-2: linalg.generic
// STAGE1-NOT: linalg.generic
// NOFUSE-LABEL: func.func @mlp
// NOFUSE-COUNT-3: linalg.generic
func.func @mlp(%x: tensor<?x64xf32>, %w: tensor<32x64xf32>, %b: tensor<32xf32>) -> tensor<?x32xf32> {
  %0 = aten.linear %x, %w bias(%b) : (tensor<?x64xf32>, tensor<32x64xf32>, tensor<32xf32>) -> tensor<?x32xf32>
  %1 = aten.relu %0 : (tensor<?x32xf32>) -> tensor<?x32xf32>
  return %1 : tensor<?x32xf32>
}

// -----

// Dynamic shapes: sizes come from the arguments at run time.
// CHECK-LABEL: llvm.func @softmax_rows
// STAGE1-LABEL: func.func @softmax_rows
// NOFUSE-LABEL: func.func @softmax_rows
// CHECK: llvm.call @_mlir_memref_to_llvm_alloc
func.func @softmax_rows(%x: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %0 = aten.softmax.int %x {dim = 1 : i64} : (tensor<?x?xbf16>) -> tensor<?x?xbf16>
  return %0 : tensor<?x?xbf16>
}
