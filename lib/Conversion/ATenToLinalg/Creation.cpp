#include "Utils.h"

namespace mlir::inductor {
void populateCreationPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
