#include "Utils.h"

namespace mlir::inductor {
void populateAttentionPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
