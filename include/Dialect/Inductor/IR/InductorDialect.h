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

namespace mlir::inductor {
/// f32 lanes per vector register of an FMA kernel kind (16 for zmm, 8 for ymm); 0 for the others.
inline int64_t getFmaLanes(MicrokernelKind kind) {
  return kind == MicrokernelKind::Avx512Fma ? 16 : kind == MicrokernelKind::Avx2Fma ? 8 : 0;
}
/// Vector registers of an FMA or dot kernel kind: 32 zmm or 16 ymm.
inline int64_t getFmaRegisters(MicrokernelKind kind) {
  return kind == MicrokernelKind::Avx2Fma || kind == MicrokernelKind::Avx2Int8 ? 16 : 32;
}
/// A dot-product kind: vector accumulators updated by dot products of VNNI groups of A and B: `vdpbf16ps`
/// (bf16 pairs), `vpdpbusd` (int8 quads) on zmm, `vpmaddwd` (int8 pairs widened to i16) on ymm.
inline bool isDotKind(MicrokernelKind kind) {
  return kind == MicrokernelKind::Avx512Bf16 || kind == MicrokernelKind::Avx512Vnni ||
         kind == MicrokernelKind::Avx2Int8;
}
/// Accumulator lanes per vector register of a dot kind (16 zmm, 8 ymm); 0 for the others.
inline int64_t getDotLanes(MicrokernelKind kind) {
  return kind == MicrokernelKind::Avx2Int8 ? 8 : isDotKind(kind) ? 16 : 0;
}
/// Accumulator lanes per vector register of an FMA or dot kind; 0 for the others (AMX, generic).
inline int64_t getAccumulatorLanes(MicrokernelKind kind) {
  return isDotKind(kind) ? getDotLanes(kind) : getFmaLanes(kind);
}
/// An int8 kind: i8 x i8 -> i32 with both operands extended in the contraction's body.
inline bool isInt8Kind(MicrokernelKind kind) {
  return kind == MicrokernelKind::AmxInt8 || kind == MicrokernelKind::Avx512Vnni || kind == MicrokernelKind::Avx2Int8;
}
} // namespace mlir::inductor

#endif
