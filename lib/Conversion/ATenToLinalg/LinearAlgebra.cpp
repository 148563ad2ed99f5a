// mm, bmm, addmm, linear, matmul -> contractions (buildMatmul). Leading dims of activations are folded
// into M so a [B, S, K] x [K, N] product is one [B*S, K] x [K, N] GEMM. bf16/f16 accumulate in f32.
#include "Utils.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

Type accumulatorType(Type dtype) { return getComputeType(dtype); }

/// [d0, ..., dn-2, K] x [K, N] (or [N, K] with transposeB) -> [d0, ..., dn-2, N] as one 2-D GEMM.
Value foldedMatmul(OpBuilder &b, Location loc, Value lhs, Value rhs, bool transposeB, Type dtype) {
  auto lt = cast<RankedTensorType>(lhs.getType());
  int64_t rank = lt.getRank();
  Value lhs2d = lhs;
  if (rank == 1)
    lhs2d = insertUnitDims(b, loc, lhs, {0});
  else if (rank > 2)
    lhs2d = collapseLeadingDims(b, loc, lhs);
  Value product = buildMatmul(b, loc, lhs2d, rhs, transposeB, accumulatorType(dtype), dtype);
  auto pt = cast<RankedTensorType>(product.getType());
  if (rank == 2)
    return product;
  if (rank == 1)
    return tensor::CollapseShapeOp::create(b, loc, product, ArrayRef<ReassociationIndices>{{0, 1}});
  // Expand [M, N] back to [d0, ..., dn-2, N].
  SmallVector<int64_t> shape(lt.getShape().drop_back());
  shape.push_back(pt.getDimSize(1));
  SmallVector<OpFoldResult> sizes;
  for (int64_t i = 0; i < rank - 1; ++i)
    sizes.push_back(getDimSize(b, loc, lhs, i));
  sizes.push_back(getDimSize(b, loc, product, 1));
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank - 1; ++i)
    leading.push_back(i);
  auto type = RankedTensorType::get(shape, dtype);
  if (llvm::count_if(lt.getShape().drop_back(), ShapedType::isDynamic) > 1)
    return buildReshape(b, loc, product, type, sizes);
  return tensor::ExpandShapeOp::create(b, loc, type, product, ArrayRef<ReassociationIndices>{leading, {rank - 1}},
                                       sizes);
}

/// mm and bmm: one contraction, batched or not.
template <typename OpTy>
struct MatrixProductPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Type dtype = cast<RankedTensorType>(op.getType()).getElementType();
    replaceOpWithCast(rewriter, op, buildMatmul(rewriter, op.getLoc(), adaptor.getSelf(), adaptor.getMat2(), false,
                                                accumulatorType(dtype), dtype));
    return success();
  }
};

struct AddmmPattern : OpConversionPattern<AddmmOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(AddmmOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type dtype = resultType.getElementType(), acc = accumulatorType(dtype);
    Value product = buildMatmul(rewriter, loc, adaptor.getMat1(), adaptor.getMat2(), false, acc, acc);
    TypedAttr alpha = op.getAlpha(), beta = op.getBeta();
    // beta * self + alpha * (mat1 @ mat2); with beta == 0 self is ignored (nan/inf in it do not propagate).
    bool useSelf = scalarAsDouble(beta) != 0.0;
    SmallVector<Value> inputs = {product};
    if (useSelf)
      inputs.push_back(adaptor.getSelf());
    Value result = buildElementwise(rewriter, loc, resultType, inputs, [&](OpBuilder &b, Location l, ValueRange a) -> Value {
      Value y = a[0];
      if (scalarAsDouble(alpha) != 1.0)
        y = createMul(b, l, y, scalarConstant(b, l, alpha, acc));
      if (useSelf) {
        Value s = castScalar(b, l, a[1], acc);
        if (scalarAsDouble(beta) != 1.0)
          s = createMul(b, l, s, scalarConstant(b, l, beta, acc));
        y = createAdd(b, l, y, s);
      }
      return castScalar(b, l, y, dtype);
    });
    replaceOpWithCast(rewriter, op, result);
    return success();
  }
};

struct LinearPattern : OpConversionPattern<LinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LinearOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type dtype = resultType.getElementType(), acc = accumulatorType(dtype);
    Value bias = adaptor.getBias();
    // Keep the product in the accumulator type so the bias is added before rounding to bf16.
    Value product = foldedMatmul(rewriter, loc, adaptor.getInput(), adaptor.getWeight(), /*transposeB=*/true,
                                 bias ? acc : dtype);
    if (bias) {
      auto pt = cast<RankedTensorType>(product.getType());
      product = buildElementwise(rewriter, loc, pt.clone(dtype), ValueRange{product, bias},
                                 [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                   Value y = castScalar(b, l, a[0], acc), c = castScalar(b, l, a[1], acc);
                                   return castScalar(b, l, createAdd(b, l, y, c), dtype);
                                 });
    }
    replaceOpWithCast(rewriter, op, product);
    return success();
  }
};

/// torch.matmul's rank rules: dot, mv, vm, mm, and broadcast batched products.
struct MatmulPattern : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(MatmulOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = adaptor.getSelf(), b = adaptor.getOther();
    auto at = cast<RankedTensorType>(a.getType()), bt = cast<RankedTensorType>(b.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type dtype = resultType.getElementType(), acc = accumulatorType(dtype);
    int64_t ra = at.getRank(), rb = bt.getRank();

    if (rb <= 2 && ra >= 1) {
      // [..., K] x [K, N] folds into one GEMM; [..., K] x [K] is the same with N = 1 dropped afterwards.
      Value rhs = rb == 1 ? insertUnitDims(rewriter, loc, b, {1}) : b;
      Value product = foldedMatmul(rewriter, loc, a, rhs, false, dtype);
      if (rb == 1) {
        auto pt = cast<RankedTensorType>(product.getType());
        int64_t r = pt.getRank();
        SmallVector<ReassociationIndices> groups;
        for (int64_t i = 0; i + 2 < r; ++i)
          groups.push_back({i});
        if (r >= 2)
          groups.push_back({r - 2, r - 1});
        product = r == 1 ? Value(tensor::CollapseShapeOp::create(rewriter, loc, product, ArrayRef<ReassociationIndices>{}))
                         : Value(tensor::CollapseShapeOp::create(rewriter, loc, product, groups));
      }
      replaceOpWithCast(rewriter, op, product);
      return success();
    }
    // Batched: promote vectors to matrices, align batch ranks with leading 1s, broadcast size-1 batch dims.
    Value lhs = ra == 1 ? insertUnitDims(rewriter, loc, a, {0}) : a;
    Value rhs = rb == 1 ? insertUnitDims(rewriter, loc, b, {1}) : b;
    int64_t lr = cast<RankedTensorType>(lhs.getType()).getRank(), rr = cast<RankedTensorType>(rhs.getType()).getRank();
    auto leadingOnes = [&](Value v, int64_t n) {
      SmallVector<int64_t> dims;
      for (int64_t i = 0; i < n; ++i)
        dims.push_back(i);
      return insertUnitDims(rewriter, loc, v, dims);
    };
    if (lr < rr)
      lhs = leadingOnes(lhs, rr - lr);
    else if (rr < lr)
      rhs = leadingOnes(rhs, lr - rr);
    Value product = buildMatmul(rewriter, loc, lhs, rhs, false, acc, dtype);
    // Drop the unit dims that stood for vectors.
    auto pt = cast<RankedTensorType>(product.getType());
    if (ra == 1 || rb == 1) {
      SmallVector<OpFoldResult> sizes;
      SmallVector<int64_t> shape;
      for (int64_t i = 0; i < pt.getRank(); ++i) {
        bool drop = (ra == 1 && i == pt.getRank() - 2) || (rb == 1 && i == pt.getRank() - 1);
        if (drop)
          continue;
        shape.push_back(pt.getDimSize(i));
        sizes.push_back(getDimSize(rewriter, loc, product, i));
      }
      product = buildReshape(rewriter, loc, product, RankedTensorType::get(shape, dtype), sizes);
    }
    replaceOpWithCast(rewriter, op, product);
    return success();
  }
};

} // namespace

void populateLinearAlgebraPatterns(RewritePatternSet &patterns) {
  patterns.add<MatrixProductPattern<MmOp>, MatrixProductPattern<BmmOp>, AddmmPattern, LinearPattern, MatmulPattern>(patterns.getContext());
}

} // namespace mlir::inductor
