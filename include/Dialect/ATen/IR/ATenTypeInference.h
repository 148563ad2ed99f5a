// PyTorch's shape and dtype rules, shared by the aten op verifiers and the lowerings.
#ifndef INDUCTOR_DIALECT_ATEN_IR_ATENTYPEINFERENCE_H
#define INDUCTOR_DIALECT_ATEN_IR_ATENTYPEINFERENCE_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace mlir::aten {

/// f32, f64, bf16, f16, i64, i32, i16, i8, i1 (signless; i1 is bool).
bool isSupportedElementType(Type t);
bool isBool(Type t);
bool isIntegral(Type t); // integers, excluding bool
bool isFloat(Type t);

/// torch.promote_types for two element types.
Type promoteTypes(Type a, Type b);

/// One participant of torch.result_type: a tensor (with its rank) or a Scalar attribute.
struct TypeOperand {
  Type elementType;
  enum Kind { DimTensor, ZeroDimTensor, WrappedScalar } kind;
  static TypeOperand of(Value tensor);
  static TypeOperand of(TypedAttr scalar);
};
/// torch.result_type: dimensioned tensors dominate zero-dim tensors, which dominate Python scalars, except
/// when a lower-priority participant is of a higher category (bool < integral < floating).
Type resultType(ArrayRef<TypeOperand> operands, MLIRContext *ctx);

/// The element type of a float-producing op on `t`: integral and bool promote to the default dtype (f32).
Type toFloatType(Type t);

/// Broadcasts shapes right-aligned (dynamic dims are kShapedDynamic). Returns std::nullopt and the index of
/// the clashing dim when two static sizes differ and neither is 1.
std::optional<SmallVector<int64_t>> broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes);

/// Wraps a possibly negative dim into [0, rank); returns std::nullopt when out of range.
std::optional<int64_t> normalizeDim(int64_t dim, int64_t rank);

/// Verifies that `op`'s single result is a ranked tensor of element type `elementType` whose shape is
/// compatible with `shape` (equal rank; equal sizes where both are static). Emits a diagnostic otherwise.
LogicalResult verifyResultType(Operation *op, ArrayRef<int64_t> shape, Type elementType);
/// Every tensor operand and the result have a supported element type.
LogicalResult verifySupportedTypes(Operation *op);

/// Scalar value of a PyTorch Scalar attribute as double.
double scalarAsDouble(TypedAttr scalar);

/// PyTorch's checked conversion of a Scalar to `to` (c10::checked_convert): true when it would fail
/// ("value cannot be converted to type ... without overflow"). Integer targets reject values outside their
/// range (and NaN), float targets reject finite values beyond their largest finite value, bool accepts all.
bool scalarOverflows(TypedAttr scalar, Type to);

/// Bytes per element of a supported element type (i1 is stored as one byte).
int64_t elementByteWidth(Type t);

/// Whether a tensor of `shape` and `elementType` has a storage size (in bytes) that overflows int64, as
/// PyTorch's "Storage size calculation overflowed" check. Dynamic dims are ignored.
bool storageSizeOverflows(ArrayRef<int64_t> shape, Type elementType);

} // namespace mlir::aten

#endif
