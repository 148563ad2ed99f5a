//===- ApproximateMath.cpp - Inline polynomial approximations of math ops --===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;

namespace {
/// The ops whose approximations were measured against the C library (docs/pipeline.md). sin and cos are
/// left out: their approximation loses accuracy with the argument's size (range reduction is short).
constexpr StringLiteral kDefaultOps[] = {"exp", "expm1", "tanh", "erf", "log", "log1p", "log2"};

/// f32 exp in 14 vector instructions on AVX2, within one ulp (upstream's rounds with `math.floor`, converts
/// k to an integer and selects its way around overflow; softmax on one Zen 3 core ran 24 % faster with this):
///   exp(x) = 2^k e^r, k = round(x log2(e)), r = x - k ln(2) in [-ln(2)/2, ln(2)/2], e^r ~ 1 + s(r).
/// k comes from magic-number rounding: t = x log2(e) + (1.5 * 2^23 + 127) rounds to an integer that holds
/// k + 127 in its low mantissa bits, so shifting t's bits left by 23 is the exponent field of 2^k: no
/// conversion, no add. Clamping x below at -88 keeps k >= -127, where the field is 0: results below FLT_MIN
/// are denormal down to x = -87.68 and zero below it. Clamping t above keeps k <= 127; from x = 88.38 up, r
/// then leaves the fitted interval and the relative error grows (6e-6 at 88.72, the largest finite result);
/// beyond that (1 + s) 2^127 overflows to infinity. NaN passes both clamps (an unordered comparison keeps
/// the value). The result is one fma, s 2^k + 2^k, rather than (1 + s) * 2^k: one rounding fewer.
///
/// Two accuracies, chosen by the op's fastmath flags:
/// - default: Cody-Waite reduction with ln(2) split so that k * high is exact, s(r) = r + r^2 q(r) with q of
///   degree 4 (Lawson's weighted least squares, relative error 3.1e-9): within one ulp on [-87, 88].
/// - `afn` (approximate functions allowed; set by the aten lowering on softmax and on values stored in bf16
///   or f16): one fma with ln(2) rounded to f32, whose error grows with |k|, and q of degree 3 (relative error
///   1.0e-7): within 3 ulp on [-20, 20] and 6 ulp on [-87, 88], 6e-5 relative at 88.72. Two fewer
///   multiply-add-class instructions, which bound exp's throughput on AVX2 (two such pipes on Zen 3, shared
///   with the clamps): exp over 786432 L3-resident floats on one core 1.3x faster (323 -> 246 us).
struct ExpFromExponentBits : public OpRewritePattern<math::ExpOp> {
  ExpFromExponentBits(MLIRContext *context) : OpRewritePattern(context, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(math::ExpOp op, PatternRewriter &rewriter) const override {
    Type type = op.getType();
    auto vectorType = dyn_cast<VectorType>(type);
    if (!getElementTypeOrSelf(type).isF32() || (vectorType && vectorType.isScalable()))
      return rewriter.notifyMatchFailure(op, "not f32 or fixed-size vector of f32");
    bool approximate = arith::bitEnumContainsAll(op.getFastmath(), arith::FastMathFlags::afn);
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Type intType = vectorType ? Type(vectorType.clone(b.getI32Type())) : Type(b.getI32Type());
    // A scalar constant, splat to the operand's vector shape when it has one.
    auto constant = [&](TypedAttr scalar) -> Value {
      if (vectorType)
        scalar = DenseElementsAttr::get(vectorType.clone(scalar.getType()), ArrayRef<Attribute>(scalar));
      return arith::ConstantOp::create(b, scalar);
    };
    auto f32 = [&](float value) { return constant(b.getF32FloatAttr(value)); };
    auto fma = [&](Value a, Value x, Value c) { return math::FmaOp::create(b, a, x, c).getResult(); };
    // Keeps v when the comparison is unordered, so NaN survives (LLVM selects vmaxps / vminps).
    auto clamp = [&](Value v, arith::CmpFPredicate predicate, float bound) -> Value {
      Value limit = f32(bound);
      Value keep = arith::CmpFOp::create(b, predicate, v, limit);
      return arith::SelectOp::create(b, keep, v, limit);
    };
    // 1.5 * 2^23 + 127: sums with it (while below 2^24) round to integers, exactly representable.
    constexpr float kShifter = 12582912.0f + 127.0f;
    Value x = clamp(op.getOperand(), arith::CmpFPredicate::UGE, -88.0f);
    Value shifted = fma(x, f32(1.44269504088896341f), f32(kShifter));
    shifted = clamp(shifted, arith::CmpFPredicate::ULE, kShifter + 127.0f);
    Value k = arith::SubFOp::create(b, shifted, f32(kShifter));
    Value s;
    if (approximate) {
      Value r = fma(k, f32(-0.693147182f), x);
      Value r2 = arith::MulFOp::create(b, r, r);
      Value q01 = fma(f32(0.16667115f), r, f32(0.49999231f));
      Value q23 = fma(f32(0.00831252f), r, f32(0.04189016f));
      s = fma(fma(q23, r2, q01), r2, r);
    } else {
      Value r = fma(k, f32(-0.693359375f), x);
      r = fma(k, f32(2.12194440e-4f), r);
      Value r2 = arith::MulFOp::create(b, r, r);
      // Estrin's scheme: a shorter dependence chain than Horner's for the same operation count.
      Value q01 = fma(f32(0.1666652113199234f), r, f32(0.4999999403953552f));
      Value q23 = fma(f32(0.008368710055947304f), r, f32(0.04166838899254799f));
      Value q234 = fma(f32(0.001381461275741458f), r2, q23);
      s = fma(fma(q234, r2, q01), r2, r);
    }
    Value bits = arith::BitcastOp::create(b, intType, shifted);
    Value scale = arith::BitcastOp::create(b, type, arith::ShLIOp::create(b, bits, constant(b.getI32IntegerAttr(23))));
    rewriter.replaceOpWithNewOp<math::FmaOp>(op, s, scale, scale);
    return success();
  }
};

struct ApproximateMathPass : public inductor::impl::ApproximateMathBase<ApproximateMathPass> {
  using ApproximateMathBase::ApproximateMathBase;

  void runOnOperation() override {
    SmallVector<std::string> selected(ops.begin(), ops.end());
    if (selected.empty())
      selected.assign(std::begin(kDefaultOps), std::end(kDefaultOps));
    auto isSelected = [&](StringRef name) {
      name.consume_front("math.");
      return llvm::is_contained(selected, name);
    };
    // Only the selected ops and what their rewrites create: no folding of the rest of the function.
    SmallVector<Operation *> work;
    getOperation().walk([&](Operation *op) {
      if (isa<math::MathDialect>(op->getDialect()) && isSelected(op->getName().getStringRef()))
        work.push_back(op);
    });
    if (work.empty())
      return;
    RewritePatternSet patterns(&getContext());
    if (isSelected("exp"))
      patterns.add<ExpFromExponentBits>(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, isSelected);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    config.enableFolding(false);
    if (failed(applyOpPatternsGreedily(work, std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace
