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
    // As PyTorch's CPU kernel does: per channel, alpha = weight / sqrt(var + eps) and beta = bias - mean *
    // alpha, computed once over [C]; then one fma per element. The per-element form computed the rsqrt for
    // every element (a ResNet stem's batch norm over [1, 64, 112, 112]: 0.3 ms in its convolution's epilogue).
    // They are computed as soon as their inputs are (frozen parameters: at the top), not between the
    // convolution that usually feeds the norm and the norm, which is that kernel's epilogue.
    OpBuilder::InsertionGuard guard(rewriter);
    Operation *latest = nullptr;
    bool sameBlock = true;
    for (Value v : {adaptor.getRunningMean(), adaptor.getRunningVar(), adaptor.getWeight(), adaptor.getBias()}) {
      if (!v)
        continue;
      Block *block = v.getDefiningOp() ? v.getDefiningOp()->getBlock() : cast<BlockArgument>(v).getOwner();
      sameBlock &= block == op->getBlock();
      if (Operation *def = v.getDefiningOp(); def && sameBlock && (!latest || latest->isBeforeInBlock(def)))
        latest = def;
    }
    if (sameBlock) {
      if (latest)
        rewriter.setInsertionPointAfter(latest);
      else
        rewriter.setInsertionPointToStart(op->getBlock());
    }
    Value mean = toComputeType(rewriter, loc, adaptor.getRunningMean(), compute);
    auto channelType = cast<RankedTensorType>(mean.getType());
    SmallVector<Value> alphaInputs = {toComputeType(rewriter, loc, adaptor.getRunningVar(), compute)};
    Value weight = adaptor.getWeight(), bias = adaptor.getBias();
    if (weight)
      alphaInputs.push_back(toComputeType(rewriter, loc, weight, compute));
    double eps = op.getEps().convertToDouble();
    Value alpha = buildElementwise(rewriter, loc, channelType, alphaInputs,
                                   [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                     Value rstd = math::RsqrtOp::create(
                                         b, l, arith::AddFOp::create(b, l, a[0], numberConstant(b, l, eps, compute)));
                                     return weight ? arith::MulFOp::create(b, l, rstd, a[1]).getResult() : rstd;
                                   });
    SmallVector<Value> betaInputs = {mean, alpha};
    if (bias)
      betaInputs.push_back(toComputeType(rewriter, loc, bias, compute));
    Value beta = buildElementwise(rewriter, loc, channelType, betaInputs,
                                  [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                    Value shift = arith::NegFOp::create(b, l, a[0]);
                                    return bias ? math::FmaOp::create(b, l, shift, a[1], a[2]).getResult()
                                                : arith::MulFOp::create(b, l, shift, a[1]).getResult();
                                  });
    rewriter.setInsertionPoint(op);
    // Per-channel vectors [C] become [C, 1, ...] so they broadcast along dim 1 of [N, C, ...].
    SmallVector<int64_t> unitDims;
    for (int64_t i = 1; i < t.getRank() - 1; ++i)
      unitDims.push_back(i);
    Value result = buildElementwise(
        rewriter, loc, cast<RankedTensorType>(op.getType()),
        ValueRange{x, insertUnitDims(rewriter, loc, alpha, unitDims), insertUnitDims(rewriter, loc, beta, unitDims)},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return castScalar(b, l, math::FmaOp::create(b, l, castScalar(b, l, a[0], compute), a[1], a[2]), dtype);
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
