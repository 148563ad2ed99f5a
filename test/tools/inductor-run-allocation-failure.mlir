// An allocation the machine cannot satisfy stops the compiled code with a message and exit status 1
// (generated code allocates through the runtime's checked allocation functions, not bare malloc).
// RUN: not inductor-run %s 2>&1 | FileCheck %s
// CHECK: inductor-run: a runtime check in the compiled code failed: inductor: cannot allocate 400000000064 bytes
func.func @huge() -> tensor<100000000000xf32> {
  %r = aten.arange {end = 1.0e11 : f64} : tensor<100000000000xf32>
  return %r : tensor<100000000000xf32>
}
