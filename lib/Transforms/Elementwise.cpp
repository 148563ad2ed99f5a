#include "Elementwise.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

namespace mlir::inductor {

bool isTileableElementwise(linalg::GenericOp op, bool allowReductions, std::optional<int64_t> onlyTiledDim) {
  if ((!allowReductions && op.getNumReductionLoops() != 0) || !op.getBody()->getOps<linalg::IndexOp>().empty())
    return false;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type)
      return false;
    if (!map.isProjectedPermutation(/*allowZeroInResults=*/true)) {
      // Whole-dim views for the compound indices: only when they do not involve the split loop, which must
      // then appear as a plain index.
      if (!onlyTiledDim)
        return false;
      for (AffineExpr e : map.getResults())
        if (!isa<AffineDimExpr, AffineConstantExpr>(e) && e.isFunctionOfDim(*onlyTiledDim))
          return false;
    }
    for (auto [i, e] : llvm::enumerate(map.getResults()))
      if (auto c = dyn_cast<AffineConstantExpr>(e); c && (c.getValue() != 0 || type.getDimSize(i) != 1))
        return false;
  }
  return true;
}

Operation *cloneOnTile(OpBuilder &b, Location loc, linalg::GenericOp op, ArrayRef<OpFoldResult> offsets,
                       ArrayRef<OpFoldResult> sizes, function_ref<Value(Value)> replace,
                       function_ref<bool(Value)> tileLocal) {
  SmallVector<Value> views;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<OpFoldResult> viewOffsets, viewSizes, strides(map.getNumResults(), b.getIndexAttr(1));
    Value buffer = replace ? replace(operand.get()) : operand.get();
    bool local = tileLocal && tileLocal(buffer);
    for (auto [i, e] : llvm::enumerate(map.getResults())) {
      if (auto d = dyn_cast<AffineDimExpr>(e)) {
        viewOffsets.push_back(local ? b.getIndexAttr(0) : offsets[d.getPosition()]);
        viewSizes.push_back(sizes[d.getPosition()]);
      } else if (isa<AffineConstantExpr>(e)) { // a broadcast size-1 dim
        viewOffsets.push_back(b.getIndexAttr(0));
        viewSizes.push_back(b.getIndexAttr(1));
      } else { // a compound index of untiled loops: the whole dim
        viewOffsets.push_back(b.getIndexAttr(0));
        viewSizes.push_back(memref::getMixedSize(b, loc, buffer, i));
      }
    }
    views.push_back(memref::SubViewOp::create(b, loc, buffer, viewOffsets, viewSizes, strides));
  }
  Operation *clone = b.clone(*op);
  clone->setOperands(views);
  return clone;
}

} // namespace mlir::inductor
