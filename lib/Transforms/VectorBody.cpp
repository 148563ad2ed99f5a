//===- VectorBody.cpp - linalg.generic bodies run on vectors -------------===//

#include "VectorBody.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::inductor {

std::optional<unsigned> lanewiseBodyBits(Block *body) {
  unsigned widest = 0;
  auto scalarBits = [](Type type) -> unsigned { return type.isIntOrFloat() ? type.getIntOrFloatBitWidth() : 0; };
  for (BlockArgument arg : body->getArguments()) {
    if (!scalarBits(arg.getType()))
      return std::nullopt;
    widest = std::max(widest, scalarBits(arg.getType()));
  }
  for (Operation &inner : body->without_terminator()) {
    bool lanewise = (isa<arith::ArithDialect, math::MathDialect>(inner.getDialect()) &&
                     inner.hasTrait<OpTrait::Vectorizable>()) ||
                    isa<arith::ConstantOp>(inner);
    // math.fpowi on vectors takes a vector of exponents, which has no lowering to llvm.powi (scalar exponent).
    if (!lanewise || isa<math::FPowIOp>(inner) || inner.getNumRegions() != 0 || inner.getNumResults() != 1)
      return std::nullopt;
    for (Value v : llvm::concat<Value>(inner.getOperands(), inner.getResults())) {
      if (!scalarBits(v.getType()))
        return std::nullopt;
      widest = std::max(widest, scalarBits(v.getType()));
    }
  }
  return widest;
}

bool isContiguousAlongLastLoop(linalg::GenericOp op, OpOperand &operand) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  auto type = dyn_cast<MemRefType>(operand.get().getType());
  return type && map.getNumResults() != 0 &&
         map.getResults().back() == getAffineDimExpr(op.getNumLoops() - 1, op.getContext()) &&
         type.isLastDimUnitStride() && type.getElementType().isIntOrFloat() &&
         type.getElementType().getIntOrFloatBitWidth() % 8 == 0;
}

std::optional<int64_t> strideAlongLastLoop(linalg::GenericOp op, OpOperand &operand, int64_t maxStride) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  auto type = dyn_cast<MemRefType>(operand.get().getType());
  if (!type || map.getNumResults() == 0 || map.getNumSymbols() != 0 || !type.isLastDimUnitStride() ||
      !type.getElementType().isIntOrFloat() || type.getElementType().getIntOrFloatBitWidth() % 8 != 0)
    return std::nullopt;
  unsigned last = op.getNumLoops() - 1;
  for (AffineExpr e : map.getResults().drop_back())
    if (e.isFunctionOfDim(last))
      return std::nullopt;
  AffineExpr index = map.getResults().back();
  // Linear in the loop: no division or modulo of anything that depends on it.
  bool linear = true;
  index.walk([&](AffineExpr e) {
    auto binary = dyn_cast<AffineBinaryOpExpr>(e);
    if (binary && e.getKind() != AffineExprKind::Add && e.getKind() != AffineExprKind::Mul &&
        binary.getLHS().isFunctionOfDim(last))
      linear = false;
  });
  if (!linear)
    return std::nullopt;
  MLIRContext *ctx = op.getContext();
  AffineExpr d = getAffineDimExpr(last, ctx);
  AffineExpr difference = simplifyAffineExpr(
      index.replace(d, getAffineConstantExpr(1, ctx)) - index.replace(d, getAffineConstantExpr(0, ctx)),
      map.getNumDims(), 0);
  auto stride = dyn_cast<AffineConstantExpr>(difference);
  if (!stride || stride.getValue() < 1 || stride.getValue() > maxStride)
    return std::nullopt;
  return stride.getValue();
}

SmallVector<Value> indicesOf(OpBuilder &b, Location loc, AffineMap map, ArrayRef<Value> ivs) {
  SmallVector<Value> indices;
  for (AffineExpr e : map.getResults())
    indices.push_back(affine::expandAffineExpr(b, loc, e, ivs, ValueRange{}));
  return indices;
}

Value createLike(OpBuilder &b, Location loc, Operation *like, ValueRange operands, Type type) {
  OperationState state(loc, like->getName(), operands, TypeRange{type}, like->getAttrs());
  return b.create(state)->getResult(0);
}

void broadcastCapturedValues(OpBuilder &b, Location loc, linalg::GenericOp op, int64_t lanes, IRMapping &mapping) {
  for (Operation &inner : *op.getBody())
    for (Value v : inner.getOperands())
      if (v.getParentRegion() != &op.getRegion() && !mapping.contains(v))
        mapping.map(v, vector::BroadcastOp::create(b, loc, VectorType::get({lanes}, v.getType()), v));
}

void emitLanewiseBody(OpBuilder &b, Location loc, Block *body, int64_t lanes, IRMapping &mapping,
                      function_ref<bool(Operation &)> emitSpecial) {
  auto vectorOf = [&](Type t) { return VectorType::get({lanes}, t); };
  for (Operation &inner : body->without_terminator()) {
    if (emitSpecial && emitSpecial(inner))
      continue;
    if (auto constant = dyn_cast<arith::ConstantOp>(inner)) {
      auto splat = DenseElementsAttr::get(vectorOf(constant.getType()), constant.getValue());
      mapping.map(constant.getResult(), arith::ConstantOp::create(b, loc, splat).getResult());
      continue;
    }
    SmallVector<Value> operands = llvm::map_to_vector(inner.getOperands(), [&](Value v) { return mapping.lookup(v); });
    mapping.map(inner.getResult(0), createLike(b, loc, &inner, operands, vectorOf(inner.getResult(0).getType())));
  }
}

} // namespace mlir::inductor
