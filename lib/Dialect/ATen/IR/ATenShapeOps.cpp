// Verifiers of the shape, data-movement and creation ops: PyTorch's shape and dtype rules checked against the
// declared result type. Dynamic (`?`) input dims give `?` result dims wherever the rule depends on them.
#include "Dialect/ATen/IR/ATenDialect.h"
#include "Dialect/ATen/IR/ATenTypeInference.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::aten;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

static RankedTensorType tensorType(Value v) { return cast<RankedTensorType>(v.getType()); }

/// "[5, -1]" (`?` for dynamic sizes), as PyTorch prints shapes.
static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleaveComma(shape, os, [&](int64_t d) {
    if (ShapedType::isDynamic(d))
      os << "?";
    else
      os << d;
  });
  os << "]";
  return s;
}

/// A double as PyTorch prints it in messages ("2.5", "300", "inf").
static std::string numberString(double v) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%g", v);
  return s;
}

/// Normalizes `dim` against `rank` or emits "dim 3 is out of range for a tensor of rank 2".
static FailureOr<int64_t> normalizeDimOrError(Operation *op, int64_t dim, int64_t rank,
                                              StringRef what = "dim") {
  if (std::optional<int64_t> d = normalizeDim(dim, rank))
    return *d;
  return op->emitOpError() << what << " " << dim << " is out of range for a tensor of rank " << rank;
}

/// Product of static sizes, std::nullopt when one of them is dynamic.
static std::optional<int64_t> staticProduct(ArrayRef<int64_t> shape) {
  int64_t p = 1;
  for (int64_t d : shape) {
    if (ShapedType::isDynamic(d))
      return std::nullopt;
    p *= d;
  }
  return p;
}

//===----------------------------------------------------------------------===//
// view / reshape / flatten / unsqueeze / squeeze
//===----------------------------------------------------------------------===//

/// The result shape of view/reshape of `input` to `sizes` (at most one -1, inferred from the element count;
/// `?` when the input has dynamic dims).
static FailureOr<SmallVector<int64_t>> inferViewShape(Operation *op, ArrayRef<int64_t> input,
                                                      ArrayRef<int64_t> sizes, StringRef what) {
  std::optional<int64_t> inferred;
  int64_t others = 1;
  for (auto [i, s] : llvm::enumerate(sizes)) {
    if (s == -1) {
      if (inferred)
        return op->emitOpError("only one dimension can be inferred");
      inferred = i;
      continue;
    }
    if (s < 0)
      return op->emitOpError() << "invalid shape dimension " << s << " at index " << i << " of shape "
                               << formatShape(sizes);
    if (llvm::MulOverflow(others, s, others))
      return op->emitOpError() << what << " " << formatShape(sizes)
                               << " is invalid: its number of elements overflows int64";
  }
  std::optional<int64_t> numel = staticProduct(input);
  SmallVector<int64_t> shape(sizes);
  if (inferred) {
    // PyTorch rejects an inferred dim next to a zero size even when the input is empty (ambiguous).
    if (others == 0)
      return op->emitOpError() << "cannot infer the -1 of " << what << " " << formatShape(sizes)
                               << ": the other sizes multiply to 0, so it could be any value";
    if (numel && *numel % others != 0)
      return op->emitOpError() << what << " is not compatible: " << *numel << " elements into "
                               << formatShape(sizes);
    shape[*inferred] = numel ? *numel / others : kDynamic;
  } else if (numel && *numel != others) {
    return op->emitOpError() << what << " is not compatible: " << *numel << " elements into "
                             << formatShape(sizes);
  }
  return shape;
}

LogicalResult ViewOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  FailureOr<SmallVector<int64_t>> shape = inferViewShape(*this, type.getShape(), getSize(), "view size");
  if (failed(shape))
    return failure();
  return verifyResultType(*this, *shape, type.getElementType());
}

LogicalResult ReshapeOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  FailureOr<SmallVector<int64_t>> shape = inferViewShape(*this, type.getShape(), getShape(), "reshape shape");
  if (failed(shape))
    return failure();
  return verifyResultType(*this, *shape, type.getElementType());
}

LogicalResult FlattenUsingIntsOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  if (type.getRank() == 0) { // flatten of a scalar is a 1-element vector
    if (failed(normalizeDimOrError(*this, getStartDim(), 0, "start_dim")) ||
        failed(normalizeDimOrError(*this, getEndDim(), 0, "end_dim")))
      return failure();
    return verifyResultType(*this, {1}, type.getElementType());
  }
  FailureOr<int64_t> start = normalizeDimOrError(*this, getStartDim(), type.getRank(), "start_dim");
  if (failed(start))
    return failure();
  FailureOr<int64_t> end = normalizeDimOrError(*this, getEndDim(), type.getRank(), "end_dim");
  if (failed(end))
    return failure();
  if (*start > *end)
    return emitOpError() << "start_dim " << getStartDim() << " cannot come after end_dim " << getEndDim();
  ArrayRef<int64_t> in = type.getShape();
  SmallVector<int64_t> shape(in.take_front(*start));
  shape.push_back(staticProduct(in.slice(*start, *end - *start + 1)).value_or(kDynamic));
  llvm::append_range(shape, in.drop_front(*end + 1));
  return verifyResultType(*this, shape, type.getElementType());
}

LogicalResult UnsqueezeOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  FailureOr<int64_t> dim = normalizeDimOrError(*this, getDim(), type.getRank() + 1);
  if (failed(dim))
    return failure();
  SmallVector<int64_t> shape(type.getShape());
  shape.insert(shape.begin() + *dim, 1);
  return verifyResultType(*this, shape, type.getElementType());
}

LogicalResult SqueezeDimOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  FailureOr<int64_t> dim = normalizeDimOrError(*this, getDim(), type.getRank());
  if (failed(dim))
    return failure();
  SmallVector<int64_t> shape(type.getShape());
  if (type.getRank() == 0)
    return verifyResultType(*this, shape, type.getElementType());
  int64_t size = shape[*dim];
  // A dynamic dim is removed only if it is 1 at run time: either result rank is accepted (the lowering
  // asserts the runtime size that the chosen rank implies).
  int64_t resultRank = tensorType(getResult()).getRank();
  bool removes = size == 1 || (ShapedType::isDynamic(size) && resultRank == type.getRank() - 1);
  if (removes)
    shape.erase(shape.begin() + *dim);
  return verifyResultType(*this, shape, type.getElementType());
}

//===----------------------------------------------------------------------===//
// permute / transpose / t / expand
//===----------------------------------------------------------------------===//

LogicalResult PermuteOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  int64_t rank = type.getRank();
  ArrayRef<int64_t> dims = getDims();
  if ((int64_t)dims.size() != rank)
    return emitOpError() << "permute of a tensor of rank " << rank << " needs " << rank << " dims, got "
                         << dims.size();
  SmallVector<int64_t> shape;
  SmallVector<bool> seen(rank, false);
  for (int64_t d : dims) {
    FailureOr<int64_t> nd = normalizeDimOrError(*this, d, rank);
    if (failed(nd))
      return failure();
    if (seen[*nd])
      return emitOpError() << "dim " << d << " appears more than once in permute";
    seen[*nd] = true;
    shape.push_back(type.getDimSize(*nd));
  }
  return verifyResultType(*this, shape, type.getElementType());
}

LogicalResult TransposeIntOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  FailureOr<int64_t> d0 = normalizeDimOrError(*this, getDim0(), type.getRank(), "dim0");
  if (failed(d0))
    return failure();
  FailureOr<int64_t> d1 = normalizeDimOrError(*this, getDim1(), type.getRank(), "dim1");
  if (failed(d1))
    return failure();
  SmallVector<int64_t> shape(type.getShape());
  if (type.getRank() > 0)
    std::swap(shape[*d0], shape[*d1]);
  return verifyResultType(*this, shape, type.getElementType());
}

LogicalResult TOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  if (type.getRank() > 2)
    return emitOpError() << "t() expects a tensor with <= 2 dimensions, but self has rank " << type.getRank();
  SmallVector<int64_t> shape(llvm::reverse(type.getShape()));
  return verifyResultType(*this, shape, type.getElementType());
}

LogicalResult ExpandOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  ArrayRef<int64_t> sizes = getSize();
  int64_t rank = type.getRank(), newRank = sizes.size();
  if (newRank < rank)
    return emitOpError() << "the number of sizes provided (" << newRank
                         << ") must be greater or equal to the number of dimensions in the tensor (" << rank
                         << ")";
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < newRank; ++i) {
    int64_t target = sizes[i];
    int64_t j = i - (newRank - rank);
    if (j < 0) {
      if (target < 0)
        return emitOpError() << "the expanded size " << target
                             << " isn't allowed in a leading, non-existing dimension " << i;
      shape.push_back(target);
      continue;
    }
    int64_t size = type.getDimSize(j);
    if (target == -1) {
      shape.push_back(size);
      continue;
    }
    if (target < 0 || (!ShapedType::isDynamic(size) && size != 1 && size != target))
      return emitOpError() << "the expanded size " << target << " must match the existing size "
                           << (ShapedType::isDynamic(size) ? std::string("?") : std::to_string(size))
                           << " at non-singleton dimension " << i << " (target sizes "
                           << formatShape(sizes) << ", tensor sizes " << formatShape(type.getShape()) << ")";
    shape.push_back(target);
  }
  return verifyResultType(*this, shape, type.getElementType());
}

//===----------------------------------------------------------------------===//
// slice / select / cat
//===----------------------------------------------------------------------===//

LogicalResult SliceTensorOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  if (type.getRank() == 0)
    return emitOpError("slice() cannot be applied to a 0-dim tensor");
  FailureOr<int64_t> dim = normalizeDimOrError(*this, getDim(), type.getRank());
  if (failed(dim))
    return failure();
  int64_t step = getStep();
  if (step <= 0)
    return emitOpError() << "slice step must be positive, got " << step;
  SmallVector<int64_t> shape(type.getShape());
  int64_t size = shape[*dim];
  if (!ShapedType::isDynamic(size)) {
    // PyTorch's clamping: negative bounds count from the end, then both are clamped to [0, size] and end
    // to at least start.
    int64_t start = getStart().value_or(0);
    int64_t end = getEnd().value_or(std::numeric_limits<int64_t>::max());
    if (start < 0)
      start += size;
    if (end < 0)
      end += size;
    start = std::clamp<int64_t>(start, 0, size);
    end = std::clamp<int64_t>(end, start, size);
    // ceil((end - start) / step) without overflowing for huge steps.
    shape[*dim] = end > start ? (end - start - 1) / step + 1 : 0;
  }
  return verifyResultType(*this, shape, type.getElementType());
}

LogicalResult SelectIntOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto type = tensorType(getSelf());
  if (type.getRank() == 0)
    return emitOpError("select() cannot be applied to a 0-dim tensor");
  FailureOr<int64_t> dim = normalizeDimOrError(*this, getDim(), type.getRank());
  if (failed(dim))
    return failure();
  int64_t size = type.getDimSize(*dim), index = getIndex();
  if (!ShapedType::isDynamic(size) && (index < -size || index >= size))
    return emitOpError() << "index " << index << " is out of range for dimension " << *dim << " with size "
                         << size;
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + *dim);
  return verifyResultType(*this, shape, type.getElementType());
}

/// PyTorch's cat skips legacy empty tensors: 1-D tensors of size 0, whatever the other ranks.
static bool isLegacyEmpty(RankedTensorType t) { return t.getRank() == 1 && t.getDimSize(0) == 0; }

LogicalResult CatOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  OperandRange tensors = getTensors();
  if (tensors.empty())
    return emitOpError("expected a non-empty list of tensors");
  // The result dtype promotes over all tensors, including the skipped empty ones.
  Type elementType = tensorType(tensors[0]).getElementType();
  for (Value t : tensors)
    elementType = promoteTypes(elementType, tensorType(t).getElementType());

  RankedTensorType ref;
  for (auto [i, t] : llvm::enumerate(tensors)) {
    auto tt = tensorType(t);
    if (tt.getRank() == 0)
      return emitOpError() << "zero-dimensional tensor (at position " << i << ") cannot be concatenated";
    if (!ref && !isLegacyEmpty(tt))
      ref = tt;
  }
  if (!ref) // only legacy empty tensors
    return verifyResultType(*this, {0}, elementType);
  int64_t rank = ref.getRank();
  FailureOr<int64_t> dim = normalizeDimOrError(*this, getDim(), rank);
  if (failed(dim))
    return failure();
  SmallVector<int64_t> shape(ref.getShape());
  shape[*dim] = 0;
  for (auto [i, t] : llvm::enumerate(tensors)) {
    auto tt = tensorType(t);
    if (isLegacyEmpty(tt) && rank != 1)
      continue;
    if (tt.getRank() != rank)
      return emitOpError() << "tensors must have the same number of dimensions: got " << rank << " and "
                           << tt.getRank() << " (tensor number " << i << ")";
    for (int64_t d = 0; d < rank; ++d) {
      int64_t s = tt.getDimSize(d);
      if (d == *dim) {
        shape[d] = (ShapedType::isDynamic(s) || ShapedType::isDynamic(shape[d])) ? kDynamic : shape[d] + s;
        continue;
      }
      if (ShapedType::isDynamic(s))
        continue;
      if (ShapedType::isDynamic(shape[d])) {
        shape[d] = s;
        continue;
      }
      if (s != shape[d])
        return emitOpError() << "sizes of tensors must match except in dimension " << *dim << ": expected size "
                             << shape[d] << " but got size " << s << " for tensor number " << i
                             << " in the list";
    }
  }
  return verifyResultType(*this, shape, elementType);
}

//===----------------------------------------------------------------------===//
// embedding / index_select / triu / tril
//===----------------------------------------------------------------------===//

static bool isIndexType(Type t) { return t.isSignlessInteger(64) || t.isSignlessInteger(32); }

LogicalResult EmbeddingOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto weight = tensorType(getWeight()), indices = tensorType(getIndices());
  if (weight.getRank() != 2)
    return emitOpError() << "'weight' must be 2-D, got rank " << weight.getRank();
  if (!isIndexType(indices.getElementType()))
    return emitOpError() << "indices must be i64 or i32, got " << indices.getElementType();
  SmallVector<int64_t> shape(indices.getShape());
  shape.push_back(weight.getDimSize(1));
  return verifyResultType(*this, shape, weight.getElementType());
}

LogicalResult IndexSelectOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto self = tensorType(getSelf()), index = tensorType(getIndex());
  if (index.getRank() > 1)
    return emitOpError() << "index_select(): index is supposed to be a vector, got rank " << index.getRank();
  if (!isIndexType(index.getElementType()))
    return emitOpError() << "index_select(): index must be i64 or i32, got " << index.getElementType();
  FailureOr<int64_t> dim = normalizeDimOrError(*this, getDim(), self.getRank());
  if (failed(dim))
    return failure();
  int64_t count = index.getRank() == 0 ? 1 : index.getDimSize(0);
  SmallVector<int64_t> shape(self.getShape());
  if (self.getRank() == 0) {
    if (!ShapedType::isDynamic(count) && count != 1)
      return emitOpError() << "index_select(): index to a 0-dim tensor can have only 1 value, got " << count;
  } else {
    shape[*dim] = count;
  }
  return verifyResultType(*this, shape, self.getElementType());
}

static LogicalResult verifyTriangle(Operation *op, Value self) {
  if (failed(verifySupportedTypes(op)))
    return failure();
  auto type = tensorType(self);
  if (type.getRank() < 2)
    return op->emitOpError() << "input tensor must have at least 2 dimensions, got rank " << type.getRank();
  return verifyResultType(op, type.getShape(), type.getElementType());
}

LogicalResult TriuOp::verify() { return verifyTriangle(*this, getSelf()); }
LogicalResult TrilOp::verify() { return verifyTriangle(*this, getSelf()); }

//===----------------------------------------------------------------------===//
// full / zeros / ones / arange
//===----------------------------------------------------------------------===//

static LogicalResult verifyCreationSizes(Operation *op, ArrayRef<int64_t> sizes) {
  for (int64_t s : sizes)
    if (s < 0)
      return op->emitOpError() << "trying to create tensor with negative dimension " << s << ": "
                               << formatShape(sizes);
  return success();
}

static LogicalResult verifyCreation(Operation *op, ArrayRef<int64_t> sizes, Type elementType) {
  if (failed(verifySupportedTypes(op)) || failed(verifyCreationSizes(op, sizes)))
    return failure();
  if (!isSupportedElementType(elementType))
    return op->emitOpError() << "unsupported dtype " << elementType;
  return verifyResultType(op, sizes, elementType);
}

LogicalResult FullOp::verify() {
  TypedAttr fill = getFillValue();
  Type elementType;
  if (std::optional<Type> dtype = getDtype()) {
    elementType = *dtype;
  } else {
    // Inferred from the fill value: bool -> bool, int -> int64, float -> the default dtype (f32).
    Builder b(getContext());
    elementType = isa<FloatAttr>(fill) ? Type(b.getF32Type())
                  : isBool(fill.getType()) ? Type(b.getI1Type())
                                           : Type(b.getI64Type());
  }
  if (failed(verifyCreation(*this, getSize(), elementType)))
    return failure();
  if (scalarOverflows(fill, elementType))
    return emitOpError() << "fill value " << numberString(scalarAsDouble(fill)) << " cannot be converted to " << elementType
                         << " without overflow";
  return success();
}

LogicalResult ZerosOp::verify() {
  return verifyCreation(*this, getSize(), getDtype().value_or(Float32Type::get(getContext())));
}

LogicalResult OnesOp::verify() {
  return verifyCreation(*this, getSize(), getDtype().value_or(Float32Type::get(getContext())));
}

/// Scalar.to<int64_t>(): integers exactly, floats truncated toward zero.
static int64_t scalarAsInt64(TypedAttr scalar) {
  if (auto i = dyn_cast<IntegerAttr>(scalar))
    return isBool(i.getType()) ? (int64_t)i.getValue().getBoolValue() : i.getValue().getSExtValue();
  return static_cast<int64_t>(cast<FloatAttr>(scalar).getValueAsDouble());
}

/// The element count of arange(start, end, step) with result element type `elementType`, following
/// PyTorch's RangeFactories: bounds checked in double; the length computed in int64 arithmetic (on the
/// truncated scalars) for int64 results and as ceil((end - start) / step) in double otherwise.
static FailureOr<int64_t> arangeLength(Operation *op, TypedAttr start, TypedAttr end, TypedAttr step,
                                       Type elementType) {
  if (isBool(elementType) || !isSupportedElementType(elementType))
    return op->emitOpError() << "arange is not implemented for " << elementType;
  double dstart = scalarAsDouble(start), dend = scalarAsDouble(end), dstep = scalarAsDouble(step);
  if (!(dstep > 0 || dstep < 0))
    return op->emitOpError("step must be nonzero");
  if (!std::isfinite(dstart) || !std::isfinite(dend))
    return op->emitOpError() << "unsupported range: " << numberString(dstart) << " -> " << numberString(dend);
  if (!((dstep > 0 && dend >= dstart) || (dstep < 0 && dend <= dstart)))
    return op->emitOpError("upper bound and lower bound inconsistent with step sign");
  if (elementType.isSignlessInteger(64)) {
    for (TypedAttr s : {start, end, step})
      if (scalarOverflows(s, elementType))
        return op->emitOpError() << "value " << numberString(scalarAsDouble(s))
                                 << " cannot be converted to i64 without overflow";
    int64_t xstart = scalarAsInt64(start), xend = scalarAsInt64(end), xstep = scalarAsInt64(step);
    if (xstep == 0)
      return op->emitOpError("step must be nonzero (after conversion to i64)");
    int64_t sign = (xstep > 0) - (xstep < 0);
    // (xend - xstart + xstep - sign) / xstep, as PyTorch, but rejecting what overflows int64 (PyTorch's
    // arithmetic wraps there and its result is meaningless).
    int64_t n;
    if (llvm::SubOverflow(xend, xstart, n) || llvm::AddOverflow(n, xstep - sign, n) ||
        (n == std::numeric_limits<int64_t>::min() && xstep == -1))
      return op->emitOpError("invalid size, possible overflow?");
    int64_t length = n / xstep;
    if (length < 0)
      return op->emitOpError("invalid size, possible overflow?");
    return length;
  }
  double length = std::ceil((dend - dstart) / dstep);
  if (!(length >= 0 && length < 9.2e18))
    return op->emitOpError() << "invalid arange length " << numberString(length);
  return static_cast<int64_t>(length);
}

/// arange's dtype when none is given: the default dtype (f32) if any bound is a float, else int64.
static Type arangeElementType(std::optional<Type> dtype, ArrayRef<TypedAttr> scalars, MLIRContext *ctx) {
  if (dtype)
    return *dtype;
  if (llvm::any_of(scalars, [](TypedAttr s) { return isa<FloatAttr>(s); }))
    return Float32Type::get(ctx);
  return IntegerType::get(ctx, 64);
}

LogicalResult ArangeOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  Builder b(getContext());
  TypedAttr start = b.getI64IntegerAttr(0), step = b.getI64IntegerAttr(1);
  Type elementType = arangeElementType(getDtype(), {getEnd()}, getContext());
  FailureOr<int64_t> length = arangeLength(*this, start, getEnd(), step, elementType);
  if (failed(length))
    return failure();
  return verifyResultType(*this, {*length}, elementType);
}

LogicalResult ArangeStartStepOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  Type elementType = arangeElementType(getDtype(), {getStart(), getEnd(), getStep()}, getContext());
  FailureOr<int64_t> length = arangeLength(*this, getStart(), getEnd(), getStep(), elementType);
  if (failed(length))
    return failure();
  return verifyResultType(*this, {*length}, elementType);
}
