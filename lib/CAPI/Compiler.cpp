//===- Compiler.cpp - C API of the inductor compiler ----------------------===//

#include "inductor-c/Compiler.h"

#include "Execution/JitFunction.h"
#include "InitAll.h"
#include "Runtime/Runtime.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <mutex>

using namespace mlir;
using namespace mlir::inductor;

struct InductorFunction {
  // The context owns the types the signatures refer to; it lives as long as the compiled code.
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<JitFunction> jit;
  CompileTimings timings;
  std::vector<std::vector<int64_t>> argumentShapes, resultShapes;
};

namespace {
char *copyString(llvm::StringRef text) {
  char *copy = static_cast<char *>(std::malloc(text.size() + 1));
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

void setError(char **error, llvm::StringRef message) {
  if (error)
    *error = copyString(message);
}

void initializeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
    registerAllPasses();
  });
}

InductorDType toDType(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return INDUCTOR_F32;
  case ElementKind::F64:
    return INDUCTOR_F64;
  case ElementKind::F16:
    return INDUCTOR_F16;
  case ElementKind::BF16:
    return INDUCTOR_BF16;
  case ElementKind::I64:
    return INDUCTOR_I64;
  case ElementKind::I32:
    return INDUCTOR_I32;
  case ElementKind::I16:
    return INDUCTOR_I16;
  case ElementKind::I8:
    return INDUCTOR_I8;
  case ElementKind::I1:
    return INDUCTOR_BOOL;
  }
  llvm_unreachable("unknown element kind");
}

std::vector<int64_t> toShape(RankedTensorType type) {
  std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
  for (int64_t &size : shape)
    if (ShapedType::isDynamic(size))
      size = INDUCTOR_DYNAMIC_SIZE;
  return shape;
}

void describe(const TensorSignature &signature, const std::vector<int64_t> &shape, InductorDType *dtype,
              int *rank, const int64_t **sizes) {
  if (dtype)
    *dtype = toDType(signature.element.kind);
  if (rank)
    *rank = static_cast<int>(shape.size());
  if (sizes)
    *sizes = shape.data();
}
} // namespace

/// Gives the IR's `dense_resource<name>` constants their bytes (the caller's memory, not copied: the passes that
/// keep a constant copy it, see PackContractions and JitFunction::moveLargeConstantsOut). A resource without
/// data, or data for a name the IR does not use, is an error.
static LogicalResult bindConstantData(MLIRContext &context, const InductorCompileOptions &options, std::string &diagnostics) {
  DialectResourceBlobManager &blobs = DenseResourceElementsHandle::getManagerInterface(&context).getBlobManager();
  for (size_t i = 0; i < options.numConstants; ++i) {
    const InductorConstantData &constant = options.constants[i];
    DialectResourceBlobManager::BlobEntry *entry = blobs.lookup(constant.name ? constant.name : "");
    if (!entry) {
      diagnostics += std::string("error: constant data for '") + (constant.name ? constant.name : "") +
                     "', which no dense_resource in the IR names\n";
      return failure();
    }
    // 64-byte alignment claimed only when true: the blob's alignment is what consumers may assume.
    size_t alignment = reinterpret_cast<uintptr_t>(constant.data) % 64 == 0 ? 64 : 1;
    entry->setBlob(UnmanagedAsmResourceBlob::allocateWithAlign(
        ArrayRef<char>(static_cast<const char *>(constant.data), constant.size), alignment));
  }
  std::string missing;
  blobs.getBlobMap([&](const llvm::StringMap<DialectResourceBlobManager::BlobEntry> &map) {
    for (const auto &entry : map)
      if (!entry.getValue().getBlob() && missing.empty())
        missing = entry.getKey().str();
  });
  if (!missing.empty()) {
    diagnostics += "error: dense_resource<" + missing + "> has no data (pass it in the compile options)\n";
    return failure();
  }
  return success();
}

extern "C" InductorCompileOptions inductorDefaultCompileOptions(void) {
  InductorCompileOptions options;
  options.optLevel = 2;
  options.fuseElementwise = 1;
  options.readOnlyArguments = 1;
  options.pipelineOptions = nullptr;
  options.targetCpu = nullptr;
  options.constants = nullptr;
  options.numConstants = 0;
  return options;
}

extern "C" InductorFunction *inductorCompile(const char *ir, size_t irLength, const char *sourceName,
                                             const char *functionName, const InductorCompileOptions *options,
                                             char **error) {
  initializeOnce();
  InductorCompileOptions defaults = inductorDefaultCompileOptions();
  if (!options)
    options = &defaults;

  auto result = std::make_unique<InductorFunction>();
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllToLLVMIRTranslations(registry);
  // One context per compiled function and no thread pool: callers may hold many compiled functions.
  result->context = std::make_unique<MLIRContext>(registry, MLIRContext::Threading::DISABLED);
  MLIRContext &context = *result->context;

  // Every diagnostic (parser, verifier, passes, translation) is collected with its location.
  std::string diagnostics;
  llvm::raw_string_ostream diagnosticStream(diagnostics);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBuffer(llvm::StringRef(ir, irLength), sourceName ? sourceName : "<ir>",
                                       /*RequiresNullTerminator=*/false),
      llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(sourceMgr, &context, diagnosticStream);
  auto fail = [&](llvm::StringRef message) -> InductorFunction * {
    std::string text = diagnostics;
    if (!text.empty() && text.back() != '\n')
      text += '\n';
    setError(error, text + message.str());
    return nullptr;
  };

  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse the module");
  if (LogicalResult bound = bindConstantData(context, *options, diagnostics); failed(bound))
    return fail("");

  JitOptions jitOptions;
  jitOptions.optLevel = options->optLevel;
  if (options->targetCpu && *options->targetCpu)
    jitOptions.targetCpu = options->targetCpu;
  jitOptions.readOnlyArguments = options->readOnlyArguments != 0;
  // An embedding process (PyTorch) owns its threads: pinning would bind its main thread (and so the threads it
  // creates later) to one core. INDUCTOR_PIN_THREADS=1 asks for it.
  jitOptions.pinThreads = false;
  if (options->pipelineOptions)
    jitOptions.pipelineOptions = options->pipelineOptions;
  if (!options->fuseElementwise)
    jitOptions.pipelineOptions += " fuse-elementwise=false";
  auto jit = JitFunction::compile(*module, functionName ? functionName : "", jitOptions, &result->timings);
  if (!jit)
    return fail(llvm::toString(jit.takeError()));
  result->jit = std::move(*jit);
  for (const TensorSignature &argument : result->jit->getArguments())
    result->argumentShapes.push_back(toShape(argument.type));
  for (const TensorSignature &res : result->jit->getResults())
    result->resultShapes.push_back(toShape(res.type));
  return result.release();
}

extern "C" void inductorFunctionDestroy(InductorFunction *function) { delete function; }

extern "C" int inductorFunctionGetNumArguments(const InductorFunction *function) {
  return static_cast<int>(function->argumentShapes.size());
}

extern "C" int inductorFunctionGetNumResults(const InductorFunction *function) {
  return static_cast<int>(function->resultShapes.size());
}

extern "C" void inductorFunctionGetArgument(const InductorFunction *function, int index, InductorDType *dtype,
                                            int *rank, const int64_t **shape) {
  describe(function->jit->getArguments()[index], function->argumentShapes[index], dtype, rank, shape);
}

extern "C" void inductorFunctionGetResult(const InductorFunction *function, int index, InductorDType *dtype,
                                          int *rank, const int64_t **shape) {
  describe(function->jit->getResults()[index], function->resultShapes[index], dtype, rank, shape);
}

extern "C" void inductorFunctionGetCompileTimes(const InductorFunction *function, double *pipelineMs,
                                                double *translateMs, double *llvmOptMs, double *codegenMs) {
  if (pipelineMs)
    *pipelineMs = function->timings.pipelineMs;
  if (translateMs)
    *translateMs = function->timings.translateMs;
  if (llvmOptMs)
    *llvmOptMs = function->timings.llvmOptMs;
  if (codegenMs)
    *codegenMs = function->timings.codegenMs;
}

extern "C" size_t inductorFunctionGetNumResultWords(const InductorFunction *function) {
  return function->jit->getNumResultWords();
}

extern "C" int inductorFunctionCall(InductorFunction *function, int64_t *argumentWords, int64_t *resultWords,
                                    char **error) {
  size_t numArgumentWords = 0;
  for (const std::vector<int64_t> &shape : function->argumentShapes)
    numArgumentWords += 3 + 2 * shape.size();
  llvm::Error status =
      function->jit->call(llvm::MutableArrayRef<int64_t>(argumentWords, numArgumentWords),
                          llvm::MutableArrayRef<int64_t>(resultWords, function->jit->getNumResultWords()));
  if (status) {
    setError(error, llvm::toString(std::move(status)));
    return 1;
  }
  return 0;
}

extern "C" void *inductorConstantMarker(void) { return globalBufferMarker(); }

extern "C" void inductorFreeBuffer(void *allocated) { _mlir_memref_to_llvm_free(allocated); }

extern "C" void inductorFreeString(char *string) { std::free(string); }

extern "C" void inductorSetNumThreads(int n) { mlir::inductor::setJitNumThreads(n); }
