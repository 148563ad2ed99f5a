// Lowering of the shape and data-movement ops: reshapes to tensor.collapse_shape / expand_shape (or
// tensor.reshape when no provably correct reassociation exists), permutations to linalg.transpose, slices to
// tensor.extract_slice, cat to tensor.concat, gathers and triangles to linalg.generic.
#include "Utils.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

#include <limits>

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

RankedTensorType tensorType(Value v) { return cast<RankedTensorType>(v.getType()); }

Value indexConstant(OpBuilder &b, Location loc, int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }

Value toValue(OpBuilder &b, Location loc, OpFoldResult ofr) {
  return getValueOrCreateConstantIndexOp(b, loc, ofr);
}

/// The shape of `sizes`: static where the size is a constant, dynamic otherwise.
SmallVector<int64_t> shapeOf(ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  for (OpFoldResult s : sizes)
    shape.push_back(getConstantIntValue(s).value_or(ShapedType::kDynamic));
  return shape;
}

/// Product of `sizes`: a constant when all are static, else the dynamic sizes times the static product.
OpFoldResult productOf(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes) {
  int64_t staticProduct = 1;
  Value product;
  for (OpFoldResult s : sizes) {
    if (std::optional<int64_t> c = getConstantIntValue(s)) {
      staticProduct *= *c;
      continue;
    }
    Value v = toValue(b, loc, s);
    product = product ? arith::MulIOp::create(b, loc, product, v).getResult() : v;
  }
  if (!product)
    return b.getIndexAttr(staticProduct);
  if (staticProduct != 1)
    product = arith::MulIOp::create(b, loc, product, indexConstant(b, loc, staticProduct));
  return product;
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

/// Groups the dims of `big` under the dims of `small` (rank(big) >= rank(small)) so that every group
/// provably multiplies to its `small` size: static groups multiply exactly, and the single dynamic `small`
/// dim (the inferred -1 of a view) takes the remaining dims, which must hold every dynamic `big` dim.
/// Returns std::nullopt when no such grouping exists (the caller then uses tensor.reshape).
std::optional<SmallVector<ReassociationIndices>> groupDims(ArrayRef<int64_t> big, ArrayRef<int64_t> small) {
  int64_t nBig = big.size(), nSmall = small.size();
  if (nSmall == 0) {
    if (llvm::all_of(big, [](int64_t d) { return d == 1; }))
      return SmallVector<ReassociationIndices>{};
    return std::nullopt;
  }
  if (llvm::count_if(small, ShapedType::isDynamic) > 1)
    return std::nullopt;
  // Fully static: the upstream utility handles unit dims best.
  if (llvm::none_of(big, ShapedType::isDynamic) && llvm::none_of(small, ShapedType::isDynamic)) {
    if (nBig == nSmall) {
      if (big != small)
        return std::nullopt;
      SmallVector<ReassociationIndices> groups;
      for (int64_t i = 0; i < nBig; ++i)
        groups.push_back({i});
      return groups;
    }
    return getReassociationIndicesForCollapse(big, small);
  }
  auto dynIt = llvm::find_if(small, ShapedType::isDynamic);
  if (dynIt == small.end())
    return std::nullopt; // dynamic big dims cannot provably form a static size
  int64_t dynDim = dynIt - small.begin();
  SmallVector<ReassociationIndices> groups(nSmall);
  // Greedily takes static big dims (from the front or the back) until they multiply to `target`.
  auto take = [&](int64_t target, int64_t &pos, int64_t stepDir, int64_t limit, ReassociationIndices &g) {
    int64_t product = 1;
    do {
      if (pos == limit || ShapedType::isDynamic(big[pos]))
        return false;
      product *= big[pos];
      g.push_back(pos);
      pos += stepDir;
    } while (product != target);
    return true;
  };
  int64_t lo = 0, hi = nBig - 1;
  for (int64_t j = 0; j < dynDim; ++j)
    if (!take(small[j], lo, 1, nBig, groups[j]))
      return std::nullopt;
  for (int64_t j = nSmall - 1; j > dynDim; --j) {
    if (!take(small[j], hi, -1, lo - 1, groups[j]))
      return std::nullopt;
    std::reverse(groups[j].begin(), groups[j].end());
  }
  // The dynamic group needs a dynamic big dim: an all-static group cannot pair with a dynamic size.
  if (lo > hi || llvm::none_of(big.slice(lo, hi - lo + 1), ShapedType::isDynamic))
    return std::nullopt;
  for (int64_t i = lo; i <= hi; ++i)
    groups[dynDim].push_back(i);
  return groups;
}

/// Reshapes `input` to `sizes` (one per result dim, row-major order preserved), through a collapse or an
/// expand when a provably correct reassociation exists and tensor.reshape otherwise.
Value reshapeTo(OpBuilder &b, Location loc, Value input, ArrayRef<OpFoldResult> sizes) {
  auto srcType = tensorType(input);
  SmallVector<int64_t> shape = shapeOf(sizes);
  auto dstType = RankedTensorType::get(shape, srcType.getElementType());
  if (srcType.getRank() >= dstType.getRank()) {
    if (auto groups = groupDims(srcType.getShape(), shape)) {
      if (srcType.getRank() == dstType.getRank())
        return input;
      return tensor::CollapseShapeOp::create(b, loc, dstType, input, *groups);
    }
  } else if (auto groups = groupDims(shape, srcType.getShape())) {
    return tensor::ExpandShapeOp::create(b, loc, dstType, input, *groups, sizes);
  }
  SmallVector<Value> dims;
  for (OpFoldResult s : sizes)
    dims.push_back(toValue(b, loc, s));
  Value shapeTensor;
  if (dims.empty())
    shapeTensor = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{0}, b.getIndexType());
  else
    shapeTensor = tensor::FromElementsOp::create(b, loc, dims);
  return tensor::ReshapeOp::create(b, loc, dstType, input, shapeTensor);
}

/// view / reshape: -1 is numel / (product of the other sizes), computed at run time for dynamic inputs,
/// where the element count is also asserted (PyTorch raises "shape is invalid for input of size").
template <typename OpTy>
struct ViewLikeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;

  static ArrayRef<int64_t> requestedSizes(OpTy op) {
    if constexpr (std::is_same_v<OpTy, ReshapeOp>)
      return op.getShape();
    else
      return op.getSize();
  }

  LogicalResult matchAndRewrite(OpTy op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    auto srcType = tensorType(input);
    ArrayRef<int64_t> requested = requestedSizes(op);
    OpFoldResult numel = productOf(rewriter, loc, getDimSizes(rewriter, loc, input));
    int64_t others = 1;
    for (int64_t s : requested)
      if (s != -1)
        others *= s;
    SmallVector<OpFoldResult> sizes;
    for (int64_t s : requested) {
      if (s != -1) {
        sizes.push_back(rewriter.getIndexAttr(s));
      } else if (std::optional<int64_t> n = getConstantIntValue(numel)) {
        sizes.push_back(rewriter.getIndexAttr(*n / others));
      } else {
        sizes.push_back(
            arith::DivUIOp::create(rewriter, loc, toValue(rewriter, loc, numel), indexConstant(rewriter, loc, others))
                .getResult());
      }
    }
    if (!srcType.hasStaticShape())
      assertEqualSizes(rewriter, loc, numel, productOf(rewriter, loc, sizes),
                       "inductor: view/reshape size is not compatible with the number of elements");
    Value result = reshapeTo(rewriter, loc, input, sizes);
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

struct FlattenLowering : OpConversionPattern<FlattenUsingIntsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(FlattenUsingIntsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    auto srcType = tensorType(input);
    int64_t rank = srcType.getRank();
    Value result;
    if (rank == 0) {
      auto type = RankedTensorType::get({1}, srcType.getElementType());
      result = tensor::ExpandShapeOp::create(rewriter, loc, type, input, ArrayRef<ReassociationIndices>{},
                                             ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
    } else {
      int64_t start = *normalizeDim(op.getStartDim(), rank), end = *normalizeDim(op.getEndDim(), rank);
      SmallVector<ReassociationIndices> groups;
      for (int64_t i = 0; i < rank; ++i) {
        if (i <= start || i > end)
          groups.push_back({i});
        else
          groups.back().push_back(i);
      }
      result = start == end ? input : tensor::CollapseShapeOp::create(rewriter, loc, input, groups).getResult();
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// The reassociation between rank `rank` and rank `rank - 1` that drops the unit dim `dim` (merged into its
/// neighbour's group).
SmallVector<ReassociationIndices> unitDimGroups(int64_t rank, int64_t dim) {
  SmallVector<ReassociationIndices> groups;
  if (rank == 1)
    return groups;
  for (int64_t i = 0; i < rank; ++i) {
    if (i == dim && i != 0)
      groups.back().push_back(i);
    else if (i == 1 && dim == 0)
      groups.back().push_back(i);
    else
      groups.push_back({i});
  }
  return groups;
}

struct UnsqueezeLowering : OpConversionPattern<UnsqueezeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(UnsqueezeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    auto srcType = tensorType(input);
    int64_t dim = *normalizeDim(op.getDim(), srcType.getRank() + 1);
    SmallVector<OpFoldResult> sizes = getDimSizes(rewriter, loc, input);
    sizes.insert(sizes.begin() + dim, rewriter.getIndexAttr(1));
    SmallVector<int64_t> shape(srcType.getShape());
    shape.insert(shape.begin() + dim, 1);
    auto type = RankedTensorType::get(shape, srcType.getElementType());
    Value result = tensor::ExpandShapeOp::create(rewriter, loc, type, input,
                                                 unitDimGroups(srcType.getRank() + 1, dim), sizes);
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// squeeze.dim: the verifier fixed whether the dim is removed; for a dynamic dim the runtime size is asserted
/// to match that decision.
struct SqueezeDimLowering : OpConversionPattern<SqueezeDimOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SqueezeDimOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    auto srcType = tensorType(input);
    int64_t rank = srcType.getRank();
    if (rank == 0) {
      rewriter.replaceOp(op, castToType(rewriter, loc, input, op.getType()));
      return success();
    }
    int64_t dim = *normalizeDim(op.getDim(), rank);
    bool removes = op.getType().getRank() == rank - 1;
    if (srcType.isDynamicDim(dim)) {
      Value size = getDimSizeValue(rewriter, loc, input, dim);
      Value one = indexConstant(rewriter, loc, 1);
      auto pred = removes ? arith::CmpIPredicate::eq : arith::CmpIPredicate::ne;
      Value ok = arith::CmpIOp::create(rewriter, loc, pred, size, one);
      cf::AssertOp::create(rewriter, loc, ok,
                           removes ? "inductor: squeeze compiled to remove a dynamic dim that is not 1 at run time"
                                   : "inductor: squeeze compiled to keep a dynamic dim that is 1 at run time");
    }
    Value result = input;
    if (removes) {
      SmallVector<int64_t> shape(srcType.getShape());
      shape.erase(shape.begin() + dim);
      auto type = RankedTensorType::get(shape, srcType.getElementType());
      // The removed dim is known to be 1: collapse it as a static unit dim.
      if (srcType.isDynamicDim(dim)) {
        SmallVector<int64_t> unitShape(srcType.getShape());
        unitShape[dim] = 1;
        input = tensor::CastOp::create(rewriter, loc, srcType.clone(unitShape), input);
      }
      result = tensor::CollapseShapeOp::create(rewriter, loc, type, input, unitDimGroups(rank, dim));
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Permutations and expand
//===----------------------------------------------------------------------===//

/// linalg.transpose of `input` by `perm` (result dim i is input dim perm[i]).
Value transposeTensor(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> perm) {
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return input;
  auto srcType = tensorType(input);
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> sizes;
  for (int64_t p : perm) {
    shape.push_back(srcType.getDimSize(p));
    sizes.push_back(getDimSize(b, loc, input, p));
  }
  Value init = createEmpty(b, loc, srcType.clone(shape), sizes);
  return linalg::TransposeOp::create(b, loc, input, init, perm).getResult()[0];
}

struct PermuteLowering : OpConversionPattern<PermuteOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PermuteOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    int64_t rank = tensorType(adaptor.getSelf()).getRank();
    SmallVector<int64_t> perm;
    for (int64_t d : op.getDims())
      perm.push_back(*normalizeDim(d, rank));
    Value result = transposeTensor(rewriter, op.getLoc(), adaptor.getSelf(), perm);
    rewriter.replaceOp(op, castToType(rewriter, op.getLoc(), result, op.getType()));
    return success();
  }
};

struct TransposeIntLowering : OpConversionPattern<TransposeIntOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TransposeIntOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    int64_t rank = tensorType(adaptor.getSelf()).getRank();
    auto perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    if (rank > 0)
      std::swap(perm[*normalizeDim(op.getDim0(), rank)], perm[*normalizeDim(op.getDim1(), rank)]);
    Value result = transposeTensor(rewriter, op.getLoc(), adaptor.getSelf(), perm);
    rewriter.replaceOp(op, castToType(rewriter, op.getLoc(), result, op.getType()));
    return success();
  }
};

struct TLowering : OpConversionPattern<TOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    int64_t rank = tensorType(adaptor.getSelf()).getRank();
    auto perm = llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, rank)));
    Value result = transposeTensor(rewriter, op.getLoc(), adaptor.getSelf(), perm);
    rewriter.replaceOp(op, castToType(rewriter, op.getLoc(), result, op.getType()));
    return success();
  }
};

/// expand: a broadcasting copy. A dynamic input dim expanded to an explicit size is asserted to already have
/// that size (PyTorch would also broadcast a runtime 1; the affine maps can only broadcast static 1s).
struct ExpandLowering : OpConversionPattern<ExpandOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ExpandOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    auto srcType = tensorType(input);
    ArrayRef<int64_t> targets = op.getSize();
    int64_t lead = targets.size() - srcType.getRank();
    SmallVector<OpFoldResult> sizes;
    for (auto [i, target] : llvm::enumerate(targets)) {
      int64_t j = i - lead;
      if (target == -1) {
        sizes.push_back(getDimSize(rewriter, loc, input, j));
        continue;
      }
      sizes.push_back(rewriter.getIndexAttr(target));
      if (j >= 0 && srcType.isDynamicDim(j))
        assertEqualSizes(rewriter, loc, getDimSize(rewriter, loc, input, j), rewriter.getIndexAttr(target),
                         "inductor: expand of a dynamic dimension whose runtime size differs from the "
                         "expanded size (runtime broadcasting of a size-1 dimension is not supported)");
    }
    // Result type from the sizes, so that broadcast dims (static 1 -> other) are recognised.
    auto type = RankedTensorType::get(shapeOf(sizes), srcType.getElementType());
    Value result = buildElementwise(rewriter, loc, type, input, sizes,
                                    [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// slice / select / cat
//===----------------------------------------------------------------------===//

/// PyTorch's slice bounds clamping on a runtime `size`: returns (start, length).
std::pair<OpFoldResult, OpFoldResult> sliceBounds(OpBuilder &b, Location loc, OpFoldResult size,
                                                  std::optional<int64_t> start, std::optional<int64_t> end,
                                                  int64_t step) {
  if (std::optional<int64_t> s = getConstantIntValue(size)) {
    int64_t lo = start.value_or(0), hi = end.value_or(std::numeric_limits<int64_t>::max());
    if (lo < 0)
      lo += *s;
    if (hi < 0)
      hi += *s;
    lo = std::clamp<int64_t>(lo, 0, *s);
    hi = std::clamp<int64_t>(hi, lo, *s);
    // ceil((hi - lo) / step) without overflow for steps near INT64_MAX.
    int64_t length = hi > lo ? (hi - lo - 1) / step + 1 : 0;
    // An empty slice may start at `size` in PyTorch; extract_slice wants an in-bounds static offset.
    return {b.getIndexAttr(length == 0 ? 0 : lo), b.getIndexAttr(length)};
  }
  Value sz = toValue(b, loc, size), zero = indexConstant(b, loc, 0);
  // A bound b >= 0 clamps to min(b, size); a negative one counts from the end: max(b + size, 0).
  auto clampBound = [&](int64_t bound) -> Value {
    Value c = indexConstant(b, loc, bound);
    if (bound >= 0)
      return arith::MinSIOp::create(b, loc, c, sz);
    return arith::MaxSIOp::create(b, loc, arith::AddIOp::create(b, loc, c, sz), zero);
  };
  Value lo = clampBound(start.value_or(0));
  Value hi = end ? clampBound(*end) : sz;
  hi = arith::MaxSIOp::create(b, loc, hi, lo);
  Value len = arith::SubIOp::create(b, loc, hi, lo);
  if (step != 1) {
    // len > 0 ? (len - 1) / step + 1 : 0, which cannot overflow for steps near INT64_MAX.
    Value one = indexConstant(b, loc, 1);
    Value steps = arith::AddIOp::create(
        b, loc, arith::DivUIOp::create(b, loc, arith::SubIOp::create(b, loc, len, one), indexConstant(b, loc, step)),
        one);
    Value nonEmpty = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, len, zero);
    len = arith::SelectOp::create(b, loc, nonEmpty, steps, zero);
  }
  return {lo, len};
}

struct SliceLowering : OpConversionPattern<SliceTensorOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SliceTensorOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    int64_t rank = tensorType(input).getRank();
    int64_t dim = *normalizeDim(op.getDim(), rank);
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0)), strides(rank, rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> sizes = getDimSizes(rewriter, loc, input);
    auto [start, length] = sliceBounds(rewriter, loc, sizes[dim], op.getStart(), op.getEnd(), op.getStep());
    offsets[dim] = start;
    sizes[dim] = length;
    strides[dim] = rewriter.getIndexAttr(op.getStep());
    Value result = tensor::ExtractSliceOp::create(rewriter, loc, input, offsets, sizes, strides);
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// select: a rank-reducing extract_slice; a negative index counts from the end, and for a dynamic dim the
/// index is asserted in range at run time (PyTorch raises IndexError).
struct SelectLowering : OpConversionPattern<SelectIntOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SelectIntOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    auto srcType = tensorType(input);
    int64_t rank = srcType.getRank();
    int64_t dim = *normalizeDim(op.getDim(), rank);
    int64_t index = op.getIndex();
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0)), strides(rank, rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> sizes = getDimSizes(rewriter, loc, input);
    if (std::optional<int64_t> staticSize = getConstantIntValue(sizes[dim])) {
      offsets[dim] = rewriter.getIndexAttr(index < 0 ? index + *staticSize : index);
    } else {
      Value size = toValue(rewriter, loc, sizes[dim]);
      Value offset = indexConstant(rewriter, loc, index);
      Value inRange;
      if (index >= 0) {
        inRange = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::slt, offset, size);
      } else {
        offset = arith::AddIOp::create(rewriter, loc, offset, size);
        inRange = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::sge, offset,
                                        indexConstant(rewriter, loc, 0));
      }
      cf::AssertOp::create(rewriter, loc, inRange, "inductor: select index is out of range");
      offsets[dim] = offset;
    }
    sizes[dim] = rewriter.getIndexAttr(1);
    SmallVector<int64_t> shape(srcType.getShape());
    shape.erase(shape.begin() + dim);
    auto type = srcType.clone(shape);
    Value result = tensor::ExtractSliceOp::create(rewriter, loc, type, input, offsets, sizes, strides);
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// cat: operands cast to the promoted dtype, legacy empty 1-D tensors dropped (PyTorch skips them), runtime
/// equality of dynamic non-concatenated dims asserted, then tensor.concat.
struct CatLowering : OpConversionPattern<CatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(CatOp op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    SmallVector<Value> inputs;
    for (Value t : adaptor.getTensors()) {
      auto tt = tensorType(t);
      if (tt.getRank() == 1 && tt.getDimSize(0) == 0)
        continue;
      inputs.push_back(castTensor(rewriter, loc, t, elementType));
    }
    if (inputs.empty()) {
      rewriter.replaceOp(op, castToType(rewriter, loc,
                                        createEmpty(rewriter, loc, RankedTensorType::get({0}, elementType), {}),
                                        resultType));
      return success();
    }
    int64_t rank = tensorType(inputs[0]).getRank();
    int64_t dim = *normalizeDim(op.getDim(), rank);
    for (Value in : ArrayRef(inputs).drop_front()) {
      for (int64_t d = 0; d < rank; ++d) {
        if (d == dim || (!tensorType(in).isDynamicDim(d) && !tensorType(inputs[0]).isDynamicDim(d)))
          continue;
        assertEqualSizes(rewriter, loc, getDimSize(rewriter, loc, inputs[0], d), getDimSize(rewriter, loc, in, d),
                         "inductor: cat operands differ in a non-concatenated dimension at run time");
      }
    }
    Value result = inputs.size() == 1 ? inputs[0] : tensor::ConcatOp::create(rewriter, loc, dim, inputs).getResult();
    rewriter.replaceOp(op, castToType(rewriter, loc, result, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Gathers: embedding / index_select
//===----------------------------------------------------------------------===//

/// Asserts that every element of the integer tensor `indices` is in [0, bound): an and-reduction of the
/// range checks followed by cf.assert (PyTorch raises IndexError; negative indices are rejected too).
void assertIndicesInRange(OpBuilder &b, Location loc, Value indices, Value bound, StringRef message) {
  auto type = tensorType(indices);
  int64_t rank = type.getRank();
  Type i1 = b.getI1Type(), i64 = b.getI64Type();
  Value init = createFilled(b, loc, RankedTensorType::get({}, i1), {}, numberConstant(b, loc, 1, i1));
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank), AffineMap::get(rank, 0, {}, b.getContext())};
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::reduction);
  Value bound64 = arith::IndexCastOp::create(b, loc, i64, bound);
  auto check = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{indices}, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value idx = castScalar(nb, nl, args[0], i64);
        Value nonNegative =
            arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::sge, idx, numberConstant(nb, nl, 0, i64));
        Value belowBound = arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt, idx, bound64);
        Value ok = arith::AndIOp::create(nb, nl, nonNegative, belowBound);
        linalg::YieldOp::create(nb, nl, ValueRange{arith::AndIOp::create(nb, nl, args[1], ok)});
      });
  Value allOk = tensor::ExtractOp::create(b, loc, check.getResult(0), ValueRange{});
  cf::AssertOp::create(b, loc, allOk, message);
}

/// An index element as `index`, clamped to [0, last] so that a disabled assert cannot read out of bounds.
Value clampedIndex(OpBuilder &b, Location loc, Value element, Value last) {
  Value idx = arith::IndexCastOp::create(b, loc, b.getIndexType(), element);
  idx = arith::MinSIOp::create(b, loc, idx, last);
  return arith::MaxSIOp::create(b, loc, idx, indexConstant(b, loc, 0));
}

/// A linalg.generic over the result of a gather: `indices` is read through `indexMap`, and `body` gets the
/// (clamped) gathered index with the loop indices and returns the element.
Value buildGather(OpBuilder &b, Location loc, RankedTensorType resultType, ArrayRef<OpFoldResult> sizes,
                  Value indices, AffineMap indexMap, Value bound,
                  function_ref<Value(OpBuilder &, Location, Value, ValueRange)> body) {
  int64_t rank = resultType.getRank();
  Value init = createEmpty(b, loc, resultType, sizes);
  SmallVector<AffineMap> maps = {indexMap, b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  Value last = arith::SubIOp::create(b, loc, bound, indexConstant(b, loc, 1));
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{indices}, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value idx = clampedIndex(nb, nl, args[0], last);
        SmallVector<Value> loopIndices;
        for (int64_t i = 0; i < rank; ++i)
          loopIndices.push_back(linalg::IndexOp::create(nb, nl, i));
        linalg::YieldOp::create(nb, nl, body(nb, nl, idx, loopIndices));
      });
  return generic.getResult(0);
}

struct EmbeddingLowering : OpConversionPattern<EmbeddingOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(EmbeddingOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value weight = adaptor.getWeight(), indices = adaptor.getIndices();
    auto indicesType = tensorType(indices);
    int64_t k = indicesType.getRank();
    Value rows = getDimSizeValue(rewriter, loc, weight, 0);
    assertIndicesInRange(rewriter, loc, indices, rows, "inductor: embedding index out of range in self");
    SmallVector<OpFoldResult> sizes = getDimSizes(rewriter, loc, indices);
    sizes.push_back(getDimSize(rewriter, loc, weight, 1));
    SmallVector<int64_t> shape(indicesType.getShape());
    shape.push_back(tensorType(weight).getDimSize(1));
    auto type = RankedTensorType::get(shape, tensorType(weight).getElementType());
    SmallVector<AffineExpr> indexExprs;
    for (int64_t i = 0; i < k; ++i)
      indexExprs.push_back(rewriter.getAffineDimExpr(i));
    AffineMap indexMap = AffineMap::get(k + 1, 0, indexExprs, rewriter.getContext());
    Value result = buildGather(rewriter, loc, type, sizes, indices, indexMap, rows,
                               [&](OpBuilder &b, Location l, Value idx, ValueRange ivs) -> Value {
                                 return tensor::ExtractOp::create(b, l, weight, ValueRange{idx, ivs[k]});
                               });
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

struct IndexSelectLowering : OpConversionPattern<IndexSelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(IndexSelectOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value self = adaptor.getSelf(), index = adaptor.getIndex();
    auto selfType = tensorType(self), indexType = tensorType(index);
    int64_t rank = selfType.getRank();
    int64_t dim = *normalizeDim(op.getDim(), rank);
    // A 0-dim self behaves as a 1-element vector indexed by a single index.
    Value bound = rank == 0 ? indexConstant(rewriter, loc, 1) : getDimSizeValue(rewriter, loc, self, dim);
    assertIndicesInRange(rewriter, loc, index, bound, "inductor: index_select index out of range in self");
    SmallVector<OpFoldResult> sizes = getDimSizes(rewriter, loc, self);
    SmallVector<int64_t> shape(selfType.getShape());
    AffineMap indexMap;
    if (rank == 0) {
      if (indexType.getRank() == 1) {
        assertEqualSizes(rewriter, loc, getDimSize(rewriter, loc, index, 0), rewriter.getIndexAttr(1),
                         "inductor: index_select index to a 0-dim tensor must have 1 value");
        index = tensor::CollapseShapeOp::create(rewriter, loc, RankedTensorType::get({}, indexType.getElementType()),
                                                castToType(rewriter, loc, index, indexType.clone({1})),
                                                ArrayRef<ReassociationIndices>{});
      }
      indexMap = AffineMap::get(0, 0, {}, rewriter.getContext());
    } else {
      sizes[dim] = indexType.getRank() == 0 ? OpFoldResult(rewriter.getIndexAttr(1))
                                            : getDimSize(rewriter, loc, index, 0);
      shape[dim] = indexType.getRank() == 0 ? 1 : indexType.getDimSize(0);
      if (indexType.getRank() == 0)
        index = tensor::ExpandShapeOp::create(rewriter, loc, indexType.clone({1}), index,
                                              ArrayRef<ReassociationIndices>{},
                                              ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
      indexMap = AffineMap::get(rank, 0, {rewriter.getAffineDimExpr(dim)}, rewriter.getContext());
    }
    auto type = selfType.clone(shape);
    Value result = buildGather(rewriter, loc, type, sizes, index, indexMap, bound,
                               [&](OpBuilder &b, Location l, Value idx, ValueRange ivs) -> Value {
                                 SmallVector<Value> at(ivs);
                                 if (rank > 0)
                                   at[dim] = idx;
                                 return tensor::ExtractOp::create(b, l, self, at);
                               });
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// triu / tril
//===----------------------------------------------------------------------===//

/// Keeps the elements with col - row >= diagonal (triu) or <= diagonal (tril) of the last two dims, zeroes
/// the others.
template <typename OpTy, bool Upper>
struct TriangleLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, OpAdaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getSelf();
    auto type = tensorType(input);
    int64_t rank = type.getRank();
    int64_t diagonal = op.getDiagonal();
    Value result = buildElementwise(
        rewriter, loc, type, input, [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value row = linalg::IndexOp::create(b, l, rank - 2), col = linalg::IndexOp::create(b, l, rank - 1);
          Value offset = arith::SubIOp::create(b, l, col, row);
          Value keep = arith::CmpIOp::create(b, l, Upper ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sle,
                                             offset, indexConstant(b, l, diagonal));
          Value zero = numberConstant(b, l, 0, type.getElementType());
          return arith::SelectOp::create(b, l, keep, args[0], zero);
        });
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

} // namespace

void populateDataMovementPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ViewLikeLowering<ViewOp>, ViewLikeLowering<ReshapeOp>, FlattenLowering, UnsqueezeLowering,
               SqueezeDimLowering, PermuteLowering, TransposeIntLowering, TLowering, ExpandLowering, SliceLowering,
               SelectLowering, CatLowering, EmbeddingLowering, IndexSelectLowering,
               TriangleLowering<TriuOp, /*Upper=*/true>, TriangleLowering<TrilOp, /*Upper=*/false>>(ctx);
}

} // namespace mlir::inductor
