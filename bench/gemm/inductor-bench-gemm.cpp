//===- inductor-bench-gemm.cpp - Times one GEMM implementation -----------===//
//
// bench/gemm.py runs this once per (implementation, dtype, thread count), each in its own process so that
// two OpenMP runtimes (LLVM's for our code, GNU's for oneDNN) never spin against each other.
//
//   --impl=ours    our compiler: aten.linear (weights [N, K], frozen: a constant packed at compile time) or
//                  aten.mm (weights [K, N]) through the default pipeline, JIT-compiled
//   --impl=onednn  oneDNN matmul with the same dtypes; weights reordered once to the layout oneDNN prefers
//                  (its equivalent of prepacking), outside the timed loop
//   --impl=peak    this machine's measured peaks: AVX-512 FMA, AMX bf16 (register-resident tiles), memory
//                  bandwidth (triad)
//
// One line per shape: "impl=.. dtype=.. threads=.. m=.. n=.. k=.. best_us=.. gflops=.. [kernel=..]".
//
//===----------------------------------------------------------------------===//

#include "Execution/JitFunction.h"
#include "InitAll.h"
#include "Runtime/Runtime.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Support/raw_ostream.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <random>
#include <thread>
#include <vector>

using namespace mlir;
using namespace mlir::inductor;
namespace cl = llvm::cl;
using Clock = std::chrono::steady_clock;

static cl::opt<std::string> implementation("impl", cl::desc("ours, onednn or peak"), cl::init("ours"));
static cl::opt<std::string> dtype("dtype", cl::desc("f32, bf16 or u8s8s32 (u8 activations, s8 weights, s32 result)"),
                                  cl::init("f32"));
static cl::opt<std::string> shapes("shapes", cl::desc("Comma-separated MxNxK list"), cl::init("256x256x256"));
static cl::opt<std::string> weights("weights", cl::desc("nk (nn.Linear weights, aten.linear) or kn (aten.mm)"),
                                    cl::init("nk"));
static cl::opt<unsigned> threads("num-threads", cl::desc("Threads (bench/gemm.py also sets OMP_NUM_THREADS)"), cl::init(1));
static cl::opt<double> minTimeMs("min-time-ms", cl::desc("Keep calling until this much time has passed"),
                                 cl::init(300));
static cl::opt<std::string> configOverride(
    "config", cl::desc("ours: lowering config to use instead of the selected one, 'kind,mc,nc,kc,mr,nr' "
                       "(for tuning; the contraction is then written as linalg with the config attached)"),
    cl::init(""));
static cl::opt<bool> check("check", cl::desc("Compare the result with a float64 reference on sampled entries"),
                           cl::init(true));

namespace {

struct Shape {
  int64_t m, n, k;
};

uint16_t toBF16(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  u += 0x7fff + ((u >> 16) & 1); // round to nearest even
  return u >> 16;
}
float fromBF16(uint16_t h) {
  uint32_t u = uint32_t(h) << 16;
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

enum class Elt { F32, BF16, U8, S8 };

/// Random values of one operand's type, and their values as floats (after bf16 rounding).
struct Matrix {
  std::vector<char> bytes;
  std::vector<float> values;
  Matrix(int64_t count, Elt elt, unsigned seed)
      : bytes(count * (elt == Elt::F32 ? 4 : elt == Elt::BF16 ? 2 : 1)), values(count) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> dist(-1, 1);
    for (int64_t i = 0; i < count; ++i) {
      if (elt == Elt::U8 || elt == Elt::S8) {
        int v = int(gen() % 256) - 128;
        bytes[i] = static_cast<char>(v);
        values[i] = elt == Elt::U8 ? float(uint8_t(v)) : float(v);
        continue;
      }
      float v = dist(gen);
      if (elt == Elt::BF16) {
        uint16_t h = toBF16(v);
        std::memcpy(&bytes[i * 2], &h, 2);
        values[i] = fromBF16(h);
      } else {
        std::memcpy(&bytes[i * 4], &v, 4);
        values[i] = v;
      }
    }
  }
};

/// Best time of repeated calls of `fn` (after two warm-up calls), in microseconds.
double timeBest(const std::function<void()> &fn) {
  // A call longer than the time budget (a bf16 2048^3 on a CPU without bf16 units: seconds) is warm after
  // one call and repeats within noise: the best of two more calls then. Otherwise at least 5 calls.
  Clock::time_point warmStart = Clock::now();
  fn();
  double warmUs = std::chrono::duration<double, std::micro>(Clock::now() - warmStart).count();
  int minCalls = warmUs > minTimeMs * 1000 ? 2 : 5;
  if (minCalls == 5)
    fn();
  double best = 1e30, total = 0;
  for (int calls = 0; total < minTimeMs * 1000 || calls < minCalls; ++calls) {
    Clock::time_point start = Clock::now();
    fn();
    double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    best = std::min(best, us);
    total += us;
  }
  return best;
}

/// Max |ours - reference| / (sum_k |a||b|) over sampled entries: the error relative to the size of the
/// products, which is what the dtype's rounding bounds.
double sampledError(const Matrix &a, const Matrix &b, bool nk, const Shape &s,
                    const std::function<float(int64_t, int64_t)> &result) {
  double worst = 0;
  std::mt19937 gen(7);
  for (int sample = 0; sample < 64; ++sample) {
    int64_t i = gen() % s.m, j = gen() % s.n;
    double ref = 0, scale = 0;
    for (int64_t k = 0; k < s.k; ++k) {
      double x = a.values[i * s.k + k], y = nk ? b.values[j * s.k + k] : b.values[k * s.n + j];
      ref += x * y;
      scale += std::abs(x * y);
    }
    worst = std::max(worst, std::abs(result(i, j) - ref) / std::max(scale, 1e-30));
  }
  return worst;
}

void report(const Shape &s, double us, const std::string &extra) {
  double gflops = 2.0 * s.m * s.n * s.k / us / 1e3;
  llvm::outs() << "impl=" << implementation << " dtype=" << dtype << " threads=" << threads << " m=" << s.m << " n=" << s.n
               << " k=" << s.k << " best_us=" << llvm::format("%.2f", us) << " gflops=" << llvm::format("%.2f", gflops)
               << extra << "\n";
  llvm::outs().flush();
}

//===-- ours --------------------------------------------------------------===//

/// The test function for the u8s8s32 product: there is no aten op for it (PT2E int8 graphs reach it through
/// quantize/dequantize fusion), so it is written as the linalg contraction that fusion produces.
std::string int8Function(const Shape &s, bool nk) {
  auto tensor = [](int64_t r, int64_t c, const char *e) {
    return "tensor<" + std::to_string(r) + "x" + std::to_string(c) + "x" + e + ">";
  };
  std::string aT = tensor(s.m, s.k, "i8"), wT = nk ? tensor(s.n, s.k, "i8") : tensor(s.k, s.n, "i8"),
              cT = tensor(s.m, s.n, "i32");
  std::string wMap = nk ? "affine_map<(m, n, k) -> (n, k)>" : "affine_map<(m, n, k) -> (k, n)>";
  return "func.func @gemm(%a: " + aT + ") -> " + cT + " {\n  %w = arith.constant dense<0> : " + wT +
         "\n  %z = arith.constant 0 : i32\n  %e = tensor.empty() : " + cT + "\n  %c = linalg.fill ins(%z : i32) outs(%e : " +
         cT + ") -> " + cT +
         "\n  %0 = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, " + wMap +
         ", affine_map<(m, n, k) -> (m, n)>], iterator_types = [\"parallel\", \"parallel\", \"reduction\"]} ins(%a, %w : " +
         aT + ", " + wT + ") outs(%c : " + cT + ") {\n  ^bb0(%x: i8, %y: i8, %acc: i32):\n    %x32 = arith.extui %x : i8 to i32\n"
         "    %y32 = arith.extsi %y : i8 to i32\n    %p = arith.muli %x32, %y32 : i32\n    %r = arith.addi %acc, %p : i32\n"
         "    linalg.yield %r : i32\n  } -> " + cT + "\n  return %0 : " + cT + "\n}\n";
}

int runOurs(const Shape &s, Elt aElt, Elt wElt, bool nk) {
  bool bf16 = aElt == Elt::BF16, int8 = aElt == Elt::U8;
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllToLLVMIRTranslations(registry);
  static bool passesRegistered = (registerAllPasses(), true);
  (void)passesRegistered;
  MLIRContext context(registry);
  std::string t = bf16 ? "bf16" : "f32";
  auto tensor = [&](int64_t r, int64_t c, const std::string &e) {
    return "tensor<" + std::to_string(r) + "x" + std::to_string(c) + "x" + e + ">";
  };
  std::string aT = tensor(s.m, s.k, t), wT = nk ? tensor(s.n, s.k, t) : tensor(s.k, s.n, t),
              cT = tensor(s.m, s.n, t);
  std::string op = nk ? "aten.linear %a, %w" : "aten.mm %a, %w";
  std::string text = "func.func @gemm(%a: " + aT + ") -> " + cT + " {\n  %w = arith.constant dense<0.0> : " + wT +
                     "\n  %0 = " + op + " : (" + aT + ", " + wT + ") -> " + cT + "\n  return %0 : " + cT + "\n}\n";
  if (!configOverride.empty()) {
    SmallVector<llvm::StringRef> p;
    llvm::StringRef(configOverride).split(p, ',');
    if (p.size() != 6) {
      llvm::errs() << "inductor-bench-gemm: --config must be kind,mc,nc,kc,mr,nr\n";
      return 2;
    }
    std::string attr = "#inductor.lowering_config<kind = " + p[0].str() + ", cache = [" + p[1].str() + ", " +
                       p[2].str() + ", " + p[3].str() + "], registers = [" + p[4].str() + ", " + p[5].str() + "]>";
    std::string accT = tensor(s.m, s.n, "f32");
    std::string named = nk ? "linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, "
                             "affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]"
                           : "linalg.matmul";
    text = "func.func @gemm(%a: " + aT + ") -> " + accT + " {\n  %w = arith.constant dense<0.0> : " + wT +
           "\n  %z = arith.constant 0.0 : f32\n  %e = tensor.empty() : " + accT +
           "\n  %c = linalg.fill ins(%z : f32) outs(%e : " + accT + ") -> " + accT + "\n  %0 = " + named +
           " {inductor.lowering_config = " + attr + "} ins(%a, %w : " + aT + ", " + wT + ") outs(%c : " + accT +
           ") -> " + accT + "\n  return %0 : " + accT + "\n}\n";
  }
  if (int8)
    text = int8Function(s, nk);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  if (!module)
    return 1;
  Matrix a(s.m * s.k, aElt, 1), w(s.n * s.k, wElt, 2);
  module->walk([&](arith::ConstantOp c) {
    auto type = dyn_cast<RankedTensorType>(c.getType());
    if (!type || type.getNumElements() != s.n * s.k)
      return;
    c.setValueAttr(DenseElementsAttr::getFromRawBuffer(type, w.bytes));
  });
  JitOptions options;
  options.pipelineOptions = "num-threads=" + std::to_string(threads);
  options.readOnlyArguments = true;
  Clock::time_point compileStart = Clock::now();
  CompileTimings timings;
  auto function = JitFunction::compile(*module, "gemm", options, &timings);
  if (!function) {
    llvm::errs() << "inductor-bench-gemm: " << llvm::toString(function.takeError()) << "\n";
    return 1;
  }
  double compileMs = std::chrono::duration<double, std::milli>(Clock::now() - compileStart).count();
  SmallVector<int64_t> argWords, resultWords((*function)->getNumResultWords());
  appendDenseDescriptor(argWords, a.bytes.data(), {s.m, s.k});
  auto release = [&] {
    for (const MemRefDescriptor &d : (*function)->decodeResults(resultWords))
      if (d.allocated && d.allocated != globalBufferMarker())
        _mlir_memref_to_llvm_free(d.allocated);
  };
  auto call = [&] {
    SmallVector<int64_t> words(argWords);
    llvm::cantFail((*function)->call(words, resultWords));
  };
  double us = timeBest([&] {
    call();
    release();
  });
  std::string extra = " compile_ms=" + std::to_string(int(compileMs)) + " (pipeline " +
                      std::to_string(int(timings.pipelineMs)) + ", translate " + std::to_string(int(timings.translateMs)) +
                      ", llvm " + std::to_string(int(timings.llvmOptMs)) + ", codegen " +
                      std::to_string(int(timings.codegenMs)) + ")";
  if (check) {
    call();
    MemRefDescriptor d = (*function)->decodeResults(resultWords)[0];
    bool bf16Result = bf16 && configOverride.empty();
    double err = sampledError(a, w, nk, s, [&](int64_t i, int64_t j) {
      char *p = d.aligned + (d.offset + i * d.strides[0] + j * d.strides[1]) * (bf16Result ? 2 : 4);
      if (int8) {
        int32_t v;
        std::memcpy(&v, p, 4);
        return float(v);
      }
      if (bf16Result) {
        uint16_t h;
        std::memcpy(&h, p, 2);
        return fromBF16(h);
      }
      float f;
      std::memcpy(&f, p, 4);
      return f;
    });
    release();
    extra += " max_rel_err=" + llvm::formatv("{0:e2}", err).str();
  }
  report(s, us, extra);
  return 0;
}

//===-- oneDNN ------------------------------------------------------------===//

int runOneDNN(const Shape &s, Elt aElt, Elt wElt, bool nk) {
  bool bf16 = aElt == Elt::BF16, int8 = aElt == Elt::U8;
  using namespace dnnl;
  using tag = memory::format_tag;
  engine eng(engine::kind::cpu, 0);
  stream str(eng);
  using dtype_t = memory::data_type;
  dtype_t dt = bf16 ? dtype_t::bf16 : dtype_t::f32;
  dtype_t aDt = int8 ? dtype_t::u8 : dt, wDt = int8 ? dtype_t::s8 : dt, cDt = int8 ? dtype_t::s32 : dt;
  memory::desc aMd({s.m, s.k}, aDt, tag::ab), wAny({s.k, s.n}, wDt, tag::any), cMd({s.m, s.n}, cDt, tag::ab);
  memory::desc wPlain({s.k, s.n}, wDt, nk ? tag::ba : tag::ab);
  // allow_empty: oneDNN 2.6 has no bf16 matmul without AVX512-BF16/AMX; the build has no exceptions to catch.
  matmul::primitive_desc pd(matmul::desc(aMd, wAny, cMd), eng, /*allow_empty=*/true);
  if (!pd) {
    llvm::outs() << "impl=onednn dtype=" << dtype << " threads=" << threads << " m=" << s.m << " n=" << s.n
                 << " k=" << s.k << " unsupported=1\n";
    return 0;
  }
  Matrix a(s.m * s.k, aElt, 1), w(s.n * s.k, wElt, 2);
  memory aMem(aMd, eng, a.bytes.data()), wPlainMem(wPlain, eng, w.bytes.data());
  memory wMem(pd.weights_desc(), eng), cMem(cMd, eng);
  reorder(wPlainMem, wMem).execute(str, wPlainMem, wMem);
  str.wait();
  matmul prim(pd);
  double us = timeBest([&] {
    prim.execute(str, {{DNNL_ARG_SRC, aMem}, {DNNL_ARG_WEIGHTS, wMem}, {DNNL_ARG_DST, cMem}});
    str.wait();
  });
  std::string extra = std::string(" kernel=") + pd.impl_info_str();
  if (check) {
    char *c = static_cast<char *>(cMem.get_data_handle());
    double err = sampledError(a, w, nk, s, [&](int64_t i, int64_t j) {
      if (int8) {
        int32_t v;
        std::memcpy(&v, c + (i * s.n + j) * 4, 4);
        return float(v);
      }
      if (bf16) {
        uint16_t h;
        std::memcpy(&h, c + (i * s.n + j) * 2, 2);
        return fromBF16(h);
      }
      float f;
      std::memcpy(&f, c + (i * s.n + j) * 4, 4);
      return f;
    });
    extra += " max_rel_err=" + llvm::formatv("{0:e2}", err).str();
  }
  report(s, us, extra);
  return 0;
}

//===-- peaks -------------------------------------------------------------===//

/// Runs `body` on `threads` threads at once and returns the wall time of the slowest, in seconds.
double onThreads(const std::function<void(unsigned)> &body) {
  std::vector<std::thread> pool;
  Clock::time_point start = Clock::now();
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back(body, t);
  for (std::thread &th : pool)
    th.join();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The best wall time of `rounds` runs of `body` on all threads.
double bestOf(int rounds, const std::function<void(unsigned)> &body) {
  double best = 1e30;
  for (int r = 0; r < rounds; ++r)
    best = std::min(best, onThreads(body));
  return best;
}

/// Independent accumulator chains (named, so they live in registers) that hide the instruction's latency
/// on all its ports: 12 for FMAs (4 cycles, 2 ports), 24 for the dot products (whose longer latency 12 chains
/// did not hide on Zen 5: 437 GFLOP/s bf16 against oneDNN's 480). Each chain starts from a different value:
/// with equal chains GCC computes one and reuses it (the loop then measured one chain's latency). Macros,
/// not templates: each expansion must be compiled inside its target function. `UPDATE(acc)` is one
/// instruction on one chain.
#define CHAIN_IDS12(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)
#define CHAIN_IDS24(X)                                                                                        \
  CHAIN_IDS12(X) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23)
#define CHAIN_DECLARE(i) Vec a##i = SET1(i);
#define CHAIN_UPDATE(i) a##i = UPDATE(a##i);
#define CHAIN_SUM(i) sum += laneSum(a##i);
#define CHAINS(IDS)                                                                                           \
  IDS(CHAIN_DECLARE)                                                                                          \
  for (int64_t i = 0; i < iterations; ++i) {                                                                  \
    IDS(CHAIN_UPDATE)                                                                                         \
  }                                                                                                           \
  float sum = 0;                                                                                              \
  IDS(CHAIN_SUM)                                                                                              \
  return sum;

/// Keeps a chain's result alive: the sum of its 32-bit lanes read as integers.
template <typename Vec> float laneSum(const Vec &v) {
  int32_t lanes[sizeof(Vec) / 4];
  std::memcpy(lanes, &v, sizeof(Vec));
  float sum = 0;
  for (int32_t lane : lanes)
    sum += float(lane);
  return sum;
}

__attribute__((target("avx512f"))) float fmaLoop512(int64_t iterations) {
  using Vec = __m512;
  __m512 x = _mm512_set1_ps(1e-7f), y = _mm512_set1_ps(0.999f);
#define SET1 _mm512_set1_ps
#define UPDATE(acc) _mm512_fmadd_ps(x, y, acc)
  CHAINS(CHAIN_IDS12)
#undef SET1
#undef UPDATE
}

__attribute__((target("avx2,fma"))) float fmaLoop256(int64_t iterations) {
  using Vec = __m256;
  __m256 x = _mm256_set1_ps(1e-7f), y = _mm256_set1_ps(0.999f);
#define SET1 _mm256_set1_ps
#define UPDATE(acc) _mm256_fmadd_ps(x, y, acc)
  CHAINS(CHAIN_IDS12)
#undef SET1
#undef UPDATE
}

/// vdpbf16ps: 16 lanes x 2 products (64 FLOP) per instruction.
__attribute__((target("avx512f,avx512bf16"))) float dotBf16Loop(int64_t iterations) {
  using Vec = __m512;
  __m512bh x = (__m512bh)_mm512_set1_epi32(0x3a833a83); // a pair of bf16 1e-3
#define SET1 _mm512_set1_ps
#define UPDATE(acc) _mm512_dpbf16_ps(acc, x, x)
  CHAINS(CHAIN_IDS24)
#undef SET1
#undef UPDATE
}

/// vpdpbusd: 16 lanes x 4 products (128 OP) per instruction.
__attribute__((target("avx512f,avx512vnni"))) float dotInt8Loop(int64_t iterations) {
  using Vec = __m512i;
  __m512i x = _mm512_set1_epi32(0x01010101);
#define SET1 _mm512_set1_epi32
#define UPDATE(acc) _mm512_dpbusd_epi32(acc, x, x)
  CHAINS(CHAIN_IDS24)
#undef SET1
#undef UPDATE
}

/// vpmaddwd + vpaddd, as avx2_int8 runs them: 8 lanes x 2 products (32 OP) per pair, 8 per iteration.
/// Written in asm: the intrinsics version either had its loop-invariant product hoisted out of the loop or,
/// kept in with an empty asm, came out with spills and copies that cost ~20 %. Every add has its own
/// accumulator and every product its own destination, so only the units' throughput limits the loop.
__attribute__((target("avx2"))) float pairInt8Loop(int64_t iterations) {
  if (iterations <= 0)
    return 0;
  asm volatile("vpxor %%ymm14, %%ymm14, %%ymm14\n\t"
               "vpxor %%ymm15, %%ymm15, %%ymm15\n\t"
               "1:\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm8\n\t"
               "vpaddd %%ymm8, %%ymm0, %%ymm0\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm9\n\t"
               "vpaddd %%ymm9, %%ymm1, %%ymm1\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm10\n\t"
               "vpaddd %%ymm10, %%ymm2, %%ymm2\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm11\n\t"
               "vpaddd %%ymm11, %%ymm3, %%ymm3\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm12\n\t"
               "vpaddd %%ymm12, %%ymm4, %%ymm4\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm13\n\t"
               "vpaddd %%ymm13, %%ymm5, %%ymm5\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm8\n\t"
               "vpaddd %%ymm8, %%ymm6, %%ymm6\n\t"
               "vpmaddwd %%ymm15, %%ymm14, %%ymm9\n\t"
               "vpaddd %%ymm9, %%ymm7, %%ymm7\n\t"
               "dec %0\n\t"
               "jnz 1b\n\t"
               "vzeroupper"
               : "+r"(iterations)
               :
               : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
                 "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "cc");
  return 0; // the asm is volatile: nothing to keep alive
}

struct alignas(64) TileConfig {
  uint8_t palette = 1, startRow = 0, reserved[14] = {};
  uint16_t colsb[16] = {};
  uint8_t rows[16] = {};
};

/// Register-resident tile products: 4 independent accumulators, sources loaded once (bf16 or int8 u8s8).
__attribute__((target("amx-tile,amx-bf16,amx-int8"))) void amxLoop(int64_t iterations, bool int8, int32_t *out) {
  TileConfig cfg;
  for (int t = 0; t < 8; ++t) {
    cfg.rows[t] = 16;
    cfg.colsb[t] = 64;
  }
  _tile_loadconfig(&cfg);
  alignas(64) static thread_local uint16_t src[16 * 32];
  for (uint16_t &v : src)
    v = 0x0101; // small positive values as bf16 and as int8 bytes
  _tile_zero(0);
  _tile_zero(1);
  _tile_zero(2);
  _tile_zero(3);
  _tile_loadd(4, src, 64);
  _tile_loadd(5, src, 64);
  _tile_loadd(6, src, 64);
  _tile_loadd(7, src, 64);
  if (int8)
    for (int64_t i = 0; i < iterations; ++i) {
      _tile_dpbusd(0, 4, 6);
      _tile_dpbusd(1, 4, 7);
      _tile_dpbusd(2, 5, 6);
      _tile_dpbusd(3, 5, 7);
    }
  else
    for (int64_t i = 0; i < iterations; ++i) {
      _tile_dpbf16ps(0, 4, 6);
      _tile_dpbf16ps(1, 4, 7);
      _tile_dpbf16ps(2, 5, 6);
      _tile_dpbf16ps(3, 5, 7);
    }
  _tile_stored(0, out, 64);
  _tile_release();
}

int runPeak() {
  // Each peak is measured with the widest instructions this CPU has; a missing unit reports 0.
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  bool avx512 = features.lookup("avx512f"), avx2 = features.lookup("avx2") && features.lookup("fma");
  bool amx = features.lookup("amx-tile") && features.lookup("amx-bf16") && features.lookup("amx-int8");
  bool dotBf16 = avx512 && features.lookup("avx512bf16"), dotInt8 = avx512 && features.lookup("avx512vnni");
  int64_t fmaIterations = 40'000'000;
  double fmaGflops = 0, dotBf16Gflops = 0, dotInt8Gops = 0, pairInt8Gops = 0, amxGflops = 0, amxGops = 0, best;
  if (dotBf16) {
    best = bestOf(3, [&](unsigned) {
      volatile float f = dotBf16Loop(fmaIterations);
      (void)f;
    });
    dotBf16Gflops = threads * fmaIterations * 24.0 * 64 / best / 1e9;
  }
  if (dotInt8) {
    best = bestOf(3, [&](unsigned) {
      volatile float f = dotInt8Loop(fmaIterations);
      (void)f;
    });
    dotInt8Gops = threads * fmaIterations * 24.0 * 128 / best / 1e9;
  }
  if (avx2) {
    best = bestOf(3, [&](unsigned) {
      volatile float f = pairInt8Loop(fmaIterations);
      (void)f;
    });
    pairInt8Gops = threads * fmaIterations * 8.0 * 32 / best / 1e9;
  }
  if (avx512 || avx2) {
    best = bestOf(3, [&](unsigned) {
      volatile float f = avx512 ? fmaLoop512(fmaIterations) : fmaLoop256(fmaIterations);
      (void)f;
    });
    fmaGflops = threads * fmaIterations * 12.0 * (avx512 ? 32 : 16) / best / 1e9;
  }
  if (amx) {
    inductor_request_amx_permission();
    int64_t amxIterations = 2'000'000;
    best = bestOf(3, [&](unsigned) {
      alignas(64) int32_t out[256];
      amxLoop(amxIterations, /*int8=*/false, out);
    });
    amxGflops = threads * amxIterations * 4.0 * 16 * 16 * 32 * 2 / best / 1e9;
    best = bestOf(3, [&](unsigned) {
      alignas(64) int32_t out[256];
      amxLoop(amxIterations, /*int8=*/true, out);
    });
    amxGops = threads * amxIterations * 4.0 * 16 * 16 * 64 * 2 / best / 1e9;
  }
  // Triad a = b + s * c over 3 x 256 MiB: read b and c, write a (plus the write-allocate read, not counted).
  int64_t n = (256ll << 20) / 8;
  std::vector<double> va(n, 0), vb(n, 1), vc(n, 2);
  best = bestOf(5, [&](unsigned t) {
    int64_t lo = n * t / threads, hi = n * (t + 1) / threads;
    for (int64_t i = lo; i < hi; ++i)
      va[i] = vb[i] + 3.0 * vc[i];
  });
  double gbs = 3.0 * n * 8 / best / 1e9;
  llvm::outs() << "impl=peak threads=" << threads << " fma_isa=" << (avx512 ? "avx512" : avx2 ? "avx2" : "none")
               << " fma_f32_gflops=" << llvm::format("%.1f", fmaGflops)
               << " avx512_bf16_gflops=" << llvm::format("%.1f", dotBf16Gflops)
               << " avx512_vnni_gops=" << llvm::format("%.1f", dotInt8Gops)
               << " avx2_int8_gops=" << llvm::format("%.1f", pairInt8Gops)
               << " amx_bf16_gflops=" << llvm::format("%.1f", amxGflops)
               << " amx_int8_gops=" << llvm::format("%.1f", amxGops)
               << " bandwidth_gbs=" << llvm::format("%.2f", gbs) << "\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  cl::ParseCommandLineOptions(argc, argv, "inductor-bench-gemm: time one GEMM implementation\n");
  if (implementation == "peak")
    return runPeak();
  if (dtype != "f32" && dtype != "bf16" && dtype != "u8s8s32") {
    llvm::errs() << "inductor-bench-gemm: --dtype must be f32, bf16 or u8s8s32\n";
    return 2;
  }
  if (weights != "nk" && weights != "kn") {
    llvm::errs() << "inductor-bench-gemm: --weights must be nk or kn\n";
    return 2;
  }
  std::vector<Shape> list;
  for (llvm::StringRef item : llvm::split(llvm::StringRef(shapes), ',')) {
    SmallVector<llvm::StringRef> parts;
    item.split(parts, 'x');
    Shape s;
    if (parts.size() != 3 || parts[0].getAsInteger(10, s.m) || parts[1].getAsInteger(10, s.n) ||
        parts[2].getAsInteger(10, s.k) || s.m <= 0 || s.n <= 0 || s.k <= 0) {
      llvm::errs() << "inductor-bench-gemm: bad shape '" << item << "' (expected MxNxK)\n";
      return 2;
    }
    list.push_back(s);
  }
  bool nk = weights == "nk";
  Elt aElt = dtype == "bf16" ? Elt::BF16 : dtype == "u8s8s32" ? Elt::U8 : Elt::F32;
  Elt wElt = aElt == Elt::U8 ? Elt::S8 : aElt;
  for (const Shape &s : list) {
    int rc = implementation == "ours"     ? runOurs(s, aElt, wElt, nk)
             : implementation == "onednn" ? runOneDNN(s, aElt, wElt, nk)
                                          : 2;
    if (rc == 2)
      llvm::errs() << "inductor-bench-gemm: --impl must be ours, onednn or peak\n";
    if (rc)
      return rc;
  }
  return 0;
}
