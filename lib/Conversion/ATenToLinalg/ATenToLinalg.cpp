#include "Conversion/Passes.h"
#include "Utils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_CONVERTATENTOLINALG
#include "Conversion/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {
struct ConvertATenToLinalgPass
    : public inductor::impl::ConvertATenToLinalgBase<ConvertATenToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    populateElementwisePatterns(patterns);
    populateReductionPatterns(patterns);
    populateLinearAlgebraPatterns(patterns);
    populateConvolutionPatterns(patterns);
    populatePoolingPatterns(patterns);
    populateDataMovementPatterns(patterns);
    populateNormalizationPatterns(patterns);
    populateAttentionPatterns(patterns);
    populateCreationPatterns(patterns);

    ConversionTarget target(*ctx);
    target.addIllegalDialect<aten::ATenDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect, arith::ArithDialect,
                           math::MathDialect, cf::ControlFlowDialect, scf::SCFDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    // Patterns report why an op cannot be lowered with op->emitError; the framework adds the
    // "failed to legalize" line with the location of the first op left over.
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
