#include "Pipelines/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace mlir::inductor {

// Stages are textual pipelines of upstream passes: the same strings work on the `inductor-opt` command line,
// so every stage can be reproduced and debugged by hand.
static void addPipeline(OpPassManager &pm, const std::string &text) {
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

void buildStrategyStage(OpPassManager &pm, const LowerToLLVMOptions &options) {
  if (!options.microkernels)
    return;
  addPipeline(pm, "func.func(inductor-select-lowering-config{isa=" + options.isa.getValue() +
                      " num-threads=" + std::to_string(options.numThreads.getValue()) +
                      "},inductor-pack-contractions),canonicalize,cse");
}

void buildBufferizationStage(OpPassManager &pm, const LowerToLLVMOptions &) {
  // Strided memref.copy lowers to a call of `memrefCopy` (libmlir_c_runner_utils), which the JIT loads.
  // Fills that CSE merged would otherwise be bufferized as one buffer and copies of it.
  addPipeline(pm, "func.func(inductor-unshare-fills),"
                  "one-shot-bufferize{bufferize-function-boundaries "
                  "function-boundary-type-conversion=identity-layout-map},"
                  "canonicalize,buffer-deallocation-pipeline,canonicalize,"
                  // Returned inputs and constants become bufferization.clone: lower it to alloc + copy.
                  "convert-bufferization-to-memref");
}

void buildLinalgToLLVMStage(OpPassManager &pm, const LowerToLLVMOptions &options) {
  // The microkernels' task loops are scf.parallel: OpenMP runs them on threads unless one thread is asked for
  // (then scf-to-cf turns them into sequential loops).
  bool threads = options.numThreads != 1;
  std::string openmp = threads ? "convert-scf-to-openmp{num-threads=" +
                                     std::to_string(std::max<int64_t>(0, options.numThreads)) + "}," : "";
  // SCF-to-OpenMP wraps each task in a memref.alloca_scope, which must stay a single block until
  // finalize-memref-to-llvm lowers it: so memrefs are lowered before scf-to-cf.
  // Without microkernels, lowering configs (say, written in the input) are ignored: everything is loops.
  std::string microkernels = !options.microkernels ? ""
                             : options.fusionReport ? "inductor-lower-microkernels{report=true},"
                                                    : "inductor-lower-microkernels,";
  // The other large elementwise ops get the threads too (after the microkernels took their epilogues).
  std::string elementwise = threads ? "inductor-parallelize-elementwise," : "";
  // Before the loops exist, so that LLVM's loop vectorizer sees arithmetic rather than libm calls.
  std::string approximate = options.approximateMath ? "inductor-approximate-math," : "";
  // Runs of row-wise ops (softmax, norms) first, block by block in one parallel loop; what is left of the
  // large elementwise ops is split afterwards.
  // Reduction loops and elementwise ops on vectors as wide as the ISA asked for (the host's unless one is
  // named).
  StringRef isa = options.isa.getValue();
  std::string vectorBits = isa == "avx2" ? "256" : isa.starts_with("avx512") || isa == "amx" ? "512" : "-1";
  // Strided copies become linalg.copy before the elementwise split, which then parallelizes them too.
  addPipeline(pm, "func.func(" + approximate + microkernels + "inductor-fuse-rows,inductor-lower-strided-copies," +
                      elementwise + "inductor-lower-reductions{vector-bits=" + vectorBits +
                      "},inductor-vectorize-elementwise{vector-bits=" + vectorBits + "},convert-linalg-to-loops)," +
                      openmp +
                      "lower-affine,expand-strided-metadata,lower-affine,"
                      "finalize-memref-to-llvm{use-generic-functions},convert-scf-to-cf,"
                      // f32 -> bf16 as integer round-to-nearest-even: LLVM would pick vcvtneps2bf16 on
                      // AVX512-BF16 CPUs, which flushes denormal inputs to zero (PyTorch keeps them).
                      "inductor-expand-bf16-casts{isa=" + isa.str() + "},"
                      "convert-vector-to-llvm{enable-amx enable-x86vector},convert-math-to-llvm,convert-math-to-libm,"
                      // One conversion for the rest (arith, index, cf, func, ub, omp): the OpenMP regions
                      // need their bodies converted together with their ops.
                      "convert-to-llvm,reconcile-unrealized-casts,canonicalize,cse");
}

void buildLowerToLLVMPipeline(OpPassManager &pm, const LowerToLLVMOptions &options) {
  buildATenToLinalgStage(pm, options);
  buildStrategyStage(pm, options);
  buildBufferizationStage(pm, options);
  buildLinalgToLLVMStage(pm, options);
}

void registerPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-lower-to-llvm", "Lower aten IR to the LLVM dialect (all stages)", buildLowerToLLVMPipeline);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-aten-to-linalg", "Stage 1: aten -> linalg on tensors, cleaned up", buildATenToLinalgStage);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-strategy", "Stage 1b: lowering configs for contractions, packed B operands",
      buildStrategyStage);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-bufferize", "Stage 2: tensors -> buffers with deallocation", buildBufferizationStage);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "inductor-linalg-to-llvm", "Stage 3: linalg on buffers -> LLVM dialect", buildLinalgToLLVMStage);
}

} // namespace mlir::inductor
