#include "InitAll.h"

#include "Conversion/Passes.h"
#include "Dialect/ATen/IR/ATenDialect.h"
#include "Dialect/Inductor/IR/InductorDialect.h"
#include "Pipelines/Pipelines.h"
#include "Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"

namespace mlir::inductor {

void registerAllDialects(DialectRegistry &registry) {
  registry.insert<aten::ATenDialect, inductor::InductorDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
}

void registerAllPasses() {
  mlir::registerAllPasses();
  registerConversionPasses();
  registerTransformsPasses();
  registerPipelines();
}

} // namespace mlir::inductor
