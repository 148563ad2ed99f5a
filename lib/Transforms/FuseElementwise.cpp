//===- FuseElementwise.cpp - Elementwise fusion, recomputing only cheap ops --===//

#include "Contraction.h"
#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;

namespace {
/// A producer that is free to recompute wherever a consumer reads it, however often: its body only
/// reinterprets bits or reads loop indices. Conversions (bf16 -> f32 and the like) are not free: each costs
/// vector instructions, and a broadcast operand is read once per row: a bf16 layer_norm's weight and bias
/// widened for each of 1024 rows instead of once made it 2x slower than the f32 one.
bool isFreeToRecompute(linalg::GenericOp producer) {
  for (Operation &op : producer.getRegion().front().without_terminator())
    if (!isa<arith::BitcastOp, linalg::IndexOp>(op))
      return false;
  return true;
}

/// A producer whose body yields its input unchanged (a transpose or broadcast).
bool isPureCopy(linalg::GenericOp producer) {
  Block &body = producer.getRegion().front();
  return body.getOperations().size() == 1 &&
         llvm::all_of(body.getTerminator()->getOperands(), [](Value v) { return isa<BlockArgument>(v); });
}

bool shouldFuse(OpOperand *fusedOperand) {
  auto producer = fusedOperand->get().getDefiningOp<linalg::GenericOp>();
  auto consumer = dyn_cast<linalg::LinalgOp>(fusedOperand->getOwner());
  if (!producer || !consumer || !producer->hasOneUse())
    return false;
  // Into a contraction only a transpose or broadcast: the microkernels need operands of one element type
  // (a fused f32 -> bf16 weight cast left a bf16 x f32 contraction on plain loops: a BERT layer under bf16
  // autocast took 3.8 s instead of 79 ms). The cast runs once as its own elementwise op instead.
  if (linalg::isaContractionOpInterface(consumer)) {
    if (!isPureCopy(producer) || producer.getNumDpsInputs() != 1)
      return false;
    // ... and only if the contraction keeps operand maps the microkernels take: attention's head
    // transposes ([B, S, H, D] -> [B, H, S, D]) fused into Q K^T left it on plain loops (SDPA on 12 x 128 x 64
    // bf16 heads 1.38 ms, against 0.29 ms with the transposes copied first).
    SmallVector<AffineMap> maps = consumer.getIndexingMapsArray();
    AffineMap producerResult = producer.getIndexingMapMatchingResult(cast<OpResult>(fusedOperand->get()));
    AffineMap fused = producer.getMatchingIndexingMap(producer.getDpsInputOperand(0))
                          .compose(inversePermutation(producerResult))
                          .compose(maps[fusedOperand->getOperandNumber()]);
    bool canonicalBefore = inductor::hasCanonicalContractionMaps(maps);
    maps[fusedOperand->getOperandNumber()] = fused;
    if (canonicalBefore && !inductor::hasCanonicalContractionMaps(maps))
      return false;
  }
  // Every consumer loop indexes the operand: each producer value is still computed once.
  if (consumer.getMatchingIndexingMap(fusedOperand).isPermutation())
    return true;
  return isFreeToRecompute(producer);
}

/// A multi-use elementwise producer that is cheaper to recompute in each consumer than to write and read
/// back: a layer_norm's `x - mean` feeds both the variance's sum and the normalization, and materializing it
/// cost a store and two loads per element ([1024, 768] f32 on Zen 3: one core 186 -> 160 us, two 97 -> 80).
/// Cheap means:
/// - a few arith ops, no math functions and no divisions the vector units lack (integer ones), all loops
///   parallel, one result;
/// - no operand computed by a contraction or convolution, also through reshapes (a linear layer's output
///   reaches its bias add through an expand_shape): such an operand is the kernel's output, and a single
///   consumer lets its epilogue run in the kernel, which copies would undo;
/// - not a pure copy (a transpose or broadcast copied into its readers would be read strided by each, and a
///   transpose must stay one to fold into a contraction's map), and no use is one;
/// - every use fuses (a non-contraction generic reading it through a permutation map), or the copy would be
///   computed twice for nothing;
/// - the copies read no more memory than writing the result once and reading it back per use: with U uses,
///   (U - 1) x the producer's full-size operands <= (U + 1) x its result, in bytes per element.
constexpr int64_t kMaxRecomputedOps = 6;

Value throughReshapes(Value value) {
  while (Operation *op = value.getDefiningOp()) {
    if (!isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::CastOp>(op))
      break;
    value = op->getOperand(0);
  }
  return value;
}

bool isCheapToDuplicate(linalg::GenericOp producer) {
  if (producer.getNumResults() != 1 || producer.getNumLoops() != producer.getNumParallelLoops() ||
      producer->hasOneUse() || producer->use_empty() || isPureCopy(producer))
    return false;
  Block &body = producer.getRegion().front();
  if (static_cast<int64_t>(body.getOperations().size()) - 1 > kMaxRecomputedOps)
    return false;
  for (Operation &op : body.without_terminator())
    if (!isa<arith::ArithDialect>(op.getDialect()) ||
        isa<arith::RemFOp, arith::RemSIOp, arith::RemUIOp, arith::DivSIOp, arith::DivUIOp, arith::CeilDivSIOp,
            arith::CeilDivUIOp, arith::FloorDivSIOp>(op))
      return false;
  int64_t operandBits = 0;
  for (OpOperand *input : producer.getDpsInputOperands()) {
    if (auto source = throughReshapes(input->get()).getDefiningOp<linalg::LinalgOp>())
      if (linalg::isaContractionOpInterface(source) || linalg::isaConvolutionOpInterface(source))
        return false;
    if (producer.getMatchingIndexingMap(input).isPermutation())
      operandBits += getElementTypeOrSelf(input->get().getType()).getIntOrFloatBitWidth();
  }
  int64_t uses = 0;
  for (OpOperand &use : producer->getUses()) {
    auto consumer = dyn_cast<linalg::GenericOp>(use.getOwner());
    if (!consumer || linalg::isaContractionOpInterface(consumer) || isPureCopy(consumer) ||
        !consumer.isDpsInput(&use) || !consumer.getMatchingIndexingMap(&use).isPermutation())
      return false;
    ++uses;
  }
  int64_t resultBits = getElementTypeOrSelf(producer.getResult(0).getType()).getIntOrFloatBitWidth();
  return operandBits * (uses - 1) <= resultBits * (uses + 1);
}

/// Gives every use of each cheap multi-use producer its own copy, which then fuses into its consumer.
/// Consumers first: a cheap producer that reads another one gets its copies before the one it reads is
/// considered, so that one then sees (and copies itself into) each of them.
void duplicateCheapProducers(func::FuncOp func) {
  SmallVector<linalg::GenericOp> candidates;
  func.walk([&](linalg::GenericOp op) { candidates.push_back(op); });
  OpBuilder builder(func.getContext());
  for (linalg::GenericOp producer : llvm::reverse(candidates)) {
    if (!isCheapToDuplicate(producer))
      continue;
    SmallVector<OpOperand *> uses = llvm::map_to_vector(producer->getUses(), [](OpOperand &use) { return &use; });
    for (OpOperand *use : llvm::drop_begin(uses)) {
      builder.setInsertionPoint(producer);
      Operation *copy = builder.clone(*producer);
      use->set(copy->getResult(0));
    }
  }
}

/// Folding a reshape into an elementwise generic by collapsing the generic's loops: an `aten.view` between
/// a linear layer's bias add ([128, 3072]) and its GELU ([1, 128, 3072]) kept them apart, so the GELU ran as
/// its own pass over the GEMM output instead of in the kernel's epilogue. Only all-parallel generics: a
/// contraction must keep the maps the microkernels take.
bool shouldCollapse(OpOperand *operand) {
  auto generic = dyn_cast<linalg::GenericOp>(operand->getOwner());
  if (!generic)
    generic = operand->get().getDefiningOp<linalg::GenericOp>();
  return generic && generic.getNumLoops() == generic.getNumParallelLoops();
}

/// Gives each splat constant operand of a contraction (weights of one value: a zero-initialized LoRA B, a
/// test model's ones) its full bytes as a resource blob. Upstream's elementwise fusion patterns fold a splat
/// input into the body as a scalar, and the contraction, one operand short, was then no contraction any
/// more: a ResNet bottleneck with splat weights ran on plain loops, 24x slower (104 ms against 4.3 on Zen 4).
void keepSplatOperandsOfContractions(func::FuncOp func) {
  func.walk([&](linalg::GenericOp op) {
    if (!linalg::isaContractionOpInterface(op))
      return;
    for (OpOperand *input : op.getDpsInputOperands()) {
      DenseElementsAttr splat;
      auto type = dyn_cast<RankedTensorType>(input->get().getType());
      if (!type || !type.hasStaticShape() || !matchPattern(input->get(), m_Constant(&splat)) || !splat.isSplat() ||
          type.getElementTypeBitWidth() % 8 != 0)
        continue;
      ArrayRef<char> element = splat.getRawData();
      std::vector<char> bytes;
      bytes.reserve(element.size() * type.getNumElements());
      for (int64_t i = 0; i < type.getNumElements(); ++i)
        bytes.insert(bytes.end(), element.begin(), element.end());
      auto attr = DenseResourceElementsAttr::get(type, "splat_operand",
                                                 HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, 64));
      OpBuilder builder(op);
      input->set(arith::ConstantOp::create(builder, op.getLoc(), attr));
    }
  });
}

struct FuseElementwisePass : public inductor::impl::FuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    // Transposes as generics, so that they fuse into their consumers like any free-to-recompute producer:
    // `aten.t` of a weight then becomes the contraction's B[n, k] map, packed straight from the weight
    // (a separate transpose ran one strided element at a time: 128x768 by 3072x768 addmm 78 -> 18 ms).
    IRRewriter rewriter(context);
    SmallVector<linalg::TransposeOp> transposes;
    getOperation().walk([&](linalg::TransposeOp op) { transposes.push_back(op); });
    for (linalg::TransposeOp op : transposes) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::generalizeNamedOp(rewriter, op)))
        return signalPassFailure();
    }
    duplicateCheapProducers(getOperation());
    keepSplatOperandsOfContractions(getOperation());
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, shouldFuse);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, shouldFuse);
    linalg::populateFoldReshapeOpsByCollapsingPatterns(patterns, shouldCollapse);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
