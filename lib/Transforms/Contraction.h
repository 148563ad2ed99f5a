//===- Contraction.h - Shapes shared by the contraction passes -*- C++ -*-===//
//
// The contraction forms the strategy, packing and microkernel passes agree on: a plain contraction
// (batch..., m, n, k) as aten lowers it, and the packed form inductor-pack-contractions produces.
//
//===----------------------------------------------------------------------===//
#ifndef INDUCTOR_LIB_TRANSFORMS_CONTRACTION_H
#define INDUCTOR_LIB_TRANSFORMS_CONTRACTION_H

#include "Dialect/Inductor/IR/InductorDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::inductor {

/// C[batch..., m, n] += A[batch..., m, k] * B[batch..., k, n] (or B[batch..., n, k] when transposeB). A may
/// also be one matrix A[m, k] shared by every batch (a convolution's weights against its patches).
struct ContractionMatch {
  Value a, b, c;
  bool transposeB = false;
  bool batchedA = true;
  int64_t batchRank = 0;
  /// Sizes (ShapedType::kDynamic when not static).
  int64_t m = 0, n = 0, k = 0;
};

/// Whether contraction operand maps [A, B, C] have the forms matchContraction accepts: C = (batch..., m, n),
/// A = (batch..., m, k) or (m, k), B = (batch..., k, n) or (batch..., n, k), k the one other loop.
bool hasCanonicalContractionMaps(ArrayRef<AffineMap> maps);

/// Matches a linalg contraction with exactly one M, N and K dimension, batch dimensions shared by all
/// operands in the same order, and identity-ordered operand maps as above.
FailureOr<ContractionMatch> matchContraction(linalg::LinalgOp op);

/// An AMX kind: bf16 or int8 tiles.
inline bool isAmx(MicrokernelKind kind) { return kind == MicrokernelKind::AmxBf16 || kind == MicrokernelKind::AmxInt8; }
/// Consecutive k values interleaved per column in packed B (VNNI): 2 for bf16 and avx2_int8, 4 for the
/// other int8 kinds, 1 otherwise.
inline int64_t getVnniFactor(MicrokernelKind kind) {
  switch (kind) {
  case MicrokernelKind::AmxBf16:
  case MicrokernelKind::Avx512Bf16:
  case MicrokernelKind::Avx2Int8:
    return 2;
  case MicrokernelKind::AmxInt8:
  case MicrokernelKind::Avx512Vnni:
    return 4;
  default:
    return 1;
  }
}
/// B packed in VNNI groups ([..., N'/blk, K'/vnni, blk, vnni]): the AMX and the dot-product kinds.
inline bool hasVnniLayout(MicrokernelKind kind) { return isAmx(kind) || isDotKind(kind); }

/// Columns of B per packed block: nr for the FMA and dot panels, 16 (one tile) for AMX.
int64_t getPackedBlockColumns(LoweringConfigAttr config);
/// The element type of packed B: f32 for the FMA kernels (bf16 B is widened once, when packed, so that the
/// kernel's inner loop only runs FMAs), B's own otherwise. One-row (decode) FMA kernels keep bf16 B and
/// widen each vector as they load it: they read every element of B once, from memory, so the widened copy
/// would double their bytes (LLaMA MLP at one token on Zen 3, bf16 weights).
inline Type getPackedElementType(LoweringConfigAttr config, Type bElt) {
  if (getFmaLanes(config.getKind()) && !(bElt.isBF16() && config.getMr() == 1))
    return Float32Type::get(bElt.getContext());
  return bElt;
}
/// The K granularity of the packed layout: one 64-byte tile row for AMX, 16 VNNI groups for the dot kinds
/// (32 bf16 or avx2_int8, 64 int8 quads: the packing transposes 16x16 blocks of VNNI groups), 1 otherwise.
int64_t getPackedKGranularity(LoweringConfigAttr config);

/// Indexing maps and iterator types of the packed contraction for `batchRank` batch dims.
///   avx512_fma loops (batch..., m, nb, k, ni):     A(b, m, k)        Bp(b, nb, k, ni)     C(b, m, nb*blk + ni)
///   VNNI kinds loops (batch..., m, nb, kk, ni, t):  A(b, m, v*kk + t) Bp(b, nb, kk, ni, t) C(b, m, nb*blk + ni)
///   with v the VNNI factor (amx_*, avx512_bf16, avx512_vnni).
/// `batchedA` false: A is indexed (m, k) only.
SmallVector<AffineMap> getPackedContractionMaps(LoweringConfigAttr config, int64_t batchRank, MLIRContext *ctx,
                                                bool batchedA = true);
SmallVector<utils::IteratorType> getPackedContractionIterators(LoweringConfigAttr config, int64_t batchRank);

/// The map from the packing loops (batch..., packed dims...) to the (padded) B operand: B[batch, k, n] (or
/// B[batch, n, k] when transposeB) for Bp[batch, nb, k, ni] (FMA) or Bp[batch, nb, kk, ni, t] (VNNI kinds).
AffineMap getPackingSourceMap(LoweringConfigAttr config, int64_t batchRank, bool transposeB, MLIRContext *ctx);

/// True when `op` is the run-time packing copy of B built by inductor-pack-contractions for `config`; sets
/// `transposeB` to the layout of its source.
bool isPackingCopy(linalg::GenericOp op, LoweringConfigAttr config, bool &transposeB);

/// When `op` is a run-time panel gather built by inductor-pack-contractions for `config` (FMA panels gathered
/// straight from a convolution's input: loops over the packed shape, the innermost of nr columns, which reads
/// its input's last dim `stride` elements apart), returns that stride.
std::optional<int64_t> getPanelGatherStride(linalg::GenericOp op, LoweringConfigAttr config);

/// The constant step of `map`'s results along its innermost dim when only the last result depends on it,
/// linearly and increasing (a row read `stride` elements apart).
std::optional<int64_t> getInnermostStride(AffineMap map);

/// True when `op` is a packed contraction (maps and operand ranks as above, A batched like C or shared by all
/// batches) carrying `config`.
bool isPackedContraction(linalg::GenericOp op, LoweringConfigAttr config);

/// For an int8 contraction body: whether A and B are zero-extended (unsigned) or sign-extended (signed) to
/// i32 before the multiply; failure when an operand is used otherwise (e.g. multiplied in i8).
FailureOr<std::pair<bool, bool>> getInt8Extensions(linalg::LinalgOp op);

/// The lowering config attached to `op`, if any.
inline LoweringConfigAttr getLoweringConfig(Operation *op) {
  return op->getAttrOfType<LoweringConfigAttr>(LoweringConfigAttr::kAttrName);
}

} // namespace mlir::inductor

#endif
