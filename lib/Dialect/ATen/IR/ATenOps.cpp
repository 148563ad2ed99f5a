// Verifiers of the elementwise, reduction, normalization, linear-algebra and attention ops: each one
// computes the result PyTorch would produce (shape and dtype) and checks the declared result against it.
#include "Dialect/ATen/IR/ATenDialect.h"
#include "Dialect/ATen/IR/ATenTypeInference.h"

using namespace mlir;
using namespace mlir::aten;

#define GET_OP_CLASSES
#include "Dialect/ATen/IR/ATenOps.cpp.inc"

namespace {
RankedTensorType tensorType(Value v) { return cast<RankedTensorType>(v.getType()); }
ArrayRef<int64_t> shapeOf(Value v) { return tensorType(v).getShape(); }
Type dtypeOf(Value v) { return tensorType(v).getElementType(); }

/// Broadcast of `values`' shapes, or an error naming the clash.
FailureOr<SmallVector<int64_t>> broadcastOrError(Operation *op, ValueRange values) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value v : values)
    shapes.push_back(shapeOf(v));
  if (auto s = broadcastShapes(shapes))
    return *s;
  InFlightDiagnostic d = op->emitOpError("operand shapes are not broadcastable:");
  for (Value v : values)
    d << " " << v.getType();
  return d;
}

/// Elementwise op whose result dtype is `dtype` and shape the broadcast of `values`.
LogicalResult verifyBroadcastResult(Operation *op, ValueRange values, Type dtype) {
  if (failed(verifySupportedTypes(op)))
    return failure();
  auto shape = broadcastOrError(op, values);
  if (failed(shape))
    return failure();
  return verifyResultType(op, *shape, dtype);
}

/// Binary arithmetic: promotion of the tensors and the scalar operand, broadcast of the tensors.
LogicalResult verifyArithmetic(Operation *op, ValueRange tensors, ArrayRef<TypedAttr> scalars,
                               bool trueDivision = false) {
  SmallVector<TypeOperand> operands;
  for (Value t : tensors)
    operands.push_back(TypeOperand::of(t));
  for (TypedAttr s : scalars)
    if (s)
      operands.push_back(TypeOperand::of(s));
  Type dtype = resultType(operands, op->getContext());
  if (trueDivision)
    dtype = toFloatType(dtype);
  return verifyBroadcastResult(op, tensors, dtype);
}

/// add/sub/rsub: PyTorch rejects a float alpha for integral results, and bool subtraction.
LogicalResult verifyAlpha(Operation *op, TypedAttr alpha, bool isSubtraction) {
  Type result = dtypeOf(op->getResult(0));
  if (isa<FloatAttr>(alpha) && !isFloat(result))
    return op->emitOpError("for integral input tensors, argument alpha must not be a floating point number");
  if (isSubtraction && isBool(result))
    return op->emitOpError("subtraction with bool tensors is not supported; use logical_xor or bitwise_not");
  return success();
}

LogicalResult verifySameAsInput(Operation *op, Value input) {
  if (failed(verifySupportedTypes(op)))
    return failure();
  return verifyResultType(op, shapeOf(input), dtypeOf(input));
}

/// Ops computing in floating point: integral and bool inputs produce the default dtype (f32).
LogicalResult verifyFloatingUnary(Operation *op, Value input) {
  if (failed(verifySupportedTypes(op)))
    return failure();
  return verifyResultType(op, shapeOf(input), toFloatType(dtypeOf(input)));
}

/// The matrix products (mm, bmm, addmm, matmul, linear) are not implemented for bool in PyTorch.
LogicalResult rejectBoolProduct(Operation *op, Value v) {
  if (isBool(dtypeOf(v)))
    return op->emitOpError() << op->getName().stripDialect() << " is not implemented for bool (i1) tensors";
  return success();
}

/// Ops PyTorch only implements for floating-point inputs.
LogicalResult requireFloat(Operation *op, Value input, StringRef what = "input") {
  if (!isFloat(dtypeOf(input)))
    return op->emitOpError() << what << " must have a floating-point element type, got " << dtypeOf(input);
  return success();
}

LogicalResult verifyComparison(Operation *op, ValueRange tensors) {
  return verifyBroadcastResult(op, tensors, IntegerType::get(op->getContext(), 1));
}

/// Reduction dims: empty or absent means all; each normalized and unique.
FailureOr<SmallVector<int64_t>> reductionDims(Operation *op, std::optional<ArrayRef<int64_t>> dims,
                                              int64_t rank) {
  SmallVector<int64_t> out;
  if (!dims || dims->empty()) {
    for (int64_t i = 0; i < rank; ++i)
      out.push_back(i);
    return out;
  }
  SmallVector<int64_t> seen;
  for (int64_t d : *dims) {
    auto n = normalizeDim(d, rank);
    if (!n)
      return op->emitOpError() << "dim " << d << " is out of range for a tensor of rank " << rank;
    // Zero-dim tensors accept dim 0 / -1 but, as PyTorch, not twice.
    if (llvm::is_contained(seen, *n))
      return op->emitOpError() << "dim " << *n << " appears multiple times in the list of dims";
    seen.push_back(*n);
    if (rank > 0)
      out.push_back(*n);
  }
  return out;
}

SmallVector<int64_t> reducedShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> dims, bool keepDim) {
  SmallVector<int64_t> out;
  for (int64_t i = 0, e = shape.size(); i < e; ++i) {
    if (!llvm::is_contained(dims, i))
      out.push_back(shape[i]);
    else if (keepDim)
      out.push_back(1);
  }
  return out;
}

LogicalResult verifyReduction(Operation *op, Value input, std::optional<ArrayRef<int64_t>> dims,
                              bool keepDim, Type dtype) {
  if (failed(verifySupportedTypes(op)))
    return failure();
  auto d = reductionDims(op, dims, tensorType(input).getRank());
  if (failed(d))
    return failure();
  return verifyResultType(op, reducedShape(shapeOf(input), *d, keepDim), dtype);
}

/// sum: integral and bool inputs accumulate (and return) in i64 unless a dtype is given.
Type sumType(Value input, std::optional<Type> dtype) {
  if (dtype)
    return *dtype;
  Type t = dtypeOf(input);
  return isFloat(t) ? t : IntegerType::get(t.getContext(), 64);
}

LogicalResult verifySoftmax(Operation *op, Value input, int64_t dim, Type resultDtype) {
  if (failed(verifySupportedTypes(op)) || failed(requireFloat(op, input)))
    return failure();
  if (!normalizeDim(dim, tensorType(input).getRank()))
    return op->emitOpError() << "dim " << dim << " is out of range for a tensor of rank "
                             << tensorType(input).getRank();
  if (!isFloat(resultDtype))
    return op->emitOpError() << "softmax dtype must be floating point, got " << resultDtype;
  return verifyResultType(op, shapeOf(input), resultDtype);
}

bool dimsEqualOrDynamic(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

LogicalResult verifyVectorOperand(Operation *op, Value v, int64_t size, StringRef name) {
  auto t = tensorType(v);
  if (t.getRank() != 1 || !dimsEqualOrDynamic(t.getDimSize(0), size))
    return op->emitOpError() << name << " must be a 1-D tensor of size " << size << ", got " << t;
  return success();
}

/// PyTorch's CPU normalizations (check_mixed_data_type): parameters have the input's dtype, or all are f32
/// for a bf16/f16 input.
LogicalResult verifyNormParamDtypes(Operation *op, Value input, ArrayRef<Value> params) {
  Type in = dtypeOf(input);
  SmallVector<Value> present;
  for (Value p : params)
    if (p)
      present.push_back(p);
  if (llvm::all_of(present, [&](Value p) { return dtypeOf(p) == in; }))
    return success();
  if ((in.isBF16() || in.isF16()) && llvm::all_of(present, [](Value p) { return dtypeOf(p).isF32(); }))
    return success();
  InFlightDiagnostic d = op->emitOpError() << "mixed dtypes: the parameters must all have the input dtype "
                                           << in;
  if (in.isBF16() || in.isF16())
    d << " or all be f32";
  d << ", got";
  for (Value p : present)
    d << " " << dtypeOf(p);
  return d;
}

LogicalResult requireSameDtype(Operation *op, Value a, Value b, StringRef what) {
  if (dtypeOf(a) != dtypeOf(b))
    return op->emitOpError() << what << " must have the same dtype, got " << dtypeOf(a) << " and "
                             << dtypeOf(b);
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

LogicalResult AddTensorOp::verify() {
  if (failed(verifyArithmetic(*this, {getSelf(), getOther()}, {})))
    return failure();
  return verifyAlpha(*this, getAlpha(), /*isSubtraction=*/false);
}
LogicalResult AddScalarOp::verify() {
  if (failed(verifyArithmetic(*this, getSelf(), {getOther()})))
    return failure();
  return verifyAlpha(*this, getAlpha(), false);
}
LogicalResult SubTensorOp::verify() {
  if (failed(verifyArithmetic(*this, {getSelf(), getOther()}, {})))
    return failure();
  return verifyAlpha(*this, getAlpha(), true);
}
LogicalResult SubScalarOp::verify() {
  if (failed(verifyArithmetic(*this, getSelf(), {getOther()})))
    return failure();
  return verifyAlpha(*this, getAlpha(), true);
}
LogicalResult RsubTensorOp::verify() {
  if (failed(verifyArithmetic(*this, {getSelf(), getOther()}, {})))
    return failure();
  return verifyAlpha(*this, getAlpha(), true);
}
LogicalResult RsubScalarOp::verify() {
  if (failed(verifyArithmetic(*this, getSelf(), {getOther()})))
    return failure();
  return verifyAlpha(*this, getAlpha(), true);
}
LogicalResult MulTensorOp::verify() { return verifyArithmetic(*this, {getSelf(), getOther()}, {}); }
LogicalResult MulScalarOp::verify() { return verifyArithmetic(*this, getSelf(), {getOther()}); }
LogicalResult DivTensorOp::verify() {
  return verifyArithmetic(*this, {getSelf(), getOther()}, {}, /*trueDivision=*/true);
}
LogicalResult DivScalarOp::verify() { return verifyArithmetic(*this, getSelf(), {getOther()}, true); }
LogicalResult PowTensorScalarOp::verify() {
  if (failed(verifyArithmetic(*this, getSelf(), {getExponent()})))
    return failure();
  auto exponent = dyn_cast<IntegerAttr>(getExponent());
  if (!isFloat(dtypeOf(getSelf())) && exponent && !isBool(exponent.getType()) &&
      exponent.getValue().isNegative())
    return emitOpError("integers to negative integer powers are not allowed");
  return success();
}
LogicalResult PowTensorTensorOp::verify() {
  if (failed(verifyArithmetic(*this, {getSelf(), getExponent()}, {})))
    return failure();
  if (isBool(dtypeOf(getResult())))
    return emitOpError("pow is not implemented for bool (i1) tensors");
  return success();
}

LogicalResult NegOp::verify() {
  if (isBool(dtypeOf(getSelf())))
    return emitOpError("negation of a bool tensor is not supported; use logical_not");
  return verifySameAsInput(*this, getSelf());
}
LogicalResult AbsOp::verify() { return verifySameAsInput(*this, getSelf()); }
LogicalResult ReluOp::verify() { return verifySameAsInput(*this, getSelf()); }
LogicalResult ExpOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult LogOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult SqrtOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult RsqrtOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult ErfOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult CosOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult SinOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult SigmoidOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult TanhOp::verify() { return verifyFloatingUnary(*this, getSelf()); }
LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be 'none' or 'tanh', got '") << getApproximate() << "'";
  if (failed(requireFloat(*this, getSelf())))
    return failure();
  return verifySameAsInput(*this, getSelf());
}
LogicalResult SiluOp::verify() {
  if (failed(requireFloat(*this, getSelf())))
    return failure();
  return verifySameAsInput(*this, getSelf());
}

LogicalResult ClampOp::verify() {
  if (!getMin() && !getMax())
    return emitOpError("at least one of 'min' or 'max' must not be None");
  if (isBool(dtypeOf(getSelf())))
    return emitOpError("clamp is not supported for bool tensors");
  SmallVector<TypedAttr> scalars;
  if (getMin())
    scalars.push_back(*getMin());
  if (getMax())
    scalars.push_back(*getMax());
  if (failed(verifyArithmetic(*this, getSelf(), scalars)))
    return failure();
  // The bounds are converted to the result dtype with PyTorch's overflow check.
  Type result = dtypeOf(getResult());
  for (TypedAttr bound : scalars)
    if (scalarOverflows(bound, result))
      return emitOpError() << "value " << scalarAsDouble(bound) << " cannot be converted to " << result
                           << " without overflow";
  return success();
}
LogicalResult HardtanhOp::verify() {
  if (isBool(dtypeOf(getSelf())))
    return emitOpError("hardtanh is not supported for bool tensors");
  if (scalarAsDouble(getMinVal()) > scalarAsDouble(getMaxVal()))
    return emitOpError("min_val cannot be greater than max_val");
  if (failed(verifySameAsInput(*this, getSelf())))
    return failure();
  for (TypedAttr bound : {getMinVal(), getMaxVal()})
    if (scalarOverflows(bound, dtypeOf(getSelf())))
      return emitOpError() << "value " << scalarAsDouble(bound) << " cannot be converted to " << dtypeOf(getSelf())
                           << " without overflow";
  return success();
}

LogicalResult WhereSelfOp::verify() {
  if (!isBool(dtypeOf(getCondition())))
    return emitOpError("condition must be a bool (i1) tensor, got ") << dtypeOf(getCondition());
  Type dtype = resultType({TypeOperand::of(getSelf()), TypeOperand::of(getOther())}, getContext());
  return verifyBroadcastResult(*this, {getCondition(), getSelf(), getOther()}, dtype);
}

LogicalResult MaskedFillScalarOp::verify() {
  if (!isBool(dtypeOf(getMask())))
    return emitOpError("mask must be a bool (i1) tensor, got ") << dtypeOf(getMask());
  // PyTorch converts the value to self's dtype (floats truncate toward zero) with an overflow check.
  if (scalarOverflows(getValue(), dtypeOf(getSelf())))
    return emitOpError() << "value " << scalarAsDouble(getValue()) << " cannot be converted to "
                         << dtypeOf(getSelf()) << " without overflow";
  auto shape = broadcastOrError(*this, {getSelf(), getMask()});
  if (failed(shape))
    return failure();
  // masked_fill does not change the shape of self: the mask must broadcast to it.
  if ((int64_t)shape->size() != tensorType(getSelf()).getRank())
    return emitOpError("mask of rank ") << tensorType(getMask()).getRank()
                                        << " does not broadcast to self of rank " << tensorType(getSelf()).getRank();
  return verifySameAsInput(*this, getSelf());
}

#define COMPARISON_VERIFIERS(NAME)                                                                     \
  LogicalResult NAME##TensorOp::verify() { return verifyComparison(*this, {getSelf(), getOther()}); }  \
  LogicalResult NAME##ScalarOp::verify() { return verifyComparison(*this, getSelf()); }
COMPARISON_VERIFIERS(Eq)
COMPARISON_VERIFIERS(Ne)
COMPARISON_VERIFIERS(Lt)
COMPARISON_VERIFIERS(Le)
COMPARISON_VERIFIERS(Gt)
COMPARISON_VERIFIERS(Ge)
#undef COMPARISON_VERIFIERS

LogicalResult LogicalNotOp::verify() {
  return verifyBroadcastResult(*this, getSelf(), IntegerType::get(getContext(), 1));
}

//===----------------------------------------------------------------------===//
// Casts and identities
//===----------------------------------------------------------------------===//

LogicalResult ToDtypeOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  if (!isSupportedElementType(getDtype()))
    return emitOpError("unsupported dtype ") << getDtype();
  return verifyResultType(*this, shapeOf(getSelf()), getDtype());
}
LogicalResult PrivateToCopyOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  Type dtype = getDtype() ? *getDtype() : dtypeOf(getSelf());
  if (!isSupportedElementType(dtype))
    return emitOpError("unsupported dtype ") << dtype;
  return verifyResultType(*this, shapeOf(getSelf()), dtype);
}
LogicalResult DropoutOp::verify() {
  if (getTrain() && getP().convertToDouble() != 0.0)
    return emitOpError("training-mode dropout is not supported (the compiler targets inference)");
  if (getP().convertToDouble() < 0.0 || getP().convertToDouble() > 1.0)
    return emitOpError("dropout probability has to be between 0 and 1, got ") << getP().convertToDouble();
  return verifySameAsInput(*this, getInput());
}
LogicalResult CloneOp::verify() { return verifySameAsInput(*this, getSelf()); }
LogicalResult ContiguousOp::verify() { return verifySameAsInput(*this, getSelf()); }

//===----------------------------------------------------------------------===//
// Softmax, normalizations, reductions
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxIntOp::verify() {
  return verifySoftmax(*this, getSelf(), getDim(), getDtype() ? *getDtype() : dtypeOf(getSelf()));
}
LogicalResult LogSoftmaxIntOp::verify() {
  return verifySoftmax(*this, getSelf(), getDim(), getDtype() ? *getDtype() : dtypeOf(getSelf()));
}
static LogicalResult verifyPrivateSoftmax(Operation *op, Value self, int64_t dim, bool halfToFloat) {
  Type in = dtypeOf(self);
  if (halfToFloat && !(in.isBF16() || in.isF16()))
    return op->emitOpError("half_to_float requires a bf16 or f16 input, got ") << in;
  return verifySoftmax(op, self, dim, halfToFloat ? Float32Type::get(op->getContext()) : in);
}
LogicalResult PrivateSoftmaxOp::verify() {
  return verifyPrivateSoftmax(*this, getSelf(), getDim(), getHalfToFloat());
}
LogicalResult PrivateLogSoftmaxOp::verify() {
  return verifyPrivateSoftmax(*this, getSelf(), getDim(), getHalfToFloat());
}

LogicalResult LayerNormOp::verify() {
  if (failed(verifySupportedTypes(*this)) || failed(requireFloat(*this, getInput())))
    return failure();
  ArrayRef<int64_t> normalized = getNormalizedShape();
  ArrayRef<int64_t> shape = shapeOf(getInput());
  if (normalized.empty())
    return emitOpError("normalized_shape must have at least one dimension");
  if (normalized.size() > shape.size())
    return emitOpError("normalized_shape has more dims than the input");
  for (auto [i, n] : llvm::enumerate(normalized))
    if (!dimsEqualOrDynamic(shape[shape.size() - normalized.size() + i], n))
      return emitOpError("normalized_shape [")
             << llvm::make_range(normalized.begin(), normalized.end())
             << "] does not match the trailing dims of the input " << getInput().getType();
  for (Value p : {getWeight(), getBias()}) {
    if (!p)
      continue;
    auto pt = tensorType(p);
    if (pt.getShape().size() != normalized.size() ||
        !llvm::all_of(llvm::zip(pt.getShape(), normalized),
                      [](auto t) { return dimsEqualOrDynamic(std::get<0>(t), std::get<1>(t)); }))
      return emitOpError("weight and bias must have shape normalized_shape, got ") << pt;
  }
  if (failed(verifyNormParamDtypes(*this, getInput(), {getWeight(), getBias()})))
    return failure();
  return verifyResultType(*this, shape, dtypeOf(getInput()));
}

LogicalResult BatchNormOp::verify() {
  if (failed(verifySupportedTypes(*this)) || failed(requireFloat(*this, getInput())))
    return failure();
  if (getTraining())
    return emitOpError("training-mode batch_norm is not supported (the compiler targets inference)");
  if (!getRunningMean() || !getRunningVar())
    return emitOpError("inference batch_norm needs running_mean and running_var");
  auto t = tensorType(getInput());
  if (t.getRank() < 2)
    return emitOpError("expected an input of rank >= 2 (N, C, ...), got ") << t;
  int64_t channels = t.getDimSize(1);
  if (getWeight() && failed(verifyVectorOperand(*this, getWeight(), channels, "weight")))
    return failure();
  if (getBias() && failed(verifyVectorOperand(*this, getBias(), channels, "bias")))
    return failure();
  if (failed(verifyVectorOperand(*this, getRunningMean(), channels, "running_mean")) ||
      failed(verifyVectorOperand(*this, getRunningVar(), channels, "running_var")))
    return failure();
  if (failed(verifyNormParamDtypes(*this, getInput(),
                                   {getWeight(), getBias(), getRunningMean(), getRunningVar()})))
    return failure();
  return verifyResultType(*this, t.getShape(), t.getElementType());
}

LogicalResult SumOp::verify() {
  return verifyReduction(*this, getSelf(), std::nullopt, false, sumType(getSelf(), getDtype()));
}
LogicalResult SumDimIntListOp::verify() {
  return verifyReduction(*this, getSelf(), getDim(), getKeepdim(), sumType(getSelf(), getDtype()));
}
static LogicalResult verifyMean(Operation *op, Value self, std::optional<Type> dtype,
                                std::optional<ArrayRef<int64_t>> dims, bool keepDim) {
  Type result = dtype ? *dtype : dtypeOf(self);
  if (!isFloat(result))
    return op->emitOpError("mean could not infer output dtype: input dtype must be floating point, got ")
           << result;
  return verifyReduction(op, self, dims, keepDim, result);
}
LogicalResult MeanOp::verify() { return verifyMean(*this, getSelf(), getDtype(), std::nullopt, false); }
LogicalResult MeanDimOp::verify() {
  return verifyMean(*this, getSelf(), getDtype(), getDim(), getKeepdim());
}
LogicalResult AmaxOp::verify() {
  if (failed(verifyReduction(*this, getSelf(), getDim(), getKeepdim(), dtypeOf(getSelf()))))
    return failure();
  // A max over no elements has no value: PyTorch rejects reducing a dim of size 0.
  ArrayRef<int64_t> shape = shapeOf(getSelf());
  if (getDim().empty()) {
    if (llvm::is_contained(shape, 0))
      return emitOpError("amax(): Expected reduction dim to be specified for input.numel() == 0");
    return success();
  }
  auto dims = reductionDims(*this, getDim(), shape.size());
  for (int64_t d : *dims)
    if (shape[d] == 0)
      return emitOpError() << "amax(): Expected reduction dim " << d << " to have non-zero size";
  return success();
}
LogicalResult VarCorrectionOp::verify() {
  if (failed(requireFloat(*this, getSelf())))
    return failure();
  return verifyReduction(*this, getSelf(), getDim(), getKeepdim(), dtypeOf(getSelf()));
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

static LogicalResult verifyMatrixProduct(Operation *op, Value a, Value b, int64_t rank) {
  if (failed(verifySupportedTypes(op)) || failed(requireSameDtype(op, a, b, "both operands")) ||
      failed(rejectBoolProduct(op, a)))
    return failure();
  auto at = tensorType(a), bt = tensorType(b);
  if (at.getRank() != rank || bt.getRank() != rank)
    return op->emitOpError() << "expected " << rank << "-D operands, got " << at << " and " << bt;
  ArrayRef<int64_t> as = at.getShape(), bs = bt.getShape();
  if (!dimsEqualOrDynamic(as[rank - 1], bs[rank - 2]))
    return op->emitOpError() << "contraction sizes differ: " << at << " and " << bt;
  if (rank == 3 && !dimsEqualOrDynamic(as[0], bs[0]))
    return op->emitOpError() << "batch sizes differ: " << at << " and " << bt;
  SmallVector<int64_t> shape(as.drop_back());
  shape.push_back(bs.back());
  if (rank == 3 && ShapedType::isDynamic(shape[0]))
    shape[0] = bs[0];
  return verifyResultType(op, shape, at.getElementType());
}

LogicalResult MmOp::verify() { return verifyMatrixProduct(*this, getSelf(), getMat2(), 2); }
LogicalResult BmmOp::verify() { return verifyMatrixProduct(*this, getSelf(), getMat2(), 3); }

LogicalResult AddmmOp::verify() {
  if (failed(verifySupportedTypes(*this)) || failed(requireSameDtype(*this, getMat1(), getMat2(), "mat1 and mat2")) ||
      failed(requireSameDtype(*this, getSelf(), getMat1(), "self and mat1")) ||
      failed(rejectBoolProduct(*this, getMat1())))
    return failure();
  auto m1 = tensorType(getMat1()), m2 = tensorType(getMat2());
  if (m1.getRank() != 2 || m2.getRank() != 2 || !dimsEqualOrDynamic(m1.getDimSize(1), m2.getDimSize(0)))
    return emitOpError("mat1 and mat2 shapes cannot be multiplied: ") << m1 << " and " << m2;
  SmallVector<int64_t> mm = {m1.getDimSize(0), m2.getDimSize(1)};
  if (tensorType(getSelf()).getRank() > 2 || !broadcastShapes({shapeOf(getSelf()), mm}) ||
      broadcastShapes({shapeOf(getSelf()), mm})->size() != 2)
    return emitOpError("self ") << getSelf().getType() << " does not broadcast to the product shape";
  return verifyResultType(*this, mm, m1.getElementType());
}

LogicalResult LinearOp::verify() {
  if (failed(verifySupportedTypes(*this)) ||
      failed(requireSameDtype(*this, getInput(), getWeight(), "input and weight")) ||
      failed(rejectBoolProduct(*this, getInput())))
    return failure();
  auto in = tensorType(getInput()), w = tensorType(getWeight());
  if (in.getRank() < 1 || w.getRank() != 2)
    return emitOpError("expected input of rank >= 1 and a 2-D weight, got ") << in << " and " << w;
  if (!dimsEqualOrDynamic(in.getShape().back(), w.getDimSize(1)))
    return emitOpError("input features ") << in << " do not match weight " << w << " ([out, in])";
  if (getBias()) {
    if (failed(requireSameDtype(*this, getInput(), getBias(), "input and bias")))
      return failure();
    auto bt = tensorType(getBias());
    if (bt.getRank() > 1 || (bt.getRank() == 1 && !dimsEqualOrDynamic(bt.getDimSize(0), w.getDimSize(0)) &&
                             bt.getDimSize(0) != 1))
      return emitOpError("bias ") << bt << " does not match the output features of weight " << w;
  }
  SmallVector<int64_t> shape(in.getShape().drop_back());
  shape.push_back(w.getDimSize(0));
  return verifyResultType(*this, shape, in.getElementType());
}

LogicalResult MatmulOp::verify() {
  if (failed(verifySupportedTypes(*this)) || failed(requireSameDtype(*this, getSelf(), getOther(), "both operands")) ||
      failed(rejectBoolProduct(*this, getSelf())))
    return failure();
  auto a = tensorType(getSelf()), b = tensorType(getOther());
  int64_t ra = a.getRank(), rb = b.getRank();
  if (ra == 0 || rb == 0)
    return emitOpError("both arguments to matmul need to be at least 1D");
  ArrayRef<int64_t> as = a.getShape(), bs = b.getShape();
  int64_t ka = as.back(), kb = rb == 1 ? bs[0] : bs[rb - 2];
  if (!dimsEqualOrDynamic(ka, kb))
    return emitOpError("shapes cannot be multiplied: ") << a << " and " << b;
  SmallVector<int64_t> shape;
  if (ra >= 2 && rb >= 2) {
    auto batch = broadcastShapes({as.drop_back(2), bs.drop_back(2)});
    if (!batch)
      return emitOpError("batch dimensions are not broadcastable: ") << a << " and " << b;
    shape = *batch;
  } else if (ra >= 2) {
    shape.append(as.begin(), as.end() - 2);
  } else if (rb >= 2) {
    shape.append(bs.begin(), bs.end() - 2);
  }
  if (ra >= 2)
    shape.push_back(as[ra - 2]);
  if (rb >= 2)
    shape.push_back(bs.back());
  return verifyResultType(*this, shape, a.getElementType());
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

LogicalResult ScaledDotProductAttentionOp::verify() {
  if (failed(verifySupportedTypes(*this)) || failed(requireFloat(*this, getQuery(), "query")))
    return failure();
  if (failed(requireSameDtype(*this, getQuery(), getKey(), "query and key")) ||
      failed(requireSameDtype(*this, getQuery(), getValue(), "query and value")))
    return failure();
  if (getDropoutP().convertToDouble() != 0.0)
    return emitOpError("dropout_p must be 0 (the compiler targets inference)");
  if (getIsCausal() && getAttnMask())
    return emitOpError("an explicit attn_mask must not be set when is_causal is true");
  auto q = tensorType(getQuery()), k = tensorType(getKey()), v = tensorType(getValue());
  int64_t rank = q.getRank();
  if (rank < 2 || k.getRank() != rank || v.getRank() != rank)
    return emitOpError("query, key and value must have the same rank >= 2, got ") << q << ", " << k << ", " << v;
  ArrayRef<int64_t> qs = q.getShape(), ks = k.getShape(), vs = v.getShape();
  if (!dimsEqualOrDynamic(qs.back(), ks.back()))
    return emitOpError("query and key embedding sizes differ: ") << q << " and " << k;
  if (!dimsEqualOrDynamic(ks[rank - 2], vs[rank - 2]))
    return emitOpError("key and value sequence lengths differ: ") << k << " and " << v;
  for (int64_t i = 0; i < rank - 2; ++i) {
    bool headDim = getEnableGqa() && i == rank - 3;
    if (headDim) {
      // Grouped-query attention: query heads are a multiple of the key/value heads.
      if (!ShapedType::isDynamic(qs[i]) && !ShapedType::isDynamic(ks[i]) && (ks[i] == 0 || qs[i] % ks[i] != 0))
        return emitOpError("with enable_gqa, query heads must be a multiple of key heads");
      if (!dimsEqualOrDynamic(ks[i], vs[i]))
        return emitOpError("key and value heads differ");
      continue;
    }
    if (!dimsEqualOrDynamic(qs[i], ks[i]) || !dimsEqualOrDynamic(qs[i], vs[i]))
      return emitOpError("batch dimensions of query, key and value differ: ") << q << ", " << k << ", " << v;
  }
  if (Value mask = getAttnMask()) {
    Type mt = dtypeOf(mask);
    if (!isBool(mt) && mt != q.getElementType())
      return emitOpError("attn_mask must be bool or of the query dtype, got ") << mt;
    SmallVector<int64_t> scores(qs.drop_back());
    scores.push_back(ks[rank - 2]);
    auto b = broadcastShapes({shapeOf(mask), scores});
    if (!b || (int64_t)b->size() != rank)
      return emitOpError("attn_mask ") << mask.getType() << " does not broadcast to the attention scores";
  }
  SmallVector<int64_t> shape(qs.drop_back());
  shape.push_back(vs.back());
  return verifyResultType(*this, shape, q.getElementType());
}
