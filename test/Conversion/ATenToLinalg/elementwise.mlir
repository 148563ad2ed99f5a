// RUN: inductor-opt %s -convert-aten-to-linalg -split-input-file | FileCheck %s

// Broadcast of a rank-1 dynamic operand: a runtime size check, identity/projection maps, alpha folded in.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[D1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @add_tensor_alpha(
// CHECK: cf.assert
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<4x?xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[D1]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: outs(%[[E]] : tensor<4x?xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[M:.*]] = arith.mulf %[[Y]], %[[C]] : f32
// CHECK: %[[R:.*]] = arith.addf %[[X]], %[[M]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @add_tensor_alpha(%a: tensor<4x?xf32>, %b: tensor<?xf32>) -> tensor<4x?xf32> {
  %0 = aten.add.Tensor %a, %b {alpha = 2 : i64} : (tensor<4x?xf32>, tensor<?xf32>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// bf16 + f32 0-d tensor -> bf16: a 0-d map, computed in f32 (opmath), truncated once.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @add_bf16_f32_scalar_tensor(
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[S]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: ^bb0(%[[X:.*]]: bf16, %[[Y:.*]]: f32, %{{.*}}: bf16):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK: %[[R:.*]] = arith.addf %[[XE]], %[[Y]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[R]] : f32 to bf16
// CHECK: linalg.yield %[[T]] : bf16
func.func @add_bf16_f32_scalar_tensor(%a: tensor<4x3xbf16>, %b: tensor<f32>) -> tensor<4x3xbf16> {
  %0 = aten.add.Tensor %a, %b : (tensor<4x3xbf16>, tensor<f32>) -> tensor<4x3xbf16>
  return %0 : tensor<4x3xbf16>
}

// -----

// Size-1 dims broadcast through constant-0 map results.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @mul_broadcast_unit_dims(
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: arith.mulf
func.func @mul_broadcast_unit_dims(%a: tensor<4x1x7xf32>, %b: tensor<5x1xf32>) -> tensor<4x5x7xf32> {
  %0 = aten.mul.Tensor %a, %b : (tensor<4x1x7xf32>, tensor<5x1xf32>) -> tensor<4x5x7xf32>
  return %0 : tensor<4x5x7xf32>
}

// -----

// int tensor + 2.5 -> f32: the integer input is converted (sitofp) before the float add.
// CHECK-LABEL: func.func @add_scalar_int_float(
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[XF:.*]] = arith.sitofp %[[X]] : i64 to f32
// CHECK: %[[C:.*]] = arith.constant 2.500000e+00 : f32
// CHECK: arith.addf %[[XF]], %[[C]] : f32
func.func @add_scalar_int_float(%a: tensor<7xi64>) -> tensor<7xf32> {
  %0 = aten.add.Scalar %a {other = 2.5 : f64} : (tensor<7xi64>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// rsub: other - alpha * self.
// CHECK-LABEL: func.func @rsub_scalar(
// CHECK: ^bb0(%[[X:.*]]: i64, %{{.*}}: i64):
// CHECK-DAG: %[[O:.*]] = arith.constant 5 : i64
// CHECK-DAG: %[[AL:.*]] = arith.constant 3 : i64
// CHECK: %[[M:.*]] = arith.muli %[[X]], %[[AL]] : i64
// CHECK: arith.subi %[[O]], %[[M]] : i64
func.func @rsub_scalar(%a: tensor<7xi64>) -> tensor<7xi64> {
  %0 = aten.rsub.Scalar %a {other = 5 : i64, alpha = 3 : i64} : (tensor<7xi64>) -> tensor<7xi64>
  return %0 : tensor<7xi64>
}

// -----

// Integer true division computes in f32.
// CHECK-LABEL: func.func @div_int(
// CHECK: arith.sitofp
// CHECK: arith.sitofp
// CHECK: arith.divf
func.func @div_int(%a: tensor<7xi64>, %b: tensor<7xi64>) -> tensor<7xf32> {
  %0 = aten.div.Tensor %a, %b : (tensor<7xi64>, tensor<7xi64>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// pow special cases, computed as PyTorch's CPU kernel does: ^2 and ^3 multiplies, ^0.5 a sqrt, ^-0.5 an
// rsqrt, ^-1 and ^-2 a division; other integral exponents fpowi, the rest powf.
// CHECK-LABEL: func.func @pow_exponents(
// CHECK: linalg.generic
// CHECK: arith.mulf %[[X:.*]], %[[X]] : f32
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: linalg.generic
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: arith.divf %[[ONE]], %{{.*}} : f32
// CHECK: linalg.generic
// CHECK: math.powf
// CHECK: linalg.generic
// CHECK: ^bb0(%[[Y:.*]]: f32,
// CHECK: %[[SQ:.*]] = arith.mulf %[[Y]], %[[Y]] : f32
// CHECK: arith.mulf %[[SQ]], %[[Y]] : f32
// CHECK: linalg.generic
// CHECK: ^bb0(%[[Z:.*]]: f32,
// CHECK: %[[ZZ:.*]] = arith.mulf %[[Z]], %[[Z]] : f32
// CHECK: arith.divf %{{.*}}, %[[ZZ]] : f32
// CHECK: linalg.generic
// CHECK: math.rsqrt
// CHECK: linalg.generic
// CHECK: math.fpowi {{.*}} : f32, i32
func.func @pow_exponents(%a: tensor<7xf32>) -> (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>,
                                               tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>) {
  %0 = aten.pow.Tensor_Scalar %a {exponent = 2 : i64} : (tensor<7xf32>) -> tensor<7xf32>
  %1 = aten.pow.Tensor_Scalar %a {exponent = 0.5 : f64} : (tensor<7xf32>) -> tensor<7xf32>
  %2 = aten.pow.Tensor_Scalar %a {exponent = -1 : i64} : (tensor<7xf32>) -> tensor<7xf32>
  %3 = aten.pow.Tensor_Scalar %a {exponent = 2.5 : f64} : (tensor<7xf32>) -> tensor<7xf32>
  %4 = aten.pow.Tensor_Scalar %a {exponent = 3.0 : f64} : (tensor<7xf32>) -> tensor<7xf32>
  %5 = aten.pow.Tensor_Scalar %a {exponent = -2 : i64} : (tensor<7xf32>) -> tensor<7xf32>
  %6 = aten.pow.Tensor_Scalar %a {exponent = -0.5 : f64} : (tensor<7xf32>) -> tensor<7xf32>
  %7 = aten.pow.Tensor_Scalar %a {exponent = 4 : i64} : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>,
                                          tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>
}

// -----

// Unary transcendental ops map to math ops; bf16 goes through f32.
// CHECK-LABEL: func.func @unary(
// CHECK: math.exp %{{.*}} : f32
// CHECK: math.log
// CHECK: math.rsqrt
// CHECK: math.erf
// CHECK: math.tanh
// CHECK: arith.extf {{.*}} : bf16 to f32
// CHECK: math.sqrt {{.*}} : f32
// CHECK: arith.truncf {{.*}} : f32 to bf16
// CHECK: math.cos
// CHECK: math.sin
func.func @unary(%a: tensor<7xf32>, %b: tensor<7xbf16>) -> (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xbf16>, tensor<7xf32>, tensor<7xf32>) {
  %0 = aten.exp %a : (tensor<7xf32>) -> tensor<7xf32>
  %1 = aten.log %a : (tensor<7xf32>) -> tensor<7xf32>
  %2 = aten.rsqrt %a : (tensor<7xf32>) -> tensor<7xf32>
  %3 = aten.erf %a : (tensor<7xf32>) -> tensor<7xf32>
  %4 = aten.tanh %a : (tensor<7xf32>) -> tensor<7xf32>
  %5 = aten.sqrt %b : (tensor<7xbf16>) -> tensor<7xbf16>
  %6 = aten.cos %a : (tensor<7xf32>) -> tensor<7xf32>
  %7 = aten.sin %a : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xbf16>, tensor<7xf32>, tensor<7xf32>
}

// -----

// gelu: erf form and tanh form.
// CHECK-LABEL: func.func @gelu(
// CHECK: linalg.generic
// CHECK: math.erf
// CHECK: linalg.generic
// CHECK: math.tanh
func.func @gelu(%a: tensor<7xf32>) -> (tensor<7xf32>, tensor<7xf32>) {
  %0 = aten.gelu %a : (tensor<7xf32>) -> tensor<7xf32>
  %1 = aten.gelu %a {approximate = "tanh"} : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1 : tensor<7xf32>, tensor<7xf32>
}

// -----

// relu is max with 0 (NaN-propagating); sigmoid 1 / (1 + exp(-x)); silu x * sigmoid(x).
// CHECK-LABEL: func.func @relu_sigmoid_silu(
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: arith.negf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: arith.mulf
func.func @relu_sigmoid_silu(%a: tensor<7xf32>) -> (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>) {
  %0 = aten.relu %a : (tensor<7xf32>) -> tensor<7xf32>
  %1 = aten.sigmoid %a : (tensor<7xf32>) -> tensor<7xf32>
  %2 = aten.silu %a : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1, %2 : tensor<7xf32>, tensor<7xf32>, tensor<7xf32>
}

// -----

// Results stored in bf16 or f16 allow approximate functions on their f32 computation (the storage rounding
// is far coarser than the approximate exp's few ulps); f32 results keep the accurate exp.
// CHECK-LABEL: func.func @exp_narrow_results(
// CHECK: arith.extf {{.*}} : bf16 to f32
// CHECK: math.exp %{{.*}} fastmath<afn> : f32
// CHECK: arith.truncf {{.*}} : f32 to bf16
// CHECK: arith.extf {{.*}} : f16 to f32
// CHECK: arith.negf
// CHECK: math.exp %{{.*}} fastmath<afn> : f32
// CHECK: arith.truncf {{.*}} : f32 to f16
// CHECK: %[[E:.*]] = math.exp %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[E]] : f32
func.func @exp_narrow_results(%a: tensor<7xbf16>, %b: tensor<7xf16>, %c: tensor<7xf32>) -> (tensor<7xbf16>, tensor<7xf16>, tensor<7xf32>) {
  %0 = aten.exp %a : (tensor<7xbf16>) -> tensor<7xbf16>
  %1 = aten.silu %b : (tensor<7xf16>) -> tensor<7xf16>
  %2 = aten.exp %c : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1, %2 : tensor<7xbf16>, tensor<7xf16>, tensor<7xf32>
}

// -----

// clamp: max with min first, then min with max (so min > max gives max, as PyTorch).
// CHECK-LABEL: func.func @clamp(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[LO:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[A:.*]] = arith.maximumf %[[X]], %[[LO]] : f32
// CHECK: %[[HI:.*]] = arith.constant -1.000000e+00 : f32
// CHECK: %[[B:.*]] = arith.minimumf %[[A]], %[[HI]] : f32
// CHECK: linalg.yield %[[B]]
// CHECK-LABEL: func.func @hardtanh_int(
// CHECK: arith.maxsi
// CHECK: arith.minsi
func.func @clamp(%a: tensor<7xf32>) -> tensor<7xf32> {
  %0 = aten.clamp %a {min = 1.0 : f64, max = -1.0 : f64} : (tensor<7xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}
func.func @hardtanh_int(%a: tensor<7xi64>) -> tensor<7xi64> {
  %0 = aten.hardtanh %a : (tensor<7xi64>) -> tensor<7xi64>
  return %0 : tensor<7xi64>
}

// -----

// where: select on the broadcast condition, operands converted to the promoted dtype.
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @where(
// CHECK: linalg.generic {indexing_maps = [#[[C]], #[[ID]], #[[S]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: ^bb0(%[[CND:.*]]: i1, %[[X:.*]]: i64, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[XF:.*]] = arith.sitofp %[[X]] : i64 to f32
// CHECK: arith.select %[[CND]], %[[XF]], %[[Y]] : f32
func.func @where(%c: tensor<4x1xi1>, %a: tensor<4x5xi64>, %b: tensor<f32>) -> tensor<4x5xf32> {
  %0 = aten.where.self %c, %a, %b : (tensor<4x1xi1>, tensor<4x5xi64>, tensor<f32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// masked_fill: select(mask, fill, self) over the shape of self.
// CHECK-LABEL: func.func @masked_fill(
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %[[M:.*]]: i1, %{{.*}}: f32):
// CHECK: %[[V:.*]] = arith.constant -1.000000e+09 : f32
// CHECK: arith.select %[[M]], %[[V]], %[[X]] : f32
func.func @masked_fill(%a: tensor<4x5xf32>, %m: tensor<5xi1>) -> tensor<4x5xf32> {
  %0 = aten.masked_fill.Scalar %a, %m {value = -1.0e9 : f64} : (tensor<4x5xf32>, tensor<5xi1>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Comparisons: promoted compute type (int vs 2.5 compares in f32), ordered predicates except ne (unordered).
// CHECK-LABEL: func.func @compare(
// CHECK: arith.sitofp
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf une
// CHECK: arith.cmpi sge
// CHECK: arith.cmpf oeq
func.func @compare(%a: tensor<7xi64>, %b: tensor<7xf32>, %c: tensor<7xi64>) -> (tensor<7xi1>, tensor<7xi1>, tensor<7xi1>, tensor<7xi1>) {
  %0 = aten.lt.Scalar %a {other = 2.5 : f64} : (tensor<7xi64>) -> tensor<7xi1>
  %1 = aten.ne.Tensor %b, %b : (tensor<7xf32>, tensor<7xf32>) -> tensor<7xi1>
  %2 = aten.ge.Tensor %a, %c : (tensor<7xi64>, tensor<7xi64>) -> tensor<7xi1>
  %3 = aten.eq.Tensor %a, %b : (tensor<7xi64>, tensor<7xf32>) -> tensor<7xi1>
  return %0, %1, %2, %3 : tensor<7xi1>, tensor<7xi1>, tensor<7xi1>, tensor<7xi1>
}

// -----

// logical_not: != 0 then xor with true.
// CHECK-LABEL: func.func @logical_not(
// CHECK: arith.cmpf une
// CHECK: arith.xori
func.func @logical_not(%a: tensor<7xf32>) -> tensor<7xi1> {
  %0 = aten.logical_not %a : (tensor<7xf32>) -> tensor<7xi1>
  return %0 : tensor<7xi1>
}

// -----

// Casts: float -> int truncates (fptosi), -> bool is != 0, bool -> float is unsigned, f32 -> bf16 truncf.
// CHECK-LABEL: func.func @casts(
// CHECK: arith.fptosi {{.*}} : f32 to i64
// CHECK: arith.cmpf une
// CHECK: arith.uitofp {{.*}} : i1 to f32
// CHECK: arith.truncf {{.*}} : f32 to bf16
func.func @casts(%a: tensor<7xf32>, %b: tensor<7xi1>) -> (tensor<7xi64>, tensor<7xi1>, tensor<7xf32>, tensor<7xbf16>) {
  %0 = aten.to.dtype %a {dtype = i64} : (tensor<7xf32>) -> tensor<7xi64>
  %1 = aten._to_copy %a {dtype = i1} : (tensor<7xf32>) -> tensor<7xi1>
  %2 = aten._to_copy %b {dtype = f32} : (tensor<7xi1>) -> tensor<7xf32>
  %3 = aten._to_copy %a {dtype = bf16} : (tensor<7xf32>) -> tensor<7xbf16>
  return %0, %1, %2, %3 : tensor<7xi64>, tensor<7xi1>, tensor<7xf32>, tensor<7xbf16>
}

// -----

// Identities in inference: no linalg op at all.
// CHECK-LABEL: func.func @identities(
// CHECK-NOT: linalg.generic
// CHECK: return %arg0, %arg0, %arg0, %arg0
func.func @identities(%a: tensor<7xf32>) -> (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>) {
  %0 = aten.dropout %a {p = 0.5 : f64, train = false} : (tensor<7xf32>) -> tensor<7xf32>
  %1 = aten.clone %a : (tensor<7xf32>) -> tensor<7xf32>
  %2 = aten.contiguous %a : (tensor<7xf32>) -> tensor<7xf32>
  %3 = aten._to_copy %a : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1, %2, %3 : tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>
}

// -----

// Comparisons round the other operand to the promoted dtype first (bf16 vs 1.001 compares with bf16(1.001)),
// and bool operands compare as unsigned 0/1 (i8), not as signed i1.
// CHECK-LABEL: func.func @compare_promoted(
// CHECK: ^bb0(%[[X:.*]]: bf16, %{{.*}}: i1):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK: %[[C:.*]] = arith.constant 1.000000e+00 : bf16
// CHECK: %[[CE:.*]] = arith.extf %[[C]] : bf16 to f32
// CHECK: arith.cmpf oeq, %[[XE]], %[[CE]] : f32
// CHECK: ^bb0(%[[P:.*]]: i1, %[[Q:.*]]: i1, %{{.*}}: i1):
// CHECK: %[[PE:.*]] = arith.extui %[[P]] : i1 to i8
// CHECK: %[[QE:.*]] = arith.extui %[[Q]] : i1 to i8
// CHECK: arith.cmpi slt, %[[PE]], %[[QE]] : i8
func.func @compare_promoted(%a: tensor<7xbf16>, %p: tensor<7xi1>, %q: tensor<7xi1>) -> (tensor<7xi1>, tensor<7xi1>) {
  %0 = aten.eq.Scalar %a {other = 1.001 : f64} : (tensor<7xbf16>) -> tensor<7xi1>
  %1 = aten.lt.Tensor %p, %q : (tensor<7xi1>, tensor<7xi1>) -> tensor<7xi1>
  return %0, %1 : tensor<7xi1>, tensor<7xi1>
}

// -----

// Integer pow: square-and-multiply loop (math.ipowi has no LLVM lowering), negative exponents per PyTorch.
// CHECK-LABEL: func.func @pow_int(
// CHECK: linalg.generic
// CHECK: scf.while
// CHECK: arith.shrsi
// CHECK-NOT: math.ipowi
func.func @pow_int(%a: tensor<7xi64>, %e: tensor<7xi64>) -> tensor<7xi64> {
  %0 = aten.pow.Tensor_Tensor %a, %e : (tensor<7xi64>, tensor<7xi64>) -> tensor<7xi64>
  return %0 : tensor<7xi64>
}
