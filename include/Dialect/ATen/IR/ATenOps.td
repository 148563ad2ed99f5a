#ifndef INDUCTOR_ATEN_OPS
#define INDUCTOR_ATEN_OPS

include "Dialect/ATen/IR/ATenDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

include "Dialect/ATen/IR/GeneratedATenOps.td"

#endif // INDUCTOR_ATEN_OPS
