//===- LowerReductions.cpp - Reductions to loops with register accumulators -===//
//
// convert-linalg-to-loops keeps a reduction's accumulator in its output buffer: the innermost loop loads and
// stores out[i] at every step. LLVM only keeps it in a register (and then vectorizes the loop) when it can
// prove that out[i] does not alias the inputs, which it cannot inside an OpenMP region, whose buffers arrive
// through a context struct: a row sum ran scalar there. This pass writes the innermost reduction loop with the
// accumulators as loop values instead, so that the reduction vectorizes wherever it runs.
//
//===----------------------------------------------------------------------===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_LOWERREDUCTIONS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;

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

SmallVector<Value> indicesOf(OpBuilder &b, Location loc, AffineMap map, ArrayRef<Value> ivs) {
  SmallVector<Value> indices;
  for (AffineExpr e : map.getResults()) {
    if (auto d = dyn_cast<AffineDimExpr>(e))
      indices.push_back(ivs[d.getPosition()]);
    else
      indices.push_back(arith::ConstantIndexOp::create(b, loc, 0));
  }
  return indices;
}

/// for parallel ivs: acc = out[...]; for r: acc = body(in[...], acc); out[...] = acc.
void lower(linalg::GenericOp op) {
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
  auto reduction = scf::ForOp::create(
      b, loc, value(r.offset), value(r.size), value(r.stride), inits,
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
  for (auto [i, init] : llvm::enumerate(op.getDpsInitsMutable()))
    memref::StoreOp::create(b, loc, reduction.getResult(i), init.get(),
                            indicesOf(b, loc, op.getMatchingIndexingMap(&init), ivs));
  op.erase();
}

struct LowerReductionsPass : public inductor::impl::LowerReductionsBase<LowerReductionsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> work;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isInnermostReduction(op))
        work.push_back(op);
    });
    for (linalg::GenericOp op : work)
      lower(op);
  }
};

} // namespace
