#include "Contraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"

using namespace mlir;

namespace mlir::inductor {

FailureOr<ContractionMatch> matchContraction(linalg::LinalgOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op))
    return failure();
  FailureOr<linalg::ContractionDimensions> dims = linalg::inferContractionDims(op);
  if (failed(dims))
    return failure();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  // An A shared by all batches makes the batch dims look like N dims (in B and C, not in A): C's leading
  // results are the batch.
  if (dims->batch.empty() && dims->n.size() > 1 && maps[2].getNumResults() == dims->n.size() + 1) {
    for (AffineExpr e : maps[2].getResults().drop_back(2)) {
      auto dim = dyn_cast<AffineDimExpr>(e);
      if (!dim || !llvm::is_contained(dims->n, dim.getPosition()))
        return failure();
      dims->batch.push_back(dim.getPosition());
      llvm::erase(dims->n, dim.getPosition());
    }
  }
  if (dims->m.size() != 1 || dims->n.size() != 1 || dims->k.size() != 1)
    return failure();
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
  if (maps[2] != withBatch(m, n))
    return failure();
  if (maps[0] != withBatch(m, k)) {
    if (batch.empty() || maps[0] != AffineMap::get(op.getNumLoops(), 0, {d(m), d(k)}, ctx))
      return failure();
    match.batchedA = false;
  }
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

bool hasCanonicalContractionMaps(ArrayRef<AffineMap> maps) {
  if (maps.size() != 3)
    return false;
  AffineMap a = maps[0], b = maps[1], c = maps[2];
  unsigned loops = c.getNumDims(), rank = c.getNumResults();
  if (rank < 2 || loops != rank + 1 || !c.isProjectedPermutation() || a.getNumDims() != loops ||
      b.getNumDims() != loops)
    return false;
  SmallVector<AffineExpr> batch(c.getResults().drop_back(2));
  AffineExpr m = c.getResult(rank - 2), n = c.getResult(rank - 1), k;
  for (unsigned d = 0; d < loops; ++d)
    if (!c.isFunctionOfDim(d))
      k = getAffineDimExpr(d, c.getContext());
  if (!k)
    return false;
  auto with = [&](ArrayRef<AffineExpr> lead, AffineExpr x, AffineExpr y) {
    SmallVector<AffineExpr> e(lead);
    e.append({x, y});
    return AffineMap::get(loops, 0, e, c.getContext());
  };
  bool aOk = a == with(batch, m, k) || a == with({}, m, k);
  bool bOk = b == with(batch, k, n) || b == with(batch, n, k);
  return aOk && bOk;
}

int64_t getPackedBlockColumns(LoweringConfigAttr config) {
  return isAmx(config.getKind()) ? 16 : config.getNr();
}

int64_t getPackedKGranularity(LoweringConfigAttr config) {
  switch (config.getKind()) {
  case MicrokernelKind::AmxBf16:
  case MicrokernelKind::Avx512Bf16:
  case MicrokernelKind::Avx2Int8:
    return 32;
  case MicrokernelKind::AmxInt8:
  case MicrokernelKind::Avx512Vnni:
    return 64;
  default:
    return 1;
  }
}

SmallVector<AffineMap> getPackedContractionMaps(LoweringConfigAttr config, int64_t batchRank, MLIRContext *ctx,
                                                bool batchedA) {
  bool vnniLayout = hasVnniLayout(config.getKind());
  int64_t vnni = getVnniFactor(config.getKind());
  int64_t numLoops = batchRank + (vnniLayout ? 5 : 4);
  SmallVector<AffineExpr> batch;
  for (int64_t i = 0; i < batchRank; ++i)
    batch.push_back(getAffineDimExpr(i, ctx));
  auto d = [&](int64_t i) { return getAffineDimExpr(batchRank + i, ctx); };
  auto map = [&](ArrayRef<AffineExpr> tail) {
    SmallVector<AffineExpr> e(batch);
    e.append(tail.begin(), tail.end());
    return AffineMap::get(numLoops, 0, e, ctx);
  };
  auto mapA = [&](ArrayRef<AffineExpr> tail) { return batchedA ? map(tail) : AffineMap::get(numLoops, 0, tail, ctx); };
  int64_t blk = getPackedBlockColumns(config);
  AffineExpr m = d(0), nb = d(1);
  if (vnniLayout) {
    AffineExpr kk = d(2), ni = d(3), t = d(4);
    return {mapA({m, kk * vnni + t}), map({nb, kk, ni, t}), map({m, nb * blk + ni})};
  }
  AffineExpr k = d(2), ni = d(3);
  return {mapA({m, k}), map({nb, k, ni}), map({m, nb * blk + ni})};
}

SmallVector<utils::IteratorType> getPackedContractionIterators(LoweringConfigAttr config, int64_t batchRank) {
  using utils::IteratorType;
  SmallVector<IteratorType> iterators(batchRank, IteratorType::parallel);
  if (hasVnniLayout(config.getKind()))
    iterators.append({IteratorType::parallel, IteratorType::parallel, IteratorType::reduction,
                      IteratorType::parallel, IteratorType::reduction});
  else
    iterators.append(
        {IteratorType::parallel, IteratorType::parallel, IteratorType::reduction, IteratorType::parallel});
  return iterators;
}

FailureOr<std::pair<bool, bool>> getInt8Extensions(linalg::LinalgOp op) {
  Block &body = op->getRegion(0).front();
  bool zext[2];
  for (unsigned i = 0; i < 2; ++i) {
    Value arg = body.getArgument(i);
    if (!arg.getType().isInteger(8) || !arg.hasOneUse())
      return failure();
    Operation *user = *arg.getUsers().begin();
    if (!isa<arith::ExtSIOp, arith::ExtUIOp>(user) || !user->getResult(0).getType().isInteger(32))
      return failure();
    zext[i] = isa<arith::ExtUIOp>(user);
  }
  return std::make_pair(zext[0], zext[1]);
}

AffineMap getPackingSourceMap(LoweringConfigAttr config, int64_t batchRank, bool transposeB, MLIRContext *ctx) {
  bool vnniLayout = hasVnniLayout(config.getKind());
  int64_t numLoops = batchRank + (vnniLayout ? 4 : 3), vnni = getVnniFactor(config.getKind());
  int64_t blk = getPackedBlockColumns(config);
  auto d = [&](int64_t i) { return getAffineDimExpr(batchRank + i, ctx); };
  AffineExpr k = vnniLayout ? d(1) * vnni + d(3) : d(1), n = d(0) * blk + d(2);
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < batchRank; ++i)
    exprs.push_back(getAffineDimExpr(i, ctx));
  if (transposeB)
    exprs.append({n, k});
  else
    exprs.append({k, n});
  return AffineMap::get(numLoops, 0, exprs, ctx);
}

/// The body of a packing copy: it yields its input, or (bf16 B for an FMA kernel) the input widened to f32.
static bool isPackingCopyBody(linalg::GenericOp op, LoweringConfigAttr config) {
  Block &body = op.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getValues().size() != 1)
    return false;
  Value yielded = yield.getValues()[0];
  if (auto ext = yielded.getDefiningOp<arith::ExtFOp>(); ext && body.getOperations().size() == 2 &&
                                                         getFmaLanes(config.getKind()) && ext.getType().isF32())
    yielded = ext.getIn();
  else if (body.getOperations().size() != 1)
    return false;
  return yielded == body.getArgument(0);
}

bool isPackingCopy(linalg::GenericOp op, LoweringConfigAttr config, bool &transposeB) {
  if (op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1)
    return false;
  auto outType = dyn_cast<ShapedType>(op.getDpsInitOperand(0)->get().getType());
  if (!outType || !outType.hasRank())
    return false;
  int64_t batchRank = outType.getRank() - (hasVnniLayout(config.getKind()) ? 4 : 3);
  if (batchRank < 0 || !isPackingCopyBody(op, config))
    return false;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!maps[1].isIdentity())
    return false;
  for (bool transposed : {false, true})
    if (maps[0] == getPackingSourceMap(config, batchRank, transposed, op.getContext())) {
      transposeB = transposed;
      return true;
    }
  return false;
}

std::optional<int64_t> getPanelGatherStride(linalg::GenericOp op, LoweringConfigAttr config) {
  if (op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 || hasVnniLayout(config.getKind()) ||
      op.getNumParallelLoops() != op.getNumLoops() || !isPackingCopyBody(op, config))
    return std::nullopt;
  auto outType = dyn_cast<ShapedType>(op.getDpsInitOperand(0)->get().getType());
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!outType || !outType.hasRank() || outType.getRank() < 2 ||
      outType.getDimSize(outType.getRank() - 1) != getPackedBlockColumns(config) || !maps[1].isIdentity())
    return std::nullopt;
  std::optional<int64_t> stride = getInnermostStride(maps[0]);
  // A plain packing copy reads B's rows this way too.
  bool transposeB;
  if (!stride || *stride > getPackedBlockColumns(config) || isPackingCopy(op, config, transposeB))
    return std::nullopt;
  return stride;
}

std::optional<int64_t> getInnermostStride(AffineMap map) {
  if (map.getNumDims() == 0 || map.getNumResults() == 0)
    return std::nullopt;
  unsigned inner = map.getNumDims() - 1;
  ArrayRef<AffineExpr> results = map.getResults();
  if (llvm::any_of(results.drop_back(), [&](AffineExpr e) { return e.isFunctionOfDim(inner); }))
    return std::nullopt;
  MLIRContext *ctx = map.getContext();
  AffineExpr last = results.back(), dim = getAffineDimExpr(inner, ctx);
  // What the innermost dim adds to the index must be `step * dim` for a positive constant step.
  AffineExpr added = simplifyAffineExpr(last - last.replace(dim, getAffineConstantExpr(0, ctx)),
                                        map.getNumDims(), map.getNumSymbols());
  auto step = dyn_cast<AffineConstantExpr>(added.replace(dim, getAffineConstantExpr(1, ctx)));
  if (!step || step.getValue() <= 0 || added != step.getValue() * dim)
    return std::nullopt;
  return step.getValue();
}

bool isPackedContraction(linalg::GenericOp op, LoweringConfigAttr config) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return false;
  auto aType = dyn_cast<ShapedType>(op.getDpsInputOperand(0)->get().getType());
  auto cType = dyn_cast<ShapedType>(op.getDpsInitOperand(0)->get().getType());
  if (!aType || !aType.hasRank() || !cType || !cType.hasRank())
    return false;
  // A has C's batch dims, or none.
  if (aType.getRank() != cType.getRank() && aType.getRank() != 2)
    return false;
  int64_t batchRank = cType.getRank() - 2;
  if (batchRank < 0)
    return false;
  bool batchedA = aType.getRank() == cType.getRank();
  return op.getIndexingMapsArray() == getPackedContractionMaps(config, batchRank, op.getContext(), batchedA) &&
         op.getIteratorTypesArray() == getPackedContractionIterators(config, batchRank);
}

} // namespace mlir::inductor
