// Reductions: sum, mean, amax, var. Floating reductions of bf16/f16 accumulate in f32 as PyTorch does.
#include "Utils.h"

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

SmallVector<int64_t> normalizedDims(std::optional<ArrayRef<int64_t>> dims, int64_t rank) {
  SmallVector<int64_t> out;
  if (!dims || dims->empty()) {
    for (int64_t i = 0; i < rank; ++i)
      out.push_back(i);
    return out;
  }
  if (rank == 0)
    return out;
  for (int64_t d : *dims)
    out.push_back(*normalizeDim(d, rank));
  return out;
}

/// Number of elements reduced, as a value of float type `t`.
Value reducedCount(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims, Type t) {
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  for (int64_t d : dims)
    count = arith::MulIOp::create(b, loc, count, getDimSizeValue(b, loc, input, d));
  Value asInt = arith::IndexCastOp::create(b, loc, b.getI64Type(), count);
  return arith::SIToFPOp::create(b, loc, t, asInt);
}

/// Replaces `op` by `v` converted to the op's result dtype (reductions accumulate in a wider type).
void replaceWithResultDtype(ConversionPatternRewriter &rewriter, Operation *op, Value v) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  replaceOpWithCast(rewriter, op, castTensor(rewriter, op->getLoc(), v, type.getElementType()));
}

template <typename OpTy>
struct SumPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Value in = adaptor.getSelf();
    int64_t rank = cast<RankedTensorType>(in.getType()).getRank();
    SmallVector<int64_t> dims;
    bool keepDim = false;
    if constexpr (std::is_same_v<OpTy, SumOp>) {
      dims = normalizedDims(std::nullopt, rank);
    } else {
      dims = normalizedDims(op.getDim(), rank);
      keepDim = op.getKeepdim();
    }
    Type dtype = cast<RankedTensorType>(op.getType()).getElementType();
    Value sum = buildReduction(rewriter, op.getLoc(), in, dims, keepDim, getComputeType(dtype), ReductionKind::Sum);
    replaceWithResultDtype(rewriter, op, sum);
    return success();
  }
};

template <typename OpTy>
struct MeanPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value in = adaptor.getSelf();
    int64_t rank = cast<RankedTensorType>(in.getType()).getRank();
    SmallVector<int64_t> dims;
    bool keepDim = false;
    if constexpr (std::is_same_v<OpTy, MeanOp>) {
      dims = normalizedDims(std::nullopt, rank);
    } else {
      dims = normalizedDims(op.getDim(), rank);
      keepDim = op.getKeepdim();
    }
    auto resultType = cast<RankedTensorType>(op.getType());
    Type compute = getComputeType(resultType.getElementType());
    Value sum = buildReduction(rewriter, loc, in, dims, keepDim, compute, ReductionKind::Sum);
    Value count = reducedCount(rewriter, loc, in, dims, compute);
    Value mean = buildElementwise(rewriter, loc, cast<RankedTensorType>(sum.getType()), sum,
                                  [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                    return arith::DivFOp::create(b, l, a[0], count);
                                  });
    replaceWithResultDtype(rewriter, op, mean);
    return success();
  }
};

struct AmaxPattern : OpConversionPattern<AmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(AmaxOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Value in = adaptor.getSelf();
    auto t = cast<RankedTensorType>(in.getType());
    SmallVector<int64_t> dims = normalizedDims(op.getDim(), t.getRank());
    // bool reduces as unsigned 0/1 (i8): a signed i1 max would order true (-1) below false (0).
    Type acc = isBool(t.getElementType()) ? rewriter.getI8Type() : t.getElementType();
    // PyTorch raises on a max over nothing; the verifier rejects static empty dims, this checks dynamic ones.
    for (int64_t d : dims) {
      if (!t.isDynamicDim(d))
        continue;
      Value size = getDimSizeValue(rewriter, op.getLoc(), in, d);
      Value nonEmpty = arith::CmpIOp::create(rewriter, op.getLoc(), arith::CmpIPredicate::sgt, size,
                                             arith::ConstantIndexOp::create(rewriter, op.getLoc(), 0));
      cf::AssertOp::create(rewriter, op.getLoc(), nonEmpty,
                           "inductor: amax(): expected a non-empty reduction dimension");
    }
    Value max = buildReduction(rewriter, op.getLoc(), in, dims, op.getKeepdim(), acc, ReductionKind::Max);
    replaceWithResultDtype(rewriter, op, max);
    return success();
  }
};

struct VarPattern : OpConversionPattern<VarCorrectionOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(VarCorrectionOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value in = adaptor.getSelf();
    auto t = cast<RankedTensorType>(in.getType());
    SmallVector<int64_t> dims = normalizedDims(op.getDim(), t.getRank());
    Type compute = getComputeType(t.getElementType());
    double correction = op.getCorrection() ? scalarAsDouble(*op.getCorrection()) : 1.0;
    // Two passes (mean, then squared deviations): numerically safer than E[x^2] - E[x]^2.
    Value count = reducedCount(rewriter, loc, in, dims, compute);
    Value sum = buildReduction(rewriter, loc, in, dims, /*keepDim=*/true, compute, ReductionKind::Sum);
    Value squares = buildElementwise(rewriter, loc, t.clone(compute), ValueRange{in, sum},
                                     [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                       Value mean = arith::DivFOp::create(b, l, a[1], count);
                                       Value d = arith::SubFOp::create(b, l, castScalar(b, l, a[0], compute), mean);
                                       return arith::MulFOp::create(b, l, d, d);
                                     });
    Value total = buildReduction(rewriter, loc, squares, dims, op.getKeepdim(), compute, ReductionKind::Sum);
    // PyTorch divides by max(N - correction, 0): N <= correction gives inf or nan, as in eager.
    Value divisor = arith::MaximumFOp::create(
        rewriter, loc, arith::SubFOp::create(rewriter, loc, count, numberConstant(rewriter, loc, correction, compute)),
        numberConstant(rewriter, loc, 0.0, compute));
    Value var = buildElementwise(rewriter, loc, cast<RankedTensorType>(total.getType()), total,
                                 [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                   return arith::DivFOp::create(b, l, a[0], divisor);
                                 });
    replaceWithResultDtype(rewriter, op, var);
    return success();
  }
};

} // namespace

void populateReductionPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<SumPattern<SumOp>, SumPattern<SumDimIntListOp>, MeanPattern<MeanOp>, MeanPattern<MeanDimOp>,
               AmaxPattern, VarPattern>(ctx);
}

} // namespace mlir::inductor
