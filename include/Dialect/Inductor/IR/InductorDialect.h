#ifndef INDUCTOR_DIALECT_INDUCTOR_IR_INDUCTORDIALECT_H
#define INDUCTOR_DIALECT_INDUCTOR_IR_INDUCTORDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "Dialect/Inductor/IR/InductorDialect.h.inc"
#include "Dialect/Inductor/IR/InductorEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "Dialect/Inductor/IR/InductorAttrs.h.inc"

#endif
