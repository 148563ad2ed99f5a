#include "Utils.h"

namespace mlir::inductor {
void populateDataMovementPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
