//===- UnshareFills.cpp - One linalg.fill per user before bufferization ---===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_UNSHAREFILLS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;

namespace {
/// The fill's destination with the ops that made it, when it is a tensor.empty seen through reshapes (the
/// chain to clone along with the fill: sharing one empty tensor would bring the conflict back).
SmallVector<Operation *> emptyDestinationChain(linalg::FillOp fill) {
  SmallVector<Operation *> chain;
  Value v = fill.getOutputs()[0];
  while (Operation *def = v.getDefiningOp()) {
    chain.push_back(def);
    if (isa<tensor::EmptyOp>(def)) {
      std::reverse(chain.begin(), chain.end());
      return chain;
    }
    if (!isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def))
      break;
    v = def->getOperand(0);
  }
  return {};
}

struct UnshareFillsPass : public inductor::impl::UnshareFillsBase<UnshareFillsPass> {
  void runOnOperation() override {
    // Uses in program order (a pre-order walk); the first keeps the original fill.
    llvm::MapVector<Operation *, SmallVector<OpOperand *>> uses;
    getOperation().walk<WalkOrder::PreOrder>([&](Operation *op) {
      for (OpOperand &operand : op->getOpOperands())
        if (auto fill = operand.get().getDefiningOp<linalg::FillOp>(); fill && fill.hasPureTensorSemantics())
          uses[fill].push_back(&operand);
    });
    for (auto &[fillOp, fillUses] : uses) {
      auto fill = cast<linalg::FillOp>(fillOp);
      // Another destination (a tensor with contents) would be shared by the clones all the same.
      SmallVector<Operation *> chain = emptyDestinationChain(fill);
      if (chain.empty())
        continue;
      for (OpOperand *use : llvm::drop_begin(fillUses)) {
        OpBuilder builder(use->getOwner());
        IRMapping mapping;
        for (Operation *op : chain)
          builder.clone(*op, mapping);
        Operation *copy = builder.clone(*fill, mapping);
        use->set(copy->getResult(0));
      }
    }
  }
};
} // namespace
