#include "Utils.h"

namespace mlir::inductor {
void populatePoolingPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
