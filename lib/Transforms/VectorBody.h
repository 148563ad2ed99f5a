//===- VectorBody.h - linalg.generic bodies run on vectors -*- C++ -*-===//
//
// Running a generic's scalar body on vectors along its last loop: the reductions (LowerReductions) and the
// elementwise ops (VectorizeElementwise) share the checks and the rewrite of the body.
//
//===----------------------------------------------------------------------===//
#ifndef INDUCTOR_LIB_TRANSFORMS_VECTORBODY_H
#define INDUCTOR_LIB_TRANSFORMS_VECTORBODY_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::inductor {

/// The bit width of the widest scalar in `body` when every op in it is lanewise arithmetic on int or float
/// scalars (arith and math ops with the Vectorizable trait and one result, constants); nullopt otherwise.
std::optional<unsigned> lanewiseBodyBits(Block *body);

/// Whether `operand` of `op` is read contiguously along the last loop: the loop is its last index, the buffer
/// has unit stride there, and its elements are ints or floats of whole bytes (a vector of i1 is bit-packed in
/// memory, a memref of i1 holds a byte per element).
bool isContiguousAlongLastLoop(linalg::GenericOp op, OpOperand &operand);

/// The element stride s of input `operand` of `op` along the last loop, when the loop appears only in the
/// buffer's last index, as s * d + (other loops and constants) with 1 <= s <= maxStride, the buffer has unit
/// stride there and its elements are ints or floats of whole bytes (an im2col gather of a stride-2
/// convolution reads 2 * ow + kw); nullopt otherwise.
std::optional<int64_t> strideAlongLastLoop(linalg::GenericOp op, OpOperand &operand, int64_t maxStride);

/// The indices of `map` (any affine map, without symbols) at loop position `ivs`.
SmallVector<Value> indicesOf(OpBuilder &b, Location loc, AffineMap map, ArrayRef<Value> ivs);

/// An op like `like` (same name and attributes) on new operands with one result of `type`.
Value createLike(OpBuilder &b, Location loc, Operation *like, ValueRange operands, Type type);

/// Maps each value the body of `op` (terminator included) captures from above to its broadcast to `lanes`
/// lanes, created at the builder's position, unless `mapping` holds it already.
void broadcastCapturedValues(OpBuilder &b, Location loc, linalg::GenericOp op, int64_t lanes, IRMapping &mapping);

/// Emits the ops of `body` (see lanewiseBodyBits) on vectors of `lanes` elements, in order, looking operands
/// up in `mapping` (which must hold the block arguments and every value the body captures) and mapping each
/// result. `emitSpecial` may emit an op itself (and map what it needs): it returns true when it did.
void emitLanewiseBody(OpBuilder &b, Location loc, Block *body, int64_t lanes, IRMapping &mapping,
                      function_ref<bool(Operation &)> emitSpecial = nullptr);

} // namespace mlir::inductor

#endif
