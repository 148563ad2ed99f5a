// aten.max_pool2d -> tensor.pad + one elementwise generic over the window taps; avg_pool2d /
// adaptive_avg_pool2d -> tensor.pad + linalg.pooling_nchw_sum.
//
// ceil_mode lets the last window run past the padded input; the input is padded on the high side far enough
// for every window (with -inf for max, which then never wins, and 0 for sums), and avg_pool2d divides by
// PyTorch's per-window count computed from the output indices.
#include "Utils.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

/// PyTorch's `int[2]`: one value means both dims; an empty list takes `emptyDefault`.
SmallVector<int64_t, 2> expandPair(ArrayRef<int64_t> values, ArrayRef<int64_t> emptyDefault = {}) {
  if (values.empty())
    return {emptyDefault[0], emptyDefault[1]};
  if (values.size() == 1)
    return {values[0], values[0]};
  return {values[0], values[1]};
}

struct Window {
  SmallVector<int64_t, 2> kernel, stride, padding, dilation;
  bool ceilMode = false;
};

Value indexConstant(OpBuilder &b, Location loc, int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }

/// PyTorch's pooling_output_shape along one dim. Static sizes fold; dynamic ones get a run-time check that the
/// output is not empty (the verifier checks the static case).
OpFoldResult poolOutputSize(OpBuilder &b, Location loc, OpFoldResult in, const Window &w, int64_t i) {
  int64_t k = w.kernel[i], s = w.stride[i], p = w.padding[i], d = w.dilation[i];
  int64_t offset = 2 * p - d * (k - 1) - 1 + (w.ceilMode ? s - 1 : 0);
  if (std::optional<int64_t> c = getConstantIntValue(in)) {
    int64_t num = *c + offset;
    int64_t out = (num >= 0 ? num / s : -((-num + s - 1) / s)) + 1;
    if (w.ceilMode && (out - 1) * s >= *c + p)
      --out;
    return b.getIndexAttr(out);
  }
  Value inV = getValueOrCreateConstantIndexOp(b, loc, in);
  Value num = arith::AddIOp::create(b, loc, inV, indexConstant(b, loc, offset));
  Value nonEmpty = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, num, indexConstant(b, loc, 0));
  cf::AssertOp::create(b, loc, nonEmpty, "inductor: pooling window is larger than the padded input");
  Value out = arith::AddIOp::create(b, loc, arith::DivSIOp::create(b, loc, num, indexConstant(b, loc, s)),
                                    indexConstant(b, loc, 1));
  if (w.ceilMode) {
    // The last window must start inside the input or the left padding.
    Value outMinusOne = arith::SubIOp::create(b, loc, out, indexConstant(b, loc, 1));
    Value lastStart = arith::MulIOp::create(b, loc, outMinusOne, indexConstant(b, loc, s));
    Value limit = arith::AddIOp::create(b, loc, inV, indexConstant(b, loc, p));
    Value tooFar = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, lastStart, limit);
    out = arith::SelectOp::create(b, loc, tooFar, outMinusOne, out);
  }
  return out;
}

/// High-side padding so that all `out` windows fit: max(p, (out-1)*s + d*(k-1) + 1 - in - p). Only ceil_mode
/// needs more than p.
OpFoldResult highPadding(OpBuilder &b, Location loc, OpFoldResult in, OpFoldResult out, const Window &w,
                         int64_t i) {
  int64_t k = w.kernel[i], s = w.stride[i], p = w.padding[i], d = w.dilation[i];
  if (!w.ceilMode)
    return b.getIndexAttr(p);
  std::optional<int64_t> inC = getConstantIntValue(in), outC = getConstantIntValue(out);
  if (inC && outC)
    return b.getIndexAttr(std::max(p, (*outC - 1) * s + d * (k - 1) + 1 - *inC - p));
  Value inV = getValueOrCreateConstantIndexOp(b, loc, in), outV = getValueOrCreateConstantIndexOp(b, loc, out);
  Value span = arith::MulIOp::create(b, loc, arith::SubIOp::create(b, loc, outV, indexConstant(b, loc, 1)),
                                     indexConstant(b, loc, s));
  Value needed = arith::SubIOp::create(b, loc, span, inV);
  needed = arith::AddIOp::create(b, loc, needed, indexConstant(b, loc, d * (k - 1) + 1 - p));
  return arith::MaxSIOp::create(b, loc, needed, indexConstant(b, loc, p)).getResult();
}

/// A pooling input prepared for linalg: NCHW, padded so that every output window fits, with the output
/// shape and sizes.
struct PreparedPool {
  Value input;       // the unpadded NCHW input (unbatched inputs get N = 1)
  Value padded;      // `input` padded
  SmallVector<int64_t> outShape;
  SmallVector<OpFoldResult> outSizes;
  bool unbatched;
};

PreparedPool preparePool(OpBuilder &b, Location loc, Value input, RankedTensorType resultType, const Window &w,
                         Value padValue) {
  PreparedPool prep;
  prep.unbatched = cast<RankedTensorType>(input.getType()).getRank() == 3;
  if (prep.unbatched)
    input = insertUnitDims(b, loc, input, {0});
  prep.input = input;
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> resultShape(resultType.getShape());
  if (prep.unbatched)
    resultShape.insert(resultShape.begin(), 1);

  prep.outShape = {inputType.getDimSize(0), inputType.getDimSize(1)};
  prep.outSizes = {getDimSize(b, loc, input, 0), getDimSize(b, loc, input, 1)};
  SmallVector<int64_t> paddedShape(inputType.getShape());
  SmallVector<OpFoldResult> low(4, b.getIndexAttr(0)), high(4, b.getIndexAttr(0));
  bool needsPad = false;
  for (int64_t i = 0; i < 2; ++i) {
    OpFoldResult in = getDimSize(b, loc, input, 2 + i);
    OpFoldResult out = ShapedType::isDynamic(resultShape[2 + i]) ? poolOutputSize(b, loc, in, w, i)
                                                                  : b.getIndexAttr(resultShape[2 + i]);
    std::optional<int64_t> outC = getConstantIntValue(out);
    prep.outShape.push_back(outC ? *outC : ShapedType::kDynamic);
    prep.outSizes.push_back(out);
    low[2 + i] = b.getIndexAttr(w.padding[i]);
    high[2 + i] = highPadding(b, loc, in, out, w, i);
    std::optional<int64_t> highC = getConstantIntValue(high[2 + i]);
    needsPad |= w.padding[i] != 0 || !highC || *highC != 0;
    std::optional<int64_t> inC = getConstantIntValue(in);
    paddedShape[2 + i] = inC && highC ? *inC + w.padding[i] + *highC : ShapedType::kDynamic;
  }
  prep.padded = needsPad ? tensor::PadOp::create(b, loc, inputType.clone(paddedShape), input, low, high, padValue)
                               .getResult()
                         : input;
  return prep;
}

/// Casts the NCHW pooling result to the result type, dropping the batch dim of unbatched inputs.
Value finishPool(OpBuilder &b, Location loc, Value result, bool unbatched, RankedTensorType resultType) {
  result = castTensor(b, loc, result, resultType.getElementType());
  if (unbatched)
    result = tensor::CollapseShapeOp::create(b, loc, result, ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});
  if (result.getType() != resultType)
    result = tensor::CastOp::create(b, loc, resultType, result);
  return result;
}

/// The window operand of linalg pooling ops: only its shape (the kernel size) matters.
Value windowTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> kernel, Type elementType) {
  SmallVector<int64_t> shape;
  for (OpFoldResult k : kernel) {
    std::optional<int64_t> c = getConstantIntValue(k);
    shape.push_back(c ? *c : ShapedType::kDynamic);
  }
  return createEmpty(b, loc, RankedTensorType::get(shape, elementType), kernel);
}

Value sumPool(OpBuilder &b, Location loc, Value padded, ArrayRef<int64_t> outShape,
              ArrayRef<OpFoldResult> outSizes, ArrayRef<OpFoldResult> kernel, ArrayRef<int64_t> stride,
              Type accType) {
  auto outType = RankedTensorType::get(outShape, accType);
  Value init = createFilled(b, loc, outType, outSizes, numberConstant(b, loc, 0, accType));
  Value window = windowTensor(b, loc, kernel, accType);
  return linalg::PoolingNchwSumOp::create(b, loc, TypeRange{outType}, ValueRange{padded, window},
                                          ValueRange{init}, b.getI64TensorAttr(stride),
                                          b.getI64TensorAttr({1, 1}))
      .getResult(0);
}

Value divideScalar(OpBuilder &b, Location loc, Value x, Value divisor) {
  if (isFloat(x.getType()))
    return arith::DivFOp::create(b, loc, x, divisor);
  return arith::DivSIOp::create(b, loc, x, divisor);
}

/// Converts an index to a scalar of the (float or integer) compute type.
Value indexToScalar(OpBuilder &b, Location loc, Value index, Type type) {
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
  return castScalar(b, loc, i64, type);
}

//===----------------------------------------------------------------------===//
// max_pool2d
//===----------------------------------------------------------------------===//

struct ConvertMaxPool2d : OpConversionPattern<aten::MaxPool2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(aten::MaxPool2dOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    Window w;
    w.kernel = expandPair(op.getKernelSize());
    w.stride = expandPair(op.getStride(), w.kernel);
    w.padding = expandPair(op.getPadding());
    w.dilation = expandPair(op.getDilation(), {1, 1});
    w.ceilMode = op.getCeilMode();

    Value lowest = lowestValue(rewriter, loc, elementType);
    PreparedPool prep = preparePool(rewriter, loc, adaptor.getSelf(), resultType, w, lowest);
    auto outType = RankedTensorType::get(prep.outShape, elementType);
    // One elementwise generic over the output whose inputs are the window taps: strided views of the padded
    // input, tap (kh, kw) starting at (kh * dh, kw * dw) with the pooling strides. It runs on the threads and
    // vectorizes along ow like any elementwise op, where linalg.pooling_nchw_max kept the 1-3 long window
    // loops innermost and ran serially (a ResNet's 3x3 stride-2 max pool over 64 x 112 x 112 bf16: 16 % of
    // the model on one core, each step also rounding through bf16). bf16 / f16 compare in f32: the maximum
    // is one of the inputs, exact.
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<Value> taps;
    OpFoldResult zero = rewriter.getIndexAttr(0), one = rewriter.getIndexAttr(1);
    for (int64_t kh = 0; kh < w.kernel[0]; ++kh)
      for (int64_t kw = 0; kw < w.kernel[1]; ++kw)
        taps.push_back(tensor::ExtractSliceOp::create(
            rewriter, loc, outType, prep.padded,
            ArrayRef<OpFoldResult>{zero, zero, rewriter.getIndexAttr(kh * w.dilation[0]),
                                   rewriter.getIndexAttr(kw * w.dilation[1])},
            prep.outSizes,
            ArrayRef<OpFoldResult>{one, one, rewriter.getIndexAttr(w.stride[0]), rewriter.getIndexAttr(w.stride[1])}));
    SmallVector<AffineMap> maps(taps.size() + 1, AffineMap::getMultiDimIdentityMap(4, ctx));
    Value init = createEmpty(rewriter, loc, outType, prep.outSizes);
    Type computeType = getComputeType(elementType);
    bool isFloatType = isa<FloatType>(elementType);
    Value pooled =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{outType}, taps, ValueRange{init}, maps,
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [&](OpBuilder &nb, Location nl, ValueRange args) {
              Value best = castScalar(nb, nl, args[0], computeType);
              for (Value tap : args.drop_front().drop_back()) {
                Value v = castScalar(nb, nl, tap, computeType);
                // NaN wins, as in PyTorch's kernel.
                best = isFloatType ? arith::MaximumFOp::create(nb, nl, best, v).getResult()
                                   : arith::MaxSIOp::create(nb, nl, best, v).getResult();
              }
              linalg::YieldOp::create(nb, nl, castScalar(nb, nl, best, elementType));
            })
            .getResult(0);
    rewriter.replaceOp(op, finishPool(rewriter, loc, pooled, prep.unbatched, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// avg_pool2d
//===----------------------------------------------------------------------===//

/// PyTorch's avg_pool2d window extent along one dim for output index `o`: the window clipped to the padded
/// input (`padded`, used with count_include_pad) and to the input itself (`valid`).
std::pair<Value, Value> windowCounts(OpBuilder &b, Location loc, Value o, Value inSize, int64_t k, int64_t s,
                                     int64_t p) {
  Value start = arith::SubIOp::create(b, loc, arith::MulIOp::create(b, loc, o, indexConstant(b, loc, s)),
                                      indexConstant(b, loc, p));
  Value end = arith::MinSIOp::create(b, loc, arith::AddIOp::create(b, loc, start, indexConstant(b, loc, k)),
                                     arith::AddIOp::create(b, loc, inSize, indexConstant(b, loc, p)));
  Value padded = arith::SubIOp::create(b, loc, end, start);
  Value validStart = arith::MaxSIOp::create(b, loc, start, indexConstant(b, loc, 0));
  Value validEnd = arith::MinSIOp::create(b, loc, end, inSize);
  Value valid = arith::SubIOp::create(b, loc, validEnd, validStart);
  return {padded, valid};
}

struct ConvertAvgPool2d : OpConversionPattern<aten::AvgPool2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(aten::AvgPool2dOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type accType = getComputeType(resultType.getElementType());
    Window w;
    w.kernel = expandPair(op.getKernelSize());
    w.stride = expandPair(op.getStride(), w.kernel);
    w.padding = expandPair(op.getPadding());
    w.dilation = {1, 1};
    w.ceilMode = op.getCeilMode();
    bool countIncludePad = op.getCountIncludePad();
    std::optional<int64_t> divisorOverride = op.getDivisorOverride();

    Value zero = numberConstant(rewriter, loc, 0, cast<RankedTensorType>(adaptor.getSelf().getType()).getElementType());
    PreparedPool prep = preparePool(rewriter, loc, adaptor.getSelf(), resultType, w, zero);
    Value sums = sumPool(rewriter, loc, prep.padded, prep.outShape, prep.outSizes,
                         {rewriter.getIndexAttr(w.kernel[0]), rewriter.getIndexAttr(w.kernel[1])}, w.stride,
                         accType);
    auto outType = RankedTensorType::get(prep.outShape, accType);

    // Every window holds kernel[0] * kernel[1] elements of the padded input unless it is clipped: by the input
    // edge (count_include_pad = false, when padding is non-zero) or by the padded edge (ceil_mode).
    bool windowsMayBeClipped = w.ceilMode || (!countIncludePad && llvm::any_of(w.padding, [](int64_t p) {
                                                return p != 0;
                                              }));
    Value averaged;
    if (divisorOverride || !windowsMayBeClipped) {
      int64_t divisor = divisorOverride ? *divisorOverride : w.kernel[0] * w.kernel[1];
      Value divisorValue = numberConstant(rewriter, loc, divisor, accType);
      averaged = buildElementwise(rewriter, loc, outType, sums, prep.outSizes,
                                  [&](OpBuilder &b, Location l, ValueRange args) {
                                    return divideScalar(b, l, args[0], divisorValue);
                                  });
    } else {
      Value inH = getDimSizeValue(rewriter, loc, prep.input, 2);
      Value inW = getDimSizeValue(rewriter, loc, prep.input, 3);
      averaged = buildElementwise(
          rewriter, loc, outType, sums, prep.outSizes, [&](OpBuilder &b, Location l, ValueRange args) {
            Value oh = linalg::IndexOp::create(b, l, 2), ow = linalg::IndexOp::create(b, l, 3);
            auto [paddedH, validH] = windowCounts(b, l, oh, inH, w.kernel[0], w.stride[0], w.padding[0]);
            auto [paddedW, validW] = windowCounts(b, l, ow, inW, w.kernel[1], w.stride[1], w.padding[1]);
            Value count = countIncludePad ? arith::MulIOp::create(b, l, paddedH, paddedW)
                                          : arith::MulIOp::create(b, l, validH, validW);
            return divideScalar(b, l, args[0], indexToScalar(b, l, count, accType));
          });
    }
    rewriter.replaceOp(op, finishPool(rewriter, loc, averaged, prep.unbatched, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// adaptive_avg_pool2d
//===----------------------------------------------------------------------===//

struct ConvertAdaptiveAvgPool2d : OpConversionPattern<aten::AdaptiveAvgPool2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(aten::AdaptiveAvgPool2dOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type accType = getComputeType(resultType.getElementType());
    Value input = adaptor.getSelf();
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t rank = inputType.getRank();
    ArrayRef<int64_t> outputSize = op.getOutputSize();

    if (llvm::is_contained(outputSize, 0)) {
      // An empty result: nothing to compute.
      SmallVector<OpFoldResult> sizes;
      for (int64_t i = 0; i < rank; ++i)
        sizes.push_back(i < rank - 2 ? getDimSize(rewriter, loc, input, i) : rewriter.getIndexAttr(outputSize[i - rank + 2]));
      rewriter.replaceOp(op, createEmpty(rewriter, loc, resultType, sizes));
      return success();
    }

    // Output windows are uniform (kernel == stride) when the output size divides the input size; a 1-wide
    // output is a single window over the whole (possibly dynamic) dim. Other sizes have overlapping windows
    // of varying size, which the linalg pooling ops cannot express.
    SmallVector<OpFoldResult> kernel;
    SmallVector<int64_t> stride;
    for (int64_t i = 0; i < 2; ++i) {
      int64_t in = inputType.getDimSize(rank - 2 + i), out = outputSize[i];
      if (out == 1) {
        kernel.push_back(getDimSize(rewriter, loc, input, rank - 2 + i));
        stride.push_back(1);
      } else if (out > 1 && !ShapedType::isDynamic(in) && in % out == 0) {
        kernel.push_back(rewriter.getIndexAttr(in / out));
        stride.push_back(in / out);
      } else {
        auto diag = op.emitError("adaptive_avg_pool2d lowering requires each output size to be 1 or to divide "
                                 "the static input size; got input size ");
        if (ShapedType::isDynamic(in))
          diag << "?";
        else
          diag << in;
        diag << " and output size " << out << " along spatial dim " << i;
        return failure();
      }
    }

    bool unbatched = rank == 3;
    if (unbatched)
      input = insertUnitDims(rewriter, loc, input, {0});
    auto batchedType = cast<RankedTensorType>(input.getType());
    SmallVector<int64_t> outShape = {batchedType.getDimSize(0), batchedType.getDimSize(1), outputSize[0],
                                     outputSize[1]};
    SmallVector<OpFoldResult> outSizes = {getDimSize(rewriter, loc, input, 0), getDimSize(rewriter, loc, input, 1),
                                          rewriter.getIndexAttr(outputSize[0]),
                                          rewriter.getIndexAttr(outputSize[1])};
    Value sums = sumPool(rewriter, loc, input, outShape, outSizes, kernel, stride, accType);

    std::optional<int64_t> kh = getConstantIntValue(kernel[0]), kw = getConstantIntValue(kernel[1]);
    Value divisor;
    if (kh && kw) {
      divisor = numberConstant(rewriter, loc, *kh * *kw, accType);
    } else {
      Value count = arith::MulIOp::create(rewriter, loc, getValueOrCreateConstantIndexOp(rewriter, loc, kernel[0]),
                                          getValueOrCreateConstantIndexOp(rewriter, loc, kernel[1]));
      divisor = indexToScalar(rewriter, loc, count, accType);
    }
    auto outType = RankedTensorType::get(outShape, accType);
    Value averaged = buildElementwise(rewriter, loc, outType, sums, outSizes,
                                      [&](OpBuilder &b, Location l, ValueRange args) {
                                        return divideScalar(b, l, args[0], divisor);
                                      });
    rewriter.replaceOp(op, finishPool(rewriter, loc, averaged, unbatched, resultType));
    return success();
  }
};

} // namespace

void populatePoolingPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvertMaxPool2d, ConvertAvgPool2d, ConvertAdaptiveAvgPool2d>(patterns.getContext());
}
} // namespace mlir::inductor
