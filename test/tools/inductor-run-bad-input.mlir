// inductor-run on inputs found by fuzzing: each is reported with a message and exit status 1, no crash.

// An overflowing view used to pass the verifier and segfault at run time; now rejected with its location.
// RUN: not inductor-run %s 2>&1 | FileCheck %s --check-prefix=VIEW
// VIEW: inductor-run-bad-input.mlir:[[@LINE+3]]:8: error: 'aten.view' op view size [4294967296, 4294967296] is invalid: its number of elements overflows int64
// VIEW-NOT: Stack dump
func.func @view_overflow(%a: tensor<0xf32>) -> tensor<?x?xf32> {
  %0 = aten.view %a {size = array<i64: 4294967296, 4294967296>} : (tensor<0xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// .npy headers with absurd shapes are rejected before any allocation.
// RUN: %python -c "import struct; h = b\"{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904,), }\"; h += b' ' * (63 - (10 + len(h)) %% 64) + b'\n'; open('%t.huge.npy', 'wb').write(b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h)"
// RUN: %python -c "open('%t.relu.mlir', 'w').write('func.func @f(%%a: tensor<?xf32>) -> tensor<?xf32> {\n  %%0 = aten.relu %%a : (tensor<?xf32>) -> tensor<?xf32>\n  return %%0 : tensor<?xf32>\n}\n')"
// RUN: not inductor-run %t.relu.mlir --input=%t.huge.npy 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: inductor-run: input #0 ({{.*}}.huge.npy): shape [4611686018427387904] is too large

// Random inputs whose dynamic size cannot be allocated.
// RUN: not inductor-run %t.relu.mlir --dynamic-dim-size=100000000000 2>&1 | FileCheck %s --check-prefix=ALLOC
// ALLOC: inductor-run: random input: cannot allocate 400000000000 bytes for shape [100000000000]

// Garbage bytes instead of MLIR.
// RUN: %python -c "open('%t.garbage.mlir', 'wb').write(bytes(range(1, 256)) * 4)"
// RUN: not inductor-run %t.garbage.mlir 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: garbage.mlir:1:1: error:

// Scalar (non-tensor) arguments and an empty module.
// RUN: %python -c "open('%t.scalar.mlir', 'w').write('func.func @s(%%x: f32) -> f32 {\n  return %%x : f32\n}\n')"
// RUN: not inductor-run %t.scalar.mlir 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: inductor-run: function 's' argument #0 has type f32; only ranked tensors of
// RUN: %python -c "open('%t.empty.mlir', 'w').write('module {}\n')"
// RUN: not inductor-run %t.empty.mlir 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: inductor-run: {{.*}}: a function name (--function) is required when the module does not define exactly one function (defined: none)
