//===- ParallelizeElementwise.cpp - Elementwise linalg ops in parallel chunks -===//
//
// Splits large all-parallel linalg.generic ops on buffers into an scf.parallel over slices of their first
// non-unit loop dimension, so that they run on every thread like the contraction kernels do.
//
//===----------------------------------------------------------------------===//

#include "Elementwise.h"
#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_PARALLELIZEELEMENTWISE
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

struct ParallelizeElementwisePass
    : public inductor::impl::ParallelizeElementwiseBase<ParallelizeElementwisePass> {
  using ParallelizeElementwiseBase::ParallelizeElementwiseBase;

  void runOnOperation() override {
    if (minElements < 0 || chunks < 1) {
      getOperation().emitError("inductor-parallelize-elementwise: min-elements must be >= 0 and chunks >= 1");
      return signalPassFailure();
    }
    // The copies and fills a padded buffer is built from (a convolution's or pool's `tensor.pad`: a
    // `linalg.map` of the pad value over the buffer, a strided `linalg.copy` into its interior) as generics,
    // so that they are split too: serial, they kept `main` at 2.9 % of a ResNet-style CNN's bf16 profile on
    // two threads (0.7 % split; the model about 1 % faster).
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::LinalgOp> named;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isa<linalg::CopyOp, linalg::MapOp>(op.getOperation()) && op.hasPureBufferSemantics() &&
          !op->getParentOfType<scf::ParallelOp>())
        named.push_back(op);
    });
    for (linalg::LinalgOp op : named) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::generalizeNamedOp(rewriter, op)))
        return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> work;
    getOperation().walk([&](linalg::GenericOp op) {
      if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 || op->getParentOfType<scf::ParallelOp>())
        return;
      // Reductions split along their first loop, which must then be parallel (rows of a row reduction);
      // inductor-lower-reductions later keeps their accumulators in registers inside the parallel region.
      // Compound indices (an im2col's oh + kh) are fine when the split loop is not part of them.
      int64_t dim = splitDim(op);
      if (!isTileableElementwise(op, /*allowReductions=*/true, dim))
        return;
      if (op.getIteratorTypesArray()[dim] != utils::IteratorType::parallel)
        return;
      // Each slice must write its own part of every output.
      for (OpOperand &init : op.getDpsInitsMutable())
        if (!op.getMatchingIndexingMap(&init).isFunctionOfDim(dim))
          return;
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      // Dynamic sizes count as large: the dims of a dynamic batch are rarely 1.
      if (!llvm::any_of(ranges, ShapedType::isDynamic) && computeProduct(ranges) < minElements)
        return;
      work.push_back(op);
    });
    for (linalg::GenericOp op : work)
      splitIntoChunks(op);
  }

  /// The loop to split: the first one longer than 1 (or the last).
  static int64_t splitDim(linalg::GenericOp op) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    int64_t dim = 0;
    while (dim + 1 < int64_t(ranges.size()) && ranges[dim] == 1)
      ++dim;
    return dim;
  }

  /// for chunk in [0, count): op on [chunk * step, min((chunk + 1) * step, size)) of loop dim `dim`.
  void splitIntoChunks(linalg::GenericOp op) {
    int64_t dim = splitDim(op);
    OpBuilder b(op);
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> sizes;
    for (Range r : cast<linalg::LinalgOp>(op.getOperation()).createLoopRanges(b, loc))
      sizes.push_back(r.size);
    Value size = getValueOrCreateConstantIndexOp(b, loc, sizes[dim]);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0), one = arith::ConstantIndexOp::create(b, loc, 1);
    Value count = arith::ConstantIndexOp::create(b, loc, chunks);
    Value step = arith::CeilDivUIOp::create(b, loc, size, count);
    Value used = arith::CeilDivUIOp::create(b, loc, size, arith::MaxUIOp::create(b, loc, step, one));
    scf::ParallelOp::create(b, loc, ValueRange{zero}, ValueRange{used}, ValueRange{one},
                            [&](OpBuilder &nb, Location nl, ValueRange ivs) {
                              Value begin = arith::MulIOp::create(nb, nl, ivs[0], step);
                              Value end = arith::MinUIOp::create(nb, nl, arith::AddIOp::create(nb, nl, begin, step), size);
                              SmallVector<OpFoldResult> offsets(sizes.size(), nb.getIndexAttr(0)), tile(sizes);
                              offsets[dim] = begin;
                              tile[dim] = arith::SubIOp::create(nb, nl, end, begin).getResult();
                              cloneOnTile(nb, nl, op, offsets, tile);
                              scf::ReduceOp::create(nb, nl);
                            });
    op.erase();
  }
};

} // namespace
