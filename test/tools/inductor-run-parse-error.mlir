// A parse error is reported with its file:line:col location, then inductor-run exits with status 1.
// RUN: not inductor-run %s --function=f 2>&1 | FileCheck %s

func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: inductor-run-parse-error.mlir:[[@LINE+1]]:{{[0-9]+}}: error:
  %0 = arith.addf %a, %a
  return %0 : tensor<4xf32>
}
// CHECK: inductor-run: cannot parse '{{.*}}inductor-run-parse-error.mlir'
