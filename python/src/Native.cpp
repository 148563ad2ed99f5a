// nanobind module `inductor_mlir._native`: the Python face of the C API in inductor-c/Compiler.h.
// Tensors cross by DLPack: arguments are read in place (the compiled code never writes its arguments), and
// results are handed over as torch tensors that own the buffers the compiled code allocated.
#include "inductor-c/Compiler.h"

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace nb = nanobind;

namespace {
struct DTypeInfo {
  const char *name;
  nb::dlpack::dtype dlpack;
  size_t byteWidth;
};

DTypeInfo dtypeInfo(InductorDType dtype) {
  using nb::dlpack::dtype_code;
  auto make = [](dtype_code code, uint8_t bits) { return nb::dlpack::dtype{(uint8_t)code, bits, 1}; };
  switch (dtype) {
  case INDUCTOR_F32:
    return {"float32", make(dtype_code::Float, 32), 4};
  case INDUCTOR_F64:
    return {"float64", make(dtype_code::Float, 64), 8};
  case INDUCTOR_F16:
    return {"float16", make(dtype_code::Float, 16), 2};
  case INDUCTOR_BF16:
    return {"bfloat16", make(dtype_code::Bfloat, 16), 2};
  case INDUCTOR_I64:
    return {"int64", make(dtype_code::Int, 64), 8};
  case INDUCTOR_I32:
    return {"int32", make(dtype_code::Int, 32), 4};
  case INDUCTOR_I16:
    return {"int16", make(dtype_code::Int, 16), 2};
  case INDUCTOR_I8:
    return {"int8", make(dtype_code::Int, 8), 1};
  case INDUCTOR_BOOL:
    return {"bool", make(dtype_code::Bool, 8), 1};
  }
  throw std::logic_error("unknown dtype");
}

std::string takeError(char *error) {
  std::string message = error ? error : "unknown error";
  inductorFreeString(error);
  return message;
}

std::string formatShape(const int64_t *shape, int rank) {
  std::string text = "[";
  for (int i = 0; i < rank; ++i) {
    if (i)
      text += ", ";
    text += shape[i] == INDUCTOR_DYNAMIC_SIZE ? "?" : std::to_string(shape[i]);
  }
  return text + "]";
}

using Array = nb::ndarray<nb::ro, nb::device::cpu>;

class CompiledFunction {
public:
  explicit CompiledFunction(InductorFunction *function) : function(function) {}
  ~CompiledFunction() { inductorFunctionDestroy(function); }
  CompiledFunction(const CompiledFunction &) = delete;
  CompiledFunction &operator=(const CompiledFunction &) = delete;

  /// (dtype name, shape with -1 for dynamic sizes) per argument or result.
  std::vector<std::tuple<std::string, std::vector<int64_t>>> signature(bool results) const {
    std::vector<std::tuple<std::string, std::vector<int64_t>>> entries;
    int count = results ? inductorFunctionGetNumResults(function) : inductorFunctionGetNumArguments(function);
    for (int i = 0; i < count; ++i) {
      InductorDType dtype;
      int rank;
      const int64_t *shape;
      (results ? inductorFunctionGetResult : inductorFunctionGetArgument)(function, i, &dtype, &rank, &shape);
      std::vector<int64_t> sizes(shape, shape + rank);
      for (int64_t &size : sizes)
        if (size == INDUCTOR_DYNAMIC_SIZE)
          size = -1;
      entries.emplace_back(dtypeInfo(dtype).name, std::move(sizes));
    }
    return entries;
  }

  std::tuple<double, double, double, double> compileTimes() const {
    double pipeline, translate, llvmOpt, codegen;
    inductorFunctionGetCompileTimes(function, &pipeline, &translate, &llvmOpt, &codegen);
    return {pipeline, translate, llvmOpt, codegen};
  }

  /// Calls the function on contiguous CPU tensors (anything with DLPack) and returns torch tensors.
  nb::list call(nb::sequence arguments) { return invoke<nb::pytorch>(arguments, arguments); }

  /// The same on DLPack capsules (torch.utils.dlpack.to_dlpack), returning capsules: the protocol's Python
  /// methods on both sides (Tensor.__dlpack__, torch.from_dlpack on an object) cost ~15 us per call of a
  /// one-input, one-result graph. `owners` are the tensors behind the capsules: a result that is an
  /// argument keeps its tensor alive.
  nb::list callDLPack(nb::sequence capsules, nb::sequence owners) {
    if (nb::len(owners) != nb::len(capsules))
      throw nb::value_error("expected one owner per capsule");
    return invoke<>(capsules, owners);
  }

private:
  template <typename... Framework>
  nb::list invoke(nb::sequence arguments, nb::sequence owners) {
    int numArguments = inductorFunctionGetNumArguments(function);
    if ((int)nb::len(arguments) != numArguments)
      throw nb::type_error(("expected " + std::to_string(numArguments) + " tensor argument(s), got " +
                            std::to_string(nb::len(arguments)))
                               .c_str());
    std::vector<int64_t> words;
    std::vector<Array> arrays;
    std::vector<nb::handle> owned;
    arrays.reserve(numArguments);
    for (int i = 0; i < numArguments; ++i) {
      nb::handle object = arguments[i];
      Array array;
      if (!nb::try_cast(object, array, /*convert=*/false))
        throw nb::type_error(("argument #" + std::to_string(i) + ": expected a CPU tensor").c_str());
      InductorDType dtype;
      int rank;
      const int64_t *shape;
      inductorFunctionGetArgument(function, i, &dtype, &rank, &shape);
      DTypeInfo expected = dtypeInfo(dtype);
      bool matches = array.dtype() == expected.dlpack && (int)array.ndim() == rank;
      for (int d = 0; matches && d < rank; ++d)
        matches = shape[d] == INDUCTOR_DYNAMIC_SIZE || shape[d] == (int64_t)array.shape(d);
      if (!matches) {
        std::vector<int64_t> actual(array.ndim());
        for (size_t d = 0; d < array.ndim(); ++d)
          actual[d] = array.shape(d);
        throw nb::value_error(("argument #" + std::to_string(i) + ": expected " + expected.name + " " +
                               formatShape(shape, rank) + ", got a tensor of shape " +
                               formatShape(actual.data(), (int)actual.size()) +
                               (array.dtype() == expected.dlpack ? "" : " with another dtype"))
                                  .c_str());
      }
      // Dense row-major strides; a size-1 dim may carry any stride.
      int64_t expectedStride = 1;
      for (int d = rank - 1; d >= 0; --d) {
        if (array.shape(d) != 1 && array.stride(d) != expectedStride)
          throw nb::value_error(("argument #" + std::to_string(i) + ": expected a contiguous tensor").c_str());
        expectedStride *= (int64_t)array.shape(d);
      }
      void *data = const_cast<void *>(array.data());
      words.push_back(reinterpret_cast<intptr_t>(data));
      words.push_back(reinterpret_cast<intptr_t>(data));
      words.push_back(0);
      for (int d = 0; d < rank; ++d)
        words.push_back((int64_t)array.shape(d));
      int64_t stride = 1;
      std::vector<int64_t> strides(rank);
      for (int d = rank - 1; d >= 0; --d) {
        strides[d] = stride;
        stride *= (int64_t)array.shape(d);
      }
      words.insert(words.end(), strides.begin(), strides.end());
      arrays.push_back(std::move(array));
      owned.push_back(owners[i]);
    }

    std::vector<int64_t> resultWords(inductorFunctionGetNumResultWords(function), 0);
    char *error = nullptr;
    int status;
    {
      nb::gil_scoped_release release;
      status = inductorFunctionCall(function, words.data(), resultWords.data(), &error);
    }
    if (status != 0)
      throw std::runtime_error(takeError(error));
    return wrapResults<Framework...>(resultWords, arrays, owned);
  }

  template <typename... Framework>
  nb::list wrapResults(const std::vector<int64_t> &resultWords, const std::vector<Array> &arrays,
                       const std::vector<nb::handle> &owners) {
    nb::list results;
    // Results that share a buffer share its owner, so the buffer is freed once.
    std::unordered_map<void *, nb::object> bufferOwners;
    for (size_t i = 0; i < arrays.size(); ++i)
      bufferOwners.emplace(const_cast<void *>(arrays[i].data()), nb::borrow(owners[i]));
    const int64_t *word = resultWords.data();
    for (int i = 0, e = inductorFunctionGetNumResults(function); i < e; ++i) {
      InductorDType dtype;
      int rank;
      inductorFunctionGetResult(function, i, &dtype, &rank, nullptr);
      DTypeInfo info = dtypeInfo(dtype);
      void *allocated = reinterpret_cast<void *>(word[0]);
      char *aligned = reinterpret_cast<char *>(word[1]);
      int64_t offset = word[2];
      std::vector<size_t> shape(word + 3, word + 3 + rank);
      std::vector<int64_t> strides(word + 3 + rank, word + 3 + 2 * rank);
      word += 3 + 2 * rank;
      char *data = aligned + offset * (int64_t)info.byteWidth;

      nb::object owner;
      if (allocated == inductorConstantMarker()) {
        // A compiled-in constant: hand out a copy, so writes to the result cannot change later calls.
        size_t count = 1;
        for (size_t size : shape)
          count *= size;
        int64_t expectedStride = 1;
        for (int d = rank - 1; d >= 0; --d) {
          if (shape[d] != 1 && strides[d] != expectedStride)
            throw std::runtime_error("internal error: a constant result is not contiguous");
          expectedStride *= (int64_t)shape[d];
        }
        void *copy = std::malloc(count * info.byteWidth != 0 ? count * info.byteWidth : 1);
        if (!copy)
          throw std::bad_alloc();
        std::memcpy(copy, data, count * info.byteWidth);
        for (int d = 0; d < rank; ++d)
          strides[d] = 0;
        int64_t stride = 1;
        for (int d = rank - 1; d >= 0; --d) {
          strides[d] = stride;
          stride *= (int64_t)shape[d];
        }
        data = static_cast<char *>(copy);
        owner = nb::capsule(copy, [](void *p) noexcept { std::free(p); });
      } else {
        auto found = bufferOwners.find(allocated);
        if (found != bufferOwners.end()) {
          owner = found->second;
        } else {
          owner = nb::capsule(allocated, [](void *p) noexcept { inductorFreeBuffer(p); });
          bufferOwners.emplace(allocated, owner);
        }
      }
      nb::ndarray<Framework...> tensor(data, (size_t)rank, shape.data(), owner, strides.data(), info.dlpack);
      results.append(tensor.cast());
    }
    return results;
  }

  InductorFunction *function;
};

/// `constants`: (name, address, byte size) of each dense_resource constant of the IR; the caller keeps the
/// memory alive during the call.
CompiledFunction *compile(const std::string &ir, const std::string &function, const std::string &sourceName,
                          unsigned optLevel, bool fuseElementwise, const std::string &pipelineOptions,
                          const std::vector<std::tuple<std::string, uintptr_t, size_t>> &constants) {
  InductorCompileOptions options = inductorDefaultCompileOptions();
  options.optLevel = optLevel;
  options.fuseElementwise = fuseElementwise;
  options.pipelineOptions = pipelineOptions.c_str();
  std::vector<InductorConstantData> data;
  for (const auto &[name, address, size] : constants)
    data.push_back({name.c_str(), reinterpret_cast<const void *>(address), size});
  options.constants = data.data();
  options.numConstants = data.size();
  char *error = nullptr;
  InductorFunction *compiled;
  {
    nb::gil_scoped_release release;
    compiled = inductorCompile(ir.data(), ir.size(), sourceName.c_str(), function.c_str(), &options, &error);
  }
  if (!compiled)
    throw std::runtime_error(takeError(error));
  return new CompiledFunction(compiled);
}
} // namespace

NB_MODULE(_native, m) {
  m.doc() = "Native binding of the inductor-mlir compiler (C API: inductor-c/Compiler.h)";
  // torch.compile's caches still hold compiled functions when the interpreter exits; that is not a leak.
  nb::set_leak_warnings(false);
  nb::class_<CompiledFunction>(m, "CompiledFunction")
      .def("__call__", &CompiledFunction::call, nb::arg("arguments"),
           "Calls the compiled function on a sequence of contiguous CPU tensors; returns a list of tensors.")
      .def("call_dlpack", &CompiledFunction::callDLPack, nb::arg("capsules"), nb::arg("owners"),
           "The same on DLPack capsules of contiguous CPU tensors (and the tensors that own them); returns "
           "a list of DLPack capsules.")
      .def_prop_ro("arguments", [](const CompiledFunction &f) { return f.signature(false); })
      .def_prop_ro("results", [](const CompiledFunction &f) { return f.signature(true); })
      .def_prop_ro("compile_times_ms", &CompiledFunction::compileTimes,
                   "(pipeline, translate, llvm_opt, codegen) in milliseconds");
  m.def("compile", &compile, nb::arg("ir"), nb::arg("function") = "", nb::arg("source_name") = "<ir>",
        nb::arg("opt_level") = 2, nb::arg("fuse_elementwise") = true, nb::arg("pipeline_options") = "",
        nb::arg("constants") = std::vector<std::tuple<std::string, uintptr_t, size_t>>(),
        nb::rv_policy::take_ownership,
        "Parses, lowers and JIT-compiles MLIR text; raises RuntimeError with the diagnostics on failure.");
  m.def("set_num_threads", &inductorSetNumThreads, nb::arg("n"),
        "Threads for the parallel loops of compiled code called from this thread (n <= 0: ignored).");
}
