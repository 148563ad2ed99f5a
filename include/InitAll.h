#ifndef INDUCTOR_INITALL_H
#define INDUCTOR_INITALL_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::inductor {
/// Registers the project's dialects plus every upstream dialect and extension the pipeline produces.
void registerAllDialects(DialectRegistry &registry);
/// Registers the project's passes and pipelines.
void registerAllPasses();
} // namespace mlir::inductor

#endif
