// A dynamic size that violates what the function was compiled for stops the call with the check's message
// and exit status 1 (not a crash, not a wrong answer).
// RUN: %python -c "import numpy as np; np.save('%t.a.npy', np.ones(3, np.float32)); np.save('%t.b.npy', np.ones(4, np.float32))"
// RUN: not inductor-run %s --function=add --input=%t.a.npy --input=%t.b.npy 2>&1 | FileCheck %s
// CHECK: inductor-run: a runtime check in the compiled code failed: inductor: broadcast of a dynamic dimension whose sizes differ at run time
func.func @add(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %0 = aten.add.Tensor %a, %b : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// A max over a dimension that is empty at run time raises, as in PyTorch (not -inf).
// RUN: %python -c "import numpy as np; np.save('%t.e.npy', np.ones((2, 0), np.float32))"
// RUN: not inductor-run %s --function=amax_rows --input=%t.e.npy 2>&1 | FileCheck %s --check-prefix=AMAX
// AMAX: inductor-run: a runtime check in the compiled code failed: inductor: amax(): expected a non-empty reduction dimension
func.func @amax_rows(%a: tensor<2x?xf32>) -> tensor<2xf32> {
  %0 = aten.amax %a {dim = array<i64: 1>} : (tensor<2x?xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
