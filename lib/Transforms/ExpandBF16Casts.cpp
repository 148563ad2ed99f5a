//===- ExpandBF16Casts.cpp - Exact bf16 casts as integer arithmetic ---------===//

#include "TargetISA.h"
#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_EXPANDBF16CASTS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {
/// f32 -> bf16 of `input` (a scalar or vector of f32) as round-to-nearest-even on the bits, with NaNs mapped to
/// the quiet NaN 0x7FC0. Unlike upstream's expansion, the NaN select happens on the f32 input, not on the bf16
/// result: a select of bf16 vectors is not legal on AVX2, and LLVM scalarized it, 8 extracts and stores per
/// vector (a [1024, 768] bf16 softmax on one Zen 3 core spent half its time there). A select of i16 lanes does
/// not help: LLVM moves it past the bitcast to bf16 again.
Value emitRoundedBits(OpBuilder &b, Location loc, Value input, Type resultType) {
  auto withShape = [&](Type element) -> Type {
    if (auto shaped = dyn_cast<ShapedType>(resultType))
      return shaped.clone(element);
    return element;
  };
  Type i32Type = withShape(b.getI32Type());
  Type i16Type = withShape(b.getI16Type());
  auto constant = [&](int64_t value) -> Value {
    TypedAttr attr = b.getI32IntegerAttr(value);
    if (auto shaped = dyn_cast<ShapedType>(i32Type))
      attr = SplatElementsAttr::get(shaped, b.getI32IntegerAttr(value));
    return arith::ConstantOp::create(b, loc, i32Type, attr);
  };
  // NaNs become the quiet NaN first, which the rounding below maps to 0x7FC0 (a sign or payload bit could
  // otherwise carry into the exponent: 0x7FFFFFFF would round to -0).
  Value isNaN = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, input, input);
  Value quietNaN = arith::BitcastOp::create(b, loc, input.getType(), constant(0x7FC00000));
  Value bits = arith::BitcastOp::create(b, loc, i32Type, arith::SelectOp::create(b, loc, isNaN, quietNaN, input));
  Value sixteen = constant(16);
  // Ties go to the even result: add 0x7FFF plus the lowest bit that is kept.
  Value keptLowBit = arith::AndIOp::create(b, loc, arith::ShRUIOp::create(b, loc, bits, sixteen), constant(1));
  Value bias = arith::AddIOp::create(b, loc, keptLowBit, constant(0x7FFF));
  Value rounded = arith::ShRUIOp::create(b, loc, arith::AddIOp::create(b, loc, bits, bias), sixteen);
  Value narrowed = arith::TruncIOp::create(b, loc, i16Type, rounded);
  return arith::BitcastOp::create(b, loc, resultType, narrowed);
}

bool isF32ToBF16(arith::TruncFOp op) {
  return getElementTypeOrSelf(op.getType()).isBF16() && getElementTypeOrSelf(op.getIn().getType()).isF32();
}

struct TruncFToBF16 : OpRewritePattern<arith::TruncFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::TruncFOp op, PatternRewriter &rewriter) const override {
    if (!isF32ToBF16(op))
      return rewriter.notifyMatchFailure(op, "not an f32 -> bf16 truncation");
    rewriter.replaceOp(op, emitRoundedBits(rewriter, op.getLoc(), op.getIn(), op.getType()));
    return success();
  }
};

/// With AVX512-BF16, a vector truncation is `vcvtneps2bf16` (one instruction per 16 lanes, where the integer
/// rounding takes eight) unless a lane is denormal, which the instruction flushes to zero and PyTorch keeps:
///   any = or-reduce(lanes that are denormal); cond_br any, ^exact, ^native
///   ^native: the instruction; ^exact: the integer rounding; both continue in the rest of the block.
/// NaNs need no check: the instruction keeps them NaN (quiet, with their sign and upper payload bits, where
/// the integer rounding gives 0x7FC0; PyTorch's own scalar and vector conversions differ there too). Only lanes that are denormal in f32
/// can be denormal in bf16 (the two share the exponent range), so a check of the input covers the output.
/// Vectors of 16 lanes each are checked by `vfpclassps` (one instruction, where the compare on the bits takes
/// three: a [1024, 768] bf16 layer_norm's normalization ran ~15 % slower with it), and a 32-lane vector is
/// converted by one `vcvtne2ps2bf16`.
void expandWithNativeConversion(arith::TruncFOp op) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto type = cast<VectorType>(op.getType());
  Value input = op.getIn();
  int64_t lanes = type.getNumElements();
  auto slice = [&](int64_t offset, int64_t size) -> Value {
    if (offset == 0 && size == lanes)
      return input;
    return vector::ExtractStridedSliceOp::create(b, loc, input, ArrayRef<int64_t>{offset}, ArrayRef<int64_t>{size},
                                                 ArrayRef<int64_t>{1});
  };
  Value any;
  if (lanes % 16 == 0 && type.getRank() == 1) {
    Value denormalClass = LLVM::ConstantOp::create(b, loc, b.getI32Type(), b.getI32IntegerAttr(0x20));
    for (int64_t offset = 0; offset < lanes; offset += 16) {
      Value mask = LLVM::CallIntrinsicOp::create(b, loc, VectorType::get({16}, b.getI1Type()),
                                                 b.getStringAttr("llvm.x86.avx512.fpclass.ps.512"),
                                                 ValueRange{slice(offset, 16), denormalClass})
                       .getResult(0);
      Value some = vector::ReductionOp::create(b, loc, vector::CombiningKind::OR, mask);
      any = any ? arith::OrIOp::create(b, loc, any, some).getResult() : some;
    }
  } else {
    Type i32Type = type.clone(b.getI32Type());
    auto splat = [&](int64_t value) -> Value {
      return arith::ConstantOp::create(b, loc, SplatElementsAttr::get(cast<ShapedType>(i32Type),
                                                                     b.getI32IntegerAttr(value)));
    };
    // |bits| - 1 < 0x7FFFFF (unsigned): zero wraps to the top, normals, infinities and NaNs are above.
    Value magnitude = arith::AndIOp::create(b, loc, arith::BitcastOp::create(b, loc, i32Type, input),
                                            splat(0x7FFFFFFF));
    Value denormal = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                           arith::SubIOp::create(b, loc, magnitude, splat(1)), splat(0x7FFFFF));
    if (type.getRank() != 1)
      denormal = vector::ShapeCastOp::create(b, loc, VectorType::get({lanes}, b.getI1Type()), denormal);
    any = vector::ReductionOp::create(b, loc, vector::CombiningKind::OR, denormal);
  }

  Block *before = op->getBlock();
  Block *rest = before->splitBlock(op);
  Value result = rest->addArgument(type, loc);
  Region *region = before->getParent();
  b.createBlock(region, Region::iterator(rest));
  Value converted;
  if (lanes % 32 == 0 && type.getRank() == 1) {
    auto pairType = VectorType::get({32}, type.getElementType());
    for (int64_t offset = 0; offset < lanes; offset += 32) {
      // The upper half comes from the first operand.
      Value pair = LLVM::CallIntrinsicOp::create(b, loc, pairType,
                                                 b.getStringAttr("llvm.x86.avx512bf16.cvtne2ps2bf16.512"),
                                                 ValueRange{slice(offset + 16, 16), slice(offset, 16)})
                       .getResult(0);
      if (lanes == 32) {
        converted = pair;
        break;
      }
      if (!converted)
        converted = arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
      converted = vector::InsertStridedSliceOp::create(b, loc, pair, converted, ArrayRef<int64_t>{offset},
                                                       ArrayRef<int64_t>{1});
    }
  } else {
    converted = LLVM::FPTruncOp::create(b, loc, type, input);
  }
  Block *native = converted.getParentBlock();
  cf::BranchOp::create(b, loc, rest, ValueRange{converted});
  Block *exact = b.createBlock(region, Region::iterator(rest));
  cf::BranchOp::create(b, loc, rest, ValueRange{emitRoundedBits(b, loc, input, type)});
  b.setInsertionPointToEnd(before);
  cf::CondBranchOp::create(b, loc, any, exact, native);
  op.replaceAllUsesWith(result);
  op.erase();
}

struct ExpandBF16CastsPass : public inductor::impl::ExpandBF16CastsBase<ExpandBF16CastsPass> {
  using ExpandBF16CastsBase::ExpandBF16CastsBase;

  void runOnOperation() override {
    std::optional<TargetISA> target = parseISA(isa);
    if (!target) {
      getOperation()->emitError() << "inductor-expand-bf16-casts: unknown isa '" << isa << "' (expected "
                                  << kISANames << ")";
      return signalPassFailure();
    }
    if (target->avx512Bf16) {
      SmallVector<arith::TruncFOp> vectorCasts;
      getOperation()->walk([&](arith::TruncFOp op) {
        // Blocks can only be split where the region may have several (not in single-block ops such as
        // scf.for, which the pipeline has lowered to branches by now).
        if (isF32ToBF16(op) && llvm::isa<VectorType>(op.getType()) &&
            !op->getParentOp()->hasTrait<OpTrait::SingleBlock>())
          vectorCasts.push_back(op);
      });
      for (arith::TruncFOp op : vectorCasts)
        expandWithNativeConversion(op);
    }
    RewritePatternSet patterns(&getContext());
    patterns.add<TruncFToBF16>(&getContext(), /*benefit=*/2);
    // Upstream's patterns for the rest (bf16 -> f32 is a shift).
    arith::populateExpandBFloat16Patterns(patterns);
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace
