// RUN: inductor-opt %s -split-input-file -inductor-unshare-fills | FileCheck %s

// One zero fill of one tensor.empty (as CSE leaves two same-shaped convolution outputs) feeds two
// contractions: the second gets its own empty tensor (through the reshape) and fill, the first keeps the
// original.
// CHECK-LABEL: func.func @shared_by_two
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x2x2xf32>
// CHECK: %[[V:.*]] = tensor.collapse_shape %[[E]]
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[V]] : tensor<1x4x4xf32>)
// CHECK: %[[R1:.*]] = linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<1x4x3xf32>, tensor<1x3x4xf32>) outs(%[[F]] : tensor<1x4x4xf32>)
// CHECK: %[[E2:.*]] = tensor.empty() : tensor<1x4x2x2xf32>
// CHECK: %[[V2:.*]] = tensor.collapse_shape %[[E2]]
// CHECK: %[[F2:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[V2]] : tensor<1x4x4xf32>)
// CHECK: linalg.batch_matmul ins(%[[R1]], %{{.*}} : tensor<1x4x4xf32>, tensor<1x4x4xf32>) outs(%[[F2]] : tensor<1x4x4xf32>)
func.func @shared_by_two(%a: tensor<1x4x3xf32>, %b: tensor<1x3x4xf32>, %c: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x2x2xf32>
  %v = tensor.collapse_shape %e [[0], [1], [2, 3]] : tensor<1x4x2x2xf32> into tensor<1x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%v : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  %0 = linalg.batch_matmul ins(%a, %b : tensor<1x4x3xf32>, tensor<1x3x4xf32>) outs(%f : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  %1 = linalg.batch_matmul ins(%0, %c : tensor<1x4x4xf32>, tensor<1x4x4xf32>) outs(%f : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %1 : tensor<1x4x4xf32>
}

// -----

// Must not change: a fill with one use, and a shared fill of a tensor with contents (clones would share
// that destination all the same).
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-2: linalg.fill
// CHECK-NOT: linalg.fill
// CHECK-NOT: tensor.empty
func.func @left_alone(%a: tensor<4x4xf32>, %dest: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %single = linalg.fill ins(%zero : f32) outs(%dest : tensor<4x4xf32>) -> tensor<4x4xf32>
  %shared = linalg.fill ins(%zero : f32) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  %0 = linalg.matmul ins(%a, %a : tensor<4x4xf32>, tensor<4x4xf32>) outs(%shared : tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = linalg.matmul ins(%a, %0 : tensor<4x4xf32>, tensor<4x4xf32>) outs(%shared : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %single, %0, %1 : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>
}
