//===- Contraction.h - Shapes shared by the contraction passes -*- C++ -*-===//
//
// The contraction forms the strategy, packing and microkernel passes agree on: a plain contraction
// (batch..., m, n, k) as aten lowers it, and the packed form inductor-pack-contractions produces.
//
//===----------------------------------------------------------------------===//
#ifndef INDUCTOR_LIB_TRANSFORMS_CONTRACTION_H
#define INDUCTOR_LIB_TRANSFORMS_CONTRACTION_H

#include "Dialect/Inductor/IR/InductorDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::inductor {

/// C[batch..., m, n] += A[batch..., m, k] * B[batch..., k, n] (or B[batch..., n, k] when transposeB).
struct ContractionMatch {
  Value a, b, c;
  bool transposeB = false;
  int64_t batchRank = 0;
  /// Sizes (ShapedType::kDynamic when not static).
  int64_t m = 0, n = 0, k = 0;
};

/// Matches a linalg contraction with exactly one M, N and K dimension, batch dimensions shared by all
/// operands in the same order, and identity-ordered operand maps as above.
FailureOr<ContractionMatch> matchContraction(linalg::LinalgOp op);

/// Columns of B per packed block: nr for avx512_fma panels, 16 (one tile) for amx_bf16.
int64_t getPackedBlockColumns(LoweringConfigAttr config);
/// The K granularity of the packed layout: 32 bf16 (one tile row of 64 bytes) for AMX, 1 otherwise.
int64_t getPackedKGranularity(LoweringConfigAttr config);

/// Indexing maps and iterator types of the packed contraction for `batchRank` batch dims.
///   avx512_fma loops (batch..., m, nb, k, ni):     A(b, m, k)        Bp(b, nb, k, ni)     C(b, m, nb*blk + ni)
///   amx_bf16   loops (batch..., m, nb, kk, ni, t):  A(b, m, 2*kk + t) Bp(b, nb, kk, ni, t) C(b, m, nb*16 + ni)
SmallVector<AffineMap> getPackedContractionMaps(LoweringConfigAttr config, int64_t batchRank, MLIRContext *ctx);
SmallVector<utils::IteratorType> getPackedContractionIterators(LoweringConfigAttr config, int64_t batchRank);

/// True when `op` is a packed contraction (maps and operand ranks as above) carrying `config`.
bool isPackedContraction(linalg::GenericOp op, LoweringConfigAttr config);

/// The lowering config attached to `op`, if any.
inline LoweringConfigAttr getLoweringConfig(Operation *op) {
  return op->getAttrOfType<LoweringConfigAttr>(LoweringConfigAttr::kAttrName);
}

} // namespace mlir::inductor

#endif
