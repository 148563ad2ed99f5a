//===- VectorizeElementwise.cpp - Elementwise linalg ops as vector loops --===//
//
// convert-linalg-to-loops leaves an elementwise op's vectorization to LLVM's loop vectorizer, which guards
// every loop with run-time alias checks and, for bf16 data, picked 4-lane vectors (a [1024, 768] bf16
// layer_norm's normalization: xmm `vcvtneps2bf16`s and shuffles, slower than the 16-lane integer rounding).
// This pass writes the innermost loop of each all-parallel generic whose operands it reads contiguously as
// vector code of the ISA's width with a masked last step, so the vector width and the casts are ours.
//
//===----------------------------------------------------------------------===//

#include "Elementwise.h"
#include "TargetISA.h"
#include "Transforms/Passes.h"
#include "VectorBody.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_VECTORIZEELEMENTWISE
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

constexpr int64_t kRegistersPerVector = 4;
/// Inputs read with a stride along the last loop (an im2col gather or a max pool's taps at stride 2) load
/// kMaxStride times the lanes and keep every stride-th element.
constexpr int64_t kMaxStride = 2;

/// Whether the last n % lanes elements of a row run in a scalar loop rather than as one masked step: integer
/// division traps (or is undefined) on the zeros a masked load leaves in the inactive lanes, and LLVM 22 has
/// no masked bf16 / f16 loads and stores on x86: it scalarizes them (and failed to select the scalarized
/// stores of a constant mask).
bool needsScalarTail(linalg::GenericOp op) {
  for (Operation &inner : op.getBody()->without_terminator())
    if (isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp, arith::CeilDivSIOp, arith::CeilDivUIOp,
            arith::FloorDivSIOp>(inner))
      return true;
  int64_t last = op.getNumLoops() - 1;
  return llvm::any_of(op->getOpOperands(), [&](OpOperand &operand) {
    Type element = cast<MemRefType>(operand.get().getType()).getElementType();
    return op.getMatchingIndexingMap(&operand).isFunctionOfDim(last) && (element.isBF16() || element.isF16());
  });
}

/// All loops parallel, no linalg.index, memref operands, outputs indexed by projected permutations (inputs
/// may take any affine index: indicesOf computes it).
bool isElementwiseOnBuffers(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumParallelLoops() != op.getNumLoops() ||
      !op.getBody()->getOps<linalg::IndexOp>().empty())
    return false;
  return llvm::all_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
    return op.getMatchingIndexingMap(&init).isProjectedPermutation(/*allowZeroInResults=*/true);
  });
}

/// The vector lanes `op` runs on, or 0 when it stays as it is: an all-parallel generic on buffers (see
/// isElementwiseOnBuffers) whose body is lanewise arithmetic, every output contiguous along the last loop and
/// every input read along it contiguous or at stride 2 there (see strideAlongLastLoop; inputs not read along
/// it are broadcast), and no input sharing a buffer with an output unless it is that output read at the same
/// place (an in-place update).
int64_t vectorLanes(linalg::GenericOp op, int64_t vectorBits) {
  if (!isElementwiseOnBuffers(op) || op.getNumLoops() == 0)
    return 0;
  int64_t last = op.getNumLoops() - 1;
  bool strided = false;
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      return 0;
    if (op.isDpsInit(&operand)) {
      if (!isContiguousAlongLastLoop(op, operand))
        return 0;
    } else if (op.getMatchingIndexingMap(&operand).isFunctionOfDim(last)) {
      std::optional<int64_t> stride = strideAlongLastLoop(op, operand, kMaxStride);
      if (!stride)
        return 0;
      strided |= *stride > 1;
    }
  }
  for (OpOperand &init : op.getDpsInitsMutable()) {
    Value root = memref::skipViewLikeOps(cast<MemrefValue>(init.get()));
    for (OpOperand &other : op->getOpOperands()) {
      if (&other == &init || memref::skipViewLikeOps(cast<MemrefValue>(other.get())) != root)
        continue;
      if (op.isDpsInit(&other) || other.get() != init.get() ||
          op.getMatchingIndexingMap(&other) != op.getMatchingIndexingMap(&init))
        return 0;
    }
  }
  std::optional<unsigned> widest = lanewiseBodyBits(op.getBody());
  if (!widest)
    return 0;
  // Four registers per vector, which LLVM splits: [1024, 768] layer_norm on one Zen 4 core, f32 / bf16,
  // 137 / 158 us with one register per vector (four per step in the f32 case), 116 / 140 with four (LLVM's
  // own loops: 117 / 198).
  // At most 64 lanes (16- and 8-bit bodies would get 128 and 256), the widest measured.
  int64_t lanes = std::min<int64_t>(kRegistersPerVector * vectorBits / *widest, 64);
  // Rows known to be shorter take the widest power of two that fits (a head dim of 8: one vector, no tail).
  // With a strided input, whole vectors stop one element short of the row's end (see lower).
  int64_t rowLength = op.getStaticLoopRanges().back();
  int64_t fits = strided ? rowLength - 1 : rowLength;
  if (!ShapedType::isDynamic(rowLength) && fits < lanes)
    lanes = fits < 1 ? 0 : llvm::PowerOf2Ceil(fits + 1) / 2;
  return lanes >= 2 ? lanes : 0;
}

/// The trailing loops [first, last] of `op` as one, when each operand reads them as its trailing dims, in
/// order, over contiguous memory, or reads none of them: a [N, C, 7, 7] batch norm then runs 49-element rows
/// (three full vectors and a masked one of 16 lanes) as longer ones. Returns `op` or the collapsed op.
linalg::GenericOp collapseTrailingLoops(linalg::GenericOp op, RewriterBase &rewriter) {
  int64_t loops = op.getNumLoops();
  // Upstream's collapsing takes projected permutations without constants: size-1 operand dims read at 0 (a
  // channel vector [C, 1, 1] of an NCHW batch norm) are folded into their neighbours first.
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<std::pair<OpOperand *, SmallVector<ReassociationIndices>>> folds;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap &map = maps[operand.getOperandNumber()];
    SmallVector<ReassociationIndices> groups;
    SmallVector<AffineExpr> kept;
    ReassociationIndices leading;
    for (auto [i, e] : llvm::enumerate(map.getResults())) {
      auto constant = dyn_cast<AffineConstantExpr>(e);
      if (isa<AffineDimExpr>(e)) {
        kept.push_back(e);
        groups.push_back(leading);
        groups.back().push_back(i);
        leading.clear();
      } else if (!constant || constant.getValue() != 0 ||
                 cast<MemRefType>(operand.get().getType()).getDimSize(i) != 1) {
        return op; // A compound index (an im2col gather's 2 * ow + kw) is no size-1 dim.
      } else if (groups.empty()) {
        leading.push_back(i);
      } else {
        groups.back().push_back(i);
      }
    }
    if (kept.size() == map.getNumResults())
      continue;
    if (!memref::CollapseShapeOp::isGuaranteedCollapsible(cast<MemRefType>(operand.get().getType()), groups))
      return op;
    map = AffineMap::get(loops, 0, kept, op.getContext());
    folds.push_back({&operand, std::move(groups)});
  }
  rewriter.setInsertionPoint(op);
  for (auto &[operand, groups] : folds)
    operand->set(memref::CollapseShapeOp::create(rewriter, op.getLoc(), operand->get(), groups));
  op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
  for (int64_t first = 0; first + 1 < loops; ++first) {
    bool collapsible = true;
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = op.getMatchingIndexingMap(&operand);
      int64_t count = loops - first, rank = map.getNumResults();
      bool readsNone = llvm::none_of(llvm::seq(first, loops), [&](int64_t d) { return map.isFunctionOfDim(d); });
      if (readsNone)
        continue;
      bool trailing = rank >= count && llvm::all_of(llvm::seq<int64_t>(0, count), [&](int64_t i) {
        return map.getResult(rank - count + i) == getAffineDimExpr(first + i, op.getContext());
      });
      ReassociationIndices group = llvm::to_vector(llvm::seq<int64_t>(rank - count, rank));
      SmallVector<ReassociationIndices> reassociation;
      for (int64_t i = 0; i < rank - count; ++i)
        reassociation.push_back({i});
      reassociation.push_back(group);
      auto type = cast<MemRefType>(operand.get().getType());
      // A dynamic stride in the group can make the collapsed dim strided: then the rows stay as they are.
      if (!trailing || !memref::CollapseShapeOp::isGuaranteedCollapsible(type, reassociation) ||
          !memref::CollapseShapeOp::computeCollapsedType(type, reassociation).isLastDimUnitStride()) {
        collapsible = false;
        break;
      }
    }
    if (!collapsible)
      continue;
    SmallVector<ReassociationIndices> folded = {llvm::to_vector(llvm::seq<int64_t>(first, loops))};
    rewriter.setInsertionPoint(op);
    FailureOr<linalg::CollapseResult> collapsed = linalg::collapseOpIterationDims(op, folded, rewriter);
    if (failed(collapsed))
      return op;
    rewriter.eraseOp(op);
    return cast<linalg::GenericOp>(collapsed->collapsedOp.getOperation());
  }
  return op;
}

/// Inputs that are stride-2 views along their last dim (a max pool's taps: subviews of the padded input
/// with strides [1, 1, 2, 2]) are read instead through a unit-stride view of the same elements and those
/// in between, at twice the index: their vector loads are then contiguous (see strideAlongLastLoop).
void readStridedViewsContiguously(linalg::GenericOp op, RewriterBase &rewriter) {
  int64_t last = op.getNumLoops() - 1;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  bool changed = false;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap &map = maps[input->getOperandNumber()];
    auto view = input->get().getDefiningOp<memref::SubViewOp>();
    if (!view || !map.isFunctionOfDim(last) || map.getNumResults() == 0)
      continue;
    MemRefType source = view.getSourceType();
    int64_t rank = source.getRank();
    ArrayRef<int64_t> sizes = view.getStaticSizes(), steps = view.getStaticStrides();
    if (view.getType().getRank() != rank || !source.isLastDimUnitStride() ||
        steps.back() != kMaxStride || ShapedType::isDynamic(sizes.back()) || sizes.back() < 1)
      continue;
    SmallVector<OpFoldResult> newSizes = view.getMixedSizes(), newSteps = view.getMixedStrides();
    newSizes.back() = rewriter.getIndexAttr((sizes.back() - 1) * kMaxStride + 1);
    newSteps.back() = rewriter.getIndexAttr(1);
    rewriter.setInsertionPoint(op);
    Value contiguous = memref::SubViewOp::create(rewriter, view.getLoc(), view.getSource(),
                                                 view.getMixedOffsets(), newSizes, newSteps);
    SmallVector<AffineExpr> results(map.getResults());
    results.back() = results.back() * kMaxStride;
    map = AffineMap::get(map.getNumDims(), 0, results, op.getContext());
    input->set(contiguous);
    changed = true;
  }
  if (changed)
    op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
}

/// for outer ivs: for i in whole vectors: out[..., i:i+lanes] = body(in[..., i:i+lanes]); then the last
/// n % lanes elements under a mask, as one more vector that overlaps the previous ones, or as scalars.
/// A strided input (stride s) loads lanes * s elements from each vector's first one and keeps every s-th;
/// whole vectors then end where that load stays within the elements the row reads, one element short of the
/// row's end, and the last vector (which overlaps) loads from s - 1 elements before its first one.
void lower(linalg::GenericOp op, int64_t lanes) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  SmallVector<Range> ranges = cast<linalg::LinalgOp>(op.getOperation()).createLoopRanges(b, loc);
  auto value = [&](OpFoldResult r) { return getValueOrCreateConstantIndexOp(b, loc, r); };
  // The outer loops, outermost first (createLoopRanges starts every loop at 0 with step 1).
  SmallVector<Value> ivs;
  for (size_t i = 0; i + 1 < ranges.size(); ++i) {
    auto loop = scf::ForOp::create(b, loc, value(ranges[i].offset), value(ranges[i].size), value(ranges[i].stride));
    b.setInsertionPoint(loop.getBody()->getTerminator());
    ivs.push_back(loop.getInductionVar());
  }
  Block *body = op.getBody();
  int64_t last = op.getNumLoops() - 1;
  auto vectorOf = [&](Type t) { return VectorType::get({lanes}, t); };
  // Operands not read along the last loop, and values the body captures, are broadcast once per row.
  IRMapping invariant;
  SmallVector<Value> rowIvs(ivs);
  rowIvs.push_back(arith::ConstantIndexOp::create(b, loc, 0));
  DenseMap<OpOperand *, int64_t> strides;
  bool strided = false, inPlace = false;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    BlockArgument arg = body->getArgument(operand.getOperandNumber());
    if (op.isDpsInput(&operand) && llvm::is_contained(op.getDpsInits(), operand.get()))
      inPlace = true;
    if (map.isFunctionOfDim(last)) {
      int64_t stride = op.isDpsInit(&operand) ? 1 : *strideAlongLastLoop(op, operand, kMaxStride);
      strides[&operand] = stride;
      strided |= stride > 1;
      continue;
    }
    if (arg.use_empty())
      continue;
    Value scalar = memref::LoadOp::create(b, loc, operand.get(), indicesOf(b, loc, map, rowIvs));
    invariant.map(arg, vector::BroadcastOp::create(b, loc, vectorOf(scalar.getType()), scalar));
  }
  broadcastCapturedValues(b, loc, op, lanes, invariant);

  // One vector of elements from `iv` (under `mask` when given): loads, the body, stores. `shifted`: strided
  // loads start stride - 1 elements early (the last, overlapping vector).
  auto step = [&](OpBuilder &nb, Location nl, Value iv, Value mask, bool shifted) {
    SmallVector<Value> at(ivs);
    at.push_back(iv);
    IRMapping mapping = invariant;
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = op.getMatchingIndexingMap(&operand);
      BlockArgument arg = body->getArgument(operand.getOperandNumber());
      if (!map.isFunctionOfDim(last) || arg.use_empty())
        continue;
      VectorType type = vectorOf(arg.getType());
      SmallVector<Value> indices = indicesOf(nb, nl, map, at);
      Value loaded;
      if (int64_t stride = strides.lookup(&operand); stride > 1) {
        int64_t first = shifted ? stride - 1 : 0;
        if (first)
          indices.back() =
              arith::SubIOp::create(nb, nl, indices.back(), arith::ConstantIndexOp::create(nb, nl, first));
        Value wide = vector::LoadOp::create(nb, nl, VectorType::get({lanes * stride}, arg.getType()),
                                            operand.get(), indices);
        SmallVector<int64_t> picked;
        for (int64_t lane = 0; lane < lanes; ++lane)
          picked.push_back(first + lane * stride);
        loaded = vector::ShuffleOp::create(nb, nl, wide, wide, picked);
      } else if (mask) {
        Value zeros = arith::ConstantOp::create(nb, nl, nb.getZeroAttr(type));
        loaded = vector::MaskedLoadOp::create(nb, nl, type, operand.get(), indices, mask, zeros);
      } else {
        loaded = vector::LoadOp::create(nb, nl, type, operand.get(), indices);
      }
      mapping.map(arg, loaded);
    }
    emitLanewiseBody(nb, nl, body, lanes, mapping);
    for (auto [init, yielded] : llvm::zip(op.getDpsInitsMutable(), body->getTerminator()->getOperands())) {
      Value result = mapping.lookup(yielded);
      SmallVector<Value> indices = indicesOf(nb, nl, op.getMatchingIndexingMap(&init), at);
      if (mask)
        vector::MaskedStoreOp::create(nb, nl, init.get(), indices, mask, result);
      else
        vector::StoreOp::create(nb, nl, result, init.get(), indices);
    }
  };

  Range r = ranges.back();
  Value n = value(r.size);
  Value vectorStep = arith::ConstantIndexOp::create(b, loc, lanes);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  // Whole vectors cover [0, vectorEnd): n rounded down to lanes, or n - 1 (at least 0) with a strided input.
  Value covered = strided ? arith::MaxSIOp::create(b, loc, arith::SubIOp::create(b, loc, n, one), zero) : n;
  Value vectorEnd = arith::SubIOp::create(b, loc, covered, arith::RemUIOp::create(b, loc, covered, vectorStep));
  scf::ForOp::create(b, loc, zero, vectorEnd, vectorStep, ValueRange{},
                     [&](OpBuilder &nb, Location nl, Value iv, ValueRange) {
                       step(nb, nl, iv, Value(), /*shifted=*/false);
                       scf::YieldOp::create(nb, nl);
                     });
  std::optional<int64_t> staticSize = getConstantIntValue(r.size);
  if (!strided && staticSize && *staticSize % lanes == 0) {
    op.erase();
    return;
  }
  bool scalarTail = strided || needsScalarTail(op);
  // The rest as one vector ending at the row's end, which recomputes some elements: needs a row longer than
  // a vector and no output read as an input (it would read what the previous vector wrote).
  if (scalarTail && staticSize && *staticSize > lanes && !inPlace) {
    step(b, loc, arith::ConstantIndexOp::create(b, loc, *staticSize - lanes), Value(), /*shifted=*/true);
    op.erase();
    return;
  }
  if (!scalarTail) {
    // A mask of no lanes loads and stores nothing, so the step needs no branch around it.
    Value remaining = arith::SubIOp::create(b, loc, n, vectorEnd);
    Value mask = vector::CreateMaskOp::create(b, loc, VectorType::get({lanes}, b.getI1Type()), ValueRange{remaining});
    step(b, loc, vectorEnd, mask, /*shifted=*/false);
    op.erase();
    return;
  }
  scf::ForOp::create(b, loc, vectorEnd, n, one, ValueRange{},
                     [&](OpBuilder &nb, Location nl, Value iv, ValueRange) {
                       SmallVector<Value> at(ivs);
                       at.push_back(iv);
                       IRMapping mapping;
                       for (OpOperand &operand : op->getOpOperands()) {
                         BlockArgument arg = body->getArgument(operand.getOperandNumber());
                         if (!arg.use_empty())
                           mapping.map(arg, memref::LoadOp::create(
                                                nb, nl, operand.get(),
                                                indicesOf(nb, nl, op.getMatchingIndexingMap(&operand), at)));
                       }
                       for (Operation &inner : body->without_terminator())
                         nb.clone(inner, mapping);
                       for (auto [init, yielded] :
                            llvm::zip(op.getDpsInitsMutable(), body->getTerminator()->getOperands()))
                         memref::StoreOp::create(nb, nl, mapping.lookupOrDefault(yielded), init.get(),
                                                 indicesOf(nb, nl, op.getMatchingIndexingMap(&init), at));
                       scf::YieldOp::create(nb, nl);
                     });
  op.erase();
}

struct VectorizeElementwisePass : public inductor::impl::VectorizeElementwiseBase<VectorizeElementwisePass> {
  using VectorizeElementwiseBase::VectorizeElementwiseBase;

  void runOnOperation() override {
    int64_t bits = vectorBits < 0 ? parseISA("host")->vectorBits() : vectorBits;
    if (bits == 0)
      return;
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::GenericOp> work;
    getOperation().walk([&](linalg::GenericOp op) {
      if (!isElementwiseOnBuffers(op))
        return;
      readStridedViewsContiguously(op, rewriter);
      if (vectorLanes(op, bits))
        work.push_back(op);
    });
    for (linalg::GenericOp op : work) {
      // The row length (and so the lanes) is known after collapsing.
      linalg::GenericOp collapsed = collapseTrailingLoops(op, rewriter);
      if (int64_t lanes = vectorLanes(collapsed, bits))
        lower(collapsed, lanes);
    }
  }
};

} // namespace
