// Allocation entry points of generated code (finalize-memref-to-llvm{use-generic-functions}). Unlike bare
// malloc, a failed allocation stops the program with a message instead of a segfault on a null buffer.
#include "Runtime/Runtime.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void reportAllocationFailure(uint64_t bytes) {
  char message[64];
  std::snprintf(message, sizeof(message), "inductor: cannot allocate %llu bytes",
                static_cast<unsigned long long>(bytes));
  inductor_runtime_fail(message);
  __builtin_unreachable();
}
} // namespace

extern "C" void *_mlir_memref_to_llvm_alloc(uint64_t bytes) {
  void *p = std::malloc(bytes ? bytes : 1);
  if (!p)
    reportAllocationFailure(bytes);
  return p;
}

extern "C" void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t bytes) {
  // aligned_alloc wants a size that is a multiple of the alignment.
  uint64_t rounded = (bytes + alignment - 1) / alignment * alignment;
  if (rounded < bytes)
    reportAllocationFailure(bytes);
  void *p = std::aligned_alloc(alignment, rounded ? rounded : alignment);
  if (!p)
    reportAllocationFailure(bytes);
  return p;
}

extern "C" void _mlir_memref_to_llvm_free(void *p) { std::free(p); }
