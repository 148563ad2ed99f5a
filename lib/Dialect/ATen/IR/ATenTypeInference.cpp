#include "Dialect/ATen/IR/ATenTypeInference.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace mlir::aten {

bool isBool(Type t) { return t.isSignlessInteger(1); }
bool isIntegral(Type t) {
  return t.isSignlessInteger(8) || t.isSignlessInteger(16) || t.isSignlessInteger(32) ||
         t.isSignlessInteger(64);
}
bool isFloat(Type t) { return t.isF32() || t.isF64() || t.isBF16() || t.isF16(); }
bool isSupportedElementType(Type t) { return isBool(t) || isIntegral(t) || isFloat(t); }

static int category(Type t) { return isBool(t) ? 0 : isIntegral(t) ? 1 : 2; }

Type promoteTypes(Type a, Type b) {
  if (a == b)
    return a;
  int ca = category(a), cb = category(b);
  if (ca != cb)
    return ca > cb ? a : b;
  if (ca == 1)
    return a.getIntOrFloatBitWidth() >= b.getIntOrFloatBitWidth() ? a : b;
  // Floats: f64 > f32 > {bf16, f16}; bf16 with f16 gives f32.
  if (a.isF64() || b.isF64())
    return a.isF64() ? a : b;
  if (a.isF32() || b.isF32())
    return a.isF32() ? a : b;
  return Float32Type::get(a.getContext());
}

TypeOperand TypeOperand::of(Value tensor) {
  auto t = cast<RankedTensorType>(tensor.getType());
  return {t.getElementType(), t.getRank() == 0 ? ZeroDimTensor : DimTensor};
}

TypeOperand TypeOperand::of(TypedAttr scalar) { return {scalar.getType(), WrappedScalar}; }

Type resultType(ArrayRef<TypeOperand> operands, MLIRContext *ctx) {
  Type byKind[3] = {nullptr, nullptr, nullptr};
  for (const TypeOperand &o : operands) {
    Type t = o.elementType;
    if (o.kind == TypeOperand::WrappedScalar) {
      // Python scalars stand for their category's default type: int64, float32 (default dtype), bool.
      t = isBool(t) ? t : isIntegral(t) ? Type(IntegerType::get(ctx, 64)) : Type(Float32Type::get(ctx));
    }
    Type &slot = byKind[o.kind];
    slot = slot ? promoteTypes(slot, t) : t;
  }
  Type result = byKind[0];
  for (int k = 1; k < 3; ++k) {
    if (!byKind[k])
      continue;
    if (!result || category(byKind[k]) > category(result))
      result = byKind[k];
  }
  return result;
}

Type toFloatType(Type t) { return isFloat(t) ? t : Float32Type::get(t.getContext()); }

std::optional<SmallVector<int64_t>> broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (ArrayRef<int64_t> s : shapes)
    rank = std::max(rank, s.size());
  SmallVector<int64_t> out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    bool sawDynamic = false;
    int64_t size = 1;
    for (ArrayRef<int64_t> s : shapes) {
      if (i + s.size() < rank)
        continue;
      int64_t d = s[i + s.size() - rank];
      if (ShapedType::isDynamic(d)) {
        sawDynamic = true;
        continue;
      }
      if (d == 1)
        continue;
      if (size != 1 && size != d)
        return std::nullopt;
      size = d;
    }
    // A dynamic size broadcast against a static size > 1 must equal it; against 1s it stays dynamic.
    out[i] = (sawDynamic && size == 1) ? ShapedType::kDynamic : size;
  }
  return out;
}

std::optional<int64_t> normalizeDim(int64_t dim, int64_t rank) {
  int64_t r = std::max<int64_t>(rank, 1); // PyTorch accepts dim 0 / -1 on zero-dim tensors
  if (dim < -r || dim >= r)
    return std::nullopt;
  return dim < 0 ? dim + r : dim;
}

static std::string shapeString(ArrayRef<int64_t> shape, Type elementType) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "tensor<";
  for (int64_t d : shape) {
    if (ShapedType::isDynamic(d))
      os << "?";
    else
      os << d;
    os << "x";
  }
  os << elementType << ">";
  return s;
}

int64_t elementByteWidth(Type t) {
  if (isBool(t))
    return 1;
  if (t.isIntOrFloat())
    return std::max<int64_t>(1, t.getIntOrFloatBitWidth() / 8);
  return 1;
}

bool storageSizeOverflows(ArrayRef<int64_t> shape, Type elementType) {
  // As c10::safe_multiplies_u64 followed by the multiplication by the item size: an intermediate product
  // that overflows counts even when a later size is 0.
  uint64_t bytes = elementByteWidth(elementType);
  bool overflow = false;
  for (int64_t d : shape) {
    if (ShapedType::isDynamic(d) || d < 0)
      continue;
    uint64_t next;
    overflow |= __builtin_mul_overflow(bytes, (uint64_t)d, &next);
    bytes = next;
  }
  return overflow || bytes > (uint64_t)std::numeric_limits<int64_t>::max();
}

LogicalResult verifyResultType(Operation *op, ArrayRef<int64_t> shape, Type elementType) {
  auto result = cast<RankedTensorType>(op->getResult(0).getType());
  for (int64_t d : shape)
    if (!ShapedType::isDynamic(d) && d < 0)
      return op->emitOpError() << "computed an invalid (negative) result size " << d
                               << "; the op's arguments overflow";
  if (storageSizeOverflows(shape, elementType))
    return op->emitOpError() << "the result " << shapeString(shape, elementType)
                             << " is too large: its storage size in bytes overflows int64";
  auto fail = [&]() {
    return op->emitOpError("result type ")
           << result << " does not match the PyTorch semantics of its operands: expected "
           << shapeString(shape, elementType) << " (dims may be '?')";
  };
  if (result.getElementType() != elementType || result.getRank() != (int64_t)shape.size())
    return fail();
  for (auto [r, e] : llvm::zip(result.getShape(), shape))
    if (!ShapedType::isDynamic(r) && !ShapedType::isDynamic(e) && r != e)
      return fail();
  return success();
}

LogicalResult verifySupportedTypes(Operation *op) {
  auto check = [&](Type t, StringRef what, unsigned i) -> LogicalResult {
    auto tt = dyn_cast<RankedTensorType>(t);
    if (!tt)
      return success();
    if (!isSupportedElementType(tt.getElementType()))
      return op->emitOpError() << what << " #" << i << " has unsupported element type "
                               << tt.getElementType()
                               << " (supported: f32, f64, bf16, f16, i64, i32, i16, i8, i1)";
    if (storageSizeOverflows(tt.getShape(), tt.getElementType()))
      return op->emitOpError() << what << " #" << i << " of type " << tt
                               << " is too large: its storage size in bytes overflows int64";
    return success();
  };
  for (auto [i, t] : llvm::enumerate(op->getOperandTypes()))
    if (failed(check(t, "operand", i)))
      return failure();
  for (auto [i, t] : llvm::enumerate(op->getResultTypes()))
    if (failed(check(t, "result", i)))
      return failure();
  return success();
}

double scalarAsDouble(TypedAttr scalar) {
  if (auto f = dyn_cast<FloatAttr>(scalar))
    return f.getValueAsDouble();
  auto i = cast<IntegerAttr>(scalar);
  return i.getType().isSignlessInteger(1) ? (double)(i.getValue().getBoolValue())
                                          : (double)i.getValue().getSExtValue();
}

bool scalarOverflows(TypedAttr scalar, Type to) {
  if (isBool(to))
    return false;
  double v = scalarAsDouble(scalar);
  if (isIntegral(to)) {
    unsigned width = to.getIntOrFloatBitWidth();
    if (auto i = dyn_cast<IntegerAttr>(scalar)) {
      if (isBool(i.getType()))
        return false;
      int64_t x = i.getValue().getSExtValue();
      return width < 64 && (x < -(int64_t(1) << (width - 1)) || x > (int64_t(1) << (width - 1)) - 1);
    }
    if (std::isinf(v))
      return false; // converted with undefined result in C++; PyTorch does not reject it either
    if (std::isnan(v))
      return true;
    double lo = -std::ldexp(1.0, width - 1), hi = std::ldexp(1.0, width - 1) - 1;
    return v < lo || v > hi;
  }
  if (!std::isfinite(v))
    return false;
  auto ft = dyn_cast<FloatType>(to);
  if (!ft)
    return false;
  double max = APFloat::getLargest(ft.getFloatSemantics()).convertToDouble();
  return std::fabs(v) > max;
}

} // namespace mlir::aten
