// softmax / log_softmax, layer_norm and inference batch_norm, computed in f32 for bf16/f16 inputs.
#include "Utils.h"

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

template <typename OpTy, bool Log>
struct SoftmaxPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Value in = adaptor.getSelf();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = cast<RankedTensorType>(in.getType()).getRank();
    if (rank == 0) { // softmax of a scalar is 1 (log_softmax 0)
      Value one = numberConstant(rewriter, op.getLoc(), Log ? 0.0 : 1.0, resultType.getElementType());
      rewriter.replaceOp(op, createFilled(rewriter, op.getLoc(), resultType, {}, one));
      return success();
    }
    int64_t dim = *normalizeDim(op.getDim(), rank);
    Value result = buildSoftmax(rewriter, op.getLoc(), in, dim, resultType.getElementType(), Log);
    replaceOpWithCast(rewriter, op, result);
    return success();
  }
};

/// y * weight + bias, for whichever of the two are given (`affine` holds their elements, in the compute type,
/// in that order). Both: one fma, as PyTorch's own CPU kernels compute it (a multiply and an add would round
/// twice and cost one more instruction per vector in a loop bound by issue width).
Value scaleAndShift(OpBuilder &b, Location loc, Value y, ValueRange affine, Value weight, Value bias) {
  unsigned next = 0;
  Value scale = weight ? affine[next++] : Value();
  Value shift = bias ? affine[next++] : Value();
  if (scale && shift)
    return math::FmaOp::create(b, loc, y, scale, shift);
  if (scale)
    return arith::MulFOp::create(b, loc, y, scale);
  if (shift)
    return arith::AddFOp::create(b, loc, y, shift);
  return y;
}

/// A per-column (layer_norm) or per-channel (batch_norm) operand converted to the compute type once, as its own
/// op: converted inside the normalization instead, a bf16 weight was widened again for every row it scales.
Value toComputeType(OpBuilder &b, Location loc, Value v, Type compute) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getElementType() == compute)
    return v;
  return buildElementwise(b, loc, type.clone(compute), v, [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
    return castScalar(nb, l, a[0], compute);
  });
}

struct LayerNormPattern : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LayerNormOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    Type dtype = t.getElementType(), compute = getComputeType(dtype);
    int64_t rank = t.getRank(), k = op.getNormalizedShape().size();
    SmallVector<int64_t> dims;
    Value count = arith::ConstantIndexOp::create(rewriter, loc, 1);
    for (int64_t i = rank - k; i < rank; ++i) {
      dims.push_back(i);
      count = arith::MulIOp::create(rewriter, loc, count, getDimSizeValue(rewriter, loc, x, i));
    }
    Value n = arith::SIToFPOp::create(rewriter, loc, compute,
                                      arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), count));
    RankedTensorType computeType = t.clone(compute);
    Value sum = buildReduction(rewriter, loc, x, dims, /*keepDim=*/true, compute, ReductionKind::Sum);
    Value centered = buildElementwise(rewriter, loc, computeType, ValueRange{x, sum},
                                      [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                        Value mean = arith::DivFOp::create(b, l, a[1], n);
                                        return arith::SubFOp::create(b, l, castScalar(b, l, a[0], compute), mean);
                                      });
    Value squares = buildElementwise(rewriter, loc, computeType, centered, [&](OpBuilder &b, Location l, ValueRange a) -> Value {
      return arith::MulFOp::create(b, l, a[0], a[0]);
    });
    Value sumSq = buildReduction(rewriter, loc, squares, dims, true, compute, ReductionKind::Sum);
    double eps = op.getEps().convertToDouble();
    SmallVector<Value> inputs = {centered, sumSq};
    Value weight = adaptor.getWeight(), bias = adaptor.getBias();
    if (weight)
      inputs.push_back(toComputeType(rewriter, loc, weight, compute));
    if (bias)
      inputs.push_back(toComputeType(rewriter, loc, bias, compute));
    // (x - mean) * rsqrt(biased var + eps) * weight + bias
    Value result = buildElementwise(rewriter, loc, cast<RankedTensorType>(op.getType()), inputs,
                                    [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                      Value var = arith::DivFOp::create(b, l, a[1], n);
                                      Value rstd = math::RsqrtOp::create(
                                          b, l, arith::AddFOp::create(b, l, var, numberConstant(b, l, eps, compute)));
                                      Value y = arith::MulFOp::create(b, l, a[0], rstd);
                                      return castScalar(b, l, scaleAndShift(b, l, y, a.drop_front(2), weight, bias),
                                                        dtype);
                                    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct BatchNormPattern : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(BatchNormOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    Type dtype = t.getElementType(), compute = getComputeType(dtype);
    // Per-channel vectors [C] become [C, 1, ...] so they broadcast along dim 1 of [N, C, ...].
    SmallVector<int64_t> unitDims;
    for (int64_t i = 1; i < t.getRank() - 1; ++i)
      unitDims.push_back(i);
    auto perChannel = [&](Value v) { return insertUnitDims(rewriter, loc, toComputeType(rewriter, loc, v, compute), unitDims); };
    SmallVector<Value> inputs = {x, perChannel(adaptor.getRunningMean()), perChannel(adaptor.getRunningVar())};
    Value weight = adaptor.getWeight(), bias = adaptor.getBias();
    if (weight)
      inputs.push_back(perChannel(weight));
    if (bias)
      inputs.push_back(perChannel(bias));
    double eps = op.getEps().convertToDouble();
    Value result = buildElementwise(rewriter, loc, cast<RankedTensorType>(op.getType()), inputs,
                                    [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                      auto c = [&](Value v) { return castScalar(b, l, v, compute); };
                                      // a[1..] (statistics, weight, bias) are in the compute type already.
                                      Value rstd = math::RsqrtOp::create(
                                          b, l, arith::AddFOp::create(b, l, a[2], numberConstant(b, l, eps, compute)));
                                      Value y = arith::MulFOp::create(b, l, arith::SubFOp::create(b, l, c(a[0]), a[1]), rstd);
                                      return castScalar(b, l, scaleAndShift(b, l, y, a.drop_front(3), weight, bias),
                                                        dtype);
                                    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateNormalizationPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<SoftmaxPattern<SoftmaxIntOp, false>, SoftmaxPattern<LogSoftmaxIntOp, true>,
               SoftmaxPattern<PrivateSoftmaxOp, false>, SoftmaxPattern<PrivateLogSoftmaxOp, true>,
               LayerNormPattern, BatchNormPattern>(ctx);
}

} // namespace mlir::inductor
