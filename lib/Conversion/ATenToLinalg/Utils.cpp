#include "Utils.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

#include <cmath>

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {

Type getComputeType(Type elementType) {
  if (elementType.isBF16() || elementType.isF16())
    return Float32Type::get(elementType.getContext());
  return elementType;
}

Value castScalar(OpBuilder &b, Location loc, Value v, Type to) {
  Type from = v.getType();
  if (from == to)
    return v;
  if (isFloat(from) && isFloat(to)) {
    unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
    if (fw == tw) // bf16 <-> f16 go through f32
      return castScalar(b, loc, castScalar(b, loc, v, b.getF32Type()), to);
    if (fw < tw)
      return arith::ExtFOp::create(b, loc, to, v);
    return arith::TruncFOp::create(b, loc, to, v);
  }
  if (isFloat(to))
    return isBool(from) ? Value(arith::UIToFPOp::create(b, loc, to, v))
                        : Value(arith::SIToFPOp::create(b, loc, to, v));
  if (isBool(to)) {
    if (isFloat(from))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, v,
                                   numberConstant(b, loc, 0.0, from));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, v, numberConstant(b, loc, 0, from));
  }
  if (isFloat(from))
    return arith::FPToSIOp::create(b, loc, to, v);
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (isBool(from))
    return arith::ExtUIOp::create(b, loc, to, v);
  if (fw < tw)
    return arith::ExtSIOp::create(b, loc, to, v);
  return arith::TruncIOp::create(b, loc, to, v);
}

Value numberConstant(OpBuilder &b, Location loc, double value, Type t) {
  if (auto ft = dyn_cast<FloatType>(t))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(ft, value));
  if (t.isIndex())
    return arith::ConstantIndexOp::create(b, loc, (int64_t)value);
  if (isBool(t))
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(t, value != 0 ? 1 : 0));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(t, (int64_t)value));
}

Value scalarConstant(OpBuilder &b, Location loc, TypedAttr scalar, Type t) {
  if (auto i = dyn_cast<IntegerAttr>(scalar); i && !isFloat(t) && !i.getType().isSignlessInteger(1))
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(t, i.getValue().getSExtValue()));
  return numberConstant(b, loc, scalarAsDouble(scalar), t);
}

Value lowestValue(OpBuilder &b, Location loc, Type t) {
  if (auto ft = dyn_cast<FloatType>(t))
    return arith::ConstantOp::create(b, loc,
                                     b.getFloatAttr(ft, APFloat::getInf(ft.getFloatSemantics(), true)));
  if (isBool(t))
    return numberConstant(b, loc, 0, t);
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(t, APInt::getSignedMinValue(t.getIntOrFloatBitWidth())));
}

Value castToType(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type)
    return v;
  return tensor::CastOp::create(b, loc, type, v);
}

void replaceOpWithCast(ConversionPatternRewriter &rewriter, Operation *op, Value v) {
  rewriter.replaceOp(op, castToType(rewriter, op->getLoc(), v, op->getResult(0).getType()));
}

Value createAdd(OpBuilder &b, Location loc, Value x, Value y) {
  Type t = x.getType();
  if (isFloat(t))
    return arith::AddFOp::create(b, loc, x, y);
  if (isBool(t))
    return arith::OrIOp::create(b, loc, x, y);
  return arith::AddIOp::create(b, loc, x, y);
}

Value createSub(OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x.getType()) ? Value(arith::SubFOp::create(b, loc, x, y))
                              : Value(arith::SubIOp::create(b, loc, x, y));
}

Value createMul(OpBuilder &b, Location loc, Value x, Value y) {
  Type t = x.getType();
  if (isFloat(t))
    return arith::MulFOp::create(b, loc, x, y);
  if (isBool(t))
    return arith::AndIOp::create(b, loc, x, y);
  return arith::MulIOp::create(b, loc, x, y);
}

Value createMax(OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x.getType()) ? Value(arith::MaximumFOp::create(b, loc, x, y))
                              : Value(arith::MaxSIOp::create(b, loc, x, y));
}

Value createMin(OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x.getType()) ? Value(arith::MinimumFOp::create(b, loc, x, y))
                              : Value(arith::MinSIOp::create(b, loc, x, y));
}

OpFoldResult getDimSize(OpBuilder &b, Location loc, Value tensor, int64_t dim) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(dim))
    return b.getIndexAttr(type.getDimSize(dim));
  return tensor::DimOp::create(b, loc, tensor, dim).getResult();
}

SmallVector<OpFoldResult> getDimSizes(OpBuilder &b, Location loc, Value tensor) {
  SmallVector<OpFoldResult> sizes;
  for (int64_t i = 0, e = cast<RankedTensorType>(tensor.getType()).getRank(); i < e; ++i)
    sizes.push_back(getDimSize(b, loc, tensor, i));
  return sizes;
}

Value getDimSizeValue(OpBuilder &b, Location loc, Value tensor, int64_t dim) {
  return getValueOrCreateConstantIndexOp(b, loc, getDimSize(b, loc, tensor, dim));
}

Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type, ArrayRef<OpFoldResult> sizes) {
  SmallVector<Value> dynamic;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      dynamic.push_back(getValueOrCreateConstantIndexOp(b, loc, sizes[i]));
  return tensor::EmptyOp::create(b, loc, type, dynamic);
}

Value createFilled(OpBuilder &b, Location loc, RankedTensorType type, ArrayRef<OpFoldResult> sizes,
                   Value fill) {
  Value empty = createEmpty(b, loc, type, sizes);
  return linalg::FillOp::create(b, loc, fill, empty).getResult(0);
}

void assertEqualSizes(OpBuilder &b, Location loc, OpFoldResult lhs, OpFoldResult rhs, StringRef message) {
  std::optional<int64_t> l = getConstantIntValue(lhs), r = getConstantIntValue(rhs);
  if (l && r && *l == *r)
    return;
  Value eq = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                   getValueOrCreateConstantIndexOp(b, loc, lhs),
                                   getValueOrCreateConstantIndexOp(b, loc, rhs));
  cf::AssertOp::create(b, loc, eq, message);
}

SmallVector<OpFoldResult> broadcastSizes(OpBuilder &b, Location loc, RankedTensorType resultType,
                                         ValueRange inputs) {
  int64_t rank = resultType.getRank();
  SmallVector<OpFoldResult> sizes;
  for (int64_t i = 0; i < rank; ++i) {
    if (!resultType.isDynamicDim(i)) {
      sizes.push_back(b.getIndexAttr(resultType.getDimSize(i)));
      continue;
    }
    OpFoldResult size;
    for (Value in : inputs) {
      auto t = cast<RankedTensorType>(in.getType());
      int64_t j = i - (rank - t.getRank());
      if (j < 0 || t.getDimSize(j) == 1)
        continue;
      OpFoldResult s = getDimSize(b, loc, in, j);
      if (!size)
        size = s;
      else
        assertEqualSizes(b, loc, size, s,
                         "inductor: broadcast of a dynamic dimension whose sizes differ at run time");
    }
    sizes.push_back(size ? size : b.getIndexAttr(1));
  }
  return sizes;
}

Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
                       ArrayRef<OpFoldResult> resultSizes, ScalarBody body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps;
  for (Value in : inputs) {
    auto t = cast<RankedTensorType>(in.getType());
    SmallVector<AffineExpr> exprs;
    for (int64_t j = 0; j < t.getRank(); ++j) {
      int64_t i = j + rank - t.getRank();
      bool broadcast = t.getDimSize(j) == 1 && resultType.getDimSize(i) != 1;
      exprs.push_back(broadcast ? b.getAffineConstantExpr(0) : b.getAffineDimExpr(i));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, b.getContext()));
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  Value init = createEmpty(b, loc, resultType, resultSizes);
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value v = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, v);
      });
  return generic.getResult(0);
}

Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
                       ScalarBody body) {
  return buildElementwise(b, loc, resultType, inputs, broadcastSizes(b, loc, resultType, inputs), body);
}

Value castTensor(OpBuilder &b, Location loc, Value input, Type to) {
  auto t = cast<RankedTensorType>(input.getType());
  if (t.getElementType() == to)
    return input;
  return buildElementwise(b, loc, t.clone(to), input,
                          [&](OpBuilder &nb, Location nl, ValueRange a) { return castScalar(nb, nl, a[0], to); });
}

Value insertUnitDims(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims) {
  auto t = cast<RankedTensorType>(input.getType());
  if (dims.empty())
    return input;
  int64_t outRank = t.getRank() + dims.size();
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> sizes;
  SmallVector<ReassociationIndices> groups;
  int64_t src = 0;
  ReassociationIndices pending;
  for (int64_t i = 0; i < outRank; ++i) {
    if (llvm::is_contained(dims, i)) {
      shape.push_back(1);
      sizes.push_back(b.getIndexAttr(1));
      pending.push_back(i);
      continue;
    }
    shape.push_back(t.getDimSize(src));
    sizes.push_back(getDimSize(b, loc, input, src));
    pending.push_back(i);
    groups.push_back(pending);
    pending.clear();
    ++src;
  }
  if (!pending.empty() && !groups.empty())
    groups.back().append(pending.begin(), pending.end());
  auto resultType = RankedTensorType::get(shape, t.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, resultType, input, groups, sizes);
}

Value buildReduction(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims, bool keepDim,
                     Type accType, ReductionKind kind) {
  auto t = cast<RankedTensorType>(input.getType());
  int64_t rank = t.getRank();
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> sizes;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < rank; ++i) {
    bool reduced = llvm::is_contained(dims, i);
    iterators.push_back(reduced ? utils::IteratorType::reduction : utils::IteratorType::parallel);
    if (reduced)
      continue;
    shape.push_back(t.getDimSize(i));
    sizes.push_back(getDimSize(b, loc, input, i));
    outExprs.push_back(b.getAffineDimExpr(i));
  }
  auto resultType = RankedTensorType::get(shape, accType);
  Value identity = kind == ReductionKind::Sum ? numberConstant(b, loc, 0, accType) : lowestValue(b, loc, accType);
  Value init = createFilled(b, loc, resultType, sizes, identity);
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank),
                                 AffineMap::get(rank, 0, outExprs, b.getContext())};
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{input}, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value x = castScalar(nb, nl, args[0], accType);
        Value acc = args[1];
        // Float sums may be reassociated (as PyTorch's vectorized kernels do): LLVM then vectorizes the
        // reduction loop with one partial sum per lane instead of adding one element at a time.
        Value r;
        if (kind == ReductionKind::Sum && isFloat(accType))
          r = arith::AddFOp::create(nb, nl, acc, x,
                                    arith::FastMathFlagsAttr::get(nb.getContext(), arith::FastMathFlags::reassoc));
        else if (kind == ReductionKind::MaxIgnoringNaN && isFloat(accType))
          r = arith::MaxNumFOp::create(nb, nl, acc, x);
        else
          r = kind == ReductionKind::Sum ? createAdd(nb, nl, acc, x) : createMax(nb, nl, acc, x);
        linalg::YieldOp::create(nb, nl, r);
      });
  Value result = generic.getResult(0);
  if (keepDim) {
    SmallVector<int64_t> sorted(dims.begin(), dims.end());
    llvm::sort(sorted);
    result = insertUnitDims(b, loc, result, sorted);
  }
  return result;
}

Value buildMatmul(OpBuilder &b, Location loc, Value lhs, Value rhs, bool transposeB, Type accType,
                  Type resultElementType) {
  auto lt = cast<RankedTensorType>(lhs.getType()), rt = cast<RankedTensorType>(rhs.getType());
  int64_t nb = lt.getRank() - 2;
  assert(rt.getRank() - 2 == nb && "batch ranks must match");
  int64_t nLoops = nb + 3;
  // Loop order (outermost first): batch..., m, then k before n when B is [K, N] so the innermost loop
  // streams rows of B and C (vectorizable without reassociation); with B as [N, K] the innermost loop is
  // the dot product over k, which LLVM vectorizes given `reassoc` on the accumulation.
  int64_t kPos = transposeB ? nb + 2 : nb + 1, nPos = transposeB ? nb + 1 : nb + 2;
  AffineExpr m = b.getAffineDimExpr(nb), n = b.getAffineDimExpr(nPos), k = b.getAffineDimExpr(kPos);
  SmallVector<AffineExpr> lhsE, rhsE, outE;
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> sizes;
  for (int64_t i = 0; i < nb; ++i) {
    int64_t ls = lt.getDimSize(i), rs = rt.getDimSize(i);
    bool lBroadcast = ls == 1 && rs != 1, rBroadcast = rs == 1 && ls != 1;
    lhsE.push_back(lBroadcast ? b.getAffineConstantExpr(0) : b.getAffineDimExpr(i));
    rhsE.push_back(rBroadcast ? b.getAffineConstantExpr(0) : b.getAffineDimExpr(i));
    outE.push_back(b.getAffineDimExpr(i));
    Value from = lBroadcast ? rhs : lhs;
    shape.push_back(lBroadcast ? rs : ls);
    sizes.push_back(getDimSize(b, loc, from, i));
    if (!lBroadcast && !rBroadcast && (ShapedType::isDynamic(ls) || ShapedType::isDynamic(rs)))
      assertEqualSizes(b, loc, getDimSize(b, loc, lhs, i), getDimSize(b, loc, rhs, i),
                       "inductor: matmul batch dimensions differ at run time");
  }
  lhsE.append({m, k});
  if (transposeB)
    rhsE.append({n, k});
  else
    rhsE.append({k, n});
  outE.append({m, n});
  shape.push_back(lt.getDimSize(nb));
  sizes.push_back(getDimSize(b, loc, lhs, nb));
  int64_t nDim = transposeB ? nb : nb + 1;
  shape.push_back(rt.getDimSize(nDim));
  sizes.push_back(getDimSize(b, loc, rhs, nDim));
  int64_t kL = lt.getDimSize(nb + 1), kR = rt.getDimSize(transposeB ? nb + 1 : nb);
  if (ShapedType::isDynamic(kL) || ShapedType::isDynamic(kR))
    assertEqualSizes(b, loc, getDimSize(b, loc, lhs, nb + 1), getDimSize(b, loc, rhs, transposeB ? nb + 1 : nb),
                     "inductor: matmul contraction sizes differ at run time");

  auto accTensor = RankedTensorType::get(shape, accType);
  Value init = createFilled(b, loc, accTensor, sizes, numberConstant(b, loc, 0, accType));
  SmallVector<AffineMap> maps = {AffineMap::get(nLoops, 0, lhsE, b.getContext()),
                                 AffineMap::get(nLoops, 0, rhsE, b.getContext()),
                                 AffineMap::get(nLoops, 0, outE, b.getContext())};
  SmallVector<utils::IteratorType> iterators(nLoops, utils::IteratorType::parallel);
  iterators[kPos] = utils::IteratorType::reduction;
  auto fastmath = arith::FastMathFlagsAttr::get(b.getContext(),
                                                arith::FastMathFlags::reassoc | arith::FastMathFlags::contract);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{accTensor}, ValueRange{lhs, rhs}, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb2, Location nl, ValueRange args) {
        Value x = castScalar(nb2, nl, args[0], accType), y = castScalar(nb2, nl, args[1], accType);
        Value r;
        if (isFloat(accType))
          r = arith::AddFOp::create(nb2, nl, args[2], arith::MulFOp::create(nb2, nl, x, y, fastmath), fastmath);
        else
          r = arith::AddIOp::create(nb2, nl, args[2], arith::MulIOp::create(nb2, nl, x, y));
        linalg::YieldOp::create(nb2, nl, r);
      });
  return castTensor(b, loc, generic.getResult(0), resultElementType);
}

Value buildReshape(OpBuilder &b, Location loc, Value input, RankedTensorType resultType,
                   ArrayRef<OpFoldResult> sizes) {
  auto srcType = cast<RankedTensorType>(input.getType());
  if (srcType.getRank() > resultType.getRank()) {
    if (auto groups = getReassociationIndicesForCollapse(srcType.getShape(), resultType.getShape())) {
      Value collapsed = tensor::CollapseShapeOp::create(b, loc, input, *groups);
      if (collapsed.getType() != resultType)
        collapsed = tensor::CastOp::create(b, loc, resultType, collapsed);
      return collapsed;
    }
  } else if (srcType.getRank() < resultType.getRank()) {
    if (auto groups = getReassociationIndicesForCollapse(resultType.getShape(), srcType.getShape())) {
      // Each group may hold at most one dynamic dim for the expansion to be well defined.
      bool ok = llvm::all_of(*groups, [&](const ReassociationIndices &g) {
        return llvm::count_if(g, [&](int64_t i) { return resultType.isDynamicDim(i); }) <= 1;
      });
      if (ok)
        return tensor::ExpandShapeOp::create(b, loc, resultType, input, *groups, sizes);
    }
  } else if (srcType.getShape() == resultType.getShape()) {
    return input;
  }
  SmallVector<Value> dims;
  for (OpFoldResult s : sizes)
    dims.push_back(getValueOrCreateConstantIndexOp(b, loc, s));
  Value shape = tensor::FromElementsOp::create(b, loc, dims);
  return tensor::ReshapeOp::create(b, loc, resultType, input, shape);
}

Value buildSoftmax(OpBuilder &b, Location loc, Value input, int64_t dim, Type resultDtype, bool logSoftmax) {
  auto t = cast<RankedTensorType>(input.getType());
  Type compute = getComputeType(resultDtype);
  // A NaN is left out of the row max, but it still makes its row's sum, and so the whole row, NaN.
  Value max = buildReduction(b, loc, input, {dim}, /*keepDim=*/true, compute, ReductionKind::MaxIgnoringNaN);
  RankedTensorType computeType = t.clone(compute);
  // Shifting by the row max keeps exp() in range; a row of -inf stays NaN as in PyTorch.
  Value shifted = buildElementwise(b, loc, computeType, ValueRange{input, max},
                                   [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                                     Value x = castScalar(nb, nl, a[0], compute);
                                     return arith::SubFOp::create(nb, nl, x, a[1]);
                                   });
  // Approximate functions allowed (a few f32 ulps, docs/pipeline.md): the error is largest far below the
  // row max, where the terms hardly count in the sum.
  Value exps = buildElementwise(b, loc, computeType, shifted, [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
    return math::ExpOp::create(nb, nl, a[0], arith::FastMathFlags::afn);
  });
  Value sum = buildReduction(b, loc, exps, {dim}, true, compute, ReductionKind::Sum);
  RankedTensorType resultType = t.clone(resultDtype);
  if (logSoftmax)
    return buildElementwise(b, loc, resultType, ValueRange{shifted, sum},
                            [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                              Value r = arith::SubFOp::create(nb, nl, a[0], math::LogOp::create(nb, nl, a[1]));
                              return castScalar(nb, nl, r, resultDtype);
                            });
  // One reciprocal per row, then a product per element, as ATen's own kernel computes it: a vector divide
  // per 16 elements made the normalization the costliest step of the softmax.
  Value inverse = buildElementwise(b, loc, cast<RankedTensorType>(sum.getType()), sum,
                                   [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                                     return arith::DivFOp::create(nb, nl, numberConstant(nb, nl, 1, compute), a[0]);
                                   });
  return buildElementwise(b, loc, resultType, ValueRange{exps, inverse},
                          [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                            return castScalar(nb, nl, arith::MulFOp::create(nb, nl, a[0], a[1]), resultDtype);
                          });
}

Value collapseLeadingDims(OpBuilder &b, Location loc, Value input) {
  auto t = cast<RankedTensorType>(input.getType());
  int64_t rank = t.getRank();
  if (rank == 2)
    return input;
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank - 1; ++i)
    leading.push_back(i);
  return tensor::CollapseShapeOp::create(b, loc, input, ArrayRef<ReassociationIndices>{leading, {rank - 1}});
}

} // namespace mlir::inductor
