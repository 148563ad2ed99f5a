// aten.convolution -> tensor.pad + linalg convolution ops (2-D, non-transposed).
//
// groups == 1 with static channel, kernel and output sizes (f32, bf16) becomes a contraction of the weights
// with im2col patches, which the GEMM microkernels run (buildConv2DAsContraction); at stride 1, unless the
// columns of the padding would add too much work, one contraction per kernel tap on windows of the padded
// input instead, without the im2col copy (buildConv2DAsTapContractions). Otherwise groups == 1
// maps to a linalg.generic equivalent to linalg.conv_2d_nchw_fchw whose loops run in the order
// (n, f, c, kh, kw, oh, ow): the innermost loop walks an output row and, at stride 1, an input row, so the
// loop vectorizes along contiguous memory (the named op's loop order puts the 1-7 long kw loop innermost).
// Measured on a ResNet-50 bottleneck (see the closing note of issue 4). Depthwise (groups == C == F) maps to
// linalg.depthwise_conv_2d_nchw_chw; other groupings to linalg.conv_2d_ngchw_gfchw on expanded shapes. The
// accumulator starts as the broadcast bias (or zero) in the compute type (f32 for bf16/f16, whose products
// the linalg ops extend to the accumulator type) and is cast back to the result type at the end.
#include "Utils.h"

#include "Transforms/ConstantBytes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"

#include <cstring>

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

/// PyTorch's `int[2]` with one value meaning both dims.
SmallVector<int64_t, 2> expandPair(ArrayRef<int64_t> values) {
  if (values.size() == 1)
    return {values[0], values[0]};
  return {values[0], values[1]};
}

/// Index arithmetic on OpFoldResults that folds when both sides are constants.
OpFoldResult divIndex(OpBuilder &b, Location loc, OpFoldResult lhs, OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs), r = getConstantIntValue(rhs);
  if (l && r)
    return b.getIndexAttr(*l / *r);
  return arith::DivSIOp::create(b, loc, getValueOrCreateConstantIndexOp(b, loc, lhs),
                                getValueOrCreateConstantIndexOp(b, loc, rhs))
      .getResult();
}

/// Output size of a convolution along one spatial dim from the padded input size:
/// (paddedIn - dilation * (kernel - 1) - 1) / stride + 1. Emits a run-time check that the kernel fits when a
/// size is dynamic (the verifier checks the static case).
OpFoldResult convOutputSize(OpBuilder &b, Location loc, OpFoldResult paddedIn, OpFoldResult kernel,
                            int64_t stride, int64_t dilation) {
  std::optional<int64_t> in = getConstantIntValue(paddedIn), k = getConstantIntValue(kernel);
  if (in && k)
    return b.getIndexAttr((*in - dilation * (*k - 1) - 1) / stride + 1);
  Value inV = getValueOrCreateConstantIndexOp(b, loc, paddedIn);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  // dilatedKernel = dilation * (kernel - 1) + 1
  Value dilatedKernel;
  if (k) {
    dilatedKernel = arith::ConstantIndexOp::create(b, loc, dilation * (*k - 1) + 1);
  } else {
    Value kV = getValueOrCreateConstantIndexOp(b, loc, kernel);
    Value span = arith::MulIOp::create(b, loc, arith::ConstantIndexOp::create(b, loc, dilation),
                                       arith::SubIOp::create(b, loc, kV, one));
    dilatedKernel = arith::AddIOp::create(b, loc, span, one);
  }
  Value fits = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, inV, dilatedKernel);
  cf::AssertOp::create(b, loc, fits, "inductor: convolution kernel is larger than the padded input");
  Value quotient = arith::SubIOp::create(b, loc, inV, dilatedKernel);
  if (stride != 1)
    quotient = arith::DivSIOp::create(b, loc, quotient, arith::ConstantIndexOp::create(b, loc, stride));
  return arith::AddIOp::create(b, loc, quotient, one).getResult();
}

/// Pads the spatial dims (2 and 3) of an NCHW tensor with zeros.
Value padSpatial(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> padding) {
  if (llvm::all_of(padding, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> low(4, b.getIndexAttr(0)), high(4, b.getIndexAttr(0));
  for (int64_t i = 0; i < 2; ++i) {
    low[2 + i] = high[2 + i] = b.getIndexAttr(padding[i]);
    if (!ShapedType::isDynamic(shape[2 + i]))
      shape[2 + i] += 2 * padding[i];
  }
  Value zero = numberConstant(b, loc, 0, type.getElementType());
  return tensor::PadOp::create(b, loc, type.clone(shape), input, low, high, zero);
}

/// out[n, f, oh, ow] += in[n, c, oh * sh + kh * dh, ow * sw + kw * dw] * w[f, c, kh, kw], as a generic
/// with the output width innermost. Products are computed in the accumulator type.
Value buildConv2D(OpBuilder &b, Location loc, Value input, Value weight, Value acc, ArrayRef<int64_t> stride,
                  ArrayRef<int64_t> dilation) {
  MLIRContext *ctx = b.getContext();
  AffineExpr n, f, c, kh, kw, oh, ow;
  bindDims(ctx, n, f, c, kh, kw, oh, ow);
  auto inputMap = AffineMap::get(7, 0, {n, c, oh * stride[0] + kh * dilation[0], ow * stride[1] + kw * dilation[1]},
                                 ctx);
  auto weightMap = AffineMap::get(7, 0, {f, c, kh, kw}, ctx);
  auto outputMap = AffineMap::get(7, 0, {n, f, oh, ow}, ctx);
  using utils::IteratorType;
  SmallVector<IteratorType> iterators = {IteratorType::parallel,  IteratorType::parallel, IteratorType::reduction,
                                         IteratorType::reduction, IteratorType::reduction, IteratorType::parallel,
                                         IteratorType::parallel};
  Type accType = cast<RankedTensorType>(acc.getType()).getElementType();
  return linalg::GenericOp::create(
             b, loc, acc.getType(), ValueRange{input, weight}, ValueRange{acc},
             ArrayRef<AffineMap>{inputMap, weightMap, outputMap}, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value product = createMul(nb, nl, castScalar(nb, nl, args[0], accType),
                                         castScalar(nb, nl, args[1], accType));
               linalg::YieldOp::create(nb, nl, createAdd(nb, nl, args[2], product));
             })
      .getResult(0);
}

/// acc[n, f, p] += filters[f, q] * patches[n, q, p], products in acc's element type: the contraction form the
/// GEMM microkernels take (A = filters, B = patches, C = acc).
Value buildPatchContraction(OpBuilder &b, Location loc, Value filters, Value patches, Value acc) {
  MLIRContext *ctx = b.getContext();
  AffineExpr n, f, p, q;
  bindDims(ctx, n, f, p, q);
  using utils::IteratorType;
  Type accElt = cast<RankedTensorType>(acc.getType()).getElementType();
  return linalg::GenericOp::create(
             b, loc, acc.getType(), ValueRange{filters, patches}, ValueRange{acc},
             ArrayRef<AffineMap>{AffineMap::get(4, 0, {f, q}, ctx), AffineMap::get(4, 0, {n, q, p}, ctx),
                                 AffineMap::get(4, 0, {n, f, p}, ctx)},
             ArrayRef<IteratorType>{IteratorType::parallel, IteratorType::parallel, IteratorType::parallel,
                                    IteratorType::reduction},
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value prod =
                   createMul(nb, nl, castScalar(nb, nl, args[0], accElt), castScalar(nb, nl, args[1], accElt));
               linalg::YieldOp::create(nb, nl, createAdd(nb, nl, args[2], prod));
             })
      .getResult(0);
}

/// The length of buildConv2DAsTapContractions' windows: OH rows of the padded width, rounded up to the FMA
/// kernels' 16-column panels so that the kernels read every window in place (the last panel reads into the
/// zero rows below), or nullopt when the columns computed and dropped add more than 1/12 to the work. On
/// Zen 3 the taps beat im2col at 56x56 (+3.6 %) and 28x28 (+8.2 %), not at 14x14 (+14 %).
std::optional<int64_t> tapWindowLength(int64_t paddedW, int64_t outW, int64_t outH) {
  int64_t length = llvm::alignTo(outH * paddedW, 16);
  if (length * 12 > outH * outW * 13)
    return std::nullopt;
  return length;
}

/// A convolution as one contraction per kernel tap (kh, kw), without im2col: with the input padded (rows of
/// `pitch` elements) and flattened per channel, the patches of tap (kh, kw) at stride 1 are the window of
/// `length` (>= OH * pitch) elements that starts at kh * dh * pitch + kw * dw in every channel, a view of the
/// padded input (out[n, f, oh * pitch + ow] += w[f, c, kh, kw] * in[n, c, oh * pitch + ow + offset]).
/// Columns ow >= OW of each row, and the window's tail, are computed and dropped. The im2col copy wrote and
/// read back KH * KW times the input (7.2 MB for a 64-channel 56x56 3x3 convolution).
///
/// At stride s > 1 the padded input is first split into s * s phase planes, plane (a, b) holding the rows
/// a, a + s, ... and the columns b, b + s, ... (rows of pitch = the padded width / s): tap (kh, kw) reads
/// plane (kh * dh % s, kw * dw % s) at row oh + kh * dh / s and column ow + kw * dw / s, a window of that
/// plane as at stride 1. The planes are one buffer [N, C, s * s, rows, pitch], so that every tap's window is
/// a view of the same flattened input. The split copies the input once (a stride-2 im2col copied 9/4 of it).
Value buildConv2DAsTapContractions(OpBuilder &b, Location loc, Value input, Value weight, Value acc,
                                   ArrayRef<int64_t> padding, ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation,
                                   int64_t length) {
  MLIRContext *ctx = b.getContext();
  auto inType = cast<RankedTensorType>(input.getType());
  auto wType = cast<RankedTensorType>(weight.getType());
  auto accType = cast<RankedTensorType>(acc.getType());
  Type accElt = accType.getElementType();
  int64_t channels = wType.getDimSize(1), filters = wType.getDimSize(0), kh = wType.getDimSize(2),
          kw = wType.getDimSize(3);
  int64_t oh = accType.getDimSize(2), ow = accType.getDimSize(3);
  int64_t sh = stride[0], sw = stride[1];
  int64_t paddedH = inType.getDimSize(2) + 2 * padding[0], paddedW = inType.getDimSize(3) + 2 * padding[1];
  int64_t pitch = llvm::divideCeil(paddedW, sw);
  // Rows per plane: the taps' row offsets plus what the windows read, grown to 64-column panels (the widest,
  // AVX-512 FMA's: see growSlice in inductor-pack-contractions) so that every tap's panels stay a view of
  // the input (otherwise the last row of taps was copied into padded buffers, which also kept the taps
  // from running as one kernel); zero rows below the padded input.
  int64_t rowOffset = (kh - 1) * dilation[0] / sh, colOffset = (kw - 1) * dilation[1] / sw;
  int64_t planeRows = std::max(llvm::divideCeil(paddedH, sh),
                               rowOffset + llvm::divideCeil(colOffset + int64_t(llvm::alignTo(length, 64)), pitch));
  SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(padding[0]),
                                   b.getIndexAttr(padding[1])};
  SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(0),
                                    b.getIndexAttr(planeRows * sh - inType.getDimSize(2) - padding[0]),
                                    b.getIndexAttr(pitch * sw - inType.getDimSize(3) - padding[1])};
  OpFoldResult batch = getDimSize(b, loc, input, 0);
  auto paddedType = inType.clone({inType.getDimSize(0), channels, planeRows * sh, pitch * sw});
  Value padded = tensor::PadOp::create(b, loc, paddedType, input, low, high,
                                       numberConstant(b, loc, 0, inType.getElementType()));
  int64_t planeSize = planeRows * pitch;
  auto planeOf = [&](int64_t y, int64_t x) { return (y * dilation[0] % sh) * sw + x * dilation[1] % sw; };
  Value flat;
  if (sh == 1 && sw == 1) {
    flat = tensor::CollapseShapeOp::create(b, loc, padded, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
  } else {
    // planes[n, c, a, b, i, j] = padded[n, c, i * sh + a, j * sw + b]: a strided read the elementwise
    // vectorizer takes (a transpose of the [.., rows, sh, pitch, sw] view ran as scalar copies).
    SmallVector<OpFoldResult> planeSizes = {batch, b.getIndexAttr(channels), b.getIndexAttr(sh),
                                            b.getIndexAttr(sw), b.getIndexAttr(planeRows), b.getIndexAttr(pitch)};
    Value empty = tensor::EmptyOp::create(b, loc, planeSizes, inType.getElementType());
    AffineExpr n, c, a, bb, i, j;
    bindDims(ctx, n, c, a, bb, i, j);
    Value planes =
        linalg::GenericOp::create(b, loc, empty.getType(), ValueRange{padded}, ValueRange{empty},
                                  ArrayRef<AffineMap>{AffineMap::get(6, 0, {n, c, i * sh + a, j * sw + bb}, ctx),
                                                      AffineMap::getMultiDimIdentityMap(6, ctx)},
                                  SmallVector<utils::IteratorType>(6, utils::IteratorType::parallel),
                                  [](OpBuilder &nb, Location nl, ValueRange args) {
                                    linalg::YieldOp::create(nb, nl, args[0]);
                                  })
            .getResult(0);
    flat = tensor::CollapseShapeOp::create(b, loc, planes, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3, 4, 5}});
  }
  // Weights as [KH, KW, F, C]: each tap's filters are a contiguous [F, C] matrix (A needs unit-stride rows).
  // Frozen weights are transposed here, once; others at every call.
  auto tapsType = RankedTensorType::get({kh, kw, filters, channels}, wType.getElementType());
  Value taps;
  if (auto bytes = getConstantBytes(weight); bytes && wType.getElementTypeBitWidth() % 8 == 0) {
    int64_t width = wType.getElementTypeBitWidth() / 8, count = tapsType.getNumElements();
    std::vector<char> out(count * width);
    for (int64_t e = 0; e < count; ++e) { // out[y, x, n, q] = w[n, q, y, x], e enumerating out in order
      int64_t q = e % channels, n = e / channels % filters, x = e / (channels * filters) % kw,
              y = e / (channels * filters * kw);
      int64_t src = bytes->second ? 0 : ((n * channels + q) * kh + y) * kw + x;
      std::memcpy(&out[e * width], &bytes->first[src * width], width);
    }
    taps = arith::ConstantOp::create(b, loc, tapsType,
                                     DenseElementsAttr::getFromRawBuffer(tapsType, ArrayRef<char>(out)));
  } else {
    AffineExpr i, j, f, c;
    bindDims(ctx, i, j, f, c);
    Value empty = tensor::EmptyOp::create(b, loc, tapsType.getShape(), tapsType.getElementType());
    taps = linalg::GenericOp::create(b, loc, tapsType, ValueRange{weight}, ValueRange{empty},
                                     ArrayRef<AffineMap>{AffineMap::get(4, 0, {f, c, i, j}, ctx),
                                                         AffineMap::getMultiDimIdentityMap(4, ctx)},
                                     SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
                                     [](OpBuilder &nb, Location nl, ValueRange args) {
                                       linalg::YieldOp::create(nb, nl, args[0]);
                                     })
               .getResult(0);
  }
  Value product = createFilled(b, loc, RankedTensorType::get({accType.getDimSize(0), filters, length}, accElt),
                               {batch, b.getIndexAttr(filters), b.getIndexAttr(length)},
                               numberConstant(b, loc, 0, accElt));
  auto one = b.getIndexAttr(1), zero = b.getIndexAttr(0);
  for (int64_t y = 0; y < kh; ++y)
    for (int64_t x = 0; x < kw; ++x) {
      int64_t offset = planeOf(y, x) * planeSize + y * dilation[0] / sh * pitch + x * dilation[1] / sw;
      Value patches = tensor::ExtractSliceOp::create(
          b, loc, flat, ArrayRef<OpFoldResult>{zero, zero, b.getIndexAttr(offset)},
          ArrayRef<OpFoldResult>{batch, b.getIndexAttr(channels), b.getIndexAttr(length)},
          ArrayRef<OpFoldResult>{one, one, one});
      auto tapType = RankedTensorType::get({filters, channels}, wType.getElementType());
      Value tap = tensor::ExtractSliceOp::create(
          b, loc, tapType, taps, ArrayRef<OpFoldResult>{b.getIndexAttr(y), b.getIndexAttr(x), zero, zero},
          ArrayRef<OpFoldResult>{one, one, b.getIndexAttr(filters), b.getIndexAttr(channels)},
          ArrayRef<OpFoldResult>{one, one, one, one});
      product = buildPatchContraction(b, loc, tap, patches, product);
    }
  if (length != oh * pitch)
    product = tensor::ExtractSliceOp::create(
        b, loc, product, ArrayRef<OpFoldResult>{zero, zero, zero},
        ArrayRef<OpFoldResult>{batch, b.getIndexAttr(filters), b.getIndexAttr(oh * pitch)},
        ArrayRef<OpFoldResult>{one, one, one});
  Value rows = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get({accType.getDimSize(0), filters, oh, pitch}, accElt), product,
      ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}},
      ArrayRef<OpFoldResult>{batch, b.getIndexAttr(filters), b.getIndexAttr(oh), b.getIndexAttr(pitch)});
  Value valid = tensor::ExtractSliceOp::create(
      b, loc, rows, ArrayRef<OpFoldResult>{zero, zero, zero, zero},
      ArrayRef<OpFoldResult>{batch, b.getIndexAttr(filters), b.getIndexAttr(oh), b.getIndexAttr(ow)},
      ArrayRef<OpFoldResult>{one, one, one, one});
  SmallVector<OpFoldResult> sizes = {batch, b.getIndexAttr(filters), b.getIndexAttr(oh), b.getIndexAttr(ow)};
  return buildElementwise(b, loc, accType, ValueRange{acc, valid}, sizes,
                          [](OpBuilder &nb, Location nl, ValueRange args) {
                            return createAdd(nb, nl, args[0], args[1]);
                          });
}

/// The same convolution as a contraction the GEMM microkernels take: out[n, f, p] += w[f, q] * patches[n, q, p]
/// with q = (c, kh, kw) and p = (oh, ow), the weights shared by every image (A), the patches (B, packed at run
/// time) and the output (C) in NCHW as they are. A pointwise convolution's patches are its input; otherwise an
/// im2col copy builds them. Needs static channels, kernel and output sizes (N may be dynamic). The direct
/// loops ran a ResNet-50 bottleneck at 0.2-0.45x eager.
Value buildConv2DAsContraction(OpBuilder &b, Location loc, Value input, Value weight, Value acc,
                               ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation) {
  MLIRContext *ctx = b.getContext();
  auto inType = cast<RankedTensorType>(input.getType());
  auto wType = cast<RankedTensorType>(weight.getType());
  auto accType = cast<RankedTensorType>(acc.getType());
  int64_t channels = wType.getDimSize(1), kh = wType.getDimSize(2), kw = wType.getDimSize(3);
  int64_t oh = accType.getDimSize(2), ow = accType.getDimSize(3);
  SmallVector<ReassociationIndices> spatial = {{0}, {1}, {2, 3}};
  Value patches;
  if (kh == 1 && kw == 1 && stride[0] == 1 && stride[1] == 1 && inType.getDimSize(2) == oh &&
      inType.getDimSize(3) == ow) {
    patches = tensor::CollapseShapeOp::create(b, loc, input, spatial);
  } else {
    AffineExpr n, c, i, j, y, x;
    bindDims(ctx, n, c, i, j, y, x);
    auto inputMap = AffineMap::get(6, 0, {n, c, y * stride[0] + i * dilation[0], x * stride[1] + j * dilation[1]},
                                   ctx);
    SmallVector<OpFoldResult> sizes = {getDimSize(b, loc, input, 0), b.getIndexAttr(channels), b.getIndexAttr(kh),
                                       b.getIndexAttr(kw), b.getIndexAttr(oh), b.getIndexAttr(ow)};
    Value empty = tensor::EmptyOp::create(b, loc, sizes, inType.getElementType());
    Value im2col =
        linalg::GenericOp::create(b, loc, empty.getType(), ValueRange{input}, ValueRange{empty},
                                  ArrayRef<AffineMap>{inputMap, AffineMap::getMultiDimIdentityMap(6, ctx)},
                                  SmallVector<utils::IteratorType>(6, utils::IteratorType::parallel),
                                  [](OpBuilder &nb, Location nl, ValueRange args) {
                                    linalg::YieldOp::create(nb, nl, args[0]);
                                  })
            .getResult(0);
    patches = tensor::CollapseShapeOp::create(b, loc, im2col, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}, {4, 5}});
  }
  Value filters = tensor::CollapseShapeOp::create(b, loc, weight, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  Value acc3 = tensor::CollapseShapeOp::create(b, loc, acc, spatial);
  Value product = buildPatchContraction(b, loc, filters, patches, acc3);
  SmallVector<OpFoldResult> outSizes = {getDimSize(b, loc, acc, 0), b.getIndexAttr(accType.getDimSize(1)),
                                        b.getIndexAttr(oh), b.getIndexAttr(ow)};
  return tensor::ExpandShapeOp::create(b, loc, accType, product, spatial, outSizes);
}

/// Collapses/expands adjacent dims: `groups` are the reassociation of the larger-rank side.
Value expand(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> shape, ArrayRef<OpFoldResult> sizes,
             ArrayRef<ReassociationIndices> groups) {
  auto type = cast<RankedTensorType>(input.getType());
  return tensor::ExpandShapeOp::create(b, loc, type.clone(shape), input, groups, sizes);
}

struct ConvertConvolution : OpConversionPattern<aten::ConvolutionOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(aten::ConvolutionOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput(), weight = adaptor.getWeight(), bias = adaptor.getBias();
    auto weightType = cast<RankedTensorType>(weight.getType());
    Type elementType = resultType.getElementType();
    Type accType = getComputeType(elementType);
    int64_t groups = op.getGroups();
    SmallVector<int64_t, 2> stride = expandPair(op.getStride()), padding = expandPair(op.getPadding()),
                            dilation = expandPair(op.getDilation());

    // Unbatched [C, H, W] runs as a batch of one.
    bool unbatched = cast<RankedTensorType>(input.getType()).getRank() == 3;
    if (unbatched)
      input = insertUnitDims(rewriter, loc, input, {0});
    Value unpadded = input;
    input = padSpatial(rewriter, loc, input, padding);
    auto inputType = cast<RankedTensorType>(input.getType());

    // Accumulator shape [N, F, outH, outW]: static dims from the result type, else computed.
    SmallVector<int64_t> resultShape4(resultType.getShape());
    if (unbatched)
      resultShape4.insert(resultShape4.begin(), 1);
    SmallVector<OpFoldResult> sizes = {getDimSize(rewriter, loc, input, 0),
                                       getDimSize(rewriter, loc, weight, 0)};
    SmallVector<int64_t> accShape = {inputType.getDimSize(0), weightType.getDimSize(0)};
    for (int64_t i = 0; i < 2; ++i) {
      OpFoldResult size = convOutputSize(rewriter, loc, getDimSize(rewriter, loc, input, 2 + i),
                                         getDimSize(rewriter, loc, weight, 2 + i), stride[i], dilation[i]);
      sizes.push_back(size);
      std::optional<int64_t> c = getConstantIntValue(size);
      accShape.push_back(c ? *c : ShapedType::kDynamic);
    }
    for (int64_t i = 0; i < 4; ++i)
      if (ShapedType::isDynamic(accShape[i]) && !ShapedType::isDynamic(resultShape4[i])) {
        accShape[i] = resultShape4[i];
        sizes[i] = rewriter.getIndexAttr(resultShape4[i]);
      }
    auto accTensorType = RankedTensorType::get(accShape, accType);

    Value acc;
    if (bias) {
      // bias [F] -> [F, 1, 1], broadcast over N, outH, outW.
      Value bias3 = insertUnitDims(rewriter, loc, bias, {1, 2});
      acc = buildElementwise(rewriter, loc, accTensorType, bias3, sizes,
                             [&](OpBuilder &b, Location l, ValueRange args) {
                               return castScalar(b, l, args[0], accType);
                             });
    } else {
      acc = createFilled(rewriter, loc, accTensorType, sizes, numberConstant(rewriter, loc, 0, accType));
    }

    auto strides = rewriter.getI64TensorAttr(stride);
    auto dilations = rewriter.getI64TensorAttr(dilation);
    int64_t channels = inputType.getDimSize(1), filters = weightType.getDimSize(0);
    Value result;
    bool gemmShapes = weightType.hasStaticShape() && !ShapedType::isDynamic(accShape[1]) &&
                      !ShapedType::isDynamic(accShape[2]) && !ShapedType::isDynamic(accShape[3]) &&
                      (elementType.isF32() || elementType.isBF16());
    std::optional<int64_t> windowLength;
    // Strided convolutions take the taps (on phase planes) only with enough channels for each tap's
    // contraction (K = C) to pay: the 3-channel ResNet stem keeps its gather into panels.
    bool strided = stride[0] != 1 || stride[1] != 1;
    if (groups == 1 && gemmShapes && weightType.getDimSize(2) * weightType.getDimSize(3) > 1 &&
        (!strided || channels >= 16) && !ShapedType::isDynamic(inputType.getDimSize(2)) &&
        !ShapedType::isDynamic(inputType.getDimSize(3)))
      windowLength = tapWindowLength(llvm::divideCeil(inputType.getDimSize(3), stride[1]), accShape[3], accShape[2]);
    if (windowLength) {
      result = buildConv2DAsTapContractions(rewriter, loc, unpadded, weight, acc, padding, stride, dilation,
                                            *windowLength);
      if (input != unpadded && input.use_empty()) // the taps pad with extra zero rows of their own
        rewriter.eraseOp(input.getDefiningOp());
    } else if (groups == 1 && gemmShapes) {
      result = buildConv2DAsContraction(rewriter, loc, input, weight, acc, stride, dilation);
    } else if (groups == 1) {
      result = buildConv2D(rewriter, loc, input, weight, acc, stride, dilation);
    } else if (channels == groups && filters == groups) {
      // Depthwise with channel multiplier 1: weight [C, 1, kH, kW] -> [C, kH, kW].
      Value filter = tensor::CollapseShapeOp::create(rewriter, loc, weight,
                                                     ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});
      result = linalg::DepthwiseConv2DNchwChwOp::create(rewriter, loc, TypeRange{accTensorType},
                                                        ValueRange{input, filter}, ValueRange{acc}, strides,
                                                        dilations)
                   .getResult(0);
    } else {
      // Split channels and filters into (groups, per-group) dims.
      auto perGroup = [&](int64_t size) { return ShapedType::isDynamic(size) ? size : size / groups; };
      OpFoldResult g = rewriter.getIndexAttr(groups);
      OpFoldResult channelsPerGroup = divIndex(rewriter, loc, getDimSize(rewriter, loc, input, 1), g);
      OpFoldResult filtersPerGroup = divIndex(rewriter, loc, sizes[1], g);
      Value input5 = expand(rewriter, loc, input,
                            {inputType.getDimSize(0), groups, perGroup(channels), inputType.getDimSize(2),
                             inputType.getDimSize(3)},
                            {sizes[0], g, channelsPerGroup, getDimSize(rewriter, loc, input, 2),
                             getDimSize(rewriter, loc, input, 3)},
                            {{0}, {1, 2}, {3}, {4}});
      Value weight5 = expand(rewriter, loc, weight,
                             {groups, perGroup(filters), weightType.getDimSize(1), weightType.getDimSize(2),
                              weightType.getDimSize(3)},
                             {g, filtersPerGroup, getDimSize(rewriter, loc, weight, 1),
                              getDimSize(rewriter, loc, weight, 2), getDimSize(rewriter, loc, weight, 3)},
                             {{0, 1}, {2}, {3}, {4}});
      SmallVector<ReassociationIndices> outGroups = {{0}, {1, 2}, {3}, {4}};
      Value acc5 = expand(rewriter, loc, acc,
                          {accShape[0], groups, perGroup(accShape[1]), accShape[2], accShape[3]},
                          {sizes[0], g, filtersPerGroup, sizes[2], sizes[3]}, outGroups);
      Value conv = linalg::Conv2DNgchwGfchwOp::create(rewriter, loc, TypeRange{acc5.getType()},
                                                      ValueRange{input5, weight5}, ValueRange{acc5}, strides,
                                                      dilations)
                       .getResult(0);
      result = tensor::CollapseShapeOp::create(rewriter, loc, conv, outGroups);
    }

    result = castTensor(rewriter, loc, result, elementType);
    if (unbatched)
      result = tensor::CollapseShapeOp::create(rewriter, loc, result,
                                               ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});
    if (result.getType() != resultType)
      result = tensor::CastOp::create(rewriter, loc, resultType, result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateConvolutionPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvertConvolution>(patterns.getContext());
}
} // namespace mlir::inductor
