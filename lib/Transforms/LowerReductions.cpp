//===- LowerReductions.cpp - Reductions to loops with register accumulators -===//
//
// convert-linalg-to-loops keeps a reduction's accumulator in its output buffer: the innermost loop loads and
// stores out[i] at every step. LLVM only keeps it in a register (and then vectorizes the loop) when it can
// prove that out[i] does not alias the inputs, which it cannot inside an OpenMP region, whose buffers arrive
// through a context struct: a row sum ran scalar there. This pass writes the innermost reduction loop with the
// accumulators as loop values instead, and, where the body allows, as vector code of its own: LLVM vectorizes a
// maxnumf reduction with NaN checks on every vector, an early exit and a scalar tree per row (a [1024, 768]
// softmax's row max took a quarter of its time on Zen 4).
//
//===----------------------------------------------------------------------===//

#include "TargetISA.h"
#include "Transforms/Passes.h"
#include "VectorBody.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_LOWERREDUCTIONS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

/// A generic on buffers this pass lowers: the last loop is its only reduction, every operand is indexed by a
/// projected permutation (constant 0 for size-1 dims), no init reads the reduction loop, no input is an
/// init's buffer, and the body has no linalg.index.
bool isInnermostReduction(linalg::GenericOp op) {
  int64_t loops = op.getNumLoops();
  if (!op.hasPureBufferSemantics() || loops == 0 || op.getNumReductionLoops() != 1 ||
      op.getIteratorTypesArray().back() != utils::IteratorType::reduction || !op.getBody()->getOps<linalg::IndexOp>().empty())
    return false;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!map.isProjectedPermutation(/*allowZeroInResults=*/true))
      return false;
    if (op.isDpsInit(&operand) && map.isFunctionOfDim(loops - 1))
      return false;
  }
  for (Value input : op.getDpsInputs())
    if (llvm::is_contained(op.getDpsInits(), input))
      return false;
  return true;
}

/// How the reduction loop runs as vector code: `lanes` elements per vector, one combiner per init.
struct VectorPlan {
  int64_t lanes = 0;
  SmallVector<Operation *> combiners;
  SmallVector<vector::CombiningKind> kinds;
  /// Every input read along the loop is bf16 that the body only widens to f32 (the statistics of a bf16
  /// layer_norm, a softmax's row max): the unrolled steps widen their elements in the order of
  /// vpunpcklwd / vpunpckhwd (see widenBf16Permuted), which the combiners do not observe.
  bool permutedBf16 = false;
};

/// Whether the reduction's result does not depend on which lane an element lands in: each input read along
/// the loop is bf16 used only by arith.extf to f32 (no other operand is read along it, so nothing pairs
/// elements of two inputs out of step), and the combiners (planned: sums and products with reassoc, min,
/// max, integer and bitwise ops) are commutative and associative.
bool onlyWidenedBf16AlongLoop(linalg::GenericOp op) {
  int64_t last = op.getNumLoops() - 1;
  bool any = false;
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (!op.getMatchingIndexingMap(input).isFunctionOfDim(last))
      continue;
    BlockArgument arg = op.getBody()->getArgument(input->getOperandNumber());
    if (!arg.getType().isBF16() || arg.use_empty())
      return false;
    for (Operation *user : arg.getUsers())
      if (!isa<arith::ExtFOp>(user) || !user->getResult(0).getType().isF32())
        return false;
    any = true;
  }
  return any;
}

/// `registers` x `lanes` bf16 elements (`registers` even) from `indices` widened to f32 in the lane order of
/// vpunpcklwd / vpunpckhwd with zero: register r of `lanes` f32 takes, from each 128-bit lane L of input
/// register r / 2, the 4 elements at 4 * (r % 2). One shuffle per register instead of the order-keeping zero
/// extension and shift (two): [1024, 768] bf16 layer_norm on one Zen 4 core 140.6 -> 126.0 us
/// (`inductor-run --print-time`).
Value widenBf16Permuted(OpBuilder &b, Location loc, Value buffer, ValueRange indices, int64_t lanes,
                        int64_t registers) {
  int64_t count = registers * lanes;
  Value loaded = vector::LoadOp::create(b, loc, VectorType::get({count}, b.getBF16Type()), buffer, indices);
  auto i16s = VectorType::get({count}, b.getI16Type());
  Value bits = vector::BitCastOp::create(b, loc, i16s, loaded);
  Value zeros = arith::ConstantOp::create(b, loc, DenseElementsAttr::get(i16s, b.getI16IntegerAttr(0).getValue()));
  SmallVector<int64_t> mask;
  for (int64_t j = 0; j < count; ++j) {
    int64_t r = j / lanes, inRegister = j % lanes;
    int64_t lane128 = inRegister / 4, t = inRegister % 4;
    mask.push_back(count); // the low half: a zero
    mask.push_back(2 * lanes * (r / 2) + 8 * lane128 + 4 * (r % 2) + t);
  }
  Value interleaved = vector::ShuffleOp::create(b, loc, bits, zeros, mask);
  return vector::BitCastOp::create(b, loc, VectorType::get({count}, b.getF32Type()), interleaved);
}

/// The lanewise form of a reduction with kind `kind`: its start value in every lane.
TypedAttr identityOf(vector::CombiningKind kind, Operation *combiner, Type type) {
  // maxnumf / minnumf lanes start at -inf / +inf rather than NaN (their identity): a lane never holds NaN,
  // so the combine can be a compare and select (vmaxps / vminps) without NaN fixups; see emitCombine.
  if (auto floatType = dyn_cast<FloatType>(type)) {
    if (kind == vector::CombiningKind::MAXNUMF)
      return FloatAttr::get(floatType, APFloat::getInf(floatType.getFloatSemantics(), /*Negative=*/true));
    if (kind == vector::CombiningKind::MINNUMF)
      return FloatAttr::get(floatType, APFloat::getInf(floatType.getFloatSemantics(), /*Negative=*/false));
  }
  std::optional<TypedAttr> neutral = arith::getNeutralElement(combiner);
  return neutral ? *neutral : TypedAttr();
}

/// Whether the reduction loop of `op` (isInnermostReduction) can run on vectors of `vectorBits`: inputs read
/// along it are contiguous (the loop is their last index, unit stride), the body is elementwise arithmetic on
/// scalars, and each init is updated by one combiner that linalg recognizes (float sums and products only
/// with `reassoc`, which allows the partial sums per lane).
std::optional<VectorPlan> planVectorization(linalg::GenericOp op, int64_t vectorBits) {
  int64_t loops = op.getNumLoops();
  for (OpOperand *input : op.getDpsInputOperands())
    if (op.getMatchingIndexingMap(input).isFunctionOfDim(loops - 1) && !isContiguousAlongLastLoop(op, *input))
      return std::nullopt;
  std::optional<unsigned> widest = lanewiseBodyBits(op.getBody());
  if (!widest)
    return std::nullopt;
  VectorPlan plan;
  plan.lanes = vectorBits / *widest;
  if (plan.lanes < 2)
    return std::nullopt;
  SmallVector<BlockArgument> outs(op.getRegionOutputArgs());
  for (unsigned i = 0; i < outs.size(); ++i) {
    SmallVector<Operation *> combiners;
    if (!matchReduction(outs, i, combiners) || combiners.size() != 1 || !outs[i].hasOneUse())
      return std::nullopt;
    Operation *combiner = combiners.front();
    std::optional<vector::CombiningKind> kind = linalg::getCombinerOpKind(combiner);
    if (!kind || combiner->getNumOperands() != 2 || !combiner->getResult(0).hasOneUse())
      return std::nullopt;
    if (auto fastmath = dyn_cast<arith::ArithFastMathInterface>(combiner);
        fastmath && (*kind == vector::CombiningKind::ADD || *kind == vector::CombiningKind::MUL) &&
        !arith::bitEnumContainsAll(fastmath.getFastMathFlagsAttr().getValue(), arith::FastMathFlags::reassoc))
      return std::nullopt;
    if (!identityOf(*kind, combiner, outs[i].getType()))
      return std::nullopt;
    plan.combiners.push_back(combiner);
    plan.kinds.push_back(*kind);
  }
  // Four f32 registers from two bf16 ones: lanes a multiple of the 128-bit lanes' 4 floats.
  plan.permutedBf16 = *widest == 32 && plan.lanes % 4 == 0 && onlyWidenedBf16AlongLoop(op);
  return plan;
}

/// acc' = combiner(acc, x) on vectors. maxnumf / minnumf as compare-and-select: with lanes that never hold
/// NaN it is the same value (x NaN compares false and keeps acc), one vmaxps / vminps.
Value emitCombine(OpBuilder &b, Location loc, Operation *combiner, vector::CombiningKind kind, Value acc, Value x) {
  if (kind == vector::CombiningKind::MAXNUMF || kind == vector::CombiningKind::MINNUMF) {
    auto predicate = kind == vector::CombiningKind::MAXNUMF ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT;
    Value take = arith::CmpFOp::create(b, loc, predicate, x, acc);
    return arith::SelectOp::create(b, loc, take, x, acc);
  }
  return createLike(b, loc, combiner, ValueRange{acc, x}, acc.getType());
}

/// The lanes of `v` reduced to a scalar. maxnumf / minnumf as a tree of halves, each one compare and select:
/// `vector.reduction` became a chain of 16 scalar maxnum steps with a NaN check each (per row of a softmax).
Value reduceLanes(OpBuilder &b, Location loc, Operation *combiner, vector::CombiningKind kind, Value v) {
  if (kind != vector::CombiningKind::MAXNUMF && kind != vector::CombiningKind::MINNUMF) {
    arith::FastMathFlags flags = arith::FastMathFlags::none;
    if (auto fastmath = dyn_cast<arith::ArithFastMathInterface>(combiner))
      flags = fastmath.getFastMathFlagsAttr().getValue();
    return vector::ReductionOp::create(b, loc, kind, v, Value(), flags);
  }
  for (int64_t width = cast<VectorType>(v.getType()).getNumElements() / 2; width >= 1; width /= 2) {
    auto half = [&](int64_t offset) {
      return vector::ExtractStridedSliceOp::create(b, loc, v, ArrayRef<int64_t>{offset}, ArrayRef<int64_t>{width},
                                                   ArrayRef<int64_t>{1});
    };
    Value low = half(0), high = half(width);
    v = emitCombine(b, loc, combiner, kind, low, high);
  }
  return vector::ExtractOp::create(b, loc, v, ArrayRef<int64_t>{0});
}

/// The reduction loop as vector code: four vector accumulators per init over steps of 4 x lanes, one over
/// steps of lanes, then a horizontal reduction combined with the init; the last n % lanes elements go to the
/// scalar loop (`scalarLoop`), which starts from that value.
SmallVector<Value> emitVectorReduction(OpBuilder &b, Location loc, linalg::GenericOp op, const VectorPlan &plan,
                                       ArrayRef<Value> ivs, Value begin, Value end, ValueRange inits,
                                       function_ref<SmallVector<Value>(Value from, ValueRange accs)> scalarLoop) {
  constexpr int64_t kInterleave = 4;
  Block *body = op.getBody();
  int64_t lanes = plan.lanes;
  auto vectorOf = [&](Type t) { return VectorType::get({lanes}, t); };
  Value n = arith::SubIOp::create(b, loc, end, begin);
  auto floorTo = [&](int64_t multiple) {
    Value m = arith::ConstantIndexOp::create(b, loc, multiple);
    return arith::AddIOp::create(b, loc, begin, arith::SubIOp::create(b, loc, n, arith::RemUIOp::create(b, loc, n, m)))
        .getResult();
  };
  Value wideEnd = floorTo(lanes * kInterleave), vectorEnd = floorTo(lanes);
  // Inputs not read along the reduction loop are loaded and broadcast once.
  IRMapping invariant;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.isFunctionOfDim(op.getNumLoops() - 1))
      continue;
    Value scalar = memref::LoadOp::create(b, loc, input->get(), indicesOf(b, loc, map, ivs));
    invariant.map(body->getArgument(input->getOperandNumber()),
                  vector::BroadcastOp::create(b, loc, vectorOf(scalar.getType()), scalar));
  }
  // Scalars the body captures from above, broadcast once.
  broadcastCapturedValues(b, loc, op, lanes, invariant);
  // One vector step at element `iv`: the body on vectors, each combiner folding into its accumulator.
  // `widened` holds the f32 vectors of the bf16 inputs when the caller widened them (permutedBf16).
  auto step = [&](OpBuilder &nb, Location nl, Value iv, ValueRange accs, const IRMapping *widened = nullptr) {
    SmallVector<Value> all(ivs);
    all.push_back(iv);
    IRMapping mapping = invariant;
    for (OpOperand *input : op.getDpsInputOperands()) {
      AffineMap map = op.getMatchingIndexingMap(input);
      if (!map.isFunctionOfDim(op.getNumLoops() - 1) || widened)
        continue;
      Type elt = cast<MemRefType>(input->get().getType()).getElementType();
      mapping.map(body->getArgument(input->getOperandNumber()),
                  vector::LoadOp::create(nb, nl, vectorOf(elt), input->get(), indicesOf(nb, nl, map, all)));
    }
    SmallVector<Value> next(accs.size());
    emitLanewiseBody(nb, nl, body, lanes, mapping, [&](Operation &inner) {
      if (widened && isa<arith::ExtFOp>(inner) && widened->contains(inner.getOperand(0))) {
        mapping.map(inner.getResult(0), widened->lookup(inner.getOperand(0)));
        return true;
      }
      auto combiner = llvm::find(plan.combiners, &inner);
      if (combiner == plan.combiners.end())
        return false;
      int64_t i = combiner - plan.combiners.begin();
      Value x = inner.getOperand(inner.getOperand(0) == op.getRegionOutputArgs()[i] ? 1 : 0);
      next[i] = emitCombine(nb, nl, &inner, plan.kinds[i], accs[i], mapping.lookup(x));
      return true;
    });
    return next;
  };
  size_t count = inits.size();
  SmallVector<Value> identities;
  for (auto [i, init] : llvm::enumerate(inits))
    identities.push_back(arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vectorOf(init.getType()),
                                       identityOf(plan.kinds[i], plan.combiners[i], init.getType()))));
  SmallVector<Value> wideInits;
  for (int64_t u = 0; u < kInterleave; ++u)
    wideInits.append(identities);
  auto wide = scf::ForOp::create(
      b, loc, begin, wideEnd, arith::ConstantIndexOp::create(b, loc, lanes * kInterleave), wideInits,
      [&](OpBuilder &nb, Location nl, Value iv, ValueRange accs) {
        SmallVector<Value> yielded;
        // The bf16 inputs of all steps, widened at once in the unpack order.
        SmallVector<Value> wideInputs;
        SmallVector<BlockArgument> wideArgs;
        if (plan.permutedBf16) {
          SmallVector<Value> all(ivs);
          all.push_back(iv);
          for (OpOperand *input : op.getDpsInputOperands()) {
            AffineMap map = op.getMatchingIndexingMap(input);
            if (!map.isFunctionOfDim(op.getNumLoops() - 1))
              continue;
            wideArgs.push_back(body->getArgument(input->getOperandNumber()));
            wideInputs.push_back(widenBf16Permuted(nb, nl, input->get(), indicesOf(nb, nl, map, all), lanes,
                                                   kInterleave));
          }
        }
        for (int64_t u = 0; u < kInterleave; ++u) {
          Value at = arith::AddIOp::create(nb, nl, iv, arith::ConstantIndexOp::create(nb, nl, u * lanes));
          if (!plan.permutedBf16) {
            yielded.append(step(nb, nl, at, accs.slice(u * count, count)));
            continue;
          }
          IRMapping widened;
          for (auto [arg, wideInput] : llvm::zip(wideArgs, wideInputs))
            widened.map(arg, vector::ExtractStridedSliceOp::create(nb, nl, wideInput, ArrayRef<int64_t>{u * lanes},
                                                                   ArrayRef<int64_t>{lanes}, ArrayRef<int64_t>{1}));
          yielded.append(step(nb, nl, at, accs.slice(u * count, count), &widened));
        }
        scf::YieldOp::create(nb, nl, yielded);
      });
  SmallVector<Value> merged(wide.getResults().take_front(count));
  for (int64_t u = 1; u < kInterleave; ++u)
    for (size_t i = 0; i < count; ++i)
      merged[i] = emitCombine(b, loc, plan.combiners[i], plan.kinds[i], merged[i], wide.getResult(u * count + i));
  auto single = scf::ForOp::create(b, loc, wideEnd, vectorEnd, arith::ConstantIndexOp::create(b, loc, lanes), merged,
                                   [&](OpBuilder &nb, Location nl, Value iv, ValueRange accs) {
                                     scf::YieldOp::create(nb, nl, step(nb, nl, iv, accs));
                                   });
  // The init joins with the combiner itself: unlike the lanes, it may be NaN.
  SmallVector<Value> partial;
  for (size_t i = 0; i < count; ++i) {
    Value lanesReduced = reduceLanes(b, loc, plan.combiners[i], plan.kinds[i], single.getResult(i));
    partial.push_back(createLike(b, loc, plan.combiners[i], ValueRange{inits[i], lanesReduced}, inits[i].getType()));
  }
  return scalarLoop(vectorEnd, partial);
}

/// for parallel ivs: acc = out[...]; for r: acc = body(in[...], acc); out[...] = acc.
void lower(linalg::GenericOp op, int64_t vectorBits) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  SmallVector<Range> ranges = cast<linalg::LinalgOp>(op.getOperation()).createLoopRanges(b, loc);
  SmallVector<Value> ivs;
  auto value = [&](OpFoldResult r) { return getValueOrCreateConstantIndexOp(b, loc, r); };
  // The parallel loops, outermost first (createLoopRanges starts every loop at 0: its size is the bound).
  for (size_t i = 0; i + 1 < ranges.size(); ++i) {
    auto loop = scf::ForOp::create(b, loc, value(ranges[i].offset), value(ranges[i].size), value(ranges[i].stride));
    b.setInsertionPoint(loop.getBody()->getTerminator());
    ivs.push_back(loop.getInductionVar());
  }
  SmallVector<Value> inits;
  for (OpOperand &init : op.getDpsInitsMutable())
    inits.push_back(memref::LoadOp::create(b, loc, init.get(),
                                           indicesOf(b, loc, op.getMatchingIndexingMap(&init), ivs)));
  Block *body = op.getBody();
  Range r = ranges.back();
  auto scalarLoop = [&](Value from, ValueRange start) -> SmallVector<Value> {
    auto loop = scf::ForOp::create(
      b, loc, from, value(r.size), value(r.stride), start,
      [&](OpBuilder &nb, Location nl, Value iv, ValueRange accs) {
        SmallVector<Value> all(ivs);
        all.push_back(iv);
        IRMapping mapping;
        for (OpOperand *input : op.getDpsInputOperands())
          mapping.map(body->getArgument(input->getOperandNumber()),
                      memref::LoadOp::create(nb, nl, input->get(),
                                             indicesOf(nb, nl, op.getMatchingIndexingMap(input), all)));
        for (auto [i, acc] : llvm::enumerate(accs))
          mapping.map(body->getArgument(op.getNumDpsInputs() + i), acc);
        for (Operation &inner : body->without_terminator())
          nb.clone(inner, mapping);
        SmallVector<Value> yielded;
        for (Value v : body->getTerminator()->getOperands())
          yielded.push_back(mapping.lookupOrDefault(v));
        scf::YieldOp::create(nb, nl, yielded);
      });
    return SmallVector<Value>(loop.getResults());
  };
  std::optional<VectorPlan> plan;
  if (vectorBits > 0 && isOneInteger(r.stride) && isZeroInteger(r.offset))
    plan = planVectorization(op, vectorBits);
  SmallVector<Value> results = plan ? emitVectorReduction(b, loc, op, *plan, ivs, value(r.offset), value(r.size),
                                                          inits, scalarLoop)
                                    : scalarLoop(value(r.offset), inits);
  for (auto [i, init] : llvm::enumerate(op.getDpsInitsMutable()))
    memref::StoreOp::create(b, loc, results[i], init.get(), indicesOf(b, loc, op.getMatchingIndexingMap(&init), ivs));
  op.erase();
}

/// A generic on buffers whose last two or more loops are its reductions, each operand reading them in order
/// as contiguous dims of its buffer or not at all (a mean over a feature map's H and W), rewritten onto
/// collapsed views with one reduction loop, which isInnermostReduction accepts: a global average pool
/// otherwise ran as scalar loops (0.36 ms for a bf16 [1, 1024, 14, 14] add + relu + mean on Zen 4). Written
/// here rather than with linalg::collapseOpIterationDims, which does not take the constant-0 results of
/// broadcast operands (a batch norm's [C, 1, 1] scale).
void collapseTrailingReductions(linalg::GenericOp op) {
  int64_t loops = op.getNumLoops(), reductions = op.getNumReductionLoops(), first = loops - reductions;
  if (!op.hasPureBufferSemantics() || reductions < 2 || !op.getBody()->getOps<linalg::IndexOp>().empty() ||
      !llvm::all_of(ArrayRef(op.getIteratorTypesArray()).drop_front(first),
                    [](utils::IteratorType t) { return t == utils::IteratorType::reduction; }))
    return;
  MLIRContext *ctx = op.getContext();
  SmallVector<AffineMap> maps;
  // Per operand: its dims that become one, when it reads the reduction loops.
  SmallVector<std::optional<SmallVector<ReassociationIndices>>> groupsOf;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    // Where the reduction dims are among the results: all of them, consecutive and in loop order, or none.
    std::optional<int64_t> at;
    int64_t seen = 0;
    for (auto [i, e] : llvm::enumerate(map.getResults())) {
      auto d = dyn_cast<AffineDimExpr>(e);
      if (!d || d.getPosition() < first)
        continue;
      if (d.getPosition() != first + seen || (seen > 0 && int64_t(i) != *at + seen))
        return;
      if (seen++ == 0)
        at = i;
    }
    if (seen != 0 && seen != reductions)
      return;
    // Dims below `first` keep their positions; d_first becomes the collapsed loop.
    SmallVector<AffineExpr> results;
    for (auto [i, e] : llvm::enumerate(map.getResults()))
      if (!at || int64_t(i) <= *at || int64_t(i) >= *at + reductions)
        results.push_back(e);
    maps.push_back(AffineMap::get(first + 1, 0, results, ctx));
    groupsOf.emplace_back();
    if (!at)
      continue;
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type)
      return;
    SmallVector<ReassociationIndices> groups;
    for (int64_t i = 0; i < type.getRank(); ++i)
      if (i <= *at || i >= *at + reductions)
        groups.push_back({i});
      else
        groups.back().push_back(i);
    // memref.collapse_shape needs the collapsed dims to be contiguous in memory.
    if (!memref::CollapseShapeOp::isGuaranteedCollapsible(type, groups))
      return;
    groupsOf.back() = std::move(groups);
  }
  OpBuilder b(op);
  SmallVector<Value> operands;
  for (auto [operand, groups] : llvm::zip(op->getOpOperands(), groupsOf))
    operands.push_back(groups ? memref::CollapseShapeOp::create(b, op.getLoc(), operand.get(), *groups).getResult()
                              : operand.get());
  SmallVector<utils::IteratorType> iterators(ArrayRef(op.getIteratorTypesArray()).take_front(first + 1));
  int64_t inputs = op.getNumDpsInputs();
  auto collapsed = linalg::GenericOp::create(b, op.getLoc(), TypeRange{}, ArrayRef(operands).take_front(inputs),
                                             ArrayRef(operands).drop_front(inputs), maps, iterators);
  collapsed.getRegion().takeBody(op.getRegion());
  op.erase();
}

struct LowerReductionsPass : public inductor::impl::LowerReductionsBase<LowerReductionsPass> {
  using LowerReductionsBase::LowerReductionsBase;

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> collapsible;
    getOperation().walk([&](linalg::GenericOp op) { collapsible.push_back(op); });
    for (linalg::GenericOp op : collapsible)
      collapseTrailingReductions(op);
    SmallVector<linalg::GenericOp> work;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isInnermostReduction(op))
        work.push_back(op);
    });
    int64_t bits = vectorBits < 0 ? parseISA("host")->vectorBits() : vectorBits;
    for (linalg::GenericOp op : work)
      lower(op, bits);
  }
};

} // namespace
