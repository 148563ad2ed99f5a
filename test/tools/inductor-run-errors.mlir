// Error messages of inductor-run: each names the offending input or function and exits with status 1.

// RUN: not inductor-run %s --function=nope 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: inductor-run: {{.*}}inductor-run-errors.mlir: no function named 'nope' (defined: add)

// RUN: not inductor-run %s --function=add --input=%t.missing.npy --input=%t.missing.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// MISSING: inductor-run: input #0 ({{.*}}.missing.npy): cannot read file: No such file or directory

// RUN: %python -c "import numpy as np; np.save('%t.a.npy', np.zeros((3, 768), np.float32)); np.save('%t.b.npy', np.zeros((3, 769), np.float32)); np.save('%t.c.npy', np.zeros((3, 768), np.float64))"
// RUN: not inductor-run %s --function=add --input=%t.a.npy --input=%t.b.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: inductor-run: input #1 ({{.*}}.b.npy): expected tensor<?x768xf32>, got f32 [3, 769]

// RUN: not inductor-run %s --function=add --input=%t.c.npy --input=%t.a.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: inductor-run: input #0 ({{.*}}.c.npy): expected tensor<?x768xf32>, got f64 [3, 768]

// RUN: not inductor-run %s --function=add --input=%t.a.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: inductor-run: function 'add' takes 2 argument(s) (tensor<?x768xf32>, tensor<?x768xf32>) -> tensor<?x768xf32>, got 1 --input file(s)

// RUN: not inductor-run %t.does-not-exist.mlir --function=add 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: inductor-run: cannot open input file '{{.*}}does-not-exist.mlir': No such file or directory

func.func @add(%a: tensor<?x768xf32>, %b: tensor<?x768xf32>) -> tensor<?x768xf32> {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %a, %c0 : tensor<?x768xf32>
  %e = tensor.empty(%d0) : tensor<?x768xf32>
  %r = linalg.add ins(%a, %b : tensor<?x768xf32>, tensor<?x768xf32>) outs(%e : tensor<?x768xf32>) -> tensor<?x768xf32>
  return %r : tensor<?x768xf32>
}
