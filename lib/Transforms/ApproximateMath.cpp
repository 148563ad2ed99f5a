//===- ApproximateMath.cpp - Inline polynomial approximations of math ops --===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
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
    populateMathPolynomialApproximationPatterns(patterns, isSelected);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    config.enableFolding(false);
    if (failed(applyOpPatternsGreedily(work, std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace
