// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-approximate-math))' | FileCheck %s
// RUN: inductor-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(inductor-approximate-math{ops=sin}))' | FileCheck %s --check-prefix=SIN

// f32 exp and tanh, scalar and vector, become inline arithmetic (exp: our own, its exponent built with a
// shift; tanh: upstream's rational polynomial); f64 is not approximated, nor (by default) sin.
// CHECK-LABEL: func.func @defaults
// CHECK-NOT: math.exp %{{.*}} : f32
// CHECK-NOT: math.tanh
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

// -----

// exp: x clamped below (NaN kept: uge is true when unordered), k + 127 rounded into the low mantissa bits of
// t = x log2(e) + 0x1.8p23 + 127 (0x4B40007F), t clamped above at k = 127 (0x4B4000FE), Cody-Waite reduction
// with ln(2) in two parts, s(r) ~ e^r - 1 of degree 6, and 2^k as t's bits shifted into the exponent field,
// applied as one fma s 2^k + 2^k: no floor, no int conversion.
// CHECK-LABEL: func.func @exp_exponent_bits
// CHECK-SAME: (%[[X:.*]]: vector<8xf32>)
// CHECK-DAG: %[[LO:.*]] = arith.constant dense<-8.800000e+01> : vector<8xf32>
// CHECK: %[[KEEP:.*]] = arith.cmpf uge, %[[X]], %[[LO]] : vector<8xf32>
// CHECK: %[[XC:.*]] = arith.select %[[KEEP]], %[[X]], %[[LO]]
// CHECK-DAG: %[[LOG2E:.*]] = arith.constant dense<1.44269502> : vector<8xf32>
// CHECK-DAG: %[[SHIFT:.*]] = arith.constant dense<0x4B40007F> : vector<8xf32>
// CHECK: %[[T0:.*]] = math.fma %[[XC]], %[[LOG2E]], %[[SHIFT]] : vector<8xf32>
// CHECK: %[[HI:.*]] = arith.constant dense<0x4B4000FE> : vector<8xf32>
// CHECK: %[[KEEP2:.*]] = arith.cmpf ule, %[[T0]], %[[HI]] : vector<8xf32>
// CHECK: %[[T:.*]] = arith.select %[[KEEP2]], %[[T0]], %[[HI]]
// CHECK: %[[K:.*]] = arith.subf %[[T]], %{{.*}} : vector<8xf32>
// CHECK: %[[R0:.*]] = math.fma %[[K]], %{{.*}}, %[[XC]] : vector<8xf32>
// CHECK: math.fma %[[K]], %{{.*}}, %[[R0]] : vector<8xf32>
// CHECK-COUNT-5: math.fma
// CHECK-NOT: arith.addf
// CHECK: %[[BITS:.*]] = arith.bitcast %[[T]] : vector<8xf32> to vector<8xi32>
// CHECK: %[[C23:.*]] = arith.constant dense<23> : vector<8xi32>
// CHECK: %[[E:.*]] = arith.shli %[[BITS]], %[[C23]] : vector<8xi32>
// CHECK: %[[S:.*]] = arith.bitcast %[[E]] : vector<8xi32> to vector<8xf32>
// CHECK: %[[R:.*]] = math.fma %{{.*}}, %[[S]], %[[S]] : vector<8xf32>
// CHECK-NOT: math.floor
// CHECK-NOT: arith.fptosi
// CHECK: return %[[R]]
func.func @exp_exponent_bits(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = math.exp %x : vector<8xf32>
  return %0 : vector<8xf32>
}

// -----

// exp with approximate functions allowed: the same clamps and exponent bits, one fma for the reduction (ln(2)
// rounded to f32) and s(r) of degree 5: four fmas after r * r instead of five.
// CHECK-LABEL: func.func @exp_approximate_functions
// CHECK-SAME: (%[[X:.*]]: vector<8xf32>)
// CHECK: %[[K:.*]] = arith.subf
// CHECK: %[[LN2:.*]] = arith.constant dense<-0.693147182> : vector<8xf32>
// CHECK: %[[R:.*]] = math.fma %[[K]], %[[LN2]], %{{.*}} : vector<8xf32>
// CHECK: %[[R2:.*]] = arith.mulf %[[R]], %[[R]] : vector<8xf32>
// CHECK-COUNT-4: math.fma
// CHECK-NOT: math.fma
// CHECK: arith.shli
// CHECK: %[[E:.*]] = math.fma %{{.*}}, %[[S:.*]], %[[S]] : vector<8xf32>
// CHECK-NEXT: return %[[E]]
func.func @exp_approximate_functions(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = math.exp %x fastmath<afn> : vector<8xf32>
  return %0 : vector<8xf32>
}
