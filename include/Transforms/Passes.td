#ifndef INDUCTOR_TRANSFORMS_PASSES
#define INDUCTOR_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def FuseElementwise : Pass<"inductor-fuse-elementwise", "func::FuncOp"> {
  let summary = "Fuse elementwise linalg producers into consumers, without recomputation blow-up";
  let description = [{
    Upstream `linalg-fuse-elementwise-ops` fuses an elementwise producer into any `linalg.generic`
    consumer, including contractions: a producer whose operand is indexed by only some of the consumer's
    loops (the A operand of a matmul does not depend on `n`) is then recomputed for every iteration of the
    missing loops. For an erf-based GELU feeding a 3072-deep matmul that made the BERT FFN ~50x slower.

    This pass fuses a producer (with a single use) into a consumer when the consumer reads it with a
    permutation map (every consumer loop indexes it, so each producer value is computed once), or when the
    producer is free to recompute: its body only casts or forwards its inputs (transposes, broadcasts,
    bf16 -> f32 extension). It also runs upstream's reshape propagation and linalg canonicalizations, as
    the upstream pass does.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect"];
}

#endif // INDUCTOR_TRANSFORMS_PASSES
