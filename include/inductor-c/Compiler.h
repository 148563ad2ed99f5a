/*===- inductor-c/Compiler.h - C API of the inductor compiler -----*- C -*-===*\
|*                                                                            *|
|* Compile a module of aten-dialect IR to machine code for this CPU and call  *|
|* its entry function on dense buffers. The Python package binds this API.    *|
|*                                                                            *|
|* Errors: functions that can fail return NULL or non-zero and, when `error`  *|
|* is not NULL, store a message (with IR locations for IR errors) that the    *|
|* caller frees with inductorFreeString.                                      *|
\*===----------------------------------------------------------------------===*/
#ifndef INDUCTOR_C_COMPILER_H
#define INDUCTOR_C_COMPILER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Element types of arguments and results.
typedef enum {
  INDUCTOR_F32,
  INDUCTOR_F64,
  INDUCTOR_F16,
  INDUCTOR_BF16,
  INDUCTOR_I64,
  INDUCTOR_I32,
  INDUCTOR_I16,
  INDUCTOR_I8,
  INDUCTOR_BOOL
} InductorDType;

/// The size of a dynamic (`?`) dimension in a signature.
#define INDUCTOR_DYNAMIC_SIZE INT64_MIN

/// The bytes of a `dense_resource<name>` constant in the IR (a frozen weight passed by pointer instead of as
/// text). The compiler reads them during inductorCompile only: the caller keeps them alive until it returns.
typedef struct {
  const char *name;
  const void *data;
  size_t size;
} InductorConstantData;

typedef struct {
  /// LLVM optimization level, 0-3 (default 2).
  unsigned optLevel;
  /// Fuse elementwise linalg ops before bufferization (default 1).
  int fuseElementwise;
  /// The compiled code never writes into its arguments (default 1): callers may pass their own buffers.
  int readOnlyArguments;
  /// Extra options of the inductor-lower-to-llvm pipeline in textual form, or NULL.
  const char *pipelineOptions;
  /// CPU to tune for, or NULL for the host CPU.
  const char *targetCpu;
  /// Data of the IR's `dense_resource` constants (default none). Every resource the IR names needs one.
  const InductorConstantData *constants;
  size_t numConstants;
} InductorCompileOptions;

typedef struct InductorFunction InductorFunction;

/// The default options.
InductorCompileOptions inductorDefaultCompileOptions(void);

/// Parses `ir` (MLIR text; `sourceName` names it in diagnostics), lowers it and JIT-compiles the function
/// `functionName` (NULL or "" for the only one). Returns NULL on error.
InductorFunction *inductorCompile(const char *ir, size_t irLength, const char *sourceName,
                                  const char *functionName, const InductorCompileOptions *options,
                                  char **error);
void inductorFunctionDestroy(InductorFunction *function);

/// The signature: number of arguments/results and, per tensor, dtype, rank and sizes (dynamic sizes are
/// INDUCTOR_DYNAMIC_SIZE). `shape` stays valid while the function lives.
int inductorFunctionGetNumArguments(const InductorFunction *function);
int inductorFunctionGetNumResults(const InductorFunction *function);
void inductorFunctionGetArgument(const InductorFunction *function, int index, InductorDType *dtype, int *rank,
                                 const int64_t **shape);
void inductorFunctionGetResult(const InductorFunction *function, int index, InductorDType *dtype, int *rank,
                               const int64_t **shape);

/// Milliseconds spent in the MLIR pipeline, LLVM IR translation, LLVM optimization and code generation.
void inductorFunctionGetCompileTimes(const InductorFunction *function, double *pipelineMs, double *translateMs,
                                     double *llvmOptMs, double *codegenMs);

/// Words of the memref descriptors the function returns: 3 + 2 * rank per result (allocated pointer,
/// aligned pointer, offset, sizes, strides).
size_t inductorFunctionGetNumResultWords(const InductorFunction *function);

/// Calls the function. `argumentWords` holds the descriptor of every argument in the same layout as the
/// results. Returns 0 on success; on a failed runtime check or allocation returns non-zero and sets `error`.
/// The buffers of results whose allocated pointer is neither an argument's nor inductorConstantMarker()
/// belong to the caller, who frees them with inductorFreeBuffer.
int inductorFunctionCall(InductorFunction *function, int64_t *argumentWords, int64_t *resultWords,
                         char **error);

/// The allocated pointer of results that are compiled-in constants (never free them).
void *inductorConstantMarker(void);
void inductorFreeBuffer(void *allocated);
/// Threads for the parallel loops of compiled code called from this thread (n <= 0: ignored). The default
/// is INDUCTOR_NUM_THREADS, else OMP_NUM_THREADS, else one thread per physical core.
void inductorSetNumThreads(int n);
void inductorFreeString(char *string);

#ifdef __cplusplus
}
#endif

#endif
