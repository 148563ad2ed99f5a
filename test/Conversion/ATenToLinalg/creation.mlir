// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @full
// CHECK: %[[C:.*]] = arith.constant 2.500000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: linalg.fill ins(%[[C]] : f32) outs(%[[E]] : tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @full() -> tensor<2x3xf32> {
  %0 = aten.full {size = array<i64: 2, 3>, fill_value = 2.5 : f64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Fill values convert as PyTorch's fill does: float -> int truncates, anything -> bool is != 0.
// CHECK-LABEL: func.func @full_conversions
// CHECK: %[[I:.*]] = arith.constant -2 : i32
// CHECK: linalg.fill ins(%[[I]] : i32) outs(%{{.*}} : tensor<4xi32>)
// CHECK: %[[B:.*]] = arith.constant true
// CHECK: linalg.fill ins(%[[B]] : i1) outs(%{{.*}} : tensor<4xi1>)
// CHECK: %[[H:.*]] = arith.constant 3.000000e+00 : bf16
// CHECK: linalg.fill ins(%[[H]] : bf16) outs(%{{.*}} : tensor<2xbf16>)
func.func @full_conversions() -> (tensor<4xi32>, tensor<4xi1>, tensor<2xbf16>) {
  %0 = aten.full {size = array<i64: 4>, fill_value = -2.7 : f64, dtype = i32} : tensor<4xi32>
  %1 = aten.full {size = array<i64: 4>, fill_value = 2 : i64, dtype = i1} : tensor<4xi1>
  %2 = aten.full {size = array<i64: 2>, fill_value = 3 : i64, dtype = bf16} : tensor<2xbf16>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi1>, tensor<2xbf16>
}

// -----

// A result type less static than the sizes takes the sizes from the attribute.
// CHECK-LABEL: func.func @zeros
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty(%c5) : tensor<3x?xf32>
// CHECK: linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<3x?xf32>)
func.func @zeros() -> tensor<3x?xf32> {
  %0 = aten.zeros {size = array<i64: 3, 5>} : tensor<3x?xf32>
  return %0 : tensor<3x?xf32>
}

// -----

// CHECK-LABEL: func.func @ones
// CHECK: %[[O:.*]] = arith.constant 1 : i8
// CHECK: %[[E:.*]] = tensor.empty() : tensor<i8>
// CHECK: linalg.fill ins(%[[O]] : i8) outs(%[[E]] : tensor<i8>)
func.func @ones() -> tensor<i8> {
  %0 = aten.ones {size = array<i64>, dtype = i8} : tensor<i8>
  return %0 : tensor<i8>
}

// -----

// Integer arange: start + step * i in i64, truncated to the result type.
// CHECK-LABEL: func.func @arange_int
// CHECK: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel"]} outs(%{{.*}} : tensor<4xi8>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[START:.*]] = arith.constant 10 : i64
// CHECK: %[[STEP:.*]] = arith.constant -3 : i64
// CHECK: %[[MUL:.*]] = arith.muli %[[STEP]], %[[I64]] : i64
// CHECK: %[[ADD:.*]] = arith.addi %[[START]], %[[MUL]] : i64
// CHECK: %[[R:.*]] = arith.trunci %[[ADD]] : i64 to i8
// CHECK: linalg.yield %[[R]] : i8
func.func @arange_int() -> tensor<4xi8> {
  %0 = aten.arange.start_step {start = 10 : i64, end = 0 : i64, step = -3 : i64, dtype = i8} : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// f32 arange accumulates in f64 (PyTorch's CPU accumulation type), bf16 in f32.
// CHECK-LABEL: func.func @arange_float
// CHECK: %[[E:.*]] = tensor.empty(%c8) : tensor<?xf32>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?xf32>)
// CHECK: arith.sitofp %{{.*}} : i64 to f64
// CHECK: arith.constant 0.69999999999999996 : f64
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3xbf16>)
// CHECK: arith.sitofp %{{.*}} : i64 to f32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @arange_float() -> (tensor<?xf32>, tensor<3xbf16>) {
  %0 = aten.arange.start_step {start = 0 : i64, end = 5 : i64, step = 0.7 : f64} : tensor<?xf32>
  %1 = aten.arange.start_step {start = 0.1 : f64, end = 1.0 : f64, step = 0.3 : f64, dtype = bf16} : tensor<3xbf16>
  return %0, %1 : tensor<?xf32>, tensor<3xbf16>
}

// -----

// CHECK-LABEL: func.func @arange_end
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<5xi64>)
// CHECK: linalg.index 0
// CHECK-NOT: arith.trunci
// CHECK: linalg.yield
func.func @arange_end() -> tensor<5xi64> {
  %0 = aten.arange {end = 5 : i64} : tensor<5xi64>
  return %0 : tensor<5xi64>
}
