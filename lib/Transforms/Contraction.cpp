#include "Contraction.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"

using namespace mlir;

namespace mlir::inductor {

FailureOr<ContractionMatch> matchContraction(linalg::LinalgOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op))
    return failure();
  FailureOr<linalg::ContractionDimensions> dims = linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 || dims->k.size() != 1)
    return failure();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  MLIRContext *ctx = op.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineExpr> batch;
  for (unsigned b : dims->batch)
    batch.push_back(d(b));
  auto withBatch = [&](unsigned x, unsigned y) {
    SmallVector<AffineExpr> e(batch);
    e.append({d(x), d(y)});
    return AffineMap::get(op.getNumLoops(), 0, e, ctx);
  };
  unsigned m = dims->m[0], n = dims->n[0], k = dims->k[0];
  ContractionMatch match;
  if (maps[0] != withBatch(m, k) || maps[2] != withBatch(m, n))
    return failure();
  if (maps[1] == withBatch(n, k))
    match.transposeB = true;
  else if (maps[1] != withBatch(k, n))
    return failure();
  match.a = op.getDpsInputOperand(0)->get();
  match.b = op.getDpsInputOperand(1)->get();
  match.c = op.getDpsInitOperand(0)->get();
  match.batchRank = batch.size();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  match.m = ranges[m];
  match.n = ranges[n];
  match.k = ranges[k];
  return match;
}

int64_t getPackedBlockColumns(LoweringConfigAttr config) {
  return config.getKind() == MicrokernelKind::AmxBf16 ? 16 : config.getNr();
}

int64_t getPackedKGranularity(LoweringConfigAttr config) {
  return config.getKind() == MicrokernelKind::AmxBf16 ? 32 : 1;
}

SmallVector<AffineMap> getPackedContractionMaps(LoweringConfigAttr config, int64_t batchRank, MLIRContext *ctx) {
  bool amx = config.getKind() == MicrokernelKind::AmxBf16;
  int64_t numLoops = batchRank + (amx ? 5 : 4);
  SmallVector<AffineExpr> batch;
  for (int64_t i = 0; i < batchRank; ++i)
    batch.push_back(getAffineDimExpr(i, ctx));
  auto d = [&](int64_t i) { return getAffineDimExpr(batchRank + i, ctx); };
  auto map = [&](ArrayRef<AffineExpr> tail) {
    SmallVector<AffineExpr> e(batch);
    e.append(tail.begin(), tail.end());
    return AffineMap::get(numLoops, 0, e, ctx);
  };
  int64_t blk = getPackedBlockColumns(config);
  AffineExpr m = d(0), nb = d(1);
  if (amx) {
    AffineExpr kk = d(2), ni = d(3), t = d(4);
    return {map({m, kk * 2 + t}), map({nb, kk, ni, t}), map({m, nb * blk + ni})};
  }
  AffineExpr k = d(2), ni = d(3);
  return {map({m, k}), map({nb, k, ni}), map({m, nb * blk + ni})};
}

SmallVector<utils::IteratorType> getPackedContractionIterators(LoweringConfigAttr config, int64_t batchRank) {
  using utils::IteratorType;
  SmallVector<IteratorType> iterators(batchRank, IteratorType::parallel);
  if (config.getKind() == MicrokernelKind::AmxBf16)
    iterators.append({IteratorType::parallel, IteratorType::parallel, IteratorType::reduction,
                      IteratorType::parallel, IteratorType::reduction});
  else
    iterators.append(
        {IteratorType::parallel, IteratorType::parallel, IteratorType::reduction, IteratorType::parallel});
  return iterators;
}

bool isPackedContraction(linalg::GenericOp op, LoweringConfigAttr config) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return false;
  auto aType = dyn_cast<ShapedType>(op.getDpsInputOperand(0)->get().getType());
  if (!aType || !aType.hasRank())
    return false;
  int64_t batchRank = aType.getRank() - 2;
  if (batchRank < 0)
    return false;
  return op.getIndexingMapsArray() == getPackedContractionMaps(config, batchRank, op.getContext()) &&
         op.getIteratorTypesArray() == getPackedContractionIterators(config, batchRank);
}

} // namespace mlir::inductor
