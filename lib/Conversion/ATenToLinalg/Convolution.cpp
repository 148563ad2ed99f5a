#include "Utils.h"

namespace mlir::inductor {
void populateConvolutionPatterns(RewritePatternSet &patterns) {}
} // namespace mlir::inductor
