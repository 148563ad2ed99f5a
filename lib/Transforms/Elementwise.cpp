#include "Elementwise.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

namespace mlir::inductor {

bool isTileableElementwise(linalg::GenericOp op, bool allowReductions) {
  if ((!allowReductions && op.getNumReductionLoops() != 0) || !op.getBody()->getOps<linalg::IndexOp>().empty())
    return false;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !map.isProjectedPermutation(/*allowZeroInResults=*/true))
      return false;
    for (auto [i, e] : llvm::enumerate(map.getResults()))
      if (isa<AffineConstantExpr>(e) && type.getDimSize(i) != 1)
        return false;
  }
  return true;
}

Operation *cloneOnTile(OpBuilder &b, Location loc, linalg::GenericOp op, ArrayRef<OpFoldResult> offsets,
                       ArrayRef<OpFoldResult> sizes, function_ref<Value(Value)> replace) {
  SmallVector<Value> views;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<OpFoldResult> viewOffsets, viewSizes, strides(map.getNumResults(), b.getIndexAttr(1));
    for (AffineExpr e : map.getResults()) {
      if (auto d = dyn_cast<AffineDimExpr>(e)) {
        viewOffsets.push_back(offsets[d.getPosition()]);
        viewSizes.push_back(sizes[d.getPosition()]);
      } else { // a broadcast size-1 dim
        viewOffsets.push_back(b.getIndexAttr(0));
        viewSizes.push_back(b.getIndexAttr(1));
      }
    }
    Value buffer = replace ? replace(operand.get()) : operand.get();
    views.push_back(memref::SubViewOp::create(b, loc, buffer, viewOffsets, viewSizes, strides));
  }
  Operation *clone = b.clone(*op);
  clone->setOperands(views);
  return clone;
}

} // namespace mlir::inductor
