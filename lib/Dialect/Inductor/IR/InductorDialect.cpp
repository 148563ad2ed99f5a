#include "Dialect/Inductor/IR/InductorDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::inductor;

#include "Dialect/Inductor/IR/InductorDialect.cpp.inc"
#include "Dialect/Inductor/IR/InductorEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "Dialect/Inductor/IR/InductorAttrs.cpp.inc"

void InductorDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "Dialect/Inductor/IR/InductorAttrs.cpp.inc"
      >();
}

LogicalResult LoweringConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError, MicrokernelKind kind,
                                         ArrayRef<int64_t> cache, ArrayRef<int64_t> reg) {
  if (cache.size() != 3 || reg.size() != 2)
    return emitError() << "expected cache = [mc, nc, kc] and registers = [mr, nr]";
  if (llvm::any_of(cache, [](int64_t v) { return v <= 0; }) || llvm::any_of(reg, [](int64_t v) { return v <= 0; }))
    return emitError() << "tile sizes must be positive";
  if (cache[0] % reg[0] != 0 || cache[1] % reg[1] != 0)
    return emitError() << "cache tile [" << cache[0] << ", " << cache[1]
                       << "] must be a multiple of the register tile [" << reg[0] << ", " << reg[1] << "]";
  switch (kind) {
  case MicrokernelKind::AmxBf16:
  case MicrokernelKind::AmxInt8: {
    StringRef name = stringifyMicrokernelKind(kind);
    for (int64_t v : reg)
      if (v != 16 && v != 32)
        return emitError() << name << " register tile sizes must be 16 or 32 (one or two 16x16 tiles), got " << v;
    int64_t row = kind == MicrokernelKind::AmxBf16 ? 32 : 64;
    if (cache[2] % row != 0)
      return emitError() << name << " kc must be a multiple of " << row << " (one 64-byte tile row), got "
                         << cache[2];
    break;
  }
  case MicrokernelKind::Avx512Bf16:
  case MicrokernelKind::Avx512Vnni:
  case MicrokernelKind::Avx2Int8:
  case MicrokernelKind::Avx512Fma:
  case MicrokernelKind::Avx2Fma: {
    StringRef name = stringifyMicrokernelKind(kind);
    int64_t lanes = getAccumulatorLanes(kind), registers = getFmaRegisters(kind);
    if (isDotKind(kind)) {
      int64_t row = kind == MicrokernelKind::Avx512Vnni ? 64 : 32;
      if (cache[2] % row != 0)
        return emitError() << name << " kc must be a multiple of " << row
                           << " (16 VNNI groups: one 64-byte packing row), got " << cache[2];
    }
    if (reg[1] % lanes != 0)
      return emitError() << name << " register tile columns must be a multiple of " << lanes
                         << " (one vector of accumulators), got " << reg[1];
    // Accumulators, one B vector per `lanes` columns and the broadcast A value must fit the registers.
    if (reg[0] * (reg[1] / lanes) + reg[1] / lanes + 1 > registers)
      return emitError() << name << " register tile " << reg[0] << "x" << reg[1] << " needs more than the "
                         << registers << " vector registers";
    break;
  }
  case MicrokernelKind::Generic:
    break;
  }
  return success();
}

/// The attribute is only meaningful on a linalg contraction; checking it where it is attached keeps a
/// misplaced override from being ignored silently.
LogicalResult InductorDialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  if (attr.getName() == LoweringConfigAttr::kValidColumnsAttrName) {
    auto columns = dyn_cast<IntegerAttr>(attr.getValue());
    if (!columns || columns.getInt() < 0)
      return op->emitError() << "'" << attr.getName().getValue() << "' must be a non-negative integer";
    if (!op->hasAttr(LoweringConfigAttr::kAttrName))
      return op->emitError() << "'" << attr.getName().getValue()
                             << "' belongs on a packed contraction with an #inductor.lowering_config";
    return success();
  }
  if (attr.getName() != LoweringConfigAttr::kAttrName)
    return op->emitError() << "unknown inductor attribute '" << attr.getName().getValue() << "'";
  if (!isa<LoweringConfigAttr>(attr.getValue()))
    return op->emitError() << "'" << attr.getName().getValue() << "' must be an #inductor.lowering_config";
  // Only linalg ops are lowered by a config; anywhere else it would be ignored without a word.
  if (op->getName().getDialectNamespace() != "linalg")
    return op->emitError() << "'" << attr.getName().getValue()
                           << "' belongs on a linalg contraction (or its packing copy), not on '" << op->getName()
                           << "'";
  return success();
}
