//===- SelectLoweringConfig.cpp - Strategy selection for contractions -----===//
//
// The one place where code generation strategy is decided: each contraction gets a lowering config from
// the operand types, the shapes and the target (ISA, L2 size, threads). Later passes only obey it.
//
//===----------------------------------------------------------------------===//

#include "Contraction.h"
#include "TargetISA.h"
#include "Transforms/Passes.h"

#include <algorithm>
#include <thread>
#include <unistd.h>

namespace mlir::inductor {
#define GEN_PASS_DEF_SELECTLOWERINGCONFIG
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

struct Target : TargetISA {
  int64_t threads = 1;
  int64_t l2Bytes = 2 << 20;
};

int64_t roundUp(int64_t v, int64_t m) { return (v + m - 1) / m * m; }
int64_t ceilDiv(int64_t v, int64_t m) { return (v + m - 1) / m; }

/// The K block: at most maxKc deep (a multiple of `granule`), with K split into blocks of equal depth. A short
/// last block costs a full pass over C for a few products: the 64x3136x576 f32 GEMM of a 3x3 convolution on
/// one Zen 3 core ran 2.83 ms with kc 256 (256 + 256 + 64), 2.72 with 192 (3 x 192), 2.69 with 288.
int64_t balancedKc(int64_t k, int64_t maxKc, int64_t granule) {
  int64_t blocks = ceilDiv(k, maxKc);
  return std::min(roundUp(ceilDiv(k, blocks), granule), k);
}

/// Splits N into blocks of nc columns (a multiple of nr, at most maxNc) so that there are at least `threads`
/// tasks and, where the panels allow, a multiple of `threads`: 128x3072x768 on 2 threads had 3 tasks of 1024
/// columns, one thread computing two of them (bf16 650 GFLOP/s against oneDNN's 913).
int64_t chooseNc(int64_t paddedN, int64_t nr, int64_t mTasks, int64_t threads, int64_t maxNc) {
  mTasks = std::max<int64_t>(mTasks, 1);
  int64_t panels = ceilDiv(paddedN, nr);
  int64_t nTasks = std::max(ceilDiv(paddedN, std::max(nr, maxNc / nr * nr)), ceilDiv(threads, mTasks));
  for (int64_t t = nTasks; t <= std::min(panels, 2 * nTasks); ++t)
    if (ceilDiv(panels, ceilDiv(panels, t)) * mTasks % threads == 0) {
      nTasks = t;
      break;
    }
  return std::min(paddedN, ceilDiv(panels, std::min(nTasks, panels)) * nr);
}

/// Parallel tasks the batch dims give on their own (1 when a batch size is dynamic: it may be 1).
int64_t batchTasks(const ContractionMatch &match) {
  auto cType = cast<ShapedType>(match.c.getType());
  int64_t tasks = 1;
  for (int64_t i = 0; i < match.batchRank; ++i)
    tasks *= cType.isDynamicDim(i) ? 1 : cType.getDimSize(i);
  return tasks;
}

/// Completes a config from its register tile and K block: the task's mc rows of A (kc elements of `bytes`
/// each) fit `aBudget` bytes of L2, and N is split until every thread has a task.
LoweringConfigAttr blockedConfig(MLIRContext *ctx, MicrokernelKind kind, const ContractionMatch &match,
                                 const Target &target, int64_t mr, int64_t nr, int64_t kc, int64_t bytes,
                                 int64_t aBudget, int64_t maxNc = 1024) {
  bool staticM = !ShapedType::isDynamic(match.m);
  // At most 128 rows, rounded up to whole register blocks (132 for mr = 6: M = 128 is one task).
  int64_t mc = std::clamp<int64_t>(aBudget / (kc * bytes), mr, roundUp(128, mr)) / mr * mr;
  if (staticM) {
    mc = std::min(mc, roundUp(match.m, mr));
    // Several M tasks: as many per thread, of equal size (M = 128 with mc = 126 gave one thread 126 rows
    // and the other 2).
    int64_t tasks = ceilDiv(match.m, mc);
    if (tasks > 1) {
      if (batchTasks(match) == 1)
        tasks = roundUp(tasks, target.threads);
      mc = roundUp(ceilDiv(match.m, tasks), mr);
    }
  }
  int64_t mTasks = (staticM ? ceilDiv(match.m, mc) : target.threads) * batchTasks(match);
  int64_t nc = chooseNc(roundUp(match.n, nr), nr, mTasks, target.threads, maxNc);
  return LoweringConfigAttr::get(ctx, kind, {mc, nc, kc}, {mr, nr});
}

LoweringConfigAttr chooseConfig(linalg::LinalgOp op, const ContractionMatch &match, const Target &target) {
  MLIRContext *ctx = op.getContext();
  Type aElt = getElementTypeOrSelf(match.a.getType()), bElt = getElementTypeOrSelf(match.b.getType());
  Type cElt = getElementTypeOrSelf(match.c.getType());
  auto generic = LoweringConfigAttr::get(ctx, MicrokernelKind::Generic, {1, 1, 1}, {1, 1});
  // Packing needs static N and K; M (tokens, batch) may be dynamic.
  if (ShapedType::isDynamic(match.n) || ShapedType::isDynamic(match.k))
    return generic;
  // f32 x bf16 (attention's f32 probabilities times bf16 values) runs on the FMA kernels, which widen bf16
  // exactly; any other mix stays loops.
  auto floatish = [](Type t) { return t.isF32() || t.isBF16(); };
  if (aElt != bElt && !(floatish(aElt) && floatish(bElt) && cElt.isF32()))
    return generic;
  // Empty products (a size-0 M, N or K) have nothing to tile.
  if (match.m == 0 || match.n == 0 || match.k == 0)
    return generic;
  bool staticM = !ShapedType::isDynamic(match.m);
  bool bf16 = aElt.isBF16() && bElt.isBF16() && cElt.isF32() && target.amxBf16;
  bool int8 = aElt.isInteger(8) && cElt.isInteger(32) && target.amxInt8 && succeeded(getInt8Extensions(op));
  if (bf16 || int8) {
    int64_t nr = match.n > 16 ? 32 : 16, mr = staticM && match.m <= 16 ? 16 : 32;
    int64_t row = bf16 ? 32 : 64, bytes = bf16 ? 2 : 1;
    int64_t paddedK = roundUp(match.k, row);
    // Accumulator tiles are loaded and stored once per K block, so K blocks are long; the task's packed A
    // (mc x kc) and one K x nr panel of B then stay in L2. Measured at 2048^3 bf16 on one core (noisy, best
    // of 3 rounds): kc 2048 / mc 128 / nc 1024 ~800-900 GFLOP/s, kc 512 ~650, mc 64 ~600.
    int64_t kc = balancedKc(paddedK, 4096 / bytes, row);
    return blockedConfig(ctx, bf16 ? MicrokernelKind::AmxBf16 : MicrokernelKind::AmxInt8, match, target, mr, nr,
                         kc, bytes, target.l2Bytes / 4);
  }
  // Without AMX, AVX-512 dot products: 16 bf16 pairs (vdpbf16ps) or 16 u8 x s8 quads (vpdpbusd) per
  // instruction into 16 f32 / i32 accumulators, on the register blocking of the f32 kernel.
  bool dotBf16 = aElt.isBF16() && bElt.isBF16() && cElt.isF32() && target.avx512Bf16;
  FailureOr<std::pair<bool, bool>> ext = getInt8Extensions(op);
  bool u8s8 = succeeded(ext) && ext->first && !ext->second;
  bool dotInt8 = aElt.isInteger(8) && cElt.isInteger(32) && target.avx512Vnni && u8s8;
  if (dotBf16 || dotInt8) {
    int64_t bytes = dotBf16 ? 2 : 1, group = dotBf16 ? 32 : 64;
    int64_t nr = match.n > 16 ? 32 : 16, mr = 8;
    if (staticM && match.m < mr)
      mr = match.m;
    int64_t paddedK = roundUp(match.k, group);
    // K blocks of up to 1024 (a 64 / 32 KiB B panel, bf16 / int8, streamed from L2). Measured on Zen 5,
    // bf16 2048^3 on one core: kc 512 424, kc 1024 456 GFLOP/s; 128x3072x768 on 2 threads: kc 512 846, kc = K
    // 885. int8 with kc 2048: no better.
    int64_t kc = balancedKc(paddedK, 1024, group);
    if (mr == 1) {
      nr = std::min<int64_t>(roundUp(match.n, 16), 8 * 16);
      kc = paddedK;
    }
    return blockedConfig(ctx, dotBf16 ? MicrokernelKind::Avx512Bf16 : MicrokernelKind::Avx512Vnni, match, target,
                         mr, nr, kc, bytes, target.l2Bytes / 2);
  }
  // Without VNNI, AVX2 pair products: both operands widened exactly to i16 and multiplied by vpmaddwd, any
  // signedness. Like the f32 kernel: 6 x 16 on 16 ymm, one row with up to 6 accumulators (decode).
  if (aElt.isInteger(8) && cElt.isInteger(32) && target.avx2 && succeeded(ext)) {
    int64_t nr = 16, mr = 6;
    if (staticM && match.m < mr)
      mr = match.m;
    int64_t paddedK = roundUp(match.k, 32);
    // One kc x 16 panel of B (8 KiB at kc 512) stays in L1, the task's A widened to i16 in L2.
    int64_t kc = balancedKc(paddedK, 512, 32);
    if (mr == 1) {
      nr = std::min<int64_t>(roundUp(match.n, 16), 48);
      kc = paddedK;
    }
    return blockedConfig(ctx, MicrokernelKind::Avx2Int8, match, target, mr, nr, kc, 2, target.l2Bytes / 2);
  }
  if (!cElt.isF32())
    return generic;
  // bf16 without AMX runs on the FMA kernels: B is widened to f32 when packed, A when loaded.
  if (floatish(aElt) && floatish(bElt) && (target.avx512 || target.avx2)) {
    // 6x64 or 8x32 on 32 zmm, 6x16 on 16 ymm: accumulators, the B vectors of one k and the broadcast A fill
    // the register file. One kc x nr panel of B (32 KiB, 16 KiB) stays in L1.
    MicrokernelKind kind = target.avx512 ? MicrokernelKind::Avx512Fma : MicrokernelKind::Avx2Fma;
    int64_t lanes = getFmaLanes(kind);
    int64_t nr = match.n > lanes ? 2 * lanes : lanes, mr = target.avx512 ? 8 : 6;
    int64_t kc = balancedKc(match.k, 256, 8), maxNc = 1024;
    // Wide enough N on zmm: 6 rows of 4 vectors, 10 loads per 24 FMAs where 8x32 needs 10 per 16, with a
    // 128-deep panel (32 KiB in L1) and 512-column tasks. Sapphire Rapids, one core, against 8x32 / kc 256 /
    // nc 1024 (noisy, +-5 %): 2048^3 137 -> 152-159 GFLOP/s, 512^3 171-180 -> 178-200, 128x4096x4096
    // 125-130 -> 128-142; oneDNN 155-168, 182-190, 140-147.
    // Only where padding N to 64 columns wastes at most an eighth (N = 96 stays on 8x32).
    if (target.avx512 && match.n >= 4 * lanes && (roundUp(match.n, 4 * lanes) - match.n) * 8 <= match.n) {
      mr = 6;
      nr = 4 * lanes;
      kc = balancedKc(match.k, 128, 8);
      maxNc = 512;
    }
    if (staticM && match.m < mr)
      mr = match.m;
    // One row (decode): B is streamed once without reuse, so K is one block: each panel is then read front
    // to back (1x3072x768 on AVX2: 29 -> 33 GFLOP/s). On zmm, 8 accumulators as far as N allows (a 2-vector
    // row would be bound by the FMA latency). On ymm, 2 vectors: the kernel then reads 4 segments of the
    // panel's K side by side (8 accumulator chains; 4 DRAM streams, where one Zen 3 core reads a single
    // stream at 12 GB/s): 1x4096x4096 4.4 -> 3.2 ms (6 vectors, one stream), oneDNN 3.3-3.5.
    if (mr == 1) {
      nr = std::min(roundUp(match.n, lanes), (target.avx512 ? 8 : 2) * lanes);
      kc = match.k;
      maxNc = 1024;
    }
    return blockedConfig(ctx, kind, match, target, mr, nr, kc, 4, target.l2Bytes / 2, maxNc);
  }
  return generic;
}

struct SelectLoweringConfigPass : public inductor::impl::SelectLoweringConfigBase<SelectLoweringConfigPass> {
  using SelectLoweringConfigBase::SelectLoweringConfigBase;

  FailureOr<Target> getTarget() {
    std::optional<TargetISA> parsed = parseISA(isa);
    if (!parsed) {
      getOperation().emitError() << "inductor-select-lowering-config: unknown isa '" << isa << "' (expected "
                                 << kISANames << ")";
      return failure();
    }
    Target target;
    static_cast<TargetISA &>(target) = *parsed;
    if (numThreads < 0 || l2CacheKB < 0) {
      getOperation().emitError() << "inductor-select-lowering-config: num-threads and l2-cache-kb must be >= 0 "
                                    "(0: detect)";
      return failure();
    }
    target.threads = numThreads > 0 ? numThreads : std::max<int64_t>(1, std::thread::hardware_concurrency());
    if (l2CacheKB > 0) {
      target.l2Bytes = l2CacheKB * 1024;
    } else if (long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE); l2 > 0) {
      target.l2Bytes = l2;
    }
    return target;
  }

  void runOnOperation() override {
    FailureOr<Target> target = getTarget();
    if (failed(target))
      return signalPassFailure();
    WalkResult result = getOperation().walk([&](linalg::LinalgOp op) {
      if (getLoweringConfig(op) || !op.hasPureTensorSemantics())
        return WalkResult::advance();
      FailureOr<ContractionMatch> match = matchContraction(op);
      if (failed(match))
        return WalkResult::advance();
      LoweringConfigAttr config = chooseConfig(op, *match, *target);
      // A config the verifier rejects would make the kernel write outside its blocks; fail loudly instead.
      if (failed(LoweringConfigAttr::verify([&] { return op->emitError("inductor-select-lowering-config: internal "
                                                                       "error, chose an invalid config: "); },
                                            config.getKind(), config.getCache(), config.getRegisters())))
        return WalkResult::interrupt();
      op->setAttr(LoweringConfigAttr::kAttrName, config);
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
