//===- JitFunction.h - Lower, JIT-compile and call one function -*- C++ -*-===//
//
// The execution engine shared by `inductor-run` and the Python binding: lowers a module of aten/linalg IR
// with the inductor pipeline, JIT-compiles it for the host CPU with LLVM and calls one of its functions
// through the packed wrapper ExecutionEngine generates. Failed runtime checks and allocations in the
// generated code come back as errors instead of aborting the process.
//
//===----------------------------------------------------------------------===//
#ifndef INDUCTOR_EXECUTION_JITFUNCTION_H
#define INDUCTOR_EXECUTION_JITFUNCTION_H

#include "Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
namespace inductor {

/// How an MLIR element type is stored in memory.
enum class ElementKind { F32, F64, F16, BF16, I64, I32, I16, I8, I1 };

struct ElementInfo {
  ElementKind kind;
  /// NumPy-style descriptor. bf16 has no NumPy dtype: its raw bits travel as uint16.
  const char *descr;
  /// Bytes per element in memory. i1 memrefs lower to one byte per element (LLVM's store size of i1).
  unsigned byteWidth;
  bool isFloat() const { return kind <= ElementKind::BF16; }
};

/// The element info of a supported tensor element type (f32, f64, f16, bf16, i64, i32, i16, i8, i1).
std::optional<ElementInfo> getElementInfo(Type type);

/// A function argument or result: a ranked tensor of a supported element type.
struct TensorSignature {
  RankedTensorType type;
  ElementInfo element;
};

struct JitOptions {
  /// LLVM optimization and codegen level (0-3). 2 compiles the BERT encoder layer in about half the time of
  /// 3 with no slower code (measured in session 1).
  unsigned optLevel = 2;
  /// CPU to tune for ("host" = LLVM's host CPU name). The host's features are always enabled.
  std::string targetCpu = "host";
  /// Extra target features, comma separated ("+avx512f,-prefer-256-bit").
  std::string extraFeatures;
  /// Preferred vector width for LLVM's vectorizers on AVX-512 CPUs (0 keeps the CPU default).
  unsigned preferVectorWidth = 512;
  /// Options of the inductor-lower-to-llvm pipeline in its textual form ("fuse-elementwise=false").
  std::string pipelineOptions;
  /// Extra shared libraries for the JIT to load.
  std::vector<std::string> sharedLibs;
  /// Marks the function's tensor arguments read-only for bufferization, so calls never write into the
  /// caller's buffers (zero-copy callers such as the Python binding need this).
  bool readOnlyArguments = false;
  /// Pin the threads of parallel loops to cores unless INDUCTOR_PIN_THREADS=0 (see inductor_configure_threads;
  /// the C API, which embedders use, leaves it off).
  bool pinThreads = true;
  std::string dumpLLVMIR;
};

struct CompileTimings {
  double pipelineMs = 0, translateMs = 0, llvmOptMs = 0, codegenMs = 0;
};

/// A memref descriptor as a lowered function returns it.
struct MemRefDescriptor {
  void *allocated;
  char *aligned;
  int64_t offset;
  SmallVector<int64_t> sizes;
  SmallVector<int64_t> strides;
};

/// The marker finalize-memref-to-llvm puts in the allocated pointer of buffers of memref.get_global:
/// constants that must never be freed.
inline void *globalBufferMarker() { return reinterpret_cast<void *>(static_cast<intptr_t>(0xdeadbeef)); }

/// Finds the function to compile: `name`, or the only defined function when `name` is empty.
llvm::Expected<func::FuncOp> findEntryFunction(ModuleOp module, StringRef name);

/// Reads the argument or result signatures of `func`; fails on anything but supported ranked tensors.
llvm::Expected<SmallVector<TensorSignature>> getSignatures(func::FuncOp func, TypeRange types, StringRef what);

class JitFunction {
public:
  /// Lowers `module` in place and JIT-compiles it; `name` is the function to call later. Diagnostics of the
  /// pipeline go to the context's diagnostic handler.
  static llvm::Expected<std::unique_ptr<JitFunction>> compile(ModuleOp module, StringRef name,
                                                              const JitOptions &options,
                                                              CompileTimings *timings = nullptr);
  ~JitFunction();

  ArrayRef<TensorSignature> getArguments() const { return arguments; }
  ArrayRef<TensorSignature> getResults() const { return results; }
  ExecutionEngine &getEngine() { return *engine; }

  /// Calls the function. `argumentWords` holds, per argument, its expanded memref descriptor (allocated,
  /// aligned, offset, sizes, strides) as 8-byte words; the results land in `resultWords` (3 + 2 * rank words
  /// per result, see decodeResults). Returns an error carrying the generated code's message when a runtime
  /// check or allocation fails.
  llvm::Error call(MutableArrayRef<int64_t> argumentWords, MutableArrayRef<int64_t> resultWords);

  /// Number of result words `call` writes.
  size_t getNumResultWords() const;
  SmallVector<MemRefDescriptor> decodeResults(ArrayRef<int64_t> resultWords) const;

private:
  JitFunction() = default;
  /// Moves large constant globals (packed weights) out of the LLVM module into externalConstants.
  void moveLargeConstantsOut(ModuleOp module);

  struct FreeDeleter {
    void operator()(char *p) const { std::free(p); }
  };
  struct ExternalConstant {
    std::string name;
    std::unique_ptr<char, FreeDeleter> data;
  };
  std::vector<ExternalConstant> externalConstants;
  std::unique_ptr<ExecutionEngine> engine;
  void (*packedFunction)(void **) = nullptr;
  SmallVector<TensorSignature> arguments, results;
};

/// Sets how many threads the parallel loops of JIT-compiled code called from this thread use (the
/// omp_set_num_threads of the OpenMP runtime the JIT loads, not of any other OpenMP in the process, such as
/// PyTorch's). n <= 0 is ignored.
void setJitNumThreads(int n);

/// Appends the expanded descriptor of a dense row-major buffer to `words`.
void appendDenseDescriptor(SmallVectorImpl<int64_t> &words, void *data, ArrayRef<int64_t> shape);

} // namespace inductor
} // namespace mlir

#endif
