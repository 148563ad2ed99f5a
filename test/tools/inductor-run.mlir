// inductor-run on random inputs: result summary, timing lines and .npy output.

// RUN: inductor-run %s --function=add --seed=7 --dynamic-dim-size=2 | FileCheck %s
// CHECK: result0: dtype=f32 shape=[2, 768] sum={{[-0-9.e+]+}} abs_sum={{[0-9.e+]+}} values=[{{.*}}, ...]

// RUN: inductor-run %s --function=add --print-time --repeat=3 --quiet | FileCheck %s --check-prefix=TIME
// TIME: compile_ms={{[0-9.]+}} parse_ms={{[0-9.]+}} pipeline_ms={{[0-9.]+}} translate_ms={{[0-9.]+}} llvm_opt_ms={{[0-9.]+}} codegen_ms={{[0-9.]+}}
// TIME-NEXT: time_us best={{[0-9.]+}} median={{[0-9.]+}} mean={{[0-9.]+}} calls=3
// TIME-NOT: result0

// RUN: rm -rf %t && inductor-run %s --function=add --dynamic-dim-size=3 --output-dir=%t --quiet
// RUN: %python -c "import numpy as np; a = np.load('%t/result0.npy'); print(a.dtype, a.shape)" | FileCheck %s --check-prefix=NPY
// NPY: float32 (3, 768)

func.func @add(%a: tensor<?x768xf32>, %b: tensor<?x768xf32>) -> tensor<?x768xf32> {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %a, %c0 : tensor<?x768xf32>
  %e = tensor.empty(%d0) : tensor<?x768xf32>
  %r = linalg.add ins(%a, %b : tensor<?x768xf32>, tensor<?x768xf32>) outs(%e : tensor<?x768xf32>) -> tensor<?x768xf32>
  return %r : tensor<?x768xf32>
}
