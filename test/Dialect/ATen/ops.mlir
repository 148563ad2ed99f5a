// RUN: inductor-opt %s -split-input-file | inductor-opt -split-input-file | FileCheck %s
// Round trip of the elementwise, reduction, normalization, linear-algebra and attention ops.

// CHECK-LABEL: func.func @arithmetic
func.func @arithmetic(%a: tensor<4x?xf32>, %b: tensor<?xf32>, %i: tensor<3xi64>, %z: tensor<f32>) {
  // CHECK: aten.add.Tensor %{{.*}}, %{{.*}} {alpha = 2 : i64} : (tensor<4x?xf32>, tensor<?xf32>) -> tensor<4x?xf32>
  %0 = aten.add.Tensor %a, %b {alpha = 2 : i64} : (tensor<4x?xf32>, tensor<?xf32>) -> tensor<4x?xf32>
  // CHECK: aten.add.Scalar %{{.*}} {other = 2.500000e+00 : f64} : (tensor<3xi64>) -> tensor<3xf32>
  %1 = aten.add.Scalar %i {other = 2.5 : f64} : (tensor<3xi64>) -> tensor<3xf32>
  // CHECK: aten.sub.Tensor
  %2 = aten.sub.Tensor %a, %z : (tensor<4x?xf32>, tensor<f32>) -> tensor<4x?xf32>
  // CHECK: aten.sub.Scalar
  %3 = aten.sub.Scalar %i {other = 1 : i64} : (tensor<3xi64>) -> tensor<3xi64>
  // CHECK: aten.mul.Tensor
  %4 = aten.mul.Tensor %a, %b : (tensor<4x?xf32>, tensor<?xf32>) -> tensor<4x?xf32>
  // CHECK: aten.mul.Scalar
  %5 = aten.mul.Scalar %a {other = 3 : i64} : (tensor<4x?xf32>) -> tensor<4x?xf32>
  // CHECK: aten.div.Tensor %{{.*}}, %{{.*}} : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xf32>
  %6 = aten.div.Tensor %i, %i : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xf32>
  // CHECK: aten.div.Scalar
  %7 = aten.div.Scalar %a {other = 2.0 : f64} : (tensor<4x?xf32>) -> tensor<4x?xf32>
  // CHECK: aten.rsub.Tensor
  %8 = aten.rsub.Tensor %a, %b : (tensor<4x?xf32>, tensor<?xf32>) -> tensor<4x?xf32>
  // CHECK: aten.rsub.Scalar
  %9 = aten.rsub.Scalar %a {other = 1 : i64} : (tensor<4x?xf32>) -> tensor<4x?xf32>
  // CHECK: aten.pow.Tensor_Scalar
  %10 = aten.pow.Tensor_Scalar %a {exponent = 2 : i64} : (tensor<4x?xf32>) -> tensor<4x?xf32>
  // CHECK: aten.pow.Tensor_Tensor
  %11 = aten.pow.Tensor_Tensor %a, %b : (tensor<4x?xf32>, tensor<?xf32>) -> tensor<4x?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @unary
func.func @unary(%a: tensor<2x3xbf16>, %i: tensor<5xi32>) {
  // CHECK: aten.neg
  %0 = aten.neg %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.abs
  %1 = aten.abs %i : (tensor<5xi32>) -> tensor<5xi32>
  // CHECK: aten.exp %{{.*}} : (tensor<5xi32>) -> tensor<5xf32>
  %2 = aten.exp %i : (tensor<5xi32>) -> tensor<5xf32>
  // CHECK: aten.log
  %3 = aten.log %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.sqrt
  %4 = aten.sqrt %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.rsqrt
  %5 = aten.rsqrt %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.erf
  %6 = aten.erf %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.cos %{{.*}} : (tensor<5xi32>) -> tensor<5xf32>
  %c = aten.cos %i : (tensor<5xi32>) -> tensor<5xf32>
  // CHECK: aten.sin
  %s = aten.sin %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.relu
  %7 = aten.relu %i : (tensor<5xi32>) -> tensor<5xi32>
  // CHECK: aten.gelu %{{.*}} {approximate = "tanh"}
  %8 = aten.gelu %a {approximate = "tanh"} : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.gelu %{{.*}} :
  %9 = aten.gelu %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.silu
  %10 = aten.silu %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.sigmoid
  %11 = aten.sigmoid %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.tanh
  %12 = aten.tanh %a : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.clamp %{{.*}} {min = 0 : i64}
  %13 = aten.clamp %i {min = 0 : i64} : (tensor<5xi32>) -> tensor<5xi32>
  // CHECK: aten.hardtanh
  %14 = aten.hardtanh %a {min_val = -2 : i64, max_val = 2 : i64} : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  // CHECK: aten.logical_not %{{.*}} : (tensor<5xi32>) -> tensor<5xi1>
  %15 = aten.logical_not %i : (tensor<5xi32>) -> tensor<5xi1>
  return
}

// -----

// CHECK-LABEL: func.func @select_and_compare
func.func @select_and_compare(%c: tensor<4x1xi1>, %a: tensor<4x5xf32>, %b: tensor<5xf32>, %i: tensor<5xi64>) {
  // CHECK: aten.where.self
  %0 = aten.where.self %c, %a, %b : (tensor<4x1xi1>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  // CHECK: aten.masked_fill.Scalar
  %1 = aten.masked_fill.Scalar %a, %c {value = -1.0e+09 : f64} : (tensor<4x5xf32>, tensor<4x1xi1>) -> tensor<4x5xf32>
  // CHECK: aten.eq.Tensor
  %2 = aten.eq.Tensor %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xi1>
  // CHECK: aten.eq.Scalar
  %3 = aten.eq.Scalar %i {other = 3 : i64} : (tensor<5xi64>) -> tensor<5xi1>
  // CHECK: aten.ne.Tensor
  %4 = aten.ne.Tensor %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xi1>
  // CHECK: aten.ne.Scalar
  %5 = aten.ne.Scalar %i {other = 3 : i64} : (tensor<5xi64>) -> tensor<5xi1>
  // CHECK: aten.lt.Tensor
  %6 = aten.lt.Tensor %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xi1>
  // CHECK: aten.lt.Scalar
  %7 = aten.lt.Scalar %i {other = 2.5 : f64} : (tensor<5xi64>) -> tensor<5xi1>
  // CHECK: aten.le.Tensor
  %8 = aten.le.Tensor %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xi1>
  // CHECK: aten.le.Scalar
  %9 = aten.le.Scalar %i {other = 3 : i64} : (tensor<5xi64>) -> tensor<5xi1>
  // CHECK: aten.gt.Tensor
  %10 = aten.gt.Tensor %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xi1>
  // CHECK: aten.gt.Scalar
  %11 = aten.gt.Scalar %i {other = 3 : i64} : (tensor<5xi64>) -> tensor<5xi1>
  // CHECK: aten.ge.Tensor
  %12 = aten.ge.Tensor %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xi1>
  // CHECK: aten.ge.Scalar
  %13 = aten.ge.Scalar %i {other = 3 : i64} : (tensor<5xi64>) -> tensor<5xi1>
  return
}

// -----

// CHECK-LABEL: func.func @casts
func.func @casts(%a: tensor<?x3xf32>) {
  // CHECK: aten.to.dtype %{{.*}} {dtype = bf16}
  %0 = aten.to.dtype %a {dtype = bf16} : (tensor<?x3xf32>) -> tensor<?x3xbf16>
  // CHECK: aten._to_copy %{{.*}} {dtype = i64}
  %1 = aten._to_copy %a {dtype = i64} : (tensor<?x3xf32>) -> tensor<?x3xi64>
  // CHECK: aten.dropout %{{.*}} {p = 1.000000e-01 : f64, train = false}
  %2 = aten.dropout %a {p = 0.1 : f64, train = false} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: aten.clone
  %3 = aten.clone %a : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: aten.contiguous
  %4 = aten.contiguous %a : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return
}

// -----

// CHECK-LABEL: func.func @reductions
func.func @reductions(%a: tensor<2x?x4xf32>, %i: tensor<3xi32>) {
  // CHECK: aten.sum %{{.*}} : (tensor<3xi32>) -> tensor<i64>
  %0 = aten.sum %i : (tensor<3xi32>) -> tensor<i64>
  // CHECK: aten.sum.dim_IntList %{{.*}} {dim = array<i64: -1>, keepdim = true}
  %1 = aten.sum.dim_IntList %a {dim = array<i64: -1>, keepdim = true} : (tensor<2x?x4xf32>) -> tensor<2x?x1xf32>
  // CHECK: aten.mean %{{.*}} : (tensor<2x?x4xf32>) -> tensor<f32>
  %2 = aten.mean %a : (tensor<2x?x4xf32>) -> tensor<f32>
  // CHECK: aten.mean.dim
  %3 = aten.mean.dim %a {dim = array<i64: 0, 2>} : (tensor<2x?x4xf32>) -> tensor<?xf32>
  // CHECK: aten.amax
  %4 = aten.amax %a {dim = array<i64: 1>} : (tensor<2x?x4xf32>) -> tensor<2x4xf32>
  // CHECK: aten.var.correction %{{.*}} {correction = 0 : i64, dim = array<i64: 2>, keepdim = true}
  %5 = aten.var.correction %a {correction = 0 : i64, dim = array<i64: 2>, keepdim = true} : (tensor<2x?x4xf32>) -> tensor<2x?x1xf32>
  return
}

// -----

// CHECK-LABEL: func.func @normalizations
func.func @normalizations(%x: tensor<?x8x16xbf16>, %w: tensor<16xbf16>, %n: tensor<2x8x5x5xf32>, %c: tensor<8xf32>) {
  // CHECK: aten.softmax.int %{{.*}} {dim = -1 : i64}
  %0 = aten.softmax.int %x {dim = -1 : i64} : (tensor<?x8x16xbf16>) -> tensor<?x8x16xbf16>
  // CHECK: aten.log_softmax.int %{{.*}} {dim = 1 : i64, dtype = f32}
  %1 = aten.log_softmax.int %x {dim = 1 : i64, dtype = f32} : (tensor<?x8x16xbf16>) -> tensor<?x8x16xf32>
  // CHECK: aten._softmax %{{.*}} {dim = 2 : i64, half_to_float = true}
  %2 = aten._softmax %x {dim = 2 : i64, half_to_float = true} : (tensor<?x8x16xbf16>) -> tensor<?x8x16xf32>
  // CHECK: aten._log_softmax
  %3 = aten._log_softmax %x {dim = 2 : i64, half_to_float = false} : (tensor<?x8x16xbf16>) -> tensor<?x8x16xbf16>
  // CHECK: aten.layer_norm %{{.*}} weight(%{{.*}}) bias(%{{.*}}) {normalized_shape = array<i64: 16>}
  %4 = aten.layer_norm %x weight(%w) bias(%w) {normalized_shape = array<i64: 16>} : (tensor<?x8x16xbf16>, tensor<16xbf16>, tensor<16xbf16>) -> tensor<?x8x16xbf16>
  // CHECK: aten.layer_norm %{{.*}} {eps = {{.*}}E-7 : f64, normalized_shape = array<i64: 8, 16>}
  %5 = aten.layer_norm %x {eps = 1.0e-6 : f64, normalized_shape = array<i64: 8, 16>} : (tensor<?x8x16xbf16>) -> tensor<?x8x16xbf16>
  // CHECK: aten.batch_norm %{{.*}} weight(%{{.*}}) bias(%{{.*}}) running_mean(%{{.*}}) running_var(%{{.*}})
  %6 = aten.batch_norm %n weight(%c) bias(%c) running_mean(%c) running_var(%c) {training = false, momentum = 0.1 : f64, eps = 1.0e-5 : f64} : (tensor<2x8x5x5xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x5x5xf32>
  return
}

// -----

// CHECK-LABEL: func.func @linear_algebra
func.func @linear_algebra(%a: tensor<?x64xf32>, %b: tensor<64x32xf32>, %x: tensor<2x?x64xf32>, %w: tensor<32x64xf32>,
                          %bias: tensor<32xf32>, %p: tensor<4x?x64xf32>, %q: tensor<4x64x8xf32>, %v: tensor<64xf32>) {
  // CHECK: aten.mm
  %0 = aten.mm %a, %b : (tensor<?x64xf32>, tensor<64x32xf32>) -> tensor<?x32xf32>
  // CHECK: aten.bmm
  %1 = aten.bmm %p, %q : (tensor<4x?x64xf32>, tensor<4x64x8xf32>) -> tensor<4x?x8xf32>
  // CHECK: aten.addmm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 2 : i64, beta = 5.000000e-01 : f64}
  %2 = aten.addmm %bias, %a, %b {beta = 0.5 : f64, alpha = 2 : i64} : (tensor<32xf32>, tensor<?x64xf32>, tensor<64x32xf32>) -> tensor<?x32xf32>
  // CHECK: aten.linear %{{.*}}, %{{.*}} bias(%{{.*}})
  %3 = aten.linear %x, %w bias(%bias) : (tensor<2x?x64xf32>, tensor<32x64xf32>, tensor<32xf32>) -> tensor<2x?x32xf32>
  // CHECK: aten.linear %{{.*}}, %{{.*}} :
  %4 = aten.linear %x, %w : (tensor<2x?x64xf32>, tensor<32x64xf32>) -> tensor<2x?x32xf32>
  // CHECK: aten.matmul %{{.*}}, %{{.*}} : (tensor<2x?x64xf32>, tensor<64x32xf32>) -> tensor<2x?x32xf32>
  %5 = aten.matmul %x, %b : (tensor<2x?x64xf32>, tensor<64x32xf32>) -> tensor<2x?x32xf32>
  // CHECK: aten.matmul %{{.*}}, %{{.*}} : (tensor<64xf32>, tensor<64xf32>) -> tensor<f32>
  %6 = aten.matmul %v, %v : (tensor<64xf32>, tensor<64xf32>) -> tensor<f32>
  return
}

// -----

// CHECK-LABEL: func.func @attention
func.func @attention(%q: tensor<?x8x16x64xbf16>, %kv: tensor<?x2x32x64xbf16>, %m: tensor<16x32xi1>) {
  // CHECK: aten.scaled_dot_product_attention %{{.*}}, %{{.*}}, %{{.*}} attn_mask(%{{.*}}) {enable_gqa = true}
  %0 = aten.scaled_dot_product_attention %q, %kv, %kv attn_mask(%m) {enable_gqa = true} : (tensor<?x8x16x64xbf16>, tensor<?x2x32x64xbf16>, tensor<?x2x32x64xbf16>, tensor<16x32xi1>) -> tensor<?x8x16x64xbf16>
  // CHECK: aten.scaled_dot_product_attention %{{.*}}, %{{.*}}, %{{.*}} {is_causal = true, scale = 1.250000e-01 : f64}
  %1 = aten.scaled_dot_product_attention %q, %q, %q {is_causal = true, scale = 0.125 : f64} : (tensor<?x8x16x64xbf16>, tensor<?x8x16x64xbf16>, tensor<?x8x16x64xbf16>) -> tensor<?x8x16x64xbf16>
  return
}
