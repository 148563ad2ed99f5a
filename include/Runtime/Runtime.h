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

/// Prepares the OpenMP runtime that runs generated code's parallel loops; call before the first call of
/// generated code (the first call decides). The thread count is INDUCTOR_NUM_THREADS, else OMP_NUM_THREADS,
/// else one thread per physical core of the process's CPU set. Threads are pinned (OMP_PROC_BIND=close,
/// OMP_PLACES=cores, unless those are set) when INDUCTOR_PIN_THREADS=1, or by default when `pinByDefault`
/// (pinning binds the calling thread too, which a host process such as PyTorch may not want).
void inductor_configure_threads(int pinByDefault);

/// Heap allocation for generated code (the generic allocation functions of MLIR's memref -> LLVM lowering).
/// A failed allocation fails with "inductor: cannot allocate N bytes" (see inductor_runtime_fail).
void *_mlir_memref_to_llvm_alloc(uint64_t bytes);
void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t bytes);
void _mlir_memref_to_llvm_free(void *ptr);

/// Calls a packed JIT entry point `function(arguments)`. Returns 0 when it returns normally and -1 when the
/// generated code stops on a failed runtime check or allocation; then `*message` (if not null) points to
/// what the code reported, valid until the next guarded call on this thread. Guarded calls nest.
int inductor_runtime_guarded_call(void (*function)(void **), void **arguments, const char **message);

/// What generated code calls instead of `puts` and `abort` (the JIT maps those symbols here). Inside a
/// guarded call, puts records the message and abort returns to the guarded call; outside one they behave as
/// the C library's functions.
int inductor_runtime_puts(const char *text);
void inductor_runtime_abort(void);

/// Stops generated code with a message: returns to the active guarded call, or prints and aborts.
void inductor_runtime_fail(const char *message);

#ifdef __cplusplus
}
#endif

#endif
