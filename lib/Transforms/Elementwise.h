//===- Elementwise.h - Tiles of elementwise linalg ops -*- C++ -*-===//
//
// Running an all-parallel linalg.generic on a tile of its iteration space: the contraction kernels compute
// their epilogue per task (LowerMicrokernels), and large elementwise ops run in parallel chunks
// (ParallelizeElementwise).
//
//===----------------------------------------------------------------------===//
#ifndef INDUCTOR_LIB_TRANSFORMS_ELEMENTWISE_H
#define INDUCTOR_LIB_TRANSFORMS_ELEMENTWISE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::inductor {

/// An op on buffers that can run tile by tile: all loops parallel (or, with `allowReductions`, tiles of its
/// parallel loops only, each covering the whole reduction), every operand indexed by a projected
/// permutation (constant 0 only for size-1 operand dims), no linalg.index in the body. With `onlyTiledDim`,
/// tiles split that loop only, and other operand indices may be any expression of the other loops (an
/// im2col's `oh + kh`): those operand dims are then viewed whole.
bool isTileableElementwise(linalg::GenericOp op, bool allowReductions = false,
                           std::optional<int64_t> onlyTiledDim = std::nullopt);

/// Clones `op` (see isTileableElementwise) at the builder's position onto subviews of its operands that
/// cover the iteration-space tile [offsets, offsets + sizes) (operand dims indexed by an expression other
/// than a loop or a constant are viewed whole). `replace` substitutes operand buffers first (a value
/// defined later than the insertion point by an equivalent one).
/// Operands for which `tileLocal` returns true (after `replace`) hold just the tile: viewed from offset 0.
/// With `dropLeadingLoops`, the first loops (tile size 1 each, all-parallel op) leave the clone, and with
/// them those operand dims and the broadcast size-1 ones (rank-reducing views); returns null (no clone,
/// possibly some unused views) when an operand index is an expression of the loops rather than one loop.
Operation *cloneOnTile(OpBuilder &b, Location loc, linalg::GenericOp op, ArrayRef<OpFoldResult> offsets,
                       ArrayRef<OpFoldResult> sizes, function_ref<Value(Value)> replace = nullptr,
                       function_ref<bool(Value)> tileLocal = nullptr, int64_t dropLeadingLoops = 0);

} // namespace mlir::inductor

#endif
