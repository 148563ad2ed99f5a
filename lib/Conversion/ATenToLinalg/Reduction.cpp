#include "Utils.h"

namespace mlir::inductor {
void populateReductionPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
