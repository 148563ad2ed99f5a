//===- JitFunction.cpp - Lower, JIT-compile and call one function ---------===//

#include "Execution/JitFunction.h"

#include "Runtime/Runtime.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <dlfcn.h>

using namespace mlir;
using namespace mlir::inductor;

namespace {
using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string typeToString(Type type) {
  std::string result;
  llvm::raw_string_ostream os(result);
  os << type;
  return result;
}

// LLVM lowers f32/f64 -> bf16 truncation on x86 to calls to compiler-rt's __truncsfbf2/__truncdfbf2, which
// libgcc 12 does not provide. The bf16 result travels in the low 16 bits of xmm0, so returning a float whose
// bit pattern holds the bf16 bits is ABI-compatible.
float bitsInFloat(uint16_t bits) {
  uint32_t widened = bits;
  float result;
  std::memcpy(&result, &widened, sizeof(result));
  return result;
}

float truncateF32ToBF16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  if ((bits & 0x7fffffff) > 0x7f800000) // NaN: keep the sign and payload top, force quiet.
    return bitsInFloat(static_cast<uint16_t>((bits >> 16) | 0x40));
  bits += 0x7fff + ((bits >> 16) & 1); // Round to nearest, ties to even.
  return bitsInFloat(static_cast<uint16_t>(bits >> 16));
}

float truncateF64ToBF16(double value) {
  // Direct rounding; going through f32 would round twice.
  llvm::APFloat converted(value);
  bool losesInfo;
  converted.convert(llvm::APFloat::BFloat(), llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return bitsInFloat(static_cast<uint16_t>(converted.bitcastToAPInt().getZExtValue()));
}

/// Symbols the generated code calls, bound to this process's functions explicitly, so they resolve even
/// when this library is loaded with RTLD_LOCAL (as Python loads extension modules).
llvm::orc::SymbolMap getRuntimeSymbols(llvm::orc::MangleAndInterner interner) {
  llvm::orc::SymbolMap symbols;
  auto bind = [&](const char *name, auto *address) {
    symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address), llvm::JITSymbolFlags::Exported};
  };
  bind("__truncsfbf2", &truncateF32ToBF16);
  bind("__truncdfbf2", &truncateF64ToBF16);
  bind("_mlir_memref_to_llvm_alloc", &_mlir_memref_to_llvm_alloc);
  bind("_mlir_memref_to_llvm_aligned_alloc", &_mlir_memref_to_llvm_aligned_alloc);
  bind("_mlir_memref_to_llvm_free", &_mlir_memref_to_llvm_free);
  // cf.assert lowers to puts + abort; inside a guarded call these return an error to the caller instead.
  bind("puts", &inductor_runtime_puts);
  bind("abort", &inductor_runtime_abort);
  return symbols;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createTargetMachine(const JitOptions &options) {
  std::string cpu = options.targetCpu == "host" ? llvm::sys::getHostCPUName().str() : options.targetCpu;
  // Host features describe what this machine can execute, whatever CPU the code is tuned for.
  llvm::SubtargetFeatures features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature.first(), feature.second);
  for (StringRef feature : llvm::split(options.extraFeatures, ','))
    if (!feature.trim().empty())
      features.AddFeature(feature.trim());
  if (options.optLevel > 3)
    return makeError("opt level must be 0, 1, 2 or 3");
  static const llvm::CodeGenOptLevel levels[] = {llvm::CodeGenOptLevel::None, llvm::CodeGenOptLevel::Less,
                                                 llvm::CodeGenOptLevel::Default,
                                                 llvm::CodeGenOptLevel::Aggressive};
  llvm::orc::JITTargetMachineBuilder builder{llvm::Triple(llvm::sys::getProcessTriple())};
  builder.setCPU(cpu);
  builder.addFeatures(features.getFeatures());
  builder.setCodeGenOptLevel(levels[options.optLevel]);
  auto targetMachine = builder.createTargetMachine();
  if (!targetMachine)
    return makeError("cannot create a target machine: " + llvm::toString(targetMachine.takeError()));
  if (!(*targetMachine)->getMCSubtargetInfo()->isCPUStringValid(cpu))
    return makeError("unknown target CPU '" + cpu + "'");
  return std::move(*targetMachine);
}
} // namespace

std::optional<ElementInfo> mlir::inductor::getElementInfo(Type type) {
  if (type.isF32())
    return ElementInfo{ElementKind::F32, "<f4", 4};
  if (type.isF64())
    return ElementInfo{ElementKind::F64, "<f8", 8};
  if (type.isF16())
    return ElementInfo{ElementKind::F16, "<f2", 2};
  if (type.isBF16())
    return ElementInfo{ElementKind::BF16, "<u2", 2};
  if (type.isSignlessInteger(64))
    return ElementInfo{ElementKind::I64, "<i8", 8};
  if (type.isSignlessInteger(32))
    return ElementInfo{ElementKind::I32, "<i4", 4};
  if (type.isSignlessInteger(16))
    return ElementInfo{ElementKind::I16, "<i2", 2};
  if (type.isSignlessInteger(8))
    return ElementInfo{ElementKind::I8, "|i1", 1};
  if (type.isSignlessInteger(1))
    return ElementInfo{ElementKind::I1, "|b1", 1};
  return std::nullopt;
}

llvm::Expected<func::FuncOp> mlir::inductor::findEntryFunction(ModuleOp module, StringRef name) {
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isDeclaration())
      candidates.push_back(func);
  std::string available =
      llvm::join(llvm::map_range(candidates, [](func::FuncOp func) { return func.getName().str(); }), ", ");
  if (available.empty())
    available = "none";
  if (name.empty()) {
    if (candidates.size() == 1)
      return candidates.front();
    return makeError("a function name (--function) is required when the module does not define exactly one function "
                     "(defined: " + available + ")");
  }
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func)
    return makeError("no function named '" + name + "' (defined: " + available + ")");
  if (func.isDeclaration())
    return makeError("function '" + name + "' is only declared, it has no body");
  if (func.isPrivate())
    return makeError("function '" + name + "' is private; only public functions can be called");
  return func;
}

llvm::Expected<SmallVector<TensorSignature>> mlir::inductor::getSignatures(func::FuncOp func, TypeRange types,
                                                                           StringRef what) {
  SmallVector<TensorSignature> signatures;
  for (auto [index, type] : llvm::enumerate(types)) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    std::optional<ElementInfo> element;
    if (tensorType)
      element = getElementInfo(tensorType.getElementType());
    if (!element)
      return makeError("function '" + func.getName() + "' " + what + " #" + llvm::Twine(index) + " has type " +
                       typeToString(type) +
                       "; only ranked tensors of f32, f64, f16, bf16, i64, i32, i16, i8 or i1 are supported");
    signatures.push_back({tensorType, *element});
  }
  return signatures;
}

void mlir::inductor::appendDenseDescriptor(SmallVectorImpl<int64_t> &words, void *data, ArrayRef<int64_t> shape) {
  words.push_back(reinterpret_cast<intptr_t>(data)); // allocated
  words.push_back(reinterpret_cast<intptr_t>(data)); // aligned
  words.push_back(0);                                // offset
  words.append(shape.begin(), shape.end());
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t dim = static_cast<int64_t>(strides.size()) - 2; dim >= 0; --dim)
    strides[dim] = strides[dim + 1] * shape[dim + 1];
  words.append(strides.begin(), strides.end());
}

JitFunction::~JitFunction() = default;

void mlir::inductor::setJitNumThreads(int n) {
  if (n <= 0)
    return;
  inductor_configure_threads(/*pinByDefault=*/0);
  // By handle: a process with PyTorch also has GNU OpenMP, whose omp_set_num_threads a plain lookup may find.
  static void (*setThreads)(int) = [] {
    void *library = dlopen(INDUCTOR_OPENMP_RUNTIME, RTLD_LAZY | RTLD_GLOBAL);
    return library ? reinterpret_cast<void (*)(int)>(dlsym(library, "omp_set_num_threads")) : nullptr;
  }();
  if (setThreads)
    setThreads(n);
}

void JitFunction::moveLargeConstantsOut(ModuleOp module) {
  // LLVM handles the initializer of a global element by element (bf16 data especially, through APFloat):
  // a 32 MiB packed bf16 weight took 14 s to translate and compile. Such constants (frozen, packed weights)
  // therefore stay out of the LLVM module: their bytes move into buffers this object owns and the globals
  // become external declarations that the JIT binds to those buffers.
  constexpr int64_t kMinBytes = 64 * 1024;
  module.walk([&](LLVM::GlobalOp global) {
    if (!global.getConstant())
      return;
    // The global's bytes: `fill(buffer)` writes `bytes` of them.
    int64_t bytes = 0;
    std::function<void(char *)> fill;
    if (auto resource = dyn_cast_or_null<DenseResourceElementsAttr>(global.getValueOrNull())) {
      // dense_resource constants (frozen weights passed by pointer) always move out, whatever their size:
      // their bytes belong to the caller, and only during compilation.
      AsmResourceBlob *blob = resource.getRawHandle().getBlob();
      if (!blob)
        return;
      ArrayRef<char> raw = blob->getData();
      bytes = raw.size();
      fill = [raw](char *to) { std::memcpy(to, raw.data(), raw.size()); };
    } else if (auto dense = dyn_cast_or_null<DenseElementsAttr>(global.getValueOrNull())) {
      auto type = cast<ShapedType>(dense.getType());
      // Index constants (reshape shapes) and other non-numeric elements have no fixed byte size here.
      if (!type.getElementType().isIntOrFloat() || !type.hasStaticShape() || type.getElementTypeBitWidth() % 8 != 0)
        return;
      int64_t elementBytes = type.getElementTypeBitWidth() / 8, count = type.getNumElements();
      bytes = count * elementBytes;
      if (bytes < kMinBytes)
        return;
      fill = [dense, elementBytes, count, bytes](char *to) {
        ArrayRef<char> raw = dense.getRawData();
        if (!dense.isSplat())
          return (void)std::memcpy(to, raw.data(), bytes);
        for (int64_t i = 0; i < count; ++i)
          std::memcpy(to + i * elementBytes, raw.data(), elementBytes);
      };
    } else {
      return;
    }
    ExternalConstant constant;
    constant.name = global.getSymName().str();
    constant.data.reset(static_cast<char *>(std::aligned_alloc(64, std::max<int64_t>(64, (bytes + 63) / 64 * 64))));
    fill(constant.data.get());
    global.removeValueAttr();
    global.setLinkage(LLVM::Linkage::External);
    externalConstants.push_back(std::move(constant));
  });
}

llvm::Expected<std::unique_ptr<JitFunction>> JitFunction::compile(ModuleOp module, StringRef name,
                                                                  const JitOptions &options,
                                                                  CompileTimings *timings) {
  CompileTimings localTimings;
  if (!timings)
    timings = &localTimings;
  std::unique_ptr<JitFunction> jit(new JitFunction());

  llvm::Expected<func::FuncOp> func = findEntryFunction(module, name);
  if (!func)
    return func.takeError();
  std::string functionName = func->getName().str();
  auto arguments = getSignatures(*func, func->getArgumentTypes(), "argument");
  if (!arguments)
    return arguments.takeError();
  auto results = getSignatures(*func, func->getResultTypes(), "result");
  if (!results)
    return results.takeError();
  jit->arguments = std::move(*arguments);
  jit->results = std::move(*results);
  if (options.readOnlyArguments)
    for (unsigned i = 0, e = func->getNumArguments(); i < e; ++i)
      func->setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                       BoolAttr::get(module.getContext(), false));

  // Lower to the LLVM dialect.
  Clock::time_point start = Clock::now();
  LowerToLLVMOptions pipelineOptions;
  if (failed(pipelineOptions.parseFromString(options.pipelineOptions)))
    return makeError("invalid pipeline options '" + options.pipelineOptions + "'");
  PassManager pm(module.getContext());
  buildLowerToLLVMPipeline(pm, pipelineOptions);
  if (failed(pm.run(module)))
    return makeError("the lowering pipeline failed (see the diagnostics above)");
  timings->pipelineMs = millisecondsSince(start);
  jit->moveLargeConstantsOut(module);

  // Translate to LLVM IR, optimize and JIT-compile.
  start = Clock::now();
  auto targetMachine = createTargetMachine(options);
  if (!targetMachine)
    return targetMachine.takeError();
  llvm::TargetMachine *tm = targetMachine->get();
  bool hasAVX512 = tm->getTargetFeatureString().contains("+avx512f");
  auto buildLLVMModule = [&](Operation *op, llvm::LLVMContext &llvmContext) {
    Clock::time_point translateStart = Clock::now();
    std::unique_ptr<llvm::Module> llvmModule = translateModuleToLLVMIR(op, llvmContext);
    timings->translateMs = millisecondsSince(translateStart);
    return llvmModule;
  };
  auto optimizeLLVMModule = makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0, tm);
  auto transformer = [&](llvm::Module *llvmModule) -> llvm::Error {
    Clock::time_point optStart = Clock::now();
    // On AVX-512 CPUs LLVM vectorizes for 256 bits unless told otherwise.
    if (options.preferVectorWidth != 0 && hasAVX512)
      for (llvm::Function &function : *llvmModule)
        if (!function.isDeclaration())
          function.addFnAttr("prefer-vector-width", llvm::utostr(options.preferVectorWidth));
    llvm::Error error = optimizeLLVMModule(llvmModule);
    timings->llvmOptMs = millisecondsSince(optStart);
    if (!error && !options.dumpLLVMIR.empty()) {
      std::error_code ec;
      llvm::raw_fd_ostream os(options.dumpLLVMIR, ec);
      if (ec)
        return makeError("cannot write '" + options.dumpLLVMIR + "': " + ec.message());
      llvmModule->print(os, nullptr);
    }
    return error;
  };
  // MLIR's C runner utils provide memrefCopy, which strided memref.copy (padding, slices, concat) lowers to.
  // LLVM's OpenMP runtime runs the parallel task loops of the microkernels.
  SmallVector<StringRef> libraries = {INDUCTOR_MLIR_C_RUNNER_UTILS, INDUCTOR_OPENMP_RUNTIME};
  for (const std::string &library : options.sharedLibs)
    libraries.push_back(library);
  ExecutionEngineOptions engineOptions;
  engineOptions.llvmModuleBuilder = buildLLVMModule;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = tm->getOptLevel();
  engineOptions.sharedLibPaths = libraries;
  engineOptions.enableObjectDump = true;
  auto engine = ExecutionEngine::create(module, engineOptions, std::move(*targetMachine));
  if (!engine)
    return makeError("JIT compilation failed: " + llvm::toString(engine.takeError()));
  jit->engine = std::move(*engine);
  jit->engine->registerSymbols(getRuntimeSymbols);
  jit->engine->registerSymbols([&](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    for (const ExternalConstant &constant : jit->externalConstants)
      symbols[interner(constant.name)] = {llvm::orc::ExecutorAddr::fromPtr(constant.data.get()),
                                          llvm::JITSymbolFlags::Exported};
    return symbols;
  });
  jit->engine->initialize();
  auto function = jit->engine->lookupPacked(functionName);
  if (!function)
    return makeError("JIT compilation failed: " + llvm::toString(function.takeError()));
  jit->packedFunction = *function;
  timings->codegenMs = millisecondsSince(start) - timings->translateMs - timings->llvmOptMs;
  // Generated code may use AMX tiles, which Linux only allows after a per-process request.
  inductor_request_amx_permission();
  inductor_configure_threads(options.pinThreads);
  return jit;
}

size_t JitFunction::getNumResultWords() const {
  size_t words = 0;
  for (const TensorSignature &result : results)
    words += 3 + 2 * result.type.getRank();
  return words;
}

llvm::Error JitFunction::call(MutableArrayRef<int64_t> argumentWords, MutableArrayRef<int64_t> resultWords) {
  assert(resultWords.size() >= getNumResultWords() && "result buffer too small");
  // The packed wrapper takes the address of every scalar of every argument, then the address of the
  // returned struct of descriptors, whose fields are all pointers or i64: a flat array of words.
  SmallVector<void *> packedArgs;
  packedArgs.reserve(argumentWords.size() + 1);
  for (int64_t &word : argumentWords)
    packedArgs.push_back(&word);
  if (!results.empty())
    packedArgs.push_back(resultWords.data());
  const char *message = nullptr;
  if (inductor_runtime_guarded_call(packedFunction, packedArgs.data(), &message) != 0)
    return makeError(llvm::Twine("a runtime check in the compiled code failed: ") +
                     (message && *message ? message : "(no message)"));
  return llvm::Error::success();
}

SmallVector<MemRefDescriptor> JitFunction::decodeResults(ArrayRef<int64_t> resultWords) const {
  SmallVector<MemRefDescriptor> descriptors;
  const int64_t *word = resultWords.data();
  for (const TensorSignature &result : results) {
    int64_t rank = result.type.getRank();
    MemRefDescriptor memref;
    memref.allocated = reinterpret_cast<void *>(word[0]);
    memref.aligned = reinterpret_cast<char *>(word[1]);
    memref.offset = word[2];
    memref.sizes.assign(word + 3, word + 3 + rank);
    memref.strides.assign(word + 3 + rank, word + 3 + 2 * rank);
    descriptors.push_back(std::move(memref));
    word += 3 + 2 * rank;
  }
  return descriptors;
}
