//===- PackContractions.cpp - Packed B operands for the microkernels ------===//
//
// Rewrites each configured contraction onto a packed B (panels for the FMA kernels, panels of VNNI pairs or
// quads for the dot-product and AMX kernels) so that
// the microkernel reads every B tile or row contiguously. Constant B (frozen weights) is packed here, at
// compile time; otherwise a packing generic runs before the contraction.
//
//===----------------------------------------------------------------------===//

#include "Contraction.h"
#include "Transforms/ConstantBytes.h"
#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_PACKCONTRACTIONS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

int64_t roundUp(int64_t v, int64_t m) { return (v + m - 1) / m * m; }

/// Pads the trailing dims of `t` with zeros up to `shape` (static dims only grow).
Value padTo(OpBuilder &b, Location loc, Value t, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(t.getType());
  if (type.getShape() == shape)
    return t;
  SmallVector<OpFoldResult> low(type.getRank(), b.getIndexAttr(0)), high;
  for (int64_t i = 0; i < type.getRank(); ++i)
    high.push_back(b.getIndexAttr(type.isDynamicDim(i) ? 0 : shape[i] - type.getDimSize(i)));
  Type elt = type.getElementType();
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elt));
  return tensor::PadOp::create(b, loc, type.clone(shape), t, low, high, zero);
}

/// When `t` is a unit-stride `tensor.extract_slice` whose source extends far enough, the same slice grown to
/// `size` along `dim`: the padding of N, whose columns of B and C only ever meet each other and are dropped
/// at the end, need not be zeros. A per-tap convolution window grown this way stays a view of its input
/// instead of a padded copy, and a chain of contractions accumulating into one C keeps the padded C rather
/// than slicing and re-padding it (two 0.8 MiB copies per tap of a 64-channel 56x56 convolution on zmm).
/// Returns `t` when it cannot grow.
Value growSlice(OpBuilder &b, Location loc, Value t, int64_t dim, int64_t size) {
  auto slice = t.getDefiningOp<tensor::ExtractSliceOp>();
  auto type = cast<RankedTensorType>(t.getType());
  if (!slice || type.isDynamicDim(dim) || type.getDimSize(dim) >= size ||
      slice.getSourceType().getRank() != type.getRank() || !slice.hasUnitStride())
    return t;
  std::optional<int64_t> offset = getConstantIntValue(slice.getMixedOffsets()[dim]);
  int64_t available = slice.getSourceType().getDimSize(dim);
  if (!offset || ShapedType::isDynamic(available) || *offset + size > available)
    return t;
  SmallVector<OpFoldResult> sizes = slice.getMixedSizes();
  sizes[dim] = b.getIndexAttr(size);
  SmallVector<int64_t> shape(type.getShape());
  shape[dim] = size;
  return tensor::ExtractSliceOp::create(b, loc, type.clone(shape), slice.getSource(), slice.getMixedOffsets(),
                                        sizes, slice.getMixedStrides());
}

/// The packed layout of B: [batch..., N'/blk, K, blk] panels (FMA), or [batch..., N'/blk, K'/vnni, blk, vnni]
/// (VNNI kinds; blk = 16 for AMX tiles).
struct PackedLayout {
  bool vnniLayout;
  int64_t blk;  // columns per block
  int64_t vnni; // consecutive k per column (VNNI kinds)
  SmallVector<int64_t> packedShape(ArrayRef<int64_t> batch, int64_t paddedK, int64_t paddedN) const {
    SmallVector<int64_t> shape(batch);
    if (vnniLayout)
      shape.append({paddedN / blk, paddedK / vnni, blk, vnni});
    else
      shape.append({paddedN / blk, paddedK, blk});
    return shape;
  }
};

/// Packs a constant B at compile time: element (k, n) of every batch goes to its packed position, padding
/// is zero. Works on the raw bytes, so any byte-sized element type is handled the same way; bf16 into an f32
/// packed type is widened exactly (its bits are the high half of the f32).
Value packConstant(OpBuilder &b, Location loc, ArrayRef<char> raw, bool splat, RankedTensorType srcType,
                   bool transposeB, int64_t batchRank, const PackedLayout &layout, RankedTensorType packedType) {
  int64_t srcBytes = srcType.getElementTypeBitWidth() / 8, bytes = packedType.getElementTypeBitWidth() / 8;
  bool widen = srcType.getElementType().isBF16() && packedType.getElementType().isF32();
  ArrayRef<int64_t> srcShape = srcType.getShape();
  int64_t rows = srcShape[batchRank], cols = srcShape[batchRank + 1];
  int64_t K = transposeB ? cols : rows, N = transposeB ? rows : cols;
  int64_t batchCount = 1;
  for (int64_t i = 0; i < batchRank; ++i)
    batchCount *= srcShape[i];
  ArrayRef<int64_t> p = packedType.getShape().drop_front(batchRank);
  int64_t perBatch = 1;
  for (int64_t s : p)
    perBatch *= s;
  std::vector<char> out(batchCount * perBatch * bytes, 0);
  auto copy = [&](int64_t batch, int64_t dst, int64_t k, int64_t n) {
    if (k >= K || n >= N)
      return;
    int64_t src = batch * rows * cols + (transposeB ? n * cols + k : k * cols + n);
    char *to = &out[(batch * perBatch + dst) * bytes];
    const char *from = &raw[(splat ? 0 : src) * srcBytes];
    if (widen) {
      uint16_t half;
      std::memcpy(&half, from, 2);
      uint32_t word = uint32_t(half) << 16;
      std::memcpy(to, &word, 4);
    } else {
      std::memcpy(to, from, bytes);
    }
  };
  for (int64_t batch = 0; batch < batchCount; ++batch) {
    int64_t dst = 0;
    if (layout.vnniLayout) {
      for (int64_t nb = 0; nb < p[0]; ++nb)
        for (int64_t kk = 0; kk < p[1]; ++kk)
          for (int64_t ni = 0; ni < layout.blk; ++ni)
            for (int64_t t = 0; t < layout.vnni; ++t)
              copy(batch, dst++, kk * layout.vnni + t, nb * layout.blk + ni);
    } else {
      for (int64_t nb = 0; nb < p[0]; ++nb)
        for (int64_t k = 0; k < p[1]; ++k)
          for (int64_t ni = 0; ni < p[2]; ++ni)
            copy(batch, dst++, k, nb * layout.blk + ni);
    }
  }
  auto attr = DenseElementsAttr::getFromRawBuffer(packedType, ArrayRef<char>(out.data(), out.size()));
  return arith::ConstantOp::create(b, loc, packedType, attr);
}

/// A copy generic from `source` into `init` (all loops parallel, `maps` for both), widening bf16 to the packed
/// f32 of the FMA kernels, carrying `config`.
Value buildPackingCopy(OpBuilder &b, Location loc, Value source, Value init, ArrayRef<AffineMap> maps,
                       LoweringConfigAttr config) {
  auto initType = cast<RankedTensorType>(init.getType());
  Type packedElt = initType.getElementType();
  auto copy = linalg::GenericOp::create(
      b, loc, TypeRange{initType}, ValueRange{source}, ValueRange{init}, maps,
      SmallVector<utils::IteratorType>(initType.getRank(), utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value v = args[0];
        if (v.getType() != packedElt) // bf16 widened for the FMA kernels
          v = arith::ExtFOp::create(nb, nl, packedElt, v);
        linalg::YieldOp::create(nb, nl, v);
      });
  copy->setAttr(LoweringConfigAttr::kAttrName, config);
  return copy.getResult(0);
}

/// When B is a gather reshaped to [batch..., K, N] (a copy generic that reads its one input through an affine
/// map: a convolution's im2col patches) and the innermost dim of B's N group is a multiple of nr, a panel's nr
/// columns never straddle that dim, so the panels are themselves a gather of the same input: loops over the
/// packed shape with that dim split in two, B's map composed with the split, then reshaped to the packed type.
/// The patches are then written once, already packed, instead of being written, read and written again (the
/// ResNet stem: 7.4 MB of patches). FMA panels only (no VNNI interleave), no padding.
FailureOr<Value> gatherIntoPanels(OpBuilder &b, Location loc, Value source, int64_t batchRank,
                                  RankedTensorType packedType, LoweringConfigAttr config) {
  int64_t nr = getPackedBlockColumns(config);
  auto collapse = source.getDefiningOp<tensor::CollapseShapeOp>();
  auto gather = collapse ? collapse.getSrc().getDefiningOp<linalg::GenericOp>() : linalg::GenericOp();
  if (!gather || gather.getNumDpsInputs() != 1 || gather.getNumDpsInits() != 1 ||
      gather.getNumParallelLoops() != gather.getNumLoops() ||
      !gather.getMatchingIndexingMap(gather.getDpsInitOperand(0)).isIdentity())
    return failure();
  Block &body = *gather.getBlock();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (body.getOperations().size() != 1 || yield.getValues()[0] != body.getArgument(0))
    return failure();
  Value input = gather.getDpsInputOperand(0)->get();
  if (!isa<RankedTensorType>(input.getType()))
    return failure();
  SmallVector<ReassociationIndices> groups = collapse.getReassociationIndices();
  ArrayRef<int64_t> gatherShape = cast<RankedTensorType>(gather.getResult(0).getType()).getShape();
  if (int64_t(groups.size()) != batchRank + 2)
    return failure();
  const ReassociationIndices &kGroup = groups[batchRank], &nGroup = groups[batchRank + 1];
  for (const ReassociationIndices &group : {kGroup, nGroup})
    for (int64_t d : group)
      if (ShapedType::isDynamic(gatherShape[d]))
        return failure();
  int64_t split = nGroup.back();
  if (gatherShape[split] % nr != 0)
    return failure();

  // The gather's loops in packed order: batch dims, N's outer dims and the split's outer half, K's dims, nr.
  MLIRContext *ctx = b.getContext();
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> gatherDims(gatherShape.size());
  SmallVector<ReassociationIndices> packedGroups;
  auto addLoop = [&](int64_t size) {
    shape.push_back(size);
    packedGroups.back().push_back(shape.size() - 1);
    return getAffineDimExpr(shape.size() - 1, ctx);
  };
  for (int64_t i = 0; i < batchRank; ++i) {
    packedGroups.emplace_back();
    for (int64_t d : groups[i])
      gatherDims[d] = addLoop(gatherShape[d]);
  }
  packedGroups.emplace_back();
  for (int64_t d : ArrayRef<int64_t>(nGroup).drop_back())
    gatherDims[d] = addLoop(gatherShape[d]);
  AffineExpr outer = addLoop(gatherShape[split] / nr);
  packedGroups.emplace_back();
  for (int64_t d : kGroup)
    gatherDims[d] = addLoop(gatherShape[d]);
  packedGroups.emplace_back();
  gatherDims[split] = outer * nr + addLoop(nr);

  AffineMap toGather = AffineMap::get(shape.size(), 0, gatherDims, ctx);
  SmallVector<AffineMap> maps = {gather.getMatchingIndexingMap(gather.getDpsInputOperand(0)).compose(toGather),
                                 AffineMap::getMultiDimIdentityMap(shape.size(), ctx)};
  // The microkernel pass emits the gather with vector loads of input rows.
  std::optional<int64_t> stride = getInnermostStride(maps[0]);
  if (!stride || *stride > nr)
    return failure();

  SmallVector<Value> dynamicSizes;
  for (int64_t i = 0; i < batchRank; ++i)
    for (int64_t d : groups[i])
      if (ShapedType::isDynamic(gatherShape[d]))
        dynamicSizes.push_back(tensor::DimOp::create(b, loc, gather.getDpsInits()[0], d));
  Value init =
      tensor::EmptyOp::create(b, loc, RankedTensorType::get(shape, packedType.getElementType()), dynamicSizes);
  // The config tells inductor-lower-microkernels to emit the gather with vector code.
  Value panels = buildPackingCopy(b, loc, input, init, maps, config);
  return tensor::CollapseShapeOp::create(b, loc, packedType, panels, packedGroups).getResult();
}

/// Packs B at run time with a copy generic over the packed tensor's coordinates.
Value packAtRunTime(OpBuilder &b, Location loc, Value source, bool transposeB, int64_t batchRank,
                    const PackedLayout &layout, RankedTensorType packedType, int64_t paddedK, int64_t paddedN,
                    LoweringConfigAttr config) {
  source = growSlice(b, loc, source, transposeB ? batchRank : batchRank + 1, paddedN);
  auto srcType = cast<RankedTensorType>(source.getType());
  if (!layout.vnniLayout && !transposeB && paddedK == srcType.getDimSize(batchRank)) {
    FailureOr<Value> panels = gatherIntoPanels(b, loc, source, batchRank, packedType, config);
    if (succeeded(panels))
      return *panels;
  }
  SmallVector<int64_t> paddedShape(srcType.getShape());
  paddedShape[batchRank] = transposeB ? paddedN : paddedK;
  paddedShape[batchRank + 1] = transposeB ? paddedK : paddedN;
  Value padded = padTo(b, loc, source, paddedShape);
  SmallVector<Value> dynamicSizes;
  for (int64_t i = 0; i < batchRank; ++i)
    if (srcType.isDynamicDim(i))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, source, i));
  Value init = tensor::EmptyOp::create(b, loc, packedType, dynamicSizes);
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps = {getPackingSourceMap(config, batchRank, transposeB, ctx),
                                 AffineMap::getMultiDimIdentityMap(packedType.getRank(), ctx)};
  // The config tells inductor-lower-microkernels to emit this copy with vector code.
  return buildPackingCopy(b, loc, padded, init, maps, config);
}

LogicalResult packContraction(RewriterBase &rewriter, linalg::LinalgOp op, LoweringConfigAttr config) {
  FailureOr<ContractionMatch> match = matchContraction(op);
  if (failed(match))
    return op->emitError("inductor-pack-contractions: a '")
           << stringifyMicrokernelKind(config.getKind())
           << "' lowering config needs a contraction with one M, N and K dimension (and batch dims) whose "
              "operands are A[batch, m, k], B[batch, k, n] or B[batch, n, k], C[batch, m, n]";
  if (ShapedType::isDynamic(match->n) || ShapedType::isDynamic(match->k))
    return op->emitError("inductor-pack-contractions: a '")
           << stringifyMicrokernelKind(config.getKind()) << "' lowering config needs static N and K";
  Type aElt = getElementTypeOrSelf(match->a.getType()), bElt = getElementTypeOrSelf(match->b.getType());
  Type cElt = getElementTypeOrSelf(match->c.getType());
  MicrokernelKind kind = config.getKind();
  bool bf16Kind = kind == MicrokernelKind::AmxBf16 || kind == MicrokernelKind::Avx512Bf16;
  bool int8Kind = isInt8Kind(kind);
  bool typesOk = bf16Kind   ? aElt.isBF16() && bElt.isBF16() && cElt.isF32()
                 : int8Kind ? aElt.isInteger(8) && bElt.isInteger(8) && cElt.isInteger(32)
                            : (aElt.isF32() || aElt.isBF16()) && (bElt.isF32() || bElt.isBF16()) && cElt.isF32();
  if (!typesOk)
    return op->emitError("inductor-pack-contractions: '")
           << stringifyMicrokernelKind(kind) << "' needs "
           << (bf16Kind   ? "bf16 x bf16 -> f32"
               : int8Kind ? "i8 x i8 -> i32"
                          : "f32 or bf16 x f32 or bf16 -> f32")
           << " operands, got " << aElt << " x " << bElt << " -> " << cElt;
  Type packedElt = getPackedElementType(config, bElt);
  bool widened = bElt != packedElt;
  if (widened && llvm::any_of(op->getRegion(0).getArgument(1).getUsers(), [&](Operation *user) {
        return !isa<arith::ExtFOp>(user) || user->getResult(0).getType() != packedElt;
      }))
    return op->emitError("inductor-pack-contractions: a bf16 contraction for an FMA kernel needs a body that "
                         "only widens B (arith.extf to f32)");
  if (int8Kind) {
    FailureOr<std::pair<bool, bool>> ext = getInt8Extensions(op);
    if (failed(ext))
      return op->emitError("inductor-pack-contractions: '")
             << stringifyMicrokernelKind(kind)
             << "' needs a body that sign- or zero-extends both i8 operands to i32 before multiplying";
    // vpdpbusd multiplies unsigned bytes of A by signed bytes of B.
    if (kind == MicrokernelKind::Avx512Vnni && *ext != std::make_pair(true, false))
      return op->emitError("inductor-pack-contractions: 'avx512_vnni' needs u8 x s8 (A zero-extended, B "
                           "sign-extended), got ")
             << (ext->first ? "u8" : "s8") << " x " << (ext->second ? "u8" : "s8");
  }

  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  int64_t batchRank = match->batchRank;
  int64_t paddedK = roundUp(match->k, getPackedKGranularity(config));
  int64_t paddedN = roundUp(match->n, config.getNr());
  PackedLayout layout{hasVnniLayout(kind), getPackedBlockColumns(config), getVnniFactor(kind)};
  auto bType = cast<RankedTensorType>(match->b.getType());
  auto packedType = RankedTensorType::get(
      layout.packedShape(bType.getShape().take_front(batchRank), paddedK, paddedN), packedElt);

  Value packedB;
  // Constant B: a literal, or a dense_resource (a frozen weight the embedder passed by pointer).
  if (auto bytes = getConstantBytes(match->b))
    packedB = packConstant(rewriter, loc, bytes->first, bytes->second, bType, match->transposeB, batchRank, layout,
                           packedType);
  else
    packedB = packAtRunTime(rewriter, loc, match->b, match->transposeB, batchRank, layout, packedType, paddedK,
                            paddedN, config);

  auto aType = cast<RankedTensorType>(match->a.getType());
  SmallVector<int64_t> aShape(aType.getShape());
  aShape.back() = paddedK;
  Value a = padTo(rewriter, loc, match->a, aShape);
  auto cType = cast<RankedTensorType>(match->c.getType());
  SmallVector<int64_t> cShape(cType.getShape());
  cShape.back() = paddedN;
  Value c = padTo(rewriter, loc, growSlice(rewriter, loc, match->c, cShape.size() - 1, paddedN), cShape);

  auto packed = linalg::GenericOp::create(rewriter, loc, TypeRange{c.getType()}, ValueRange{a, packedB},
                                          ValueRange{c},
                                          getPackedContractionMaps(config, batchRank, op.getContext(), match->batchedA),
                                          getPackedContractionIterators(config, batchRank));
  // The scalar body (extensions, multiply, accumulate) is the original one: same operand element types,
  // except a B widened by the packing, whose own widening in the body goes away.
  rewriter.cloneRegionBefore(op->getRegion(0), packed.getRegion(), packed.getRegion().end());
  if (widened) {
    BlockArgument bArg = packed.getRegion().front().getArgument(1);
    bArg.setType(packedElt);
    for (Operation *user : llvm::make_early_inc_range(bArg.getUsers()))
      rewriter.replaceOp(user, bArg);
  }
  packed->setAttr(LoweringConfigAttr::kAttrName, config);
  if (paddedN != match->n)
    packed->setAttr(LoweringConfigAttr::kValidColumnsAttrName, rewriter.getI64IntegerAttr(match->n));
  Value result = packed.getResult(0);
  if (c != match->c) {
    SmallVector<OpFoldResult> offsets(cType.getRank(), rewriter.getIndexAttr(0)), strides(cType.getRank(),
                                                                                            rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(rewriter, loc, match->c);
    result = tensor::ExtractSliceOp::create(rewriter, loc, cType, result, offsets, sizes, strides);
  }
  rewriter.replaceOp(op, result);
  return success();
}

struct PackContractionsPass : public inductor::impl::PackContractionsBase<PackContractionsPass> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::LinalgOp, LoweringConfigAttr>> work;
    getOperation().walk([&](linalg::LinalgOp op) {
      LoweringConfigAttr config = getLoweringConfig(op);
      if (!config || config.getKind() == MicrokernelKind::Generic)
        return;
      // Already packed (the pass ran before): nothing to do.
      bool transposed;
      if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
          generic && (isPackedContraction(generic, config) || isPackingCopy(generic, config, transposed) ||
                      getPanelGatherStride(generic, config)))
        return;
      work.push_back({op, config});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, config] : work) {
      if (!op.hasPureTensorSemantics()) {
        op->emitError("inductor-pack-contractions: runs on tensors, before bufferization");
        return signalPassFailure();
      }
      if (failed(packContraction(rewriter, op, config)))
        return signalPassFailure();
    }
  }
};

} // namespace
