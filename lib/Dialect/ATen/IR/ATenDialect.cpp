#include "Dialect/ATen/IR/ATenDialect.h"

using namespace mlir;
using namespace mlir::aten;

#include "Dialect/ATen/IR/ATenOpsDialect.cpp.inc"

void ATenDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Dialect/ATen/IR/ATenOps.cpp.inc"
      >();
}
