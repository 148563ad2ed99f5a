// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-approximate-math))' | FileCheck %s
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-approximate-math{ops=sin}))' | FileCheck %s --check-prefix=SIN

// f32 exp and tanh, scalar and vector, become inline arithmetic (exp: the range reduction shows as a floor and
// an integer exponent built with shifts; tanh: a rational polynomial); f64 is not approximated, nor (by
// default) sin.
// CHECK-LABEL: func.func @defaults
// CHECK-NOT: math.exp %{{.*}} : f32
// CHECK-NOT: math.tanh
// CHECK: math.floor %{{.*}} : f32
// CHECK: arith.shli %{{.*}} : i32
// CHECK: math.fma {{.*}} : vector<8xf32>
// CHECK: math.exp %{{.*}} : f64
// CHECK: math.sin %{{.*}} : f32
// With ops=sin, only sin is rewritten.
// SIN-LABEL: func.func @defaults
// SIN: math.exp %{{.*}} : f32
// SIN: math.tanh %{{.*}} : vector<8xf32>
// SIN: math.exp %{{.*}} : f64
// SIN-NOT: math.sin
// SIN: return
func.func @defaults(%x: f32, %v: vector<8xf32>, %h: f64) -> (f32, vector<8xf32>, f64, f32) {
  %0 = math.exp %x : f32
  %1 = math.tanh %v : vector<8xf32>
  %2 = math.exp %h : f64
  %3 = math.sin %x : f32
  return %0, %1, %2, %3 : f32, vector<8xf32>, f64, f32
}

// -----

// Inside a linalg.generic body (where the aten lowering puts them): erf and log are rewritten in place, the
// rest of the function is left as it was (no folding of the constant add).
// CHECK-LABEL: func.func @in_generic
// CHECK: linalg.generic
// CHECK-NOT: math.erf
// CHECK-NOT: math.log
// CHECK: linalg.yield
// CHECK: %[[C1:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[C2:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: arith.addf %[[C1]], %[[C2]] : f32
#id = affine_map<(d0) -> (d0)>
func.func @in_generic(%a: tensor<16xf32>) -> (tensor<16xf32>, f32) {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%a : tensor<16xf32>) outs(%a : tensor<16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %e = math.erf %x : f32
    %l = math.log %e : f32
    linalg.yield %l : f32
  } -> tensor<16xf32>
  %c1 = arith.constant 1.0 : f32
  %c2 = arith.constant 2.0 : f32
  %s = arith.addf %c1, %c2 : f32
  return %0, %s : tensor<16xf32>, f32
}
