#include "Utils.h"

namespace mlir::inductor {
void populateLinearAlgebraPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
