//===- ExpandBF16Casts.cpp - Exact bf16 casts as integer arithmetic ---------===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_EXPANDBF16CASTS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;

namespace {
/// f32 -> bf16 as round-to-nearest-even on the bits, with NaNs mapped to the quiet NaN 0x7FC0. Unlike
/// upstream's expansion, the NaN select happens on the f32 input, not on the bf16 result: a select of bf16
/// vectors is not legal on AVX2, and LLVM scalarized it, 8 extracts and stores per vector (a [1024, 768]
/// bf16 softmax on one Zen 3 core spent half its time there). A select of i16 lanes does not help: LLVM
/// moves it past the bitcast to bf16 again.
struct TruncFToBF16 : OpRewritePattern<arith::TruncFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::TruncFOp op, PatternRewriter &rewriter) const override {
    Type resultElement = getElementTypeOrSelf(op.getType());
    Type operandElement = getElementTypeOrSelf(op.getIn().getType());
    if (!resultElement.isBF16() || !operandElement.isF32())
      return rewriter.notifyMatchFailure(op, "not an f32 -> bf16 truncation");
    Location loc = op.getLoc();
    auto withShape = [&](Type element) -> Type {
      if (auto shaped = dyn_cast<ShapedType>(op.getType()))
        return shaped.clone(element);
      return element;
    };
    Type i32Type = withShape(rewriter.getI32Type());
    Type i16Type = withShape(rewriter.getI16Type());
    auto constant = [&](int64_t value) -> Value {
      TypedAttr attr = rewriter.getI32IntegerAttr(value);
      if (auto shaped = dyn_cast<ShapedType>(i32Type))
        attr = SplatElementsAttr::get(shaped, rewriter.getI32IntegerAttr(value));
      return arith::ConstantOp::create(rewriter, loc, i32Type, attr);
    };
    // NaNs become the quiet NaN first, which the rounding below maps to 0x7FC0 (a sign or payload bit could
    // otherwise carry into the exponent: 0x7FFFFFFF would round to -0).
    Value isNaN = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::UNO, op.getIn(), op.getIn());
    Value quietNaN = arith::BitcastOp::create(rewriter, loc, op.getIn().getType(), constant(0x7FC00000));
    Value input = arith::SelectOp::create(rewriter, loc, isNaN, quietNaN, op.getIn());
    Value bits = arith::BitcastOp::create(rewriter, loc, i32Type, input);
    Value sixteen = constant(16);
    // Ties go to the even result: add 0x7FFF plus the lowest bit that is kept.
    Value keptLowBit = arith::AndIOp::create(rewriter, loc, arith::ShRUIOp::create(rewriter, loc, bits, sixteen),
                                             constant(1));
    Value bias = arith::AddIOp::create(rewriter, loc, keptLowBit, constant(0x7FFF));
    Value rounded = arith::ShRUIOp::create(rewriter, loc, arith::AddIOp::create(rewriter, loc, bits, bias),
                                           sixteen);
    Value narrowed = arith::TruncIOp::create(rewriter, loc, i16Type, rounded);
    rewriter.replaceOpWithNewOp<arith::BitcastOp>(op, op.getType(), narrowed);
    return success();
  }
};

struct ExpandBF16CastsPass : public inductor::impl::ExpandBF16CastsBase<ExpandBF16CastsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<TruncFToBF16>(&getContext(), /*benefit=*/2);
    // Upstream's patterns for the rest (bf16 -> f32 is a shift).
    arith::populateExpandBFloat16Patterns(patterns);
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace
