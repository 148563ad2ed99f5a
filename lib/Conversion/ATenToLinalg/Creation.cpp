// Lowering of the creation ops: full / zeros / ones to linalg.fill, arange to a linalg.generic on
// linalg.index.
#include "Utils.h"

#include <cmath>

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

/// The sizes of a creation op: its `size` attribute (the result type may be less static).
SmallVector<OpFoldResult> creationSizes(OpBuilder &b, ArrayRef<int64_t> size) {
  SmallVector<OpFoldResult> sizes;
  for (int64_t s : size)
    sizes.push_back(b.getIndexAttr(s));
  return sizes;
}

/// The Scalar `value` converted to `t` as PyTorch's fill does (to bool: value != 0).
Value fillConstant(OpBuilder &b, Location loc, TypedAttr value, Type t) {
  if (isBool(t))
    return numberConstant(b, loc, scalarAsDouble(value) != 0 ? 1 : 0, t);
  return scalarConstant(b, loc, value, t);
}

template <typename OpTy>
struct FillLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    Value fill;
    if constexpr (std::is_same_v<OpTy, FullOp>)
      fill = fillConstant(rewriter, loc, op.getFillValue(), elementType);
    else
      fill = numberConstant(rewriter, loc, std::is_same_v<OpTy, OnesOp> ? 1 : 0, elementType);
    rewriter.replaceOp(op, createFilled(rewriter, loc, type, creationSizes(rewriter, op.getSize()), fill));
    return success();
  }
};

/// Scalar.to<int64_t>(): integers exactly, floats truncated toward zero.
int64_t scalarAsInt64(TypedAttr scalar) {
  if (auto i = dyn_cast<IntegerAttr>(scalar))
    return isBool(i.getType()) ? (int64_t)i.getValue().getBoolValue() : i.getValue().getSExtValue();
  return static_cast<int64_t>(cast<FloatAttr>(scalar).getValueAsDouble());
}

/// arange: element i is start + step * i computed in PyTorch's CPU accumulation type (int64 for integer
/// results, f64 for f32/f64, f32 for bf16/f16), then converted to the result type.
LogicalResult lowerArange(Operation *op, TypedAttr start, TypedAttr end, TypedAttr step,
                          ConversionPatternRewriter &rewriter) {
  Location loc = op->getLoc();
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  Type elementType = type.getElementType();
  // The length, as the verifier computes it (needed only when the result type leaves it dynamic).
  int64_t length = type.getDimSize(0);
  if (ShapedType::isDynamic(length)) {
    if (elementType.isSignlessInteger(64)) {
      int64_t xstart = scalarAsInt64(start), xend = scalarAsInt64(end), xstep = scalarAsInt64(step);
      int64_t sign = (xstep > 0) - (xstep < 0);
      length = (xend - xstart + xstep - sign) / xstep;
    } else {
      length = static_cast<int64_t>(
          std::ceil((scalarAsDouble(end) - scalarAsDouble(start)) / scalarAsDouble(step)));
    }
  }
  Type accType = isFloat(elementType) ? getComputeType(elementType) : Type(rewriter.getI64Type());
  if (elementType.isF32())
    accType = rewriter.getF64Type();
  Value init = createEmpty(rewriter, loc, type, {rewriter.getIndexAttr(length)});
  SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(1)};
  auto generic = linalg::GenericOp::create(
      rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init}, maps, {utils::IteratorType::parallel},
      [&](OpBuilder &b, Location l, ValueRange) {
        Value i = arith::IndexCastOp::create(b, l, b.getI64Type(), linalg::IndexOp::create(b, l, 0));
        Value v;
        if (isFloat(accType)) {
          Value x = castScalar(b, l, i, accType);
          Value s = numberConstant(b, l, scalarAsDouble(start), accType);
          Value d = numberConstant(b, l, scalarAsDouble(step), accType);
          v = arith::AddFOp::create(b, l, s, arith::MulFOp::create(b, l, d, x));
        } else {
          Value s = arith::ConstantOp::create(b, l, b.getI64IntegerAttr(scalarAsInt64(start)));
          Value d = arith::ConstantOp::create(b, l, b.getI64IntegerAttr(scalarAsInt64(step)));
          v = arith::AddIOp::create(b, l, s, arith::MulIOp::create(b, l, d, i));
        }
        linalg::YieldOp::create(b, l, castScalar(b, l, v, elementType));
      });
  rewriter.replaceOp(op, generic.getResult(0));
  return success();
}

struct ArangeLowering : OpConversionPattern<ArangeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ArangeOp op, OpAdaptor, ConversionPatternRewriter &rewriter) const override {
    return lowerArange(op, rewriter.getI64IntegerAttr(0), op.getEnd(), rewriter.getI64IntegerAttr(1), rewriter);
  }
};

struct ArangeStartStepLowering : OpConversionPattern<ArangeStartStepOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ArangeStartStepOp op, OpAdaptor, ConversionPatternRewriter &rewriter) const override {
    return lowerArange(op, op.getStart(), op.getEnd(), op.getStep(), rewriter);
  }
};

} // namespace

void populateCreationPatterns(RewritePatternSet &patterns) {
  patterns.add<FillLowering<FullOp>, FillLowering<ZerosOp>, FillLowering<OnesOp>, ArangeLowering,
               ArangeStartStepLowering>(patterns.getContext());
}

} // namespace mlir::inductor
