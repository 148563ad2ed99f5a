#include "Utils.h"

namespace mlir::inductor {
void populateNormalizationPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
