//===- inductor-run.cpp - JIT-compile and run one MLIR function -----------===//
//
// inductor-run FILE.mlir --function=NAME [--input=a.npy]... [--output-dir=DIR] [--repeat=N] [--print-time]
//
// Parses the file, lowers it with the inductor aten -> LLVM pipeline, JIT-compiles it with LLVM for the host
// CPU and calls one function on .npy inputs (or seeded random inputs). Results are summarized on stdout and,
// with --output-dir, written as result0.npy, result1.npy, ...
//
// The function signature is read from the IR *before* lowering: every argument and result must be a ranked
// tensor of f32, f64, f16, bf16, i64, i32, i16, i8 or i1. After lowering each tensor is a memref descriptor;
// the tool calls the packed wrapper `_mlir_<name>` that ExecutionEngine generates, which takes a pointer to
// every scalar argument (allocated ptr, aligned ptr, offset, sizes, strides per memref) followed by a pointer
// to the returned struct of descriptors.
//
// Every error (bad IR, unknown function, malformed or mismatched input, lowering or JIT failure) is reported
// on stderr prefixed with "inductor-run:" and exits with status 1.
//
//===----------------------------------------------------------------------===//

#include "Npy.h"

#include <csignal>
#include <cstdio>
#include <unistd.h>

#include "InitAll.h"
#include "Pipelines/Pipelines.h"
#include "Runtime/Runtime.h"
#include "Execution/JitFunction.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ExecutionEngine/Orc/Core.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <optional>

using namespace mlir;
namespace cl = llvm::cl;
namespace npy = mlir::inductor::npy;
using namespace mlir::inductor;

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

static cl::OptionCategory runCategory("inductor-run options");

static cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<input .mlir file, '-' for stdin>"),
                                          cl::init("-"), cl::cat(runCategory));
static cl::opt<std::string> functionName(
    "function", cl::desc("Function to run (default: the only function defined in the module)"),
    cl::value_desc("name"), cl::cat(runCategory));
static cl::list<std::string> inputFiles(
    "input",
    cl::desc("A .npy file per function argument, in order. Without any, inputs are random (see --seed)"),
    cl::value_desc("file.npy"), cl::cat(runCategory));
static cl::opt<uint64_t> seed(
    "seed",
    cl::desc("Seed of the random inputs used without --input: floats are normal(0, 1), integers uniform in "
             "[0, 8), booleans 50/50"),
    cl::init(0), cl::cat(runCategory));
static cl::opt<int64_t> dynamicDimSize("dynamic-dim-size",
                                       cl::desc("Size of every dynamic ('?') dimension of random inputs"),
                                       cl::init(8), cl::cat(runCategory));
static cl::opt<std::string> outputDir(
    "output-dir",
    cl::desc("Write the results as result0.npy, result1.npy, ... into this directory (created if "
             "missing). Without it nothing is written; results are only summarized on stdout"),
    cl::value_desc("dir"), cl::cat(runCategory));
static cl::opt<bool> quiet("quiet", cl::desc("Do not print the result summary"), cl::cat(runCategory));
static cl::opt<unsigned> repeat(
    "repeat", cl::desc("Call the function N times after one warm-up call and report per-call times"),
    cl::init(1), cl::value_desc("N"), cl::cat(runCategory));
static cl::opt<bool> printTime(
    "print-time",
    cl::desc("Print compile times in ms ('compile_ms=...') and per-call times in us ('time_us best=...')"),
    cl::cat(runCategory));

static cl::opt<std::string> targetCpu(
    "target-cpu", cl::desc("CPU to compile for ('host' = LLVM's host CPU name); host features are always used"),
    cl::init("host"), cl::cat(runCategory));
static cl::opt<std::string> extraFeatures("mattr",
                                          cl::desc("Extra target features, e.g. '-avx512f,+prefer-256-bit'"),
                                          cl::cat(runCategory));
// Default 2: on the bundled BERT encoder layer -O2 compiled in 1.4-1.6 s against 2.6-3.2 s for -O3, with no
// slower code (best call 131 ms vs 143 ms, same run). Re-measure when the code generation changes.
static cl::opt<unsigned> optLevel("opt-level", cl::desc("LLVM optimization and codegen level (0-3)"),
                                  cl::init(2), cl::cat(runCategory));
static cl::opt<unsigned> preferVectorWidth(
    "prefer-vector-width",
    cl::desc("Preferred vector width in bits for LLVM's vectorizers; 0 keeps the CPU's default (256 on "
             "AVX-512 CPUs). Default 512 when the CPU has AVX-512F"),
    cl::init(512), cl::cat(runCategory));
static cl::opt<std::string> pipelineOptions(
    "pipeline-options",
    cl::desc("Options of the lowering pipeline, as for inductor-opt's inductor-lower-to-llvm{...}, e.g. "
             "'fuse-elementwise=false'"),
    cl::cat(runCategory));
static cl::opt<bool> noFuseElementwise("no-fuse-elementwise",
                                       cl::desc("Shorthand for --pipeline-options=fuse-elementwise=false"),
                                       cl::cat(runCategory));
static cl::list<std::string> sharedLibs("shared-libs", cl::desc("Shared libraries to load into the JIT"),
                                        cl::CommaSeparated, cl::cat(runCategory));
static cl::opt<std::string> dumpObjectFile("dump-object-file",
                                           cl::desc("Write the JIT-compiled object code to this file"),
                                           cl::value_desc("file.o"), cl::cat(runCategory));
static cl::opt<std::string> dumpLLVMIR("dump-llvm-ir",
                                       cl::desc("Write the optimized LLVM IR to this file ('-' for stdout)"),
                                       cl::value_desc("file.ll"), cl::cat(runCategory));

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static LogicalResult fail(const llvm::Twine &message) {
  llvm::errs() << "inductor-run: " << message << "\n";
  return failure();
}

namespace {
using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Names a .npy dtype the way MLIR would spell the element type, for error messages.
std::string describeDescr(llvm::StringRef descr) {
  static const std::pair<const char *, const char *> names[] = {
      {"<f4", "f32"}, {"<f8", "f64"}, {"<f2", "f16"}, {"<u2", "u16"}, {"<i8", "i64"}, {"<i4", "i32"},
      {"<i2", "i16"}, {"|i1", "i8"},  {"|b1", "bool"}, {"|u1", "u8"}, {"<u4", "u32"}, {"<u8", "u64"}};
  for (auto [npyDescr, name] : names)
    if (descr == npyDescr)
      return name;
  return ("npy dtype '" + descr + "'").str();
}

//===----------------------------------------------------------------------===//
// Element conversions (for random inputs and result summaries)
//===----------------------------------------------------------------------===//

uint16_t floatToBits(float value, const llvm::fltSemantics &semantics) {
  llvm::APFloat converted(value);
  bool losesInfo;
  converted.convert(semantics, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return static_cast<uint16_t>(converted.bitcastToAPInt().getZExtValue());
}

float bitsToFloat(uint16_t bits, const llvm::fltSemantics &semantics) {
  llvm::APFloat value(semantics, llvm::APInt(16, bits));
  bool losesInfo;
  value.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return value.convertToFloat();
}

template <typename T>
T load(const char *ptr) {
  T value;
  std::memcpy(&value, ptr, sizeof(T));
  return value;
}

template <typename T>
void store(char *ptr, T value) {
  std::memcpy(ptr, &value, sizeof(T));
}

double readElement(const char *ptr, ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return load<float>(ptr);
  case ElementKind::F64:
    return load<double>(ptr);
  case ElementKind::F16:
    return bitsToFloat(load<uint16_t>(ptr), llvm::APFloat::IEEEhalf());
  case ElementKind::BF16:
    return bitsToFloat(load<uint16_t>(ptr), llvm::APFloat::BFloat());
  case ElementKind::I64:
    return static_cast<double>(load<int64_t>(ptr));
  case ElementKind::I32:
    return load<int32_t>(ptr);
  case ElementKind::I16:
    return load<int16_t>(ptr);
  case ElementKind::I8:
    return load<int8_t>(ptr);
  case ElementKind::I1:
    return load<uint8_t>(ptr) & 1;
  }
  llvm_unreachable("unknown element kind");
}

/// splitmix64 plus Box-Muller: a tiny generator whose sequence is the same with every standard library, so a
/// seed names the same inputs everywhere.
class RandomGenerator {
public:
  explicit RandomGenerator(uint64_t seed) : state(seed) {}

  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  /// Uniform in (0, 1].
  double nextUniform() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }

  double nextNormal() {
    double radius = std::sqrt(-2.0 * std::log(nextUniform()));
    return radius * std::cos(2.0 * M_PI * nextUniform());
  }

private:
  uint64_t state;
};

void fillRandom(npy::Array &array, ElementKind kind, RandomGenerator &rng) {
  char *ptr = array.data.data();
  int64_t numElements = array.getNumElements();
  size_t width = array.getElementByteWidth();
  for (int64_t i = 0; i < numElements; ++i, ptr += width) {
    switch (kind) {
    case ElementKind::F32:
      store<float>(ptr, static_cast<float>(rng.nextNormal()));
      break;
    case ElementKind::F64:
      store<double>(ptr, rng.nextNormal());
      break;
    case ElementKind::F16:
      store<uint16_t>(ptr, floatToBits(static_cast<float>(rng.nextNormal()), llvm::APFloat::IEEEhalf()));
      break;
    case ElementKind::BF16:
      store<uint16_t>(ptr, floatToBits(static_cast<float>(rng.nextNormal()), llvm::APFloat::BFloat()));
      break;
    case ElementKind::I64:
      store<int64_t>(ptr, static_cast<int64_t>(rng.next() % 8));
      break;
    case ElementKind::I32:
      store<int32_t>(ptr, static_cast<int32_t>(rng.next() % 8));
      break;
    case ElementKind::I16:
      store<int16_t>(ptr, static_cast<int16_t>(rng.next() % 8));
      break;
    case ElementKind::I8:
      store<int8_t>(ptr, static_cast<int8_t>(rng.next() % 8));
      break;
    case ElementKind::I1:
      store<uint8_t>(ptr, static_cast<uint8_t>(rng.next() >> 63));
      break;
    }
  }
}

//===----------------------------------------------------------------------===//
// Compiler-rt builtins missing from the process
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// Calling the JIT-compiled function
//===----------------------------------------------------------------------===//

/// Copies a (possibly strided) memref into a dense C-order array.
npy::Array copyToArray(const MemRefDescriptor &memref, const ElementInfo &element) {
  // Sizes come from the JIT code, which only produces valid shapes.
  npy::Array array = llvm::cantFail(npy::makeArray(element.descr, memref.sizes));
  int64_t numElements = array.getNumElements();
  if (numElements == 0)
    return array;
  size_t width = element.byteWidth;
  const char *base = memref.aligned + memref.offset * static_cast<int64_t>(width);
  char *out = array.data.data();
  int64_t rank = memref.sizes.size();

  bool isContiguous = true;
  for (int64_t dim = rank - 1, expected = 1; dim >= 0; expected *= memref.sizes[dim], --dim)
    if (memref.sizes[dim] != 1 && memref.strides[dim] != expected)
      isContiguous = false;
  if (isContiguous) {
    std::memcpy(out, base, static_cast<size_t>(numElements) * width);
  } else {
    SmallVector<int64_t> index(rank, 0);
    for (int64_t i = 0; i < numElements; ++i, out += width) {
      int64_t elementOffset = 0;
      for (int64_t dim = 0; dim < rank; ++dim)
        elementOffset += index[dim] * memref.strides[dim];
      std::memcpy(out, base + elementOffset * static_cast<int64_t>(width), width);
      for (int64_t dim = rank - 1; dim >= 0 && ++index[dim] == memref.sizes[dim]; --dim)
        index[dim] = 0;
    }
  }
  // LLVM only defines bit 0 of a stored i1; NumPy bools must be exactly 0 or 1.
  if (element.kind == ElementKind::I1)
    for (int64_t i = 0; i < numElements; ++i)
      array.data.data()[i] &= 1;
  return array;
}

/// Calls the compiled function on dense inputs, and collects and frees its results.
class Invoker {
public:
  Invoker(JitFunction &function, ArrayRef<npy::Array> inputs) : function(function), pristineInputs(inputs) {
    // Calls get private copies of the inputs: the callee may write into its arguments (one-shot bufferization
    // treats function arguments as writable), and every repeated call must see the original values.
    for (const npy::Array &input : inputs)
      workingInputs.push_back(llvm::cantFail(npy::makeArray(input.descr, input.shape)));
    for (npy::Array &input : workingInputs) {
      appendDenseDescriptor(argWords, input.data.data(), input.shape);
      inputBuffers.insert(input.data.data());
    }
    resultWords.assign(function.getNumResultWords(), 0);
  }

  /// Restores the inputs and calls the function once; returns the call's duration in microseconds. The
  /// results stay alive until releaseResults().
  llvm::Expected<double> call() {
    for (auto [working, pristine] : llvm::zip(workingInputs, pristineInputs))
      std::memcpy(working.data.data(), pristine.data.data(), pristine.data.size());
    SmallVector<int64_t> words(argWords); // The callee may not modify them, but keep the originals safe.
    Clock::time_point start = Clock::now();
    if (llvm::Error error = function.call(words, resultWords))
      return std::move(error);
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  }

  /// Copies the results of the last call into dense arrays.
  SmallVector<npy::Array> copyResults() const {
    SmallVector<npy::Array> results;
    for (auto [memref, signature] : llvm::zip(function.decodeResults(resultWords), function.getResults()))
      results.push_back(copyToArray(memref, signature.element));
    return results;
  }

  /// Frees the buffers returned by the last call. The generated code mallocs them; a result may also be a
  /// constant, alias an input (returned directly) or another result, which must not be freed (twice).
  void releaseResults() {
    SmallPtrSet<void *, 4> freed;
    for (const MemRefDescriptor &memref : function.decodeResults(resultWords)) {
      void *allocated = memref.allocated;
      if (!allocated || allocated == globalBufferMarker() || inputBuffers.contains(allocated) ||
          !freed.insert(allocated).second)
        continue;
      _mlir_memref_to_llvm_free(allocated);
    }
    std::fill(resultWords.begin(), resultWords.end(), 0);
  }

private:
  JitFunction &function;
  ArrayRef<npy::Array> pristineInputs;
  SmallVector<npy::Array> workingInputs;
  SmallPtrSet<void *, 8> inputBuffers;
  SmallVector<int64_t> argWords;
  SmallVector<int64_t> resultWords;
};

//===----------------------------------------------------------------------===//
// Driver steps
//===----------------------------------------------------------------------===//

std::string typeToString(Type type) {
  std::string result;
  llvm::raw_string_ostream os(result);
  os << type;
  return result;
}

/// Loads the --input files, or makes random inputs, and checks them against the argument types.
FailureOr<SmallVector<npy::Array>> prepareInputs(func::FuncOp func, ArrayRef<TensorSignature> args) {
  SmallVector<npy::Array> inputs;
  if (inputFiles.empty()) {
    if (dynamicDimSize < 0)
      return fail("--dynamic-dim-size must not be negative");
    RandomGenerator rng(seed);
    for (const TensorSignature &arg : args) {
      SmallVector<int64_t> shape(arg.type.getShape());
      for (int64_t &dim : shape)
        if (ShapedType::isDynamic(dim))
          dim = dynamicDimSize;
      llvm::Expected<npy::Array> array = npy::makeArray(arg.element.descr, shape);
      if (!array)
        return fail("random input: " + llvm::toString(array.takeError()));
      fillRandom(*array, arg.element.kind, rng);
      inputs.push_back(std::move(*array));
    }
    return inputs;
  }

  if (inputFiles.size() != args.size())
    return fail("function '" + func.getName() + "' takes " + Twine(args.size()) + " argument(s) " +
                typeToString(func.getFunctionType()) + ", got " + Twine(inputFiles.size()) + " --input file(s)");
  for (auto [index, path, arg] : llvm::enumerate(inputFiles, args)) {
    std::string prefix = ("input #" + Twine(index) + " (" + path + "): ").str();
    llvm::Expected<npy::Array> array = npy::readFile(path);
    if (!array)
      return fail(prefix + llvm::toString(array.takeError()));
    bool matches = array->descr == arg.element.descr &&
                   static_cast<int64_t>(array->shape.size()) == arg.type.getRank();
    for (int64_t dim = 0; matches && dim < arg.type.getRank(); ++dim)
      matches = arg.type.isDynamicDim(dim) || arg.type.getDimSize(dim) == array->shape[dim];
    if (!matches)
      return fail(prefix + "expected " + typeToString(arg.type) + ", got " + describeDescr(array->descr) + " " +
                  npy::formatShape(array->shape));
    inputs.push_back(std::move(*array));
  }
  return inputs;
}

void printSummary(ArrayRef<npy::Array> results, ArrayRef<TensorSignature> signatures) {
  constexpr int64_t kNumShown = 8;
  for (auto [index, result, signature] : llvm::enumerate(results, signatures)) {
    ElementKind kind = signature.element.kind;
    int64_t numElements = result.getNumElements();
    double sum = 0, absSum = 0;
    std::string first;
    llvm::raw_string_ostream os(first);
    for (int64_t i = 0; i < numElements; ++i) {
      double value = readElement(result.data.data() + i * signature.element.byteWidth, kind);
      sum += value;
      absSum += std::fabs(value);
      if (i < kNumShown) {
        os << (i ? ", " : "");
        if (signature.element.isFloat())
          os << llvm::format("%g", value);
        else
          os << static_cast<int64_t>(value);
      }
    }
    if (numElements > kNumShown)
      os << ", ...";
    llvm::outs() << "result" << index << ": dtype=" << signature.type.getElementType()
                 << " shape=" << npy::formatShape(result.shape) << " sum=" << llvm::format("%.9g", sum)
                 << " abs_sum=" << llvm::format("%.9g", absSum) << " values=[" << first << "]\n";
  }
}

LogicalResult writeResults(ArrayRef<npy::Array> results) {
  if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
    return fail("cannot create --output-dir '" + outputDir + "': " + ec.message());
  for (auto [index, result] : llvm::enumerate(results)) {
    SmallString<128> path(outputDir);
    llvm::sys::path::append(path, "result" + Twine(index) + ".npy");
    if (llvm::Error error = npy::writeFile(path, result))
      return fail(llvm::toString(std::move(error)));
  }
  return success();
}

LogicalResult run(DialectRegistry &registry) {
  if (optLevel > 3)
    return fail("--opt-level must be 0, 1, 2 or 3");
  if (repeat == 0)
    return fail("--repeat must be at least 1");

  MLIRContext context(registry);
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(inputFilename, &errorMessage);
  if (!file)
    return fail(errorMessage);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  // Prints every diagnostic (parser, verifier, passes, translation) with its file:line:col location.
  SourceMgrDiagnosticHandler diagnosticHandler(sourceMgr, &context);

  // Parse.
  Clock::time_point start = Clock::now();
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse '" + inputFilename + "'");
  double parseMs = millisecondsSince(start);

  // Read the signature and the inputs before lowering, so input errors are reported fast.
  llvm::Expected<func::FuncOp> func = findEntryFunction(*module, functionName);
  if (!func)
    return fail(inputFilename + ": " + llvm::toString(func.takeError()));
  auto argSignatures = getSignatures(*func, func->getArgumentTypes(), "argument");
  if (!argSignatures)
    return fail(llvm::toString(argSignatures.takeError()));
  FailureOr<SmallVector<npy::Array>> inputs = prepareInputs(*func, *argSignatures);
  if (failed(inputs))
    return failure();

  // Lower, translate to LLVM IR, optimize and JIT-compile.
  JitOptions options;
  options.optLevel = optLevel;
  options.targetCpu = targetCpu;
  options.extraFeatures = extraFeatures;
  options.preferVectorWidth = preferVectorWidth;
  options.pipelineOptions = pipelineOptions;
  if (noFuseElementwise)
    options.pipelineOptions += " fuse-elementwise=false";
  options.sharedLibs.assign(sharedLibs.begin(), sharedLibs.end());
  options.dumpLLVMIR = dumpLLVMIR;
  start = Clock::now();
  CompileTimings timings;
  auto function = JitFunction::compile(*module, func->getName(), options, &timings);
  if (!function)
    return fail(llvm::toString(function.takeError()));
  double compileMs = millisecondsSince(start);
  if (!dumpObjectFile.empty())
    (*function)->getEngine().dumpToObjectFile(dumpObjectFile);

  if (printTime)
    llvm::outs() << llvm::format("compile_ms=%.3f parse_ms=%.3f pipeline_ms=%.3f translate_ms=%.3f "
                                 "llvm_opt_ms=%.3f codegen_ms=%.3f\n",
                                 parseMs + compileMs, parseMs, timings.pipelineMs, timings.translateMs,
                                 timings.llvmOptMs, timings.codegenMs);

  // A failed runtime check in generated code (cf.assert) or a failed allocation comes back as an error.
  Invoker invoker(**function, *inputs);
  auto reportCallFailure = [](llvm::Error error) {
    return fail(llvm::toString(std::move(error)) +
                "; the inputs violate an assumption the function was compiled with, or memory ran out");
  };
  bool timed = printTime || repeat > 1;
  if (timed) {
    auto warmUp = invoker.call(); // Page faults, caches.
    if (!warmUp)
      return reportCallFailure(warmUp.takeError());
    invoker.releaseResults();
  }
  SmallVector<double> timesUs;
  for (unsigned i = 0; i < repeat; ++i) {
    auto time = invoker.call();
    if (!time)
      return reportCallFailure(time.takeError());
    timesUs.push_back(*time);
    if (i + 1 < repeat)
      invoker.releaseResults();
  }
  SmallVector<npy::Array> results = invoker.copyResults();
  invoker.releaseResults();

  if (timed) {
    llvm::sort(timesUs);
    double total = 0;
    for (double t : timesUs)
      total += t;
    size_t n = timesUs.size();
    double median = n % 2 ? timesUs[n / 2] : (timesUs[n / 2 - 1] + timesUs[n / 2]) / 2;
    llvm::outs() << llvm::format("time_us best=%.3f median=%.3f mean=%.3f calls=%zu\n", timesUs.front(), median,
                                 total / n, n);
  }
  if (!quiet)
    printSummary(results, (*function)->getResults());
  if (!outputDir.empty() && failed(writeResults(results)))
    return failure();
  return success();
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::InitializeNativeTargetAsmParser();

  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerAsmPrinterCLOptions();
  // libLLVM registers hundreds of backend options; --help shows ours (--help-hidden shows everything).
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "inductor-run: lower an MLIR module with the inductor pipeline, JIT-compile it "
                              "and run one function on .npy or random inputs\n");

  mlir::inductor::registerAllPasses();
  DialectRegistry registry;
  mlir::inductor::registerAllDialects(registry);
  registerAllToLLVMIRTranslations(registry);
  return failed(run(registry)) ? 1 : 0;
}
