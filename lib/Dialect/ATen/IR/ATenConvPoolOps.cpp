// Verifiers of the convolution and pooling ops: PyTorch's argument checks and output-size formulas
// (aten/src/ATen/native/Convolution.cpp, Pool.h, AdaptivePooling.h).
#include "Dialect/ATen/IR/ATenDialect.h"
#include "Dialect/ATen/IR/ATenTypeInference.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::aten;

namespace {

constexpr int64_t kDynamic = ShapedType::kDynamic;

/// Expands an `int[2]` argument the way PyTorch does: one value applies to both spatial dims. An empty list
/// takes `emptyDefault` when given (pooling's `stride=[]` means "the kernel size"), otherwise is an error.
FailureOr<SmallVector<int64_t, 2>> expandPair(Operation *op, StringRef name, ArrayRef<int64_t> values,
                                              std::optional<ArrayRef<int64_t>> emptyDefault = {}) {
  if (values.empty() && emptyDefault)
    return SmallVector<int64_t, 2>(emptyDefault->begin(), emptyDefault->end());
  if (values.size() == 1)
    return SmallVector<int64_t, 2>{values[0], values[0]};
  if (values.size() == 2)
    return SmallVector<int64_t, 2>(values.begin(), values.end());
  return op->emitOpError() << "expected '" << name << "' to have 1 or 2 values"
                           << (emptyDefault ? " (or none)" : "") << ", got " << values.size();
}

LogicalResult checkAll(Operation *op, StringRef name, ArrayRef<int64_t> values, bool allowZero) {
  for (int64_t v : values)
    if (v < 0 || (!allowZero && v == 0))
      return op->emitOpError() << "expected '" << name << "' values to be "
                               << (allowZero ? "non-negative" : "positive") << ", got " << v;
  return success();
}

/// The input of a 2-D conv/pool: [N, C, H, W] or unbatched [C, H, W].
LogicalResult checkSpatialInput(Operation *op, RankedTensorType type, StringRef name) {
  if (type.getRank() != 3 && type.getRank() != 4)
    return op->emitOpError() << "expected '" << name
                             << "' to be 3-D (unbatched C,H,W) or 4-D (N,C,H,W), got rank " << type.getRank();
  return success();
}

/// `in + 2 * pad` and `dilation * (kernel - 1) + 1` (the padded input and the dilated kernel extents), or
/// std::nullopt when they overflow int64. `in` may be dynamic (then only the kernel extent is checked).
std::optional<std::pair<int64_t, int64_t>> windowExtents(int64_t in, int64_t kernel, int64_t pad,
                                                         int64_t dilation) {
  int64_t padded = kDynamic, dilatedKernel;
  if (!ShapedType::isDynamic(in) &&
      (llvm::MulOverflow<int64_t>(2, pad, padded) || llvm::AddOverflow(padded, in, padded)))
    return std::nullopt;
  if (llvm::MulOverflow(dilation, kernel - 1, dilatedKernel) || llvm::AddOverflow<int64_t>(dilatedKernel, 1, dilatedKernel))
    return std::nullopt;
  return std::make_pair(padded, dilatedKernel);
}

LogicalResult emitWindowOverflow(Operation *op, int64_t dim) {
  return op->emitOpError() << "the padded input or dilated kernel size along spatial dim " << dim
                           << " overflows int64 (padding, dilation or kernel size too large)";
}

/// Output size of a convolution or pooling window along one dim (PyTorch's pooling_output_shape; convs are
/// the ceil_mode=false case). The caller has checked windowExtents, kernel > 0, stride > 0 and pad >= 0;
/// the arithmetic is arranged so that it cannot overflow int64 for any such values.
int64_t windowOutputSize(int64_t in, int64_t kernel, int64_t pad, int64_t stride, int64_t dilation,
                         bool ceilMode) {
  if (ShapedType::isDynamic(in))
    return kDynamic;
  // Both extents are in [0, INT64_MAX], so their difference is in range.
  int64_t n = (in + 2 * pad) - (dilation * (kernel - 1) + 1);
  auto floorDiv = [](int64_t x, int64_t y) { return x >= 0 ? x / y : -((-x - 1) / y) - 1; };
  auto ceilDiv = [](int64_t x, int64_t y) { return x > 0 ? (x - 1) / y + 1 : -((-x) / y); };
  // PyTorch: div_rtn(n + (ceil_mode ? stride - 1 : 0), stride) + 1, i.e. floor or ceil division.
  int64_t q = ceilMode ? ceilDiv(n, stride) : floorDiv(n, stride);
  // In ceil mode, the last window must start inside the input or the left padding: q * stride < in + pad.
  if (ceilMode && q >= 0 && q >= ceilDiv(in + pad, stride))
    --q;
  return q + 1;
}

/// Result shape [N?, C, outH, outW] of a conv/pool whose input has `inputType` (3-D or 4-D).
SmallVector<int64_t> spatialResultShape(RankedTensorType inputType, int64_t channels, int64_t outH,
                                        int64_t outW) {
  SmallVector<int64_t> shape;
  if (inputType.getRank() == 4)
    shape.push_back(inputType.getDimSize(0));
  shape.append({channels, outH, outW});
  return shape;
}

LogicalResult checkOutputNotEmpty(Operation *op, RankedTensorType inputType, int64_t outH, int64_t outW) {
  int64_t h = inputType.getDimSize(inputType.getRank() - 2), w = inputType.getDimSize(inputType.getRank() - 1);
  if ((!ShapedType::isDynamic(outH) && outH < 1) || (!ShapedType::isDynamic(outW) && outW < 1))
    return op->emitOpError() << "computed output size " << outH << "x" << outW << " for input size " << h
                             << "x" << w << " is too small (the kernel does not fit the padded input)";
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// ConvolutionOp
//===----------------------------------------------------------------------===//

LogicalResult ConvolutionOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  Operation *op = getOperation();
  auto inputType = cast<RankedTensorType>(getInput().getType());
  auto weightType = cast<RankedTensorType>(getWeight().getType());
  if (getTransposed())
    return emitOpError("transposed convolution is not supported");
  if (weightType.getRank() != 4)
    return emitOpError() << "only 2-D convolution is supported: expected a 4-D weight (F, C/groups, kH, kW), "
                            "got rank "
                         << weightType.getRank();
  if (failed(checkSpatialInput(op, inputType, "input")))
    return failure();

  Type elementType = inputType.getElementType();
  if (!isFloat(elementType))
    return emitOpError() << "expected a floating-point input, got " << elementType;
  if (weightType.getElementType() != elementType)
    return emitOpError() << "expected input and weight of the same dtype, got " << elementType << " and "
                         << weightType.getElementType();

  FailureOr<SmallVector<int64_t, 2>> stride = expandPair(op, "stride", getStride());
  FailureOr<SmallVector<int64_t, 2>> padding = expandPair(op, "padding", getPadding());
  FailureOr<SmallVector<int64_t, 2>> dilation = expandPair(op, "dilation", getDilation());
  if (failed(stride) || failed(padding) || failed(dilation))
    return failure();
  // output_padding only matters for transposed convolutions; PyTorch ignores its values otherwise.
  if (getOutputPadding().size() > 2)
    return emitOpError() << "expected 'output_padding' to have at most 2 values, got "
                         << getOutputPadding().size();
  if (llvm::any_of(getOutputPadding(), [](int64_t v) { return v < 0; }))
    return emitOpError("negative output_padding is not supported");
  if (failed(checkAll(op, "stride", *stride, /*allowZero=*/false)) ||
      failed(checkAll(op, "padding", *padding, /*allowZero=*/true)) ||
      failed(checkAll(op, "dilation", *dilation, /*allowZero=*/false)))
    return failure();

  int64_t groups = getGroups();
  if (groups <= 0)
    return emitOpError() << "expected 'groups' to be positive, got " << groups;
  int64_t filters = weightType.getDimSize(0), channels = inputType.getDimSize(inputType.getRank() - 3);
  int64_t channelsPerGroup = weightType.getDimSize(1);
  if (!ShapedType::isDynamic(filters) && filters % groups != 0)
    return emitOpError() << "expected the number of filters (" << filters << ") to be divisible by groups ("
                         << groups << ")";
  if (!ShapedType::isDynamic(channels) && channels % groups != 0)
    return emitOpError() << "expected the input channels (" << channels << ") to be divisible by groups ("
                         << groups << ")";
  if (!ShapedType::isDynamic(channels) && !ShapedType::isDynamic(channelsPerGroup) &&
      channelsPerGroup * groups != channels)
    return emitOpError() << "expected weight dim 1 (" << channelsPerGroup << ") times groups (" << groups
                         << ") to equal the input channels (" << channels << ")";

  if (Value bias = getBias()) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (biasType.getRank() != 1)
      return emitOpError() << "expected a 1-D bias, got rank " << biasType.getRank();
    int64_t biasSize = biasType.getDimSize(0);
    if (!ShapedType::isDynamic(biasSize) && !ShapedType::isDynamic(filters) && biasSize != filters)
      return emitOpError() << "expected a bias of " << filters << " elements (one per filter), got " << biasSize;
    if (!isFloat(biasType.getElementType()))
      return emitOpError() << "expected a floating-point bias, got " << biasType.getElementType();
  }

  int64_t rank = inputType.getRank();
  SmallVector<int64_t, 2> outSize;
  for (int64_t i = 0; i < 2; ++i) {
    int64_t in = inputType.getDimSize(rank - 2 + i), kernel = weightType.getDimSize(2 + i);
    if (ShapedType::isDynamic(kernel)) {
      outSize.push_back(kDynamic);
      continue;
    }
    if (kernel == 0)
      return emitOpError() << "kernel size should be greater than zero, got a weight of type " << weightType;
    auto extents = windowExtents(in, kernel, (*padding)[i], (*dilation)[i]);
    if (!extents)
      return emitWindowOverflow(op, i);
    auto [padded, dilatedKernel] = *extents;
    if (!ShapedType::isDynamic(in) && padded < dilatedKernel)
      return emitOpError() << "dilated kernel size " << dilatedKernel << " is larger than the padded input size "
                           << padded << " along spatial dim " << i;
    outSize.push_back(windowOutputSize(in, kernel, (*padding)[i], (*stride)[i], (*dilation)[i], false));
  }
  return verifyResultType(op, spatialResultShape(inputType, filters, outSize[0], outSize[1]), elementType);
}

//===----------------------------------------------------------------------===//
// Pooling ops
//===----------------------------------------------------------------------===//

namespace {
struct PoolParams {
  SmallVector<int64_t, 2> kernel, stride, padding, dilation;
};

/// PyTorch's pool2d argument checks (shared by max_pool2d and avg_pool2d, which has no dilation).
FailureOr<PoolParams> verifyPoolParams(Operation *op, ArrayRef<int64_t> kernelSize, ArrayRef<int64_t> stride,
                                       ArrayRef<int64_t> padding,
                                       std::optional<ArrayRef<int64_t>> dilation) {
  PoolParams p;
  FailureOr<SmallVector<int64_t, 2>> k = expandPair(op, "kernel_size", kernelSize);
  if (failed(k) || failed(checkAll(op, "kernel_size", *k, /*allowZero=*/false)))
    return failure();
  FailureOr<SmallVector<int64_t, 2>> s = expandPair(op, "stride", stride, ArrayRef<int64_t>(*k));
  FailureOr<SmallVector<int64_t, 2>> pad = expandPair(op, "padding", padding);
  FailureOr<SmallVector<int64_t, 2>> d =
      dilation ? expandPair(op, "dilation", *dilation) : SmallVector<int64_t, 2>{1, 1};
  if (failed(s) || failed(pad) || failed(d))
    return failure();
  if (failed(checkAll(op, "stride", *s, /*allowZero=*/false)) ||
      failed(checkAll(op, "padding", *pad, /*allowZero=*/true)) ||
      failed(checkAll(op, "dilation", *d, /*allowZero=*/false)))
    return failure();
  for (int64_t i = 0; i < 2; ++i)
    if ((*pad)[i] > (*k)[i] / 2)
      return op->emitOpError() << "expected padding to be at most half of the kernel size, got padding "
                               << (*pad)[i] << " for kernel size " << (*k)[i];
  p.kernel = *k;
  p.stride = *s;
  p.padding = *pad;
  p.dilation = *d;
  return p;
}

LogicalResult verifyPool(Operation *op, Value self, const PoolParams &p, bool ceilMode) {
  auto inputType = cast<RankedTensorType>(self.getType());
  int64_t rank = inputType.getRank();
  SmallVector<int64_t, 2> out;
  for (int64_t i = 0; i < 2; ++i) {
    int64_t in = inputType.getDimSize(rank - 2 + i);
    if (!windowExtents(in, p.kernel[i], p.padding[i], p.dilation[i]))
      return emitWindowOverflow(op, i);
    out.push_back(windowOutputSize(in, p.kernel[i], p.padding[i], p.stride[i], p.dilation[i], ceilMode));
  }
  if (failed(checkOutputNotEmpty(op, inputType, out[0], out[1])))
    return failure();
  return verifyResultType(op, spatialResultShape(inputType, inputType.getDimSize(rank - 3), out[0], out[1]),
                          inputType.getElementType());
}
} // namespace

LogicalResult MaxPool2dOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto inputType = cast<RankedTensorType>(getSelf().getType());
  if (failed(checkSpatialInput(*this, inputType, "self")))
    return failure();
  if (isBool(inputType.getElementType()))
    return emitOpError("max_pool2d is not defined for bool (i1) tensors");
  FailureOr<PoolParams> p = verifyPoolParams(*this, getKernelSize(), getStride(), getPadding(), getDilation());
  if (failed(p))
    return failure();
  return verifyPool(*this, getSelf(), *p, getCeilMode());
}

LogicalResult AvgPool2dOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto inputType = cast<RankedTensorType>(getSelf().getType());
  if (failed(checkSpatialInput(*this, inputType, "self")))
    return failure();
  Type elementType = inputType.getElementType();
  if (!isFloat(elementType) && !elementType.isSignlessInteger(64))
    return emitOpError() << "avg_pool2d is defined for floating-point and i64 tensors only, got " << elementType;
  if (std::optional<int64_t> divisor = getDivisorOverride(); divisor && *divisor == 0)
    return emitOpError("expected a non-zero 'divisor_override'");
  FailureOr<PoolParams> p = verifyPoolParams(*this, getKernelSize(), getStride(), getPadding(), std::nullopt);
  if (failed(p))
    return failure();
  return verifyPool(*this, getSelf(), *p, getCeilMode());
}

LogicalResult AdaptiveAvgPool2dOp::verify() {
  if (failed(verifySupportedTypes(*this)))
    return failure();
  auto inputType = cast<RankedTensorType>(getSelf().getType());
  if (failed(checkSpatialInput(*this, inputType, "self")))
    return failure();
  if (!isFloat(inputType.getElementType()))
    return emitOpError() << "adaptive_avg_pool2d is defined for floating-point tensors only, got "
                         << inputType.getElementType();
  ArrayRef<int64_t> outputSize = getOutputSize();
  if (outputSize.size() != 2)
    return emitOpError() << "expected 'output_size' to have 2 values, got " << outputSize.size();
  if (failed(checkAll(*this, "output_size", outputSize, /*allowZero=*/true)))
    return failure();
  int64_t rank = inputType.getRank();
  for (int64_t i = rank - 3; i < rank; ++i)
    if (inputType.getDimSize(i) == 0)
      return emitOpError() << "expected non-empty channel and spatial dims, got size 0 at dim " << i;
  return verifyResultType(
      *this, spatialResultShape(inputType, inputType.getDimSize(rank - 3), outputSize[0], outputSize[1]),
      inputType.getElementType());
}
