// RUN: inductor-opt %s -split-input-file -inductor-expand-bf16-casts | FileCheck %s

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
