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
  PassOptions::Option<bool> microkernels{
      *this, "microkernels",
      llvm::cl::desc("Lower contractions through the strategy/packing/microkernel passes (AMX, AVX-512); "
                     "false keeps plain loops"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> isa{
      *this, "isa", llvm::cl::desc("Instruction set for the microkernels: host, amx, avx512-bf16, avx512-vnni, avx512, avx2 or generic"),
      llvm::cl::init("host")};
  PassOptions::Option<bool> fusionReport{
      *this, "fusion-report",
      llvm::cl::desc("Remark on each contraction: its kernel and what fused into it, or why not"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> approximateMath{
      *this, "approximate-math",
      llvm::cl::desc("Inline polynomial approximations of f32 exp, tanh, erf, log, ... (vectorizable; "
                     "errors in docs/pipeline.md); false calls the C library"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> numThreads{
      *this, "num-threads",
      llvm::cl::desc("Threads for parallel loops: 0 = one per core (OpenMP; OMP_NUM_THREADS or "
                     "INDUCTOR_NUM_THREADS override at run time), 1 = no threading"),
      llvm::cl::init(0)};
};

/// Stage 1: aten -> linalg/tensor/arith/math on tensors, cleaned up.
void buildATenToLinalgStage(OpPassManager &pm, const LowerToLLVMOptions &options);
/// Stage 1b: choose a lowering config for every contraction and pack its B operand.
void buildStrategyStage(OpPassManager &pm, const LowerToLLVMOptions &options);
/// Stage 2: tensors -> buffers, with deallocation of temporaries.
void buildBufferizationStage(OpPassManager &pm, const LowerToLLVMOptions &options);
/// Stage 3: linalg on buffers -> loops -> LLVM dialect.
void buildLinalgToLLVMStage(OpPassManager &pm, const LowerToLLVMOptions &options);
/// The whole pipeline: the stages in order.
void buildLowerToLLVMPipeline(OpPassManager &pm, const LowerToLLVMOptions &options);

/// Registers `inductor-lower-to-llvm` and the stage pipelines with the global registry.
void registerPipelines();

} // namespace mlir::inductor

#endif
