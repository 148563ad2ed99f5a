// C ABI of the inductor runtime: what generated code and host tools call. No MLIR, no Python.
#ifndef INDUCTOR_RUNTIME_RUNTIME_H
#define INDUCTOR_RUNTIME_RUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Requests AMX tile-data permission for this process (idempotent). Returns 0 on success, -1 when the
/// kernel or CPU does not support AMX.
int inductor_request_amx_permission(void);

/// Heap allocation for generated code (the generic allocation functions of MLIR's memref -> LLVM lowering).
/// A failed allocation prints "inductor: cannot allocate N bytes" and aborts.
void *_mlir_memref_to_llvm_alloc(uint64_t bytes);
void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t bytes);
void _mlir_memref_to_llvm_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
