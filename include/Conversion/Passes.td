#ifndef INDUCTOR_CONVERSION_PASSES
#define INDUCTOR_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertATenToLinalg : Pass<"convert-aten-to-linalg", "ModuleOp"> {
  let summary = "Lower aten ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every `aten` op into destination-style linalg ops (named ops for contractions, convolutions
    and pooling; `linalg.generic` for elementwise and reductions) plus tensor/arith/math. Broadcasting
    follows PyTorch: a static size-1 dimension broadcasts; a dynamic (`?`) dimension is assumed to match
    the result and is checked at run time with `cf.assert`. An aten op that cannot be lowered (or an
    attribute combination the lowering does not support) is reported with its location and the pass fails.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect", "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect", "::mlir::cf::ControlFlowDialect", "::mlir::scf::SCFDialect"
  ];
}

#endif // INDUCTOR_CONVERSION_PASSES
