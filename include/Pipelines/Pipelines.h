#ifndef INDUCTOR_PIPELINES_PIPELINES_H
#define INDUCTOR_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::inductor {

/// Options of the aten -> LLVM pipeline (`inductor-lower-to-llvm`).
struct LowerToLLVMOptions : public PassPipelineOptions<LowerToLLVMOptions> {
  PassOptions::Option<bool> fuseElementwise{
      *this, "fuse-elementwise",
      llvm::cl::desc("Fuse producer/consumer elementwise linalg ops before bufferization"),
      llvm::cl::init(true)};
};

/// Stage 1: aten -> linalg/tensor/arith/math on tensors, cleaned up.
void buildATenToLinalgStage(OpPassManager &pm, const LowerToLLVMOptions &options);
/// Stage 2: tensors -> buffers, with deallocation of temporaries.
void buildBufferizationStage(OpPassManager &pm, const LowerToLLVMOptions &options);
/// Stage 3: linalg on buffers -> loops -> LLVM dialect.
void buildLinalgToLLVMStage(OpPassManager &pm, const LowerToLLVMOptions &options);
/// The whole pipeline: the three stages in order.
void buildLowerToLLVMPipeline(OpPassManager &pm, const LowerToLLVMOptions &options);

/// Registers `inductor-lower-to-llvm` and the stage pipelines with the global registry.
void registerPipelines();

} // namespace mlir::inductor

#endif
