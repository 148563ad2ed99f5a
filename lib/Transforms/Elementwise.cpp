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
                       function_ref<bool(Value)> tileLocal, int64_t dropLeadingLoops) {
  SmallVector<Value> views;
  SmallVector<AffineMap> maps;
  int64_t loops = op.getNumLoops() - dropLeadingLoops;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<OpFoldResult> viewOffsets, viewSizes, strides(map.getNumResults(), b.getIndexAttr(1));
    Value buffer = replace ? replace(operand.get()) : operand.get();
    bool local = tileLocal && tileLocal(buffer);
    SmallVector<int64_t> keptShape;
    SmallVector<AffineExpr> kept;
    for (auto [i, e] : llvm::enumerate(map.getResults())) {
      auto d = dyn_cast<AffineDimExpr>(e);
      if (d) {
        viewOffsets.push_back(local ? b.getIndexAttr(0) : offsets[d.getPosition()]);
        viewSizes.push_back(sizes[d.getPosition()]);
      } else if (isa<AffineConstantExpr>(e)) { // a broadcast size-1 dim
        viewOffsets.push_back(b.getIndexAttr(0));
        viewSizes.push_back(b.getIndexAttr(1));
      } else { // a compound index of untiled loops: the whole dim
        viewOffsets.push_back(b.getIndexAttr(0));
        viewSizes.push_back(memref::getMixedSize(b, loc, buffer, i));
      }
      // Dims of dropped loops (tile size 1) and broadcast size-1 dims leave the view.
      if (dropLeadingLoops == 0 || (d && d.getPosition() >= dropLeadingLoops)) {
        kept.push_back(d ? getAffineDimExpr(d.getPosition() - dropLeadingLoops, b.getContext()) : e);
        std::optional<int64_t> size = getConstantIntValue(viewSizes.back());
        keptShape.push_back(size ? *size : ShapedType::kDynamic);
      } else if (!d && !isa<AffineConstantExpr>(e)) {
        return nullptr;
      }
    }
    auto type = cast<MemRefType>(buffer.getType());
    MemRefType viewType =
        dropLeadingLoops == 0
            ? memref::SubViewOp::inferResultType(type, viewOffsets, viewSizes, strides)
            : memref::SubViewOp::inferRankReducedResultType(keptShape, type, viewOffsets, viewSizes, strides);
    views.push_back(memref::SubViewOp::create(b, loc, viewType, buffer, viewOffsets, viewSizes, strides));
    maps.push_back(AffineMap::get(loops, 0, kept, b.getContext()));
  }
  if (dropLeadingLoops == 0) {
    Operation *clone = b.clone(*op);
    clone->setOperands(views);
    return clone;
  }
  int64_t inputs = op.getNumDpsInputs();
  auto clone = linalg::GenericOp::create(
      b, loc, TypeRange{}, ArrayRef<Value>(views).take_front(inputs), ArrayRef<Value>(views).drop_front(inputs),
      maps, SmallVector<utils::IteratorType>(loops, utils::IteratorType::parallel));
  b.cloneRegionBefore(op.getRegion(), clone.getRegion(), clone.getRegion().end());
  return clone;
}

} // namespace mlir::inductor
