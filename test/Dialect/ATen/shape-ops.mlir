// RUN: inductor-opt %s | inductor-opt | FileCheck %s

// CHECK-LABEL: func.func @view
// CHECK: aten.view %{{.*}} {size = array<i64: 3, -1>} : (tensor<12xf32>) -> tensor<3x4xf32>
// CHECK: aten.view %{{.*}} {size = array<i64: -1, 4>} : (tensor<?x2x2xf32>) -> tensor<?x4xf32>
// CHECK: aten.view %{{.*}} {size = array<i64: -1>} : (tensor<f32>) -> tensor<1xf32>
func.func @view(%a: tensor<12xf32>, %b: tensor<?x2x2xf32>, %c: tensor<f32>) -> (tensor<3x4xf32>, tensor<?x4xf32>, tensor<1xf32>) {
  %0 = aten.view %a {size = array<i64: 3, -1>} : (tensor<12xf32>) -> tensor<3x4xf32>
  %1 = aten.view %b {size = array<i64: -1, 4>} : (tensor<?x2x2xf32>) -> tensor<?x4xf32>
  %2 = aten.view %c {size = array<i64: -1>} : (tensor<f32>) -> tensor<1xf32>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<?x4xf32>, tensor<1xf32>
}

// CHECK-LABEL: func.func @reshape
// CHECK: aten.reshape %{{.*}} {shape = array<i64: 2, -1, 3>} : (tensor<4x3xbf16>) -> tensor<2x2x3xbf16>
// CHECK: aten.reshape %{{.*}} {shape = array<i64: 6>} : (tensor<?x3xi64>) -> tensor<6xi64>
func.func @reshape(%a: tensor<4x3xbf16>, %b: tensor<?x3xi64>) -> (tensor<2x2x3xbf16>, tensor<6xi64>) {
  %0 = aten.reshape %a {shape = array<i64: 2, -1, 3>} : (tensor<4x3xbf16>) -> tensor<2x2x3xbf16>
  %1 = aten.reshape %b {shape = array<i64: 6>} : (tensor<?x3xi64>) -> tensor<6xi64>
  return %0, %1 : tensor<2x2x3xbf16>, tensor<6xi64>
}

// CHECK-LABEL: func.func @permute
// CHECK: aten.permute %{{.*}} {dims = array<i64: 2, 0, -2>} : (tensor<2x3x?xf32>) -> tensor<?x2x3xf32>
func.func @permute(%a: tensor<2x3x?xf32>) -> tensor<?x2x3xf32> {
  %0 = aten.permute %a {dims = array<i64: 2, 0, -2>} : (tensor<2x3x?xf32>) -> tensor<?x2x3xf32>
  return %0 : tensor<?x2x3xf32>
}

// CHECK-LABEL: func.func @transpose
// CHECK: aten.transpose.int %{{.*}} {dim0 = -1 : i64, dim1 = 0 : i64} : (tensor<2x3x5xi1>) -> tensor<5x3x2xi1>
// CHECK: aten.t %{{.*}} : (tensor<2x?xf16>) -> tensor<?x2xf16>
// CHECK: aten.t %{{.*}} : (tensor<7xf32>) -> tensor<7xf32>
func.func @transpose(%a: tensor<2x3x5xi1>, %b: tensor<2x?xf16>, %c: tensor<7xf32>) -> (tensor<5x3x2xi1>, tensor<?x2xf16>, tensor<7xf32>) {
  %0 = aten.transpose.int %a {dim0 = -1 : i64, dim1 = 0 : i64} : (tensor<2x3x5xi1>) -> tensor<5x3x2xi1>
  %1 = aten.t %b : (tensor<2x?xf16>) -> tensor<?x2xf16>
  %2 = aten.t %c : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1, %2 : tensor<5x3x2xi1>, tensor<?x2xf16>, tensor<7xf32>
}

// CHECK-LABEL: func.func @expand
// CHECK: aten.expand %{{.*}} {size = array<i64: 4, -1, 5>} : (tensor<3x1xf32>) -> tensor<4x3x5xf32>
// CHECK: aten.expand %{{.*}} {size = array<i64: -1, 6>} : (tensor<?x1xi32>) -> tensor<?x6xi32>
func.func @expand(%a: tensor<3x1xf32>, %b: tensor<?x1xi32>) -> (tensor<4x3x5xf32>, tensor<?x6xi32>) {
  %0 = aten.expand %a {size = array<i64: 4, -1, 5>} : (tensor<3x1xf32>) -> tensor<4x3x5xf32>
  %1 = aten.expand %b {size = array<i64: -1, 6>} : (tensor<?x1xi32>) -> tensor<?x6xi32>
  return %0, %1 : tensor<4x3x5xf32>, tensor<?x6xi32>
}

// CHECK-LABEL: func.func @unsqueeze_squeeze
// CHECK: aten.unsqueeze %{{.*}} {dim = -1 : i64} : (tensor<2x?xf32>) -> tensor<2x?x1xf32>
// CHECK: aten.squeeze.dim %{{.*}} {dim = 0 : i64} : (tensor<1x?xf32>) -> tensor<?xf32>
// CHECK: aten.squeeze.dim %{{.*}} {dim = 1 : i64} : (tensor<1x?xf32>) -> tensor<1x?xf32>
// CHECK: aten.squeeze.dim %{{.*}} {dim = 1 : i64} : (tensor<1x?xf32>) -> tensor<1xf32>
func.func @unsqueeze_squeeze(%a: tensor<2x?xf32>, %b: tensor<1x?xf32>) -> (tensor<2x?x1xf32>, tensor<?xf32>, tensor<1x?xf32>, tensor<1xf32>) {
  %0 = aten.unsqueeze %a {dim = -1 : i64} : (tensor<2x?xf32>) -> tensor<2x?x1xf32>
  %1 = aten.squeeze.dim %b {dim = 0 : i64} : (tensor<1x?xf32>) -> tensor<?xf32>
  %2 = aten.squeeze.dim %b {dim = 1 : i64} : (tensor<1x?xf32>) -> tensor<1x?xf32>
  %3 = aten.squeeze.dim %b {dim = 1 : i64} : (tensor<1x?xf32>) -> tensor<1xf32>
  return %0, %1, %2, %3 : tensor<2x?x1xf32>, tensor<?xf32>, tensor<1x?xf32>, tensor<1xf32>
}

// CHECK-LABEL: func.func @flatten
// CHECK: aten.flatten.using_ints %{{.*}} {end_dim = -2 : i64, start_dim = 1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x12x5xf32>
// CHECK: aten.flatten.using_ints %{{.*}} : (tensor<2x?xf32>) -> tensor<?xf32>
// CHECK: aten.flatten.using_ints %{{.*}} : (tensor<i64>) -> tensor<1xi64>
func.func @flatten(%a: tensor<2x3x4x5xf32>, %b: tensor<2x?xf32>, %c: tensor<i64>) -> (tensor<2x12x5xf32>, tensor<?xf32>, tensor<1xi64>) {
  %0 = aten.flatten.using_ints %a {start_dim = 1 : i64, end_dim = -2 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x12x5xf32>
  %1 = aten.flatten.using_ints %b : (tensor<2x?xf32>) -> tensor<?xf32>
  %2 = aten.flatten.using_ints %c : (tensor<i64>) -> tensor<1xi64>
  return %0, %1, %2 : tensor<2x12x5xf32>, tensor<?xf32>, tensor<1xi64>
}

// CHECK-LABEL: func.func @slice
// CHECK: aten.slice.Tensor %{{.*}} {dim = 1 : i64, end = -1 : i64, start = 1 : i64, step = 2 : i64} : (tensor<3x10xf32>) -> tensor<3x4xf32>
// CHECK: aten.slice.Tensor %{{.*}} {end = 100 : i64, start = -100 : i64} : (tensor<5xf32>) -> tensor<5xf32>
// CHECK: aten.slice.Tensor %{{.*}} {dim = -1 : i64, start = 2 : i64} : (tensor<3x?xf32>) -> tensor<3x?xf32>
func.func @slice(%a: tensor<3x10xf32>, %b: tensor<5xf32>, %c: tensor<3x?xf32>) -> (tensor<3x4xf32>, tensor<5xf32>, tensor<3x?xf32>) {
  %0 = aten.slice.Tensor %a {dim = 1 : i64, start = 1 : i64, end = -1 : i64, step = 2 : i64} : (tensor<3x10xf32>) -> tensor<3x4xf32>
  %1 = aten.slice.Tensor %b {start = -100 : i64, end = 100 : i64} : (tensor<5xf32>) -> tensor<5xf32>
  %2 = aten.slice.Tensor %c {dim = -1 : i64, start = 2 : i64} : (tensor<3x?xf32>) -> tensor<3x?xf32>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<5xf32>, tensor<3x?xf32>
}

// CHECK-LABEL: func.func @select
// CHECK: aten.select.int %{{.*}} {dim = 1 : i64, index = -1 : i64} : (tensor<3x4xf32>) -> tensor<3xf32>
// CHECK: aten.select.int %{{.*}} {dim = 0 : i64, index = 7 : i64} : (tensor<?x4xf32>) -> tensor<4xf32>
func.func @select(%a: tensor<3x4xf32>, %b: tensor<?x4xf32>) -> (tensor<3xf32>, tensor<4xf32>) {
  %0 = aten.select.int %a {dim = 1 : i64, index = -1 : i64} : (tensor<3x4xf32>) -> tensor<3xf32>
  %1 = aten.select.int %b {dim = 0 : i64, index = 7 : i64} : (tensor<?x4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<3xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @cat
// CHECK: aten.cat[%{{.*}}, %{{.*}}] {dim = -1 : i64} : (tensor<2x3xi32>, tensor<2x?xf16>) -> tensor<2x?xf16>
// CHECK: aten.cat[%{{.*}}, %{{.*}}, %{{.*}}] : (tensor<0xf64>, tensor<2x3xi32>, tensor<4x3xi32>) -> tensor<6x3xf64>
func.func @cat(%a: tensor<2x3xi32>, %b: tensor<2x?xf16>, %c: tensor<0xf64>, %d: tensor<4x3xi32>) -> (tensor<2x?xf16>, tensor<6x3xf64>) {
  %0 = aten.cat [%a, %b] {dim = -1 : i64} : (tensor<2x3xi32>, tensor<2x?xf16>) -> tensor<2x?xf16>
  %1 = aten.cat [%c, %a, %d] : (tensor<0xf64>, tensor<2x3xi32>, tensor<4x3xi32>) -> tensor<6x3xf64>
  return %0, %1 : tensor<2x?xf16>, tensor<6x3xf64>
}

// CHECK-LABEL: func.func @gather
// CHECK: aten.embedding %{{.*}}, %{{.*}} : (tensor<10x4xbf16>, tensor<2x?xi64>) -> tensor<2x?x4xbf16>
// CHECK: aten.embedding %{{.*}}, %{{.*}} {padding_idx = 0 : i64} : (tensor<10x4xbf16>, tensor<3xi32>) -> tensor<3x4xbf16>
// CHECK: aten.index_select %{{.*}}, %{{.*}} {dim = -1 : i64} : (tensor<3x5xf32>, tensor<?xi64>) -> tensor<3x?xf32>
// CHECK: aten.index_select %{{.*}}, %{{.*}} {dim = 0 : i64} : (tensor<3x5xf32>, tensor<i32>) -> tensor<1x5xf32>
func.func @gather(%w: tensor<10x4xbf16>, %i: tensor<2x?xi64>, %j: tensor<3xi32>, %x: tensor<3x5xf32>, %k: tensor<?xi64>, %l: tensor<i32>) -> (tensor<2x?x4xbf16>, tensor<3x4xbf16>, tensor<3x?xf32>, tensor<1x5xf32>) {
  %0 = aten.embedding %w, %i : (tensor<10x4xbf16>, tensor<2x?xi64>) -> tensor<2x?x4xbf16>
  %1 = aten.embedding %w, %j {padding_idx = 0 : i64} : (tensor<10x4xbf16>, tensor<3xi32>) -> tensor<3x4xbf16>
  %2 = aten.index_select %x, %k {dim = -1 : i64} : (tensor<3x5xf32>, tensor<?xi64>) -> tensor<3x?xf32>
  %3 = aten.index_select %x, %l {dim = 0 : i64} : (tensor<3x5xf32>, tensor<i32>) -> tensor<1x5xf32>
  return %0, %1, %2, %3 : tensor<2x?x4xbf16>, tensor<3x4xbf16>, tensor<3x?xf32>, tensor<1x5xf32>
}

// CHECK-LABEL: func.func @triangle
// CHECK: aten.triu %{{.*}} {diagonal = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK: aten.tril %{{.*}} : (tensor<?x?xi1>) -> tensor<?x?xi1>
func.func @triangle(%a: tensor<2x3x4xf32>, %b: tensor<?x?xi1>) -> (tensor<2x3x4xf32>, tensor<?x?xi1>) {
  %0 = aten.triu %a {diagonal = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %1 = aten.tril %b : (tensor<?x?xi1>) -> tensor<?x?xi1>
  return %0, %1 : tensor<2x3x4xf32>, tensor<?x?xi1>
}

// CHECK-LABEL: func.func @creation
// CHECK: aten.full {fill_value = 2.500000e+00 : f64, size = array<i64: 2, 3>} : tensor<2x3xf32>
// CHECK: aten.full {fill_value = 7 : i64, size = array<i64: 4>} : tensor<4xi64>
// CHECK: aten.full {fill_value = true, size = array<i64: 1>} : tensor<1xi1>
// CHECK: aten.full {dtype = bf16, fill_value = 3 : i64, size = array<i64: 2>} : tensor<2xbf16>
// CHECK: aten.zeros {size = array<i64: 3, 0>} : tensor<3x0xf32>
// CHECK: aten.ones {dtype = i8, size = array<i64>} : tensor<i8>
func.func @creation() -> (tensor<2x3xf32>, tensor<4xi64>, tensor<1xi1>, tensor<2xbf16>, tensor<3x0xf32>, tensor<i8>) {
  %0 = aten.full {size = array<i64: 2, 3>, fill_value = 2.5 : f64} : tensor<2x3xf32>
  %1 = aten.full {size = array<i64: 4>, fill_value = 7 : i64} : tensor<4xi64>
  %2 = aten.full {size = array<i64: 1>, fill_value = true} : tensor<1xi1>
  %3 = aten.full {size = array<i64: 2>, fill_value = 3 : i64, dtype = bf16} : tensor<2xbf16>
  %4 = aten.zeros {size = array<i64: 3, 0>} : tensor<3x0xf32>
  %5 = aten.ones {size = array<i64>, dtype = i8} : tensor<i8>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xf32>, tensor<4xi64>, tensor<1xi1>, tensor<2xbf16>, tensor<3x0xf32>, tensor<i8>
}

// CHECK-LABEL: func.func @arange
// CHECK: aten.arange {end = 5 : i64} : tensor<5xi64>
// CHECK: aten.arange {end = 2.500000e+00 : f64} : tensor<3xf32>
// CHECK: aten.arange.start_step {end = 0 : i64, start = 10 : i64, step = -3 : i64} : tensor<4xi64>
// CHECK: aten.arange.start_step {end = 5 : i64, start = 0 : i64, step = 0.69999999999999996 : f64} : tensor<8xf32>
// CHECK: aten.arange.start_step {dtype = i32, end = 2.500000e+00 : f64, start = 0 : i64} : tensor<3xi32>
// CHECK: aten.arange.start_step {dtype = i64, end = 2.500000e+00 : f64, start = 0 : i64} : tensor<2xi64>
func.func @arange() -> (tensor<5xi64>, tensor<3xf32>, tensor<4xi64>, tensor<8xf32>, tensor<3xi32>, tensor<2xi64>) {
  %0 = aten.arange {end = 5 : i64} : tensor<5xi64>
  %1 = aten.arange {end = 2.5 : f64} : tensor<3xf32>
  %2 = aten.arange.start_step {start = 10 : i64, end = 0 : i64, step = -3 : i64} : tensor<4xi64>
  %3 = aten.arange.start_step {start = 0 : i64, end = 5 : i64, step = 0.7 : f64} : tensor<8xf32>
  %4 = aten.arange.start_step {start = 0 : i64, end = 2.5 : f64, dtype = i32} : tensor<3xi32>
  %5 = aten.arange.start_step {start = 0 : i64, end = 2.5 : f64, dtype = i64} : tensor<2xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<5xi64>, tensor<3xf32>, tensor<4xi64>, tensor<8xf32>, tensor<3xi32>, tensor<2xi64>
}
