// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-lower-strided-copies))' | FileCheck %s

// A copy into a strided view (what tensor.pad and insert_slice bufferize to) becomes linalg.copy.
// CHECK-LABEL: func.func @into_subview
// CHECK: %[[VIEW:.*]] = memref.subview
// CHECK: linalg.copy ins(%{{.*}} : memref<4x6xf32>) outs(%[[VIEW]] : memref<4x6xf32, strided<[8, 1], offset: 9>>)
// CHECK-NOT: memref.copy
func.func @into_subview(%src: memref<4x6xf32>, %dst: memref<6x8xf32>) {
  %v = memref.subview %dst[1, 1] [4, 6] [1, 1] : memref<6x8xf32> to memref<4x6xf32, strided<[8, 1], offset: 9>>
  memref.copy %src, %v : memref<4x6xf32> to memref<4x6xf32, strided<[8, 1], offset: 9>>
  return
}

// -----

// A strided source, dynamic sizes.
// CHECK-LABEL: func.func @from_strided
// CHECK: linalg.copy
// CHECK-NOT: memref.copy
func.func @from_strided(%src: memref<?x?xf32, strided<[?, 1], offset: ?>>, %dst: memref<?x?xf32>) {
  memref.copy %src, %dst : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32>
  return
}

// -----

// Contiguous copies stay memref.copy (they become memcpy).
// CHECK-LABEL: func.func @contiguous
// CHECK: memref.copy
// CHECK-NOT: linalg.copy
func.func @contiguous(%src: memref<4x6xf32>, %dst: memref<4x6xf32>) {
  memref.copy %src, %dst : memref<4x6xf32> to memref<4x6xf32>
  return
}

// -----

// Rank 0 stays as it is.
// CHECK-LABEL: func.func @scalar
// CHECK: memref.copy
func.func @scalar(%src: memref<f32, strided<[], offset: ?>>, %dst: memref<f32>) {
  memref.copy %src, %dst : memref<f32, strided<[], offset: ?>> to memref<f32>
  return
}
