#ifndef INDUCTOR_DIALECT_ATEN_IR_ATENDIALECT_H
#define INDUCTOR_DIALECT_ATEN_IR_ATENDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "Dialect/ATen/IR/ATenOpsDialect.h.inc"

namespace mlir::aten {
/// Builds the attribute of a PyTorch Scalar default value.
inline TypedAttr getScalarAttr(Builder &b, int64_t v) { return b.getI64IntegerAttr(v); }
inline TypedAttr getScalarAttr(Builder &b, double v) { return b.getF64FloatAttr(v); }
} // namespace mlir::aten

#define GET_OP_CLASSES
#include "Dialect/ATen/IR/ATenOps.h.inc"

#endif
