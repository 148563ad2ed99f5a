#include "Utils.h"

namespace mlir::inductor {
void populateElementwisePatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
