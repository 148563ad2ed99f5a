// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @view_expand
// CHECK-SAME: (%[[A:.*]]: tensor<12xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[A]] {{\[}}[0, 1]] output_shape [3, 4] : tensor<12xf32> into tensor<3x4xf32>
// CHECK: return %[[R]]
func.func @view_expand(%a: tensor<12xf32>) -> tensor<3x4xf32> {
  %0 = aten.view %a {size = array<i64: 3, -1>} : (tensor<12xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// A static reshape that is neither a collapse nor an expand.
// CHECK-LABEL: func.func @reshape_general
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %{{.*}}, %{{.*}} : tensor<2xindex>
// CHECK: tensor.reshape %{{.*}}(%[[SHAPE]]) : (tensor<3x4xf32>, tensor<2xindex>) -> tensor<2x6xf32>
func.func @reshape_general(%a: tensor<3x4xf32>) -> tensor<2x6xf32> {
  %0 = aten.reshape %a {shape = array<i64: 2, 6>} : (tensor<3x4xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// The -1 is numel / 4 at run time, and the element count is asserted.
// CHECK-LABEL: func.func @view_dynamic_collapse
// CHECK-SAME: (%[[A:.*]]: tensor<?x2x2xf32>)
// CHECK: %[[D0:.*]] = tensor.dim %[[A]], %c0
// CHECK: %[[NUMEL:.*]] = arith.muli %[[D0]], %c4
// CHECK: %[[INFERRED:.*]] = arith.divui %[[NUMEL]], %c4
// CHECK: %[[PRODUCT:.*]] = arith.muli %[[INFERRED]], %c4
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[NUMEL]], %[[PRODUCT]]
// CHECK: cf.assert %[[OK]], "inductor: view/reshape size is not compatible with the number of elements"
// CHECK: tensor.collapse_shape %[[A]] {{\[}}[0], [1, 2]] : tensor<?x2x2xf32> into tensor<?x4xf32>
func.func @view_dynamic_collapse(%a: tensor<?x2x2xf32>) -> tensor<?x4xf32> {
  %0 = aten.view %a {size = array<i64: -1, 4>} : (tensor<?x2x2xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @view_dynamic_expand
// CHECK: %[[INFERRED:.*]] = arith.divui
// CHECK: cf.assert
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [%[[INFERRED]], 2, 2] : tensor<?x4xf32> into tensor<?x2x2xf32>
func.func @view_dynamic_expand(%a: tensor<?x4xf32>) -> tensor<?x2x2xf32> {
  %0 = aten.view %a {size = array<i64: -1, 2, 2>} : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
  return %0 : tensor<?x2x2xf32>
}

// -----

// No reassociation is provably right ([?, 6] into [?, 4]): tensor.reshape with runtime sizes.
// CHECK-LABEL: func.func @view_dynamic_general
// CHECK: %[[INFERRED:.*]] = arith.divui
// CHECK: cf.assert
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[INFERRED]], %{{.*}} : tensor<2xindex>
// CHECK: tensor.reshape %{{.*}}(%[[SHAPE]]) : (tensor<?x6xf32>, tensor<2xindex>) -> tensor<?x4xf32>
func.func @view_dynamic_general(%a: tensor<?x6xf32>) -> tensor<?x4xf32> {
  %0 = aten.view %a {size = array<i64: -1, 4>} : (tensor<?x6xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @view_dynamic_to_static
// CHECK: %[[OK:.*]] = arith.cmpi eq, %{{.*}}, %c12
// CHECK: cf.assert %[[OK]]
// CHECK: tensor.reshape {{.*}} -> tensor<2x6xf32>
func.func @view_dynamic_to_static(%a: tensor<?xf32>) -> tensor<2x6xf32> {
  %0 = aten.view %a {size = array<i64: 2, 6>} : (tensor<?xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// CHECK-LABEL: func.func @view_scalar
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1x1xi64> into tensor<i64>
func.func @view_scalar(%a: tensor<1x1xi64>) -> tensor<i64> {
  %0 = aten.view %a {size = array<i64>} : (tensor<1x1xi64>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-LABEL: func.func @flatten
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3]] : tensor<2x3x4x5xf32> into tensor<2x12x5xf32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<2x?xf32> into tensor<?xf32>
// CHECK: tensor.expand_shape %{{.*}} [] output_shape [1] : tensor<i64> into tensor<1xi64>
func.func @flatten(%a: tensor<2x3x4x5xf32>, %b: tensor<2x?xf32>, %c: tensor<i64>) -> (tensor<2x12x5xf32>, tensor<?xf32>, tensor<1xi64>) {
  %0 = aten.flatten.using_ints %a {start_dim = 1 : i64, end_dim = -2 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x12x5xf32>
  %1 = aten.flatten.using_ints %b : (tensor<2x?xf32>) -> tensor<?xf32>
  %2 = aten.flatten.using_ints %c : (tensor<i64>) -> tensor<1xi64>
  return %0, %1, %2 : tensor<2x12x5xf32>, tensor<?xf32>, tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @unsqueeze
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c1
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [2, %[[D]], 1] : tensor<2x?xf32> into tensor<2x?x1xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [1, 2, %{{.*}}] : tensor<2x?xf32> into tensor<1x2x?xf32>
func.func @unsqueeze(%a: tensor<2x?xf32>) -> (tensor<2x?x1xf32>, tensor<1x2x?xf32>) {
  %0 = aten.unsqueeze %a {dim = -1 : i64} : (tensor<2x?xf32>) -> tensor<2x?x1xf32>
  %1 = aten.unsqueeze %a {dim = 0 : i64} : (tensor<2x?xf32>) -> tensor<1x2x?xf32>
  return %0, %1 : tensor<2x?x1xf32>, tensor<1x2x?xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_static
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<3x1x5xf32> into tensor<3x5xf32>
// CHECK-NOT: tensor.collapse_shape
// CHECK: return
func.func @squeeze_static(%a: tensor<3x1x5xf32>) -> (tensor<3x5xf32>, tensor<3x1x5xf32>) {
  %0 = aten.squeeze.dim %a {dim = 1 : i64} : (tensor<3x1x5xf32>) -> tensor<3x5xf32>
  %1 = aten.squeeze.dim %a {dim = 2 : i64} : (tensor<3x1x5xf32>) -> tensor<3x1x5xf32>
  return %0, %1 : tensor<3x5xf32>, tensor<3x1x5xf32>
}

// -----

// A dynamic dim is removed only if it is 1: the runtime size is asserted.
// CHECK-LABEL: func.func @squeeze_dynamic
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c0
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[D]], %c1
// CHECK: cf.assert %[[OK]], "inductor: squeeze compiled to remove a dynamic dim that is not 1 at run time"
// CHECK: %[[CAST:.*]] = tensor.cast %{{.*}} : tensor<?x4xf32> to tensor<1x4xf32>
// CHECK: tensor.collapse_shape %[[CAST]] {{\[}}[0, 1]] : tensor<1x4xf32> into tensor<4xf32>
// CHECK: arith.cmpi ne
// CHECK: cf.assert {{.*}} "inductor: squeeze compiled to keep a dynamic dim that is 1 at run time"
func.func @squeeze_dynamic(%a: tensor<?x4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  %0 = aten.squeeze.dim %a {dim = 0 : i64} : (tensor<?x4xf32>) -> tensor<4xf32>
  %1 = aten.squeeze.dim %a {dim = 0 : i64} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0, %1 : tensor<4xf32>, tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @permute
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c2
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<?x2x3xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x3x?xf32>) outs(%[[INIT]] : tensor<?x2x3xf32>) permutation = [2, 0, 1]
func.func @permute(%a: tensor<2x3x?xf32>) -> tensor<?x2x3xf32> {
  %0 = aten.permute %a {dims = array<i64: 2, 0, -2>} : (tensor<2x3x?xf32>) -> tensor<?x2x3xf32>
  return %0 : tensor<?x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x3x5xi1>) outs(%{{.*}} : tensor<5x3x2xi1>) permutation = [2, 1, 0]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x?xf16>) outs(%{{.*}} : tensor<?x2xf16>) permutation = [1, 0]
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @transpose(%a: tensor<2x3x5xi1>, %b: tensor<2x?xf16>, %c: tensor<7xf32>) -> (tensor<5x3x2xi1>, tensor<?x2xf16>, tensor<7xf32>) {
  %0 = aten.transpose.int %a {dim0 = -1 : i64, dim1 = 0 : i64} : (tensor<2x3x5xi1>) -> tensor<5x3x2xi1>
  %1 = aten.t %b : (tensor<2x?xf16>) -> tensor<?x2xf16>
  %2 = aten.t %c : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1, %2 : tensor<5x3x2xi1>, tensor<?x2xf16>, tensor<7xf32>
}

// -----

// CHECK-DAG: #[[$BCAST:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @expand
// CHECK: linalg.generic {indexing_maps = [#[[$BCAST]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<3x1xf32>) outs(%{{.*}} : tensor<4x3x5xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
func.func @expand(%a: tensor<3x1xf32>) -> tensor<4x3x5xf32> {
  %0 = aten.expand %a {size = array<i64: 4, -1, 5>} : (tensor<3x1xf32>) -> tensor<4x3x5xf32>
  return %0 : tensor<4x3x5xf32>
}

// -----

// A dynamic dim expanded to an explicit size must already have it.
// CHECK-LABEL: func.func @expand_dynamic
// CHECK: %[[D:.*]] = tensor.dim %{{.*}}, %c0
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[D]], %c4
// CHECK: cf.assert %[[OK]]
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<?x3xi32>) outs(%{{.*}} : tensor<2x4x3xi32>)
func.func @expand_dynamic(%b: tensor<?x3xi32>) -> tensor<2x4x3xi32> {
  %0 = aten.expand %b {size = array<i64: 2, 4, -1>} : (tensor<?x3xi32>) -> tensor<2x4x3xi32>
  return %0 : tensor<2x4x3xi32>
}

// -----

// An empty slice gets offset 0 (PyTorch may start it at `size`, which extract_slice rejects statically).
// CHECK-LABEL: func.func @slice_static
// CHECK: tensor.extract_slice %{{.*}}[0, 1] [3, 4] [1, 2] : tensor<3x10xf32> to tensor<3x4xf32>
// CHECK: tensor.extract_slice %{{.*}}[0] [5] [1] : tensor<5xf32> to tensor<5xf32>
// CHECK: tensor.extract_slice %{{.*}}[0] [0] [1] : tensor<5xf32> to tensor<0xf32>
func.func @slice_static(%a: tensor<3x10xf32>, %b: tensor<5xf32>) -> (tensor<3x4xf32>, tensor<5xf32>, tensor<0xf32>) {
  %0 = aten.slice.Tensor %a {dim = 1 : i64, start = 1 : i64, end = -1 : i64, step = 2 : i64} : (tensor<3x10xf32>) -> tensor<3x4xf32>
  %1 = aten.slice.Tensor %b {start = -100 : i64, end = 100 : i64} : (tensor<5xf32>) -> tensor<5xf32>
  %2 = aten.slice.Tensor %b {start = 4 : i64, end = 2 : i64} : (tensor<5xf32>) -> tensor<0xf32>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<5xf32>, tensor<0xf32>
}

// -----

// Runtime clamping: start = max(-7 + size, 0), end = max(max(-2 + size, 0), start),
// length = end > start ? (end - start - 1) / 3 + 1 : 0 (no overflow for huge steps).
// CHECK-LABEL: func.func @slice_dynamic
// CHECK: %[[SIZE:.*]] = tensor.dim %{{.*}}, %c1
// CHECK: %[[S0:.*]] = arith.addi %c-7, %[[SIZE]]
// CHECK: %[[START:.*]] = arith.maxsi %[[S0]], %c0
// CHECK: %[[E0:.*]] = arith.addi %c-2, %[[SIZE]]
// CHECK: %[[E1:.*]] = arith.maxsi %[[E0]], %c0
// CHECK: %[[END:.*]] = arith.maxsi %[[E1]], %[[START]]
// CHECK: %[[DIFF:.*]] = arith.subi %[[END]], %[[START]]
// CHECK: %[[M1:.*]] = arith.subi %[[DIFF]], %c1
// CHECK: %[[Q:.*]] = arith.divui %[[M1]], %c3
// CHECK: %[[STEPS:.*]] = arith.addi %[[Q]], %c1
// CHECK: %[[NONEMPTY:.*]] = arith.cmpi sgt, %[[DIFF]], %c0
// CHECK: %[[LEN:.*]] = arith.select %[[NONEMPTY]], %[[STEPS]], %c0
// CHECK: tensor.extract_slice %{{.*}}[0, %[[START]]] [2, %[[LEN]]] [1, 3] : tensor<2x?xi64> to tensor<2x?xi64>
func.func @slice_dynamic(%a: tensor<2x?xi64>) -> tensor<2x?xi64> {
  %0 = aten.slice.Tensor %a {dim = 1 : i64, start = -7 : i64, end = -2 : i64, step = 3 : i64} : (tensor<2x?xi64>) -> tensor<2x?xi64>
  return %0 : tensor<2x?xi64>
}

// -----

// CHECK-LABEL: func.func @slice_dynamic_positive
// CHECK: %[[SIZE:.*]] = tensor.dim %{{.*}}, %c0
// CHECK: %[[START:.*]] = arith.minsi %c2, %[[SIZE]]
// CHECK: %[[END:.*]] = arith.maxsi %[[SIZE]], %[[START]]
// CHECK: %[[LEN:.*]] = arith.subi %[[END]], %[[START]]
// CHECK: tensor.extract_slice %{{.*}}[%[[START]], 0] [%[[LEN]], 3] [1, 1] : tensor<?x3xf32> to tensor<?x3xf32>
func.func @slice_dynamic_positive(%a: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = aten.slice.Tensor %a {start = 2 : i64} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @select_static
// CHECK: tensor.extract_slice %{{.*}}[0, 3] [3, 1] [1, 1] : tensor<3x4xf32> to tensor<3xf32>
func.func @select_static(%a: tensor<3x4xf32>) -> tensor<3xf32> {
  %0 = aten.select.int %a {dim = 1 : i64, index = -1 : i64} : (tensor<3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @select_dynamic
// CHECK: %[[SIZE:.*]] = tensor.dim %{{.*}}, %c1
// CHECK: %[[INDEX:.*]] = arith.addi %c-2, %[[SIZE]]
// CHECK: %[[OK:.*]] = arith.cmpi sge, %[[INDEX]], %c0
// CHECK: cf.assert %[[OK]], "inductor: select index is out of range"
// CHECK: tensor.extract_slice %{{.*}}[0, %[[INDEX]]] [3, 1] [1, 1] : tensor<3x?xf32> to tensor<3xf32>
func.func @select_dynamic(%a: tensor<3x?xf32>) -> tensor<3xf32> {
  %0 = aten.select.int %a {dim = 1 : i64, index = -2 : i64} : (tensor<3x?xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Operands are cast to the promoted dtype; the legacy empty tensor is skipped.
// CHECK-LABEL: func.func @cat_static
// CHECK-SAME: (%{{.*}}: tensor<0xf64>, %[[A:.*]]: tensor<2x3xi32>, %[[B:.*]]: tensor<4x3xi32>)
// CHECK: %[[CA:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<2x3xi32>)
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: %[[CB:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<4x3xi32>)
// CHECK: tensor.concat dim(0) %[[CA]], %[[CB]] : (tensor<2x3xf64>, tensor<4x3xf64>) -> tensor<6x3xf64>
func.func @cat_static(%c: tensor<0xf64>, %a: tensor<2x3xi32>, %d: tensor<4x3xi32>) -> tensor<6x3xf64> {
  %0 = aten.cat [%c, %a, %d] : (tensor<0xf64>, tensor<2x3xi32>, tensor<4x3xi32>) -> tensor<6x3xf64>
  return %0 : tensor<6x3xf64>
}

// -----

// CHECK-LABEL: func.func @cat_dynamic
// CHECK-SAME: (%[[A:.*]]: tensor<?x4xf32>, %[[B:.*]]: tensor<2x?xi64>)
// CHECK: %[[CB:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<2x?xi64>) outs(%{{.*}} : tensor<2x?xf32>)
// CHECK: %[[D:.*]] = tensor.dim %[[CB]], %c1
// CHECK: %[[OK:.*]] = arith.cmpi eq, %c4, %[[D]]
// CHECK: cf.assert %[[OK]], "inductor: cat operands differ in a non-concatenated dimension at run time"
// CHECK: tensor.concat dim(0) %[[A]], %[[CB]] : (tensor<?x4xf32>, tensor<2x?xf32>) -> tensor<?x4xf32>
func.func @cat_dynamic(%a: tensor<?x4xf32>, %b: tensor<2x?xi64>) -> tensor<?x4xf32> {
  %0 = aten.cat [%a, %b] : (tensor<?x4xf32>, tensor<2x?xi64>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Indices are checked against the row count (cf.assert), then gathered with tensor.extract at a clamped index.
// CHECK-DAG: #[[$IDX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @embedding
// CHECK-SAME: (%[[W:.*]]: tensor<?x4xbf16>, %[[I:.*]]: tensor<2x?xi32>)
// CHECK: %[[ROWS:.*]] = tensor.dim %[[W]], %c0
// CHECK: %[[CHECK:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]} ins(%[[I]] : tensor<2x?xi32>) outs(%{{.*}} : tensor<i1>)
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi slt
// CHECK: %[[ALL:.*]] = tensor.extract %[[CHECK]][] : tensor<i1>
// CHECK: cf.assert %[[ALL]], "inductor: embedding index out of range in self"
// CHECK: %[[LAST:.*]] = arith.subi %[[ROWS]], %c1
// CHECK: linalg.generic {indexing_maps = [#[[$IDX]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[I]] : tensor<2x?xi32>) outs(%{{.*}} : tensor<2x?x4xbf16>)
// CHECK: ^bb0(%[[IN:.*]]: i32, %{{.*}}: bf16):
// CHECK: %[[IDX:.*]] = arith.index_cast %[[IN]] : i32 to index
// CHECK: %[[LO:.*]] = arith.minsi %[[IDX]], %[[LAST]]
// CHECK: %[[ROW:.*]] = arith.maxsi %[[LO]], %{{.*}}
// CHECK: %[[COL:.*]] = linalg.index 2
// CHECK: tensor.extract %[[W]][%[[ROW]], %[[COL]]] : tensor<?x4xbf16>
func.func @embedding(%w: tensor<?x4xbf16>, %i: tensor<2x?xi32>) -> tensor<2x?x4xbf16> {
  %0 = aten.embedding %w, %i : (tensor<?x4xbf16>, tensor<2x?xi32>) -> tensor<2x?x4xbf16>
  return %0 : tensor<2x?x4xbf16>
}

// -----

// CHECK-DAG: #[[$IDX:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @index_select
// CHECK-SAME: (%[[X:.*]]: tensor<3x5xf32>, %[[I:.*]]: tensor<?xi64>)
// CHECK: cf.assert %{{.*}}, "inductor: index_select index out of range in self"
// CHECK: linalg.generic {indexing_maps = [#[[$IDX]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%[[I]] : tensor<?xi64>) outs(%{{.*}} : tensor<3x?xf32>)
// CHECK: %[[ROW:.*]] = linalg.index 0
// CHECK: tensor.extract %[[X]][%[[ROW]], %{{.*}}] : tensor<3x5xf32>
func.func @index_select(%x: tensor<3x5xf32>, %i: tensor<?xi64>) -> tensor<3x?xf32> {
  %0 = aten.index_select %x, %i {dim = -1 : i64} : (tensor<3x5xf32>, tensor<?xi64>) -> tensor<3x?xf32>
  return %0 : tensor<3x?xf32>
}

// -----

// A 0-dim index selects one slice.
// CHECK-LABEL: func.func @index_select_scalar_index
// CHECK: %[[I:.*]] = tensor.expand_shape %{{.*}} [] output_shape [1] : tensor<i32> into tensor<1xi32>
// CHECK: linalg.generic {{.*}} ins(%[[I]] : tensor<1xi32>) outs(%{{.*}} : tensor<1x5xf32>)
func.func @index_select_scalar_index(%x: tensor<3x5xf32>, %i: tensor<i32>) -> tensor<1x5xf32> {
  %0 = aten.index_select %x, %i {dim = 0 : i64} : (tensor<3x5xf32>, tensor<i32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}

// -----

// CHECK-LABEL: func.func @triu
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<2x3x4xbf16>) outs(%{{.*}} : tensor<2x3x4xbf16>)
// CHECK: ^bb0(%[[IN:.*]]: bf16, %{{.*}}: bf16):
// CHECK: %[[ROW:.*]] = linalg.index 1
// CHECK: %[[COL:.*]] = linalg.index 2
// CHECK: %[[OFFSET:.*]] = arith.subi %[[COL]], %[[ROW]]
// CHECK: %[[KEEP:.*]] = arith.cmpi sge, %[[OFFSET]], %c-1
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : bf16
// CHECK: arith.select %[[KEEP]], %[[IN]], %[[ZERO]]
func.func @triu(%a: tensor<2x3x4xbf16>) -> tensor<2x3x4xbf16> {
  %0 = aten.triu %a {diagonal = -1 : i64} : (tensor<2x3x4xbf16>) -> tensor<2x3x4xbf16>
  return %0 : tensor<2x3x4xbf16>
}

// -----

// CHECK-LABEL: func.func @tril
// CHECK: tensor.dim
// CHECK: tensor.dim
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<?x?xi1>) outs(%{{.*}} : tensor<?x?xi1>)
// CHECK: %[[KEEP:.*]] = arith.cmpi sle, %{{.*}}, %c2
// CHECK: %[[FALSE:.*]] = arith.constant false
// CHECK: arith.select %[[KEEP]], %{{.*}}, %[[FALSE]]
func.func @tril(%a: tensor<?x?xi1>) -> tensor<?x?xi1> {
  %0 = aten.tril %a {diagonal = 2 : i64} : (tensor<?x?xi1>) -> tensor<?x?xi1>
  return %0 : tensor<?x?xi1>
}
