#include "Pipelines/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace mlir::inductor {

// Stages are textual pipelines of upstream passes: the same strings work on the `inductor-opt` command line,
// so every stage can be reproduced and debugged by hand.
static void addPipeline(OpPassManager &pm, StringRef text) {
  std::string error;
  llvm::raw_string_ostream os(error);
  if (failed(parsePassPipeline(text, pm, os)))
    llvm::report_fatal_error(llvm::Twine("inductor: malformed built-in pipeline: ") + os.str());
}

void buildATenToLinalgStage(OpPassManager &pm, const LowerToLLVMOptions &options) {
  addPipeline(pm, "convert-aten-to-linalg,canonicalize,cse");
  if (options.fuseElementwise)
    addPipeline(pm, "func.func(inductor-fuse-elementwise),canonicalize,cse");
}

void buildBufferizationStage(OpPassManager &pm, const LowerToLLVMOptions &) {
  // Strided memref.copy lowers to a call of `memrefCopy` (libmlir_c_runner_utils), which the JIT loads.
  addPipeline(pm, "one-shot-bufferize{bufferize-function-boundaries "
                  "function-boundary-type-conversion=identity-layout-map},"
                  "canonicalize,buffer-deallocation-pipeline,canonicalize,"
                  // Returned inputs and constants become bufferization.clone: lower it to alloc + copy.
                  "convert-bufferization-to-memref");
}

void buildLinalgToLLVMStage(OpPassManager &pm, const LowerToLLVMOptions &) {
  addPipeline(pm, "func.func(convert-linalg-to-loops),lower-affine,convert-scf-to-cf,"
                  "expand-strided-metadata,lower-affine,finalize-memref-to-llvm{use-generic-functions},"
                  "convert-math-to-llvm,convert-math-to-libm,convert-arith-to-llvm,convert-index-to-llvm,"
                  "convert-cf-to-llvm,convert-func-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts,"
                  "canonicalize,cse");
}

void buildLowerToLLVMPipeline(OpPassManager &pm, const LowerToLLVMOptions &options) {
  buildATenToLinalgStage(pm, options);
  buildBufferizationStage(pm, options);
  buildLinalgToLLVMStage(pm, options);
}

void registerPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-lower-to-llvm", "Lower aten IR to the LLVM dialect (all stages)", buildLowerToLLVMPipeline);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-aten-to-linalg", "Stage 1: aten -> linalg on tensors, cleaned up", buildATenToLinalgStage);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-bufferize", "Stage 2: tensors -> buffers with deallocation", buildBufferizationStage);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-linalg-to-llvm", "Stage 3: linalg on buffers -> LLVM dialect", buildLinalgToLLVMStage);
}

} // namespace mlir::inductor
